"""`offsite dossier build DIR`: cover sheet, forms and every document in one A4 PDF."""

import os
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.cli import batch
from offsite_cli.cli.common import (
    FontOption, JsonOption, LangOption, NoInputOption, PasswordOption, ProfileOption, TodayOption, check_output_file,
    emit_json, finish, guarded, parse_passwords, resolve_lang, say_on_stderr, today_or, warn_notes,
    warn_unknown_passwords,
)
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import names_list, text
from offsite_cli.cli.dossier_forms import FormsLangOption, resolve_forms_lang

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?\s*", re.IGNORECASE)
LOOKS = ("auto", "color", "gray", "bw", "off")  # files.look.LOOKS (not imported: it is light, but kept off start-up)
_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9}


def build(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(metavar="DIR...", help="The dossier folder (with its case.toml); several may be given."),
    ] = None,
    all_root: batch.AllOption = None,
    jobs: batch.JobsOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Where to write the PDF; default DIR/dossier.pdf.")
    ] = None,
    allow_incomplete: Annotated[
        bool, typer.Option("--allow-incomplete", help="Build even with a required document missing or unreadable; the cover says so in red (exit 0).")
    ] = False,
    include_unmatched: Annotated[
        bool, typer.Option("--include-unmatched", help="Append the files that match no document.")
    ] = False,
    password: PasswordOption = None,
    compress: Annotated[
        bool, typer.Option("--compress", help="Downsample photos to 150 dpi at A4 (JPEG) and report the size before and after.")
    ] = False,
    max_size: Annotated[
        str | None, typer.Option("--max-size", metavar="SIZE", help="Compress as far as needed to stay under SIZE (e.g. 20MB, decimal units); exit 1 if it cannot.")
    ] = None,
    scan_look: Annotated[
        str, typer.Option("--scan-look", metavar="auto|color|gray|bw|off", help="A copier's look for photos whose sheet was found and straightened: white paper, even contrast (auto: gray, or color where there is coloured ink such as a red seal; never on a sheet that is mainly a picture). --compress applies after it.")
    ] = "auto",
    as_taken: Annotated[
        bool, typer.Option("--as-taken", help="Photos as they were taken: none straightened, no copier's look, cards and receipts one per page.")
    ] = False,
    font: FontOption = None,
    forms_lang: FormsLangOption = None,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,  # nothing is asked; accepted as every command does
) -> None:
    """Bundle cover sheet, deadline reminders, forms and documents into one PDF.

    Order: cover sheet → forms → required documents in checklist order → optional ones →
    (with --include-unmatched) the other files. Every page is A4 and upright, stamped
    "第 n 页 / 共 N 页" with the person's name. Refuses (exit 1, nothing written) when a required
    document is missing or a file cannot be read, unless --allow-incomplete. With
    SOURCE_DATE_EPOCH set, two builds of the same folder give identical bytes. The forms, the cover
    and the bookmarks go to the insurance office: Chinese unless --forms-lang (or the setting
    forms.lang) says otherwise, whatever --lang makes the terminal speak. A case with nothing to
    claim and nothing to file (settled directly by card, local, not reimbursable) gets no PDF: the
    build says so and exits 0.

    Several DIRs or --all ROOT: each PDF goes to its DIR/dossier.pdf, --jobs at a time, a
    progress bar on a terminal, then one table (folder, person, result, pages or what is
    missing); a dossier that fails does not stop the others; the exit code is the worst of them;
    --json gives a list of the one-DIR documents, each with "case".

    Example: offsite dossier build examples/zhang-wei-2026-11 --compress

    Example: offsite dossier build --all ~/claims/2026-11 --jobs 4
    """
    chosen = folders or []
    if batch.is_batch(chosen, all_root):
        guarded(_build_many)(chosen, all_root, jobs, output, allow_incomplete, include_unmatched,
                             password or [], compress, max_size, font, today, profile, json_output,
                             lang=lang, forms_lang=forms_lang, scan_look=scan_look, as_taken=as_taken)
        return
    guarded(_build)(chosen[0], output, allow_incomplete, include_unmatched, password or [], compress,
                    max_size, font, today, profile, json_output, scan_look, as_taken, lang=lang,
                    forms_lang=forms_lang)


def _build_many(folders: list[Path], root: Path | None, jobs: int | None, output: Path | None,
                allow_incomplete: bool, include_unmatched: bool, password: list[str],
                compress: bool, max_size: str | None, font: str | None, today: str | None,
                profile: str | None, json_output: bool, lang: str | None,
                forms_lang: str | None = None, scan_look: str = "auto", as_taken: bool = False) -> None:
    from offsite_cli.base import fonts
    from offsite_cli.cli.dossier_forms import resolve_forms_lang

    language = resolve_lang(lang)
    day = today_or(today)
    if not folders and root is None:
        raise BadInput("batch_no_folder", command="dossier build")
    if output is not None:
        raise BadInput("batch_output_many")
    limit = parse_size(max_size) if max_size is not None else None
    parse_passwords(password)  # a bad --password is bad input before any work
    settings = batch.Settings(today=day, lang=language, profile=profile, passwords=password, extra={
        "allow_incomplete": allow_incomplete, "include_unmatched": include_unmatched,
        "compress": compress, "max_size": limit, "font": fonts.resolve(font), "created": _created(),
        "forms_lang": resolve_forms_lang(forms_lang), "scan_look": scan_look, "as_taken": as_taken})
    from functools import partial

    from offsite_cli import pipeline

    outcomes = batch.run(build_one, batch.folders_of(folders, root), settings, jobs,
                         batch.shows_progress(json_output),
                         prepare=partial(pipeline.prepare_build, settings.extra["font"]))
    finish(batch.report(outcomes, json_output, language, root))


def build_one(folder: Path, settings: batch.Settings) -> batch.Outcome:
    """One dossier of a batch build (run in a worker process): its PDF at DIR/dossier.pdf."""
    from offsite_cli import pipeline
    from offsite_cli.base.errors import OffsiteError
    from offsite_cli.pdf import bundle

    lang = settings.lang
    request = pipeline.BuildRequest(**settings.extra)
    dossier = None
    try:
        passwords = parse_passwords(settings.passwords, folder)
        with pipeline.drawing_helper(request.font, fork=False) as helper:
            dossier = pipeline.open_dossier(folder, settings.today, lang, profile_id=settings.profile,
                                            passwords=passwords, keep=True, sheets=not request.as_taken,
                                            helper=helper)
            nothing = pipeline.nothing_to_build(dossier, lang)
            if nothing:  # settled directly, local, not reimbursable: no PDF, as for one folder
                return batch.Outcome(folder=str(folder), name=dossier.case.name,
                                     code=int(pipeline.exit_code(dossier)), result="nothing",
                                     detail=nothing,
                                     document={"case": str(folder), "path": None, "complete": True,
                                               "pages": 0, "bytes": 0, "documents": [],
                                               "route": dossier.classification.route.value,
                                               "nothing_to_build": True})
            result = pipeline.build(dossier, request, lang, settings.today, helper=helper)
    except bundle.Incomplete as refusal:
        missing = batch.missing_names(dossier.report) if dossier is not None else []
        return batch.Outcome(
            folder=str(folder), name=dossier.case.name if dossier else "", code=int(refusal.exit_code),
            result="refused", detail=text("batch.missing", lang, what=names_list(missing, lang)),
            document={"case": str(folder), **refusal.as_json()})
    except OffsiteError as error:
        outcome = batch.failed(folder, error, lang)
        outcome.name = dossier.case.name if dossier is not None else ""
        outcome.document = {"case": str(folder), "path": None, "complete": False, "pages": 0,
                            "bytes": 0, "documents": [], "error": outcome.detail,
                            "exit_code": outcome.code}
        return outcome
    shown = text("batch.pages", lang, pages=result.pages, size=bundle.human_size(result.bytes))
    if not result.complete:
        shown += "\n" + text("batch.missing", lang, what=names_list(batch.missing_names(dossier.report), lang))
    advice = list(result.notes)
    notes = [f"{folder}: " + text("build_skipped", lang, file=name, reason=reason)
             for name, reason in result.skipped]
    if result.over_size:
        notes.append(f"{folder}: " + text("build_over_size", lang, size=bundle.human_size(result.bytes),
                                          limit=bundle.human_size(result.over_limit)))
    return batch.Outcome(folder=str(folder), name=dossier.case.name,
                         code=int(pipeline.exit_code(result)),
                         result="built" if result.complete else "built_incomplete", detail=shown,
                         document={"case": str(folder), **result.as_json()}, notes=notes,
                         advice=advice)


def _build(folder: Path, output: Path | None, allow_incomplete: bool, include_unmatched: bool,
           password: list[str], compress: bool, max_size: str | None, font: str | None,
           today: str | None, profile: str | None, json_output: bool, scan_look: str, as_taken: bool,
           lang: str | None, forms_lang: str | None = None) -> None:
    from offsite_cli import pipeline
    from offsite_cli.base import fonts
    from offsite_cli.pdf import bundle

    language = resolve_lang(lang)
    paper = resolve_forms_lang(forms_lang)
    day = today_or(today)
    if scan_look not in LOOKS:
        raise BadInput("choice", field="--scan-look", value=scan_look, expected=" | ".join(LOOKS))
    limit = parse_size(max_size) if max_size is not None else None
    passwords = parse_passwords(password, folder)
    warn_unknown_passwords(passwords, folder, language)
    if output is not None:
        check_output_file(output, "-o/--output", "dossier.pdf")
    request = pipeline.BuildRequest(output=output, allow_incomplete=allow_incomplete,
                                    include_unmatched=include_unmatched, compress=compress,
                                    max_size=limit, font=fonts.resolve(font), created=_created(),
                                    forms_lang=paper, scan_look=scan_look, as_taken=as_taken)
    with pipeline.drawing_helper(request.font) as helper:
        _build_with(folder, request, helper, day, language, profile, passwords, json_output, as_taken)


def _build_with(folder: Path, request: Any, helper: Any, day: Any, language: str,
                profile: str | None, passwords: dict[str, str], json_output: bool,
                as_taken: bool) -> None:
    from offsite_cli import pipeline
    from offsite_cli.pdf import bundle

    dossier = pipeline.open_dossier(folder, day, language, profile_id=profile, passwords=passwords,
                                    keep=True, sheets=not as_taken, helper=helper)
    warn_notes(dossier.case.notes, language)
    nothing = pipeline.nothing_to_build(dossier, language)
    if nothing:  # settled directly, local, not reimbursable: said, and no PDF
        if json_output:
            emit_json({"path": None, "complete": True, "pages": 0, "bytes": 0, "documents": [],
                       "route": dossier.classification.route.value, "nothing_to_build": True})
        typer.echo(nothing, err=json_output)
        finish(pipeline.exit_code(dossier))
        return
    check_output_file(pipeline.output_of(dossier, request), "-o/--output", "dossier.pdf")
    with _progress(json_output, language) as progress:
        try:
            result = pipeline.build(dossier, request, language, day, progress, helper)
        except bundle.Incomplete as refusal:  # stdout is still one JSON document
            if json_output:
                emit_json(refusal.as_json())
            _misfiled([(item["path"], item["misfiled"], item["folder_document"])
                       for item in refusal.details.get("misfiled", [])], dossier.profile, language)
            raise
    if json_output:
        emit_json(result.as_json())
    else:
        _print(result, language)
    _warn(result, language)  # on standard error, with --json too
    _misfiled(result.misfiled, dossier.profile, language)
    from offsite_cli.cli.dossier_forms import late_notes

    for note in late_notes(dossier.classification, dossier.profile, language):
        typer.echo("! " + note, err=True)
    finish(pipeline.exit_code(result))


def parse_size(value: str) -> int:
    match = _SIZE.fullmatch(value)
    if not match or float(match.group(1)) <= 0:
        raise BadInput("build_size_option", value=value)
    return int(float(match.group(1)) * _UNITS[(match.group(2) or "").lower()])


def _created() -> datetime:
    """SOURCE_DATE_EPOCH (reproducible builds) or now: the PDF's creation date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise BadInput("bad_date", field="SOURCE_DATE_EPOCH", value=epoch) from None
    return datetime.now(timezone.utc)


class _progress:
    """A Rich progress bar on standard error for builds that last over a second, only on a terminal."""

    def __init__(self, json_output: bool, lang: str) -> None:
        self.enabled = not json_output and sys.stderr.isatty()
        self.lang = lang
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Any:
        return self.update if self.enabled else None

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < 1.0:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            from offsite_cli.cli.render import console

            self.bar = Progress("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                console=console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(text("build_progress", self.lang), total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def layout_pages(numbers: list[int], lang: str) -> str:
    from offsite_cli.pdf.layout import page_ranges

    return page_ranges(numbers, lang)


def _print(result: Any, lang: str) -> None:
    from offsite_cli.pdf import bundle
    from offsite_cli.cli.render import console

    screen = console()
    screen.print(text("build_done", lang, path=str(result.path), pages=result.pages,
                      size=bundle.human_size(result.bytes)), markup=False)
    if result.straightened:
        screen.print(text("build_straightened", lang, count=len(result.straightened),
                          pages=layout_pages(result.straightened, lang)), markup=False)
    if result.photos:
        screen.print(text("build_compressed", lang, count=result.photos, dpi=result.dpi,
                          before=bundle.human_size(result.photo_bytes_before),
                          after=bundle.human_size(result.photo_bytes_after)), markup=False)


def _misfiled(items: list[tuple[str, str, str]], profile: Any, lang: str) -> None:
    """The files that look like another document than their folder's: said on standard error,
    one line each, as `dossier check` says them (not counted, so not in the PDF)."""
    say_on_stderr([(text("build_misfiled", lang, file=path, other=other,
                         name=profile.document_name(other, lang),
                         document=profile.document_name(document, lang)), "yellow")
                   for path, other, document in items])


def _warn(result: Any, lang: str) -> None:
    """On standard error: one line each into a file or a pipe (what a script reads), folded
    between words on a terminal (not cut mid-word by it)."""
    from offsite_cli.pdf import bundle

    lines = [(note, "yellow") for note in result.notes]
    lines += [(text("build_skipped", lang, file=name, reason=reason), "yellow")
              for name, reason in result.skipped]
    if not result.complete:
        lines.append((text("build_warn_incomplete", lang, what=result.gaps), "bold red"))
    if result.over_size:
        lines.append((text("build_over_size", lang, size=bundle.human_size(result.bytes),
                           limit=bundle.human_size(result.over_limit)), "bold red"))
    say_on_stderr(lines)
