"""`offsite dossier new`: case.toml, README.txt and sub-folders; refusals; prompts; nothing half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dossier_fixtures import (
    ID_NUMBER, REQUIRED, TODAY, run, run_json, snapshot,
)

from offsite_cli.dossier import case as case_file
from offsite_cli.cli import common

OPTIONS = [
    "--insured-region", "晋城市", "--treatment-region", "徐汇区", "--insurance", "employee",
    "--category", "stationed-worker", "--care", "inpatient", "--admitted", "2026-11-02",
    "--discharged", "2026-11-13", "--filed", "--no-direct-settlement", "--today", TODAY,
]


def new(folder: Path, *extra: str):  # noqa: ANN201
    return run("dossier", "new", str(folder), *OPTIONS, "--no-input", *extra)


def test_new_writes_case_readme_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "张伟-2026-11"
    result = new(folder, "--name", "张伟", "--id-number", ID_NUMBER, "--hospital", "上海市示例医院",
                 "--amount", "12,873.5")
    assert result.exit_code == 0, result.stderr
    assert ID_NUMBER not in result.stdout
    case = case_file.load(folder, None)
    assert case.name == "张伟" and case.amount == 12873.50
    assert case.insured_region and case.insured_region.code == "140500"
    assert case.id_number and case.id_number.value == ID_NUMBER
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "必需材料" in readme and "医疗费用明细清单" in readme and ID_NUMBER not in readme
    folders = sorted(p.name for p in folder.iterdir() if p.is_dir())
    assert len(folders) == len(REQUIRED)
    assert "receipt-医疗费用收据（发票）原件" in folders
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    checked, report = run_json("dossier", "check", str(folder), "--today", TODAY)
    assert checked.exit_code == 1
    assert {d: report["documents"][d]["folder"] for d in REQUIRED} == {
        d: next(name for name in folders if name.startswith(d + "-")) for d in REQUIRED}


def test_new_in_english_json(tmp_path: Path) -> None:
    result, data = run_json("dossier", "new", str(tmp_path / "d"), *OPTIONS, "--no-input",
                            "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert data["folders"] == REQUIRED
    assert data["route"] == "manual_reimbursement" and data["replaced"] is False
    assert {Path(p).name for p in data["written"]} == {"case.toml", "README.txt"}
    readme = (tmp_path / "d" / "README.txt").read_text(encoding="utf-8")
    assert "Required documents" in readme and "receipt/" in readme


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    assert new(folder, "--name", "张伟").exit_code == 0
    before = snapshot(folder)
    result = new(folder, "--name", "李四")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--force" in result.stderr
    assert snapshot(folder) == before
    forced = run("dossier", "new", str(folder), "--no-input", "--force", "--hospital", "某医院",
                 "--today", TODAY)
    assert forced.exit_code == 0, forced.stderr
    case = case_file.load(folder, None)
    assert case.name == "张伟" and case.hospital == "某医院" and case.care == "inpatient"


@pytest.mark.parametrize(("extra", "named"), [
    (["--id-number", ID_NUMBER[:17] + ("1" if ID_NUMBER[17] != "1" else "2")], "--id-number"),
    (["--amount", "lots"], "--amount"),
    (["--admitted", "2026-11-31"], "--admitted"),
    (["--category", "astronaut"], "category"),
])
def test_bad_values_write_nothing(tmp_path: Path, extra: list[str], named: str) -> None:
    folder = tmp_path / "d"
    arguments = list(OPTIONS)
    if extra[0] in arguments:
        index = arguments.index(extra[0])
        del arguments[index:index + 2]
    result = run("dossier", "new", str(folder), *arguments, *extra, "--no-input")
    assert result.exit_code == 2, result.output
    assert named in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not folder.exists()


def test_missing_option_without_a_terminal(tmp_path: Path) -> None:
    result = run("dossier", "new", str(tmp_path / "d"), "--insured-region", "晋城市")
    assert result.exit_code == 2 and "--treatment-region" in result.stderr
    assert not (tmp_path / "d").exists()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert new(tmp_path / "file").exit_code == 2


def test_prompts_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "interactive", lambda no_input: not no_input)
    answers = "\n".join([
        "徐汇区",  # treatment place
        "inpatient",  # care
        "王芳",  # name
        "123",  # a bad ID number: asked again
        "",  # left empty
        "上海市示例医院",  # hospital
        "2026-11-02",  # admitted
        "",  # discharged: empty
        "",  # filed: a fact, no default — asked again
        "y",  # filed
        "否",  # direct settlement
        "800",  # amount
        "１３８ ０００ ０００００",  # phone, full-width digits from an input method
        "中国银行晋城分行",  # bank
        "6217 0000 1234 5678 901",  # bank account, in groups
    ]) + "\n"
    result = run("dossier", "new", str(tmp_path / "d"), "--insured-region", "晋城市",
                 "--insurance", "employee", "--category", "stationed-worker", "--today", TODAY,
                 input=answers)
    assert result.exit_code == 0, (result.output, result.stderr)
    assert "→ 上海市徐汇区 310104" in result.stderr  # the region the typed name resolved to
    assert result.stderr.count("是否已备案") == 2 and "(y)" not in result.stderr
    case = case_file.load(tmp_path / "d", None)
    assert case.name == "王芳" and case.id_number is None and case.filed is True
    assert case.direct_settlement is False and case.amount == 800 and case.discharged is None
    assert (case.phone, case.bank, case.bank_account) == ("13800000000", "中国银行晋城分行",
                                                          "6217000012345678901")
    assert "银行账号，可留空" in result.stderr and case.guardian is None  # not a minor: no guardian


def test_write_failure_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(os, "replace", fail)
    result = new(tmp_path / "d")
    assert result.exit_code == 3 and "No space left" in result.stderr
    assert not (tmp_path / "d").exists()


def test_local_case_needs_no_folders_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "local"
    result = run("dossier", "new", str(folder), "--insured-region", "140522", "--treatment-region",
                 "140502", "--insurance", "employee", "--category", "temporary", "--care",
                 "inpatient", "--no-input", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert [p for p in folder.iterdir() if p.is_dir()] == []
    shown = " ".join(result.stdout.split())
    assert "无需办理异地就医报销" in shown.replace(" ", "") and "子文件夹" not in shown
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "同一统筹区" in readme and "子文件夹" not in readme
    english = run("dossier", "new", str(tmp_path / "en"), "--insured-region", "140522",
                  "--treatment-region", "140502", "--insurance", "employee", "--category",
                  "temporary", "--care", "inpatient", "--no-input", "--today", TODAY, "--lang", "en")
    assert "Nothing needs claiming off-site" in " ".join(english.stdout.split())
    assert "sub-folders" not in english.stdout


def test_check_asks_for_the_episode_in_a_terminal(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`offsite check` asks, Enter to skip, for the dates and direct settlement; echoes regions."""
    import json

    from offsite_cli.cli import check as check_module

    monkeypatch.setattr(check_module, "interactive", lambda no_input: not no_input)
    situation = ["--insured-region", "晋城", "--insurance", "employee", "--category",
                 "stationed-worker", "--care", "inpatient", "--filed", "--today", TODAY]
    answers = "\n".join(["徐汇区", "2026-11-02", "2026-11-31", "2026-11-13", "n"]) + "\n"
    result = run("check", *situation, "--lang", "en", input=answers)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "→ 上海市徐汇区 310104" in result.stderr
    assert "Admission (visit) date" in result.stderr and "Discharge date" in result.stderr
    assert "2026-11-31" in result.stderr  # a bad date is said, and asked again
    assert "Settled directly by card (Enter to skip)" in result.stderr
    assert "Manual reimbursement" in result.stdout
    assert "2026-12-14" in result.stdout  # counted from the discharge date
    skipped = run("check", *situation, "--treatment-region", "310104", "--lang", "en",
                  input="\n\n\n")
    assert skipped.exit_code == 0, skipped.stderr
    # Not known: the safe assumption, that the person paid; what the claim needs is listed, and
    # nothing said to someone answering questions tells them to type an option.
    assert "Manual reimbursement" in skipped.stdout and "Official receipt" in skipped.stdout
    assert "--" not in skipped.stdout + skipped.stderr
    given = run("check", *situation, "--treatment-region", "310104", "--admitted", "2026-11-02",
                "--discharged", "2026-11-13", "--no-direct-settlement", input="")
    assert given.exit_code == 0 and "Enter" not in given.stderr and "回车" not in given.stderr


def test_a_wrong_date_is_asked_again_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A discharge before the admission is said when it is answered and asked again; the answers
    before it are kept and the dossier is made."""
    monkeypatch.setattr(common, "interactive", lambda no_input: not no_input)
    answers = "\n".join([
        "", "", "",  # name, ID number, hospital: empty
        "2026-10-01",  # admitted
        "2026-09-01",  # discharged before the admission: said, asked again
        "2026-10-11",  # discharged
        "y", "n", "",  # filed, direct settlement, amount
        "", "", "",  # phone, bank, bank account
    ]) + "\n"
    situation = OPTIONS[:OPTIONS.index("--admitted")] + ["--today", TODAY]
    result = run("dossier", "new", str(tmp_path / "d"), *situation, input=answers)
    assert result.exit_code == 0, (result.output, result.stderr)
    assert "出院日期 2026-09-01 早于入院日期 2026-10-01" in result.stderr
    assert result.stderr.count("出院日期，可留空") == 2
    case = case_file.load(tmp_path / "d", None)
    assert str(case.admitted) == "2026-10-01" and str(case.discharged) == "2026-10-11"


def test_an_admission_after_a_given_discharge_is_asked_again(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "interactive", lambda no_input: not no_input)
    situation = [o for o in OPTIONS if o not in ("--filed", "--no-direct-settlement")]
    situation = situation[:situation.index("--admitted")] + ["--discharged", "2026-10-05",
                                                              "--filed", "--no-direct-settlement",
                                                              "--today", TODAY, "--lang", "en"]
    answers = "\n".join(["", "", "", "2026-10-09", "2026-10-01", "", "", "", ""]) + "\n"
    result = run("dossier", "new", str(tmp_path / "d"), *situation, input=answers)
    assert result.exit_code == 0, (result.output, result.stderr)
    assert "admitted: 2026-10-09 is after the discharge date 2026-10-05" in result.stderr
    assert str(case_file.load(tmp_path / "d", None).admitted) == "2026-10-01"


def test_wrong_dates_given_as_options_fail_before_any_question(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "interactive", lambda no_input: not no_input)
    result = run("dossier", "new", str(tmp_path / "d"), "--insured-region", "晋城市",
                 "--admitted", "2026-10-01", "--discharged", "2026-09-01", "--today", TODAY,
                 input="徐汇区\n1\n3\n1\n")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "错误：--discharged：出院日期 2026-09-01 早于入院日期 2026-10-01"]  # the option as typed
    assert not (tmp_path / "d").exists()


def test_choices_are_listed_with_their_labels_and_taken_by_number_id_or_label(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "interactive", lambda no_input: not no_input)
    answers = "\n".join([
        "徐汇区",
        "医生",  # not an option: said, asked again
        "职工",  # insurance by its short form
        "常驻异地工作人员",  # category by its label
        "inpatient",  # care by id
        "", "", "",  # phone, bank, bank account
    ]) + "\n"
    situation = ["--insured-region", "晋城市", "--admitted", "2026-11-02", "--discharged",
                 "2026-11-13", "--filed", "--no-direct-settlement", "--name", "王芳", "--id-number",
                 ID_NUMBER, "--hospital", "某医院", "--amount", "1", "--today", TODAY]
    result = run("dossier", "new", str(tmp_path / "d"), *situation, input=answers)
    assert result.exit_code == 0, (result.output, result.stderr)
    assert "1 职工医保 (employee)" in result.stderr and "2 城乡居民医保 (resident)" in result.stderr
    assert "3 常驻异地工作人员 (stationed-worker)" in result.stderr
    assert "1 住院 (inpatient)" in result.stderr
    assert "“医生” 不是列出的选项" in result.stderr
    assert "resettled-retiree/" not in result.stderr  # no bare list of ids
    assert "请输入编号（1–6）、代码或名称：" in result.stderr  # a Chinese colon
    case = case_file.load(tmp_path / "d", None)
    assert (case.insurance, case.category, case.care) == ("employee", "stationed-worker", "inpatient")


def test_chinese_output_uses_chinese_colons(tmp_path: Path) -> None:
    result = new(tmp_path / "d")
    assert result.exit_code == 0, result.stderr
    assert "已写入：" in result.stdout and "已写入:" not in result.stdout
    readme = (tmp_path / "d" / "README.txt").read_text(encoding="utf-8")
    assert "案情：" in readme and "申请期限：" in readme and "案情:" not in readme


def test_chinese_messages_have_no_ascii_colons() -> None:
    from offsite_cli.base.i18n import MESSAGES

    ascii_colons = {key: entry["zh"] for key, entry in MESSAGES.items()
                    if isinstance(entry, dict) and ": " in str(entry.get("zh", ""))}
    assert not ascii_colons
