"""Many dossiers at once: `dossier check|forms|build DIR... | --all ROOT [--jobs N]`.

One worker process per core (PDF work holds the GIL, threads would not help), one Rich progress
bar over all the dossiers on a terminal, every dossier done even when another fails, then one
summary table and the worst exit code. The workers return plain data (`Outcome`): what the
screen and the JSON list need, nothing that holds a file open.
"""

import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.base.errors import BadInput, ExitCode, OffsiteError
from offsite_cli.base.i18n import text

AllOption = Annotated[
    Path | None,
    typer.Option("--all", metavar="ROOT",
                 help="Every dossier (folder with a case.toml) under ROOT, as well as the DIRs given."),
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", metavar="N", min=1,
                 help="Dossiers worked on at once, one process each; default: the number of cores."),
]


@dataclass
class Outcome:
    """What one dossier of a batch came to, in plain values (it crosses a process boundary)."""

    folder: str
    name: str = ""
    code: int = 0  # the dossier's own exit code
    result: str = ""  # ok | incomplete | nothing | built | built_incomplete | refused | filled | none_needed | error
    detail: str = ""  # pages, forms written, or what is missing / the error
    document: dict[str, Any] = field(default_factory=dict)  # its item of the --json list
    notes: list[str] = field(default_factory=list)  # lines for standard error, naming the folder
    advice: list[str] = field(default_factory=list)  # lines for standard error, said once for all
    # the dossiers they apply to (the same policy note for twenty claims is one line, not twenty)


@dataclass
class Settings:
    """The options every dossier of the batch shares."""

    today: date
    lang: str
    profile: str | None = None
    passwords: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # the command's own options


def folders_of(folders: list[Path], root: Path | None) -> list[Path]:
    """The DIRs given, then every dossier under --all ROOT, each once, in that order."""
    from offsite_cli.dossier import agenda

    chosen = list(folders)
    if root is not None:
        if not root.exists():
            raise BadInput("folder_missing", field="--all", value=str(root))
        if not root.is_dir():
            raise BadInput("folder_not_dir", field="--all", value=str(root))
        chosen += agenda.find_dossiers([root])
    seen: set[str] = set()
    unique = []
    for folder in chosen:
        key = os.path.realpath(folder)
        if key not in seen:
            seen.add(key)
            unique.append(folder)
    return unique


def is_batch(folders: list[Path], root: Path | None) -> bool:
    """A batch (list out, summary table) with --all or more than one DIR; one DIR is as before."""
    return root is not None or len(folders) != 1


def default_jobs() -> int:
    from offsite_cli.base.resources import cores

    return cores()


def missing_names(report: Any) -> list[str]:
    """The required documents a report lacks (missing or unreadable), by name."""
    from offsite_cli.dossier.checklist import Status

    return [document.name for document in report.documents
            if document.required and document.status not in (Status.OK, Status.NOT_REQUIRED)]


def deadline_words(deadline: Any, lang: str) -> str:
    """`报销申请截止 2026-11-20 已逾期 2 天`: the claim deadline in a summary cell."""
    days = deadline.days_left
    when = text("label.overdue", lang, days=-days) if days < 0 else \
        text("label.today", lang) if days == 0 else text("label.in_days", lang, days=days)
    return text("batch.deadline", lang, name=deadline.name, date=deadline.date.isoformat(), when=when)


def failed(folder: Path, error: BaseException, lang: str) -> Outcome:
    """A dossier that could not be done: its error as one line, its exit code."""
    if isinstance(error, OffsiteError):
        message = text(error.message, lang, **error.params)
        code = int(error.exit_code)
    else:  # never a Python message: it may hold a name or an ID number
        frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        where = f"{os.path.basename(frame.filename)}:{frame.lineno}" if frame else "?"
        message = text("internal_error", lang, kind=type(error).__name__, where=where)
        code = int(ExitCode.FAILED)
        if os.environ.get("OFFSITE_DEBUG"):
            message += "\n" + "".join(traceback.format_exception(error))
    prefix = "错误：" if lang == "zh" else "error: "
    where = "" if str(folder) in message else f"{folder}: "
    return Outcome(folder=str(folder), code=code, result="error", detail=message,
                   notes=[f"{prefix}{where}{message}"])


_STOP: Any = None  # in a worker: the batch's stop flag (a multiprocessing Event), set when it is stopped
_PARENT = 0  # in a worker: the batch's process
_BUSY: list[bool] = []  # in a worker: a dossier is in hand
_STOPPING: list[int] = []  # in a worker: the stop signals met


def _guarded(work: Callable[[Path, Settings], Outcome], folder: Path, settings: Settings) -> Outcome:
    if _STOP is not None and _STOP.is_set():  # stopped: a dossier already queued is not begun
        said = text("batch_not_begun", settings.lang)
        return Outcome(folder=str(folder), code=int(ExitCode.FAILED), result="error", detail=said,
                       notes=[f"{folder}: {said}"])
    _BUSY.append(True)
    try:
        return work(folder, settings)
    except Exception as error:  # noqa: BLE001 - one dossier failing never stops the batch
        return failed(folder, error, settings.lang)
    except KeyboardInterrupt:  # SIGTERM to the group: the worker's own dossier unwinds, and the
        if _STOP is not None:  # worker says the batch is stopped before the parent has
            _STOP.set()
        if _PARENT and os.getppid() != _PARENT:  # the batch's process is gone: so is its worker,
            os._exit(128 + (_STOPPING[0] if _STOPPING else 15))  # its dossier unwound first
        raise
    finally:
        _BUSY.clear()


def _worker_stopped(signum: int, frame: object) -> None:
    """A worker's SIGTERM or SIGHUP (to the batch's group, or from the kernel when the batch's
    process ends): the dossier in hand unwinds (KeyboardInterrupt: no part of its PDF is left,
    and `_guarded` sets the stop flag: not here, where the flag's lock may be held by the code
    interrupted); an idle worker leaves the stopping to the batch's process, or, that one gone,
    ends at once. A second signal ends it by the signal's own action."""
    import signal

    if _STOPPING:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    if _BUSY:
        _STOPPING.append(signum)
        raise KeyboardInterrupt
    if _PARENT and os.getppid() != _PARENT:
        os._exit(128 + signum)


def run(work: Callable[[Path, Settings], Outcome], folders: list[Path], settings: Settings,
        jobs: int | None, show_progress: bool,
        prepare: Callable[[], None] | None = None) -> list[Outcome]:
    """Every folder through `work` (a module-level function, so that a process can run it), on
    `jobs` processes; the outcomes in the order of the folders. `prepare` (imports, the font)
    runs once here first, so that forked workers start with it done instead of each doing it."""
    count = min(jobs or default_jobs(), len(folders)) or 1
    if prepare is not None and count > 1 and _forks():
        try:
            prepare()
        except Exception:  # noqa: BLE001 - met again, and said, by each dossier's own work
            pass
    progress = _Bar(len(folders), settings.lang) if show_progress and folders else None
    outcomes: list[Outcome | None] = [None] * len(folders)
    try:
        if count == 1:
            for index, folder in enumerate(folders):
                outcomes[index] = _guarded(work, folder, settings)
                if progress:
                    progress.advance()
        else:
            # fork where there is one: the workers start with everything imported (no thread runs
            # in this process yet, and the pool forks all its workers before its own thread).
            import multiprocessing  # (here: a single dossier's command does without them)

            from offsite_cli.base import stop_signals
            from concurrent.futures import Future, ProcessPoolExecutor, as_completed

            context = multiprocessing.get_context("fork" if _forks() else None)
            # the pool hands a worker its next dossier before it has finished the one in hand,
            # and cannot take it back: a stopped batch says so through this flag
            stop = context.Event()
            with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_start_worker,
                                     initargs=(count, stop, os.getpid())) as pool:
                try:  # (from the first submission: a Ctrl-C then, too, must not leave the rest queued)
                    with stop_signals.Held():  # the workers forked, the pool's threads started
                        futures: dict[Future[Outcome], int] = {
                            pool.submit(_guarded, work, folder, settings): index
                            for index, folder in enumerate(folders)}
                    if progress:
                        progress.start()
                    for future in as_completed(futures):
                        index = futures[future]
                        try:
                            outcomes[index] = future.result()
                        except Exception as error:  # noqa: BLE001 - a worker that died (killed, out of memory)
                            outcomes[index] = failed(folders[index], error, settings.lang)
                        if progress:
                            progress.advance()
                except KeyboardInterrupt:  # the dossiers in hand finish (their PDFs whole), no more start
                    stop.set()
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
    finally:
        if progress:
            progress.stop()
    return [outcome for outcome in outcomes if outcome is not None]


def _forks() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def _start_worker(workers: int, stop: Any = None, parent: int = 0) -> None:
    """Ctrl-C is the parent's to handle (it stops the batch after the dossiers in hand, exit
    130): a worker that met it too would print a traceback of its own. SIGTERM and SIGHUP (to
    the whole group) unwind the dossier in hand (_worker_stopped); the kernel sends SIGTERM
    when `parent`, the batch's process, ends (a second Ctrl-C), so no worker is left waiting
    for work that will not come. Its thread pools take its share of the cores. `stop`: set when
    the batch is stopped (no dossier begun after it)."""
    import signal

    from offsite_cli.base import stop_signals
    from offsite_cli.base.resources import share_cores

    global _STOP, _PARENT
    _STOP, _PARENT = stop, parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stop_signals.handle(_worker_stopped, ("SIGTERM", "SIGHUP"))
    if parent:
        _end_with(parent)
    stop_signals.release()  # held since the fork: what came meanwhile arrives now
    share_cores(workers)


def _end_with(parent: int) -> None:
    """SIGTERM to this worker when the batch's process ends (Linux's PR_SET_PDEATHSIG)."""
    import signal

    try:
        import ctypes

        if ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM)) != 0:  # 1: PR_SET_PDEATHSIG
            return
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:  # it had ended already
        os.kill(os.getpid(), signal.SIGTERM)


def worst(outcomes: list[Outcome]) -> ExitCode:
    from offsite_cli import pipeline

    return pipeline.exit_code(*(ExitCode(outcome.code) for outcome in outcomes))


def report(outcomes: list[Outcome], json_output: bool, lang: str, root: Path | None) -> ExitCode:
    """The error lines on standard error; the JSON list, or the summary table; the worst code."""
    from offsite_cli.cli.common import emit_json

    said = [note for outcome in outcomes for note in outcome.notes] + advice_lines(outcomes, lang)
    if said:  # (Rich only when there is something to say: a quiet --json run does not load it)
        from offsite_cli.cli import render

        errors = render.console(stderr=True)  # one line each into a pipe; folded at words on a terminal
        for line in said:
            errors.print(line, markup=False, highlight=False, soft_wrap=not errors.is_terminal)
    if not outcomes and root is not None:
        typer.echo(text("batch.none", lang, root=str(root)), err=True)
    if json_output:
        emit_json([outcome.document for outcome in outcomes])
    elif outcomes:
        from offsite_cli.cli import render

        render.console().print(summary_table(outcomes, lang))
    return worst(outcomes)


def advice_lines(outcomes: list[Outcome], lang: str) -> list[str]:
    """Each piece of advice once: with its folder when one dossier has it, else with how many
    dossiers (all of them, or which when not all), in the order first met."""
    folders: dict[str, list[str]] = {}
    for outcome in outcomes:
        for line in dict.fromkeys(outcome.advice):
            folders.setdefault(line, []).append(outcome.folder)
    lines = []
    for line, where in folders.items():
        if len(where) == 1:
            lines.append(f"{where[0]}: {line}")
        elif len(where) == len(outcomes):
            lines.append(line + text("batch.advice_both" if len(where) == 2 else "batch.advice_all", lang,
                                     count=len(where)))
        else:
            lines.append(line + text("batch.advice_some", lang, count=len(where),
                                     folders=("、" if lang == "zh" else ", ").join(where)))
    return lines


_STYLES = {"ok": "bold green", "built": "bold green", "filled": "bold green",
           "incomplete": "bold red", "refused": "bold red", "error": "bold red",
           "built_incomplete": "bold yellow", "nothing": "cyan", "none_needed": "cyan"}
_MARKS = {"ok": "✓", "built": "✓", "filled": "✓", "built_incomplete": "!", "nothing": "–", "none_needed": "–"}


def summary_table(outcomes: list[Outcome], lang: str) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, pad_edge=False)
    table.add_column(text("batch.col.folder", lang), overflow="fold")
    table.add_column(text("batch.col.person", lang), overflow="fold")
    table.add_column(text("batch.col.result", lang), no_wrap=True)
    table.add_column(text("batch.col.detail", lang), overflow="fold")
    for outcome in outcomes:
        mark = _MARKS.get(outcome.result, "✗")
        table.add_row(outcome.folder, outcome.name or "—",
                      Text(f"{mark} {text('batch.result.' + outcome.result, lang)}",
                           style=_STYLES.get(outcome.result, "")),
                      outcome.detail)
    counted: dict[str, int] = {}
    for outcome in outcomes:
        counted[outcome.result] = counted.get(outcome.result, 0) + 1
    table.caption = text("batch.total", lang, count=len(outcomes)) + ("" if lang == "zh" else " ") + (
        "、" if lang == "zh" else ", ").join(
        f"{text('batch.result.' + key, lang)} {value}" for key, value in counted.items())
    table.caption_justify = "left"
    return table


class _Bar:
    """One progress bar over all the dossiers, on standard error (only on a terminal)."""

    def __init__(self, total: int, lang: str) -> None:
        self.total = total
        self.lang = lang
        self.bar: Any = None
        self.task: Any = None
        self.done = 0

    def start(self) -> None:
        if self.bar is not None:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        from offsite_cli.cli.render import console

        self.bar = Progress("{task.description}", BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=console(stderr=True), transient=True)
        self.bar.start()
        self.task = self.bar.add_task(text("batch.progress", self.lang), total=self.total)

    def advance(self) -> None:
        self.start()
        self.done += 1
        self.bar.update(self.task, completed=self.done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def shows_progress(json_output: bool) -> bool:
    return not json_output and sys.stderr.isatty()
