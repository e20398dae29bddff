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


def _years_before(earlier: date, later: date) -> int:
    years = later.year - earlier.year
    if (later.month, later.day) < (earlier.month, earlier.day):
        years -= 1
    return years


def check(today: date, fields: dict[str, str], admitted: date | None = None,
          discharged: date | None = None, filed_on: date | None = None,
          receipts: Iterable[tuple[str, date | None]] = ()) -> list[DateNote]:
    """BadInput for a date after `today` or a discharge before the admission; warnings for
    implausible ones. `fields` names each
    date as the clerk wrote it (`--admitted`, `case.toml: episode.admitted`); `receipts` are
    (field, date) pairs."""
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
        if day is not None and kind != "filed_on" and _years_before(day, today) >= LONG_AGO_YEARS:
            notes.append(DateNote("warn_date_long_ago", {
                "field": name, "value": day.isoformat(), "today": today.isoformat(),
                "years": LONG_AGO_YEARS, "what": MESSAGES[f"date.{kind}"]}))
    if admitted and discharged and (discharged - admitted).days > LONG_STAY_DAYS:
        notes.append(DateNote("warn_long_stay", {
            "field": fields.get("discharged", "discharged"), "days": (discharged - admitted).days,
            "admitted": admitted.isoformat(), "discharged": discharged.isoformat()}))
    if admitted and filed_on and _years_before(filed_on, admitted) >= FILED_BEFORE_YEARS:
        notes.append(DateNote("warn_filed_long_before", {
            "field": fields.get("filed_on", "filed_on"), "filed_on": filed_on.isoformat(),
            "admitted": admitted.isoformat(), "years": FILED_BEFORE_YEARS}))
    return notes

