"""Properties that hold for any input (Hypothesis; example counts kept modest for the suite's
time): a deadline that rolls never falls on a rest day, and adding a file to a complete dossier
never makes it incomplete (issue 12, Prove it)."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

from dossier_fixtures import CASE_TEXT, REQUIRED, TODAY, make_pdf, run, write_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offsite_cli.policy import deadlines
from offsite_cli.policy.profile_schema import MAX_DAYS, MAX_MONTHS

CALENDAR = deadlines.default_calendar()


@settings(max_examples=200, deadline=None)
@given(start=st.dates(min_value=date(2004, 1, 1), max_value=date(2035, 12, 31)),
       months=st.integers(0, MAX_MONTHS), days=st.integers(0, 400))
def test_a_rolled_deadline_never_falls_on_a_rest_day(start: date, months: int, days: int) -> None:
    due = deadlines.period_end(start, months, days, roll=True, calendar_=CALENDAR)
    assert not CALENDAR.is_rest_day(due.date)
    assert due.nominal <= due.date
    assert (due.date - due.nominal).days <= 12  # the longest run of rest days is the Spring Festival


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(discharged=st.dates(min_value=date(2022, 7, 26), max_value=date(2030, 12, 31)))  # the profile from
def test_the_claim_deadline_of_any_discharge_is_a_working_day(discharged: date) -> None:
    result = run("check", "--insured-region", "140500", "--treatment-region", "310104",
                 "--insurance", "employee", "--category", "stationed-worker", "--care", "inpatient",
                 "--admitted", discharged.isoformat(), "--discharged", discharged.isoformat(),
                 "--filed", "--no-direct-settlement", "--today", discharged.isoformat(), "--json")
    assert result.exit_code in (0, 1), result.output
    for deadline in json.loads(result.stdout)["deadlines"]:
        if deadline["id"] == "reimbursement":
            assert not CALENDAR.is_rest_day(date.fromisoformat(deadline["date"])), deadline


_NAMES = st.sampled_from(["收据", "发票", "出院小结", "费用清单", "病历", "身份证", "社保卡", "备案表",
                          "receipt", "scan", "IMG_0001", "新建文件", "诊断证明", "银行卡", "x"])
_FOLDERS = st.sampled_from(["", "receipt/", "card-copy/", "misc/", "misc/deeper/", "expense-list/"])
_KINDS = st.sampled_from(["pdf", "jpg", "damaged-pdf", "empty", "text", "png"])


def _add(path: Path, kind: str, title: str) -> Path:
    import io

    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "pdf":
        return make_pdf(path.with_suffix(".pdf"), title)
    if kind == "damaged-pdf":
        path = path.with_suffix(".pdf")
        path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
        return path
    if kind == "empty":
        path.with_suffix(".jpg").write_bytes(b"")
        return path.with_suffix(".jpg")
    if kind == "text":
        path.with_suffix(".txt").write_text(title, encoding="utf-8")
        return path.with_suffix(".txt")
    buffer = io.BytesIO()
    Image.new("RGB", (1240, 1754), (250, 250, 250)).save(buffer, "PNG" if kind == "png" else "JPEG")
    target = path.with_suffix("." + kind)
    target.write_bytes(buffer.getvalue())
    return target


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(additions=st.lists(st.tuples(_FOLDERS, _NAMES, _KINDS), min_size=1, max_size=3))
def test_adding_a_file_never_makes_a_complete_dossier_incomplete(additions: list) -> None:  # noqa: ANN001
    base = Path(tempfile.mkdtemp(prefix="offsite-property-"))
    try:
        folder = base / "d"
        write_case(folder, CASE_TEXT)
        for document in REQUIRED:
            make_pdf(folder / document / f"{document}.pdf", document)
        before = run("dossier", "check", str(folder), "--today", TODAY, "--json")
        assert before.exit_code == 0 and json.loads(before.stdout)["complete"] is True
        for number, (sub_folder, name, kind) in enumerate(additions):
            _add(folder / f"{sub_folder}{name}-{number}", kind, name)
        after = run("dossier", "check", str(folder), "--today", TODAY, "--json")
        assert after.exit_code == 0, (additions, after.stdout[-2000:])
        assert json.loads(after.stdout)["complete"] is True
    finally:
        shutil.rmtree(base)
