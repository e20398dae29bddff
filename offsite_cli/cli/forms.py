"""`offsite forms list` and `offsite forms export NAME`: the form templates, shipped and the user's."""

from typing import Annotated

import typer

from offsite_cli.cli.common import NoInputOption, JsonOption, LangOption, emit_json, guarded, resolve_lang
from offsite_cli.base.i18n import text

app = typer.Typer(no_args_is_help=True,
                  help="Form templates: the shipped ones and your edited copies in the config folder.")


@app.command("list")
def list_forms(json_output: JsonOption = False, lang: LangOption = None,
        no_input: NoInputOption = False) -> None:
    """List the forms, their languages and where each template comes from (user copies win).

    Example: offsite forms list --json
    """
    guarded(_list)(json_output, lang=lang)


def _list(json_output: bool, lang: str | None) -> None:
    from offsite_cli.pdf import forms

    language = resolve_lang(lang)
    rows = []
    for name, templates in forms.available().items():
        rows.append({
            "name": name, "title": forms.title(name, language),
            "templates": {code: {"path": str(t.path), "origin": t.origin}
                          for code, t in sorted(templates.items())},
        })
    if json_output:
        emit_json(rows)
        return
    from rich.table import Table

    from offsite_cli.cli import render

    table = Table(show_edge=False, pad_edge=False)
    for key in ("name", "title", "langs", "origin"):
        table.add_column(text(f"forms.{key}", language))
    for row in rows:
        origins = ", ".join(f"{code}: {text('forms.origin.' + t['origin'], language)}"
                            for code, t in row["templates"].items())
        table.add_row(row["name"], row["title"], " ".join(row["templates"]), origins)
    render.console().print(table)


@app.command("export")
def export(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A form name from: offsite forms list.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite copies already in the config folder.")] = False,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Copy a shipped form's templates (zh and en) to the config folder, to edit them there;
    the edited copies then replace the shipped ones.

    Example: offsite forms export reimbursement-application
    """
    guarded(_export)(name, force, json_output, lang=lang)


def _export(name: str, force: bool, json_output: bool, lang: str | None) -> None:
    from offsite_cli.pdf import forms

    language = resolve_lang(lang)
    written = forms.export(name, force)
    if json_output:
        emit_json({"name": name, "written": [str(path) for path in written]})
        return
    for path in written:
        typer.echo(text("forms_exported", language, path=str(path)))
