"""`offsite ledger` (issue 10): the claims register as a table, .xlsx, .csv and JSON; the same
receipt in two dossiers; no document read again when nothing changed."""

from __future__ import annotations

import io
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from dossier_fixtures import CASE_TEXT, ID_NUMBER, complete_dossier, make_image, run, run_json, write_case
from offsite_cli.files import reading

TODAY = "2026-11-20"
RECEIPTS = """
[[receipts]]
number = "3100260001234567"
date = 2026-11-13
amount = 11606.20
"""


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    """Three dossiers: 张伟 complete and paid, 李娜 missing documents, 王芳 with no files."""
    root = tmp_path / "claims"
    zhang = complete_dossier(root / "zhang")
    with (zhang / "case.toml").open("a", encoding="utf-8") as handle:
        handle.write(RECEIPTS + '\n[[history]]\ndate = 2026-11-15\nstatus = "submitted"\n'
                     '\n[[history]]\ndate = 2026-11-19\nstatus = "paid"\namount = 9800.00\n')
    text = (zhang / "case.toml").read_text(encoding="utf-8")
    (zhang / "case.toml").write_text(text.replace("direct_settlement = false\n",
                                                  "direct_settlement = false\namount = 11606.20\n"),
                                     encoding="utf-8")
    li = write_case(root / "li", CASE_TEXT.replace("张伟", "李娜")).parent
    make_image(li / "发票" / "IMG_1.jpg", seed=7)
    write_case(root / "wang", CASE_TEXT.replace("张伟", "王芳").replace("2026-11-13", "2026-10-10")
               .replace("2026-11-02", "2026-10-01"))
    return root


def ledger(*args: str) -> object:
    return run("ledger", *args, "--today", TODAY, "--lang", "en")


def test_json_has_one_row_per_dossier_with_status_paid_and_what_is_missing(claims: Path) -> None:
    result, document = run_json("ledger", str(claims), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    rows = {Path(row["case"]).name: row for row in document["dossiers"]}
    assert sorted(rows) == ["li", "wang", "zhang"]
    zhang, li, wang = rows["zhang"], rows["li"], rows["wang"]
    assert zhang["person"] == {"name": "张伟", "id_number": "140502********1233"}
    assert ID_NUMBER not in result.stdout
    assert zhang["complete"] is True and zhang["status"] == "paid" and zhang["paid"] == 9800.0
    assert zhang["deadline"] is None  # paid: nothing left to do by a date
    assert [h["status"] for h in zhang["history"]] == ["submitted", "paid"]
    assert zhang["receipts"] == [{"number": "3100260001234567", "date": "2026-11-13",
                                  "amount": 11606.2, "item": ""}]
    assert li["complete"] is False and "receipt" not in li["missing"]
    assert set(li["missing"]) == {"card-copy", "filing-form", "expense-list",
                                  "discharge-certificate", "medical-record"}
    assert li["deadline"]["date"] == "2026-12-14" and li["deadline"]["days_left"] == 24
    assert wang["deadline"]["days_left"] == -10 and wang["status"] is None
    assert document["totals"]["dossiers"] == 3 and document["totals"]["paid"] == 9800.0
    assert document["totals"]["amount"] == 11606.2 and document["totals"]["complete"] == 1
    assert document["duplicates"] == []
    shown, full = run_json("ledger", str(claims), "--today", TODAY, "--show-id")
    assert ID_NUMBER in shown.stdout


def test_xlsx_has_text_ids_number_amounts_real_dates_a_frozen_bold_header_filters_and_totals(
        claims: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "台账.xlsx"
    result = run("ledger", str(claims), "-o", str(target), "--today", TODAY, "--show-id")
    assert result.exit_code == 0, result.stderr
    assert "已写入台账" in result.stderr or "已写入台账" in result.stdout
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["案卷", "姓名", "身份证号", "单位"] and "到账金额（元）" in header
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:Z4"
    rows = {Path(row[0].value).name: {h: c for h, c in zip(header, row)}
            for row in sheet.iter_rows(min_row=2, max_row=4)}
    zhang = rows["zhang"]
    assert zhang["身份证号"].value == ID_NUMBER and zhang["身份证号"].data_type == "s"
    assert zhang["身份证号"].number_format == "@"
    assert zhang["票据号"].value == "3100260001234567" and zhang["票据号"].data_type == "s"
    assert zhang["申请金额（元）"].value == 11606.2 and zhang["申请金额（元）"].number_format == "#,##0.00"
    assert zhang["到账金额（元）"].value == 9800
    assert zhang["出院日期"].value == datetime(2026, 11, 13) and zhang["出院日期"].is_date
    assert zhang["办理状态"].value == "已到账" and zhang["材料"].value == "齐全"
    assert rows["li"]["材料"].value == "不全" and "费用明细" in rows["li"]["缺少材料"].value
    totals = [cell.value for cell in sheet[5]]
    assert totals[0] == "合计（3 个案卷）" and totals[header.index("到账金额（元）")] == 9800
    assert all(cell.font.b for cell in sheet[5] if cell.value is not None)
    assert sheet.max_row == 5


def test_csv_is_utf8_with_bom_and_english_headers_in_english(claims: Path, tmp_path: Path) -> None:
    import csv

    target = tmp_path / "ledger.csv"
    assert ledger(str(claims), "-o", str(target)).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfDossier,Name,ID number,")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 5 and rows[-1][0] == "Total (3 dossiers)"
    zhang = next(row for row in rows if row[0].endswith("zhang"))
    assert "140502********1233" in zhang and "11606.20" in zhang and "2026-11-13" in zhang
    assert "paid" in zhang and "9800.00" in zhang


def test_the_table_has_totals(claims: Path) -> None:
    result = ledger(str(claims))
    assert result.exit_code == 0
    assert "张伟" in result.stdout and "9,800.00" in result.stdout
    assert "Total" in result.stdout and "1/3" in result.stdout and "11,606.20" in result.stdout
    assert "incomplete" in result.stdout and "overdue by 10 days" in result.stdout
    assert "paid" in result.stdout and "2026-11-19" in result.stdout


def test_each_total_stands_under_its_own_column_at_80_columns(claims: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The paid total under a Paid column (not under Status); a claim not handed in says so; the
    day payment is expected is not shown as a deadline; nothing is wider than the terminal."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    li = claims / "li"
    with (li / "case.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[history]]\ndate = 2026-11-16\nstatus = "submitted"\n')
    for lang, paid, none, due in (("en", "Paid", "to submit", "payment due"),
                                  ("zh", "到账金额", "未提交", "预计到账")):
        result = run("ledger", str(claims), "--today", TODAY, "--lang", lang)
        lines = result.stdout.splitlines()
        assert all(cell_len(line) <= 80 for line in lines)
        header = next(line for line in lines if paid in line)
        total = next(line for line in lines if "9,800.00" in line and ("Total" in line or "合计" in line))
        # the paid total ends where the Paid header ends (both right-aligned in that column)
        assert total.rstrip().endswith("9,800.00") and header.rstrip().endswith(paid)
        assert cell_len(total.rstrip()) == cell_len(header.rstrip())  # (Chinese is two cells wide)
        assert none in result.stdout  # 王芳: nothing recorded yet
        assert due in result.stdout  # 李娜: handed in, the money expected
        # what is missing: counted in the table, named under it as prose (words whole)
        assert ("5 missing" if lang == "en" else "缺 5 项") in result.stdout
        prose = " ".join(result.stdout.split("Missing documents" if lang == "en" else "缺少材料")[1].split())
        assert ("wang (王芳): Medical-insurance card copy" if lang == "en" else "wang（王芳）：") in prose


def test_the_same_receipt_in_two_dossiers_is_found_by_number_and_by_file(claims: Path) -> None:
    li = claims / "li"
    with (li / "case.toml").open("a", encoding="utf-8") as handle:
        handle.write(RECEIPTS.replace("3100260001234567", "3100 2600 0123 4567"))
    shutil.copy(claims / "zhang" / "发票" / "IMG_0001.jpg", li / "发票" / "copy.jpg")
    result, document = run_json("ledger", str(claims), "--today", TODAY)
    assert result.exit_code == 1  # a finding to act on
    kinds = {d["kind"]: d for d in document["duplicates"]}
    assert sorted(kinds) == ["file", "number"]
    for duplicate in kinds.values():
        assert sorted(Path(c).name for c in duplicate["cases"]) == ["li", "zhang"]
    assert sorted(f["path"] for f in kinds["file"]["files"]) == ["发票/IMG_0001.jpg", "发票/copy.jpg"]
    rows = {Path(row["case"]).name: row for row in document["dossiers"]}
    assert len(rows["li"]["duplicates"]) == 2 and rows["wang"]["duplicates"] == []
    table = ledger(str(claims))
    assert "The same receipt in several dossiers" in table.stdout
    assert "li: receipt number 3100 2600 0123 4567 is also in" in table.stdout
    # dossier check --across names the other dossier too
    result = run("dossier", "check", str(li), "--across", str(claims), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 1
    flat = result.stdout.replace("\n", "")
    assert "3100 2600 0123 4567 is also in" in flat and str(claims / "zhang") in flat
    assert "copy.jpg has the same content as" in flat and "zhang/发票/IMG_0001.jpg" in flat
    result, report = run_json("dossier", "check", str(claims / "wang"), "--across", str(claims),
                              "--today", TODAY)
    assert report["duplicates"] == []


def test_no_document_is_read_again_when_nothing_changed(claims: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = reading.read

    def counting(path, relative, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls.append(relative)
        return original(path, relative, *args, **kwargs)

    monkeypatch.setattr(reading, "read", counting)
    run("dossier", "check", str(claims / "zhang"), "--today", TODAY)
    checked = len(calls)
    assert checked == 7
    first = ledger(str(claims))
    assert first.exit_code == 0
    assert len(calls) == checked + 1  # li's one photo; zhang's were read by the check; wang has none
    again = ledger(str(claims))
    assert len(calls) == checked + 1 and again.stdout == first.stdout  # nothing read at all
    assert run("deadlines", str(claims), "--today", TODAY).exit_code == 1
    assert len(calls) == checked + 1  # deadlines never reads a document
    run("dossier", "mark", str(claims / "li"), "submitted", "--today", TODAY)
    run("dossier", "receipt", "add", str(claims / "li"), "--number", "9", "--date", "2026-11-13",
        "--amount", "1", "--today", TODAY)
    assert ledger(str(claims)).exit_code == 0 and len(calls) == checked + 1  # case.toml's history
    with (claims / "li" / "case.toml").open("a", encoding="utf-8") as handle:  # and receipts: no
        handle.write('\n[documents]\nreceipt = ["发票/IMG_1.jpg"]\n')
    ledger(str(claims))
    assert calls[checked + 1:] == ["发票/IMG_1.jpg"]  # what case.toml says of the files: read again
    del calls[checked + 1:]
    make_image(claims / "li" / "发票" / "IMG_1.jpg", seed=8)  # changed: read again, it alone
    os.utime(claims / "li" / "发票" / "IMG_1.jpg", ns=(1, 1))
    ledger(str(claims))
    assert calls[checked + 1:] == ["发票/IMG_1.jpg"]


def test_a_broken_case_is_named_and_nothing_written(claims: Path, tmp_path: Path) -> None:
    (claims / "broken").mkdir()
    (claims / "broken" / "case.toml").write_text("schema = 1\n[person\n", encoding="utf-8")
    target = tmp_path / "x.xlsx"
    result = ledger(str(claims), "-o", str(target))
    assert result.exit_code == 2 and "broken" in result.stderr and "TOML" in result.stderr
    assert not target.exists()


def test_an_unwritable_ledger_is_exit_3_and_nothing_half_written(
        claims: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device", str(target))

    target = tmp_path / "out" / "x.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(os, "replace", fail)
    result = ledger(str(claims), "-o", str(target))
    assert result.exit_code == 3 and "no space left on the disk" in result.stderr
    assert list(target.parent.iterdir()) == []


def test_an_output_nobody_may_write_is_refused_before_the_work(
        claims: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.dossier import digest

    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    # what a user who is not root sees of a folder with mode 0555 (root may write anywhere)
    monkeypatch.setattr(os, "access", lambda path, mode, **kwargs: False if Path(path) == locked
                        else real_access(path, mode, **kwargs))
    monkeypatch.setattr(digest, "of_dossier", lambda *args: pytest.fail("read before refusing"))
    result = ledger(str(claims), "-o", str(locked / "x.xlsx"))
    assert result.exit_code == 3 and "permission denied" in result.stderr, result.stderr


@pytest.mark.parametrize(("output", "code", "expected"), [
    ("x.txt", 2, "-o: {tmp}/x.txt should end in .xlsx or .csv"),
    ("nowhere/x.xlsx", 2, "does not exist"),
])
def test_bad_output_paths(claims: Path, tmp_path: Path, output: str, code: int, expected: str) -> None:
    result = ledger(str(claims), "-o", str(tmp_path / output))
    assert result.exit_code == code and expected.format(tmp=tmp_path) in result.stderr
    assert not (tmp_path / output).exists()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_register_with_full_id_numbers_is_private(claims: Path, tmp_path: Path, suffix: str) -> None:
    """--show-id writes the full ID numbers: 0600, as the forms and the PDF that carry them."""
    import stat

    from offsite_cli.base import atomic

    masked, full = tmp_path / f"masked{suffix}", tmp_path / f"full{suffix}"
    assert ledger(str(claims), "-o", str(masked)).exit_code == 0
    assert stat.S_IMODE(masked.stat().st_mode) == atomic.new_file_mode()
    full.write_bytes(b"")
    full.chmod(0o644)  # an older register in its place: replaced by a private one
    assert ledger(str(claims), "--show-id", "-o", str(full)).exit_code == 0
    assert stat.S_IMODE(full.stat().st_mode) == 0o600
    assert ID_NUMBER.encode() in full.read_bytes() or suffix == ".xlsx"


def test_a_wide_terminal_shows_the_hospital_and_the_route(claims: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    wide = run("ledger", str(claims), "--today", TODAY, "--lang", "en").stdout
    assert "Hospital" in wide.splitlines()[0] and "Route" in wide.splitlines()[0]
    assert "上海市示例医院" in wide and "Manual reimbursement" in wide
    monkeypatch.setenv("COLUMNS", "80")
    narrow = run("ledger", str(claims), "--today", TODAY, "--lang", "en").stdout
    assert "Hospital" not in narrow.splitlines()[0]
