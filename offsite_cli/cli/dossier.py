"""`offsite dossier …`: the sub-app that the dossier commands (new, check, forms, build) attach to."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, help="Dossier folders: a case.toml and the person's scans.")
from offsite_cli.cli import dossier_build  # noqa: E402,F401

from offsite_cli.cli import dossier_forms  # noqa: E402,F401
from offsite_cli.cli import dossier_check, dossier_new  # noqa: E402,F401
