"""The claims register (台账): one row per dossier, its totals, and the register as CSV (UTF-8 with a
BOM, so that Excel opens Chinese), as an .xlsx workbook (openpyxl, imported only here, only when
one is written) or as JSON. Nothing here reads a document: the rows come from the classification,
the case's history and the file digests (dossier/digest.py)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from offsite_cli.base.errors import OffsiteError
from offsite_cli.base.i18n import label, names_list, text
from offsite_cli.dossier import case as case_file
from offsite_cli.dossier import status as claim_status
from offsite_cli.dossier.digest import Digest
from offsite_cli.dossier.duplicates import Duplicate, describe
from offsite_cli.policy.rules import Deadline
from offsite_cli.policy.values import ClaimStatus, DeadlineRole

# (column key, kind): kinds are text, id (text that looks like a number), date, amount, count
COLUMNS: tuple[tuple[str, str], ...] = (
    ("case", "text"), ("name", "text"), ("id_number", "id"), ("unit", "text"),
    ("insured", "text"), ("treatment", "text"), ("hospital", "text"), ("admitted", "date"),
    ("discharged", "date"), ("care", "text"), ("route", "text"), ("amount", "amount"),
    ("receipts", "id"), ("receipt_count", "count"), ("receipt_total", "amount"),
    ("complete", "text"), ("missing", "text"), ("deadline", "text"), ("deadline_date", "date"),
    ("days_left", "count"), ("status", "text"), ("status_on", "date"), ("submitted", "date"),
    ("paid_on", "date"), ("paid", "amount"), ("duplicates", "text"),
)
TOTALLED = ("amount", "receipt_total", "paid")


@dataclass
class Row:
    case: case_file.Case
    route: str
    digest: Digest | None
    deadline: Deadline | None  # the claim's open deadline (or the day payment is expected)
    missing_names: tuple[str, ...] = ()
    duplicates: list[Duplicate] = field(default_factory=list)
    # False: nothing to claim (settled directly by card, local, not reimbursable) — no amount
    # claimed, nothing to hand in, as `dossier build` says
    to_claim: bool = True

    @property
    def status(self) -> claim_status.Event | None:
        return claim_status.current(self.case.history)

    def values(self, lang: str, show_id: bool = False) -> dict[str, Any]:
        """The row's cells by column key: dates as dates, amounts as numbers, None for nothing."""
        case = self.case
        status = self.status
        submitted = claim_status.first(case.history, ClaimStatus.SUBMITTED)
        paid = claim_status.last(case.history, ClaimStatus.PAID)
        receipts = case.receipts
        complete = None if self.digest is None or not self.to_claim else (
            text("ledger.complete_yes" if self.digest.complete else "ledger.complete_no", lang))
        identity = case.id_number
        return {
            "case": str(case.folder),
            "name": case.name,
            "id_number": (identity.value if show_id else identity.masked) if identity else "",
            "unit": case.unit,
            "insured": case.insured_region.full_name if case.insured_region else "",
            "treatment": case.treatment_region.full_name if case.treatment_region else "",
            "hospital": case.hospital,
            "admitted": case.admitted,
            "discharged": case.discharged,
            "care": label("care", case.care, lang) if case.care else "",
            "route": label("route", self.route, lang) if self.route else "",
            "amount": case.amount if self.to_claim else None,
            "receipts": "; ".join(r.number for r in receipts if r.number),
            "receipt_count": len(receipts),
            "receipt_total": round(sum(r.amount for r in receipts), 2) if receipts else None,
            "complete": complete,
            "missing": names_list(list(self.missing_names), lang),
            "deadline": self.deadline.name if self.deadline else "",
            "deadline_date": self.deadline.date if self.deadline else None,
            "days_left": self.deadline.days_left if self.deadline else None,
            "status": claim_status.said(status.status, lang) if status else
            "" if self.to_claim else text("ledger.nothing", lang),
            "status_on": status.on if status else None,
            "submitted": submitted.on if submitted else None,
            "paid_on": paid.on if paid else None,
            "paid": paid.amount if paid else None,
            "duplicates": "; ".join(describe(d, case.folder, lang) for d in self.duplicates),
        }

    def as_json(self, show_id: bool = False) -> dict[str, Any]:
        case = self.case
        deadline = self.deadline
        return {
            "case": str(case.folder),
            "person": {"name": case.name or None,
                       "id_number": (case.id_number.value if show_id else case.id_number.masked)
                       if case.id_number else None},
            "unit": case.unit or None,
            "insured_region": case.insured_region.code if case.insured_region else None,
            "treatment_region": case.treatment_region.code if case.treatment_region else None,
            "hospital": case.hospital or None,
            "admitted": _iso(case.admitted), "discharged": _iso(case.discharged),
            "care": case.care or None, "route": self.route or None,
            "amount": case.amount, "to_claim": self.to_claim,
            "receipts": [{"number": r.number, "date": _iso(r.date), "amount": r.amount,
                          "item": r.item} for r in case.receipts],
            "complete": self.digest.complete if self.digest else None,
            "missing": list(self.digest.missing) if self.digest else [],
            "unreadable": list(self.digest.unreadable) if self.digest else [],
            "deadline": None if deadline is None else {
                "id": deadline.id, "name": deadline.name, "date": deadline.date.isoformat(),
                "days_left": deadline.days_left, "role": deadline.role},
            "status": self.status.status.value if self.status else None,
            "history": [event.as_json() for event in case.history],
            "paid": claim_status.paid_amount(case.history),
            "duplicates": [d.as_json() for d in self.duplicates],
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def lead_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The claim deadline if it is open, else the payment expected, else the soonest."""
    for role in (DeadlineRole.CLAIM, DeadlineRole.PAYMENT):
        for deadline in deadlines:
            if deadline.role == role:
                return deadline
    return deadlines[0] if deadlines else None


@dataclass
class Ledger:
    rows: list[Row]
    broken: list[tuple[Path, OffsiteError]]
    duplicates: list[Duplicate]

    def totals(self) -> dict[str, Any]:
        def total(values: list[float | None]) -> float:
            return round(sum(v for v in values if v is not None), 2)

        return {"dossiers": len(self.rows),
                "amount": total([r.case.amount for r in self.rows if r.to_claim]),
                "receipt_count": sum(len(r.case.receipts) for r in self.rows),
                "receipt_total": total([a.amount for r in self.rows for a in r.case.receipts]),
                "paid": total([claim_status.paid_amount(r.case.history) for r in self.rows]),
                "to_claim": sum(1 for r in self.rows if r.to_claim),
                "complete": sum(1 for r in self.rows if r.to_claim and r.digest and r.digest.complete)}

    def as_json(self, show_id: bool = False) -> dict[str, Any]:
        return {"dossiers": [row.as_json(show_id) for row in self.rows], "totals": self.totals(),
                "duplicates": [d.as_json() for d in self.duplicates]}


def headers(lang: str) -> list[str]:
    return [text(f"ledger.{key}", lang) for key, _ in COLUMNS]


def csv_bytes(ledger: Ledger, lang: str, show_id: bool = False) -> bytes:
    """UTF-8 with a BOM, CRLF lines (what Excel expects); dates ISO, amounts with two decimals."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(lang))

    def cell(kind: str, value: Any) -> str:
        if value is None:
            return ""
        if kind == "amount":
            return f"{value:.2f}"
        if kind == "date":
            return value.isoformat()
        return str(value)

    for row in ledger.rows:
        values = row.values(lang, show_id)
        writer.writerow([cell(kind, values[key]) for key, kind in COLUMNS])
    totals = ledger.totals()
    writer.writerow([text("ledger.total", lang, count=totals["dossiers"]) if key == "case" else
                     cell("amount", totals[key]) if key in TOTALLED else
                     str(totals["receipt_count"]) if key == "receipt_count" else ""
                     for key, _ in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_WIDTHS = {"text": 14, "id": 22, "date": 12, "amount": 14, "count": 9}


def xlsx_bytes(ledger: Ledger, lang: str, show_id: bool = False) -> bytes:
    """A workbook of one sheet: a bold header frozen at the top with filters, IDs and receipt
    numbers as text, amounts as numbers shown with two decimals, dates as dates, a totals row
    below the filtered range."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(text("ledger.title", lang))
    for index, (key, kind) in enumerate(COLUMNS, start=1):
        width = {"case": 24, "name": 10, "hospital": 20, "missing": 24, "duplicates": 30}.get(
            key, _WIDTHS[kind])
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    # printed: landscape, all columns on the width of a page, the header on every page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    last_row = len(ledger.rows) + 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    bold = Font(bold=True)

    def cell(kind: str, value: Any, font: Font | None = None) -> Any:
        item = WriteOnlyCell(sheet, value=value)
        if kind == "amount":
            item.number_format = "#,##0.00"
        elif kind == "date":
            item.number_format = "yyyy-mm-dd"
        elif kind == "id":
            item.number_format = "@"  # text: an 18-digit ID is not 1.4E+17
        if font is not None:
            item.font = font
        return item

    sheet.append([cell("text", name, bold) for name in headers(lang)])
    for row in ledger.rows:
        values = row.values(lang, show_id)
        sheet.append([cell(kind, values[key] if values[key] != "" else None) for key, kind in COLUMNS])
    totals = ledger.totals()
    sheet.append([cell("text", text("ledger.total", lang, count=totals["dossiers"]), bold)
                  if key == "case" else cell("amount", totals[key], bold) if key in TOTALLED
                  else cell("count", totals["receipt_count"], bold) if key == "receipt_count"
                  else cell("text", None) for key, _ in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
