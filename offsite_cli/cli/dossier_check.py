"""`offsite dossier check DIR...`: the files of each folder against the checklist of its case."""

from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.cli import batch
from offsite_cli.cli.common import (
    JsonOption, LangOption, NoInputOption, PasswordOption, ProfileOption, TodayOption, emit_json,
    error_line, finish, guarded, parse_passwords, resolve_lang, today_or, warn_notes,
    warn_unknown_passwords,
)
from offsite_cli.base.errors import OffsiteError


def check(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(metavar="DIR...", help="One or more dossier folders, each with a case.toml."),
    ] = None,
    all_root: batch.AllOption = None,
    jobs: batch.JobsOption = None,
    password: PasswordOption = None,
    across: Annotated[
        list[Path] | None,
        typer.Option("--across", metavar="ROOT", help="Also look for the same receipts (number or file) in every dossier under ROOT; repeatable."),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Only one line per folder: complete or not, what is missing, the deadline.")
    ] = False,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,  # nothing is asked; accepted as every command does
) -> None:
    """Check a dossier's files against the checklist of its case; nothing in the folder is changed.

    Files are matched to documents by case.toml [documents], then by sub-folder, then by words in
    the file name, then by words in a PDF's text. A document is ok when at least one of its files
    can be read; files that cannot are listed under its problems. Exit 0: complete; 1: a required
    document is missing or unreadable; 2: a bad case file.

    --json, one DIR: one object — "case", "complete", "documents" (an object keyed by document
    id, e.g. "receipt": {"status": "ok|missing|unreadable|not_required", "files": [...],
    "problems": [...]}), "unmatched", "ambiguous", "deadline", "days_left", "deadlines",
    "warnings", "status" (where the claim stands: "current", "date", "history", and for a claim
    handed in "payment_expected"); with --across,
    "duplicates" (each receipt also in another dossier: "kind" number or file, "cases").
    Several DIRs (or --all): a list with one such object per DIR, in order, each with
    "duplicates" (a receipt also in another of them or under --across); a DIR whose case file is bad
    gives the same keys, empty, plus "error" and "exit_code". One DIR with a bad case
    file: nothing on standard output, the error on standard error, exit 2. A receipt found in
    another dossier with --across is exit 1 as well.

    Several DIRs or --all ROOT: checked --jobs at a time, a progress bar on a terminal, then one
    table (folder, person, result, what is missing) — the summary; a receipt found in two of them
    is named on standard error (exit 1); the exit code is the worst of them. --summary, one DIR:
    only its one line.

    Example: offsite dossier check examples/zhang-wei-2026-11

    Example: offsite dossier check ~/claims/张伟-2026-11 --across ~/claims

    Example: offsite dossier check --json examples/zhang-wei-2026-11 > report.json

    Example: offsite dossier check --all ~/claims/2026-11 --jobs 4
    """
    guarded(_check)(folders or [], password or [], today, profile, json_output, summary, lang=lang,
                    across=across or [], root=all_root, jobs=jobs)


def _check(folders: list[Path], passwords: list[str], today: str | None, profile: str | None,
           json_output: bool, summary: bool, lang: str | None, across: list[Path] | None = None,
           root: Path | None = None, jobs: int | None = None) -> None:
    from offsite_cli import pipeline
    from offsite_cli.base.errors import BadInput, ExitCode

    language = resolve_lang(lang)
    day = today_or(today)
    for other_root in across or []:
        if not other_root.is_dir():
            raise BadInput("folder_missing", field="--across", value=str(other_root))
    if not folders and root is None:
        raise OffsiteError("batch_no_folder", command="dossier check")
    if batch.is_batch(folders, root):
        chosen = batch.folders_of(folders, root)
        parse_passwords(passwords)  # a bad --password is bad input before any work
        settings = batch.Settings(today=day, lang=language, profile=profile, passwords=passwords)
        outcomes = batch.run(check_one, chosen, settings, jobs, batch.shows_progress(json_output),
                             prepare=pipeline.prepare_reading)
        # a claim must not be paid twice: the same receipt in two of these dossiers (or under
        # --across), from the digests the run just kept (no file read again)
        twice, _ = pipeline.duplicates_among(chosen + list(across or []), day, language, profile)
        # (a dossier that could not be read is named by the batch already)
        from offsite_cli.dossier import duplicates as found_twice

        for outcome in outcomes:  # in each item of the JSON list, as for one folder
            outcome.document["duplicates"] = [d.as_json() for d in found_twice.involving(
                Path(outcome.folder), twice)]
        code = batch.report(outcomes, json_output, language, root)

        for duplicate in twice:
            typer.echo(f"{duplicate.folders[0]}: " + found_twice.describe(duplicate, duplicate.folders[0],
                                                                         language), err=True)
        finish(max(code, ExitCode.FINDING) if twice else code)
        return
    outcomes: list[tuple[Path, Any]] = []  # (folder, pipeline.Dossier | OffsiteError)
    for folder in folders:
        try:
            secrets = parse_passwords(passwords, folder)
            warn_unknown_passwords(secrets, folder, language)
            opened = pipeline.open_dossier(folder, day, language, profile_id=profile,
                                           passwords=secrets)
            warn_notes(opened.case.notes, language)
            outcomes.append((folder, opened))
        except OffsiteError as error:
            typer.echo(error_line(error, language), err=True)
            outcomes.append((folder, error))
    code = pipeline.exit_code(*(outcome for _, outcome in outcomes))
    twice: dict[Path, list[Any]] = {}  # folder → its receipts found in other dossiers (--across)
    if across:
        for folder, outcome in outcomes:
            if isinstance(outcome, OffsiteError):
                continue
            twice[folder], broken = pipeline.across(outcome, across, day, language, profile)
            for other, _ in broken:
                typer.echo(text_of(OffsiteError("duplicates.broken", folder=str(other)), language),
                           err=True)
            if twice[folder]:
                code = max(code, ExitCode.FINDING)

    if json_output:
        documents = [failed_json(folder, text_of(outcome, language), outcome)
                     if isinstance(outcome, OffsiteError) else outcome.report.as_json()
                     for folder, outcome in outcomes]
        for (folder, outcome), document in zip(outcomes, documents):
            expected = _expected(outcome, day, language)
            if expected is not None:
                document["status"]["payment_expected"] = {
                    "date": expected.date.isoformat(), "days_left": expected.days_left}
            if across:
                document["duplicates"] = [d.as_json() for d in twice.get(folder, [])]
        if len(folders) == 1:
            if isinstance(outcomes[0][1], OffsiteError):
                finish(code)
            emit_json(documents[0])
        else:
            emit_json(documents)
        finish(code)
        return

    from offsite_cli.cli import render, render_dossier

    screen = render.console()
    if summary or len(folders) > 1:  # the one line per folder first: what a loop looks at
        for folder, outcome in outcomes:
            failed = isinstance(outcome, OffsiteError)
            reason = text_of(outcome, language) if failed else ""
            screen.print(render_dossier.summary_line(folder, None if failed else outcome.report, reason,
                                                     language), soft_wrap=True)  # one line each
    if summary:
        finish(code)
        return
    shown = summary or len(folders) > 1
    for folder, outcome in outcomes:
        if isinstance(outcome, OffsiteError):
            continue
        if shown:
            screen.print()
        shown = True
        screen.print(render_dossier.report_view(outcome.report, suggested_words(outcome.profile, language),
                                                language, width=screen.width,
                                                expected=_expected(outcome, day, language)))
        if twice.get(folder):
            screen.print()
            screen.print(render_dossier.duplicates_view(twice[folder], folder, language),
                         soft_wrap=True)  # paths are not cut
    finish(code)


def _expected(outcome: Any, today: Any, lang: str) -> Any:
    """The day payment is expected, for a claim marked submitted (else None)."""
    from offsite_cli.dossier import status as claim_status
    from offsite_cli.policy.values import ClaimStatus

    if isinstance(outcome, OffsiteError):
        return None
    now = claim_status.current(outcome.case.history)
    if now is None or now.status is not ClaimStatus.SUBMITTED:
        return None
    return claim_status.payment_expected(outcome.classification, outcome.profile, now.on, today, lang)


def check_one(folder: Path, settings: batch.Settings) -> batch.Outcome:
    """One dossier of a batch check (run in a worker process)."""
    from offsite_cli import pipeline
    from offsite_cli.base.i18n import names_list, text

    try:
        secrets = parse_passwords(settings.passwords, folder)
        dossier = pipeline.open_dossier(folder, settings.today, settings.lang,
                                        profile_id=settings.profile, passwords=secrets)
    except OffsiteError as error:
        outcome = batch.failed(folder, error, settings.lang)
        outcome.document = failed_json(folder, outcome.detail, error)
        return outcome
    report = dossier.report
    missing = batch.missing_names(report)
    detail = text("batch.missing", settings.lang, what=names_list(missing, settings.lang)) if missing else ""
    deadline = report.deadline
    if deadline:  # on a line of its own: not run into the list of what is missing
        detail = (detail + "\n" if detail else "") + batch.deadline_words(deadline, settings.lang)
    if not dossier.classification.to_claim:  # as `dossier build` and the ledger say of it
        from offsite_cli.base.i18n import label

        detail = label("route", dossier.classification.route.value, settings.lang)
    return batch.Outcome(folder=str(folder), name=dossier.case.name,
                         code=int(pipeline.exit_code(dossier)),
                         result="nothing" if not dossier.classification.to_claim else
                         "ok" if dossier.complete else "incomplete", detail=detail,
                         document=report.as_json())


def failed_json(folder: Path, message: str, error: OffsiteError) -> dict[str, Any]:
    """A folder whose case could not be read, in a list of reports: the keys of a report, empty,
    so that a script reads every item the same way; plus the error and its exit code."""
    return {
        "case": str(folder), "complete": False, "person": {"name": None, "id_number": None},
        "profile": None, "scope": None, "route": None, "documents": {}, "unmatched": [],
        "ambiguous": {}, "extra": {}, "deadline": None, "days_left": None, "deadlines": [],
        "warnings": [], "receipts": [], "status": None, "error": message,
        "exit_code": int(error.exit_code),
    }


def text_of(error: OffsiteError, lang: str) -> str:
    from offsite_cli.base.i18n import text

    return text(error.message, lang, **error.params)


def suggested_words(policy: Any, lang: str) -> dict[str, str]:
    """For each document, a word to put in a file name (the first of the profile's words)."""
    words = {}
    for document_id, data in policy.documents.items():
        listed = data.get(f"words_{lang}") or data.get("words_zh") or [document_id]
        words[document_id] = listed[0]
    return words
