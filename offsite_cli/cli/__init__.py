"""The Typer application: one sub-app or command per file, joined here.

Typer reads the signature of every command it holds when it starts (tens of milliseconds for all
of them), so the entry point builds an application with just the command group it was asked for
(`app_for`); `app` holds them all (for `offsite --help` and the tests).
"""

import importlib
from functools import lru_cache
from typing import Annotated

import typer

# name → (module, attribute, "command" | "group"), in the order `offsite --help` lists them
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("offsite_cli.cli.check", "check", "command"),
    "dossier": ("offsite_cli.cli.dossier", "app", "group"),
    "deadlines": ("offsite_cli.cli.deadlines", "deadlines", "command"),
    "ledger": ("offsite_cli.cli.ledger", "ledger", "command"),  # issue 10
    "profiles": ("offsite_cli.cli.profiles", "app", "group"),
    "regions": ("offsite_cli.cli.regions", "app", "group"),
    "forms": ("offsite_cli.cli.forms", "app", "group"),  # issue 4
    "config": ("offsite_cli.cli.config", "app", "group"),  # issue 4
}
HELP = ("Off-site medical-insurance claims (异地就医) for work-unit HR clerks: "
        "filing, route, documents, deadlines, forms and one PDF.")


def _show_version(value: bool) -> None:
    if value:
        from offsite_cli import __version__

        typer.echo(f"offsite {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", is_eager=True, callback=_show_version, help="Print the version and exit.")
    ] = False,
    lang: Annotated[  # (read before the command line is parsed: __main__._leading_lang)
        str | None, typer.Option("--lang", metavar="zh|en",
                                 help="The language of the whole run, as OFFSITE_LANG; a command's own --lang wins.")
    ] = None,
) -> None:
    """Off-site medical-insurance claims (异地就医) for work-unit HR clerks."""


def make_app(names: list[str] | None = None, arguments: list[str] | None = None) -> typer.Typer:
    """An application holding the named commands (all of them by default); the group the command
    line (`arguments`) names first holds only the subcommand it names (`join`, cli/dossier.py)."""
    application = typer.Typer(
        name="offsite",
        no_args_is_help=True,
        pretty_exceptions_show_locals=False,  # locals hold personal data
        # --install-completion / --show-completion (Typer's) on the whole app only: a command
        # named first builds its group alone and pays nothing for them (bench/startup).
        add_completion=names is None,
        rich_markup_mode="markdown",  # docstring lines join into paragraphs
        help=HELP,
    )
    # The callback keeps a group of one command a group (else Typer runs it without its name).
    application.callback(help=HELP)(_root)
    return join(application, COMMANDS, names or list(COMMANDS), arguments)


def join(application: typer.Typer, table: dict[str, tuple[str, str, str]], names: list[str],
         arguments: list[str] | None = None) -> typer.Typer:
    """The named commands of `table` (name → module, attribute, "command" | "group") joined to
    `application`, each module imported now; a group named first in `arguments` that can build
    itself for the words after its name (`group_for`) holds only the subcommand named there."""
    for name in names:
        module_name, attribute, kind = table[name]
        module = importlib.import_module(module_name)
        if kind == "group" and arguments and arguments[0] == name and hasattr(module, "group_for"):
            target = module.group_for(arguments[1:])
        else:
            target = getattr(module, attribute)
        if kind == "command":
            application.command(name)(target)
        else:
            application.add_typer(target, name=name)
    return application


def app_for(arguments: list[str]) -> typer.Typer:
    """The application to run for a command line: only the group named first, when it is known."""
    if arguments and arguments[0] in COMMANDS:
        return make_app([arguments[0]], arguments)
    return full_app()


@lru_cache(maxsize=1)
def full_app() -> typer.Typer:
    return make_app()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        return full_app()
    raise AttributeError(name)
