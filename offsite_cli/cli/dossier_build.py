"""`offsite dossier build DIR`: cover sheet, forms and every document in one A4 PDF."""

from __future__ import annotations

import os
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.cli.common import (
    FontOption, JsonOption, LangOption, PasswordOption, ProfileOption, TodayOption, check_output_file,
    emit_json, finish, guarded, parse_passwords, resolve_lang, today_or, warn_unknown_passwords,
)
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?\s*", re.IGNORECASE)
LOOKS = ("auto", "color", "gray", "bw", "off")  # files.look.LOOKS (not imported: it is light, but kept off start-up)
_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9}


def build(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The dossier folder (with its case.toml).")],
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
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Bundle cover sheet, deadline reminders, forms and documents into one PDF.

    Order: cover sheet → forms → required documents in checklist order → optional ones →
    (with --include-unmatched) the other files. Every page is A4 and upright, stamped
    "第 n 页 / 共 N 页" with the person's name. Refuses (exit 1, nothing written) when a required
    document is missing or a file cannot be read, unless --allow-incomplete. With
    SOURCE_DATE_EPOCH set, two builds of the same folder give identical bytes.

    Example: offsite dossier build examples/zhang-wei-2026-11 --compress
    """
    guarded(_build)(folder, output, allow_incomplete, include_unmatched, password or [], compress,
                    max_size, font, today, profile, json_output, scan_look, as_taken, lang=lang)


def _build(folder: Path, output: Path | None, allow_incomplete: bool, include_unmatched: bool,
           password: list[str], compress: bool, max_size: str | None, font: str | None,
           today: str | None, profile: str | None, json_output: bool, scan_look: str, as_taken: bool,
           lang: str | None) -> None:
    from offsite_cli import pipeline
    from offsite_cli.pdf import bundle, fonts

    language = resolve_lang(lang)
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
                                    scan_look=scan_look, as_taken=as_taken)
    warm = pipeline.WarmUp(request.font)
    dossier = pipeline.open_dossier(folder, day, language, profile_id=profile, passwords=passwords,
                                    keep=True, sheets=not as_taken)
    warm.wait()
    check_output_file(pipeline.output_of(dossier, request), "-o/--output", "dossier.pdf")
    with _progress(json_output, language) as progress:
        try:
            result = pipeline.build(dossier, request, language, day, progress)
        except bundle.Incomplete as refusal:  # stdout is still one JSON document
            if json_output:
                emit_json(refusal.as_json())
            raise
    if json_output:
        emit_json(result.as_json())
    else:
        _print(result, language)
    _warn(result, language)  # on standard error, with --json too
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


def _warn(result: Any, lang: str) -> None:
    """One line each (never wrapped), on standard error."""
    from offsite_cli.pdf import bundle
    from offsite_cli.cli.render import console

    errors = console(stderr=True)

    def say(line: str, style: str) -> None:
        errors.print(line, style=style, markup=False, soft_wrap=True)

    for note in result.notes:
        say(note, "yellow")
    for name, reason in result.skipped:
        say(text("build_skipped", lang, file=name, reason=reason), "yellow")
    if not result.complete:
        say(text("build_warn_incomplete", lang, what=result.gaps), "bold red")
    if result.over_size:
        say(text("build_over_size", lang, size=bundle.human_size(result.bytes),
                 limit=bundle.human_size(result.over_limit)), "bold red")
