"""`offsite dossier import ROSTER ROOT` (issue 10, point 3): one dossier per row, every row checked first."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
from dossier_fixtures import run

from offsite_cli.dossier.roster_cells import cell_date
from offsite_cli.policy import ids

TODAY = "2026-11-20"
ZHANG = "14050219850314123" + ids.check_character("14050219850314123")
LI = "14050219900101123" + ids.check_character("14050219900101123")
WANG = "14050219600101123" + ids.check_character("14050219600101123")
HEADER = "序号,姓名,身份证号,险种,人员类别,参保地,就医地,医院,就医类型,入院日期,出院日期,是否备案,直接结算,金额,联系电话,备注"
GOOD_ROWS = [
    f"1,张伟,{ZHANG},职工医保,常驻异地工作,晋城,徐汇区,上海市示例医院,住院,2026/11/2,2026年11月13日,是,否,\"12,873.50\",13800000000,",
    f"2,李娜,{LI},城乡居民,转诊,晋城市,徐汇,某医院,住院,2026-10-08,2026.10.20,已备案,否,100,,",
    f"3,王芳,{WANG},职工基本医疗保险,退休,140500,北京朝阳区,,门特,20261008,,否,否,,,请尽快",
]


def roster(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode(encoding))
    return path


def case_of(folder: Path) -> dict:
    return tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))


def test_a_csv_roster_becomes_one_dossier_per_row(tmp_path: Path) -> None:
    root = tmp_path / "2026-11"
    result = run("dossier", "import", str(roster(tmp_path / "r.csv", GOOD_ROWS)), str(root),
                 "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [item["case"] for item in listed] == [str(root / "张伟-2026-11"), str(root / "李娜-2026-10"),
                                                 str(root / "王芳-2026-10")]
    assert [item["result"] for item in listed] == ["created"] * 3
    assert ZHANG not in result.stdout and listed[0]["id_number"] == ids.mask(ZHANG)
    zhang = case_of(root / "张伟-2026-11")
    assert zhang["person"] == {"name": "张伟", "id_number": ZHANG, "insurance": "employee",
                               "category": "stationed-worker", "phone": "13800000000"}
    assert zhang["insured"] == {"region": "140500"}
    assert zhang["episode"] == {"region": "310104", "hospital": "上海市示例医院", "care": "inpatient",
                                "admitted": date(2026, 11, 2), "discharged": date(2026, 11, 13),
                                "filed": True, "direct_settlement": False, "amount": 12873.5}
    li = case_of(root / "李娜-2026-10")
    assert li["person"]["insurance"] == "resident" and li["person"]["category"] == "referral"
    assert li["episode"]["filed"] is True and li["episode"]["discharged"] == date(2026, 10, 20)
    wang = case_of(root / "王芳-2026-10")
    assert wang["person"]["category"] == "resettled-retiree" and wang["episode"]["care"] == "special-outpatient"
    assert wang["episode"]["region"] == "110105" and wang["episode"]["admitted"] == date(2026, 10, 8)
    assert (root / "张伟-2026-11" / "README.txt").is_file()
    checked = run("dossier", "check", "--all", str(root), "--today", TODAY, "--json")
    assert checked.exit_code == 1 and len(json.loads(checked.stdout)) == 3  # loads; scans missing


def test_gbk_csv_as_excel_in_china_saves_it(tmp_path: Path) -> None:
    path = roster(tmp_path / "r.csv", GOOD_ROWS[:1], encoding="gbk")
    result = run("dossier", "import", str(path), str(tmp_path / "out"), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert case_of(tmp_path / "out" / "张伟-2026-11")["person"]["name"] == "张伟"


def test_an_xlsx_roster_with_english_headers_and_excel_dates(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "ID number", "Insurance", "Category", "Insured region", "Treatment region",
                  "Care", "Admitted", "Discharged", "Filed", "Direct settlement", "Amount"])
    sheet.append(["张伟", ZHANG, "employee", "stationed-worker", "晋城", "徐汇区", "inpatient",
                  datetime(2026, 11, 2), datetime(2026, 11, 13), "yes", "no", 12873.5])
    sheet.append(["李娜", LI, "居民医保", "异地转诊人员", "晋城", "徐汇区", "住院",
                  46303, "2026/10/20", "Y", "N", 99])  # 46303: Excel's serial for 2026-10-08
    book.save(tmp_path / "r.xlsx")
    result = run("dossier", "import", str(tmp_path / "r.xlsx"), str(tmp_path / "out"),
                 "--today", TODAY, "--lang", "en")
    assert result.exit_code == 0, result.output
    zhang = case_of(tmp_path / "out" / "张伟-2026-11")
    assert zhang["episode"]["admitted"] == date(2026, 11, 2) and zhang["episode"]["amount"] == 12873.5
    li = case_of(tmp_path / "out" / "李娜-2026-10")
    assert li["episode"]["admitted"] == date(2026, 10, 8) and li["person"]["insurance"] == "resident"


def test_every_bad_row_is_reported_and_nothing_is_made(tmp_path: Path) -> None:
    wrong_check = ZHANG[:17] + ("0" if ZHANG[17] != "0" else "1")
    rows = [
        GOOD_ROWS[0],
        f"2,李娜,{wrong_check},职工医保,常驻异地工作,晋城,徐汇区,,住院,2026-10-08,2026-10-20,是,否,,,",
        f"3,王芳,{WANG},职工医保,常驻异地工作,火星市,徐汇区,,住院,2026-10-08,2026/13/01,是,否,,,",
        GOOD_ROWS[0].replace("1,张伟", "4,张伟"),  # the same person and episode as row 2
        f"5,赵六,,职工医保,宇航员,晋城,徐汇区,,住院,2026-10-08,,也许,否,abc,,",
    ]
    root = tmp_path / "out"
    result = run("dossier", "import", str(roster(tmp_path / "r.csv", rows)), str(root), "--today", TODAY,
                 "--lang", "en")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith("error: r.csv row ") for line in lines), lines
    joined = "\n".join(lines)
    assert "row 3, 身份证号" in joined and "check character" in joined
    assert wrong_check not in joined and ids.mask(wrong_check) in joined
    assert "row 4, 参保地" in joined and "火星市" in joined
    assert "row 4, 出院日期: '2026/13/01' is not valid; expected a date" in joined
    assert "row 5: the same person and episode as row 2" in joined
    assert "row 6, 人员类别: '宇航员'" in joined and "row 6, 是否备案: '也许'" in joined
    assert "row 6, 金额: 'abc'" in joined
    assert len(lines) == 7
    assert not root.exists() and result.stdout == ""


def test_a_merged_cell_an_empty_sheet_and_missing_columns(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "险种", "人员类别", "参保地", "就医地", "就医类型"])
    sheet.append(["张伟", "职工", "常驻异地工作", "晋城", "徐汇区", "住院"])
    sheet.append(["李娜", None, "常驻异地工作", "晋城", "徐汇区", "住院"])
    sheet.merge_cells("B2:B3")
    book.save(tmp_path / "merged.xlsx")
    result = run("dossier", "import", str(tmp_path / "merged.xlsx"), str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2 and "merged cells B2:B3" in result.stderr and "row 2" in result.stderr
    assert not (tmp_path / "out").exists()

    empty = openpyxl.Workbook()
    empty.active.title = "十一月"
    empty.save(tmp_path / "empty.xlsx")
    result = run("dossier", "import", str(tmp_path / "empty.xlsx"), str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2 and "the sheet '十一月' has no data" in result.stderr
    result = run("dossier", "import", str(roster(tmp_path / "h.csv", [])), str(tmp_path / "out"))
    assert result.exit_code == 2 and "没有数据" in result.stderr

    result = run("dossier", "import", str(roster(tmp_path / "c.csv", ["张伟,晋城"], header="姓名,参保地")),
                 str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2 and "no column '险种'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 4  # 险种, 人员类别, 就医地, 就医类型


def test_an_id_number_stored_as_a_number(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号", "险种", "人员类别", "参保地", "就医地", "就医类型"])
    book.active.append(["张伟", int(ZHANG[:15]) * 1000, "职工", "常驻异地工作", "晋城", "徐汇区", "住院"])
    book.save(tmp_path / "r.xlsx")
    result = run("dossier", "import", str(tmp_path / "r.xlsx"), str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2 and "row 2, 身份证号: the ID number is stored as a number" in result.stderr


@pytest.mark.parametrize("written", ["1.40502E+17", "1.40502e17", "140502198503141000.0",
                                     ZHANG + ".0", "1.405021985E+17"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_id_number_excel_turned_into_a_number_in_a_csv(tmp_path: Path, written: str, lang: str) -> None:
    """A CSV saved by Excel holds the number as text (1.40502E+17): the same hint as an .xlsx."""
    row = GOOD_ROWS[0].replace(ZHANG, written)
    result = run("dossier", "import", str(roster(tmp_path / "r.csv", [row])), str(tmp_path / "out"),
                 "--today", TODAY, "--lang", lang)
    assert result.exit_code == 2
    if lang == "zh":
        assert "r.csv 第 2 行“身份证号”：身份证号被存成了数字" in result.stderr, result.stderr
        assert "请把该列设为“文本”" in result.stderr
    else:
        assert "r.csv row 2, 身份证号: the ID number is stored as a number" in result.stderr, result.stderr
    assert "格式错误" not in result.stderr and "is not an 18-character" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def _merged_roster(path: Path, merge: str, title: bool = False) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([None])
    sheet.append(["姓名", "险种", "人员类别", "参保地", "就医地", "就医类型", "备注", "审核"])
    sheet.append(["张伟", "职工", "常驻异地工作", "晋城", "徐汇区", "住院", "材料齐", "王"])
    sheet.append(["李娜", "职工", "常驻异地工作", "晋城", "徐汇区", "住院", None, None])
    sheet.merge_cells(merge)
    book.save(path)
    return path


@pytest.mark.parametrize("merge", ["G2:G3", "G2:H3", "H2:H3"])
def test_a_merged_cell_in_a_column_nothing_reads_is_no_matter(tmp_path: Path, merge: str) -> None:
    result = run("dossier", "import", str(_merged_roster(tmp_path / "r.xlsx", merge)),
                 str(tmp_path / "out"), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(["张伟", "李娜"])


@pytest.mark.parametrize(("merge", "title"), [("F2:G3", False), ("A2:A3", False), ("G1:H1", False),
                                              ("A1:A2", False), ("B2:B4", True)])
def test_a_merged_cell_in_a_column_read_or_the_header_refuses(tmp_path: Path, merge: str,
                                                              title: bool) -> None:
    result = run("dossier", "import", str(_merged_roster(tmp_path / "r.xlsx", merge, title)),
                 str(tmp_path / "out"), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 2 and f"merged cells {merge}" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def _compound_file(*streams: str) -> bytes:
    """The start of an OLE compound file (what Excel writes for a password-protected .xlsx, or an
    old .xls) with directory entries named as given."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + b"".join(name.encode("utf-16-le").ljust(128, b"\0") for name in streams)


def test_a_password_protected_workbook_and_an_old_xls(tmp_path: Path) -> None:
    (tmp_path / "locked.xlsx").write_bytes(_compound_file("Root Entry", "EncryptionInfo",
                                                          "EncryptedPackage"))
    result = run("dossier", "import", str(tmp_path / "locked.xlsx"), str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2 and "password-protected" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    (tmp_path / "old.xlsx").write_bytes(_compound_file("Root Entry", "Workbook"))
    result = run("dossier", "import", str(tmp_path / "old.xlsx"), str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2 and ".xls" in result.stderr
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run("dossier", "import", str(tmp_path / "bad.xlsx"), str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2 and "cannot be opened as .xlsx" in result.stderr
    result = run("dossier", "import", str(tmp_path / "r.txt"), str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2


def test_existing_dossiers_are_never_overwritten_and_update_merges(tmp_path: Path) -> None:
    path = roster(tmp_path / "r.csv", GOOD_ROWS[:2])
    root = tmp_path / "out"
    assert run("dossier", "import", str(path), str(root), "--today", TODAY).exit_code == 0
    case_path = root / "张伟-2026-11" / "case.toml"
    edited = case_path.read_text(encoding="utf-8").replace(
        "amount = 12873.50", "amount = 12873.50  # 按发票合计") + \
        '\n# 经办人备注\n[[receipts]]\nnumber = "No.1"\namount = 100.0\n'
    case_path.write_text(edited, encoding="utf-8")
    changed = roster(tmp_path / "r2.csv", [GOOD_ROWS[0].replace('"12,873.50"', "13000"), GOOD_ROWS[1]])
    result = run("dossier", "import", str(changed), str(root), "--today", TODAY, "--json")
    assert result.exit_code == 0
    assert [item["result"] for item in json.loads(result.stdout)] == ["exists", "exists"]
    assert case_path.read_text(encoding="utf-8") == edited
    result = run("dossier", "import", str(changed), str(root), "--today", TODAY, "--json", "--update")
    assert [item["result"] for item in json.loads(result.stdout)] == ["updated", "unchanged"]
    merged = case_path.read_text(encoding="utf-8")
    assert "amount = 13000.0  # 按发票合计" in merged and "# 经办人备注" in merged
    assert tomllib.loads(merged)["receipts"] == [{"number": "No.1", "amount": 100.0}]


def test_folder_names_stay_apart_for_namesakes(tmp_path: Path) -> None:
    other = "14050219900101124" + ids.check_character("14050219900101124")
    rows = [GOOD_ROWS[0],
            GOOD_ROWS[0].replace(ZHANG, other).replace("2026/11/2", "2026/11/3"),
            GOOD_ROWS[0].replace(ZHANG, LI).replace("2026/11/2", "2026/11/3")]
    result = run("dossier", "import", str(roster(tmp_path / "r.csv", rows)), str(tmp_path / "out"),
                 "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    assert sorted(Path(item["case"]).name for item in json.loads(result.stdout)) == sorted([
        "张伟-2026-11-02", f"张伟-2026-11-03-{other[-4:]}", f"张伟-2026-11-03-{LI[-4:]}"])


@pytest.mark.parametrize(("written", "expected"), [
    ("2026-11-05", date(2026, 11, 5)), ("2026/11/5", date(2026, 11, 5)), ("2026.11.5", date(2026, 11, 5)),
    ("2026年11月5日", date(2026, 11, 5)), ("20261105", date(2026, 11, 5)), (46331, date(2026, 11, 5)),
    ("46331", date(2026, 11, 5)), (datetime(2026, 11, 5, 8, 30), date(2026, 11, 5)),
    ("2026-11-05 08:30", date(2026, 11, 5)), ("", None), (None, None),
])
def test_roster_dates_as_people_write_them(written: object, expected: date | None) -> None:
    assert cell_date(written) == expected


@pytest.mark.parametrize("written", ["2026/13/01", "2026-02-30", "昨天", "11/5"])
def test_roster_dates_that_are_not_dates(written: str) -> None:
    with pytest.raises(ValueError):
        cell_date(written)


def test_a_folder_holding_someone_elses_dossier_is_left_to_them(tmp_path: Path) -> None:
    root = tmp_path / "out"
    assert run("dossier", "import", str(roster(tmp_path / "a.csv", GOOD_ROWS[:1])), str(root),
               "--today", TODAY).exit_code == 0
    other = "14050219900101124" + ids.check_character("14050219900101124")
    namesake = GOOD_ROWS[0].replace(ZHANG, other).replace("13800000000", "13900000000")
    second_stay = GOOD_ROWS[0].replace("2026/11/2", "2026/11/20").replace("2026年11月13日", "2026年11月28日")
    result = run("dossier", "import", str(roster(tmp_path / "b.csv", [namesake, second_stay])), str(root),
                 "--today", "2026-12-01", "--json", "--update")
    assert result.exit_code == 0, result.output
    listed = {Path(item["case"]).name: item["result"] for item in json.loads(result.stdout)}
    assert listed == {"张伟-2026-11-02": "created", "张伟-2026-11-20": "created"}
    assert case_of(root / "张伟-2026-11")["person"]["phone"] == "13800000000"  # not merged into
    assert case_of(root / "张伟-2026-11-02")["person"]["id_number"] == other
    alone = tmp_path / "alone"
    assert run("dossier", "import", str(roster(tmp_path / "c.csv", GOOD_ROWS[:1])), str(alone),
               "--today", TODAY).exit_code == 0
    result = run("dossier", "import", str(roster(tmp_path / "d.csv", [namesake])), str(alone),
                 "--today", TODAY, "--json", "--update")
    assert [Path(item["case"]).name for item in json.loads(result.stdout)] == ["张伟-2026-11-02"]
    assert case_of(alone / "张伟-2026-11")["person"]["id_number"] == ZHANG


def test_a_failure_while_writing_takes_back_what_this_run_made(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.base.errors import WorkFailed
    from offsite_cli.dossier import scaffold

    root = tmp_path / "out"
    root.mkdir()
    (root / "kept.txt").write_text("the clerk's", encoding="utf-8")
    real_write = scaffold.write
    calls = []

    def failing(plan):  # noqa: ANN001, ANN202 - the second dossier cannot be written
        calls.append(plan.folder)
        if len(calls) == 2:
            raise WorkFailed("write_failed", file=str(plan.folder / "case.toml"), reason="disk full")
        return real_write(plan)

    monkeypatch.setattr(scaffold, "write", failing)
    result = run("dossier", "import", str(roster(tmp_path / "r.csv", GOOD_ROWS)), str(root),
                 "--today", TODAY, "--lang", "en")
    assert result.exit_code == 3 and "disk full" in result.stderr
    assert len(calls) == 2 and sorted(p.name for p in root.iterdir()) == ["kept.txt"]
