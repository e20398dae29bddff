"""Choices as people say them (policy/choosing.py): ids, labels, short forms — in options,
questions and case.toml alike; places with a slip get "did you mean"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dossier_fixtures import CASE_TEXT, TODAY, run, write_case

from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text
from offsite_cli.policy import choosing, profiles

POLICY = profiles.load(profiles.DEFAULT_PROFILE)


@pytest.mark.parametrize(("kind", "said", "meant"), [
    ("insurance", "城乡居民医保", "resident"), ("insurance", "居民", "resident"),
    ("insurance", "职工", "employee"), ("insurance", "职工医保", "employee"),
    ("insurance", "Residents' insurance", "resident"), ("insurance", "EMPLOYEE", "employee"),
    ("care", "住院", "inpatient"), ("care", "门特", "special-outpatient"),
    ("care", "门诊慢特病", "special-outpatient"), ("care", "急诊留观", "emergency-observation"),
    ("care", "普通门诊", "outpatient"), ("care", "药店购药", "pharmacy"),
    ("category", "异地转诊人员", "referral"), ("category", "转诊", "referral"),
    ("category", "异地安置退休人员", "resettled-retiree"), ("category", "常驻异地工作", "stationed-worker"),
    ("category", "异地急诊抢救", "emergency"), ("category", "Referred patient", "referral"),
    ("category", "其他临时外出就医人员", "temporary"),
])
def test_labels_and_short_forms_name_their_choice(kind: str, said: str, meant: str) -> None:
    assert choosing.lookup(kind, said, POLICY) == meant


def test_a_word_of_no_choice_is_refused_with_the_option_as_typed() -> None:
    with pytest.raises(BadInput) as caught:
        choosing.resolve("insurance", "商业保险", "--insurance", POLICY)
    said = text(caught.value.message, "zh", **caught.value.params)
    assert said.startswith("--insurance：值 “商业保险” 无效")
    assert "employee（职工医保） | resident（城乡居民医保）" in said


def test_options_take_chinese_labels_and_short_forms() -> None:
    result = run("check", "--insured-region", "晋城", "--treatment-region", "徐汇区",
                 "--insurance", "城乡居民医保", "--category", "异地转诊人员", "--care", "住院",
                 "--admitted", "2026-11-02", "--discharged", "2026-11-13", "--filed",
                 "--no-direct-settlement", "--today", TODAY, "--json", "--no-input")
    assert result.exit_code == 0, result.stderr
    situation = json.loads(result.stdout)["situation"]
    assert (situation["insurance"], situation["category"], situation["care"]) == \
        ("resident", "referral", "inpatient")
    short = run("check", "--insured-region", "晋城", "--treatment-region", "徐汇区",
                "--insurance", "职工", "--category", "stationed-worker", "--care", "门特",
                "--today", TODAY, "--json", "--no-input")
    assert short.exit_code == 0, short.stderr
    assert json.loads(short.stdout)["situation"]["care"] == "special-outpatient"


@pytest.mark.parametrize(("option", "value"), [("--insurance", "boss"), ("--category", "老板"),
                                               ("--care", "surgery")])
def test_a_bad_choice_names_the_option(option: str, value: str) -> None:
    arguments = {"--insured-region": "晋城", "--treatment-region": "徐汇区", "--insurance": "employee",
                 "--category": "referral", "--care": "inpatient", option: value}
    result = run("check", *[part for pair in arguments.items() for part in pair], "--no-input",
                 "--lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: {option}: '{value}' is not valid"), result.stderr


def test_dossier_new_and_case_toml_take_them_too(tmp_path: Path) -> None:
    from offsite_cli.dossier import case as case_file

    result = run("dossier", "new", str(tmp_path / "d"), "--insured-region", "晋城",
                 "--treatment-region", "北京市朝阳区", "--insurance", "居民", "--category", "转诊",
                 "--care", "住院", "--today", TODAY, "--no-input")
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "d" / "case.toml").read_text(encoding="utf-8")
    assert 'insurance = "resident"' in written and 'category = "referral"' in written
    write_case(tmp_path / "e", CASE_TEXT.replace('"employee"', '"职工医保"')
               .replace('"stationed-worker"', '"常驻异地工作人员"').replace('"inpatient"', '"住院"'))
    case = case_file.load(tmp_path / "e")
    assert (case.insurance, case.category, case.care) == ("employee", "stationed-worker", "inpatient")
    write_case(tmp_path / "f", CASE_TEXT.replace('care = "inpatient"', 'care = "手术"'))
    with pytest.raises(BadInput) as caught:
        case_file.load(tmp_path / "f")
    assert "episode.care = 手术" in text(caught.value.message, "en", **caught.value.params)


def test_a_misspelt_place_gets_did_you_mean() -> None:
    result = run("check", "--insured-region", "晋成", "--treatment-region", "徐汇区", "--no-input")
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：--insured-region：找不到地区 “晋成”，是否想输入：山西省晋城市 140500")
    english = run("check", "--insured-region", "晋城", "--treatment-region", "昆名市", "--no-input",
                  "--lang", "en")
    assert "did you mean 云南省昆明市 530100" in english.stderr


def test_an_ambiguous_place_is_picked_by_number(monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.cli import check as check_module

    monkeypatch.setattr(check_module, "interactive", lambda no_input: not no_input)
    situation = ["--insured-region", "晋城", "--insurance", "employee", "--category", "referral",
                 "--care", "inpatient", "--admitted", "2026-11-02", "--discharged", "2026-11-13",
                 "--filed", "--no-direct-settlement", "--today", TODAY]
    result = run("check", *situation, input="朝阳区\n7\n2\n")
    assert result.exit_code == 0, result.stderr
    assert "1 北京市朝阳区 110105" in result.stderr and "2 吉林省长春市朝阳区 220104" in result.stderr
    assert "“7” 不是 1–2 的编号" in result.stderr
    assert "→ 吉林省长春市朝阳区 220104" in result.stderr
    again = run("check", *situation, input="朝阳区\n\n徐汇区\n")  # Enter: type the place again
    assert again.exit_code == 0 and "→ 上海市徐汇区 310104" in again.stderr


def test_errors_name_the_option_as_typed_not_a_bare_name() -> None:
    base = ["check", "--insured-region", "晋城", "--treatment-region", "徐汇区", "--insurance",
            "employee", "--category", "referral", "--care", "inpatient", "--today", TODAY,
            "--no-input"]
    order = run(*base, "--admitted", "2026-11-05", "--discharged", "2026-11-01", "--lang", "en")
    assert order.stderr.startswith("error: --discharged: 2026-11-01 is before the admission date")
    lang = run(*base, "--lang", "fr")
    assert "--lang" in lang.stderr and "fr" in lang.stderr
    key = run("config", "get", "unit.nmae", "--lang", "en")
    assert key.stderr.startswith("error: KEY: no setting 'unit.nmae'")
