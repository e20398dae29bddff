"""A dossier's receipts: those typed in case.toml, and those read off its e-receipt files, with the
checks a clerk makes by eye (whose name, which dates, 大写 against 小写, twice, the sum).

What was typed in case.toml wins; a file's receipt that case.toml has under the same number is
compared with it, field by field, and a difference is said naming both. A file's receipt that
case.toml lacks is added (source: the file). Nothing here reads a file: the reader did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from offsite_cli.base import amounts
from offsite_cli.base.i18n import text
from offsite_cli.dossier.case import Case, Receipt
from offsite_cli.files.reading import FileInfo
from offsite_cli.policy import episode_dates

RECEIPT_DOCUMENT = "receipt"  # the contract's document id of receipts and invoices
CASE_FILE = "case.toml"


@dataclass
class FoundReceipt:
    """One receipt of the claim and where it comes from (case.toml, or a file's path)."""

    receipt: Receipt
    source: str
    code: str = ""  # 票据代码, when a file gave it
    fields: Any = None  # the file's InvoiceFields

    def as_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "number": self.receipt.number or None, "code": self.code or None,
            "date": self.receipt.date.isoformat() if self.receipt.date else None,
            "amount": round(self.receipt.amount, 2), "item": self.receipt.item or None,
            "source": self.source,
        }
        if self.fields is not None:
            item["fields"] = fields_json(self.fields)
        return item


@dataclass
class Receipts:
    found: list[FoundReceipt] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # said under the receipt document

    @property
    def receipts(self) -> list[Receipt]:
        return [item.receipt for item in self.found]


def fields_json(fields: Any) -> dict[str, Any]:
    """An InvoiceFields as JSON: dates as ISO text, amounts as numbers with two decimals."""
    out: dict[str, Any] = {}
    for name, value in fields.found().items():
        if isinstance(value, date):
            value = value.isoformat()
        elif not isinstance(value, str):
            value = float(value)
        out[name] = value
    out["sources"] = dict(fields.sources)
    return out


def gather(case: Case, files: list[FileInfo], lang: str) -> Receipts:
    """The claim's receipts and what is wrong with them (`files`: the receipt document's files)."""
    result = Receipts([FoundReceipt(receipt, CASE_FILE) for receipt in case.receipts])
    typed = {receipt.number.strip(): receipt for receipt in case.receipts if receipt.number.strip()}
    unnumbered = any(not receipt.number.strip() for receipt in case.receipts)
    seen: dict[tuple[str, str], str] = {}
    for info in files:
        fields = info.fields
        if fields is None or not info.readable:
            continue
        number, code = fields.number or "", fields.code or ""
        if number and (code, number) in seen:
            result.problems.append(text("receipt.twice", lang, number=number, file=info.relative,
                                        other=seen[(code, number)]))
            continue
        if number:
            seen[(code, number)] = info.relative
        doubts = _checks(case, info.relative, fields, lang)
        result.problems += doubts
        if number and number in typed:
            result.problems += _differences(typed[number], info.relative, fields, lang)
            for item in result.found:
                if item.receipt is typed[number]:
                    item.code, item.fields = code, fields
            continue
        if fields.total is None:
            continue
        if any(problem.whose for problem in doubts):  # not the person's, or not this stay's
            result.problems.append(text("receipt.not_counted", lang, file=info.relative,
                                        number=number or "—"))
            continue
        if unnumbered:  # a typed receipt without its number may be this one: never count it twice
            result.problems.append(text("receipt.unmatched", lang, file=info.relative,
                                        number=number or "—"))
            continue
        result.found.append(FoundReceipt(
            Receipt(number=number, date=fields.date, amount=float(fields.total), item=fields.payee or ""),
            info.relative, code, fields))
    case.show_receipt_numbers([number for _, number in seen])  # read off the files: shown as they are
    total = sum(item.receipt.amount for item in result.found)
    if result.found and case.amount is not None and amounts.to_cents(total) != amounts.to_cents(case.amount):
        result.problems.append(text("receipt.sum_differs", lang, total=amounts.figures(total),
                                    amount=amounts.figures(case.amount)))
    return result


class Doubt(str):
    """A problem said of a receipt; `whose`: it may not be this person's or this stay's receipt
    (then a receipt read off a file is not counted for the claim without the clerk)."""

    whose = False


def _doubt(message: str, whose: bool) -> Doubt:
    doubt = Doubt(message)
    doubt.whose = whose
    return doubt


def _checks(case: Case, relative: str, fields: Any, lang: str) -> list[Doubt]:
    """What a clerk checks by eye on one receipt."""
    problems: list[Doubt] = []
    label = fields.number or relative
    if fields.payer and case.name and _plain(fields.payer) != _plain(case.name):
        problems.append(_doubt(text("receipt.payer", lang, receipt=label, file=relative,
                                    payer=fields.payer, name=case.name), True))
    first, last = case.admitted, case.discharged or case.admitted
    if episode_dates.is_outside_stay(fields.date, case.admitted, case.discharged):
        problems.append(_doubt(text("receipt.outside_stay", lang, receipt=label, file=relative,
                                    date=fields.date.isoformat(), first=first.isoformat(),
                                    last=last.isoformat()), True))
    if fields.total is not None and fields.total_words:
        try:
            words = amounts.capital(fields.total)
        except ValueError:
            words = ""
        if _words(words) != _words(fields.total_words):
            problems.append(_doubt(text("receipt.words_differ", lang, receipt=label, file=relative,
                                        figures=amounts.figures(fields.total),
                                        words=fields.total_words), False))
    return problems


def _differences(typed: Receipt, relative: str, fields: Any, lang: str) -> list[str]:
    """case.toml against the file, for the receipt both have under one number."""
    problems = []
    if fields.total is not None and amounts.to_cents(typed.amount) != amounts.to_cents(fields.total):
        problems.append(text("receipt.differs", lang, number=typed.number, key="amount",
                             typed=amounts.figures(typed.amount), file=relative,
                             found=amounts.figures(fields.total)))
    if fields.date and typed.date and fields.date != typed.date:
        problems.append(text("receipt.differs", lang, number=typed.number, key="date",
                             typed=typed.date.isoformat(), file=relative, found=fields.date.isoformat()))
    return problems


def _plain(name: str) -> str:
    return "".join(name.split())


def _words(value: str) -> str:
    """Capital amounts compared as written: 圆 and 元 are the same, and the closing 整 (or 正)
    that the bill-filling rules ask for is often left off."""
    return _plain(value).replace("圆", "元").replace("正", "整").rstrip("整")
