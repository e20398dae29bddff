"""Periods in calendar months (Civil Code arts. 201-203) over the State Council's rest days.

The cases are data: MONTHS for art. 202 month arithmetic, PERIODS for the last day after art. 203.
Holiday dates come from `chinese_calendar.constants` (2025 and 2026 schedules); a test below checks
that every nominal date said to be in a holiday really is, so a wrong row cannot pass silently.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from offsite_cli.policy import deadlines
from offsite_cli.policy.deadlines import Calendar, add_months, period_end
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text

MONTHS = tomllib.loads("""
[[case]]
name = "31 Jan + 1 month: 28 Feb in a common year"
start = 2025-01-31
months = 1
end = 2025-02-28

[[case]]
name = "31 Jan + 1 month: 29 Feb in a leap year"
start = 2024-01-31
months = 1
end = 2024-02-29

[[case]]
name = "30 Jan + 1 month, leap year"
start = 2024-01-30
months = 1
end = 2024-02-29

[[case]]
name = "29 Jan + 1 month: 28 Feb in a common year"
start = 2025-01-29
months = 1
end = 2025-02-28

[[case]]
name = "30 Nov + 1 month: 30 Dec"
start = 2025-11-30
months = 1
end = 2025-12-30

[[case]]
name = "31 Dec + 1 month: 31 Jan next year"
start = 2025-12-31
months = 1
end = 2026-01-31

[[case]]
name = "31 Mar + 1 month: 30 Apr"
start = 2025-03-31
months = 1
end = 2025-04-30

[[case]]
name = "28 Feb + 1 month: 28 Mar, not the month's end"
start = 2025-02-28
months = 1
end = 2025-03-28

[[case]]
name = "12 months"
start = 2025-01-15
months = 12
end = 2026-01-15

[[case]]
name = "12 months from 29 Feb: 28 Feb"
start = 2024-02-29
months = 12
end = 2025-02-28

[[case]]
name = "12 months into a leap year: 28 Feb stays 28 Feb"
start = 2023-02-28
months = 12
end = 2024-02-28

[[case]]
name = "6 months from 31 Aug: 28 Feb"
start = 2025-08-31
months = 6
end = 2026-02-28

[[case]]
name = "13 months across a year end"
start = 2025-12-15
months = 13
end = 2027-01-15

[[case]]
name = "0 months"
start = 2025-10-20
months = 0
end = 2025-10-20

[[case]]
name = "CONTRACT example: discharged 2026-10-20"
start = 2026-10-20
months = 1
end = 2026-11-20
""")["case"]

# start: the event (not counted, art. 201); nominal: the last day by art. 202; due: after art. 203.
# holiday: the schedule's name for the nominal day (checked against chinese_calendar).
PERIODS = tomllib.loads("""
# ---- working days: nothing to roll
[[case]]
name = "a plain Friday"
start = 2026-10-20
nominal = 2026-11-20
due = 2026-11-20

[[case]]
name = "31 Jan + 1 month, 2025: Friday 28 Feb"
start = 2025-01-31
nominal = 2025-02-28
due = 2025-02-28

[[case]]
name = "31 Jan + 1 month, 2024: Thursday 29 Feb"
start = 2024-01-31
nominal = 2024-02-29
due = 2024-02-29

# ---- 2025: every holiday of the schedule
[[case]]
name = "2025 New Year's Day"
start = 2024-12-01
nominal = 2025-01-01
due = 2025-01-02
holiday = "New Year's Day"

[[case]]
name = "2025 Spring Festival, first day"
start = 2024-12-28
nominal = 2025-01-28
due = 2025-02-05
holiday = "Spring Festival"

[[case]]
name = "2025 Spring Festival, inside"
start = 2024-12-29
nominal = 2025-01-29
due = 2025-02-05
holiday = "Spring Festival"

[[case]]
name = "2025 Spring Festival, last day"
start = 2025-01-04
nominal = 2025-02-04
due = 2025-02-05
holiday = "Spring Festival"

[[case]]
name = "2025 Qingming"
start = 2025-03-04
nominal = 2025-04-04
due = 2025-04-07
holiday = "Tomb-sweeping Day"

[[case]]
name = "2025 Labour Day"
start = 2025-04-01
nominal = 2025-05-01
due = 2025-05-06
holiday = "Labour Day"

[[case]]
name = "2025 Dragon Boat (Saturday 31 May to Monday 2 June)"
start = 2025-05-02
nominal = 2025-06-02
due = 2025-06-03
holiday = "Dragon Boat Festival"

[[case]]
name = "2025 Dragon Boat, the Saturday (1 day from Friday 30 May)"
start = 2025-05-30
months = 0
days = 1
nominal = 2025-05-31
due = 2025-06-03
holiday = "Dragon Boat Festival"

[[case]]
name = "2025 Mid-Autumn (6 October, inside the National Day week)"
start = 2025-09-06
nominal = 2025-10-06
due = 2025-10-09
holiday = "Mid-autumn Festival"

[[case]]
name = "2025 National Day"
start = 2025-09-01
nominal = 2025-10-01
due = 2025-10-09
holiday = "National Day"

# ---- 2026: every holiday of the schedule
[[case]]
name = "2026 New Year's Day: rolls onto the make-up working Sunday 4 January"
start = 2025-12-01
nominal = 2026-01-01
due = 2026-01-04
holiday = "New Year's Day"

[[case]]
name = "2026 Spring Festival"
start = 2026-01-16
nominal = 2026-02-16
due = 2026-02-24
holiday = "Spring Festival"

[[case]]
name = "2026 Spring Festival, last day"
start = 2026-01-23
nominal = 2026-02-23
due = 2026-02-24
holiday = "Spring Festival"

[[case]]
name = "2026 Qingming (a Monday)"
start = 2026-03-06
nominal = 2026-04-06
due = 2026-04-07
holiday = "Tomb-sweeping Day"

[[case]]
name = "2026 Labour Day"
start = 2026-04-01
nominal = 2026-05-01
due = 2026-05-06
holiday = "Labour Day"

[[case]]
name = "2026 Dragon Boat"
start = 2026-05-19
nominal = 2026-06-19
due = 2026-06-22
holiday = "Dragon Boat Festival"

[[case]]
name = "2026 Mid-Autumn"
start = 2026-08-25
nominal = 2026-09-25
due = 2026-09-28
holiday = "Mid-autumn Festival"

[[case]]
name = "2026 National Day"
start = 2026-09-01
nominal = 2026-10-01
due = 2026-10-08
holiday = "National Day"

[[case]]
name = "2026 National Day, last day"
start = 2026-09-07
nominal = 2026-10-07
due = 2026-10-08
holiday = "National Day"

# ---- make-up working days (调休) on a weekend: working days, no roll
[[case]]
name = "2025 Spring Festival make-up Sunday 26 January"
start = 2024-12-26
nominal = 2025-01-26
due = 2025-01-26
workday = true

[[case]]
name = "2025 Spring Festival make-up Saturday 8 February"
start = 2025-01-08
nominal = 2025-02-08
due = 2025-02-08
workday = true

[[case]]
name = "2025 Labour Day make-up Sunday 27 April"
start = 2025-03-27
nominal = 2025-04-27
due = 2025-04-27
workday = true

[[case]]
name = "2025 National Day make-up Sunday 28 September"
start = 2025-08-28
nominal = 2025-09-28
due = 2025-09-28
workday = true

[[case]]
name = "2025 National Day make-up Saturday 11 October"
start = 2025-09-11
nominal = 2025-10-11
due = 2025-10-11
workday = true

[[case]]
name = "2026 New Year make-up Sunday 4 January"
start = 2025-12-04
nominal = 2026-01-04
due = 2026-01-04
workday = true

[[case]]
name = "2026 Spring Festival make-up Saturday 14 February"
start = 2026-01-14
nominal = 2026-02-14
due = 2026-02-14
workday = true

[[case]]
name = "2026 Spring Festival make-up Saturday 28 February"
start = 2026-01-28
nominal = 2026-02-28
due = 2026-02-28
workday = true

[[case]]
name = "2026 Labour Day make-up Saturday 9 May"
start = 2026-04-09
nominal = 2026-05-09
due = 2026-05-09
workday = true

[[case]]
name = "2026 National Day make-up Sunday 20 September"
start = 2026-08-20
nominal = 2026-09-20
due = 2026-09-20
workday = true

[[case]]
name = "2026 National Day make-up Saturday 10 October"
start = 2026-09-10
nominal = 2026-10-10
due = 2026-10-10
workday = true

# ---- plain weekends roll to Monday
[[case]]
name = "2025 plain Saturday"
start = 2025-02-15
nominal = 2025-03-15
due = 2025-03-17

[[case]]
name = "2025 plain Sunday"
start = 2025-02-16
nominal = 2025-03-16
due = 2025-03-17

[[case]]
name = "2026 plain Saturday"
start = 2026-02-07
nominal = 2026-03-07
due = 2026-03-09

[[case]]
name = "2026 plain Sunday"
start = 2026-02-08
nominal = 2026-03-08
due = 2026-03-09

[[case]]
name = "31 Dec 2025 + 1 month: Saturday 31 January 2026"
start = 2025-12-31
nominal = 2026-01-31
due = 2026-02-02

# ---- periods in days (art. 201: the starting day is not counted)
[[case]]
name = "1 day from 30 September 2026: National Day"
start = 2026-09-30
months = 0
days = 1
nominal = 2026-10-01
due = 2026-10-08

[[case]]
name = "30 days"
start = 2026-04-01
months = 0
days = 30
nominal = 2026-05-01
due = 2026-05-06

# ---- roll = false (a profile may say so, art. 204)
[[case]]
name = "no rolling: stays on the holiday"
start = 2026-09-01
roll = false
nominal = 2026-10-01
due = 2026-10-01

# ---- 2027: no schedule in chinese-calendar: weekends and the statutory holidays, provisional
# (the lunar ones: test_statutory_holidays.py)
[[case]]
name = "2027 Friday 1 January: New Year by law even with no schedule, rolls to Monday, provisional"
start = 2026-12-01
nominal = 2027-01-01
due = 2027-01-04
provisional = true

[[case]]
name = "2027 Saturday rolls to Monday, provisional"
start = 2026-12-02
nominal = 2027-01-02
due = 2027-01-04
provisional = true

[[case]]
name = "2027 Sunday rolls to Monday, provisional"
start = 2026-12-03
nominal = 2027-01-03
due = 2027-01-04
provisional = true

[[case]]
name = "the last days of 2026 are not provisional"
start = 2026-11-30
nominal = 2026-12-30
due = 2026-12-30
""")["case"]


def rendered(error: BadInput) -> str:
    return text(error.message, "en", **error.params)


@pytest.mark.parametrize("case", MONTHS, ids=[c["name"] for c in MONTHS])
def test_add_months(case: dict) -> None:
    assert add_months(case["start"], case["months"]) == case["end"]


@pytest.mark.parametrize("case", PERIODS, ids=[c["name"] for c in PERIODS])
def test_period_end(case: dict) -> None:
    due = period_end(case["start"], months=case.get("months", 1), days=case.get("days", 0),
                     roll=case.get("roll", True), calendar_=Calendar())
    assert due.nominal == case["nominal"]
    assert due.date == case["due"]
    assert due.rolled is (case["due"] != case["nominal"])
    assert due.provisional is case.get("provisional", False)


def test_the_table_matches_the_state_council_schedule() -> None:
    """Guard the data: a nominal day said to be a holiday is one; a make-up day is a working day."""
    from chinese_calendar import constants

    named = {c["holiday"] for c in PERIODS if "holiday" in c}
    assert named == {"New Year's Day", "Spring Festival", "Tomb-sweeping Day", "Labour Day",
                     "Dragon Boat Festival", "Mid-autumn Festival", "National Day"}
    for year in (2025, 2026):
        assert {c["holiday"] for c in PERIODS if "holiday" in c and c["nominal"].year == year} == named
    for case in PERIODS:
        nominal = case["nominal"]
        if "holiday" in case:
            assert constants.holidays[nominal] == case["holiday"], case["name"]
        if case.get("workday"):
            assert nominal in constants.workdays and nominal.weekday() >= 5, case["name"]
    make_up_days = {d for d in constants.workdays if d.year in (2025, 2026)}
    assert make_up_days == {c["nominal"] for c in PERIODS if c.get("workday")}


def test_period_end_uses_the_config_folder_by_default(config_dir: Path) -> None:
    (config_dir / "calendar").mkdir()
    (config_dir / "calendar" / "2027.toml").write_text("holidays = [2027-01-01]\n", encoding="utf-8")
    due = period_end(date(2026, 12, 1), months=1)
    assert (due.date, due.provisional) == (date(2027, 1, 4), False)


def test_calendar_rest_days() -> None:
    calendar = Calendar()
    assert calendar.is_rest_day(date(2026, 10, 1))  # National Day
    assert not calendar.is_rest_day(date(2026, 10, 10))  # make-up Saturday
    assert calendar.is_rest_day(date(2026, 3, 7))  # plain Saturday
    assert not calendar.is_rest_day(date(2026, 3, 9))
    assert not calendar.is_provisional(date(2026, 12, 31))
    assert calendar.is_provisional(date(2027, 1, 1))
    assert calendar.schedule(2027) is None
    assert calendar.schedule(2026) is not None and calendar.schedule(2026).source == "chinese-calendar"


# --------------------------------------------------------------------- the user's calendar files


def write_year(config_dir: Path, year: int, body: str | bytes) -> Path:
    folder = config_dir / "calendar"
    folder.mkdir(exist_ok=True)
    path = folder / f"{year}.toml"
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")
    return path


# A made-up 2027 schedule: Friday 1 January a holiday, Saturday 2 January a make-up working day,
# Monday 4 January a holiday.
USER_2027 = 'source = "test schedule"\nholidays = [2027-01-01, 2027-01-04]\nworkdays = [2027-01-02]\n'


def test_user_calendar_makes_2027_non_provisional_and_is_honoured(config_dir: Path) -> None:
    write_year(config_dir, 2027, USER_2027)
    calendar = deadlines.default_calendar()
    assert calendar.schedule(2027).source == "test schedule"
    # Holiday Friday 1 January rolls onto the make-up Saturday.
    due = period_end(date(2026, 12, 1), months=1, calendar_=calendar)
    assert (due.date, due.rolled, due.provisional) == (date(2027, 1, 2), True, False)
    # Sunday 3 January, holiday Monday 4 January: Tuesday 5 January.
    due = period_end(date(2026, 12, 3), months=1, calendar_=calendar)
    assert (due.date, due.provisional) == (date(2027, 1, 5), False)
    # A plain Saturday is still a rest day.
    due = period_end(date(2026, 12, 9), months=1, calendar_=calendar)
    assert (due.date, due.provisional) == (date(2027, 1, 11), False)


def test_user_calendar_with_no_days_is_weekends_only_but_not_provisional(config_dir: Path) -> None:
    write_year(config_dir, 2027, "holidays = []\nworkdays = []\n")
    due = period_end(date(2026, 12, 2), months=1, calendar_=deadlines.default_calendar())
    assert (due.date, due.provisional) == (date(2027, 1, 4), False)


def test_user_calendar_wins_over_the_package(config_dir: Path) -> None:
    write_year(config_dir, 2026, "holidays = [2026-11-20]\n")
    due = period_end(date(2026, 10, 20), months=1, calendar_=deadlines.default_calendar())
    assert due.date == date(2026, 11, 23)  # Friday made a holiday, then the weekend


def test_rolling_from_a_scheduled_year_into_a_provisional_one(config_dir: Path) -> None:
    write_year(config_dir, 2026, "holidays = [2026-12-31]\n")
    due = period_end(date(2026, 11, 30), months=1, days=1, calendar_=deadlines.default_calendar())
    assert due.nominal == date(2026, 12, 31)
    assert due.date == date(2027, 1, 4)  # 1 January is a holiday by law; then the weekend
    assert due.provisional is True


@pytest.mark.parametrize(
    ("body", "message", "mentions"),
    [
        ("holidays = [2027-01-01]\nworkdays = ]\n", "calendar_file", "line 2"),  # TOML syntax
        (b"holidays = [2027-01-01]\n# \xff\xfe\n", "calendar_file", ""),  # not UTF-8
        ('holidays = "2027-01-01"\n', "calendar_key", "holidays"),
        ("workdays = [1, 2]\n", "calendar_key", "workdays"),
        ('holidays = ["2027-01-01"]\n', "calendar_key", "holidays"),
        ("holidays = [2026-12-31]\n", "calendar_year", "2026-12-31"),
        ("workdays = [2028-01-02]\n", "calendar_year", "workdays"),
    ],
    ids=["syntax", "encoding", "string", "numbers", "quoted-dates", "wrong-year-holiday",
         "wrong-year-workday"],
)
def test_broken_calendar_file_is_bad_input_naming_the_file(
    config_dir: Path, body: str | bytes, message: str, mentions: str
) -> None:
    path = write_year(config_dir, 2027, body)
    with pytest.raises(BadInput) as caught:
        period_end(date(2026, 12, 2), months=1, calendar_=deadlines.default_calendar())
    assert caught.value.message == message
    line = rendered(caught.value)
    assert str(path) in line
    assert mentions in line
    assert "\n" not in line


def test_broken_calendar_file_for_another_year_is_not_read(config_dir: Path) -> None:
    write_year(config_dir, 2030, "holidays = [\n")
    assert period_end(date(2026, 10, 20), months=1).date == date(2026, 11, 20)


# ------------------------------------------------------------------------ through offsite check


def check_json(*extra: str) -> tuple[int, dict | None, str]:
    from typer.testing import CliRunner

    from offsite_cli.cli import app

    result = CliRunner().invoke(app, [
        "check", "--insured-region", "140500", "--treatment-region", "310104",
        "--insurance", "employee", "--category", "stationed-worker", "--care", "inpatient",
        "--filed", "--no-direct-settlement", "--no-input", "--json", "--lang", "en", *extra,
    ])
    document = json.loads(result.stdout) if result.exit_code == 0 else None
    return result.exit_code, document, result.stderr


def test_check_flags_a_provisional_deadline_and_warns() -> None:
    code, document, _ = check_json("--admitted", "2026-11-25", "--discharged", "2026-12-02",
                                   "--today", "2026-12-10")
    assert code == 0
    [deadline] = [d for d in document["deadlines"] if d["id"] == "reimbursement"]
    assert deadline["date"] == "2027-01-04"
    assert deadline["provisional"] is True
    assert deadline["days_left"] == 25
    assert any("2027" in warning and "provisional" in warning for warning in document["warnings"])


def test_check_rolls_a_provisional_deadline_past_the_spring_festival() -> None:
    """Issue 9: discharged 2027-01-06, due Sat 6 Feb (初一); 初二 Sun, 初三 Mon: Tuesday 9 Feb."""
    code, document, _ = check_json("--admitted", "2026-12-28", "--discharged", "2027-01-06",
                                   "--today", "2027-01-10")
    assert code == 0
    [deadline] = [d for d in document["deadlines"] if d["id"] == "reimbursement"]
    assert (deadline["date"], deadline["rolled_from"], deadline["provisional"]) == (
        "2027-02-09", "2027-02-06", True)
    [warning] = [w for w in document["warnings"] if "provisional" in w]
    assert "2027-02-09" in warning and "statutory holidays" in warning


def test_check_past_the_lunar_tables_is_bad_input() -> None:
    code, _, stderr = check_json("--admitted", "2100-12-01", "--discharged", "2100-12-15",
                                 "--today", "2100-12-16")
    assert code == 2
    assert "calendar/2101.toml" in stderr and len(stderr.strip().splitlines()) == 1


def test_check_with_a_user_calendar_is_not_provisional(config_dir: Path) -> None:
    write_year(config_dir, 2027, USER_2027)
    code, document, _ = check_json("--admitted", "2026-11-25", "--discharged", "2026-12-01",
                                   "--today", "2026-12-10")
    assert code == 0
    [deadline] = [d for d in document["deadlines"] if d["id"] == "reimbursement"]
    assert (deadline["date"], deadline["provisional"]) == ("2027-01-02", False)
    assert deadline["rolled_from"] == "2027-01-01"
    assert not any("provisional" in warning for warning in document["warnings"])


def test_check_rolls_past_national_day() -> None:
    code, document, _ = check_json("--admitted", "2026-08-20", "--discharged", "2026-09-01",
                                   "--today", "2026-10-08")
    assert code == 0
    [deadline] = [d for d in document["deadlines"] if d["id"] == "reimbursement"]
    assert (deadline["date"], deadline["rolled_from"], deadline["days_left"]) == (
        "2026-10-08", "2026-10-01", 0)


def test_check_with_a_broken_calendar_file_exits_2(config_dir: Path) -> None:
    path = write_year(config_dir, 2027, 'holidays = "soon"\n')
    code, _, stderr = check_json("--admitted", "2026-11-25", "--discharged", "2026-12-02",
                                 "--today", "2026-12-10")
    assert code == 2
    assert str(path) in stderr and len(stderr.strip().splitlines()) == 1


def test_a_year_without_a_schedule_still_rests_on_the_fixed_statutory_holidays() -> None:
    calendar = Calendar(user_dir=None)
    due = period_end(date(2026, 12, 1), months=1, calendar_=calendar)  # 2027-01-01, New Year
    assert due.provisional and due.nominal == date(2027, 1, 1)
    assert due.date == date(2027, 1, 4)  # Friday holiday, then the weekend
    due = period_end(date(2027, 4, 1), months=1, calendar_=calendar)  # 2027-05-01 Saturday
    assert due.date == date(2027, 5, 3)  # 05-01 and 05-02 are holidays since 2025, then Monday
    due = period_end(date(2027, 8, 30), months=1, days=2, calendar_=calendar)  # 2027-10-02 Saturday
    assert due.date == date(2027, 10, 4)


def test_add_months_ends_on_the_corresponding_day_or_the_months_last() -> None:
    """Civil Code art. 202 for every start day of four years (leap years, year ends) and spans
    up to two years, against the standard library's own month lengths."""
    import calendar
    from datetime import date, timedelta

    from offsite_cli.policy.deadlines import add_months

    start = date(2023, 1, 1)
    for offset in range(0, 4 * 366, 3):
        day = start + timedelta(days=offset)
        for months in (1, 2, 3, 6, 11, 12, 13, 24):
            index = day.month - 1 + months
            year, month = day.year + index // 12, index % 12 + 1
            expected = date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
            assert add_months(day, months) == expected, (day, months)
