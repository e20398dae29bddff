"""Where a claim stands: case.toml's [[history]] read and checked (dates, amounts, the steps that may
follow each other), and the deadlines a claim has left once it is handed in, returned or settled.

    submitted → returned → submitted → … → paid | rejected | withdrawn

Nothing follows paid, rejected or withdrawn; a claim may be withdrawn before it is handed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import both, label, text
from offsite_cli.policy import deadlines as periods
from offsite_cli.policy.profile_model import Profile
from offsite_cli.policy.rules import Classification, Deadline
from offsite_cli.policy.values import ClaimStatus, DeadlineRole

# status so far (None: nothing recorded) → the statuses that may follow it
NEXT: dict[ClaimStatus | None, tuple[ClaimStatus, ...]] = {
    None: (ClaimStatus.SUBMITTED, ClaimStatus.WITHDRAWN),
    ClaimStatus.SUBMITTED: (ClaimStatus.RETURNED, ClaimStatus.PAID, ClaimStatus.REJECTED,
                            ClaimStatus.WITHDRAWN),
    ClaimStatus.RETURNED: (ClaimStatus.SUBMITTED, ClaimStatus.WITHDRAWN),
    ClaimStatus.PAID: (),
    ClaimStatus.REJECTED: (),
    ClaimStatus.WITHDRAWN: (),
}
SETTLED = (ClaimStatus.PAID, ClaimStatus.REJECTED, ClaimStatus.WITHDRAWN)  # off the deadline list
_KEYS = ("date", "status", "amount", "note")


@dataclass(frozen=True)
class Event:
    """One line of a claim's history."""

    on: date
    status: ClaimStatus
    amount: float | None = None  # yuan paid (paid only)
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"date": self.on.isoformat(), "status": self.status.value, "amount": self.amount,
                "note": self.note}


def entry_key(table: str, index: int, key: str, prefix: str = "") -> dict[str, str]:
    """The key of the `index`-th (from 0) entry of an array of tables as a person counts them, in
    both languages: "history 第 2 条 date" / "history entry 2, date" (`prefix`: a file, say)."""
    return {lang: prefix + text("case.entry", lang, table=table, number=index + 1, key=key)
            for lang in ("zh", "en")}


def _fail(path: Path, key: str | dict[str, str], value: object,
          expected: str | dict[str, str]) -> BadInput:
    shown = value.isoformat() if isinstance(value, date) else value
    return BadInput("case_invalid", file=str(path), key=key, value=str(shown)[:60], expected=expected)


def said(status: ClaimStatus | None, lang: str) -> str:
    """A status in words (有记录前：“尚无记录”)."""
    return label("claim", status.value, lang) if status else text("claim.none", lang)


def parse_status(written: str) -> ClaimStatus | None:
    """A status as a clerk types it: its id (`submitted`) or the label the tool prints for it in
    either language (已提交, 已退回补正, …; case, spaces and full-width forms aside); None when it is
    none of them."""
    from offsite_cli.policy.choosing import key_of

    wanted = key_of(written)
    for status in ClaimStatus:
        if wanted in {key_of(status.value), key_of(said(status, "zh")), key_of(said(status, "en"))}:
            return status
    return None


def statuses() -> dict[str, str]:
    """Every status, id and label, in both languages: "submitted（已提交） | returned（已退回补正） | …"."""
    return {"zh": " | ".join(f"{status.value}（{said(status, 'zh')}）" for status in ClaimStatus),
            "en": " | ".join(status.value for status in ClaimStatus)}


def allowed(previous: ClaimStatus | None) -> dict[str, str]:
    """What may follow a status, in both languages: "submitted | withdrawn (after …)", or that
    nothing may."""
    following = NEXT[previous]
    if not following:
        return {code: text("claim.final", code, status=said(previous, code)) for code in ("zh", "en")}
    names = " | ".join(status.value for status in following)
    return {code: text("claim.after", code, allowed=names, previous=said(previous, code))
            for code in ("zh", "en")}


def read(path: Path, items: object, episode_end: date | None = None) -> list[Event]:
    """case.toml's [[history]] as events, every entry checked: its keys, a real date in order (a
    claim is handed in after the episode ends), a status that may follow the one before, an
    amount for paid only."""
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise _fail(path, "history", items, both('表数组，例如 [[history]] date = 2026-11-25 status = "submitted"',
                                                 'an array of tables, e.g. [[history]] date = 2026-11-25 status = "submitted"'))
    events: list[Event] = []
    for index, item in enumerate(items):
        for key in item:
            if key not in _KEYS:
                raise _fail(path, entry_key("history", index, key), item[key],
                            both("以下之一：" + ", ".join(_KEYS), "one of " + ", ".join(_KEYS)))
        events.append(check_next(path, index, events, item, episode_end))
    return events


def check_next(path: Path, index: int, events: list[Event], item: dict[str, Any],
               episode_end: date | None) -> Event:
    """The `index`-th entry (from 0) after `events`, checked; BadInput naming the entry as a
    person counts them, the key and what may be there."""
    def where(key: str) -> dict[str, str]:
        return entry_key("history", index, key)

    on = item.get("date")
    if type(on) is str:
        try:
            on = date.fromisoformat(on.strip())
        except ValueError:
            pass
    if type(on) is not date:
        raise _fail(path, where("date"), "—" if on is None else on,
                    both("日期，例如 date = 2026-11-25", "a date, e.g. date = 2026-11-25"))
    previous = events[-1] if events else None
    if previous is not None and on < previous.on:
        raise _fail(path, where("date"), on,
                    both(f"不早于上一条记录（{previous.on.isoformat()}）的日期",
                         f"a date not before the entry before it ({previous.on.isoformat()})"))
    raw_status = item.get("status")
    try:
        status = ClaimStatus(raw_status)
    except ValueError:
        raise _fail(path, where("status"), "—" if raw_status is None else raw_status,
                    " | ".join(s.value for s in ClaimStatus)) from None
    before = previous.status if previous else None
    if status not in NEXT[before]:
        raise _fail(path, where("status"), status.value, allowed(before))
    if status is ClaimStatus.SUBMITTED and episode_end is not None and on < episode_end:
        raise _fail(path, where("date"), on,
                    both(f"不早于就医结束（{episode_end.isoformat()}）的日期",
                         f"a date not before the episode ended ({episode_end.isoformat()})"))
    amount = item.get("amount")
    if amount is not None:
        if status is not ClaimStatus.PAID:
            raise _fail(path, where("amount"), amount,
                        both("仅在 status = \"paid\" 时填写到账金额", 'an amount only with status = "paid"'))
        if type(amount) not in (int, float) or amount < 0:
            raise _fail(path, where("amount"), amount,
                        both("不小于 0 的金额（元），例如 amount = 10234.50",
                             "an amount in yuan, 0 or more, e.g. amount = 10234.50"))
        amount = float(amount)
    note = item.get("note", "")
    if not isinstance(note, str):
        raise _fail(path, where("note"), note, both('文本，例如 note = "交市医保中心窗口"',
                                                      'text, e.g. note = "handed in at the window"'))
    return Event(on=on, status=status, amount=amount, note=note.strip())


def as_json(history: list[Event]) -> dict[str, Any]:
    """The `status` of `dossier check --json`: the current status, its date, the whole history."""
    now = current(history)
    return {"current": now.status.value if now else None, "date": now.on.isoformat() if now else None,
            "history": [event.as_json() for event in history]}


def current(history: list[Event]) -> Event | None:
    return history[-1] if history else None


def first(history: list[Event], status: ClaimStatus) -> Event | None:
    return next((event for event in history if event.status is status), None)


def last(history: list[Event], status: ClaimStatus) -> Event | None:
    return next((event for event in reversed(history) if event.status is status), None)


def handed_in(history: list[Event]) -> date | None:
    """The day the claim was first handed in, while it is with the office (submitted, paid,
    rejected, withdrawn after that); None before it is, and when it is back with the clerk
    (returned: its deadline counts from today again)."""
    now = current(history)
    if now is None or now.status is ClaimStatus.RETURNED:
        return None
    event = first(history, ClaimStatus.SUBMITTED)
    return event.on if event else None


def paid_amount(history: list[Event]) -> float | None:
    event = last(history, ClaimStatus.PAID)
    return event.amount if event else None


def payment_expected(classification: Classification, profile: Profile, submitted: date,
                     today: date, lang: str, calendar: periods.Calendar | None = None
                     ) -> Deadline | None:
    """When the money is due, counted in working days from the day the claim was handed in by the
    profile's [[processing]] rule for the case (None where no rule applies)."""
    facts = classification.selectors or {}
    rule = profile.pick("processing", facts, classification.rules_on or today)
    if rule is None:
        return None
    due = periods.working_days_after(submitted, int(rule.data["working_days"]), calendar)
    return Deadline(id=rule.id, name=rule.data["name"].get(lang) or rule.data["name"]["zh"],
                    date=due.date, days_left=(due.date - today).days, rule=profile.source_text(rule),
                    provisional=due.provisional, rolled_from=None, at_least=False,
                    role=DeadlineRole.PAYMENT)


def open_deadlines(classification: Classification, history: list[Event], profile: Profile,
                   today: date, lang: str, calendar: periods.Calendar | None = None) -> list[Deadline]:
    """The deadlines a claim still has, given where it stands: all of them before it is handed in
    and after it is returned; once submitted, only when payment is expected; none once paid,
    rejected or withdrawn."""
    now = current(history)
    if now is None or now.status is ClaimStatus.RETURNED:
        return list(classification.deadlines)
    if now.status is ClaimStatus.SUBMITTED:
        expected = payment_expected(classification, profile, now.on, today, lang, calendar)
        return [expected] if expected else []
    return []


def check_mark(path: Path, history: list[Event], status: ClaimStatus, on: date,
               amount: float | None, claimed: float | None, episode_end: date | None,
               today: date) -> None:
    """What `dossier mark` is asked to record, against the history so far: BadInput naming the
    option (STATUS, --on, --amount) and what it may be."""
    if on > today:
        raise BadInput("mark_future", value=on.isoformat(), today=today.isoformat())
    before = current(history)
    if status not in NEXT[before.status if before else None]:
        raise BadInput("mark_refused", file=str(path), value=status.value,
                       expected=allowed(before.status if before else None))
    if before is not None and on < before.on:
        raise _fail(path, "--on", on, both(f"不早于上一条记录（{said(before.status, 'zh')} "
                                           f"{before.on.isoformat()}）的日期",
                                           f"a date not before the last entry ({said(before.status, 'en')} "
                                           f"{before.on.isoformat()})"))
    if status is ClaimStatus.SUBMITTED and episode_end is not None and on < episode_end:
        raise _fail(path, "--on", on, both(f"不早于就医结束（{episode_end.isoformat()}）的日期",
                                           f"a date not before the episode ended ({episode_end.isoformat()})"))
    if amount is not None and status is not ClaimStatus.PAID:
        raise BadInput("mark_amount_not_paid", value=f"{amount:.2f}")
    if amount is not None and claimed is not None and amount > claimed + 0.005:
        raise BadInput("mark_amount_over", value=f"{amount:,.2f}", claimed=f"{claimed:,.2f}")
