"""`offsite dossier check DIR...`: the files of each folder against the checklist of its case."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.cli import batch
from offsite_cli.cli.common import (
    JsonOption, LangOption, NoInputOption, PasswordOption, ProfileOption, TodayOption, emit_json,
    error_line, finish, guarded, parse_passwords, resolve_lang, today_or, warn_unknown_passwords,
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
    "warnings". Several DIRs: a list with one such object per DIR, in order; a DIR whose case
    file is bad gives the same keys, empty, plus "error" and "exit_code". One DIR with a bad case
    file: nothing on standard output, the error on standard error, exit 2.

    Several DIRs or --all ROOT: checked --jobs at a time, a progress bar on a terminal, then one
    table (folder, person, result, what is missing); the exit code is the worst of them.

    Example: offsite dossier check examples/zhang-wei-2026-11

    Example: offsite dossier check --json examples/zhang-wei-2026-11 > report.json

    Example: offsite dossier check --all ~/claims/2026-11 --jobs 4
    """
    guarded(_check)(folders or [], password or [], today, profile, json_output, lang=lang,
                    root=all_root, jobs=jobs)


def _check(folders: list[Path], passwords: list[str], today: str | None, profile: str | None,
           json_output: bool, lang: str | None, root: Path | None = None,
           jobs: int | None = None) -> None:
    from offsite_cli import pipeline

    language = resolve_lang(lang)
    day = today_or(today)
    if not folders and root is None:
        raise OffsiteError("batch_no_folder", command="dossier check")
    if batch.is_batch(folders, root):
        chosen = batch.folders_of(folders, root)
        parse_passwords(passwords)  # a bad --password is bad input before any work
        settings = batch.Settings(today=day, lang=language, profile=profile, passwords=passwords)
        outcomes = batch.run(check_one, chosen, settings, jobs, batch.shows_progress(json_output))
        finish(batch.report(outcomes, json_output, language, root))
        return
    outcomes: list[tuple[Path, Any]] = []  # (folder, pipeline.Dossier | OffsiteError)
    for folder in folders:
        try:
            secrets = parse_passwords(passwords, folder)
            warn_unknown_passwords(secrets, folder, language)
            outcomes.append((folder, pipeline.open_dossier(folder, day, language, profile_id=profile,
                                                           passwords=secrets)))
        except OffsiteError as error:
            typer.echo(error_line(error, language), err=True)
            outcomes.append((folder, error))
    code = pipeline.exit_code(*(outcome for _, outcome in outcomes))

    if json_output:
        documents = [failed_json(folder, text_of(outcome, language), outcome)
                     if isinstance(outcome, OffsiteError) else outcome.report.as_json()
                     for folder, outcome in outcomes]
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
    shown = 0
    for folder, outcome in outcomes:
        if isinstance(outcome, OffsiteError):
            continue
        if shown:
            screen.print()
        shown += 1
        screen.print(render_dossier.report_view(outcome.report, suggested_words(outcome.profile, language),
                                                language, width=screen.width))
    if len(folders) > 1:
        screen.print()
        for folder, outcome in outcomes:
            failed = isinstance(outcome, OffsiteError)
            reason = text_of(outcome, language) if failed else ""
            screen.print(render_dossier.summary_line(folder, None if failed else outcome.report, reason,
                                                     language), soft_wrap=True)  # one line each
    finish(code)


def check_one(folder: Path, settings: batch.Settings) -> batch.Outcome:
    """One dossier of a batch check (run in a worker process)."""
    from offsite_cli import pipeline
    from offsite_cli.base.i18n import text

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
    detail = text("batch.missing", settings.lang, what="、".join(missing) if settings.lang == "zh"
                  else ", ".join(missing)) if missing else ""
    deadline = report.deadline
    if deadline:
        detail = (detail + "  " if detail else "") + batch.deadline_words(deadline, settings.lang)
    return batch.Outcome(folder=str(folder), name=dossier.case.name,
                         code=int(pipeline.exit_code(dossier)),
                         result="ok" if dossier.complete else "incomplete", detail=detail,
                         document=report.as_json())


def failed_json(folder: Path, message: str, error: OffsiteError) -> dict[str, Any]:
    """A folder whose case could not be read, in a list of reports: the keys of a report, empty,
    so that a script reads every item the same way; plus the error and its exit code."""
    return {
        "case": str(folder), "complete": False, "person": {"name": None, "id_number": None},
        "profile": None, "scope": None, "route": None, "documents": {}, "unmatched": [],
        "ambiguous": {}, "extra": {}, "deadline": None, "days_left": None, "deadlines": [],
        "warnings": [], "error": message, "exit_code": int(error.exit_code),
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
