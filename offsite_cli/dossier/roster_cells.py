"""A roster's cells as people fill them in: dates (Excel dates and serial numbers, 2026/11/5,
2026年11月5日), yes and no (是/否, 已/未, Y/N), amounts (12,873.50, ¥, 元) and the names of a value
set (职工医保, 退休, 门特). Each reader returns the value or raises ValueError; dossier/roster.py
says which row and column.

A date written as text is read by the one parser of typed dates (base/dates.py), as options,
answers and case.toml are; Excel's own date cells and serial numbers are read here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from offsite_cli.base import dates

_YES = {"是", "已", "有", "已备案", "已结算", "y", "yes", "true", "1", "√", "✓", "✔", "对"}
_NO = {"否", "未", "无", "没有", "未备案", "未结算", "n", "no", "false", "0", "×", "✗", "✘", "不"}


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# An ID number that went through Excel as a number, as a CSV or a text cell then holds it:
# 1.40502E+17 (scientific notation) or 140502199001010027.0 (a float's decimals).
_NUMBER_SHAPED = re.compile(r"[+-]?\d+(\.\d*)?[eE][+-]?\d+|\d+\.0*")


def stored_as_number(value: Any) -> bool:
    """Whether a cell holds a number where text was meant: an Excel number (the last digits of
    an 18-digit ID are lost past 15) or such a number written out as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return bool(_NUMBER_SHAPED.fullmatch(text_of(value).replace(" ", "")))


# Dates as people write them: to be pointed at the shared parser (see the docstring above).
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)


def cell_date(value: Any) -> date | None:
    """A date from a cell: an Excel date, an Excel serial number, or text as people write it;
    ValueError when it is not a real date."""
    if value is None or text_of(value) == "":
        return None
    if isinstance(value, datetime):  # an Excel date (a time of day, if any, is dropped)
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer() and not 19000101 <= value <= 22001231:
            return _EXCEL_EPOCH + timedelta(days=int(value))
    written = text_of(value)
    written = written.split(" ")[0] if re.fullmatch(r"\S+\s+\d{1,2}:\d{2}(:\d{2})?", written) else written
    if re.fullmatch(r"\d{5}", written):  # a serial number that came through a CSV
        return _EXCEL_EPOCH + timedelta(days=int(written))
    return dates.parse(written)  # the one reader of typed dates; ValueError for 2026/13/01


def yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    written = text_of(value).lower()
    if not written:
        return None
    if written in _YES:
        return True
    if written in _NO:
        return False
    raise ValueError(written)


def amount_of(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount = float(value)
    else:
        written = re.sub(r"[¥￥,，\s]|元$|rmb", "", text_of(value), flags=re.IGNORECASE)
        if not written:
            return None
        amount = float(written)  # ValueError for words
    if amount < 0 or amount != amount or amount == float("inf"):
        raise ValueError(value)
    return round(amount, 2)


_SUFFIXES = re.compile(r"（[^）]*）|\([^)]*\)|基本医疗保险|医疗保险|医保|人员|就医")


def _core(words: str) -> str:
    return _SUFFIXES.sub("", words).replace(" ", "").lower()


def choice_of(value: str, options: dict[str, list[str]]) -> str:
    """The one option whose id or name the value is, or contains, or is contained in
    (职工基本医疗保险 → employee, 退休 → resettled-retiree); ValueError when none or several."""
    written = value.strip()
    for option, names in options.items():
        if written.lower() == option or written in names or written.lower() in (n.lower() for n in names):
            return option
    core = _core(written)
    if not core:
        raise ValueError(written)
    found = set()
    for option, names in options.items():
        words = [_core(name) for name in names]
        words += [_core(inside) for name in names for inside in re.findall(r"[（(]([^）)]*)[）)]", name)]
        if any(word and (core in word or word in core) for word in words):
            found.add(option)
    if len(found) != 1:
        raise ValueError(written)
    return found.pop()
