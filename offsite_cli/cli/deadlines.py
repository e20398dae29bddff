"""`offsite deadlines [ROOT ...]`: every dossier's deadlines, soonest first; `--ics` for a calendar."""

from pathlib import Path
from typing import Annotated

import typer

from offsite_cli.base import shown
from offsite_cli.cli.common import (
    JsonOption, LangOption, NoInputOption, ProfileOption, TodayOption, check_output_file, emit_json, error_line,
    finish, guarded, resolve_lang, today_or,
)


def deadlines(
    roots: Annotated[
        list[Path] | None,
        typer.Argument(metavar="ROOT...", help="Folders to search for dossiers (case.toml); default: the current folder."),
    ] = None,
    within: Annotated[
        int | None,
        typer.Option("--within", metavar="N", min=0, help="Keep deadlines due in N days or less (and overdue ones)."),
    ] = None,
    ics: Annotated[
        Path | None, typer.Option("--ics", metavar="FILE", help="Also write the deadlines as calendar events (.ics).")
    ] = None,
    show_names: Annotated[
        bool, typer.Option("--show-names", help="Put the person's name in the calendar events too (left out by default: calendars are synced elsewhere).")
    ] = False,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """List the deadlines of every dossier under the folders, soonest first, with the person's name.

    A claim marked submitted (offsite dossier mark) is listed by the day its payment is expected
    (the profile's processing time, in working days) instead of its claim deadline; a returned
    one by its claim deadline again; a paid, rejected or withdrawn one not at all. --json: a list
    of {"case", "id", "name" (the deadline's), "date", "days_left", "role", "person": {"name"},
    "status", "status_date"}.

    Exit 0: nothing overdue; 1: something is overdue (even if a case.toml could not be used);
    2: nothing overdue but a case.toml could not be used (each is named on standard error; the
    others are still listed). A filing validity that has run out is not listed, and a payment
    later than expected does not count as overdue.

    Example: offsite deadlines ~/claims --within 14 --ics claims.ics
    """
    guarded(_deadlines)(roots, within, ics, show_names, today, profile, json_output, lang=lang)


def _deadlines(roots: list[Path] | None, within: int | None, ics: Path | None, show_names: bool,
               today: str | None, profile: str | None, json_output: bool, lang: str | None) -> None:
    from offsite_cli import pipeline
    from offsite_cli.dossier import agenda
    from offsite_cli.base.errors import BadInput

    language = resolve_lang(lang)
    day = today_or(today)
    folders = roots or [Path(".")]
    for folder in folders:
        if not folder.is_dir():
            raise BadInput("folder_missing", field="ROOT", value=str(folder))
    if ics is not None:
        check_output_file(ics, "--ics", "deadlines.ics")
        _check_not_overwriting(ics)
    found = pipeline.deadlines(folders, day, language, profile, within)
    for _, error in found.broken:  # each message names its case.toml
        typer.echo(error_line(error, language), err=True)
    # Exit 2 writes nothing (CONTRACT): with a broken case and nothing overdue, no calendar.
    if ics is not None and (found.overdue or not found.broken):
        from offsite_cli.base import atomic

        atomic.write_text(ics, agenda.ics(found, day, language, show_names), private=True)  # WorkFailed (exit 3) if it cannot
    if json_output:
        emit_json([
            {"case": str(item.folder), "id": item.deadline.id, "name": item.deadline.name,
             "date": item.deadline.date.isoformat(), "days_left": item.deadline.days_left,
             "provisional": item.deadline.provisional, "rule": item.deadline.rule,
             "verified": item.deadline.verified,
             "role": item.deadline.role, "person": {"name": item.name or None},
             "status": item.status.status.value if item.status else None,
             "status_date": item.status.on.isoformat() if item.status else None}
            for item in found.items
        ])
    else:
        _print(found, language)
    finish(pipeline.exit_code(found))


def _check_not_overwriting(path: Path) -> None:
    """--ics replaces only a calendar: never a case.toml, a scan or any other file."""
    from offsite_cli.base.errors import BadInput

    if path.exists():
        with path.open("rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \r\n\t")
        if not head.startswith(b"BEGIN:VCALENDAR"):
            raise BadInput("ics_not_calendar", option="--ics", value=str(path))


def _print(found: "object", lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from offsite_cli.cli import render
    from offsite_cli.cli.folding import Folded, fit_columns
    from offsite_cli.base.i18n import text, weekday
    from offsite_cli.policy.values import DeadlineRole

    screen = render.console()
    if not found.items:  # type: ignore[attr-defined]
        screen.print(text("deadlines.none", lang))
        return
    from offsite_cli.dossier.status import said

    table = Table(show_edge=False, pad_edge=False)
    statuses = any(item.status for item in found.items)  # type: ignore[attr-defined]
    keys = ["label.date", "label.days_left", "deadlines.person", "ledger.deadline",
            *(["claim.label"] if statuses else []), "deadlines.case"]
    for key in keys:
        table.add_column(text(key, lang), overflow="fold",  # the names wrap, the folder folds
                         no_wrap=key not in ("deadlines.case", "ledger.deadline"),
                         min_width={"deadlines.case": 8, "ledger.deadline": 12}.get(key))
    for item in found.items:  # type: ignore[attr-defined]
        deadline = item.deadline
        day = f"{deadline.date.isoformat()} {weekday(deadline.date.weekday(), lang)}"
        if deadline.provisional:
            day += f"\n({text('label.provisional', lang)})"
        if not deadline.verified:  # a period no source gives, assumed
            day += f"\n({text('profiles.unverified', lang)})"
        days = render.days_text(deadline.days_left, lang)
        if deadline.role == DeadlineRole.PAYMENT and deadline.days_left < 0:
            days.stylize("yellow")  # late payment: to follow up, not a deadline missed
        cells: list[object] = [day, days, Text(shown.line(item.name)), Folded(deadline.name)]
        if statuses:
            cells.append(f"{said(item.status.status, lang)}\n{item.status.on.isoformat()}"
                         if item.status else "")
        folder = shown.line(str(item.folder))
        table.add_row(*cells, Folded(Text(folder), whole=[(0, len(folder))]))
    if fit_columns(table, screen.width, prose=(3,)):
        screen.print(table)
        return
    for item in found.items:  # too narrow for whole folder names: each on the line under its date
        deadline = item.deadline
        line = Text(f"{deadline.date.isoformat()} {weekday(deadline.date.weekday(), lang)}")
        if deadline.provisional:
            line.append(f" ({text('label.provisional', lang)})")
        if not deadline.verified:
            line.append(f" ({text('profiles.unverified', lang)})")
        line.append("  ")
        line.append_text(render.days_text(deadline.days_left, lang))
        line.append(f"  {deadline.name}  {shown.line(item.name)}")
        if item.status:
            line.append(f"  {said(item.status.status, lang)} {item.status.on.isoformat()}")
        screen.print(Folded(line))
        screen.print(Text(f"  {shown.line(str(item.folder))}", style="dim"), soft_wrap=True)
