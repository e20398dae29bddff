"""An episode's dates against today and each other: the future refused, the implausible warned of.

Admission, discharge, filing and receipt dates are facts of the past: one after today is a typo
(2027 for 2026) and is bad input. Some dates are possible but unlikely enough to say so — a stay
of over a year, a filing years before the admission, a date years ago — and are warnings (the
clerk may know better: a resettled retiree filed long ago). These thresholds are about typing
mistakes, not policy, so they live here and not in a profile.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import MESSAGES

LONG_STAY_DAYS = 366  # a stay longer than a year
FILED_BEFORE_YEARS = 3  # a filing this many years before the admission
LONG_AGO_YEARS = 2  # a claim date this many years before today (deadlines are months)


@dataclass(frozen=True)
class DateNote:
    """A warning about a date: an i18n message key and its parameters."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


def receipt_notes(today: date, name: Any, day: date | None, admitted: date | None,
                  discharged: date | None) -> list[DateNote]:
    """The warnings about one receipt's date: years before today, outside the stay. case.toml's
    [[receipts]] (through `check`) and `dossier receipt add --date` both come here."""
    notes = [_long_ago(name, "receipt", day, today), outside_stay(name, day, admitted, discharged)]
    return [note for note in notes if note is not None]


def _long_ago(name: Any, kind: str, day: date | None, today: date) -> DateNote | None:
    if day is None or kind == "filed_on" or _years_before(day, today) < LONG_AGO_YEARS:
        return None
    return DateNote("warn_date_long_ago", {
        "field": name, "value": day.isoformat(), "today": today.isoformat(),
        "years": LONG_AGO_YEARS, "what": MESSAGES[f"date.{kind}"]})


def outside_stay(name: Any, day: date | None, admitted: date | None,
                 discharged: date | None) -> DateNote | None:
    """A warning for a receipt dated outside the stay (from the admission to the discharge, or
    the day of the visit without a discharge); None when it is inside or a date is not known."""
    if not is_outside_stay(day, admitted, discharged):
        return None
    last = discharged or admitted
    return DateNote("warn_receipt_outside_stay", {
        "field": name, "value": day.isoformat(), "first": admitted.isoformat(),  # type: ignore[union-attr]
        "last": last.isoformat()})  # type: ignore[union-attr]


def is_outside_stay(day: date | None, admitted: date | None, discharged: date | None) -> bool:
    """Whether a receipt's date falls outside the stay (admission to discharge, or the day of the
    visit): the one rule for receipts typed in case.toml and read off files (dossier/receipts.py)."""
    last = discharged or admitted
    return bool(day and admitted and last and not admitted <= day <= last)


def _years_before(earlier: date, later: date) -> int:
    years = later.year - earlier.year
    if (later.month, later.day) < (earlier.month, earlier.day):
        years -= 1
    return years


def check(today: date, fields: dict[str, Any], admitted: date | None = None,
          discharged: date | None = None, filed_on: date | None = None,
          receipts: Iterable[tuple[Any, date | None]] = ()) -> list[DateNote]:
    """BadInput for a date after `today` or a discharge before the admission; warnings for
    implausible ones (a receipt dated outside the stay among them). `fields` names each date as
    the clerk wrote it (`--admitted`, `case.toml: episode.admitted`; a name may be said in both
    languages, i18n.both); `receipts` are (field, date) pairs."""
    receipts = list(receipts)
    if admitted and discharged and discharged < admitted:
        raise BadInput("discharge_before_admission", field=fields.get("discharged", "discharged"),
                       value=discharged.isoformat(), admitted=admitted.isoformat())
    named = [(fields.get(kind, kind), kind, day) for kind, day in
             (("admitted", admitted), ("discharged", discharged), ("filed_on", filed_on))]
    named += [(name, "receipt", day) for name, day in receipts]
    notes: list[DateNote] = []
    for name, kind, day in named:
        if day is None:
            continue
        if day > today:
            raise BadInput("date_future", field=name, value=day.isoformat(),
                           today=today.isoformat(), what=MESSAGES[f"date.{kind}"])
    for name, kind, day in named:
        if kind != "receipt" and (note := _long_ago(name, kind, day, today)) is not None:
            notes.append(note)
    for name, day in receipts:
        notes += receipt_notes(today, name, day, admitted, discharged)
    if admitted and discharged and (discharged - admitted).days > LONG_STAY_DAYS:
        notes.append(DateNote("warn_long_stay", {
            "field": fields.get("discharged", "discharged"), "days": (discharged - admitted).days,
            "admitted": admitted.isoformat(), "discharged": discharged.isoformat()}))
    if admitted and filed_on and _years_before(filed_on, admitted) >= FILED_BEFORE_YEARS:
        notes.append(DateNote("warn_filed_long_before", {
            "field": fields.get("filed_on", "filed_on"), "filed_on": filed_on.isoformat(),
            "admitted": admitted.isoformat(), "years": FILED_BEFORE_YEARS}))
    return notes

