"""`offsite dossier checklist DIR`: one page for the patient's family — what to get done and
stamped at the hospital before discharge, and by when."""

from pathlib import Path
from typing import Annotated

import typer

from offsite_cli.base.i18n import text
from offsite_cli.cli.common import (
    FontOption, JsonOption, LangOption, NoInputOption, ProfileOption, TodayOption, check_output_file, emit_json,
    guarded, resolve_lang, today_or,
)

FAMILY_FILE = "family-sheet.pdf"  # in DIR/forms/, which `dossier check` and `build` leave alone


def checklist(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A dossier folder with a case.toml.")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="FILE", help="Where to write the PDF; default DIR/forms/family-sheet.pdf."),
    ] = None,
    font: FontOption = None,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,  # nothing is asked; accepted as every command does
) -> None:
    """Print one page for the patient's family: the papers to get at the hospital before
    discharge, where each is stamped, and the claim deadline, in plain words (Chinese by default).

    The words for each document are the profile's ([documents] family_zh / family_en); the page
    is the form template family-sheet (offsite forms export family-sheet to edit it). The files
    in DIR are not looked at.

    Example: offsite dossier checklist examples/zhang-wei-2026-11
    """
    guarded(_checklist)(folder, output, font, today, profile, json_output, lang=lang)


def write_family_sheet(classified: object, folder: Path, output: Path | None, font: str | None,
                       day: object, language: str, write: bool = True) -> object:
    """The family sheet of a classified case, written (or only filled: `write` False); also what
    `dossier new --family-sheet` calls."""
    from offsite_cli import pipeline
    from offsite_cli.base import fonts

    target = output if output is not None else folder / "forms" / FAMILY_FILE
    return pipeline.family_sheet(classified, language, day, target.absolute(),  # type: ignore[arg-type]
                                 font=fonts.resolve(font), write=write)


def _checklist(folder: Path, output: Path | None, font: str | None, today: str | None,
               profile: str | None, json_output: bool, lang: str | None) -> None:
    from offsite_cli import pipeline

    language = resolve_lang(lang)
    day = today_or(today)
    if output is not None:
        check_output_file(output, "-o/--output", FAMILY_FILE)
    classified = pipeline.classify(folder, day, language, profile)
    rendered = write_family_sheet(classified, folder, output, font, day, language)
    if json_output:
        emit_json({"case": str(folder), "path": str(rendered.path if output is None else output.absolute()),  # type: ignore[attr-defined]
                   "pages": rendered.pages, "warnings": rendered.warnings})  # type: ignore[attr-defined]
        return
    shown = output if output is not None else folder / "forms" / FAMILY_FILE
    typer.echo(text("forms_wrote", language, path=str(shown), title=rendered.title,  # type: ignore[attr-defined]
                    pages=rendered.pages))  # type: ignore[attr-defined]
    typer.echo(text("checklist_hint", language), err=True)
    for warning in rendered.warnings:  # type: ignore[attr-defined]
        typer.echo("! " + warning, err=True)
