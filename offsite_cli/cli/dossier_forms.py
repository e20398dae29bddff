"""`offsite dossier forms DIR`: fill the forms the case needs, as PDFs in DIR/forms/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from offsite_cli.cli.common import (
    NoInputOption, FontOption, JsonOption, LangOption, ProfileOption, TodayOption, emit_json, guarded, resolve_lang,
    today_or, warn_notes,
)
from offsite_cli.base.i18n import text

FormsLangOption = Annotated[
    str | None,
    typer.Option("--forms-lang", metavar="zh|en",
                 help="The language of the forms (the insurance office's): Chinese unless asked, "
                      "whatever --lang says; default: the setting forms.lang, else zh."),
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
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A dossier folder with a case.toml.")],
    form: Annotated[
        list[str] | None,
        typer.Option("--form", metavar="NAME", help="Fill this form even if the case does not need it (repeatable)."),
    ] = None,
    all_forms: Annotated[
        bool,
        typer.Option("--all", help="Also fill the forms that are optional for the case (the authorisation; "
                                   "the commitment letter for a temporary trip where local rules ask)."),
    ] = False,
    font: FontOption = None,
    forms_lang: FormsLangOption = None,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Fill the forms the case needs (filing form, commitment letter, unit certificate,
    reimbursement application) as PDFs in DIR/forms/, with the Chinese font embedded.
    The documents `dossier check` finds in DIR are ticked on the reimbursement application.
    The forms are in Chinese (the insurance office's language) unless --forms-lang or the
    setting forms.lang says otherwise; what is printed follows --lang.

    Example: offsite dossier forms examples/zhang-wei-2026-11 --lang en --forms-lang en
    """
    guarded(_forms)(folder, form or [], all_forms, font, today, profile, json_output, lang=lang,
                    forms_lang=forms_lang)


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
    if json_output:
        emit_json({
            "folder": str(folder),
            "forms": [form.as_json() for form in written],
            "optional": [{"name": need.name, "title": forms.title(need.name, language),
                          "source": need.source} for need in skipped],
            "route": classification.route.value,
            "warnings": warnings,
        })
        return
    from offsite_cli.base.i18n import label

    # plain lines, never wrapped: scripts read the paths
    if not written:
        typer.echo(text("forms_none", language,
                        route=label("route", classification.route.value, language)))
    for rendered in written:
        shown = rendered.path
        try:
            shown = rendered.path.relative_to(Path.cwd())
        except ValueError:
            pass
        typer.echo(text("forms_wrote", language, path=str(shown), title=rendered.title,
                        pages=rendered.pages))
    for need in skipped:
        typer.echo(text("forms_optional", language, name=need.name,
                        title=forms.title(need.name, language)))
    for warning in warnings:
        typer.echo("! " + warning, err=True)
