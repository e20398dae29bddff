"""Periods in calendar months (Civil Code arts. 201-203), rolled past rest days: the State Council schedule, or the statutory holidays before it is out."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from offsite_cli.base import resources
from offsite_cli.base.errors import BadInput, WorkFailed, toml_reason


class YearSchedule(NamedTuple):
    """Rest days and make-up working days of one year; `source` says where they come from."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]  # make-up working days (补班/调休) on a weekend
    source: str


class Calendar:
    """Rest days by year: the user's calendar files first, then `chinese-calendar`, then the
    statutory holidays alone (provisional)."""

    def __init__(self, user_dir: Path | None = None) -> None:
        self.user_dir = user_dir
        self._years: dict[int, YearSchedule | None] = {}

    def schedule(self, year: int) -> YearSchedule | None:
        if year not in self._years:
            self._years[year] = self._load(year)
        return self._years[year]

    def _load(self, year: int) -> YearSchedule | None:
        if self.user_dir is not None:
            path = self.user_dir / f"{year}.toml"
            if path.is_file():
                return load_year_file(path, year)
        return _package_schedule(year)

    def is_provisional(self, day: date) -> bool:
        return self.schedule(day.year) is None

    def is_rest_day(self, day: date) -> bool:
        schedule = self.schedule(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return False
            if day in schedule.holidays:
                return True
        elif day in statutory_days(day.year):
            return True  # a year with no schedule yet: the statutory holidays still are
        return day.weekday() >= 5


def load_year_file(path: Path, year: int) -> YearSchedule:
    """A user's schedule for one year: `holidays = [...]` and `workdays = [...]` as TOML dates."""
    import tomllib

    from offsite_cli.base import toml_text

    try:
        data = toml_text.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise BadInput("calendar_file", file=str(path), reason=toml_reason(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput("calendar_file", file=str(path), reason=str(error)) from None
    days: dict[str, frozenset[date]] = {}
    for key in ("holidays", "workdays"):
        values = data.get(key, [])
        if not isinstance(values, list) or not all(type(v) is date for v in values):
            shown = ", ".join(v.isoformat() if isinstance(v, date) else repr(v) for v in values) \
                if isinstance(values, list) else repr(values)
            raise BadInput("calendar_key", file=str(path), key=key, value=f"[{shown}]"[:60])
        wrong = [v for v in values if v.year != year]
        if wrong:
            raise BadInput("calendar_year", file=str(path), key=key, value=wrong[0].isoformat())
        days[key] = frozenset(values)
    source = str(data.get("source", path.name))
    return YearSchedule(year, days["holidays"], days["workdays"], source)


@lru_cache(maxsize=None)
def _package_schedule(year: int) -> YearSchedule | None:
    """The State Council's schedule of `year` as the `chinese-calendar` package has it, kept in
    the cache folder (importing the package and sorting its days out took a few milliseconds of
    every command); None for a year the package does not know yet."""
    fingerprint = _fingerprint("chinese_calendar")
    stored = _cached_years(fingerprint, "schedules")
    if year not in stored:
        stored[year] = _read_package_schedule(year)
        _cache_years(fingerprint, stored, "schedules")
    days = stored[year]
    return YearSchedule(year, *days, "chinese-calendar") if days is not None else None


def _read_package_schedule(year: int) -> tuple[frozenset[date], frozenset[date]] | None:
    import chinese_calendar  # the State Council's schedules, 2004 to the package's last year

    try:
        chinese_calendar.is_holiday(date(year, 1, 1))
    except NotImplementedError:
        return None
    from chinese_calendar import constants

    return (frozenset(d for d in constants.holidays if d.year == year),
            frozenset(d for d in constants.workdays if d.year == year))


@lru_cache(maxsize=None)
def statutory_days(year: int) -> frozenset[date]:
    """The statutory holidays of a year with no schedule: every day of every holiday by the law in
    force (data/statutory-holidays.toml), lunar ones included, dated by the `holidays` package.
    Kept in the cache folder: importing the package takes longer than the rest of a command."""
    fingerprint = _fingerprint()
    stored = _cached_years(fingerprint)
    if year not in stored:
        stored[year] = frozenset().union(*holiday_days(year).values())
        _cache_years(fingerprint, stored)
    return stored[year]


def _cache_file(kind: str) -> Path:
    return resources.cache_dir() / ("statutory-days.pickle" if kind == "statutory" else f"{kind}.pickle")


def _fingerprint(package: str = "holidays") -> tuple[object, ...]:
    """What the days depend on: this module, the data file, and the installed package that dates
    them (`holidays`, `chinese_calendar`: found without importing it; an upgrade rewrites its
    files)."""
    from importlib.util import find_spec

    paths = [Path(__file__), resources.statutory_holidays_toml()]
    spec = find_spec(package)
    if spec is not None and spec.origin:
        paths += [Path(spec.origin), Path(spec.origin).parent]
    parts: list[object] = []
    for path in paths:
        stat = path.stat()
        parts += [str(path), stat.st_mtime_ns, stat.st_size]
    return tuple(parts)


def _cached_years(fingerprint: tuple[object, ...], kind: str = "statutory") -> dict[int, Any]:
    from offsite_cli.base.atomic import read_cache_bytes, unpickled

    try:
        held = read_cache_bytes(_cache_file(kind))  # (a FIFO put there is no cache, not a hang)
        if held is None:
            return {}
        stored, years = unpickled(held)
        if stored == fingerprint and isinstance(years, dict):
            return years
    except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt
        pass
    return {}


def _cache_years(fingerprint: tuple[object, ...], years: dict[int, Any], kind: str = "statutory") -> None:
    import pickle

    from offsite_cli.base import atomic

    try:
        atomic.write_cache(_cache_file(kind), pickle.dumps((fingerprint, years)))
    except (OSError, WorkFailed):
        pass  # no cache: the next run computes the year again


def holiday_days(year: int) -> dict[str, frozenset[date]]:
    """Each statutory holiday's days in `year` (by its Chinese name); none before the first revision."""
    revision = law_in_force(year)
    if revision is None:
        return {}
    # Imported here only: it costs start-up time, and only a year with no schedule needs it.
    from holidays.constants import PUBLIC
    from holidays.countries.china import China

    # PUBLIC: not the days off for some citizens only (妇女节, 青年节, 儿童节, 建军节: art. 3).
    # observed=False: no "补假" days moved off a weekend onto the next working day; that is the
    # package's rule, not the law's, and the schedule bridges with 调休 instead. The package also
    # adds each published schedule's bridging days ("休息日（由…调休）") whatever `observed` says:
    # only the days named after a statutory holiday are taken, so they are left out.
    package = China(years=year, categories=PUBLIC, observed=False, language="zh_CN")
    found = {}
    for holiday in revision["holiday"]:
        days = frozenset(day for name in holiday["names"]
                         for day in package.get_named(name, lookup="exact"))
        if len(days) != holiday["days"]:  # a year past the package's lunar tables, or a renamed day
            raise BadInput("statutory_days", year=year, holiday=holiday["name"],
                           days=holiday["days"], found=len(days))
        found[holiday["name"]["zh"]] = days
    return found


def law_in_force(year: int) -> dict | None:
    """The revision of the statutory-holiday law in force on 1 January of `year`, with its source."""
    import tomllib

    path = resources.statutory_holidays_toml()
    revisions = tomllib.loads(path.read_text(encoding="utf-8"))["revision"]
    in_force = [r for r in revisions if r["since"] <= date(year, 1, 1)]
    return max(in_force, key=lambda r: r["since"], default=None)


def default_calendar() -> Calendar:
    return Calendar(user_dir=resources.user_calendar_dir())


def add_months(start: date, months: int) -> date:
    """Art. 202: the corresponding day of the last month, or that month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)  # the first of the next month
    return date(year, month, min(start.day, (following - timedelta(days=1)).day))


class Due(NamedTuple):
    nominal: date  # the last day before rolling
    date: date  # the last day, after art. 203
    rolled: bool
    provisional: bool  # a year with no schedule was used: weekends and statutory holidays only


def period_end(start: date, months: int = 0, days: int = 0, roll: bool = True,
               calendar_: Calendar | None = None) -> Due:
    """End of a period that starts the day after `start` (art. 201) and lasts months and/or days."""
    calendar_ = calendar_ or default_calendar()
    nominal = add_months(start, months) + timedelta(days=days)
    end = nominal
    provisional = calendar_.is_provisional(end)
    if roll:
        while calendar_.is_rest_day(end):
            end += timedelta(days=1)
            provisional = provisional or calendar_.is_provisional(end)
    return Due(nominal=nominal, date=end, rolled=end != nominal, provisional=provisional)


def working_days_after(start: date, count: int, calendar_: Calendar | None = None) -> Due:
    """The `count`-th working day after `start` (the start itself not counted, art. 201): rest
    days skipped, make-up working days counted; provisional where a year has no schedule yet."""
    calendar_ = calendar_ or default_calendar()
    day, left, provisional = start, count, False
    while left > 0:
        day += timedelta(days=1)
        provisional = provisional or calendar_.is_provisional(day)
        if not calendar_.is_rest_day(day):
            left -= 1
    return Due(nominal=day, date=day, rolled=False, provisional=provisional)
