"""`offsite dossier …`: the sub-app the dossier commands (new, check, forms, build) are joined to.

Like the top level (cli/__init__.py), the group is built with only the subcommand a command line
names (`group_for`): Typer reads the signature of every command it holds, and the eight of them
took a tenth of `offsite dossier build`'s start. `app` holds them all (help, tests).
"""

from __future__ import annotations

from functools import lru_cache

import typer

# name → (module, attribute, "command" | "group"), in the order `offsite dossier --help` has
# always listed them
SUBCOMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("offsite_cli.cli.dossier_build", "build", "command"),
    "forms": ("offsite_cli.cli.dossier_forms", "forms_command", "command"),
    "check": ("offsite_cli.cli.dossier_check", "check", "command"),
    "new": ("offsite_cli.cli.dossier_new", "new", "command"),
    "mark": ("offsite_cli.cli.dossier_mark", "mark", "command"),  # issue 10
    "receipt": ("offsite_cli.cli.dossier_receipt", "app", "group"),  # issue 10
    "import": ("offsite_cli.cli.dossier_import", "import_command", "command"),
    "checklist": ("offsite_cli.cli.dossier_checklist", "checklist", "command"),
}
HELP = "Dossier folders: a case.toml and the person's scans."


def group(names: list[str] | None = None) -> typer.Typer:
    """The dossier group holding the named subcommands (all of them by default)."""
    from offsite_cli.cli import join

    return join(typer.Typer(no_args_is_help=True, help=HELP), SUBCOMMANDS, names or list(SUBCOMMANDS))


def group_for(arguments: list[str]) -> typer.Typer:
    """The group for the words after `dossier`: only the subcommand named first, when it is one."""
    if arguments and arguments[0] in SUBCOMMANDS:
        return group([arguments[0]])
    return full_group()


@lru_cache(maxsize=1)
def full_group() -> typer.Typer:
    return group()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        return full_group()
    raise AttributeError(name)
