"""`offsite dossier receipt add|list|remove DIR`: the receipts of case.toml's [[receipts]], without editing TOML."""

from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.cli.common import (
    JsonOption, LangOption, NoInputOption, TodayOption, emit_json, guarded, parse_date,
    resolve_lang, today_or, warn_notes,
)
from offsite_cli.base.errors import BadInput

app = typer.Typer(no_args_is_help=True, help="The receipts of a dossier (case.toml [[receipts]]): add, list, remove.")

FolderArgument = Annotated[Path, typer.Argument(metavar="DIR", help="A dossier folder with a case.toml.")]


@app.command("add")
def add(
    folder: FolderArgument,
    number: Annotated[str, typer.Option("--number", metavar="NUMBER", help="The number printed on the receipt or invoice.")],
    on: Annotated[str, typer.Option("--date", metavar="DATE", help="The receipt's date: 2026-11-05, 2026/11/5, 2026.11.5, 2026年11月5日 or 20261105.")],
    amount: Annotated[str, typer.Option("--amount", metavar="YUAN", help="The receipt's amount in yuan, e.g. 11606.20.")],
    item: Annotated[str | None, typer.Option("--item", metavar="TEXT", help="What it is for, e.g. 住院医疗费.")] = None,
    today: TodayOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Add a receipt to case.toml; its comments and layout stay as they were.

    The receipt is checked as case.toml is read (a date, an amount in yuan with at most two
    decimals, more than 0 and at most 10,000,000), its date may not be after today, and a number
    already in the dossier is refused (exit 2, case.toml unchanged). A date outside the stay or
    years ago is added with a warning on standard error. The same receipt in another dossier is found by offsite ledger
    and offsite dossier check DIR --across ROOT.

    Example: offsite dossier receipt add ~/claims/张伟-2026-11 --number 3100260001234567 --date 2026-11-13 --amount 11606.20 --item 住院医疗费
    """
    guarded(_add)(folder, number, on, amount, item or "", today, json_output, lang=lang)


def _add(folder: Path, number: str, on: str, amount: str, item: str, today: str | None,
         json_output: bool, lang: str | None) -> None:
    from offsite_cli.base.amounts import figures, parse_yuan
    from offsite_cli.dossier import case as case_file
    from offsite_cli.dossier import edit
    from offsite_cli.policy import episode_dates

    language = resolve_lang(lang)
    day = today_or(today)
    number = number.strip()
    if not number:
        raise BadInput("receipt_number_empty")
    when = parse_date(on, "--date")
    if when is None:
        raise BadInput("bad_date", field="--date", value=on)
    if when > day:
        raise BadInput("receipt_future", value=when.isoformat(), today=day.isoformat())
    try:
        yuan = parse_yuan(amount)
    except ValueError:
        raise BadInput("bad_yuan", field="--amount", value=amount) from None
    expected = case_file.receipt_amount_expected(yuan)  # the loader's own rule for [[receipts]]
    if expected is not None:
        raise BadInput("receipt_amount", field="--amount", value=amount.strip(), expected=expected)
    case = case_file.load(folder, day)
    for receipt in case.receipts:
        if receipt.number and edit.normal_number(receipt.number) == edit.normal_number(number):
            raise BadInput("receipt_duplicate", value=number, file=str(case.path),
                           date=receipt.date.isoformat() if receipt.date else "—",
                           amount=figures(receipt.amount))
    change = edit.add_receipt(folder, {"number": number, "date": when, "amount": yuan,
                                       "item": item.strip()}, day)
    change.write()
    # what the loader says of a [[receipts]] date (years ago, outside the stay), said of --date
    warn_notes(episode_dates.receipt_notes(day, "--date", when, change.case.admitted,
                                           change.case.discharged), language)
    if json_output:
        emit_json(_listing(change.case))
        return
    from offsite_cli.base.i18n import text

    typer.echo(text("receipt.added", language, file=str(change.path), number=number,
                    date=when.isoformat(), amount=figures(yuan)))


@app.command("list")
def list_command(
    folder: FolderArgument,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """List the receipts of case.toml, with their total against episode.amount.

    --json: {"case", "receipts": [{"number", "date", "amount", "item"}], "total", "claimed"}.

    Example: offsite dossier receipt list ~/claims/张伟-2026-11
    """
    guarded(_list)(folder, json_output, lang=lang)


def _listing(case: Any) -> dict[str, Any]:
    return {"case": str(case.folder),
            "receipts": [{"number": r.number, "date": r.date.isoformat() if r.date else None,
                          "amount": r.amount, "item": r.item} for r in case.receipts],
            "total": round(sum(r.amount for r in case.receipts), 2), "claimed": case.amount}


def _list(folder: Path, json_output: bool, lang: str | None) -> None:
    from offsite_cli.dossier import case as case_file

    language = resolve_lang(lang)
    case = case_file.load(folder)
    if json_output:
        emit_json(_listing(case))
        return
    from rich.table import Table

    from offsite_cli.base.amounts import figures
    from offsite_cli.base.i18n import text
    from offsite_cli.cli import render

    screen = render.console()
    if not case.receipts:
        screen.print(text("receipt.none", language, file=str(case.path)), soft_wrap=True)
        return
    table = Table(show_edge=False, pad_edge=False, show_footer=True)
    total = sum(r.amount for r in case.receipts)
    table.add_column(text("receipt.number", language), footer=text("receipt.total", language),
                     no_wrap=True)
    table.add_column(text("receipt.date", language), no_wrap=True)
    table.add_column(text("receipt.amount", language), justify="right", footer=figures(total),
                     no_wrap=True)
    table.add_column(text("receipt.item", language), overflow="fold")
    for receipt in case.receipts:
        table.add_row(receipt.number or "—", render.short_date(receipt.date),
                      figures(receipt.amount), receipt.item)
    screen.print(table)
    if case.amount is not None and abs(case.amount - total) >= 0.005:
        screen.print(text("receipt.claimed", language, total=figures(total),
                          claimed=figures(case.amount)), style="yellow", soft_wrap=True)


@app.command("remove")
def remove(
    folder: FolderArgument,
    number: Annotated[str, typer.Argument(metavar="NUMBER", help="The receipt's number, as receipt list shows it.")],
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Remove a receipt from case.toml by its number; the rest of the file stays as it was.

    A number that is not there is refused (exit 2) with the numbers that are.

    Example: offsite dossier receipt remove ~/claims/张伟-2026-11 3100260001234567
    """
    guarded(_remove)(folder, number, json_output, lang=lang)


def _remove(folder: Path, number: str, json_output: bool, lang: str | None) -> None:
    from offsite_cli.dossier import edit

    language = resolve_lang(lang)
    change = edit.remove_receipt(folder, number.strip())
    change.write()
    if json_output:
        emit_json(_listing(change.case))
        return
    from offsite_cli.base.i18n import text

    typer.echo(text("receipt.removed", language, file=str(change.path), number=number.strip()))
