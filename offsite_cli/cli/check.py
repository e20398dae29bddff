"""`offsite check`: classify one situation from options, a case folder, or questions."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.cli.common import (
    AdmittedOption, CareOption, CategoryOption, DirectSettlementOption, DischargedOption, FiledOnOption,
    FiledOption, InsuranceOption, InsuredRegionOption, JsonOption, LangOption, NoInputOption,
    ProfileOption, TodayOption, TreatmentRegionOption, emit_json, finish, guarded, interactive,
    parse_date, resolve_lang, today_or, warn_notes,
)
from offsite_cli.base.errors import BadInput, ExitCode
from offsite_cli.base.i18n import label, text
from offsite_cli.policy import values as value_sets
from offsite_cli.policy.values import Event, choices


@dataclass
class Answers:
    """What the clerk said, from case.toml, options and prompts, before the rules see it."""

    insured_region: str | None = None
    treatment_region: str | None = None
    insurance: str | None = None
    category: str | None = None
    care: str | None = None
    admitted: date | None = None
    discharged: date | None = None
    filed: bool | None = None
    filed_on: date | None = None
    direct_settlement: bool | None = None
    profile: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def from_case(folder: Path, today: date) -> Answers:
    from offsite_cli.dossier import case as case_file
    from offsite_cli.dossier import checking

    case = case_file.load(folder, today)
    return Answers(
        insured_region=case.insured_region.code if case.insured_region else None,
        treatment_region=case.treatment_region.code if case.treatment_region else None,
        insurance=case.insurance or None, category=case.category or None, care=case.care or None,
        admitted=case.admitted, discharged=case.discharged, filed=case.filed,
        filed_on=case.filed_on, direct_settlement=case.direct_settlement, profile=case.profile,
        extra={"visits": checking.visits_of(case)},
    )


def check_given(answers: Answers, policy: Any) -> None:
    """What options (or case.toml) already say is checked before anything is asked, so that a
    bad value fails at once instead of after the questions: regions resolve, choices are known,
    the discharge is not before the admission."""
    from offsite_cli.policy import choosing, regions, rules

    for attribute, option in (("insured_region", "--insured-region"),
                              ("treatment_region", "--treatment-region")):
        value = getattr(answers, attribute)
        if value:
            regions.table().resolve(str(value), option)
    for attribute in ("insurance", "category", "care"):  # ids, labels or short forms → ids
        value = getattr(answers, attribute)
        if value:
            setattr(answers, attribute, choosing.resolve(attribute, value, "--" + attribute, policy))
    rules.validate_dates(answers.admitted, answers.discharged)  # named by date_notes before


def date_notes(answers: Answers, today: date, given: set[str], case_path: Path | None) -> list[Any]:
    """The dates against today (a future one is bad input) and each other (warnings); each is
    named as the option when it was given as one, else as its case.toml key."""
    from offsite_cli.policy import episode_dates

    fields = {kind: "--" + kind.replace("_", "-") if kind in given or case_path is None
              else f"{case_path}: episode.{kind}" for kind in choices(Event)}
    return episode_dates.check(today, fields, answers.admitted, answers.discharged, answers.filed_on)


def choices_of(attribute: str, policy: Any, lang: str) -> list[tuple[str, str]]:
    """The choices of a question with their labels in the language (categories from the profile)."""
    if attribute == "category":
        return [(key, policy.category_name(key, lang)) for key in policy.categories]
    ids = value_sets.choices(value_sets.Insurance if attribute == "insurance" else value_sets.Care)
    return [(key, label(attribute, key, lang)) for key in ids]


def ask_missing(answers: Answers, policy: Any, ask: bool, lang: str) -> None:
    """Fill what is missing by asking (in a terminal), else fail naming the first missing option.
    What is given is checked first; a region answer is echoed as the region it resolved to; a
    choice is picked from a numbered list of labels (by number, id or label)."""
    check_given(answers, policy)
    needed = [
        ("insured_region", "--insured-region"),
        ("treatment_region", "--treatment-region"),
        ("insurance", "--insurance"),
        ("category", "--category"),
        ("care", "--care"),
    ]
    for attribute, option in needed:
        if getattr(answers, attribute):
            continue
        if not ask:
            raise BadInput("missing_option", option=option)
        from offsite_cli.cli import prompts  # (only to ask: options and case.toml need none)

        question = text(f"prompt.{attribute}", lang)
        if attribute.endswith("_region"):
            setattr(answers, attribute, prompts.ask_region(question, option, lang))
        else:
            from offsite_cli.policy import choosing

            setattr(answers, attribute, prompts.ask_choice(
                question, choices_of(attribute, policy, lang), lang,
                lookup=lambda value, kind=attribute: choosing.lookup(kind, value, policy)))


def ask_episode(answers: Answers, ask: bool, lang: str, today: date | None = None) -> None:
    """In a terminal, the facts that sharpen the result and may be skipped (Enter): admission and
    discharge dates, and whether the bill was settled directly by card."""
    if not ask:
        return
    from offsite_cli.cli import prompts

    values = {key: getattr(answers, key) for key in ("admitted", "discharged", "direct_settlement")}
    prompts.ask_values(values, values.keys(), lang,
                       {"admitted": parse_date, "discharged": parse_date}, optional_yes_no=True,
                       today=today)
    for key, value in values.items():
        setattr(answers, key, value)


def check(
    folder: Annotated[
        Path | None,
        typer.Argument(metavar="DIR", help="A dossier folder: its case.toml gives the situation; options override it."),
    ] = None,
    insured_region: InsuredRegionOption = None,
    treatment_region: TreatmentRegionOption = None,
    insurance: InsuranceOption = None,
    category: CategoryOption = None,
    care: CareOption = None,
    admitted: AdmittedOption = None,
    discharged: DischargedOption = None,
    filed: FiledOption = None,
    filed_on: FiledOnOption = None,
    direct_settlement: DirectSettlementOption = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when filing is required and has not been done.")
    ] = False,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Classify one situation: scope, whether filing is needed, the route, documents and deadlines.

    Example: offsite check --insured-region 晋城市 --treatment-region 徐汇区 --insurance employee
    --category stationed-worker --care inpatient --admitted 2026-10-08 --discharged 2026-10-20 --filed

    Example: offsite check examples/zhang-wei-2026-11 --today 2026-11-20

    In a terminal, what is missing is asked; admission and discharge dates and direct settlement
    are asked too, and may be skipped with Enter.
    """
    guarded(_check)(folder, insured_region, treatment_region, insurance, category, care, admitted,
                    discharged, filed, filed_on, direct_settlement, exit_code, today, profile,
                    json_output, lang=lang, no_input=no_input)


def _check(folder: Path | None, insured_region: str | None, treatment_region: str | None,
           insurance: str | None, category: str | None, care: str | None, admitted: str | None,
           discharged: str | None, filed: bool | None, filed_on: str | None,
           direct_settlement: bool | None, exit_code: bool, today: str | None,
           profile: str | None, json_output: bool, lang: str | None, no_input: bool) -> None:
    from offsite_cli.policy import profiles, regions, rules

    language = resolve_lang(lang)
    day = today_or(today)
    answers = from_case(folder, day) if folder is not None else Answers()
    overrides = {
        "insured_region": insured_region, "treatment_region": treatment_region,
        "insurance": insurance, "category": category, "care": care,
        "admitted": parse_date(admitted, "--admitted"),
        "discharged": parse_date(discharged, "--discharged"),
        "filed": filed, "filed_on": parse_date(filed_on, "--filed-on"),
        "direct_settlement": direct_settlement, "profile": profile,
    }
    for key, value in overrides.items():
        if value is not None:
            setattr(answers, key, value)
    policy = profiles.load(answers.profile or profiles.DEFAULT_PROFILE)
    ask = interactive(no_input or json_output)  # --json never asks, in a terminal too
    given = {key for key, value in overrides.items() if value is not None}
    date_notes(answers, day, given, folder / "case.toml" if folder is not None else None)
    ask_missing(answers, policy, ask, language)
    ask_episode(answers, ask, language, day)
    notes = date_notes(answers, day, given, folder / "case.toml" if folder is not None else None)
    table = regions.table()
    assert answers.insured_region and answers.treatment_region
    situation = rules.Situation(
        insured_region=table.resolve(answers.insured_region, "--insured-region"),
        treatment_region=table.resolve(answers.treatment_region, "--treatment-region"),
        insurance=answers.insurance or "", category=answers.category or "", care=answers.care or "",
        admitted=answers.admitted, discharged=answers.discharged, filed=answers.filed,
        filed_on=answers.filed_on, direct_settlement=answers.direct_settlement,
        visits=tuple(answers.extra.get("visits", ())),
    )
    result = rules.classify(situation, policy, day, language)
    if result.filing.required and situation.filed is None and ask:
        from offsite_cli.cli import prompts

        filed_now = prompts.ask_yes_no(text("prompt.filed", language), language)
        situation = situation._replace(filed=filed_now)
        result = rules.classify(situation, policy, day, language)
    warn_notes(notes, language)
    if json_output:
        document = result.as_json()
        document["warnings"] = list(document.get("warnings", [])) + [
            text(note.key, language, **note.params) for note in notes]
        document["notices"] = list(document.get("notices", [])) + [
            {"id": note.key.removeprefix("warn_").replace("_", "-"),
             "text": text(note.key, language, **note.params)} for note in notes]
        emit_json(document)
    else:
        from offsite_cli.cli import render

        render.console().print(render.classification(result, situation.insured_region,
                                                     situation.treatment_region, language))
    filing = result.filing
    if exit_code and filing.required and not filing.done and not filing.deemed:
        finish(ExitCode.FINDING)
