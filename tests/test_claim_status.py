"""The claim's progress (issue 10): `dossier mark`, case.toml [[history]], deadlines that follow the
status, and `dossier check` showing it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dossier_fixtures import CASE_TEXT, ID_NUMBER, run, run_json, write_case
from offsite_cli.dossier import case as case_file
from offsite_cli.dossier import status as claim_status
from offsite_cli.policy import deadlines as periods
from offsite_cli.policy.values import ClaimStatus

TODAY = "2026-12-20"  # discharged 2026-11-13: the claim deadline 2026-12-14 is 6 days gone

COMMENTED = CASE_TEXT.replace('[person]\n', '# 张伟 2026 年 11 月住院，王科长经办\n[person]\n') \
    .replace('hospital = "上海市示例医院"', 'hospital = "上海市示例医院"   # 三甲') + """
# 票据按收费处打印顺序
[[receipts]]
number = "3100260001234567"   # 住院费
date = 2026-11-13
amount = 12873.50
"""


def mark(folder: Path, *args: str) -> object:
    return run("dossier", "mark", str(folder), *args, "--today", TODAY, "--lang", "en")


def deadlines(root: Path, *args: str) -> object:
    return run("deadlines", str(root), "--today", TODAY, "--json", *args)


def test_working_days_skip_weekends_and_holidays_and_count_make_up_days() -> None:
    calendar = periods.Calendar(user_dir=None)
    # Friday 2026-09-25 is 中秋 and 1-7 October are rest days; Saturday 10 October is a make-up
    # working day.
    # Working days after it: 28, 29, 30 September, 8, 9 October, then Saturday 10 October.
    due = periods.working_days_after(date(2026, 9, 25), 6, calendar)
    assert due.date == date(2026, 10, 10) and not due.provisional
    assert periods.working_days_after(date(2026, 11, 20), 1, calendar).date == date(2026, 11, 23)
    assert periods.working_days_after(date(2026, 12, 30), 5, calendar).provisional  # into 2027


def test_a_submitted_claim_leaves_the_deadline_list_and_comes_back_as_payment_expected(
        tmp_path: Path) -> None:
    folder = write_case(tmp_path / "zhang").parent
    result = deadlines(tmp_path)
    assert result.exit_code == 1  # overdue by 6 days: every daily script fails...
    result = mark(folder, "submitted", "--on", "2026-12-10", "--note", "市医保中心窗口")
    assert result.exit_code == 0, result.stderr
    assert "Payment expected by 2027-01-22" in result.stdout
    result = deadlines(tmp_path)
    assert result.exit_code == 0, result.stdout  # ...until the claim is marked submitted
    [item] = json.loads(result.stdout)
    assert item["id"] == "manual-claim-processing" and item["role"] == "payment"
    assert item["date"] == "2027-01-22"  # 30 working days from 2026-12-10, past 元旦 and weekends
    assert item["person"] == {"name": "张伟"} and item["status"] == "submitted"
    assert item["status_date"] == "2026-12-10"
    # Late payment is the office's delay, not a deadline the clerk missed: still exit 0.
    late = run("deadlines", str(tmp_path), "--today", "2027-02-01", "--json")
    assert late.exit_code == 0 and json.loads(late.stdout)[0]["days_left"] < 0


def test_returned_brings_the_deadline_back_and_paid_takes_everything_off(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "zhang").parent
    assert mark(folder, "submitted", "--on", "2026-12-01").exit_code == 0
    assert mark(folder, "returned", "--on", "2026-12-05", "--note", "缺费用明细").exit_code == 0
    result = deadlines(tmp_path)
    assert result.exit_code == 1
    assert [(i["id"], i["status"]) for i in json.loads(result.stdout)] == [("reimbursement", "returned")]
    assert mark(folder, "submitted", "--on", "2026-12-08").exit_code == 0
    assert mark(folder, "paid", "--on", "2026-12-18", "--amount", "10,234.50").exit_code == 0
    result = deadlines(tmp_path)
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    case = case_file.load(folder)
    assert [(e.status, e.on, e.amount) for e in case.history] == [
        (ClaimStatus.SUBMITTED, date(2026, 12, 1), None),
        (ClaimStatus.RETURNED, date(2026, 12, 5), None),
        (ClaimStatus.SUBMITTED, date(2026, 12, 8), None),
        (ClaimStatus.PAID, date(2026, 12, 18), 10234.5),
    ]
    assert case.history[1].note == "缺费用明细"


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_rejected_and_withdrawn_leave_the_list(tmp_path: Path, status: str) -> None:
    folder = write_case(tmp_path / "zhang").parent
    assert mark(folder, "submitted", "--on", "2026-12-01").exit_code == 0
    assert mark(folder, status, "--on", "2026-12-15").exit_code == 0
    result = deadlines(tmp_path)
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_mark_keeps_the_clerks_comments_and_layout(tmp_path: Path) -> None:
    path = write_case(tmp_path / "zhang", COMMENTED)
    assert mark(path.parent, "submitted", "--on", "2026-12-10", "--note", "窗口 3").exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(COMMENTED)  # every byte the clerk wrote, then the new entry
    assert after[len(COMMENTED):] == '\n[[history]]\ndate = 2026-12-10\nstatus = "submitted"\nnote = "窗口 3"\n'
    assert mark(path.parent, "paid", "--on", "2026-12-19", "--amount", "9000").exit_code == 0
    assert path.read_text(encoding="utf-8").endswith(
        '\n[[history]]\ndate = 2026-12-19\nstatus = "paid"\namount = 9000.00\n')


@pytest.mark.parametrize(("history", "args", "expected"), [
    ("", ["paid"], "cannot mark paid; it may be marked submitted | withdrawn (now: nothing recorded)"),
    ("", ["returned"], "cannot mark returned"),
    ('[[history]]\ndate = 2026-12-01\nstatus = "withdrawn"\n', ["submitted"],
     "nothing (no status follows 'withdrawn')"),
    ('[[history]]\ndate = 2026-12-01\nstatus = "submitted"\n[[history]]\ndate = 2026-12-02\nstatus = "paid"\n',
     ["paid"], "no status follows 'paid'"),
    ('[[history]]\ndate = 2026-12-01\nstatus = "submitted"\n', ["submitted"], "returned | paid"),
    ('[[history]]\ndate = 2026-12-01\nstatus = "submitted"\n', ["paid", "--on", "2026-11-30"],
     "--on = 2026-11-30 is not valid; expected a date not before the last entry (submitted 2026-12-01)"),
    ("", ["submitted", "--on", "2026-11-10"], "a date not before the episode ended (2026-11-13)"),
    ("", ["submitted", "--on", "2026-12-21"], "--on: 2026-12-21 is after today (2026-12-20)"),
    ("", ["submitted", "--amount", "100"], "--amount: 100.00 goes only with paid"),
    ('[[history]]\ndate = 2026-12-01\nstatus = "submitted"\n', ["paid", "--amount", "20000"],
     "--amount: 20,000.00 paid is more than the 12,873.50 claimed"),
    ("", ["submitted", "--on", "2026/13/01"], "--on: there is no such day as '2026/13/01'"),
    ("", ["paid", "--amount", "1.234"], "--amount: '1.234' is not an amount"),
    ("", ["sent"], "STATUS: 'sent' is not valid; expected submitted | returned | paid | rejected | withdrawn"),
])
def test_a_mark_that_does_not_follow_is_refused_and_case_toml_left_byte_identical(
        tmp_path: Path, history: str, args: list[str], expected: str) -> None:
    path = write_case(tmp_path / "zhang", COMMENTED, "\n" + history if history else "")
    before = path.read_bytes()
    stamp = path.stat().st_mtime_ns
    result = mark(path.parent, *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert expected in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in path.parent.iterdir()) == ["case.toml"]  # no temporary file


def test_mark_on_a_folder_with_no_case_toml_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = mark(tmp_path / "empty", "submitted")
    assert result.exit_code == 2 and "case.toml: no case file" in result.stderr
    assert list((tmp_path / "empty").iterdir()) == []
    result = mark(tmp_path / "nowhere", "submitted")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_with_several_folders_none_is_changed_unless_all_can_be(tmp_path: Path) -> None:
    good = write_case(tmp_path / "good")
    done = write_case(tmp_path / "done", extra='\n[[history]]\ndate = 2026-12-01\nstatus = "withdrawn"\n')
    before = {path: path.read_bytes() for path in (good, done)}
    result = run("dossier", "mark", str(good.parent), str(done.parent), "submitted", "--today", TODAY,
                 "--lang", "en")
    assert result.exit_code == 2 and "nothing written: 1 dossier refused" in result.stderr
    assert {path: path.read_bytes() for path in (good, done)} == before
    other = write_case(tmp_path / "other")
    result, items = run_json("dossier", "mark", str(good.parent), str(other.parent), "submitted",
                             "--on", "2026-12-10", "--today", TODAY)
    assert result.exit_code == 0
    assert [(Path(i["case"]).name, i["status"], i["date"]) for i in items] == [
        ("good", "submitted", "2026-12-10"), ("other", "submitted", "2026-12-10")]
    assert items[0]["deadlines"][0]["date"] == "2027-01-22"


@pytest.mark.parametrize(("history", "key", "expected"), [
    ('[[history]]\ndate = 2026-12-01\nstatus = "paid"\n', "history entry 1, status = paid",
     "submitted | withdrawn"),
    ('[[history]]\ndate = 2026-12-05\nstatus = "submitted"\n[[history]]\ndate = 2026-12-01\nstatus = "paid"\n',
     "history entry 2, date = 2026-12-01", "not before the entry before it (2026-12-05)"),
    ('[[history]]\nstatus = "submitted"\n', "history entry 1, date = —", "a date"),
    ('[[history]]\ndate = 2026-12-01\nstatus = "sent"\n', "history entry 1, status = sent", "submitted | returned"),
    ('[[history]]\ndate = 2026-12-01\nstatus = "submitted"\namount = 5.0\n', "history entry 1, amount = 5.0",
     'only with status = "paid"'),
    ('[[history]]\ndate = 2026-12-01\nstatus = "submitted"\nby = "王"\n', "history entry 1, by = 王",
     "one of date, status, amount, note"),
])
def test_a_hand_edited_history_is_checked_when_read(tmp_path: Path, history: str, key: str,
                                                     expected: str) -> None:
    write_case(tmp_path / "zhang", extra="\n" + history)
    result = run("dossier", "check", str(tmp_path / "zhang"), "--lang", "en")
    assert result.exit_code == 2
    assert key in result.stderr and expected in result.stderr, result.stderr


def test_a_history_entry_is_named_as_a_person_counts_it(tmp_path: Path) -> None:
    """The second [[history]] entry is "entry 2" / "第 2 条", not history[1]."""
    write_case(tmp_path / "zhang", extra='\n[[history]]\ndate = 2026-12-05\nstatus = "submitted"\n'
               '\n[[history]]\ndate = 2026-12-01\nstatus = "paid"\n')
    english = run("dossier", "check", str(tmp_path / "zhang"), "--lang", "en")
    chinese = run("dossier", "check", str(tmp_path / "zhang"), "--lang", "zh")
    assert english.exit_code == chinese.exit_code == 2
    assert "history entry 2, date = 2026-12-01" in english.stderr, english.stderr
    assert "history 第 2 条 date = 2026-12-01" in chinese.stderr, chinese.stderr
    assert "history[" not in english.stderr + chinese.stderr


def test_dossier_check_shows_the_status(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "zhang").parent
    mark(folder, "submitted", "--on", "2026-12-10", "--note", "窗口")
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert "Status" in result.stdout and "submitted 2026-12-10  窗口" in result.stdout
    assert "Payment expected by  2027-01-22 Fri  33 days left" in result.stdout
    assert "Reimbursement claim due" not in result.stdout  # handed in: no deadline left to meet
    mark(folder, "returned", "--on", "2026-12-15")
    returned = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert "Reimbursement claim due" in returned.stdout and "Payment expected" not in returned.stdout
    mark(folder, "submitted", "--on", "2026-12-16")  # (handed in again, for what follows)
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert "Reimbursement claim due" not in result.stdout
    result, report = run_json("dossier", "check", str(folder), "--today", TODAY)
    assert report["status"]["history"][0] == {"date": "2026-12-10", "status": "submitted",
                                              "amount": None, "note": "窗口"}
    assert report["status"]["current"] == "submitted" and report["status"]["date"] == "2026-12-16"
    fresh = write_case(tmp_path / "li").parent
    result, report = run_json("dossier", "check", str(fresh), "--today", TODAY)
    assert report["status"] == {"current": None, "date": None, "history": []}
    assert ID_NUMBER not in result.stdout


def test_deadlines_show_the_persons_name_and_status(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "zhang").parent
    mark(folder, "submitted", "--on", "2026-12-10")
    write_case(tmp_path / "li", CASE_TEXT.replace("张伟", "李娜"))
    result = run("deadlines", str(tmp_path), "--today", TODAY, "--lang", "en")
    lines = result.stdout.splitlines()
    li = next(line for line in lines if "李娜" in line)
    zhang = next(line for line in lines if "张伟" in line)
    assert "overdue by 6 days" in li and "Reimburse" in li
    assert "Payment" in zhang and "submitted" in zhang
    assert result.exit_code == 1  # 李娜's claim is overdue


def test_calendar_events_carry_the_name_only_with_show_names(tmp_path: Path) -> None:
    write_case(tmp_path / "zhang-2026-11")
    ics = tmp_path / "claims.ics"
    run("deadlines", str(tmp_path), "--today", "2026-11-20", "--ics", str(ics))
    plain = ics.read_text(encoding="utf-8")
    assert "SUMMARY:报销申请截止: zhang-2026-11" in plain and "张伟" not in plain
    run("deadlines", str(tmp_path), "--today", "2026-11-20", "--ics", str(ics), "--show-names")
    named = ics.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "SUMMARY:报销申请截止: 张伟 (zhang-2026-11)" in named
    # a folder named after the person (as dossier import names it): the name not in it either
    write_case(tmp_path / "张伟-2026-11")
    run("deadlines", str(tmp_path), "--today", "2026-11-20", "--ics", str(ics))
    plain = ics.read_bytes().decode("utf-8").replace("\r\n ", "")  # lines unfolded
    assert "张伟" not in plain and "SUMMARY:报销申请截止: 张*-2026-11" in plain
    assert f"DESCRIPTION:{tmp_path}/张*-2026-11" in plain


def test_open_deadlines_by_status(tmp_path: Path) -> None:
    from offsite_cli import pipeline

    folder = write_case(tmp_path / "zhang").parent
    classified = pipeline.classify(folder, date(2026, 12, 20), "en")
    history: list[claim_status.Event] = []
    assert [d.id for d in claim_status.open_deadlines(classified.classification, history,
                                                      classified.profile, date(2026, 12, 20), "en")] \
        == ["reimbursement"]
    history.append(claim_status.Event(date(2026, 12, 10), ClaimStatus.SUBMITTED))
    [expected] = claim_status.open_deadlines(classified.classification, history, classified.profile,
                                             date(2026, 12, 20), "en")
    assert expected.name == "Payment expected by" and expected.date == date(2027, 1, 22)
    history.append(claim_status.Event(date(2026, 12, 19), ClaimStatus.PAID, 100.0))
    assert claim_status.open_deadlines(classified.classification, history, classified.profile,
                                       date(2026, 12, 20), "en") == []


def test_the_processing_time_is_profile_data(tmp_path: Path, config_dir: Path) -> None:
    (config_dir / "profiles").mkdir(parents=True)
    (config_dir / "profiles" / "cn-fast.toml").write_text("""schema = 1
id = "cn-fast"
extends = "cn-national"
title = "fast"

[[processing]]
id = "manual-claim-processing"
name = { zh = "预计到账", en = "Payment expected by" }
when = { route = "manual_reimbursement" }
working_days = 5
since = "unknown"
source = "local-lists"
""", encoding="utf-8")
    folder = write_case(tmp_path / "zhang", CASE_TEXT.replace("schema = 1\n", 'schema = 1\nprofile = "cn-fast"\n', 1)).parent
    mark(folder, "submitted", "--on", "2026-12-10")
    [item] = json.loads(deadlines(tmp_path).stdout)
    assert item["date"] == "2026-12-17"  # Thursday 10th + 5 working days


def test_a_processing_rule_without_working_days_is_refused(tmp_path: Path, config_dir: Path) -> None:
    (config_dir / "profiles").mkdir(parents=True)
    (config_dir / "profiles" / "cn-bad.toml").write_text("""schema = 1
id = "cn-bad"
extends = "cn-national"
title = "bad"

[[processing]]
id = "manual-claim-processing"
name = "x"
working_days = 0
since = "unknown"
source = "local-lists"
""", encoding="utf-8")
    result = run("profiles", "show", "cn-bad", "--lang", "en")
    assert result.exit_code == 2
    assert "working_days = 0" in result.stderr and "working days above zero" in result.stderr


def test_a_mark_that_cannot_be_written_is_exit_3_and_the_file_left_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    path = write_case(tmp_path / "zhang", COMMENTED)
    before = path.read_bytes()

    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(os, "replace", fail)
    result = mark(path.parent, "submitted")
    assert result.exit_code == 3 and "no space left on the disk" in result.stderr
    assert path.read_bytes() == before and sorted(p.name for p in path.parent.iterdir()) == ["case.toml"]


def test_dossier_check_follows_the_status_too(tmp_path: Path) -> None:
    """After `dossier mark submitted`, `dossier check` (its JSON deadline and deadlines, and its
    one line) no longer gives the claim deadline, as `deadlines` and `ledger` do not."""
    from dossier_fixtures import TODAY, run, write_case

    folder = tmp_path / "d"
    write_case(folder)
    before = json.loads(run("dossier", "check", str(folder), "--today", TODAY, "--json").stdout)
    assert "reimbursement" in [d["id"] for d in before["deadlines"]]
    marked = run("dossier", "mark", str(folder), "submitted", "--on", "2026-11-14", "--today", TODAY)
    assert marked.exit_code == 0, marked.stderr
    after = json.loads(run("dossier", "check", str(folder), "--today", TODAY, "--json").stdout)
    assert "reimbursement" not in [d["id"] for d in after["deadlines"]]
    assert after["deadline"] != before["deadline"]
    line = run("dossier", "check", str(folder), "--today", TODAY, "--summary", "--lang", "en").stdout
    assert "Reimbursement claim due" not in line


def test_a_claim_handed_in_before_its_deadline_is_not_late_after_it(tmp_path: Path) -> None:
    """Handed in on time, the forms have no 情况说明 and the build no 'past the deadline' once the
    deadline has gone by; handed in after it, both stay; returned, it counts from today again."""
    from dossier_fixtures import complete_dossier

    folder = complete_dossier(tmp_path / "zhang")  # discharged 2026-11-13: claim due 2026-12-14
    late = run("dossier", "forms", str(folder), "--today", TODAY, "--lang", "en", "--json")
    assert "late-explanation" in late.stdout  # today (2026-12-20) is past the deadline
    mark(folder, "submitted", "--on", "2026-12-10")
    on_time = run("dossier", "forms", str(folder), "--today", TODAY, "--lang", "en", "--json")
    assert "late-explanation" not in on_time.stdout
    built = run("dossier", "build", str(folder), "--today", TODAY, "--lang", "en")
    assert built.exit_code == 0 and "past the deadline" not in built.stderr
    mark(folder, "returned", "--on", "2026-12-18")
    returned = run("dossier", "forms", str(folder), "--today", TODAY, "--lang", "en", "--json")
    assert "late-explanation" in returned.stdout
    after = complete_dossier(tmp_path / "li")
    mark(after, "submitted", "--on", "2026-12-16")  # two days after the deadline
    handed_late = run("dossier", "forms", str(after), "--today", TODAY, "--lang", "en", "--json")
    assert "late-explanation" in handed_late.stdout


@pytest.mark.parametrize(("written", "status"), [
    ("已提交", "submitted"), ("Submitted", "submitted"), (" 已退回补正 ", "returned"),
    ("已撤回", "withdrawn"), ("ＳＵＢＭＩＴＴＥＤ", "submitted"),
])
def test_a_status_is_taken_by_the_label_the_tool_prints(tmp_path: Path, written: str, status: str) -> None:
    folder = write_case(tmp_path / "zhang").parent
    if status == "returned":
        assert run("dossier", "mark", str(folder), "submitted", "--on", "2026-12-01",
                   "--today", TODAY).exit_code == 0
    result = run("dossier", "mark", str(folder), written, "--on", "2026-12-10", "--today", TODAY,
                 "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert f'status = "{status}"' in (folder / "case.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("status", ["paid", "rejected"])
def test_the_labels_of_paid_and_rejected_are_taken_too(tmp_path: Path, status: str) -> None:
    from offsite_cli.base.i18n import text

    folder = write_case(tmp_path / "zhang").parent
    assert run("dossier", "mark", str(folder), text("claim.submitted", "zh"), "--on", "2026-12-01",
               "--today", TODAY).exit_code == 0
    result = run("dossier", "mark", str(folder), text(f"claim.{status}", "zh"), "--on", "2026-12-10",
                 "--today", TODAY, *(["--amount", "5"] if status == "paid" else []))
    assert result.exit_code == 0, result.stderr
    assert f'status = "{status}"' in (folder / "case.toml").read_text(encoding="utf-8")


def test_an_unknown_status_lists_the_ids_and_labels(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "zhang").parent
    before = (folder / "case.toml").read_bytes()
    chinese = run("dossier", "mark", str(folder), "已寄出", "--today", TODAY, "--lang", "zh")
    english = run("dossier", "mark", str(folder), "sent", "--today", TODAY, "--lang", "en")
    assert chinese.exit_code == english.exit_code == 2
    assert "STATUS：值 “已寄出” 无效，应为 submitted（已提交） | returned（已退回补正）" in chinese.stderr
    assert "STATUS: 'sent' is not valid; expected submitted | returned | paid" in english.stderr
    assert (folder / "case.toml").read_bytes() == before


def test_the_help_of_mark_says_the_labels_and_the_date_forms() -> None:
    result = run("dossier", "mark", "--help", "--lang", "en")
    words = " ".join(result.stdout.split())
    assert "已提交" in words and "已退回补正" in words and "ISO 8601" not in words
    assert "2026年11月30日" in words


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_paid_without_an_amount_says_so_and_stands(tmp_path: Path, lang: str) -> None:
    folder = write_case(tmp_path / "zhang").parent
    assert mark(folder, "submitted", "--on", "2026-12-01").exit_code == 0
    result = run("dossier", "mark", str(folder), "paid", "--on", "2026-12-10", "--today", TODAY,
                 "--lang", lang, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "paid"  # standard output stays one JSON document
    [line] = result.stderr.splitlines()
    if lang == "zh":
        assert "未记录到账金额" in line and "--amount" in line and str(folder) in line
    else:
        assert "no amount was recorded" in line and "--amount records it" in line
    assert case_file.load(folder).history[-1].amount is None


def test_paid_with_an_amount_says_nothing_more(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "zhang").parent
    assert mark(folder, "submitted", "--on", "2026-12-01").exit_code == 0
    result = mark(folder, "paid", "--on", "2026-12-10", "--amount", "10")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
