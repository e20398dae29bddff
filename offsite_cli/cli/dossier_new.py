"""`offsite dossier new DIR`: start a dossier folder — case.toml, README.txt, one sub-folder per document."""

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
                      "direct_settlement", "amount", "phone", "bank", "bank_account")
GUARDIAN_QUESTIONS = ("guardian_name", "guardian_id_number", "guardian_relation", "guardian_phone")
# What the forms need besides the episode: option (and question) → (case.toml table, key)
CONTACT_KEYS = {
    "phone": ("person", "phone"), "bank": ("person", "bank"),
    "bank_account": ("person", "bank_account"),
    "guardian_name": ("guardian", "name"), "guardian_id_number": ("guardian", "id_number"),
    "guardian_relation": ("guardian", "relation"), "guardian_phone": ("guardian", "phone"),
    "unit_address": ("insured", "unit_address"), "unit_contact": ("insured", "unit_contact"),
    "unit_phone": ("insured", "unit_phone"),
}


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
    phone: Annotated[str | None, typer.Option(metavar="PHONE", help="The person's phone number.")] = None,
    bank: Annotated[str | None, typer.Option(metavar="NAME", help="The bank the claim is paid into (开户银行).")] = None,
    bank_account: Annotated[
        str | None, typer.Option(metavar="NUMBER", help="The bank account number (银行账号; shown masked).")
    ] = None,
    guardian_name: Annotated[str | None, typer.Option(metavar="NAME", help="A minor's guardian.")] = None,
    guardian_id_number: Annotated[
        str | None, typer.Option(metavar="ID", help="The guardian's ID number (checked; shown masked).")
    ] = None,
    guardian_relation: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The guardian's relation to the person (父子, 母女…).")
    ] = None,
    guardian_phone: Annotated[str | None, typer.Option(metavar="PHONE", help="The guardian's phone number.")] = None,
    unit_address: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The unit's address; default: the config's unit.address.")
    ] = None,
    unit_contact: Annotated[
        str | None, typer.Option(metavar="NAME", help="The unit's contact person; default: the config's unit.contact.")
    ] = None,
    unit_phone: Annotated[
        str | None, typer.Option(metavar="PHONE", help="The unit's phone; default: the config's unit.phone.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing case.toml (its values are kept unless given).")] = False,
    family_sheet: Annotated[
        bool, typer.Option("--family-sheet", help="Also write DIR/forms/family-sheet.pdf: one page for the patient's family (see dossier checklist).")
    ] = False,
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
        "hospital": hospital, "amount": amount, "unit": unit, "phone": phone, "bank": bank,
        "bank_account": bank_account, "guardian_name": guardian_name,
        "guardian_id_number": guardian_id_number, "guardian_relation": guardian_relation,
        "guardian_phone": guardian_phone, "unit_address": unit_address,
        "unit_contact": unit_contact, "unit_phone": unit_phone,
    }
    guarded(_new)(folder, options, force, today, profile, json_output, lang=lang, no_input=no_input,
                  family_sheet=family_sheet)


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
    from offsite_cli.policy import ids

    return {
        "name": lambda value, _: value.strip(),
        "hospital": lambda value, _: value.strip(),
        "bank": lambda value, _: value.strip(),
        "guardian_name": lambda value, _: value.strip(),
        "guardian_relation": lambda value, _: value.strip(),
        "phone": ids.parse_phone,
        "guardian_phone": ids.parse_phone,
        "unit_phone": ids.parse_phone,
        "bank_account": ids.parse_account,
        "guardian_id_number": lambda value, field: parse_id(value, field, today),
        "id_number": lambda value, field: parse_id(value, field, today),
        "admitted": parse_date,
        "discharged": parse_date,
        "amount": parse_amount,
    }


def ask_optional(values: dict[str, Any], ask: bool, lang: str, today: date,
                 policy: Any = None) -> None:
    """In a terminal, ask for what is not known yet: text may be left empty; filed and direct
    settlement are facts the clerk answers y/n (no default). Never without a terminal."""
    if not ask:
        return
    from offsite_cli.cli import prompts

    prompts.ask_values(values, OPTIONAL_QUESTIONS, lang, _parsers(today), optional_yes_no=False,
                       today=today)
    if _minor(values, today, policy):  # a guardian applies and signs for a minor
        prompts.ask_values(values, GUARDIAN_QUESTIONS, lang, _parsers(today),
                           optional_yes_no=False, today=today)


def _minor(values: dict[str, Any], today: date, policy: Any) -> bool:
    """Younger, by the ID number on `today`, than the adult age of the profile's [[applicants]]
    rule for the case (as the forms judge it); no such rule: nobody is asked about a guardian."""
    if not values.get("id_number") or policy is None:
        return False
    from offsite_cli.policy import ids

    facts = {key: values[key] for key in ("insurance", "category", "care") if values.get(key)}
    rule = policy.pick("applicants", facts, values.get("admitted") or values.get("discharged")
                       or today)
    age = ids.parse(values["id_number"], "id_number", today).age_on(today)
    return rule is not None and age < int(rule.data["adult_age"])


def parse_contacts(options: dict[str, Any], today: date) -> dict[str, Any]:
    """The phone numbers, the bank account and the guardian's ID number given as options,
    checked and normalised (bad input naming the option)."""
    parsers = _parsers(today)
    return {key: parsers[key](options[key], "--" + key.replace("_", "-"))
            for key in ("phone", "guardian_phone", "unit_phone", "bank_account", "guardian_id_number")
            if options.get(key) and str(options[key]).strip()}


def _new(folder: Path, options: dict[str, Any], force: bool, today: str | None,
         profile: str | None, json_output: bool, lang: str | None, no_input: bool,
         family_sheet: bool = False) -> None:
    from offsite_cli.dossier import case as case_file
    from offsite_cli.policy import episode_dates, profiles, regions, rules
    from offsite_cli.policy.values import Event, choices
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
        **{k: base["person"].get(k) for k in ("name", "id_number", "insurance", "category", "phone")},
        **{k: base["episode"].get(k) for k in ("hospital", "care", "admitted", "discharged", "filed",
                                               "filed_on", "direct_settlement", "amount")},
        "treatment_region": base["episode"].get("region"),
        **{key: base.get(table, {}).get(name) for key, (table, name) in CONTACT_KEYS.items()},
    }
    parsed = {
        "admitted": parse_date(options["admitted"], "--admitted"),
        "discharged": parse_date(options["discharged"], "--discharged"),
        "filed_on": parse_date(options["filed_on"], "--filed-on"),
        "amount": parse_amount(options["amount"], "--amount"),
        "id_number": parse_id(options["id_number"], "--id-number", day),
        **parse_contacts(options, day),
    }
    for key, value in {**options, **parsed}.items():
        if value is not None and value != "":
            values[key] = value.strip() if isinstance(value, str) else value

    # before any question: a date in the future, a discharge before the admission
    episode_dates.check(day, {kind: "--" + kind.replace("_", "-") for kind in choices(Event)},
                        values.get("admitted"), values.get("discharged"), values.get("filed_on"))
    profile_id = profile or base_profile or profiles.DEFAULT_PROFILE
    policy = profiles.load(profile_id)
    answers = Answers(**{k: values.get(k) for k in ("insured_region", "treatment_region",
                                                     "insurance", "category", "care")})
    ask = common.interactive(no_input or json_output)  # --json never asks
    ask_missing(answers, policy, ask, language)
    table = regions.table()
    values["insured_region"] = table.resolve(str(answers.insured_region), "--insured-region").code
    values["treatment_region"] = table.resolve(str(answers.treatment_region),
                                               "--treatment-region").code
    for key in ("insurance", "category", "care"):
        values[key] = getattr(answers, key)
    rules.validate_choices(values["insurance"], values["category"], values["care"], policy)
    ask_optional(values, ask, language, day, policy)
    common.warn_notes(episode_dates.check(
        day, {kind: "--" + kind.replace("_", "-") for kind in choices(Event)},
        values.get("admitted"), values.get("discharged"), values.get("filed_on")), language)

    tables = {
        "person": {k: values.get(k) for k in ("name", "id_number", "insurance", "category")},
        "insured": {"region": values["insured_region"], "unit": values.get("unit"),
                    **{name: values.get(key) for key, (table, name) in CONTACT_KEYS.items()
                       if table == "insured"}},
        "episode": {"region": values["treatment_region"],
                    **{k: values.get(k) for k in ("hospital", "care", "admitted", "discharged",
                                                  "filed", "filed_on", "direct_settlement",
                                                  "amount")}},
        "guardian": {name: values.get(key) for key, (table, name) in CONTACT_KEYS.items()
                     if table == "guardian"},
        "documents": base.get("documents", {}),
    }
    tables["person"].update({name: values.get(key) for key, (table, name) in CONTACT_KEYS.items()
                             if table == "person"})
    written_profile = profile or base_profile
    case_text = case_file.dumps(tables, written_profile, receipts)
    # What is written must load: check it the way `dossier check` will read it.
    case = case_file.parse(toml_text.loads(case_text), folder, target, day)
    classification = rules.classify(situation_of(case, policy), policy, day, language)
    plan = scaffold.plan(folder, tables, written_profile, receipts, classification, policy,
                         language, force, case)
    family = None
    if family_sheet:  # filled before anything is written: a template error writes nothing
        from offsite_cli import pipeline
        from offsite_cli.cli.dossier_checklist import write_family_sheet

        classified = pipeline.Classified(folder=folder, case=case, profile=policy,
                                         classification=classification)
        family = write_family_sheet(classified, folder, None, None, day, language, write=False)
    scaffold.write(plan)
    if family is not None:
        from offsite_cli.base import atomic

        atomic.write_bytes(family.path, family.data)

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
            **({"family_sheet": str(family.path)} if family is not None else {}),
        })
        return
    from offsite_cli.cli import render, render_dossier

    render.console().print(render_dossier.new_view(folder, plan.written, plan.sub_folders,
                                                   plan.replacing, language,
                                                   scaffold.nothing_to_collect(classification)))
    if family is not None:
        from offsite_cli.base.i18n import text

        typer.echo(text("forms_wrote", language, path=str(folder / "forms" / family.path.name),
                        title=family.title, pages=family.pages))
        typer.echo(text("checklist_hint", language), err=True)
