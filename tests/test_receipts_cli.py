"""`offsite dossier receipt add|list|remove` (issue 10): receipts without editing TOML, checked as
the loader checks them, the clerk's comments kept, nothing changed by a refused command."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier_fixtures import CASE_TEXT, run, run_json, write_case
from offsite_cli.dossier import case as case_file

COMMENTED = CASE_TEXT + """amount = 12873.50

# 票据：收费处打印顺序
[[receipts]]
number = "3100260001234567"   # 住院费
date = 2026-11-13
amount = 11606.20
item = "住院医疗费"

# 备注：其余材料下周补交
"""


def receipt(*args: str) -> object:
    return run("dossier", "receipt", *args, "--lang", "en")


def test_add_list_remove_keep_the_comments(tmp_path: Path) -> None:
    path = write_case(tmp_path / "zhang", COMMENTED)
    result = receipt("add", str(path.parent), "--number", "3100260001234568", "--date", "2026-11-13",
                     "--amount", "1,267.3", "--item", "住院医疗费（自费药品）", "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert "receipt 3100260001234568 added (2026-11-13, 1,267.30 yuan)" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED.split("\n# 备注")[0])  # all before the trailing comment kept
    assert text.endswith('\n[[receipts]]\nnumber = "3100260001234568"\ndate = 2026-11-13\n'
                         'amount = 1267.30\nitem = "住院医疗费（自费药品）"\n\n# 备注：其余材料下周补交\n')
    case = case_file.load(path.parent)
    assert [(r.number, r.amount) for r in case.receipts] == [("3100260001234567", 11606.2),
                                                              ("3100260001234568", 1267.3)]
    result = receipt("list", str(path.parent))
    # a run of 15 digits or more is masked in the table (it could be an ID or an account number)
    assert "3100260001234568" in result.stdout and "12,873.50" in result.stdout  # the number whole, the total
    assert "episode.amount says" not in result.stdout  # it adds up
    result, listing = run_json("dossier", "receipt", "list", str(path.parent))
    assert listing["total"] == 12873.5 and listing["claimed"] == 12873.5
    assert [r["date"] for r in listing["receipts"]] == ["2026-11-13", "2026-11-13"]

    result = receipt("remove", str(path.parent), "3100260001234567")
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "3100260001234567" not in text and "# 备注：其余材料下周补交" in text
    assert "3100260001234568" in text and 'name = "张伟"' in text
    result = receipt("list", str(path.parent))
    assert "receipts add up to 1,267.30 yuan, episode.amount says 12,873.50" in result.stdout


def test_the_first_receipt_makes_the_array(tmp_path: Path) -> None:
    path = write_case(tmp_path / "li")
    assert receipt("list", str(path.parent)).stdout.strip().endswith("no receipts")
    result = receipt("add", str(path.parent), "--number", "No.1", "--date", "2026-11-13",
                     "--amount", "88", "--today", "2026-11-20")
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == CASE_TEXT + \
        '\n[[receipts]]\nnumber = "No.1"\ndate = 2026-11-13\namount = 88.00\n'
    assert receipt("remove", str(path.parent), "no. 1").exit_code == 0  # spaces and case aside
    assert "[[receipts]]" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "expected"), [
    (["--number", "3100260001234567", "--date", "2026-11-13", "--amount", "5"],
     "--number: 3100260001234567 is already in"),
    (["--number", " ", "--date", "2026-11-13", "--amount", "5"], "--number: empty"),
    (["--number", "X1", "--date", "2026-13-01", "--amount", "5"], "--date: there is no such day as '2026-13-01'"),
    (["--number", "X1", "--date", "2026-11-21", "--amount", "5"], "--date: 2026-11-21 is after today (2026-11-20)"),
    (["--number", "X1", "--date", "2026-11-13", "--amount", "-5"], "--amount: '-5' is not an amount"),
    (["--number", "X1", "--date", "2026-11-13", "--amount", "5.123"], "--amount: '5.123' is not an amount"),
    (["--number", "X1", "--date", "2026-11-13", "--amount", "五元"], "--amount: '五元' is not an amount"),
])
def test_a_bad_receipt_is_refused_and_case_toml_left_byte_identical(
        tmp_path: Path, args: list[str], expected: str) -> None:
    path = write_case(tmp_path / "zhang", COMMENTED)
    before = path.read_bytes()
    result = receipt("add", str(path.parent), *args, "--today", "2026-11-20")
    assert result.exit_code == 2
    assert expected in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["case.toml"]


def test_remove_of_an_unknown_number_names_the_known_ones(tmp_path: Path) -> None:
    path = write_case(tmp_path / "zhang", COMMENTED)
    before = path.read_bytes()
    result = receipt("remove", str(path.parent), "999")
    assert result.exit_code == 2
    assert "NUMBER: no receipt 999 in" in result.stderr and "there are: 3100260001234567" in result.stderr
    assert path.read_bytes() == before


def test_a_folder_without_case_toml_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for args in (["add", str(tmp_path / "empty"), "--number", "1", "--date", "2026-11-13", "--amount", "1"],
                 ["list", str(tmp_path / "empty")], ["remove", str(tmp_path / "empty"), "1"]):
        result = receipt(*args)
        assert result.exit_code == 2 and "no case file" in result.stderr, args
    assert list((tmp_path / "empty").iterdir()) == []


def test_a_broken_case_toml_is_not_touched(tmp_path: Path) -> None:
    path = write_case(tmp_path / "zhang", CASE_TEXT.replace('care = "inpatient"', 'care = "surgery"'))
    before = path.read_bytes()
    result = receipt("add", str(path.parent), "--number", "1", "--date", "2026-11-13", "--amount", "1")
    assert result.exit_code == 2 and "episode.care = surgery" in result.stderr
    assert path.read_bytes() == before


def test_a_windows_file_keeps_its_line_endings(tmp_path: Path) -> None:
    folder = tmp_path / "zhang"
    folder.mkdir()
    (folder / "case.toml").write_bytes(COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    result = receipt("add", str(folder), "--number", "X9", "--date", "2026-11-13", "--amount", "5",
                     "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    data = (folder / "case.toml").read_bytes()
    assert b'number = "X9"\r\n' in data and data.count(b"\n") == data.count(b"\r\n")
    assert data.startswith(COMMENTED.split("\n# 备注")[0].replace("\n", "\r\n").encode("utf-8"))


@pytest.mark.parametrize(("amount", "zh", "en"), [
    ("0", "--amount：金额 “0” 无效，应为 大于 0、不超过 10,000,000 元的金额",
     "--amount: '0' is not valid; expected an amount in yuan more than 0 and at most 10,000,000"),
    ("99999999999", "--amount：金额 “99999999999” 无效，应为 大于 0、不超过 10,000,000 元",
     "--amount: '99999999999' is not valid; expected an amount in yuan more than 0 and at most 10,000,000"),
    ("0.00", "--amount：金额 “0.00” 无效", "--amount: '0.00' is not valid"),
])
def test_an_amount_of_nothing_or_beyond_any_bill_is_refused(
        tmp_path: Path, amount: str, zh: str, en: str) -> None:
    """The bound of case.toml's [[receipts]] is the bound of --amount (one rule, the loader's)."""
    path = write_case(tmp_path / "zhang", COMMENTED)
    before = path.read_bytes()
    for lang, words in (("zh", zh), ("en", en)):
        result = run("dossier", "receipt", "add", str(path.parent), "--number", "X1", "--date",
                     "2026-11-13", "--amount", amount, "--today", "2026-11-20", "--lang", lang)
        assert result.exit_code == 2
        assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("amount", ["0", "0.00", "10000000.01", "99999999999"])
def test_the_loader_holds_receipts_to_the_same_bound(tmp_path: Path, amount: str) -> None:
    path = write_case(tmp_path / "zhang", CASE_TEXT + f"\n[[receipts]]\nnumber = \"1\"\namount = {amount}\n")
    result = receipt("list", str(path.parent))
    assert result.exit_code == 2
    assert "receipts entry 1, amount" in result.stderr and "more than 0 and at most 10,000,000" in result.stderr
    assert receipt("add", str(path.parent), "--number", "2", "--date", "2026-11-13", "--amount", "5",
                   "--today", "2026-11-20").exit_code == 2


def test_the_largest_receipt_is_taken(tmp_path: Path) -> None:
    path = write_case(tmp_path / "zhang")
    result = receipt("add", str(path.parent), "--number", "X1", "--date", "2026-11-13",
                     "--amount", "10,000,000", "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert case_file.load(path.parent).receipts[0].amount == 10_000_000


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_date_outside_the_stay_is_added_with_a_warning(tmp_path: Path, lang: str) -> None:
    """As the loader warns of a [[receipts]] date outside the stay (or years ago), so does --date."""
    path = write_case(tmp_path / "zhang", COMMENTED)
    result = run("dossier", "receipt", "add", str(path.parent), "--number", "X1", "--date", "2020-01-01",
                 "--amount", "5", "--today", "2026-11-20", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert 'number = "X1"\ndate = 2020-01-01' in path.read_text(encoding="utf-8")
    assert "# 票据：收费处打印顺序" in path.read_text(encoding="utf-8")
    lines = result.stderr.splitlines()
    if lang == "zh":
        assert "注意：--date：收据日期 2020-01-01 不在就医期间（2026-11-02 至 2026-11-13）" in result.stderr
        assert "注意：--date：收据日期 2020-01-01 距今天（2026-11-20）已超过 2 年" in result.stderr
    else:
        assert "note: --date: the receipt date 2020-01-01 is outside the stay (2026-11-02 to 2026-11-13)" in result.stderr
        assert "over 2 years before today" in result.stderr
    assert len(lines) == 2 and "2020-01-01" in result.stdout
    # and the loader says the same of the entry in case.toml, counted as a person counts
    checked = run("dossier", "check", str(path.parent), "--today", "2026-11-20", "--lang", lang)
    entry = "receipts 第 2 条 date" if lang == "zh" else "receipts entry 2, date"
    assert f"{entry}：收据日期 2020-01-01 不在就医期间" in checked.stderr if lang == "zh" else \
        f"{entry}: the receipt date 2020-01-01 is outside the stay" in checked.stderr, checked.stderr


def test_a_date_inside_the_stay_says_nothing(tmp_path: Path) -> None:
    path = write_case(tmp_path / "zhang")
    for day in ("2026-11-02", "2026-11-13"):
        result = receipt("add", str(path.parent), "--number", day, "--date", day, "--amount", "5",
                         "--today", "2026-11-20")
        assert result.exit_code == 0 and result.stderr == "", result.stderr


def test_a_number_typed_full_width_is_the_same_number(tmp_path: Path) -> None:
    path = write_case(tmp_path / "zhang", COMMENTED)
    before = path.read_bytes()
    result = receipt("add", str(path.parent), "--number", "３１００２６０００１２３４５６７", "--date",
                     "2026-11-13", "--amount", "5", "--today", "2026-11-20")
    assert result.exit_code == 2 and "is already in" in result.stderr, result.stderr
    assert path.read_bytes() == before
