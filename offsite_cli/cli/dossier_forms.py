"""`offsite dossier forms DIR`: fill the forms the case needs, as PDFs in DIR/forms/."""

from pathlib import Path
from typing import Annotated

import typer

from offsite_cli.base.errors import BadInput, OffsiteError
from offsite_cli.cli import batch
from offsite_cli.base.shown import line as shown_line
from offsite_cli.cli.common import (
    FontOption, JsonOption, LangOption, NoInputOption, ProfileOption, TodayOption, emit_json, finish, guarded,
    resolve_lang, today_or, warn_notes,
)
from offsite_cli.base.i18n import label, text

FormsLangOption = Annotated[
    str | None,
    typer.Option("--forms-lang", metavar="zh|en",
                 help="The language of what goes to the insurance office (the forms; in dossier "
                      "build the cover and the bookmarks too): Chinese unless asked, whatever "
                      "--lang says; default: the setting forms.lang, else zh."),
]


def resolve_forms_lang(value: str | None) -> str:
    """--forms-lang, else the setting forms.lang, else Chinese: the forms go to a Chinese office."""
    from offsite_cli.base import config
    from offsite_cli.base.errors import BadInput

    field = "--forms-lang"
    if value is None:
        value, field = config.load().get("forms.lang"), "forms.lang"
    if value is None:
        return "zh"
    if value not in config.CHOICES["forms.lang"]:
        raise BadInput("choice", field=field, value=value,
                       expected=" | ".join(config.CHOICES["forms.lang"]))
    return value


def forms_command(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(metavar="DIR...", help="A dossier folder with a case.toml; several may be given."),
    ] = None,
    all_root: batch.AllOption = None,
    jobs: batch.JobsOption = None,
    form: Annotated[
        list[str] | None,
        typer.Option("--form", metavar="NAME", help="Fill this form even if the case does not need it (repeatable)."),
    ] = None,
    all_forms: Annotated[
        bool,
        typer.Option("--optional", help="Also fill the forms that are optional for the case (the authorisation; "
                                   "the commitment letter for a temporary trip where local rules ask)."),
    ] = False,
    font: FontOption = None,
    forms_lang: FormsLangOption = None,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,  # nothing is asked; accepted as every command does
) -> None:
    """Fill the forms the case needs (filing form, commitment letter, unit certificate,
    reimbursement application) as PDFs in DIR/forms/, with the Chinese font embedded.
    The documents `dossier check` finds in DIR are ticked on the reimbursement application.
    The forms are in Chinese (the insurance office's language) unless --forms-lang or the
    setting forms.lang says otherwise; what is printed follows --lang.

    Several DIRs or --all ROOT: --jobs at a time, then one table (folder, person, result, the
    forms written); --json gives a list of the one-DIR documents; the exit code is the worst.

    Example: offsite dossier forms examples/zhang-wei-2026-11 --lang en --forms-lang en

    Example: offsite dossier forms --all ~/claims/2026-11 --optional
    """
    chosen = folders or []
    if batch.is_batch(chosen, all_root):
        guarded(_forms_many)(chosen, all_root, jobs, form or [], all_forms, font, today, profile,
                             json_output, lang=lang, forms_lang=forms_lang)
        return
    guarded(_forms)(chosen[0], form or [], all_forms, font, today, profile, json_output, lang=lang,
                    forms_lang=forms_lang)


def _forms_many(folders: list[Path], root: Path | None, jobs: int | None, names: list[str],
                all_forms: bool, font: str | None, today: str | None, profile: str | None,
                json_output: bool, lang: str | None, forms_lang: str | None = None) -> None:
    from offsite_cli.base import fonts

    language = resolve_lang(lang)
    if not folders and root is None:
        raise BadInput("batch_no_folder", command="dossier forms")
    settings = batch.Settings(today=today_or(today), lang=language, profile=profile, extra={
        "names": names, "optional": all_forms, "font": fonts.resolve(font),
        "forms_lang": resolve_forms_lang(forms_lang)})
    from functools import partial

    from offsite_cli import pipeline

    outcomes = batch.run(forms_one, batch.folders_of(folders, root), settings, jobs,
                         batch.shows_progress(json_output),
                         prepare=partial(pipeline.prepare_build, settings.extra["font"]))
    finish(batch.report(outcomes, json_output, language, root))


def forms_one(folder: Path, settings: batch.Settings) -> batch.Outcome:
    """One dossier of a batch (run in a worker process): its forms in DIR/forms/."""
    from offsite_cli import pipeline

    lang, extra = settings.lang, settings.extra
    dossier = None
    try:
        dossier = pipeline.open_dossier(folder, settings.today, lang, profile_id=settings.profile)
        written = pipeline.fill_forms(dossier, lang, settings.today, folder / "forms",
                                      font=extra["font"], names=extra["names"] or None,
                                      include_optional=extra["optional"],
                                      forms_lang=extra["forms_lang"])
    except OffsiteError as error:
        outcome = batch.failed(folder, error, lang)
        outcome.name = dossier.case.name if dossier is not None else ""
        outcome.document = {"folder": str(folder), "case": str(folder), "forms": [], "optional": [],
                            "route": None, "warnings": [], "error": outcome.detail,
                            "exit_code": outcome.code}
        return outcome
    skipped = pipeline.optional_forms(dossier, written)
    warnings = list(dict.fromkeys(w for item in written for w in item.warnings))
    document = _json(folder, dossier, written, skipped, warnings, lang)
    titles = ("、" if lang == "zh" else ", ").join(item.title for item in written)
    detail = text("batch.forms", lang, count=len(written), names=titles) if written else \
        text("forms_none", lang, route=label("route", dossier.classification.route.value, lang))
    result = "filled" if written else "none_needed"  # not "filled" when nothing was
    return batch.Outcome(folder=str(folder), name=dossier.case.name, result=result, detail=detail,
                         document={"case": str(folder), **document},
                         advice=[f"! {note}" for note in warnings + late_notes(
                             dossier.classification, dossier.profile, lang)])


SUPPLEMENTARY_FILING = "supplementary-filing"  # the profile's [[warnings]] rule on 补办备案
LATE_FORM = "late-explanation"  # the 情况说明 template


def late_notes(classification: object, profile: object, lang: str) -> list[str]:
    """For the clerk, on the terminal (never on the cover): a late claim's 情况说明 is among the
    forms, and what the profile says about supplementary filing (补办备案), unverified or not."""
    from offsite_cli.policy import form_needs

    late = classification.late  # type: ignore[attr-defined]
    if not late.late or LATE_FORM not in [need.name for need in form_needs.needed_forms(
            classification, profile)]:  # type: ignore[arg-type]
        return []
    notes = [text("late_form", lang)]
    if late.overdue_days:
        notes.append(text("late_overdue", lang, days=late.overdue_days, name=late.deadline.name,
                          date=late.deadline.date.isoformat()))
    if late.not_filed or late.filed_after_discharge or late.filed_after_admission:
        on = classification.rules_on or classification.today  # type: ignore[attr-defined]
        for entry in profile.effective("warnings", on):  # type: ignore[attr-defined]
            if entry.id == SUPPLEMENTARY_FILING:
                words = entry.data["text"].get(lang) or entry.data["text"]["zh"]
                mark = text("late_unverified" if not entry.verified else "late_verified", lang)
                notes.append(text("late_supplementary", lang, text=words, mark=mark,
                                  profile=entry.profile, source=profile.source_text(entry)))  # type: ignore[attr-defined]
    return notes


def _json(folder: Path, dossier: object, written: list, skipped: list, warnings: list[str],
          lang: str) -> dict:
    from offsite_cli.pdf import forms

    return {
        "folder": str(folder),
        "forms": [item.as_json() for item in written],
        "optional": [{"name": need.name, "title": forms.title(need.name, lang),
                      "source": need.source} for need in skipped],
        "route": dossier.classification.route.value,  # type: ignore[attr-defined]
        "warnings": warnings,
    }


def _forms(folder: Path, names: list[str], all_forms: bool, font: str | None, today: str | None,
           profile: str | None, json_output: bool, lang: str | None,
           forms_lang: str | None = None) -> None:
    from offsite_cli import pipeline
    from offsite_cli.base import fonts
    from offsite_cli.pdf import forms

    language = resolve_lang(lang)
    paper = resolve_forms_lang(forms_lang)
    day = today_or(today)
    font_path = fonts.resolve(font)
    dossier = pipeline.open_dossier(folder, day, language, profile_id=profile)
    warn_notes(dossier.case.notes, language)
    classification = dossier.classification
    written = pipeline.fill_forms(dossier, language, day, folder / "forms", font=font_path,
                                  names=names or None, include_optional=all_forms,
                                  forms_lang=paper)
    skipped = pipeline.optional_forms(dossier, written)
    warnings = list(dict.fromkeys(w for form in written for w in form.warnings))
    advice = late_notes(classification, dossier.profile, language)  # for the clerk, on stderr
    if json_output:
        emit_json(_json(folder, dossier, written, skipped, warnings, language))
        for note in advice:
            typer.echo("! " + note, err=True)
        return

    # plain lines, never wrapped; IDs masked and controls written out (base/shown.py): scripts
    # that need the real paths read --json
    if not written:
        typer.echo(text("forms_none", language,
                        route=label("route", classification.route.value, language)))
    for rendered in written:
        shown = rendered.path
        try:
            shown = rendered.path.relative_to(Path.cwd())
        except ValueError:
            pass
        typer.echo(shown_line(text("forms_wrote", language, path=str(shown), title=rendered.title,
                                   pages=rendered.pages)))
    for need in skipped:
        typer.echo(text("forms_optional", language, name=need.name,
                        title=forms.title(need.name, language)))
    for warning in warnings:
        typer.echo(shown_line("! " + warning), err=True)
    for note in advice:
        typer.echo(shown_line("! " + note), err=True)
