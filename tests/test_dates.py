"""Dates as people write them (base/dates.py), and an episode's dates against today
(policy/episode_dates.py): options, answers, case.toml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from dossier_fixtures import CASE_TEXT, TODAY, run, write_case

from offsite_cli.base import dates
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text
from offsite_cli.policy import episode_dates

NOV_5 = date(2026, 11, 5)


@pytest.mark.parametrize("written", [
    "2026-11-05", "2026-11-5", "2026/11/5", "2026/11/05", "2026.11.5", "2026年11月5日",
    "2026年11月5号", "2026 年 11 月 5 日", "２０２６－１１－０５", "２０２６年１１月５日", "20261105",
    " 2026/11/5 ", "2026。11。5",
])
def test_the_common_forms_are_read(written: str) -> None:
    assert dates.parse(written) == NOV_5


def test_a_date_or_a_spreadsheet_date_time_is_taken_as_it_is() -> None:
    from datetime import datetime

    assert dates.parse(NOV_5) == NOV_5 == dates.parse(datetime(2026, 11, 5, 0, 0))
    with pytest.raises(ValueError):
        dates.parse(date(1066, 10, 14))


@pytest.mark.parametrize("written", [
    "11/5/2026", "5.11.2026", "2026-11", "2026/11-5", "tomorrow", "", "2026年11月", "26-11-5",
])
def test_other_forms_are_refused_with_the_forms_in_plain_words(written: str) -> None:
    with pytest.raises(BadInput) as caught:
        dates.read(written, "--admitted")
    for lang in ("zh", "en"):
        said = text(caught.value.message, lang, **caught.value.params)
        assert said.startswith("--admitted") and "2026/11/5" in said and "2026年11月5日" in said
        assert "ISO" not in said


@pytest.mark.parametrize("written", ["2026-02-30", "2026/13/1", "2026年2月29日", "0026-11-05"])
def test_a_day_that_does_not_exist_is_said_as_such(written: str) -> None:
    with pytest.raises(BadInput) as caught:
        dates.read(written, "--discharged")
    assert caught.value.message == "date_no_such_day"
    assert written in text(caught.value.message, "en", **caught.value.params)


def test_a_future_date_is_refused_and_an_implausible_one_warned_of() -> None:
    today = date(2026, 12, 1)
    with pytest.raises(BadInput) as caught:
        episode_dates.check(today, {"discharged": "--discharged"}, discharged=date(2027, 10, 27))
    said = text(caught.value.message, "en", **caught.value.params)
    assert said.startswith("--discharged: the discharge date 2027-10-27 is after today (2026-12-01)")
    with pytest.raises(BadInput):
        episode_dates.check(today, {}, filed_on=date(2026, 12, 2))
    with pytest.raises(BadInput):
        episode_dates.check(today, {}, receipts=[("receipts[0].date", date(2026, 12, 24))])
    assert episode_dates.check(today, {}, admitted=today, discharged=today, filed_on=today) == []
    notes = episode_dates.check(today, {}, admitted=date(2025, 9, 1), discharged=date(2026, 11, 5),
                                filed_on=date(2021, 3, 1))
    assert [note.key for note in notes] == ["warn_long_stay", "warn_filed_long_before"]
    long_ago = episode_dates.check(today, {"admitted": "--admitted"}, admitted=date(2016, 11, 2))
    assert [note.key for note in long_ago] == ["warn_date_long_ago"]
    assert "2016-11-02" in text(long_ago[0].key, "zh", **long_ago[0].params)


def test_check_reads_the_options_as_people_write_dates_and_refuses_the_future() -> None:
    situation = ["check", "--insured-region", "晋城", "--treatment-region", "徐汇区", "--insurance",
                 "employee", "--category", "stationed-worker", "--care", "inpatient", "--filed",
                 "--no-direct-settlement", "--today", "2026/12/1", "--json", "--no-input"]
    result = run(*situation, "--admitted", "2026/11/2", "--discharged", "2026年11月13日")
    assert result.exit_code == 0, result.stderr
    assert '"date": "2026-12-14"' in result.stdout  # one month after 13 November, past Sunday
    future = run(*situation, "--admitted", "2026-11-2", "--discharged", "2027-10-27")
    assert future.exit_code == 2 and future.stdout == ""
    assert future.stderr.startswith("错误：--discharged：出院日期 2027-10-27 晚于今天（2026-12-01）")
    filed = run(*situation, "--admitted", "2026-11-2", "--filed-on", "2026.12.25")
    assert filed.exit_code == 2 and "--filed-on" in filed.stderr
    stay = run(*situation, "--admitted", "2025-1-2", "--discharged", "2026-11-13", "--lang", "en")
    assert stay.exit_code == 0
    assert "note: --discharged: a stay of 680 days" in stay.stderr
    assert "a stay of 680 days" in stay.stdout  # in the JSON warnings too


def test_case_toml_takes_quoted_dates_as_people_write_them(tmp_path: Path) -> None:
    from offsite_cli.dossier import case as case_file

    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT.replace("admitted = 2026-11-02", 'admitted = "2026/11/2"')
               + '\n[[receipts]]\nnumber = "1"\ndate = "2026年11月13日"\namount = 10\n')
    case = case_file.load(folder, date.fromisoformat(TODAY))
    assert case.admitted == date(2026, 11, 2) and case.receipts[0].date == date(2026, 11, 13)
    write_case(folder, CASE_TEXT.replace("discharged = 2026-11-13", "discharged = 2027-11-13"))
    with pytest.raises(BadInput) as caught:
        case_file.load(folder, date.fromisoformat(TODAY))
    said = text(caught.value.message, "en", **caught.value.params)
    assert "case.toml: episode.discharged" in said and "2027-11-13" in said
    write_case(folder, CASE_TEXT.replace("admitted = 2026-11-02", 'admitted = "2.11.2026"'))
    with pytest.raises(BadInput) as caught:
        case_file.load(folder, date.fromisoformat(TODAY))
    said = text(caught.value.message, "zh", **caught.value.params)
    assert "episode.admitted = 2.11.2026" in said and "2026年11月5日" in said


def test_a_prompted_date_in_the_future_is_said_and_asked_again(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.cli import check as check_module

    monkeypatch.setattr(check_module, "interactive", lambda no_input: not no_input)
    situation = ["--insured-region", "晋城", "--treatment-region", "徐汇区", "--insurance", "职工",
                 "--category", "stationed-worker", "--care", "inpatient", "--filed",
                 "--today", "2026-12-01", "--lang", "en"]
    answers = "\n".join(["2026/11/2", "2027/11/13", "2026年11月13日", "n"]) + "\n"
    result = run("check", *situation, input=answers)
    assert result.exit_code == 0, result.stderr
    assert "the discharge date 2027-11-13 is after today" in result.stderr
    assert "2026-12-14" in result.stdout


def test_a_quoted_receipt_date_goes_through_to_the_forms(tmp_path: Path) -> None:
    """Once an AttributeError in forms.py: the loader took the quoted date but kept the text."""
    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT.replace("direct_settlement = false", "direct_settlement = false")
               + '\n[[receipts]]\nnumber = "No.1"\ndate = "2026-11-13"\namount = 1200\n')
    result = run("dossier", "forms", str(folder), "--today", TODAY, "--no-input")
    assert result.exit_code == 0, result.stderr
    from pypdf import PdfReader

    application = PdfReader(folder / "forms" / "reimbursement-application.pdf")
    assert "2026年11月13日" in "".join(page.extract_text() for page in application.pages)
