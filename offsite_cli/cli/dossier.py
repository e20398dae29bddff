"""`offsite dossier …`: the sub-app the dossier commands (new, check, forms, build) are joined to."""

from __future__ import annotations

import typer

from offsite_cli.cli import (
    dossier_build, dossier_check, dossier_checklist, dossier_forms, dossier_import, dossier_mark,
    dossier_new, dossier_receipt,
)

app = typer.Typer(no_args_is_help=True, help="Dossier folders: a case.toml and the person's scans.")
# in the order `offsite dossier --help` has always listed them
app.command("build")(dossier_build.build)
app.command("forms")(dossier_forms.forms_command)
app.command("check")(dossier_check.check)
app.command("new")(dossier_new.new)
app.command("mark")(dossier_mark.mark)  # issue 10
app.add_typer(dossier_receipt.app, name="receipt")  # issue 10
app.command("import")(dossier_import.import_command)
app.command("checklist")(dossier_checklist.checklist)
