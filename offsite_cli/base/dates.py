"""Dates as people write them: 2026-11-05, 2026-11-5, 2026/11/5, 2026.11.5, 2026年11月5日, 20261105.

The one reader of a typed date: options, answers to questions, quoted dates in case.toml (and a
roster's cells, later) all come here. Full-width digits and punctuation from a Chinese input
method are read as their plain forms. Nothing here knows what the date is for: whether it may be
in the future, or how far from another one, is for the caller (policy/episode_dates.py).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import both

FIRST_YEAR, LAST_YEAR = 1900, 2200
# year, month and day with one separator used twice; or 年月日; or eight digits
_SEPARATED = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
FORMS = both("2026-11-05、2026/11/5、2026.11.5 或 2026年11月5日",
             "2026-11-05, 2026/11/5, 2026.11.5 or 2026年11月5日")


def parse(text: str | date) -> date:
    """The date a person meant, or ValueError (the text is not a date in one of the forms, or
    names a day that does not exist, or a year outside 1900–2200). A date (or a date-time, as a
    spreadsheet cell gives it) is taken as it is."""
    if isinstance(text, datetime):
        text = text.date()
    if isinstance(text, date):
        if not FIRST_YEAR <= text.year <= LAST_YEAR:
            raise ValueError(f"year {text.year} out of range")
        return text
    value = unicodedata.normalize("NFKC", str(text)).strip()
    value = value.replace("。", ".").replace("．", ".")  # NFKC keeps the ideographic full stop
    for pattern in (_SEPARATED, _CHINESE, _COMPACT):
        found = pattern.fullmatch(value)
        if found:
            year, month, day = (int(part) for part in found.groups() if part.isdigit())
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise ValueError(f"year {year} out of range")
            return date(year, month, day)  # ValueError for 2026-02-30
    raise ValueError("not a date")


def read(text: str, field_name: str) -> date:
    """`parse`, or bad input naming the field, the value and the forms accepted."""
    try:
        return parse(text)
    except ValueError:
        pass
    shown = str(text).strip()[:40]
    if _looks_like_date(shown):
        raise BadInput("date_no_such_day", field=field_name, value=shown,
                       first=FIRST_YEAR, last=LAST_YEAR) from None
    raise BadInput("bad_date", field=field_name, value=shown, forms=FORMS) from None


def _looks_like_date(text: str) -> bool:
    """Written in one of the forms, but not a real day (2026-02-30, 2026-13-01, year 0026)."""
    value = unicodedata.normalize("NFKC", text).strip()
    return any(pattern.fullmatch(value) for pattern in (_SEPARATED, _CHINESE, _COMPACT))
