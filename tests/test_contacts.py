"""What the forms need besides the episode (issue 9, point 11): phones, the bank account, a
minor's guardian and the unit's address, contact and phone — entered as options, answers,
case.toml keys and settings, filled on the forms, the account masked wherever it is printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from dossier_fixtures import CASE_TEXT, TODAY, run, write_case
from pypdf import PdfReader

from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text
from offsite_cli.dossier import case as case_file

CHILD = "140502201506011236"
GUARDIAN = "140502198203152221"
ACCOUNT = "6217000012345678901"


def form_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace(" ", "")


def test_dossier_new_options_fill_the_forms_of_a_minor(tmp_path: Path) -> None:
    folder = tmp_path / "child"
    result = run("dossier", "new", str(folder), "--insured-region", "晋城", "--treatment-region",
                 "北京市朝阳区", "--insurance", "居民", "--category", "转诊", "--care", "住院",
                 "--admitted", "2026-11-02", "--discharged", "2026-11-13", "--not-filed",
                 "--no-direct-settlement", "--name", "张小明", "--id-number", CHILD,
                 "--phone", "13900000000", "--bank", "中国银行晋城分行", "--bank-account",
                 "6217 0000 1234 5678 901", "--guardian-name", "张伟", "--guardian-id-number",
                 GUARDIAN, "--guardian-relation", "父子", "--guardian-phone", "13800000000",
                 "--today", TODAY, "--no-input")
    assert result.exit_code == 0, result.stderr
    written = (folder / "case.toml").read_text(encoding="utf-8")
    assert f'bank_account = "{ACCOUNT}"' in written and "[guardian]" in written
    case = case_file.load(folder)
    assert case.guardian and case.guardian.id_number and case.guardian.id_number.value == GUARDIAN
    forms = run("dossier", "forms", str(folder), "--today", TODAY, "--no-input")
    assert forms.exit_code == 0, forms.stderr
    application = form_text(folder / "forms" / "reimbursement-application.pdf")
    for value in ("张伟", GUARDIAN, "中国银行晋城分行", ACCOUNT, "13800000000"):
        assert value in application, value
    filing = form_text(folder / "forms" / "filing-form.pdf")
    for value in ("张伟", GUARDIAN, "父子", "13800000000"):
        assert value in filing, value
    assert ACCOUNT not in forms.stdout + forms.stderr
    assert "guardian applies" not in run("dossier", "forms", str(folder), "--today", TODAY,
                                         "--lang", "en").stderr
    # the same minor with no [guardian]: the forms leave it blank, and say so (found by a review)
    case_toml = folder / "case.toml"
    case_toml.write_text(written.split("[guardian]")[0], encoding="utf-8")
    alone = run("dossier", "forms", str(folder), "--today", TODAY, "--lang", "en")
    assert alone.exit_code == 0 and "The person is a minor (11): the guardian applies" in alone.stderr
    assert "[guardian]" in alone.stderr


def test_the_unit_details_come_from_case_toml_else_the_settings(tmp_path: Path) -> None:
    for key, value in (("unit.name", "晋城市某某有限公司"), ("unit.address", "晋城市城区某某路1号"),
                       ("unit.contact", "李四"), ("unit.phone", "0356-1234567")):
        stored = run("config", "set", key, value)
        assert stored.exit_code == 0, stored.stderr
    bad = run("config", "set", "unit.phone", "电话", "--lang", "en")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: unit.phone: '电话' is not a phone")
    emergency = CASE_TEXT.replace('"stationed-worker"', '"emergency"').replace("filed = true",
                                                                             "filed = false")
    write_case(tmp_path / "d", emergency)
    result = run("dossier", "forms", str(tmp_path / "d"), "--form", "unit-certificate",
                 "--today", TODAY, "--no-input")
    assert result.exit_code == 0, result.stderr
    certificate = form_text(tmp_path / "d" / "forms" / "unit-certificate.pdf")
    assert "晋城市城区某某路1号" in certificate and "李四" in certificate and "0356-1234567" in certificate
    write_case(tmp_path / "e", emergency.replace(
        'region = "140500"', 'region = "140500"\nunit_contact = "王五"\nunit_phone = "13700000000"'))
    run("dossier", "forms", str(tmp_path / "e"), "--form", "unit-certificate", "--today", TODAY,
        "--no-input")
    certificate = form_text(tmp_path / "e" / "forms" / "unit-certificate.pdf")
    assert "王五" in certificate and "13700000000" in certificate and "李四" not in certificate


@pytest.mark.parametrize(("table", "good", "bad", "named", "hidden"), [
    ("person", 'bank_account = "6217 0000 1234 5678"', 'bank_account = "6217-0000-ABCD-5678"',
     "person.bank_account", "6217-0000"),
    ("person", 'phone = "0356-1234567"', 'phone = "call me"', "person.phone", None),
    ("guardian", f'id_number = "{GUARDIAN}"', 'id_number = "1405021982"', "guardian.id_number",
     "1405021982"),
    ("insured", "unit_phone = 13700000000", 'unit_phone = "无"', "insured.unit_phone", None),
])
def test_a_value_is_checked_its_key_named_and_a_number_masked(
        tmp_path: Path, table: str, good: str, bad: str, named: str, hidden: str | None) -> None:
    body = CASE_TEXT if f"[{table}]" in CASE_TEXT else CASE_TEXT + f"\n[{table}]\n"
    write_case(tmp_path / "good", body.replace(f"[{table}]\n", f"[{table}]\n{good}\n", 1))
    case_file.load(tmp_path / "good")
    write_case(tmp_path / "d", body.replace(f"[{table}]\n", f"[{table}]\n{bad}\n", 1))
    with pytest.raises(BadInput) as caught:
        case_file.load(tmp_path / "d")
    said = text(caught.value.message, "en", **caught.value.params)
    assert named in said and "one of" not in said, said
    if hidden:
        assert hidden not in said, said


def test_an_unknown_id_number_prints_as_a_blank_as_wide_as_an_id(tmp_path: Path) -> None:
    """Once a blank of 8 underscores, about 9 characters wide, for 18 digits."""
    from offsite_cli.pdf import forms

    assert len(forms._blank_for("id_number", "zh")) >= 18
    assert str(forms._blank_for("admitted", "zh")) == "______年____月____日"
    assert not forms._blank_for("phone", "zh")  # false in a template's {% if %}
    write_case(tmp_path / "d", CASE_TEXT.replace('name = "张伟"\n', "").replace(
        "id_number", "# id_number").replace('"stationed-worker"', '"emergency"'))
    result = run("dossier", "forms", str(tmp_path / "d"), "--form", "unit-certificate",
                 "--today", TODAY, "--no-input")
    assert result.exit_code == 0, result.stderr
    said = PdfReader(tmp_path / "d" / "forms" / "unit-certificate.pdf").pages[0].extract_text()
    blank = said.split("公民身份号码：", 1)[1].split("）", 1)[0]
    assert not blank.strip() and len(blank) >= 36, repr(blank)  # half-width spaces: 18 digits


def test_dossier_new_asks_for_the_guardian_of_a_minor_only(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.cli import common

    monkeypatch.setattr(common, "interactive", lambda no_input: not no_input)
    situation = ["--insured-region", "晋城", "--treatment-region", "北京市朝阳区", "--insurance",
                 "resident", "--category", "referral", "--care", "inpatient", "--admitted",
                 "2026-11-02", "--discharged", "2026-11-13", "--not-filed",
                 "--no-direct-settlement", "--hospital", "某医院", "--amount", "1", "--today", TODAY]
    answers = "\n".join(["张小明", CHILD, "", "", "", "张伟", GUARDIAN, "父子", "138 0000 0000"]) + "\n"
    result = run("dossier", "new", str(tmp_path / "kid"), *situation, input=answers)
    assert result.exit_code == 0, result.stderr
    assert "监护人身份证号码，可留空" in result.stderr
    guardian = case_file.load(tmp_path / "kid").guardian
    assert guardian and (guardian.name, guardian.relation, guardian.phone) == ("张伟", "父子", "13800000000")
    adult = run("dossier", "new", str(tmp_path / "adult"), *situation,
                input="\n".join(["张伟", GUARDIAN, "", "", ""]) + "\n")
    assert adult.exit_code == 0 and "监护人" not in adult.stderr
