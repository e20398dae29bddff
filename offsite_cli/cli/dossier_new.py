"""`offsite dossier new DIR`: start a dossier folder — case.toml, README.txt, one sub-folder per document."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.base import toml_text
from offsite_cli.cli import common
from offsite_cli.cli.check import Answers, ask_missing
from offsite_cli.cli.common import (
    AdmittedOption, CareOption, CategoryOption, DirectSettlementOption, DischargedOption, FiledOnOption,
    FiledOption, InsuranceOption, InsuredRegionOption, JsonOption, LangOption, NoInputOption,
    ProfileOption, TodayOption, TreatmentRegionOption, emit_json, guarded, parse_date, resolve_lang,
    today_or,
)
from offsite_cli.base.errors import BadInput, OffsiteError

OPTIONAL_QUESTIONS = ("name", "id_number", "hospital", "admitted", "discharged", "filed",
                      "direct_settlement", "amount")


def new(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The dossier folder to start (made if needed).")],
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
    name: Annotated[str | None, typer.Option(metavar="NAME", help="The insured person's name.")] = None,
    id_number: Annotated[
        str | None, typer.Option(metavar="ID", help="18-character resident ID number (checked; shown masked).")
    ] = None,
    hospital: Annotated[str | None, typer.Option(metavar="NAME", help="The hospital of the episode.")] = None,
    amount: Annotated[str | None, typer.Option(metavar="YUAN", help="Total amount paid, in yuan (12873.50).")] = None,
    unit: Annotated[str | None, typer.Option(metavar="NAME", help="The insured unit (work unit).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing case.toml (its values are kept unless given).")] = False,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Start a dossier folder: case.toml, a README.txt listing the documents, one sub-folder each.

    In a terminal it asks for what is missing; with --no-input (or no terminal) a missing value is
    an error naming its option. An existing case is kept unless --force.

    Example: offsite dossier new 张伟-2026-11 --insured-region 晋城市 --treatment-region 徐汇区
    --insurance employee --category stationed-worker --care inpatient --admitted 2026-11-02
    --discharged 2026-11-13 --filed --no-direct-settlement --name 张伟

    Then: offsite dossier check 张伟-2026-11 (a filled-in one: examples/zhang-wei-2026-11)
    """
    options = {
        "insured_region": insured_region, "treatment_region": treatment_region,
        "insurance": insurance, "category": category, "care": care, "admitted": admitted,
        "discharged": discharged, "filed": filed, "filed_on": filed_on,
        "direct_settlement": direct_settlement, "name": name, "id_number": id_number,
        "hospital": hospital, "amount": amount, "unit": unit,
    }
    guarded(_new)(folder, options, force, today, profile, json_output, lang=lang, no_input=no_input)


def parse_amount(value: str | None, field: str) -> float | None:
    if value is None or not str(value).strip():
        return None
    try:
        amount = float(str(value).strip().replace(",", "").replace("，", ""))
    except ValueError:
        raise BadInput("bad_amount", field=field, value=value) from None
    if amount < 0 or amount != amount or amount == float("inf"):
        raise BadInput("bad_amount", field=field, value=value)
    return round(amount, 2)


def parse_id(value: str | None, field: str, today: date) -> str | None:
    if value is None or not str(value).strip():
        return None
    from offsite_cli.policy import ids

    return ids.parse(value, field, today).value


def _parsers(today: date) -> dict[str, Callable[[str, str], Any]]:
    return {
        "name": lambda value, _: value.strip(),
        "hospital": lambda value, _: value.strip(),
        "id_number": lambda value, field: parse_id(value, field, today),
        "admitted": parse_date,
        "discharged": parse_date,
        "amount": parse_amount,
    }


def ask_optional(values: dict[str, Any], ask: bool, lang: str, today: date) -> None:
    """In a terminal, ask for what is not known yet: text may be left empty; filed and direct
    settlement are facts the clerk answers y/n (no default). Never without a terminal."""
    if not ask:
        return
    from offsite_cli.cli import prompts

    prompts.ask_values(values, OPTIONAL_QUESTIONS, lang, _parsers(today), optional_yes_no=False)


def _new(folder: Path, options: dict[str, Any], force: bool, today: str | None,
         profile: str | None, json_output: bool, lang: str | None, no_input: bool) -> None:
    from offsite_cli.dossier import case as case_file
    from offsite_cli.policy import profiles, regions, rules
    from offsite_cli.dossier import scaffold
    from offsite_cli.dossier.checking import situation_of

    language = resolve_lang(lang)
    day = today_or(today)
    target = folder / case_file.CASE_FILE
    if folder.exists() and not folder.is_dir():
        raise BadInput("folder_not_dir", field="DIR", value=str(folder))
    if target.exists() and not force:
        raise BadInput("case_exists", file=str(target))

    base: dict[str, dict[str, Any]] = {"person": {}, "insured": {}, "episode": {}, "documents": {}}
    receipts: list[case_file.Receipt] = []
    base_profile = None
    if target.exists():  # --force: keep what the old case said unless an option says otherwise
        try:
            old = case_file.load(folder, day)
            base, receipts, base_profile = case_file.values_of(old), old.receipts, old.profile
        except OffsiteError:
            pass
    values: dict[str, Any] = {
        "insured_region": base["insured"].get("region"), "unit": base["insured"].get("unit"),
        **{k: base["person"].get(k) for k in ("name", "id_number", "insurance", "category")},
        **{k: base["episode"].get(k) for k in ("hospital", "care", "admitted", "discharged", "filed",
                                               "filed_on", "direct_settlement", "amount")},
        "treatment_region": base["episode"].get("region"),
    }
    parsed = {
        "admitted": parse_date(options["admitted"], "--admitted"),
        "discharged": parse_date(options["discharged"], "--discharged"),
        "filed_on": parse_date(options["filed_on"], "--filed-on"),
        "amount": parse_amount(options["amount"], "--amount"),
        "id_number": parse_id(options["id_number"], "--id-number", day),
    }
    for key, value in {**options, **parsed}.items():
        if value is not None and value != "":
            values[key] = value.strip() if isinstance(value, str) else value

    rules.validate_dates(values.get("admitted"), values.get("discharged"))  # before any question
    profile_id = profile or base_profile or profiles.DEFAULT_PROFILE
    policy = profiles.load(profile_id)
    answers = Answers(**{k: values.get(k) for k in ("insured_region", "treatment_region",
                                                     "insurance", "category", "care")})
    ask = common.interactive(no_input)
    ask_missing(answers, policy, ask, language)
    table = regions.table()
    values["insured_region"] = table.resolve(str(answers.insured_region), "--insured-region").code
    values["treatment_region"] = table.resolve(str(answers.treatment_region),
                                               "--treatment-region").code
    for key in ("insurance", "category", "care"):
        values[key] = getattr(answers, key)
    rules.validate_choices(values["insurance"], values["category"], values["care"], policy)
    ask_optional(values, ask, language, day)
    rules.validate_dates(values.get("admitted"), values.get("discharged"))

    tables = {
        "person": {k: values.get(k) for k in ("name", "id_number", "insurance", "category")},
        "insured": {"region": values["insured_region"], "unit": values.get("unit")},
        "episode": {"region": values["treatment_region"],
                    **{k: values.get(k) for k in ("hospital", "care", "admitted", "discharged",
                                                  "filed", "filed_on", "direct_settlement",
                                                  "amount")}},
        "documents": base.get("documents", {}),
    }
    written_profile = profile or base_profile
    case_text = case_file.dumps(tables, written_profile, receipts)
    # What is written must load: check it the way `dossier check` will read it.
    case = case_file.parse(toml_text.loads(case_text), folder, target, day)
    classification = rules.classify(situation_of(case, policy), policy, day, language)
    plan = scaffold.plan(folder, tables, written_profile, receipts, classification, policy,
                         language, force, case)
    scaffold.write(plan)

    if json_output:
        emit_json({
            "case": str(folder), "case_file": str(target), "replaced": plan.replacing,
            "written": [str(folder / name) for name in plan.written],
            "folders": plan.sub_folders,
            "documents": [{"id": d.id, "name": d.name, "required": d.required, "stage": d.stage}
                          for d in classification.documents],
            "route": classification.route.value,
            "deadlines": [{"id": d.id, "date": d.date.isoformat(), "days_left": d.days_left}
                          for d in classification.deadlines],
        })
        return
    from offsite_cli.cli import render, render_dossier

    render.console().print(render_dossier.new_view(folder, plan.written, plan.sub_folders,
                                                   plan.replacing, language,
                                                   scaffold.nothing_to_collect(classification)))
