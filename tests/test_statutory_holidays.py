"""The statutory holidays of a year with no State Council schedule: the law's days, lunar ones included.

DAYS pins every statutory day of 2025-2028 by holiday. 2025 and 2026 are as the State Council's
notices give them (chinese-calendar holds those schedules; a test checks each day there). 2027 and
2028 were worked out by hand from the lunar calendar and checked against two sources other than
the `holidays` package: the new moons computed with `ephem` (PyEphem) in China Standard Time
(UTC+8), counting months from 正月初一 (2028 has a leap fifth month, 闰五月, after 端午), and the
`lunar-python` library (寿星天文历 algorithms); Qingming is also checked below, year by year, against
chinese-calendar's own solar terms.
"""

from __future__ import annotations

import tomllib
from datetime import date, timedelta

import pytest

from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text
from offsite_cli.policy.deadlines import Calendar, holiday_days, law_in_force, period_end, statutory_days

DAYS = tomllib.loads("""
[2025]
"元旦" = [2025-01-01]
"春节" = [2025-01-28, 2025-01-29, 2025-01-30, 2025-01-31]  # 除夕 Tue 28 Jan, 初一 Wed 29 Jan
"清明节" = [2025-04-04]
"劳动节" = [2025-05-01, 2025-05-02]
"端午节" = [2025-05-31]
"中秋节" = [2025-10-06]
"国庆节" = [2025-10-01, 2025-10-02, 2025-10-03]

[2026]
"元旦" = [2026-01-01]
"春节" = [2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19]  # 腊月 has 29 days: 除夕 is 廿九, Mon 16 Feb
"清明节" = [2026-04-05]
"劳动节" = [2026-05-01, 2026-05-02]
"端午节" = [2026-06-19]
"中秋节" = [2026-09-25]
"国庆节" = [2026-10-01, 2026-10-02, 2026-10-03]

[2027]
"元旦" = [2027-01-01]
# New moon 6 Feb 2027 23:56 UTC+8 (15:56 UTC, the annular eclipse): 初一 Sat 6 Feb, 除夕 Fri 5 Feb
"春节" = [2027-02-05, 2027-02-06, 2027-02-07, 2027-02-08]
"清明节" = [2027-04-05]  # the sun at 15°: 5 Apr 08:13 UTC+8
"劳动节" = [2027-05-01, 2027-05-02]
"端午节" = [2027-06-09]  # 五月初一 5 Jun
"中秋节" = [2027-09-15]  # 八月初一 1 Sep
"国庆节" = [2027-10-01, 2027-10-02, 2027-10-03]

[2028]
"元旦" = [2028-01-01]
"春节" = [2028-01-25, 2028-01-26, 2028-01-27, 2028-01-28]  # 初一 Wed 26 Jan
"清明节" = [2028-04-04]  # the sun at 15°: 4 Apr 14:00 UTC+8
"劳动节" = [2028-05-01, 2028-05-02]
"端午节" = [2028-05-28]  # 五月初一 24 May
"中秋节" = [2028-10-03]  # after 闰五月 (23 Jun): 八月初一 19 Sep; 中秋 falls on National Day
"国庆节" = [2028-10-01, 2028-10-02, 2028-10-03]
""")

# chinese-calendar's names for the holidays of its schedules.
SCHEDULE_NAMES = {"元旦": "New Year's Day", "春节": "Spring Festival", "清明节": "Tomb-sweeping Day",
                  "劳动节": "Labour Day", "端午节": "Dragon Boat Festival",
                  "中秋节": "Mid-autumn Festival", "国庆节": "National Day"}

PINNED = [(int(year), name) for year, holidays in DAYS.items() for name in holidays]


@pytest.mark.parametrize(("year", "name"), PINNED, ids=[f"{y}-{n}" for y, n in PINNED])
def test_each_holiday_falls_where_the_lunar_calendar_and_the_law_put_it(year: int, name: str) -> None:
    assert holiday_days(year)[name] == frozenset(DAYS[str(year)][name])


def test_every_holiday_of_the_law_is_pinned() -> None:
    for year, holidays in DAYS.items():
        law = law_in_force(int(year))
        assert set(holidays) == {h["name"]["zh"] for h in law["holiday"]}
        for holiday in law["holiday"]:
            assert len(holidays[holiday["name"]["zh"]]) == holiday["days"], (year, holiday["name"])


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_days_are_rest_days_of_the_official_schedule(year: int) -> None:
    """Every statutory day computed without the schedule is a holiday of the schedule, under the
    same holiday's name: the statutory days are a subset of the official rest days.

    The official schedule has more rest days than the law's 13, for three reasons:
    - weekends inside a holiday block (2025: Sat 1 and Sun 2 Feb in the Spring Festival week);
    - 补休: a statutory day that falls on a weekend is made up on a working day (办法 art. 6), e.g.
      Dragon Boat on Sat 31 May 2025 → Mon 2 June off; 2026: Qingming Sun 5 Apr → Mon 6 Apr,
      Labour Day Sat 2 May → Mon 4 May, National Day Sat 3 Oct → Mon 5 Oct;
    - bridging with 调休: working days between a holiday and a weekend are taken off and paid back
      by make-up working days on a weekend (2025: Mon 3 and Tue 4 Feb for Sun 26 Jan and Sat 8 Feb;
      2026: Fri 2 Jan for Sun 4 Jan, Tue 5 May for Sat 9 May, Tue 6 and Wed 7 Oct for Sun 20 Sep
      and Sat 10 Oct).
    The last two are counted below: the schedule's weekday rest days are exactly the statutory
    weekdays, one 补休 per statutory weekend day, and one bridging day per make-up working day.
    """
    from chinese_calendar import constants

    official = {day: name for day, name in constants.holidays.items() if day.year == year}
    computed = holiday_days(year)
    assert set(computed) == set(SCHEDULE_NAMES)
    for name, days in computed.items():
        for day in days:
            assert official.get(day) == SCHEDULE_NAMES[name], (name, day)
    statutory = statutory_days(year)
    assert len(statutory) == 13
    make_up = [d for d in constants.workdays if d.year == year]
    official_weekdays = [d for d in official if d.weekday() < 5]
    on_weekdays = [d for d in statutory if d.weekday() < 5]
    on_weekends = [d for d in statutory if d.weekday() >= 5]
    assert make_up and on_weekends
    assert len(official_weekdays) == len(on_weekdays) + len(on_weekends) + len(make_up)


def test_the_schedules_bridging_and_observed_days_are_not_statutory() -> None:
    """The `holidays` package lists the schedule's bridging days (休息日（由…调休）) and, when asked,
    days moved off a weekend (补假); neither is a statutory day."""
    from holidays.countries.china import China

    for year in (2025, 2026):
        listed = China(years=year, observed=True, language="zh_CN")
        extra = {day for day, name in listed.items()
                 if "调休" in name or "补假" in name}
        assert extra, year  # the package does list them: the test can fail
        assert not extra & statutory_days(year)


YEARS_AHEAD = range(2027, 2101)  # the package's lunar tables end with 2100


def test_every_provisional_year_has_the_laws_days_and_qingming_on_the_solar_term() -> None:
    """Through 2100: each holiday has the law's number of days (else the year is refused), the
    Spring Festival is 除夕 and the three days after it, and Qingming is chinese-calendar's 清明."""
    import chinese_calendar

    law = {h["name"]["zh"]: h["days"] for h in law_in_force(2027)["holiday"]}
    for year in YEARS_AHEAD:
        days = holiday_days(year)
        assert {name: len(found) for name, found in days.items()} == law, year
        eve = min(days["春节"])
        assert sorted(days["春节"]) == [eve + timedelta(days=n) for n in range(4)], year
        [(qingming, term)] = [t for t in chinese_calendar.get_solar_terms(
            date(year, 4, 1), date(year, 4, 10)) if t[1] == "清明"]
        assert days["清明节"] == {qingming}, year


def test_a_year_past_the_lunar_tables_is_refused_naming_the_calendar_file() -> None:
    with pytest.raises(BadInput) as caught:
        Calendar().is_rest_day(date(2101, 3, 1))
    assert caught.value.message == "statutory_days"
    english, chinese = (text(caught.value.message, lang, **caught.value.params) for lang in ("en", "zh"))
    assert "2101" in english and "calendar/2101.toml" in english and "New Year's Day" in english
    assert "calendar/2101.toml" in chinese and "元旦" in chinese
    assert "\n" not in english + chinese


def test_a_year_before_the_first_revision_has_no_statutory_days() -> None:
    assert law_in_force(2003) is None
    assert statutory_days(2003) == frozenset()


def test_the_law_in_force_says_its_source() -> None:
    law = law_in_force(2027)
    assert (law["title"], law["issuer"], law["date"]) == ("全国年节及纪念日放假办法", "国务院",
                                                          date(2024, 11, 10))
    assert law_in_force(2024)["date"] == date(2013, 12, 11)


# ------------------------------------------------------------------------- deadlines over them

PERIODS = tomllib.loads("""
[[case]]
name = "issue 9: discharged 2027-01-06, 1 month: Sat 6 Feb is 初一; 初二 Sun, 初三 Mon 8 Feb"
start = 2027-01-06
nominal = 2027-02-06
due = 2027-02-09

[[case]]
name = "2027 除夕 Friday 5 February"
start = 2027-01-05
nominal = 2027-02-05
due = 2027-02-09

[[case]]
name = "2027 Qingming Monday 5 April"
start = 2027-03-05
nominal = 2027-04-05
due = 2027-04-06

[[case]]
name = "2027 Dragon Boat Wednesday 9 June"
start = 2027-05-09
nominal = 2027-06-09
due = 2027-06-10

[[case]]
name = "2027 Mid-Autumn Wednesday 15 September"
start = 2027-08-15
nominal = 2027-09-15
due = 2027-09-16

[[case]]
name = "2028 除夕 Tuesday 25 January: the festival to Friday, then the weekend"
start = 2027-12-25
nominal = 2028-01-25
due = 2028-01-31

[[case]]
name = "2028 Qingming Tuesday 4 April"
start = 2028-03-04
nominal = 2028-04-04
due = 2028-04-05

[[case]]
name = "2028 Mid-Autumn on National Day, Tuesday 3 October"
start = 2028-09-03
nominal = 2028-10-03
due = 2028-10-04
""")["case"]


@pytest.mark.parametrize("case", PERIODS, ids=[c["name"] for c in PERIODS])
def test_a_provisional_deadline_rolls_past_the_lunar_holidays(case: dict) -> None:
    due = period_end(case["start"], months=1, calendar_=Calendar(user_dir=None))
    assert (due.nominal, due.date, due.rolled, due.provisional) == (
        case["nominal"], case["due"], True, True)


def test_the_period_table_rolls_over_pinned_days_only() -> None:
    """Guard the data: each nominal day is a pinned statutory day, and so is every day rolled over
    that is not a weekend, so the expected answers follow from DAYS, not from the code."""
    pinned = {day for holidays in DAYS.values() for days in holidays.values() for day in days}
    for case in PERIODS:
        assert case["nominal"] in pinned, case["name"]
        day = case["nominal"]
        while day < case["due"]:
            assert day in pinned or day.weekday() >= 5, case["name"]
            day += timedelta(days=1)
        assert case["due"] not in pinned and case["due"].weekday() < 5, case["name"]


def test_a_users_calendar_file_still_wins_over_the_statutory_days(config_dir) -> None:
    folder = config_dir / "calendar"
    folder.mkdir()
    # The user's 2027: Saturday 6 February a make-up working day (made up for the test).
    (folder / "2027.toml").write_text('source = "test"\nholidays = [2027-02-05]\n'
                                      'workdays = [2027-02-06]\n', encoding="utf-8")
    calendar = Calendar(user_dir=folder)
    due = period_end(date(2027, 1, 6), months=1, calendar_=calendar)
    assert (due.date, due.rolled, due.provisional) == (date(2027, 2, 6), False, False)
    # Monday 8 February (初三) is not a holiday in the user's file: a working day.
    due = period_end(date(2027, 1, 7), months=1, calendar_=calendar)
    assert (due.date, due.provisional) == (date(2027, 2, 8), False)
    assert not calendar.is_rest_day(date(2027, 2, 8))
    assert Calendar(user_dir=None).is_rest_day(date(2027, 2, 8))


# ------------------------------------------------------------------------- kept in the cache folder


@pytest.fixture
def fresh_days():
    """No days remembered in this process before or after the test."""
    statutory_days.cache_clear()
    yield
    statutory_days.cache_clear()


def without_the_holidays_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, importing the package fails (None in sys.modules makes `import` raise)."""
    import sys

    monkeypatch.setitem(sys.modules, "holidays.countries.china", None)


def test_a_computed_year_is_kept_and_read_back_without_the_package(
        fresh_days, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = frozenset(day for days in DAYS["2027"].values() for day in days)
    assert statutory_days(2027) == expected
    statutory_days.cache_clear()
    without_the_holidays_package(monkeypatch)
    assert statutory_days(2027) == expected  # from the cache folder
    with pytest.raises(ImportError):
        statutory_days(2028)  # not kept yet: the package is needed


def test_the_kept_days_are_not_used_once_the_law_file_changes(
        fresh_days, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from offsite_cli.base import resources

    law = tmp_path / "statutory-holidays.toml"
    law.write_text(resources.statutory_holidays_toml().read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(resources, "statutory_holidays_toml", lambda: law)
    assert date(2027, 2, 5) in statutory_days(2027)
    # A law without 除夕 (as before 2025): the kept days must not answer for it.
    text_now = law.read_text(encoding="utf-8")
    law.write_text(text_now.replace('放假4天（农历除夕、正月初一至初三）"\ndays = 4\nnames = ["农历除夕", "春节"]',
                                    '放假3天"\ndays = 3\nnames = ["春节"]'), encoding="utf-8")
    assert law.read_text(encoding="utf-8") != text_now
    statutory_days.cache_clear()
    days = statutory_days(2027)
    assert date(2027, 2, 5) not in days and date(2027, 2, 6) in days


def test_an_unreadable_cache_is_computed_again(fresh_days, isolated_home) -> None:
    from offsite_cli.base import resources

    cache = resources.cache_dir() / "statutory-days.pickle"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(b"not a pickle")
    assert date(2027, 2, 8) in statutory_days(2027)
    assert cache.read_bytes() != b"not a pickle"  # rewritten


def test_the_holidays_of_some_citizens_only_are_not_rest_days() -> None:
    """妇女节, 青年节, 儿童节 and 建军节 are days off for some citizens only (办法 art. 3), not rest
    days that move a deadline."""
    calendar = Calendar(user_dir=None)
    for day in (date(2027, 3, 8), date(2027, 5, 4), date(2027, 6, 1), date(2028, 8, 1)):
        assert day.weekday() < 5 and not calendar.is_rest_day(day), day
