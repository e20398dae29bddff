"""`offsite dossier mark DIR... STATUS`: what happened to the claim, recorded in case.toml's [[history]]."""

from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.cli.common import (
    JsonOption, LangOption, NoInputOption, TodayOption, emit_json, error_line, finish, guarded,
    parse_date, resolve_lang, today_or,
)
from offsite_cli.base.errors import BadInput, ExitCode, OffsiteError


def mark(
    folders: Annotated[
        list[Path], typer.Argument(metavar="DIR...", help="One or more dossier folders, each with a case.toml.")
    ],
    status: Annotated[
        str, typer.Argument(metavar="STATUS", help="submitted (已提交), returned (已退回补正), paid (已到账), rejected (不予支付) or withdrawn (已撤回): the id or the label.")
    ],
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="The day it happened: 2026-11-30, 2026/11/30, 2026.11.30, 2026年11月30日 or 20261130; default: today.")
    ] = None,
    amount: Annotated[
        str | None, typer.Option("--amount", metavar="YUAN", help="The amount paid, in yuan (with paid only).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note kept with the entry (where it was handed in, why it was returned).")
    ] = None,
    today: TodayOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Record what happened to a claim — submitted, returned, paid, rejected, withdrawn — in case.toml.

    Each mark adds a [[history]] entry (date, status, amount, note) at the end of case.toml; the
    rest of the file, comments included, stays as it was. The steps that may follow: submitted →
    returned, paid, rejected or withdrawn; returned → submitted or withdrawn; nothing after paid,
    rejected or withdrawn (withdrawn is allowed before submitting). A mark that does not follow,
    a date before the last entry or after today, or --amount without paid is refused (exit 2) and
    no case.toml is changed — with several DIRs, none is changed unless all can be. STATUS is
    the id or the label offsite prints for it, in Chinese or English (已提交 is submitted).

    A submitted claim leaves `offsite deadlines` and comes back as the day its payment is
    expected; a returned one comes back with its claim deadline; a paid, rejected or withdrawn
    one leaves it.

    Example: offsite dossier mark ~/claims/张伟-2026-11 submitted --on 2026-11-25 --note 市医保中心窗口

    Example: offsite dossier mark ~/claims/张伟-2026-11 paid --on 2027-01-06 --amount 10234.50
    """
    guarded(_mark)(folders, status, on, amount, note or "", today, json_output, lang=lang)


def _mark(folders: list[Path], status: str, on: str | None, amount: str | None, note: str,
          today: str | None, json_output: bool, lang: str | None) -> None:
    from offsite_cli import pipeline
    from offsite_cli.base.amounts import parse_yuan

    language = resolve_lang(lang)
    day = today_or(today)
    when = parse_date(on, "--on") or day
    paid: float | None = None
    if amount is not None:
        try:
            paid = parse_yuan(amount)
        except ValueError:
            raise BadInput("bad_yuan", field="--amount", value=amount) from None
    edits: list[Any] = []
    refused: list[OffsiteError] = []
    for folder in folders:  # every one checked before any is written
        try:
            edits.append(pipeline.mark(folder, status, when, day, paid, note))
        except OffsiteError as error:
            refused.append(error)
    if refused:
        if len(folders) == 1:
            raise refused[0]
        for error in refused:
            typer.echo(error_line(error, language), err=True)
        from offsite_cli.base.i18n import text

        typer.echo(text("claim.unchanged", language, count=len(refused)), err=True)
        finish(max(ExitCode(error.exit_code) for error in refused))
    for edit in edits:
        edit.write()  # WorkFailed (exit 3): that file is left whole, as it was
    _warn_no_amount(edits, language)
    results = [_result(edit, day, language) for edit in edits]
    if json_output:
        emit_json(results[0] if len(results) == 1 else results)
        return
    _print(edits, results, language)


def _warn_no_amount(edits: list[Any], lang: str) -> None:
    """Paid without --amount: the register would count nothing paid for it, silently. One line
    each on standard error (never standard output, which may be JSON); the mark stands."""
    from offsite_cli.base.i18n import text
    from offsite_cli.policy.values import ClaimStatus

    for edit in edits:
        event = edit.case.history[-1]
        if event.status is ClaimStatus.PAID and event.amount is None:
            typer.echo(text("claim.no_amount", lang, folder=str(edit.case.folder),
                            file=str(edit.path)), err=True)


def _result(edit: Any, today: Any, lang: str) -> dict[str, Any]:
    from offsite_cli import pipeline
    from offsite_cli.dossier import status as claim_status

    case = edit.case
    event = case.history[-1]
    deadlines = []
    try:
        classified = pipeline.classify(case.folder, today, lang, case=case)
        deadlines = claim_status.open_deadlines(classified.classification, case.history,
                                                classified.profile, today, lang)
    except OffsiteError:
        pass  # a case the rules cannot classify yet (no region, …): its history is still kept
    return {"case": str(case.folder), **event.as_json(),
            "history": [entry.as_json() for entry in case.history],
            "deadlines": [{"id": d.id, "name": d.name, "date": d.date.isoformat(),
                           "days_left": d.days_left, "role": d.role} for d in deadlines]}


def _print(edits: list[Any], results: list[dict[str, Any]], lang: str) -> None:
    from rich.text import Text

    from offsite_cli.cli import render
    from offsite_cli.dossier.status import said
    from offsite_cli.base.i18n import text

    screen = render.console()
    for edit, result in zip(edits, results):
        event = edit.case.history[-1]
        line = Text("✓ ", style="bold green")
        line.append(text("claim.marked", lang, folder=str(edit.case.folder),
                         status=said(event.status, lang), date=event.on.isoformat()))
        if event.amount is not None:
            from offsite_cli.base.amounts import figures

            line.append("  " + text("claim.amount", lang, amount=figures(event.amount)))
        for deadline in result["deadlines"]:
            line.append(f"  {deadline['name']} {deadline['date']} ")
            line.append_text(render.days_text(deadline["days_left"], lang))
        screen.print(line, soft_wrap=True)
