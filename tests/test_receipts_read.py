"""Receipts read off e-receipt files (an OFD's data, a PDF's text layer): shown by `dossier check`,
in the forms' expense table, checked as a clerk checks them by eye; what case.toml says wins."""

from __future__ import annotations

import json
from pathlib import Path

from dossier_fixtures import CASE_TEXT, TODAY, run, write_case

DATA = Path(__file__).parent / "data" / "ofd"


def e_receipt_pdf(path: Path, *, number: str = "0012345678", payer: str = "张伟", day: str = "2026-11-13",
                  figures: str = "3,482.60", words: str = "叁仟肆佰捌拾贰元陆角") -> Path:
    """A 医疗收费电子票据 as hospital systems lay it out: labels and values on a text layer."""
    from reportlab.pdfgen.canvas import Canvas

    from offsite_cli.base import fonts

    font = fonts.register(None)
    canvas = Canvas(str(path), pagesize=(595, 420), invariant=1)
    canvas.setFont(font, 16)
    canvas.drawString(150, 380, "上海市医疗收费电子票据")
    canvas.setFont(font, 9)
    lines = [
        "票据代码：31060126 票据号码：" + number,
        "交款人：" + payer + " 校验码：a1b2c3",
        "开票日期：" + day,
        "收款单位：上海市示例医院",
        f"金额合计（大写）：{words} （小写）：{figures}",
        "医保统筹基金支付：2,103.00 个人账户支付：500.00 个人现金支付：879.60",
        "个人自付：612.30 个人自费：267.30",
    ]
    for index, line in enumerate(lines):
        canvas.drawString(40, 340 - 22 * index, line)
    canvas.save()
    return path


def _check(folder: Path, *options: str) -> dict:
    result = run("dossier", "check", str(folder), "--today", TODAY, "--json", *options)
    return json.loads(result.stdout)


def test_a_pdf_e_receipt_gives_its_fields_and_the_claim_its_receipt(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    write_case(folder, extra="amount = 3482.60\n")
    (folder / "receipt").mkdir()
    e_receipt_pdf(folder / "receipt" / "电子票据.pdf")
    report = _check(folder)
    (info,) = report["documents"]["receipt"]["files"]
    fields = info["fields"]
    assert fields["code"] == "31060126" and fields["number"] == "0012345678"
    assert fields["date"] == "2026-11-13" and fields["payer"] == "张伟"
    assert fields["payee"] == "上海市示例医院" and fields["total"] == 3482.60
    assert fields["total_words"] == "叁仟肆佰捌拾贰元陆角"
    assert (fields["fund_paid"], fields["account_paid"], fields["cash_paid"]) == (2103.0, 500.0, 879.6)
    assert (fields["self_paid"], fields["self_expense"]) == (612.3, 267.3)
    assert report["receipts"] == [{"number": "0012345678", "code": "31060126", "date": "2026-11-13",
                                   "amount": 3482.6, "item": "上海市示例医院",
                                   "source": "receipt/电子票据.pdf", "fields": fields}]
    assert report["documents"]["receipt"]["problems"] == []  # the person paid, in the stay, words right


def test_the_forms_list_the_receipts_read_off_the_files(tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = tmp_path / "dossier"
    write_case(folder, extra="amount = 3482.60\n")
    (folder / "receipt").mkdir()
    e_receipt_pdf(folder / "receipt" / "电子票据.pdf")
    result = run("dossier", "forms", str(folder), "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    text = PdfReader(folder / "forms" / "reimbursement-application.pdf").pages[0].extract_text()
    assert "0012345678" in text and "3,482.60" in text


def test_what_case_toml_says_wins_and_a_difference_names_both(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    write_case(folder, extra='\n[[receipts]]\nnumber = "0012345678"\ndate = 2026-11-13\namount = 3400.00\n')
    (folder / "receipt").mkdir()
    e_receipt_pdf(folder / "receipt" / "电子票据.pdf")
    report = _check(folder, "--lang", "en")
    assert [r["amount"] for r in report["receipts"]] == [3400.0]
    assert report["receipts"][0]["source"] == "case.toml"
    problems = report["documents"]["receipt"]["problems"]
    assert any("case.toml says amount 3,400.00" in p and "receipt/电子票据.pdf says 3,482.60" in p
               for p in problems), problems


def test_the_checks_a_clerk_makes_by_eye(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    write_case(folder, extra="amount = 9999.00\n")
    (folder / "receipt").mkdir()
    e_receipt_pdf(folder / "receipt" / "a.pdf", words="叁仟元整")
    e_receipt_pdf(folder / "receipt" / "b.pdf", words="叁仟元整")
    e_receipt_pdf(folder / "receipt" / "c.pdf", number="00990001", payer="李四", day="2026-10-01")
    report = _check(folder, "--lang", "en")
    problems = " | ".join(report["documents"]["receipt"]["problems"])
    assert "paid by “李四”, not by the insured person 张伟" in problems
    assert "dated 2026-10-01, outside the stay from 2026-11-02 to 2026-11-13" in problems
    assert "the amount in words “叁仟元整” is not the figures 3,482.60" in problems
    assert "receipt 0012345678 appears twice: receipt/b.pdf and receipt/a.pdf" in problems
    assert "the receipts add up to 3,482.60 yuan, not the 9,999.00 yuan of episode.amount" in problems
    # another person's receipt, or one of another stay, is said and not counted for the claim
    assert "receipt/c.pdf (receipt 00990001): may not be a receipt of this person's stay, not counted" in problems
    assert [r["number"] for r in report["receipts"]] == ["0012345678"]


def test_a_typed_receipt_without_its_number_is_never_counted_twice(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    write_case(folder, extra="\n[[receipts]]\namount = 3482.60\n")
    (folder / "receipt").mkdir()
    e_receipt_pdf(folder / "receipt" / "电子票据.pdf")
    report = _check(folder, "--lang", "en")
    assert [r["amount"] for r in report["receipts"]] == [3482.6]
    assert any("cannot tell whether this is one of them" in p
               for p in report["documents"]["receipt"]["problems"])


def test_ofd_e_invoices_give_their_fields_from_their_data(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    write_case(folder)
    (folder / "receipt").mkdir()
    for name in ("1.ofd", "999.ofd"):
        (folder / "receipt" / name).write_bytes((DATA / name).read_bytes())
    report = _check(folder, "--lang", "en")
    fields = {f["path"]: f["fields"] for f in report["documents"]["receipt"]["files"]}
    assert fields["receipt/1.ofd"]["number"] == "83089647" and fields["receipt/1.ofd"]["total"] == 526.0
    assert fields["receipt/999.ofd"]["total"] == 10600.0 and fields["receipt/999.ofd"]["date"] == "2020-08-05"
    assert fields["receipt/999.ofd"]["sources"]["number"] == "CustomDatas"
    # 2020 invoices to a company are not this 2026 stay's receipts: said, and not counted
    assert report["receipts"] == []
    problems = " | ".join(report["documents"]["receipt"]["problems"])
    assert "receipt/1.ofd (receipt 83089647): may not be a receipt of this person's stay" in problems
    assert CASE_TEXT  # the case has no [[receipts]]: nothing typed either


def test_a_receipt_number_read_off_files_in_two_dossiers_is_reported_by_the_ledger(tmp_path: Path) -> None:
    """Issue 11 point 2 across dossiers: the same 票据号码 read off two different files (not
    typed, not the same bytes) in two dossiers is one receipt claimed twice."""
    root = tmp_path / "claims"
    for name, day in (("a", "2026-11-13"), ("b", "2026-11-12")):
        folder = root / name
        write_case(folder)
        (folder / "receipt").mkdir()
        e_receipt_pdf(folder / "receipt" / "电子票据.pdf", day=day)  # other bytes, one number
    result = run("ledger", str(root), "--today", TODAY, "--json")
    assert result.exit_code == 1, result.stderr
    duplicates = json.loads(result.stdout)["duplicates"]
    assert [d["kind"] for d in duplicates] == ["number"]
    assert duplicates[0]["number"] == "0012345678"
    assert sorted(Path(case).name for case in duplicates[0]["cases"]) == ["a", "b"]
