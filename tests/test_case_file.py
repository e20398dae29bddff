"""case.toml: loading, validation errors that name the file, the key and the value; writing."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from dossier_fixtures import (
    CASE_TEXT, ID_NUMBER, TODAY, run, write_case,
)

from offsite_cli.dossier import case as case_file
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text

DAY = date.fromisoformat(TODAY)


def error_of(folder: Path) -> str:
    with pytest.raises(BadInput) as caught:
        case_file.load(folder, DAY)
    return text(caught.value.message, "en", **caught.value.params)


def test_loads_the_contract_example(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder, extra='\n[documents]\nreceipt = ["scans/r1.jpg"]\n')
    case = case_file.load(folder, DAY)
    assert case.name == "张伟" and case.id_number and case.id_number.value == ID_NUMBER
    assert case.insured_region and case.insured_region.code == "140500"
    assert case.treatment_region and case.treatment_region.code == "310104"
    assert case.admitted == date(2026, 11, 2) and case.filed is True
    assert case.documents == {"receipt": ["scans/r1.jpg"]}


@pytest.mark.parametrize(("replace", "by", "expected"), [
    ('insurance = "employee"', "insurance = 1", "person.insurance = 1"),
    ('insurance = "employee"', 'insurance = "boss"', "person.insurance = boss"),
    ('care = "inpatient"', 'care = "surgery"', "episode.care = surgery"),
    ("admitted = 2026-11-02", 'admitted = "2026-13-02"', "episode.admitted = 2026-13-02"),
    ("admitted = 2026-11-02", "admitted = 1826-11-02", "episode.admitted = 1826-11-02"),
    ("discharged = 2026-11-13", "discharged = 2026-10-13", "episode.discharged = 2026-10-13"),
    ("filed = true", 'filed = "yes"', "episode.filed = yes"),
    ("schema = 1", "schema = 2", "schema = 2"),
    ("schema = 1", 'schema = 1\nprofile = "nowhere"', "profile = nowhere"),
    ('hospital = "上海市示例医院"', 'hospital = "x"\nward = 3', "episode.ward = 3"),
])
def test_bad_values_name_file_key_and_value(tmp_path: Path, replace: str, by: str,
                                            expected: str) -> None:
    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT.replace(replace, by))
    message = error_of(folder)
    assert message.startswith(str(folder / "case.toml") + ":")
    assert expected in message and "expected" in message


def test_quoted_iso_date_is_taken(tmp_path: Path) -> None:
    write_case(tmp_path, CASE_TEXT.replace("admitted = 2026-11-02", 'admitted = "2026-11-02"'))
    assert case_file.load(tmp_path, DAY).admitted == date(2026, 11, 2)


def test_syntax_error_and_impossible_date_give_the_line(tmp_path: Path) -> None:
    write_case(tmp_path, CASE_TEXT.replace("admitted = 2026-11-02", "admitted = 2026-02-30"))
    message = error_of(tmp_path)
    assert "line 16" in message and "case.toml" in message
    write_case(tmp_path, "schema = 1\n[person\n")
    assert "line 2" in error_of(tmp_path)


@pytest.mark.parametrize("path", ["../outside.pdf", "/etc/passwd", "C:\\\\x.pdf", "a/../../b.pdf"])
def test_document_paths_must_stay_inside(tmp_path: Path, path: str) -> None:
    write_case(tmp_path, extra=f'\n[documents]\nreceipt = ["{path}"]\n')
    message = error_of(tmp_path)
    assert "documents.receipt" in message and "inside the folder" in message


def test_id_number_errors_are_masked(tmp_path: Path) -> None:
    wrong = ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1")
    write_case(tmp_path, CASE_TEXT.replace(ID_NUMBER, wrong))
    message = error_of(tmp_path)
    assert "person.id_number" in message and wrong not in message and "********" in message


def test_missing_folder_and_missing_case(tmp_path: Path) -> None:
    assert "does not exist" in error_of(tmp_path / "nowhere")
    assert "no case file" in error_of(tmp_path)


def test_offsite_check_reads_the_case_and_reports_bad_ones(tmp_path: Path) -> None:
    write_case(tmp_path / "ok")
    result = run("check", str(tmp_path / "ok"), "--today", TODAY, "--json", "--no-input")
    assert result.exit_code == 0, result.stderr
    write_case(tmp_path / "bad", CASE_TEXT.replace('region = "310104"', 'region = "999999"'))
    result = run("check", str(tmp_path / "bad"), "--today", TODAY, "--no-input", "--lang", "en")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "episode.region" in result.stderr


def test_dumps_round_trip(tmp_path: Path) -> None:
    write_case(tmp_path, extra='\n[documents]\n"medical-record" = ["scans/病案 1.pdf"]\n'
                               '\n[[receipts]]\nnumber = "No.1"\namount = 12.5\n')
    case = case_file.load(tmp_path, DAY)
    values = case_file.values_of(case)
    values["person"]["name"] = '张"三\n'
    written = case_file.dumps(values, "cn-national", case.receipts)
    again = case_file.parse(tomllib.loads(written), tmp_path, tmp_path / "case.toml", DAY)
    assert again.name == '张"三' and again.documents == case.documents
    assert again.receipts[0].amount == 12.5 and again.profile == "cn-national"
    assert again.id_number == case.id_number and again.discharged == case.discharged


def test_offsite_check_asks_nothing_the_case_already_says(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """In a terminal, `offsite check DIR` asks only what case.toml leaves open."""
    from offsite_cli.cli import check as check_module

    monkeypatch.setattr(check_module, "interactive", lambda no_input: not no_input)
    write_case(tmp_path / "full")
    result = run("check", str(tmp_path / "full"), "--today", TODAY, "--lang", "en", input="")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    write_case(tmp_path / "thin", CASE_TEXT.replace("direct_settlement = false\n", ""))
    result = run("check", str(tmp_path / "thin"), "--today", TODAY, "--lang", "en",
                 input="n\n")
    assert result.exit_code == 0, result.stderr
    assert "Settled directly by card" in result.stderr and "Admission" not in result.stderr


def test_an_id_number_written_as_a_number_is_refused_masked(tmp_path: Path) -> None:
    write_case(tmp_path, CASE_TEXT.replace(f'id_number = "{ID_NUMBER}"', f"id_number = {ID_NUMBER[:17]}1"))
    result = run("check", str(tmp_path), "--no-input", "--today", TODAY)
    assert result.exit_code == 2
    assert ID_NUMBER[:17] not in result.stderr and "********" in result.stderr


def test_the_configured_unit_is_not_a_residents_unit(tmp_path: Path, config_dir: Path) -> None:
    from offsite_cli.dossier import case as case_file

    (config_dir / "config.toml").write_text('[unit]\nname = "晋城市某某有限公司"\n', encoding="utf-8")
    write_case(tmp_path, CASE_TEXT)
    employee = case_file.load(tmp_path)
    assert case_file.unit_of(employee) == "晋城市某某有限公司"
    write_case(tmp_path, CASE_TEXT.replace('insurance = "employee"', 'insurance = "resident"')
               .replace('unit = ', '# unit = '))
    assert case_file.unit_of(case_file.load(tmp_path)) == ""


def _every_key() -> list[tuple[str, str]]:
    keys = [(table, key) for table, shape in case_file._SHAPE.items() for key in shape if table]
    return keys + [("receipts", key) for key in case_file._RECEIPT_SHAPE]


def test_every_key_the_tool_reads_is_type_checked_by_the_loader(tmp_path: Path) -> None:
    """A wrong type anywhere is one line naming the file, the key and the value (a key the
    loader knows: not "one of …") — never an exception of another kind later."""
    keys = _every_key()
    assert ("person", "bank_account") in keys and ("guardian", "id_number") in keys
    for table, key in keys:
        _wrong_type_is_refused(tmp_path / f"{table}-{key}", table, key)


def _wrong_type_is_refused(folder: Path, table: str, key: str) -> None:
    wrong = "[1, 2]" if key != "date" else "{ day = 1 }"
    if table == "receipts":
        text_ = CASE_TEXT + f"\n[[receipts]]\namount = 1\n{key} = {wrong}\n".replace(
            "amount = 1\namount", "amount")
        named = f"receipts entry 1, {key}"
    else:
        body = CASE_TEXT if f"[{table}]" in CASE_TEXT else CASE_TEXT + f"\n[{table}]\n"
        text_ = body.replace(f"[{table}]\n", f"[{table}]\n{key} = {wrong}\n", 1)
        text_ = "\n".join(line for line in text_.splitlines()
                          if not line.startswith(f"{key} = ") or line == f"{key} = {wrong}") + "\n"
        named = f"{table}.{key}"
    write_case(folder, text_)
    said = error_of(folder)
    assert f"{named} = " in said and "not valid" in said and "one of" not in said, said


@pytest.mark.parametrize("key", ["episode.admitted", "episode.discharged", "episode.filed_on",
                                 "receipts.date"])
def test_every_date_key_takes_a_quoted_date(tmp_path: Path, key: str) -> None:
    table, name = key.split(".")
    if table == "receipts":
        text_ = CASE_TEXT + '\n[[receipts]]\namount = 1\ndate = "2026/11/13"\n'
    else:
        text_ = "\n".join(line for line in CASE_TEXT.splitlines() if not line.startswith(f"{name} ="))
        text_ = text_.replace("[episode]\n", f'[episode]\n{name} = "2026年11月{2 if name != "discharged" else 13}日"\n')
    write_case(tmp_path / "d", text_)
    case = case_file.load(tmp_path / "d", DAY)
    found = case.receipts[0].date if table == "receipts" else getattr(case, name)
    assert isinstance(found, date) and found.year == 2026 and found.month == 11
