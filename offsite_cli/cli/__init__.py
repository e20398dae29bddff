"""The Typer application: one sub-app or command per file, joined here."""

from __future__ import annotations

import typer

from offsite_cli.cli import check, deadlines, dossier, profiles, regions

app = typer.Typer(
    name="offsite",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals hold personal data
    add_completion=False,
    rich_markup_mode="markdown",  # docstring lines join into paragraphs
    help="Off-site medical-insurance claims (异地就医) for work-unit HR clerks: "
    "filing, route, documents, deadlines, forms and one PDF.",
)
app.command("check")(check.check)
app.add_typer(dossier.app, name="dossier")
app.command("deadlines")(deadlines.deadlines)
app.add_typer(profiles.app, name="profiles")
app.add_typer(regions.app, name="regions")
from offsite_cli.cli import config as config_cli, forms as forms_cli  # noqa: E402 - issue 4
app.add_typer(forms_cli.app, name="forms")
app.add_typer(config_cli.app, name="config")
