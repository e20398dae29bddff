"""A roster as rows of cells: one sheet of an .xlsx (openpyxl, read-only) or a .csv (UTF-8 with or
without BOM, or GBK as Excel in China saves it). Only reading; what the cells mean is the
dossier layer's (dossier/roster.py)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offsite_cli.base.errors import BadInput, WorkFailed, os_reason

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted .xlsx or an old .xls
_MAX_BYTES = 50 * 10**6


@dataclass
class Sheet:
    """The cells of one sheet: `rows` as (row number as the spreadsheet shows it, cells)."""

    path: Path
    name: str
    rows: list[tuple[int, list[Any]]]
    merged: list[str]  # ranges such as "A3:A4"


def read(path: Path, sheet: str | None = None) -> Sheet:
    """The roster's rows; bad input (exit 2) for what a clerk can fix, naming the file."""
    if not path.exists():
        raise BadInput("folder_missing", field="ROSTER", value=str(path))
    if not path.is_file():
        raise BadInput("roster_not_file", file=str(path))
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        raise BadInput("roster_kind", file=str(path), kind=path.suffix or "—")
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise BadInput("roster_too_big", file=str(path), limit=_MAX_BYTES // 10**6)
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise WorkFailed("roster_unreadable", file=str(path), reason=os_reason(error)) from None
    if head.startswith(_OLE):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise BadInput("roster_encrypted", file=str(path))
        raise BadInput("roster_old_excel", file=str(path))
    if suffix == ".csv":
        return _read_csv(path)
    return _read_xlsx(path, sheet)


def _read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 reads GBK and more
        try:
            content = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly anything
        raise BadInput("roster_encoding", file=str(path))
    first = content.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        rows = [(number, list(cells)) for number, cells
                in enumerate(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter), start=1)]
    except csv.Error as error:
        raise BadInput("roster_csv", file=str(path), reason=str(error)) from None
    return Sheet(path=path, name="", rows=rows, merged=[])


def _read_xlsx(path: Path, sheet: str | None) -> Sheet:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise BadInput("roster_damaged", file=str(path)) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise BadInput("roster_no_sheet", file=str(path), value=sheet,
                           names="、".join(workbook.sheetnames))
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        rows = [(number, list(cells)) for number, cells
                in enumerate(worksheet.iter_rows(values_only=True), start=1)]
        merged = _merged_ranges(workbook, worksheet)
        name = worksheet.title
    except BadInput:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet inside a good zip
        raise BadInput("roster_damaged", file=str(path)) from None
    finally:
        workbook.close()
    return Sheet(path=path, name=name, rows=rows, merged=merged)


def _merged_ranges(workbook: Any, worksheet: Any) -> list[str]:
    """The merged cells of a sheet. Read-only mode does not keep them, so the sheet's XML is
    streamed for its <mergeCell ref="…"> elements."""
    from xml.etree.ElementTree import iterparse

    archive = getattr(workbook, "_archive", None)
    member = getattr(worksheet, "_worksheet_path", None)
    if archive is None or member is None:
        return []
    found = []
    with archive.open(member) as stream:
        for _, element in iterparse(stream):
            if element.tag.endswith("}mergeCell"):
                found.append(element.get("ref", ""))
            element.clear()
    return found
