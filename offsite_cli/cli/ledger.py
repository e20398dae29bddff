"""`offsite ledger ROOT...`: the claims register (台账), one row per dossier, as a table, .xlsx, .csv or JSON."""

from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.cli.common import (
    JsonOption, LangOption, NoInputOption, ProfileOption, TodayOption, check_output_file,
    emit_json, error_line, finish, guarded, resolve_lang, today_or,
)


def ledger(
    roots: Annotated[
        list[Path] | None,
        typer.Argument(metavar="ROOT...", help="Folders to search for dossiers (case.toml); default: the current folder."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write the register to FILE.xlsx or FILE.csv (UTF-8 with BOM).")
    ] = None,
    show_id: Annotated[
        bool, typer.Option("--show-id", help="Full ID numbers instead of masked ones.")
    ] = False,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """The claims register: one row per dossier under the folders, with totals.

    Each row: person, ID number (masked unless --show-id), unit, insured place, place of
    treatment, hospital, dates, kind of care, route, amount claimed, receipts, documents complete
    or what is missing, the open deadline and days left, status and its dates, amount paid, and
    any receipt also claimed in another dossier (the same number, or a file with the same
    content). Documents are read only where they changed since a dossier check or ledger last
    read them. .xlsx: IDs and receipt numbers as text, amounts as numbers, dates as dates, a
    frozen bold header with filters, a totals row; --json: {"dossiers", "totals", "duplicates"}.

    Exit 0: done; 1: a receipt is in two dossiers; 2: a case.toml could not be used (named on
    standard error; nothing written); 3: FILE could not be written (nothing half-written).

    Example: offsite ledger ~/claims -o 台账-2026-11.xlsx

    Example: offsite ledger ~/claims --json > ledger.json
    """
    guarded(_ledger)(roots, output, show_id, today, profile, json_output, lang=lang)


def _ledger(roots: list[Path] | None, output: Path | None, show_id: bool, today: str | None,
            profile: str | None, json_output: bool, lang: str | None) -> None:
    import os

    from offsite_cli import pipeline
    from offsite_cli.base.errors import BadInput, ExitCode, WorkFailed, os_reason

    language = resolve_lang(lang)
    day = today_or(today)
    folders = roots or [Path(".")]
    for folder in folders:
        if not folder.is_dir():
            raise BadInput("folder_missing", field="ROOT", value=str(folder))
    if output is not None:
        if output.suffix.lower() not in (".xlsx", ".csv"):
            raise BadInput("ledger_bad_suffix", value=str(output))
        check_output_file(output, "-o", "ledger.xlsx")
        parent = output.absolute().parent
        if not os.access(parent, os.W_OK | os.X_OK) or (output.exists() and not os.access(output, os.W_OK)):
            raise WorkFailed("write_failed", file=str(output),  # before the work, not after
                             reason=os_reason(PermissionError(13, "Permission denied")))
    found = pipeline.ledger(folders, day, language, profile)
    for folder, error in found.broken:
        typer.echo(error_line(error, language), err=True)
    code = ExitCode.BAD_INPUT if found.broken else (
        ExitCode.FINDING if found.duplicates else ExitCode.OK)
    if output is not None and not found.broken:  # exit 2 writes nothing
        from offsite_cli.base import atomic
        from offsite_cli.base.i18n import text
        from offsite_cli.dossier import ledger as register

        data = (register.xlsx_bytes if output.suffix.lower() == ".xlsx" else register.csv_bytes)(
            found, language, show_id)
        # with --show-id it carries full ID numbers: private (0600), as the forms and the PDF
        atomic.write_bytes(output, data, private=show_id)  # WorkFailed (exit 3) if it cannot
        typer.echo(text("ledger.written", language, file=str(output), count=len(found.rows)),
                   err=json_output)
    if json_output:
        emit_json(found.as_json(show_id))
    elif output is None:
        _print(found, language, show_id)
    finish(code)


def _print(found: Any, lang: str, show_id: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    from offsite_cli.base.amounts import figures
    from offsite_cli.base.i18n import text
    from offsite_cli.cli import render
    from offsite_cli.policy.values import DeadlineRole

    screen = render.console()
    if not found.rows:
        screen.print(text("ledger.none", lang))
        return
    totals = found.totals()

    def money(value: float | None) -> str:
        return figures(value) if value is not None else ""

    table = Table(show_edge=False, pad_edge=False, show_footer=True)
    # each total under its own column: the amounts claimed, the complete ones, the amounts paid
    columns = [("case", text("receipt.total", lang)),
               ("amount_short", money(totals["amount"])),
               ("complete", f"{totals['complete']}/{totals['to_claim']}"),  # of those with a claim
               ("deadline", ""), ("status", ""), ("paid_short", money(totals["paid"]))]
    wide = screen.width >= WIDE  # room for the hospital and the route too
    if wide:
        columns[1:1] = [("hospital", ""), ("route", "")]
    for key, footer in columns:
        table.add_column(text(f"ledger.{key}", lang), footer=footer, overflow="fold",
                         justify="right" if key in ("amount_short", "paid_short") else "left",
                         no_wrap=key in ("amount_short", "paid_short"),
                         min_width={"case": 10, "complete": 8, "deadline": 10, "status": 10}.get(key))
    shown = _short_names([row.case.folder for row in found.rows])
    missing: list[tuple[str, str, str]] = []
    for row, folder in zip(found.rows, shown):
        values = row.values(lang, show_id)
        who = Text(folder)
        if values["name"]:
            who.append(f"\n{values['name']}", style="bold")
        if show_id and values["id_number"]:
            who.append(f"\n{values['id_number']}")
        if row.duplicates:
            who.append(" ⚠", style="bold red")
        documents = Text(values["complete"] or "",
                         style="green" if row.digest and row.digest.complete else "red")
        if row.missing_names:  # how many here; which ones under the table, as prose
            documents.append("\n" + text("ledger.missing_count", lang, count=len(row.missing_names)),
                             style="red")
            missing.append((folder, values["name"], values["missing"]))
        deadline = Text()
        if row.deadline is not None:
            if row.deadline.role == DeadlineRole.PAYMENT:  # not a deadline: when the money is due
                deadline.append(text("ledger.payment_due", lang) + "\n", style="dim")
            deadline.append(f"{row.deadline.date.isoformat()}\n")
            deadline.append_text(render.days_text(row.deadline.days_left, lang))
        status = Text(values["status"]) if values["status"] else \
            Text(text("ledger.status_none", lang), style="dim")
        if values["status_on"]:
            status.append(f"\n{values['status_on'].isoformat()}")
        paid = Text(money(values["paid"]), style="green") if values["paid"] is not None else ""
        more = [values["hospital"], values["route"]] if wide else []
        table.add_row(who, *more, money(values["amount"]), documents, deadline, status, paid)
    screen.print(table)
    if missing:
        screen.print(Text("\n" + text("ledger.missing_title", lang), style="bold red"))
        screen.print(render.bullets([f"{folder}" + (f"（{name}）" if lang == "zh" and name else f" ({name})" if name else "")
                                     + ("：" if lang == "zh" else ": ") + what for folder, name, what in missing],
                                    indent=1, style="red"))
    if found.duplicates:
        from offsite_cli.dossier.duplicates import describe

        block = Text("\n⚠ " + text("duplicates.title", lang) + "\n", style="bold red")
        for duplicate in found.duplicates:
            first = duplicate.folders[0]
            block.append(f" • {first}: {describe(duplicate, first, lang)}\n", style="red")
        screen.print(block, end="", soft_wrap=True)  # paths are not cut


WIDE = 130  # columns from which the register's table shows the hospital and the route


def _short_names(folders: list[Path]) -> list[str]:
    """Each dossier by its folder's name when the names are unique, else by its whole path."""
    names = [folder.name or str(folder) for folder in folders]
    return names if len(set(names)) == len(names) else [str(folder) for folder in folders]
