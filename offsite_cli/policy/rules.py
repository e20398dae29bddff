"""A situation, a profile and a date → the classification: scope, filing, route, documents, deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from offsite_cli.policy import deadlines as periods
from offsite_cli.policy import regions
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text, weekday
from offsite_cli.policy.profiles import Entry, Profile
from offsite_cli.policy.regions import Region
from offsite_cli.policy.values import (
    Care, DeadlineRole, Event, Insurance, Reasoning, Route, Scope, Stage, Visits, choices,
)


class Situation(NamedTuple):
    """One person and one episode of care, as the clerk describes it."""

    insured_region: Region
    treatment_region: Region
    insurance: str
    category: str
    care: str
    admitted: date | None = None
    discharged: date | None = None
    filed: bool | None = None  # None: not said
    filed_on: date | None = None
    direct_settlement: bool | None = None  # None: not said
    visits: tuple[date, ...] = ()  # the days of care without a discharge (receipts' dates)
    handed_in: date | None = None  # the day the claim was handed in, if it is with the office


class Filing(NamedTuple):
    required: bool
    done: bool
    deemed: bool
    note: str
    source: str


class Document(NamedTuple):
    id: str
    name: str
    required: bool
    stage: str  # filing | claim
    source: str
    alternatives: tuple[str, ...] = ()
    alternative_to: str | None = None


class Deadline(NamedTuple):
    id: str
    name: str
    date: date
    days_left: int
    rule: str
    provisional: bool
    rolled_from: date | None
    at_least: bool
    role: str | None = None  # a DeadlineRole: what the profile says the deadline is
    verified: bool = True  # False: a period no source gives, assumed (`note` says why)
    note: str = ""
    visit: date | None = None  # the visit it counts from, when each visit has its own


def deadline_words(deadline: "Deadline", lang: str) -> tuple[str, str, list[str]]:
    """How a deadline is said: its date with the weekday ("至少" first for a validity), the days
    left or overdue, and its marks (provisional, moved past rest days)."""
    when = f"{deadline.date.isoformat()} {weekday(deadline.date.weekday(), lang)}"
    if deadline.at_least:
        when = text("label.at_least", lang) + " " + when
    if deadline.days_left < 0:
        days = text("label.overdue", lang, days=-deadline.days_left)
    elif deadline.days_left == 0:
        days = text("label.today", lang)
    else:
        days = text("label.in_days", lang, days=deadline.days_left)
    marks = []
    if not deadline.verified:
        marks.append(text("label.unverified", lang))
    if deadline.provisional:
        marks.append(text("label.provisional", lang))
    if deadline.rolled_from:
        marks.append(text("label.rolled", lang, date=deadline.rolled_from.isoformat()))
    return when, days, marks


class Applicant(NamedTuple):
    """Who files and claims ([[applicants]]): the unit's clerk (the forms carry the unit) or the
    insured person; below `adult_age` a guardian applies and signs."""

    unit: bool
    adult_age: int
    source: str


class Notice(NamedTuple):
    """A warning with a stable id (a profile warning's id, or one of the rules' own)."""

    id: str
    text: str


class Lateness(NamedTuple):
    """What makes a claim late: the claim deadline passed, filing done after treatment began, or
    filing needed and not done when treatment is over (补办备案). `forms` rules select on `late`."""

    overdue_days: int = 0  # days past the claim deadline
    deadline: Deadline | None = None  # the claim deadline that passed
    filed_after_admission: bool = False
    filed_after_discharge: bool = False
    not_filed: bool = False  # filing required, not done, not deemed, and the person discharged

    @property
    def late(self) -> bool:
        return bool(self.overdue_days or self.filed_after_admission or self.filed_after_discharge
                    or self.not_filed)


def lateness(situation: Situation, filing: Filing, found: list[Deadline]) -> Lateness:
    """Late against the claim deadline: by today, or — once the claim is with the office — by the
    day it was handed in (handed in before the deadline, it is not late however long it takes)."""
    claim = next((d for d in found if d.role == DeadlineRole.CLAIM and not d.at_least), None)
    handed = situation.handed_in
    days_over = 0 if claim is None else (handed - claim.date).days if handed else -claim.days_left
    overdue = claim is not None and days_over > 0
    started = situation.admitted or situation.discharged
    after = bool(filing.required and filing.done and situation.filed_on and started
                 and situation.filed_on > started)
    after_discharge = after and situation.discharged is not None \
        and situation.filed_on > situation.discharged  # type: ignore[operator]
    return Lateness(overdue_days=days_over if overdue else 0,
                    deadline=claim if overdue else None,
                    filed_after_admission=after and not after_discharge,
                    filed_after_discharge=after_discharge,
                    not_filed=filing.required and not filing.done and not filing.deemed
                    and situation.discharged is not None)


class Classification(NamedTuple):
    scope: Scope
    filing: Filing
    route: Route
    documents: list[Document]
    deadlines: list[Deadline]
    warnings: list[Notice]
    profile: str
    today: date
    facts: dict[str, Any] | None = None  # the situation as said (JSON "situation")
    unverified: tuple[str, ...] = ()  # kind/id of every rule used that is not verified
    # What the rules were matched on, made once here so that what follows (the forms, the
    # checklist) does not rebuild it: the regions as resolved, the facts the `when` selectors
    # saw (scope, province, route, filing_required, ...), and the date of the rules in force.
    insured_region: Region | None = None
    treatment_region: Region | None = None
    selectors: dict[str, Any] | None = None
    rules_on: date | None = None
    rules_used: tuple[str, ...] = ()  # kind/id of every rule used, verified or not
    applicant: Applicant | None = None  # None: the profile has no [[applicants]] rule for it
    late: Lateness = Lateness()  # what makes the claim late (the 情况说明 form), if anything

    def required_documents(self) -> list[Document]:
        return [d for d in self.documents if d.required]

    @property
    def to_claim(self) -> bool:
        """Something to collect and hand in: not a case settled directly by card, local or not
        reimbursable (no document, no PDF, nothing to mark submitted)."""
        return bool(self.documents)

    def as_json(self) -> dict[str, Any]:
        """The `offsite check --json` document of CONTRACT.md."""
        documents = []
        for document in self.documents:
            item: dict[str, Any] = {
                "id": document.id, "name": document.name, "required": document.required,
                "stage": document.stage, "source": document.source,
            }
            if document.alternatives:
                item["alternatives"] = list(document.alternatives)
            if document.alternative_to:
                item["alternative_to"] = document.alternative_to
            documents.append(item)
        return {
            "scope": self.scope.value,
            "filing": self.filing._asdict(),
            "route": self.route.value,
            "documents": documents,
            "deadlines": [
                {
                    "id": d.id, "name": d.name, "date": d.date.isoformat(), "days_left": d.days_left,
                    "rule": d.rule, "provisional": d.provisional, "at_least": d.at_least,
                    "rolled_from": d.rolled_from.isoformat() if d.rolled_from else None,
                    "verified": d.verified, "visit": d.visit.isoformat() if d.visit else None,
                }
                for d in self.deadlines
            ],
            "profile": self.profile,
            "warnings": [w.text for w in self.warnings],
            "unverified_rules": list(self.unverified),
            "notices": [{"id": w.id, "text": w.text} for w in self.warnings],
            "situation": {
                key: (value.isoformat() if isinstance(value, date) else value)
                for key, value in (self.facts or {}).items()
            },
        }


def _notice(key: str, lang: str, **params: object) -> Notice:
    return Notice(key.replace("_", "-"), text(f"warn_{key}", lang, **params))


def validate_choices(insurance: str, category: str, care: str, profile: Profile) -> None:
    if insurance not in choices(Insurance):
        raise BadInput("choice", field="insurance", value=insurance,
                       expected=" | ".join(choices(Insurance)))
    if category not in profile.categories:
        raise BadInput("choice", field="category", value=category,
                       expected=" | ".join(profile.categories))
    if care not in choices(Care):
        raise BadInput("choice", field="care", value=care, expected=" | ".join(choices(Care)))


def validate_dates(admitted: date | None, discharged: date | None) -> None:
    if admitted and discharged and discharged < admitted:
        raise BadInput("discharge_before_admission", field="discharged",
                       value=discharged.isoformat(), admitted=admitted.isoformat())


def classify(situation: Situation, profile: Profile, today: date, lang: str = "zh",
             calendar: periods.Calendar | None = None) -> Classification:
    """The whole verdict for one situation on one day; pure but for reading the calendar files."""
    validate_choices(situation.insurance, situation.category, situation.care, profile)
    validate_dates(situation.admitted, situation.discharged)
    on = situation.admitted or situation.discharged or today
    used: list[Entry] = []  # every rule the verdict rests on
    overrides = {e.data["region"]: e.data["area"] for e in profile.effective("planning_areas", on)}
    outside = profile.outside_scheme(on)
    scope = regions.scope_of(situation.insured_region, situation.treatment_region, overrides,
                             outside)
    if scope is Scope.OUTSIDE_SCHEME:
        provinces = {regions.table().current(region).code[:2]
                     for region in (situation.insured_region, situation.treatment_region)}
        used += [e for e in profile.effective("outside_scheme", on)
                 if provinces & set(e.data["provinces"])]
    warnings: list[Notice] = []

    facts: dict[str, Any] = {
        "scope": scope.value,
        "insurance": situation.insurance,
        "category": situation.category,
        "care": situation.care,
        "province": regions.table().current(situation.insured_region).code[:2],
        "filed": bool(situation.filed),
        "direct_settlement": situation.direct_settlement,
    }

    filing_rule = profile.pick("filing", facts, on)
    if filing_rule is None:
        earliest = min((v.since for vs in profile.rules.get("filing", {}).values() for v in vs
                        if v.since is not None and v.matches(facts)), default=None)
        raise BadInput("profile_gap", file=str(profile.path), key="filing", value=scope.value,
                       date=on.isoformat(), earliest=earliest.isoformat() if earliest else "—")
    required = bool(filing_rule.data["required"])
    deemed = bool(filing_rule.data.get("deemed", False))
    done = bool(situation.filed)
    facts["filing_required"] = required
    note = filing_rule.note.get(lang, "")
    if required and situation.filed is None:
        warnings.append(_notice("filed_unknown", lang))
    used.append(filing_rule)
    filing = Filing(required=required, done=done, deemed=deemed, note=note,
                    source=profile.source_text(filing_rule))

    route = _route(situation, scope, filing, facts, profile, on, today, lang, warnings, used)
    facts["route"] = route.value

    paid = route is not Route.NOT_REIMBURSABLE  # nothing to collect for costs that pay nothing
    documents = _documents(profile, facts, on, lang, used) if paid else []
    if not paid:
        _later_visits(filing, profile, facts, on, lang, warnings, used)
    found_deadlines, uncounted = _deadlines(situation, profile, facts, on, today, lang, warnings,
                                            calendar, used)
    for entry in uncounted:  # a rule applies but the date it counts from was not given
        name = entry.data["name"].get(lang) or entry.data["name"]["zh"]
        warnings.append(Notice(f"no-date-{entry.id}", text(f"warn_no_date_{entry.data['after']}",
                                                            lang, deadline=name)))
    claim_rules = [e for e in profile.matching("deadlines", facts, on)
                   if e.data.get("role") == DeadlineRole.CLAIM]
    if route is Route.MANUAL_REIMBURSEMENT and not claim_rules:
        warnings.append(_notice("no_deadline_rule", lang))
    _filing_timing(situation, filing, found_deadlines, profile, facts, on, lang, warnings, used)
    late = lateness(situation, filing, found_deadlines)
    facts["late"] = late.late

    for entry in profile.matching("warnings", facts, on):
        warnings.append(Notice(entry.id, entry.data["text"].get(lang) or entry.data["text"]["zh"]))
        used.append(entry)
    for entry in profile.matching("adjustments", facts, on) if paid else []:
        if entry.data["mode"] == "ratio" and entry.data["max_points_lower"]:
            warnings.append(Notice(entry.id, text("warn_ratio", lang,
                                                  points=entry.data["max_points_lower"])))
        elif entry.data["mode"] == "self-pay-first":
            warnings.append(Notice(entry.id, text("warn_self_pay", lang,
                                                  share=round(entry.data["share"] * 100))))
        else:
            continue
        used.append(entry)
    applicant_rule = profile.pick("applicants", facts, on)
    applicant = None
    if applicant_rule is not None:
        used.append(applicant_rule)
        applicant = Applicant(unit=bool(applicant_rule.data["unit"]),
                              adult_age=int(applicant_rule.data["adult_age"]),
                              source=profile.source_text(applicant_rule))
    unverified_rules = tuple(sorted({f"{e.kind}/{e.id}" for e in used if not e.verified}))
    if unverified_rules:
        warnings.append(_notice("unverified", lang, count=len(unverified_rules), profile=profile.id))

    shown_facts = {
        "insured_region": situation.insured_region.code,
        "treatment_region": situation.treatment_region.code,
        "insurance": situation.insurance,
        "category": situation.category,
        "care": situation.care,
        "admitted": situation.admitted,
        "discharged": situation.discharged,
        "filed": situation.filed,
        "filed_on": situation.filed_on,
        "direct_settlement": situation.direct_settlement,
        "today": today,
    }
    return Classification(scope=scope, filing=filing, route=route, documents=documents,
                          deadlines=found_deadlines, warnings=warnings, profile=profile.id,
                          today=today, facts=shown_facts, unverified=unverified_rules,
                          insured_region=situation.insured_region,
                          treatment_region=situation.treatment_region, selectors=dict(facts),
                          rules_on=on, rules_used=tuple(dict.fromkeys(f"{e.kind}/{e.id}"
                                                                      for e in used)),
                          applicant=applicant, late=late)


def _later_visits(filing: Filing, profile: Profile, facts: dict[str, Any], on: date, lang: str,
                  warnings: list[Notice], used: list[Entry]) -> None:
    """Costs that are not reimbursable unfiled: where filing now would let later visits settle
    directly, that is advice on its own line, with what filing takes (not this claim's checklist)."""
    if not filing.required or filing.done or filing.deemed:
        return
    step = profile.reasoning(Reasoning.FILE_FOR_LATER_VISITS, facts, on)
    if step is None:
        return
    scratch: list[Entry] = []
    needed = [d.name for d in _documents(profile, {**facts, "route": None}, on, lang, scratch)
              if d.stage == Stage.FILING and d.required]
    if not needed:
        return
    used.append(step)
    used.extend(e for e in scratch if e.data.get("stage") == Stage.FILING)
    warnings.append(_notice("file_for_later_visits", lang,
                            documents=("、" if lang == "zh" else ", ").join(needed)))


def _filing_timing(situation: Situation, filing: Filing, found: list[Deadline], profile: Profile,
                   facts: dict[str, Any], on: date, lang: str, warnings: list[Notice],
                   used: list[Entry]) -> None:
    """Filing done after treatment started, a temporary filing that lapsed before it, and
    direct settlement said without the filing it needs — each where the profile's [[reasoning]]
    switches it on."""

    def step(name: Reasoning) -> bool:
        entry = profile.reasoning(name, facts, on)
        if entry is not None:
            used.append(entry)
        return entry is not None

    started = situation.admitted or situation.discharged
    if filing.required and filing.done and situation.filed_on and started \
            and situation.filed_on > started:
        after_discharge = situation.discharged is not None and situation.filed_on > situation.discharged
        name = Reasoning.FILED_AFTER_DISCHARGE if after_discharge else Reasoning.FILED_AFTER_ADMISSION
        if step(name):
            warnings.append(_notice(name.replace("-", "_"), lang,
                                    filed_on=situation.filed_on.isoformat()))
    validity = next((d for d in found if d.role == DeadlineRole.FILING_VALIDITY), None)
    if validity is not None and situation.admitted and validity.date < situation.admitted \
            and step(Reasoning.FILING_LAPSED):
        warnings.append(_notice("filing_lapsed", lang, date=validity.date.isoformat()))
    if filing.required and not filing.done and not filing.deemed \
            and situation.direct_settlement is True and step(Reasoning.DIRECT_WITHOUT_FILING):
        warnings.append(_notice("direct_without_filing", lang))


def _route(situation: Situation, scope: Scope, filing: Filing, facts: dict[str, Any],
           profile: Profile, on: date, today: date, lang: str, warnings: list[Notice],
           used: list[Entry]) -> Route:
    if scope is Scope.LOCAL:
        return Route.LOCAL
    settlement = profile.pick("settlement", facts, on)
    reimbursable = settlement.data.get("reimbursable", True) if settlement else True
    direct_available = settlement.data.get("direct", False) if settlement else False
    if settlement is not None:
        used.append(settlement)
    if not reimbursable:
        if settlement is not None and settlement.note:
            warnings.append(Notice(f"settlement-{settlement.id}", settlement.note.get(lang, "")))
        return Route.NOT_REIMBURSABLE
    if situation.direct_settlement is True:
        return Route.DIRECT_SETTLEMENT
    if situation.direct_settlement is False:
        return Route.MANUAL_REIMBURSEMENT
    if not direct_available:
        return Route.MANUAL_REIMBURSEMENT
    filing_in_order = not filing.required or filing.done or filing.deemed
    still_in_hospital = situation.discharged is None or situation.discharged >= today
    file_first = profile.reasoning(Reasoning.FILE_BEFORE_DISCHARGE, facts, on)
    if not filing_in_order and still_in_hospital and file_first is not None:
        used.append(file_first)
        warnings.append(_notice("file_before_discharge", lang))
        return Route.DIRECT_SETTLEMENT
    if not filing_in_order:
        return Route.MANUAL_REIMBURSEMENT
    # Not said how the bill was settled: the safe assumption is that the person paid, so that
    # what the claim needs is shown (a profile may switch the step off: then direct is assumed).
    facts_manual = {**facts, "route": Route.MANUAL_REIMBURSEMENT.value}
    assumed = profile.reasoning(Reasoning.ASSUMED_MANUAL, facts_manual, on)
    if assumed is not None:
        used.append(assumed)
        warnings.append(_notice("assumed_manual", lang))
        return Route.MANUAL_REIMBURSEMENT
    warnings.append(_notice("assumed_direct", lang))
    return Route.DIRECT_SETTLEMENT


def _documents(profile: Profile, facts: dict[str, Any], on: date, lang: str,
               used: list[Entry]) -> list[Document]:
    """The union of every matching checklist rule, one entry per document id: required if any rule
    requires it, in the filing stage if any filing rule names it (filing comes first)."""
    required: dict[str, bool] = {}  # insertion order is checklist order
    stages: dict[str, list[str]] = {}
    cited: dict[str, list[str]] = {}
    alternatives: dict[str, list[str]] = {}
    for entry in profile.matching("checklist", facts, on):
        stage = entry.data["stage"]
        used.append(entry)
        named = [(d, True) for d in entry.data.get("documents", [])] + \
            [(d, False) for d in entry.data.get("optional", [])]
        for document_id, is_required in named:
            required[document_id] = required.get(document_id, False) or is_required
            stages.setdefault(document_id, [])
            if stage not in stages[document_id]:
                stages[document_id].append(stage)
            source = profile.source_text(entry)
            if source not in cited.setdefault(document_id, []):
                cited[document_id].append(source)
        for primary, others in entry.data.get("alternatives", {}).items():
            for other in others:
                if other not in alternatives.setdefault(primary, []):
                    alternatives[primary].append(other)
    stage_rank = {stage: rank for rank, stage in enumerate(choices(Stage))}

    def first_stage(document_id: str) -> str:
        return min(stages[document_id], key=stage_rank.__getitem__)

    documents: list[Document] = []
    listed: set[str] = set()
    for document_id in sorted(required, key=lambda d: stage_rank[first_stage(d)]):
        if document_id in listed:
            continue
        # Alternatives only stand in for a required document that no rule requires on its own.
        others = tuple(a for a in alternatives.get(document_id, ()) if not required.get(a))
        documents.append(Document(
            id=document_id, name=profile.document_name(document_id, lang),
            required=required[document_id], stage=first_stage(document_id),
            source=" | ".join(cited[document_id]), alternatives=others,
        ))
        listed.add(document_id)
        for other in others:
            if other in listed:
                continue
            documents.append(Document(
                id=other, name=profile.document_name(other, lang), required=False,
                stage=first_stage(document_id),
                source=" | ".join(cited.get(other) or cited[document_id]),
                alternative_to=document_id,
            ))
            listed.add(other)
    return documents


def _deadlines(situation: Situation, profile: Profile, facts: dict[str, Any], on: date,
               today: date, lang: str, warnings: list[Notice], calendar: periods.Calendar | None,
               used: list[Entry]) -> tuple[list[Deadline], list[Entry]]:
    """The deadlines that apply, and the rules that apply but lack the date they count from."""
    found: list[Deadline] = []
    uncounted: list[Entry] = []
    events = {"discharged": situation.discharged, "admitted": situation.admitted,
              "filed_on": situation.filed_on}
    visits = sorted({day for day in (situation.admitted, *situation.visits) if day})
    for entry in profile.matching("deadlines", facts, on):
        starts: list[date | None] = [events[entry.data["after"]]]
        by_visit = False
        if starts[0] is None and entry.data["after"] == Event.DISCHARGED and visits:
            from_admission = profile.reasoning(Reasoning.COUNT_FROM_ADMISSION, facts, on)
            if from_admission is not None:  # a visit with no discharge ends the day it starts
                each = entry.data.get("visits", Visits.EACH) == Visits.EACH
                starts = list(visits) if each else [visits[-1]]
                by_visit = len(starts) > 1
                used.append(from_admission)
        if starts[0] is None:
            uncounted.append(entry)
            continue
        used.append(entry)
        name = entry.data["name"].get(lang) or entry.data["name"]["zh"]
        note = entry.note.get(lang) or entry.note.get("zh", "")
        if not entry.verified and note and entry.data.get("role") == DeadlineRole.CLAIM:
            warnings.append(Notice(f"assumed-deadline-{entry.id}", note))
        for start in starts:
            assert start is not None
            due = periods.period_end(start, months=entry.data.get("months", 0),
                                     days=entry.data.get("days", 0),
                                     roll=entry.data.get("roll", True), calendar_=calendar)
            if due.provisional:
                warnings.append(_notice("provisional", lang, date=due.date.isoformat(),
                                     year=due.date.year))
            found.append(Deadline(
                id=entry.id, name=text("label.for_visit", lang, name=name, date=start.isoformat())
                if by_visit else name,
                date=due.date, days_left=(due.date - today).days, rule=profile.source_text(entry),
                provisional=due.provisional, rolled_from=due.nominal if due.rolled else None,
                at_least=bool(entry.data.get("at_least", False)), role=entry.data.get("role"),
                verified=entry.verified, note=note if not entry.verified else "",
                visit=start if by_visit else None,
            ))
    return sorted(found, key=lambda d: d.date), uncounted
