"""Entry point: `offsite` and `python -m offsite_cli`; errors are caught once, here.

Usage errors (an unknown option, a missing argument, a value of the wrong type) become one line
on standard error in the chosen language, exit 2; an unexpected error says where, never what.
"""

import os
import sys

try:  # the C module: `signal` itself imports enum, which takes milliseconds to load
    import _signal as signal
except ImportError:  # pragma: no cover - not CPython
    import signal  # type: ignore[no-redef]

from offsite_cli.base import stop_signals

# Signals first (no `from __future__` import, no other module before but base/stop_signals): a
# Ctrl-C, SIGTERM or SIGHUP that lands while the modules load is said as an interruption, not as a
# traceback. SIGTERM and SIGHUP end a run as Ctrl-C does: the KeyboardInterrupt unwinds through
# the writers' cleanup (base/atomic.py, pdf/bundle.py), so no part file is left behind.
_caught: list[int] = []
_armed: list[bool] = []  # the command's modules are loaded: a signal may raise


def _stop(signum: int, frame: object) -> None:
    if _caught:  # a second signal: stop now
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    _caught.append(signum)
    if _armed:
        raise KeyboardInterrupt


# Run as a program (`python -m offsite_cli`, the `offsite` script): catch signals from here on.
_AS_PROGRAM = __name__ == "__main__" or os.path.basename(sys.argv[0]) in ("offsite", "offsite.exe")
_BEFORE = stop_signals.handle(_stop) if _AS_PROGRAM else {}


def _language(arguments: list[str]) -> str:
    from offsite_cli.base.i18n import LANGS, default_lang

    for index, argument in enumerate(arguments):
        value = argument.split("=", 1)[1] if argument.startswith("--lang=") else (
            arguments[index + 1] if argument == "--lang" and index + 1 < len(arguments) else None)
        if value in LANGS:
            return value
    return default_lang()


def _is_click(error: BaseException, name: str) -> bool:
    """Typer's bundled Click is private: recognise its exceptions by class name."""
    return any(cls.__name__ == name for cls in type(error).__mro__)


_PATTERNS = (  # Click's own wording → our message key and parameter
    (r"No such command '([^']+)'", "usage_no_such_command"),
    (r"Option '(.+)' requires an argument", "usage_needs_value"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", "usage_extra"),
)
_DETAILS = (  # Click's (or pydantic's) wording of a bad option value → our message key
    (r"greater than or equal to (\S+)", "usage_at_least"),
    (r"not in the range x>=([^.\s]+)", "usage_at_least"),
    (r"valid integer", "usage_integer"),
    (r"valid number", "usage_number"),
)


def usage_line(error: BaseException, lang: str) -> str:
    """One line for a Click usage error: what is wrong, and where help is."""
    import re

    from offsite_cli.base.i18n import text

    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "offsite"
    try:
        message = str(error.format_message())  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - never let the error line itself fail
        message = type(error).__name__
    what = message
    param = getattr(error, "param", None)
    hint = ""
    if param is not None:
        try:  # Click's own signature takes the context; some Typer versions take nothing
            try:
                hint = str(param.get_error_hint(context)).strip("'\"")
            except TypeError:
                hint = str(param.get_error_hint()).strip("'\"")
        except Exception:  # noqa: BLE001
            hint = getattr(param, "name", "") or ""
        if getattr(param, "param_type_name", "") == "argument" and getattr(param, "metavar", None):
            hint = str(param.metavar)  # an argument is named as --help shows it (DIR), in every Typer
    suggestion = re.search(r"No such command '[^']+'\.\s*Did you mean '([^']+)'", message)
    if suggestion:  # Click's two quoted names in one line, said in the language
        what = text("usage_no_such_command", lang, name=re.search(r"'([^']+)'", message).group(1))
        what += text("usage_did_you_mean", lang, options=suggestion.group(1))
    elif _is_click(error, "NoSuchOption"):
        what = text("usage_no_such_option", lang, option=getattr(error, "option_name", ""))
        possibilities = getattr(error, "possibilities", None)
        if possibilities:
            what += text("usage_did_you_mean", lang, options=", ".join(sorted(possibilities)))
    elif _is_click(error, "MissingParameter") and hint:
        what = text("usage_missing", lang, name=hint)
    elif _is_click(error, "BadParameter") and hint:
        detail = str(getattr(error, "message", "") or message)
        for pattern, key in _DETAILS:
            found = re.search(pattern, detail)
            if found:
                detail = text(key, lang, value=found.group(1) if found.groups() else "")
                break
        what = text("usage_bad_value", lang, name=hint, detail=detail)
    else:
        for pattern, key in _PATTERNS:
            found = re.search(pattern, message)
            if found:
                what = text(key, lang, name=found.group(1), count=len(found.group(1).split()))
                break
    return text("usage_error", lang, what=" ".join(what.split()), command=command)


def _names_a_group(command: object, arguments: list[str]) -> bool:
    """The command line names a group and no command of it, or only a command that shows its
    help when given nothing (its help is what Click shows)."""
    current = command
    for word in arguments:
        commands = getattr(current, "commands", None)
        if commands is None or word not in commands:
            return False
        current = commands[word]
    return hasattr(current, "commands") or bool(getattr(current, "no_args_is_help", False))


def _command(arguments: list[str], lang: str) -> object:
    """The Click command to run, its help in the chosen language (Typer builds it in English)."""
    from typer.main import get_command

    from offsite_cli.cli import app_for

    command = get_command(app_for(arguments))
    # Help shows only for --help, or a bare group (`offsite dossier`, `offsite dossier receipt`);
    # translating costs start-up.
    if "--help" in arguments or _names_a_group(command, arguments):
        from typer import rich_utils

        _plain_usage(command)
        if lang == "zh":
            from offsite_cli.cli.help_zh import translate_help

            translate_help(command)
            rich_utils.ARGUMENTS_PANEL_TITLE, rich_utils.OPTIONS_PANEL_TITLE = "参数", "选项"
            rich_utils.COMMANDS_PANEL_TITLE = "命令"
            rich_utils.REQUIRED_LONG_STRING, rich_utils.DEFAULT_STRING = "[必填]", "[默认：{}]"
        from offsite_cli.cli.common import fill_category_help

        fill_category_help(command, lang, arguments)
        # Option names and metavars never wrap; the help text folds (Chinese has no spaces to
        # wrap at, and a long English word is folded rather than cut with "…").
        rich_utils.Table = _folding_table()
        rich_utils._make_rich_text = _plain_text(rich_utils.highlighter)
        rich_utils._get_help_text = _folded_help(rich_utils._get_help_text)
    return command


def usage_piece(piece: str) -> str:
    """Typer writes a variadic argument `{DIR...}...` or `[ROOT...]...`: DIR..., [ROOT...]."""
    import re

    found = re.fullmatch(r"([{\[])(.+?)([}\]])(\.\.\.)?", piece)
    if not found:
        return piece
    opening, name, closing, dots = found.groups()
    name = name if name.endswith("...") or not dots else name + "..."
    return name if opening == "{" else f"[{name}]"


def _plain_usage(command: object) -> None:
    """Every command of the tree writes its usage line with `usage_piece`."""
    pending = [command]
    while pending:
        current = pending.pop()
        pending += list(getattr(current, "commands", {}).values())
        collect = getattr(current, "collect_usage_pieces", None)
        if collect is None:
            continue

        def pieces(context: object, collect: object = collect) -> list[str]:
            return [usage_piece(piece) for piece in collect(context)]  # type: ignore[operator]

        current.collect_usage_pieces = pieces  # type: ignore[attr-defined]


def _folded_help(made: object) -> object:
    """A command's description (the paragraphs under the usage line) folded at words too."""
    from rich.console import Group
    from rich.text import Text

    from offsite_cli.cli.folding import Folded

    def help_text(**options: object) -> object:
        group = made(**options)  # type: ignore[operator]
        return Group(*(Folded(part) if isinstance(part, Text) else part
                       for part in getattr(group, "renderables", [group])))

    return help_text


def _plain_text(highlighter: object) -> object:
    """Help text as plain text that folds: paragraphs kept, line breaks inside them joined (as
    Markdown would), no markup read (so "[documents]" stays), option names highlighted."""
    from rich.text import Text

    def make_text(*, text: str, style: str = "", markup_mode: str = "") -> object:
        paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
        made = Text("\n\n".join(p for p in paragraphs if p), style=style, overflow="fold")
        return highlighter(made)  # type: ignore[operator]

    return make_text


def _folding_table() -> type:
    from rich.table import Table
    from rich.text import Text

    def names(*cells: object) -> object | None:
        """An option's names in one cell: `--filed` over `--not-filed`, so the cell is narrow."""
        if not all(isinstance(cell, Text) for cell in cells):
            return None
        long, short, negative, negative_short = cells
        lines = [Text(", ").join([c for c in pair if c.plain])  # type: ignore[union-attr]
                 for pair in ((long, short), (negative, negative_short))]
        return Text("\n").join([line for line in lines if line.plain])

    from offsite_cli.cli.folding import Folded

    def kind_shown(kind: object) -> object:
        """The type column: a metavar (CODE|NAME, DATE) as it is; Typer's Python types
        (<bool> for a flag, <path>, <list[Path]>) say nothing the name does not: left out."""
        if isinstance(kind, Text) and kind.plain.startswith("<") and kind.plain.endswith(">"):
            return Text("")
        return kind

    class FoldingTable(Table):
        def add_row(self, *renderables: object, **options: object) -> None:
            if len(renderables) >= 6:  # options: [required], long, short, negatives, type, help
                *head, long, short, negative, negative_short, kind, help_text = renderables
                merged = names(long, short, negative, negative_short)
                if merged is not None:
                    renderables = (*head, merged, kind_shown(kind), help_text)
                else:
                    renderables = (*head, long, short, negative, negative_short, kind_shown(kind),
                                   help_text)
            help_cell = renderables[-1] if renderables else None
            parts = getattr(help_cell, "renderables", [help_cell])  # Typer's Columns of texts
            if parts and all(isinstance(part, Text) for part in parts):  # the help folds at words
                renderables = (*renderables[:-1], Folded(Text(" ").join(parts)))
            super().add_row(*renderables, **options)  # type: ignore[arg-type]
            for column in self.columns[:-1]:
                column.no_wrap = True
            for column in self.columns:
                column.overflow = "fold"

    return FoldingTable


def _without_help_lang(command: object, arguments: list[str]) -> list[str]:
    """`offsite --help --lang en`, `offsite dossier --help --lang en`: the language of help is
    read before parsing (`_language`), so a --lang that the command asked for does not take is
    dropped instead of being an unknown option. Only with --help."""
    if "--help" not in arguments:
        return arguments
    target = command
    for argument in arguments:
        if argument.startswith("-"):
            continue
        sub = getattr(target, "commands", {}).get(argument)
        if sub is None:
            break
        target = sub
    if any("--lang" in getattr(param, "opts", ()) for param in getattr(target, "params", ())):
        return arguments
    kept: list[str] = []
    skip = False
    for argument in arguments:
        if skip:
            skip = False
        elif argument == "--lang":
            skip = True
        elif not argument.startswith("--lang="):
            kept.append(argument)
    return kept


def main() -> None:
    for name in ("stdout", "stderr"):  # started with it closed (`2>&-`): what it would say goes nowhere
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the process
    before = _BEFORE if _AS_PROGRAM else stop_signals.handle(_stop)
    if not _AS_PROGRAM:  # called in-process (tests): a fresh start
        _caught.clear()
    environment_lang = os.environ.get("OFFSITE_LANG")
    try:
        _main()
    except KeyboardInterrupt:
        # Exit as a shell expects of a stopped command: 128 + the signal (130 for Ctrl-C); a later
        # signal ends the process by its default action, without a word.
        stop_signals.handle(signal.SIG_DFL)
        sys.exit(128 + (_caught[0] if _caught else int(signal.SIGINT)))
    finally:
        _armed.clear()
        if not _AS_PROGRAM:  # (a leading --lang sets it for the run only)
            if environment_lang is None:
                os.environ.pop("OFFSITE_LANG", None)
            else:
                os.environ["OFFSITE_LANG"] = environment_lang
        if not _caught:
            for number, handler in before.items():
                signal.signal(number, handler)  # type: ignore[arg-type]
        if _AS_PROGRAM:
            # The command is done: what it made is left to the process's end, not to the garbage
            # collector's last round at exit, which went through every object of a dossier PDF
            # (about 80 ms after a build). Exit handlers and flushing run as before.
            import gc

            gc.freeze()


def _leading_lang(arguments: list[str]) -> tuple[list[str], str | None]:
    """`offsite --lang en dossier build ...`: a --lang before the command is the language of the
    whole run, as $OFFSITE_LANG is (a --lang of the command's own still wins); the arguments
    without it, and its value (None when there is none, "" when it was given none; given twice,
    the last one, as for any option)."""
    kept: list[str] = []
    value: str | None = None
    index = 0
    while index < len(arguments) and arguments[index].startswith("-") and arguments[index] != "--":
        argument = arguments[index]
        if argument.startswith("--lang="):
            value = argument.split("=", 1)[1]
        elif argument == "--lang":
            value = "".join(arguments[index + 1:index + 2])
            index += 1
        else:
            kept.append(argument)
        index += 1
    return kept + arguments[index:], value


def _main() -> None:
    arguments, leading = _leading_lang(sys.argv[1:])
    if leading is not None:
        from offsite_cli.base.errors import ExitCode
        from offsite_cli.base.i18n import LANGS, text

        if leading not in LANGS:
            from offsite_cli.base.errors import OffsiteError
            from offsite_cli.base.shown import line
            from offsite_cli.cli.common import error_line

            said = _language(arguments)
            if leading:  # as a command's own --lang says it
                print(error_line(OffsiteError("bad_lang", value=leading), said), file=sys.stderr)
            else:
                print(line(text("usage_error", said, what=text("usage_needs_value", said, name="--lang"),
                                command="offsite")), file=sys.stderr)
            sys.exit(int(ExitCode.BAD_INPUT))
        os.environ["OFFSITE_LANG"] = leading  # (for the command, and for a batch's workers)
    lang = _language(arguments)
    if not arguments:  # Click prints the help for a bare `offsite`
        _command(arguments, lang)(args=[], prog_name="offsite")  # type: ignore[operator]
        return
    try:
        command = _command(arguments, lang)
        # From here a signal raises; one that came while the command's modules loaded (some
        # libraries' import-time code does not survive a KeyboardInterrupt) raises now.
        _armed.append(True)
        if _caught:
            raise KeyboardInterrupt
        arguments = _without_help_lang(command, arguments)
        code = command(args=arguments, prog_name="offsite", standalone_mode=False)  # type: ignore[operator]
    except SystemExit:
        raise
    except KeyboardInterrupt:
        raise
    except Exception as error:  # noqa: BLE001 - the one place that catches everything
        import traceback

        from offsite_cli.base.errors import ExitCode
        from offsite_cli.base.shown import line

        if _is_click(error, "NoArgsIsHelpError"):  # `offsite dossier`: its help, as bare `offsite`
            shown = str(error.format_message())  # (Typer's own help has printed itself already)
            if shown.strip():
                print(shown, file=sys.stderr)
            sys.exit(int(ExitCode.BAD_INPUT))
        if _is_click(error, "ClickException"):
            print(line(usage_line(error, lang)), file=sys.stderr)
            sys.exit(int(getattr(error, "exit_code", ExitCode.BAD_INPUT)))
        if _is_click(error, "Abort"):  # Ctrl-D at a question, or a signal Click took for one
            if _caught or isinstance(error.__context__, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            sys.exit(130)
        if os.environ.get("OFFSITE_DEBUG"):  # the details, and still the exit code of a failure
            traceback.print_exception(error, file=sys.stderr)
            sys.exit(int(ExitCode.FAILED))
        # The message may hold personal data (a name, an ID number): print where, not what.
        frame = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{os.path.basename(frame.filename)}:{frame.lineno}"
        from offsite_cli.base.i18n import text

        print(text("internal_error", lang, kind=type(error).__name__, where=where),
              file=sys.stderr)
        sys.exit(int(ExitCode.FAILED))
    if _caught:  # Typer turns the KeyboardInterrupt of a signal into exit 130: say which signal
        raise KeyboardInterrupt
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
