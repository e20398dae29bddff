"""`offsite dossier forms DIR`: fill the forms the case needs, as PDFs in DIR/forms/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from offsite_cli.base.shown import line as shown_line
from offsite_cli.cli.common import (
    FontOption, JsonOption, LangOption, ProfileOption, TodayOption, emit_json, guarded, resolve_lang,
    today_or,
)
from offsite_cli.base.i18n import text


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
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Fill the forms the case needs (filing form, commitment letter, unit certificate,
    reimbursement application) as PDFs in DIR/forms/, with the Chinese font embedded.
    The documents `dossier check` finds in DIR are ticked on the reimbursement application.

    Example: offsite dossier forms examples/zhang-wei-2026-11 --lang en
    """
    guarded(_forms)(folder, form or [], all_forms, font, today, profile, json_output, lang=lang)


def _forms(folder: Path, names: list[str], all_forms: bool, font: str | None, today: str | None,
           profile: str | None, json_output: bool, lang: str | None) -> None:
    from offsite_cli import pipeline
    from offsite_cli.pdf import fonts, forms

    language = resolve_lang(lang)
    day = today_or(today)
    font_path = fonts.resolve(font)
    dossier = pipeline.open_dossier(folder, day, language, profile_id=profile)
    classification = dossier.classification
    written = pipeline.fill_forms(dossier, language, day, folder / "forms", font=font_path,
                                  names=names or None, include_optional=all_forms)
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
