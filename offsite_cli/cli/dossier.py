"""`offsite dossier …`: the sub-app of the dossier commands (new, check, forms, build)."""

from __future__ import annotations

import typer

from offsite_cli.cli import dossier_build, dossier_check, dossier_forms, dossier_new

app = typer.Typer(no_args_is_help=True, help="Dossier folders: a case.toml and the person's scans.")
app.command("new")(dossier_new.new)
app.command("check")(dossier_check.check)
app.command("forms")(dossier_forms.forms_command)
app.command("build")(dossier_build.build)
