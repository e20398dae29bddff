"""`dossier check` in full: case → checklist; folder → files; files → documents; the JSON report."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from offsite_cli.dossier import case as case_file
from offsite_cli.files import filecheck
from offsite_cli.dossier import matching
from offsite_cli.policy import rules
from offsite_cli.dossier.checklist import DocumentResult, DossierReport, FileInfo, Status
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text
from offsite_cli.policy.profiles import Profile

IGNORED_FILES = {"case.toml", "readme.txt", "dossier.pdf"}  # at the top of the folder
IGNORED_FOLDERS = {"forms"}  # at the top: forms written by `dossier forms`
IGNORED_ANYWHERE = {"thumbs.db", "desktop.ini"}

_NEEDED = (  # case.toml key, Case attribute, example
    ("insured.region", "insured_region", 'region = "140500"'),
    ("episode.region", "treatment_region", 'region = "310104"'),
    ("person.insurance", "insurance", 'insurance = "employee"'),
    ("person.category", "category", 'category = "stationed-worker"'),
    ("episode.care", "care", 'care = "inpatient"'),
)


def situation_of(case: case_file.Case, profile: Profile) -> rules.Situation:
    """The situation a case describes; what the rules need and the case lacks is bad input."""
    for key, attribute, example in _NEEDED:
        if not getattr(case, attribute):
            raise BadInput("case_field_missing", file=str(case.path), field=key, example=example)
    if case.category not in profile.categories:
        raise BadInput("case_invalid", file=str(case.path), key="person.category",
                       value=case.category, expected=" | ".join(profile.categories))
    assert case.insured_region and case.treatment_region
    return rules.Situation(
        insured_region=case.insured_region, treatment_region=case.treatment_region,
        insurance=case.insurance, category=case.category, care=case.care,
        admitted=case.admitted, discharged=case.discharged, filed=case.filed,
        filed_on=case.filed_on, direct_settlement=case.direct_settlement,
    )


def run(folder: Path, profile: Profile, today: date, lang: str, passwords: dict[str, str],
        case: case_file.Case | None) -> DossierReport:
    if case is None:
        case = case_file.load(folder, today)
    for document_id in case.documents:
        if document_id not in profile.documents:
            raise BadInput("case_invalid", file=str(case.path), key=f"documents.{document_id}",
                           value=document_id, expected="a document id of profile " + profile.id
                           + ", e.g. receipt, expense-list, discharge-certificate")
    classification = rules.classify(situation_of(case, profile), profile, today, lang)
    root = Path(os.path.realpath(folder))
    files = scan(folder, root, lang, passwords)
    by_relative = {info.relative: info for info in files}
    _mark_duplicates(files, lang)

    explicit: dict[str, set[str]] = {}  # relative path → ids from [documents]
    listed_missing: dict[str, list[str]] = {}
    for document_id, paths in case.documents.items():
        for listed in paths:
            relative = _clean(listed)
            path = folder / relative
            if not os.path.lexists(path):
                listed_missing.setdefault(document_id, []).append(relative)
                continue
            if path.is_dir() and not path.is_symlink():
                inside = [r for r in by_relative if r.startswith(relative.rstrip("/") + "/")]
                for found in inside:
                    explicit.setdefault(found, set()).add(document_id)
                continue
            if relative not in by_relative:  # a file the scan skips (hidden, forms/): listed, so taken
                info = _read_one(folder, relative, root, lang, passwords)
                by_relative[relative] = info
                files.append(info)
            explicit.setdefault(relative, set()).add(document_id)

    words = matching.vocabulary(profile)
    assigned: dict[str, list[tuple[FileInfo, str]]] = {}
    unmatched: list[FileInfo] = []
    ambiguous: dict[str, list[str]] = {}
    for info in sorted(files, key=lambda i: i.relative):
        found, how = _match(info, explicit, words, passwords)
        if how == "documents" or len(found) == 1:
            for document_id in sorted(found):
                assigned.setdefault(document_id, []).append((info, how))
        elif found:
            ambiguous[info.relative] = sorted(found, key=_checklist_rank(classification))
        else:
            unmatched.append(info)

    folders = _document_folders(folder, words)
    results: list[DocumentResult] = []
    seen: dict[str, DocumentResult] = {}
    for document in classification.documents:
        if document.id in seen:  # the same id for filing and for the claim: one result
            earlier = seen[document.id]
            earlier.required = earlier.required or document.required
            earlier.stages = (*earlier.stages, document.stage)
            continue
        result = DocumentResult(
            id=document.id, name=document.name, required=document.required, stage=document.stage,
            status=Status.MISSING, alternatives=document.alternatives,
            alternative_to=document.alternative_to, stages=(document.stage,),
            folder=folders.get(document.id, ""),
        )
        seen[document.id] = result
        results.append(result)
    for document_id, matched in assigned.items():  # a card is judged at card size, not A4
        if document_id in filecheck.CARD_SIZED:
            for info, _ in matched:
                filecheck.judge_resolution(info, lang, document_id)
    for result in results:
        _settle(result, assigned.get(result.id, []), listed_missing.get(result.id, []), lang)
    for result in results:
        if result.required and result.status is Status.MISSING and not listed_missing.get(result.id):
            for other in result.alternatives:
                if other in seen and seen[other].status is Status.OK:
                    result.status = Status.OK
                    result.satisfied_by = other
                    break
    from offsite_cli.policy import form_needs  # a document the tool can fill: `dossier check` says so

    for need in form_needs.needed_forms(classification, profile):
        if need.document in seen and not seen[need.document].form:
            seen[need.document].form = need.name
    extra = {document_id: [info for info, _ in matched]
             for document_id, matched in assigned.items() if document_id not in seen}
    return DossierReport(case=case, classification=classification, documents=results,
                         unmatched=unmatched, ambiguous=ambiguous, extra=extra,
                         files=sorted(files, key=lambda i: i.relative))


def _checklist_rank(classification: rules.Classification):  # noqa: ANN202
    order = {d.id: index for index, d in enumerate(classification.documents)}
    return lambda document_id: (order.get(document_id, len(order)), document_id)


def _clean(listed: str) -> str:
    value = listed.replace("\\", "/")
    while value.startswith("./"):
        value = value[2:]
    return value


def _settle(result: DocumentResult, matched: list[tuple[FileInfo, str]], listed_missing: list[str],
            lang: str) -> None:
    result.files = [info for info, _ in matched]
    result.matched_by = {info.relative: how for info, how in matched}
    for relative in listed_missing:
        result.problems.append(text("problem.listed_missing", lang, path=relative))
    readable = any(info.readable for info in result.files)
    for info in result.files:
        if not info.readable:  # with a readable file beside it, it is left out of the PDF
            key = "problem.unreadable_skipped" if readable else "problem.unreadable"
            result.problems.append(text(key, lang, path=info.relative, reason=info.reason))
        result.problems.extend(f"{info.relative}: {problem}" for problem in info.problems)
    if listed_missing:
        result.status = Status.MISSING
    elif not result.files:
        result.status = Status.MISSING if result.required else Status.NOT_REQUIRED
    elif not readable:
        result.status = Status.UNREADABLE
    else:
        result.status = Status.OK


def _match(info: FileInfo, explicit: dict[str, set[str]], words: matching.Vocabulary,
           passwords: dict[str, str]) -> tuple[set[str], str]:
    if info.relative in explicit:
        return explicit[info.relative], "documents"
    found = matching.by_folder(info.relative, words)
    if found:
        return found, "folder"
    found = matching.by_name(info.relative, words)
    if found:
        return found, "name"
    if info.kind == "pdf" and info.readable:
        content = filecheck.pdf_text(info.path, password_for(passwords, info.relative))
        found = matching.by_text(content, words)
        if found:
            return found, "text"
    return set(), ""


def password_for(passwords: dict[str, str], relative: str) -> str | None:
    return passwords.get(relative) or passwords.get(relative.rsplit("/", 1)[-1]) or passwords.get("*")


def _document_folders(folder: Path, words: matching.Vocabulary) -> dict[str, str]:
    """Top-level sub-folders that name exactly one document (as `dossier new` makes them)."""
    found: dict[str, str] = {}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
            documents = words.folder_documents(entry.name)
            if len(documents) == 1:
                found.setdefault(next(iter(documents)), entry.name)
    return found


# ------------------------------------------------------------------------------------- scanning


def scan(folder: Path, root: Path, lang: str, passwords: dict[str, str]) -> list[FileInfo]:
    """Every file of the dossier (hidden files, case.toml, README.txt, forms/, dossier.pdf left out),
    read; a link that leads out of the folder is unreadable and is not followed."""
    found: list[FileInfo] = []
    for directory, folder_names, file_names in os.walk(folder, followlinks=False):
        here = Path(directory)
        top = here == folder
        keep = []
        for name in sorted(folder_names):
            if name.startswith(".") or (top and name.lower() in IGNORED_FOLDERS):
                continue
            path = here / name
            if path.is_symlink():
                inside, target = filecheck.resolve_inside(path, root)
                if not inside:
                    found.append(_unreadable(path, folder, text("file.link_outside", lang,
                                                                target=target)))
                continue  # a link inside the folder: its files are found where they are
            keep.append(name)
        folder_names[:] = keep
        for name in sorted(file_names):
            lowered = name.lower()
            if name.startswith(".") or name.startswith("~$") or lowered in IGNORED_ANYWHERE:
                continue
            if top and lowered in IGNORED_FILES:
                continue
            relative = (here / name).relative_to(folder).as_posix()
            found.append(_read_one(folder, relative, root, lang, passwords))
    return found


def _read_one(folder: Path, relative: str, root: Path, lang: str,
              passwords: dict[str, str]) -> FileInfo:
    path = folder / relative
    if path.is_symlink():
        inside, target = filecheck.resolve_inside(path, root)
        if not inside:
            return _unreadable(path, folder, text("file.link_outside", lang, target=target))
        if not path.exists():
            return _unreadable(path, folder, text("file.link_broken", lang, target=target))
    if path.is_dir():
        return _unreadable(path, folder, text("file.is_folder", lang))
    return filecheck.inspect(path, relative, lang, password_for(passwords, relative))


def _unreadable(path: Path, folder: Path, reason: str) -> FileInfo:
    return FileInfo(path=path, relative=path.relative_to(folder).as_posix(), kind="other", size=0,
                    readable=False, reason=reason)


def _mark_duplicates(files: list[FileInfo], lang: str) -> None:
    first: dict[str, str] = {}
    for info in sorted(files, key=lambda i: i.relative):
        if not info.sha256 or info.size == 0:
            continue
        if info.sha256 in first:
            info.problems.append(text("problem.duplicate", lang, other=first[info.sha256]))
        else:
            first[info.sha256] = info.relative


# ----------------------------------------------------------------------------------------- JSON


def file_json(info: FileInfo, matched_by: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "path": info.relative, "kind": info.kind, "size": info.size, "readable": info.readable,
        "reason": info.reason, "pages": info.pages, "width": info.width, "height": info.height,
        "dpi": info.dpi, "dpi_at": info.dpi_at or None, "sha256": info.sha256,
        "encrypted": info.encrypted, "problems": list(info.problems),
    }
    if matched_by is not None:
        item["matched_by"] = matched_by
    return item


def report_json(report: DossierReport) -> dict[str, Any]:
    classification = report.classification
    documents: dict[str, Any] = {}
    for result in report.documents:
        item: dict[str, Any] = {
            "name": result.name, "required": result.required, "stage": result.stage,
            "stages": list(result.stages), "status": result.status.value,
            "files": [file_json(info, result.matched_by.get(info.relative)) for info in result.files],
            "problems": list(result.problems),
        }
        if result.alternatives:
            item["alternatives"] = list(result.alternatives)
        if result.alternative_to:
            item["alternative_to"] = result.alternative_to
        if result.satisfied_by:
            item["satisfied_by"] = result.satisfied_by
        if result.folder:
            item["folder"] = result.folder
        if result.form:
            item["form"] = result.form
        documents[result.id] = item
    deadline = report.deadline
    case = report.case
    return {
        "case": str(case.folder),
        "complete": report.complete,
        "person": {"name": case.name,
                   "id_number": case.id_number.masked if case.id_number else None},
        "profile": classification.profile,
        "scope": classification.scope.value,
        "route": classification.route.value,
        "documents": documents,
        "unmatched": [file_json(info) for info in report.unmatched],
        "ambiguous": {path: list(ids) for path, ids in report.ambiguous.items()},
        "extra": {document_id: [file_json(info) for info in files]
                  for document_id, files in report.extra.items()},
        "deadline": deadline.date.isoformat() if deadline else None,
        "days_left": deadline.days_left if deadline else None,
        "deadlines": [
            {"id": d.id, "name": d.name, "date": d.date.isoformat(), "days_left": d.days_left}
            for d in classification.deadlines
        ],
        "warnings": [getattr(w, "text", w) for w in classification.warnings],
    }
