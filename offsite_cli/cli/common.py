"""What every command shares: options, language, errors → one line and an exit code, JSON out."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from offsite_cli.base import atomic, shown
from offsite_cli.base.errors import ExitCode, OffsiteError
from offsite_cli.base.i18n import LANGS, default_lang, text
from offsite_cli.policy.values import Care, Insurance, choices

F = TypeVar("F", bound=Callable[..., Any])

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on standard output.")]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", metavar="zh|en",
                 help="Language of everything printed; default: the locale, else zh (forms: --forms-lang)."),
]
ProfileOption = Annotated[
    str | None, typer.Option("--profile", metavar="ID", help="Policy profile (see: offsite profiles list).")
]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never ask; a missing value is an error naming its option.")
]
TodayOption = Annotated[
    str | None,
    typer.Option("--today", metavar="DATE", help="The date to count days from (2026-11-22, 2026/11/22 or 2026年11月22日); default: today."),
]


PasswordOption = Annotated[
    list[str] | None,
    typer.Option("--password", metavar="FILE=PASSWORD",
                 help="Open password of a PDF (FILE relative to DIR, or * for every file); repeatable."),
]
FontOption = Annotated[
    str | None,
    typer.Option("--font", metavar="PATH",
                 help="A TrueType font (.ttf/.ttc) to embed instead of the packaged WenQuanYi Micro Hei; "
                      "default: the config's font.path."),
]
# The situation of `offsite check` and `offsite dossier new` (CONTRACT.md).
InsuredRegionOption = Annotated[
    str | None, typer.Option(metavar="CODE|NAME", help="Insured place: 6-digit code or Chinese name (晋城市).")
]
TreatmentRegionOption = Annotated[
    str | None, typer.Option(metavar="CODE|NAME", help="Place of treatment: code or name (徐汇区).")
]
InsuranceOption = Annotated[
    str | None, typer.Option(metavar="|".join(choices(Insurance)), help="Insurance scheme.",
                             autocompletion=lambda: list(choices(Insurance)))  # shell completion
]
# The categories are the profile's: `offsite … --help` lists them (category_help); the text below
# is what a help built without a profile shows.
CATEGORY_HELP = "Person category, one of the profile's (offsite profiles show ID)."
CategoryOption = Annotated[str | None, typer.Option(metavar="CATEGORY", help=CATEGORY_HELP)]
CARE_HELP = ", ".join(choices(Care)[:-1]) + f" or {choices(Care)[-1]}."
CareOption = Annotated[str | None, typer.Option(metavar="CARE", help=CARE_HELP,
                                                autocompletion=lambda: list(choices(Care)))]
AdmittedOption = Annotated[str | None, typer.Option(metavar="DATE", help="Admission or visit date.")]
DischargedOption = Annotated[str | None, typer.Option(metavar="DATE", help="Discharge date.")]
FiledOption = Annotated[bool | None, typer.Option("--filed/--not-filed", help="Whether filing (备案) was done.")]
FiledOnOption = Annotated[
    str | None, typer.Option(metavar="DATE", help="The day filing was done (for its validity).")
]
DirectSettlementOption = Annotated[
    bool | None,
    typer.Option("--direct-settlement/--no-direct-settlement",
                 help="Whether the bill was settled by card at the hospital."),
]


def category_help(policy: Any, lang: str) -> str:
    """The --category help: the profile's category ids, with their names in Chinese."""
    ids = list(policy.categories)
    if lang == "zh":
        items = [f"{key}（{policy.category_name(key, 'zh')}）" for key in ids]
        listed = "、".join(items[:-1]) + "或 " + items[-1] if len(items) > 1 else "".join(items)
        return f"人员类别：{listed}。"
    listed = ", ".join(ids[:-1]) + " or " + ids[-1] if len(ids) > 1 else "".join(ids)
    return f"{listed}."


def fill_category_help(command: Any, lang: str, arguments: list[str]) -> None:
    """Put the categories of the profile a command line names (--profile ID, else the default)
    into every --category help of a Click command tree; only when help is shown, so that no
    command pays for loading a profile it does not use. A profile that cannot be loaded keeps
    the generic text (the command itself will say what is wrong with it)."""
    options = []
    pending = [command]
    while pending:
        current = pending.pop()
        options += [param for param in getattr(current, "params", []) if param.name == "category"]
        pending += list(getattr(current, "commands", {}).values())
    if not options:
        return
    from offsite_cli.policy import profiles

    profile_id = profiles.DEFAULT_PROFILE
    for index, argument in enumerate(arguments):
        if argument.startswith("--profile="):
            profile_id = argument.split("=", 1)[1]
        elif argument == "--profile" and index + 1 < len(arguments):
            profile_id = arguments[index + 1]
    try:
        policy = profiles.load(profile_id)
    except OffsiteError:
        return
    for option in options:
        option.help = category_help(policy, lang)


def parse_passwords(values: list[str], folder: Path | None = None) -> dict[str, str]:
    """FILE=PASSWORD pairs keyed by the file's path relative to DIR (forward slashes), or "*".
    A FILE given from the current folder (DIR/scans/a.pdf) is made relative to DIR."""
    passwords: dict[str, str] = {}
    for value in values:
        name, separator, secret = value.partition("=")
        if not separator or not name.strip() or not secret:
            raise OffsiteError("bad_password_option", value=name + ("=…" if separator else ""))
        name = name.strip().replace("\\", "/")
        if name != "*" and folder is not None:
            try:
                name = Path(name).absolute().relative_to(folder.absolute()).as_posix()
            except ValueError:
                pass  # already relative to DIR
        passwords[name] = secret
    return passwords


def warn_unknown_passwords(passwords: dict[str, str], folder: Path, lang: str) -> None:
    """A --password whose FILE is no file of the folder (a typo, most likely) is said on standard
    error, one line each; the run goes on. FILE matches as checking.password_for looks it up:
    the path relative to the folder, or a file name anywhere in it."""
    import os

    names = {name for name in passwords if name != "*"}
    if not names:
        return
    found: set[str] = set()
    for name in names:
        path = Path(name)
        if not path.is_absolute() and ".." not in path.parts and (folder / path).is_file():
            found.add(name)
    bare = {name for name in names - found if "/" not in name}
    if bare:
        for _, _, file_names in os.walk(folder):
            found.update(bare.intersection(file_names))
    for name in sorted(names - found):
        typer.echo(shown.line(text("password_no_file", lang, file=name, folder=str(folder))), err=True)


def check_output_file(path: Path, option: str, example_name: str) -> None:
    """An output FILE must name a file in a folder that exists, with a name a file system takes,
    and not be a special file: else bad input, before any work."""
    length = len(path.name.encode("utf-8", "surrogateescape"))
    if length > atomic.NAME_MAX:
        raise OffsiteError("output_name_too_long", option=option, value=str(path), length=length,
                           limit=atomic.NAME_MAX)
    if path.is_dir():
        raise OffsiteError("build_output_is_folder", option=option, value=str(path),
                           example=str(path / example_name))
    parent = path.absolute().parent
    if not parent.is_dir():
        raise OffsiteError("build_output_no_folder", option=option, value=str(path), folder=str(parent))
    atomic.refuse_special(path, option)


def resolve_lang(value: str | None) -> str:
    if value is None:
        return default_lang()
    if value not in LANGS:
        raise OffsiteError("bad_lang", value=value)
    return value


def parse_date(value: str | None, field: str) -> date | None:
    """A date option or answer as people write it (base/dates.py); None when not given."""
    if value is None or not value.strip():
        return None
    from offsite_cli.base import dates

    return dates.read(value, field)


def warn_notes(notes: list[Any], lang: str) -> None:
    """Warnings about the input (implausible dates: policy/episode_dates.DateNote), one line each
    on standard error: never on standard output, which may be JSON."""
    for note in notes:
        typer.echo(text(note.key, lang, **note.params), err=True)


def say_on_stderr(lines: list[tuple[str, str]]) -> None:
    """Lines (text, Rich style) on standard error, as base.shown lets them be seen: folded
    between words and coloured on a terminal (Rich); one line each, plain, into a file or a pipe
    (what a script reads; Rich is not loaded for it)."""
    if not lines:
        return
    if not sys.stderr.isatty():
        for line, _ in lines:
            typer.echo(shown.lines(line), err=True)
        return
    from offsite_cli.cli.render import console

    errors = console(stderr=True)
    for line, style in lines:
        errors.print(line, style=style, markup=False, soft_wrap=False)


def today_or(value: str | None) -> date:
    return parse_date(value, "--today") or date.today()


def interactive(no_input: bool) -> bool:
    """Ask questions only with a terminal on standard input and no --no-input."""
    return not no_input and sys.stdin.isatty()


def error_line(error: OffsiteError, lang: str) -> str:
    """The one line of an error: ID numbers masked and control characters written out, whatever
    the message holds (base/shown.py)."""
    prefix = "错误：" if lang == "zh" else "error: "
    return shown.line(prefix + text(error.message, lang, **error.params))


def guarded(function: F) -> F:
    """Run a command; an OffsiteError becomes one line on standard error and its exit code."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        shown.forget_as_is()  # the receipt numbers shown as they are: this command's own
        try:
            return function(*args, **kwargs)
        except OffsiteError as error:
            lang_value = kwargs.get("lang")
            lang = lang_value if lang_value in LANGS else default_lang()
            typer.echo(error_line(error, lang), err=True)
            raise typer.Exit(int(error.exit_code)) from None

    return wrapper  # type: ignore[return-value]


def _surrogate_escape(found: Any) -> str:
    return f"\\u{ord(found.group()):04x}"


def emit_json(document: Any) -> None:
    """One JSON document on standard output. A file name that is not UTF-8 keeps its bytes as
    Python's surrogateescape does (\\udcff for the byte ff): valid JSON in any locale."""
    import re

    written = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(re.sub("[\udc80-\udcff]", _surrogate_escape, written) + "\n")
    sys.stdout.flush()


def finish(code: ExitCode) -> None:
    if code != ExitCode.OK:
        raise typer.Exit(int(code))
