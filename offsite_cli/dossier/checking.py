"""A dossier's files against its checklist: folder → files (read once, on all cores) → documents; the JSON report."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from offsite_cli.dossier import case as case_file
from offsite_cli.dossier import matching, receipts
from offsite_cli.dossier import status as claim_status
from offsite_cli.dossier.checklist import DocumentResult, DossierReport, Status
from offsite_cli.files import reading
from offsite_cli.files.reading import FileInfo
from offsite_cli.policy import form_needs, rules
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
        filed_on=case.filed_on, direct_settlement=case.direct_settlement, visits=visits_of(case),
        handed_in=claim_status.handed_in(case.history),
    )


def visits_of(case: case_file.Case) -> tuple[date, ...]:
    """The days of care a case records: its admission (first visit) and its receipts' dates — for
    care without a discharge (special outpatient), each receipt is a visit."""
    return tuple(sorted({day for day in (case.admitted, *(r.date for r in case.receipts)) if day}))


def check_files(folder: Path, case: case_file.Case, classification: rules.Classification,
                profile: Profile, lang: str, passwords: dict[str, str], *, keep: bool = False,
                sheets: bool = True, helper: Any = None) -> DossierReport:
    """Read every file of the folder once and match it to the checklist of `classification`.

    `keep`: the files hold their bytes and opened PDFs for the build; `sheets`: photos are
    looked at for the document's outline (not for a build of photos as taken); `helper`: the
    build's helper process, which draws the OFD files (files.reading.draw_ofd). A document the tool can fill
    says which form (`form`). Writes nothing but the cache of the sheets found in photos (files.scan.Memo).
    """
    for document_id in case.documents:
        if document_id not in profile.documents:
            raise BadInput("case_invalid", file=str(case.path), key=f"documents.{document_id}",
                           value=document_id, expected="a document id of profile " + profile.id
                           + ", e.g. receipt, expense-list, discharge-certificate")
    root = Path(os.path.realpath(folder))
    words = matching.vocabulary(profile)
    entries = scan(folder, root, lang)
    explicit: dict[str, set[str]] = {}  # relative path → ids from [documents]
    listed_missing: dict[str, list[str]] = {}
    found = {relative for relative, _ in entries}
    for document_id, paths in case.documents.items():
        for listed in paths:
            relative = _clean(listed)
            path = folder / relative
            if not os.path.lexists(path):
                listed_missing.setdefault(document_id, []).append(relative)
                continue
            if path.is_dir() and not path.is_symlink():
                inside = [r for r in found if r.startswith(relative.rstrip("/") + "/")]
                for name in inside:
                    explicit.setdefault(name, set()).add(document_id)
                continue
            if relative not in found:  # a file the scan skips (hidden, forms/): listed, so taken
                entries.append((relative, None))
                found.add(relative)
            explicit.setdefault(relative, set()).add(document_id)
    def want_text(relative: str) -> bool:
        """A PDF's text is read unless case.toml lists it (for anything but a receipt) or only its
        name decides: in a document's folder its title can still say it is another document
        (misfiled), and a receipt's text gives its fields."""
        if relative in explicit:
            return receipts.RECEIPT_DOCUMENT in explicit[relative]
        by_name = matching.by_name(relative, words)
        return bool(matching.by_folder(relative, words)) or not by_name \
            or receipts.RECEIPT_DOCUMENT in by_name

    memo = None
    if sheets:
        from offsite_cli.files import scan as sheet_scan

        memo = sheet_scan.Memo.load(root)
    files = _read_all(folder, root, entries, lang, passwords, keep, sheets, want_text, memo, helper)
    if memo is not None:
        memo.save()
    _mark_duplicates(files, lang)

    words = matching.vocabulary(profile)
    assigned: dict[str, list[tuple[FileInfo, str]]] = {}
    unmatched: list[FileInfo] = []
    ambiguous: dict[str, list[str]] = {}
    misfiled: dict[str, dict[str, str]] = {}  # document id → {relative path → other document}
    rank = _checklist_rank(classification)
    for info in files:
        found, how = _match(info, explicit, words)
        if how == "folder" and len(found) == 1:
            others = matching.misfiled(info.relative, found, info.text if info.readable else "",
                                       words)
            if others:
                misfiled.setdefault(next(iter(found)), {})[info.relative] = min(others, key=rank)
        if how == "documents" or len(found) == 1:
            for document_id in sorted(found):
                assigned.setdefault(document_id, []).append((info, how))
        elif found:
            ambiguous[info.relative] = sorted(found, key=rank)
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
        size = profile.physical_size(document_id, classification.rules_on)
        if size is not None:
            for info, _ in matched:
                reading.judge_resolution(info, lang, size)
        for info, _ in matched:
            _sheet_facts(info, size, lang)
    for result in results:
        result.misfiled = misfiled.get(result.id, {})
        _settle(result, assigned.get(result.id, []), listed_missing.get(result.id, []), lang,
                {other: profile.document_name(other, lang) for other in result.misfiled.values()})
    for result in results:
        if result.required and result.status is Status.MISSING and not listed_missing.get(result.id):
            for other in result.alternatives:
                if other in seen and seen[other].status is Status.OK:
                    result.status = Status.OK
                    result.satisfied_by = other
                    break
    for need in form_needs.needed_forms(classification, profile):
        if need.document in seen and not seen[need.document].form:
            seen[need.document].form = need.name
    found = receipts.gather(case, [info for info, _ in assigned.get(receipts.RECEIPT_DOCUMENT, [])], lang)
    if receipts.RECEIPT_DOCUMENT in seen:
        seen[receipts.RECEIPT_DOCUMENT].problems += found.problems
    extra = {document_id: [info for info, _ in matched]
             for document_id, matched in assigned.items() if document_id not in seen}
    return DossierReport(case=case, classification=classification, documents=results,
                         unmatched=unmatched, ambiguous=ambiguous, extra=extra,
                         files=sorted(files, key=lambda i: i.relative), receipts=found.found,
                         open_deadlines=claim_status.open_deadlines(
                             classification, case.history, profile, classification.today, lang)
                         if case.history else None)


def _sheet_facts(info: FileInfo, size: tuple[float, float] | None, lang: str) -> None:
    """How the build will lay out a photo of a document (files.scan.arrangement), and a problem
    when no sheet was found in it: every document of a checklist is a sheet or a card."""
    from offsite_cli.files import scan

    if not info.readable or not info.photo or not info.frames:
        return
    info.arrangement = scan.arrangement(info.sheet, info.frames[0].shown, info.photo, size)
    info.object_mm = size if info.arrangement == "card" else None
    if info.sheet is not None and info.sheet.missing:
        key = "problem.no_sheet_dark" if info.sheet.outcome == scan.Outcome.DARK else "problem.no_sheet"
        problem = text(key, lang)
        if problem not in info.problems:
            info.problems.append(problem)


def _checklist_rank(classification: rules.Classification):  # noqa: ANN202
    order = {d.id: index for index, d in enumerate(classification.documents)}
    return lambda document_id: (order.get(document_id, len(order)), document_id)


def _clean(listed: str) -> str:
    value = listed.replace("\\", "/")
    while value.startswith("./"):
        value = value[2:]
    return value


def _settle(result: DocumentResult, matched: list[tuple[FileInfo, str]], listed_missing: list[str],
            lang: str, names: dict[str, str] | None = None) -> None:
    result.files = [info for info, _ in matched]
    result.matched_by = {info.relative: how for info, how in matched}
    for relative in listed_missing:
        result.problems.append(text("problem.listed_missing", lang, path=relative))
    for relative, other in result.misfiled.items():
        result.problems.append(text("problem.misfiled", lang, path=relative, other=other,
                                    name=(names or {}).get(other, other)))
    counted = result.counted()
    readable = any(info.readable for info in counted)
    for info in counted:
        if not info.readable:  # with a readable file beside it, it is left out of the PDF
            key = "problem.unreadable_skipped" if readable else "problem.unreadable"
            result.problems.append(text(key, lang, path=info.relative, reason=info.reason))
        result.problems.extend(f"{info.relative}: {problem}" for problem in info.problems)
    if listed_missing:
        result.status = Status.MISSING
    elif not counted:
        result.status = Status.MISSING if result.required else Status.NOT_REQUIRED
    elif not readable:
        result.status = Status.UNREADABLE
    else:
        result.status = Status.OK


def _match(info: FileInfo, explicit: dict[str, set[str]], words: matching.Vocabulary
           ) -> tuple[set[str], str]:
    if info.relative in explicit:
        return explicit[info.relative], "documents"
    found = matching.by_folder(info.relative, words)
    if found:
        return found, "folder"
    found = matching.by_name(info.relative, words)
    if found:
        return found, "name"
    if info.text and info.readable:  # a PDF's text layer, an OFD's text
        found = matching.by_text(info.text, words)
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


def scan(folder: Path, root: Path, lang: str) -> list[tuple[str, FileInfo | None]]:
    """Every file of the dossier (hidden files, case.toml, README.txt, forms/, dossier.pdf left
    out), as (relative path, None) to be read, or with the FileInfo of what cannot be: a link
    that leads out of the folder is not followed."""
    found: list[tuple[str, FileInfo | None]] = []
    for directory, folder_names, file_names in os.walk(folder, followlinks=False):
        here = Path(directory)
        top = here == folder
        keep = []
        for name in sorted(folder_names):
            if name.startswith(".") or (top and name.lower() in IGNORED_FOLDERS):
                continue
            path = here / name
            if path.is_symlink():
                inside, target = reading.resolve_inside(path, root)
                if not inside:
                    relative = path.relative_to(folder).as_posix()
                    found.append((relative, reading.unreadable(path, relative, text(
                        "file.link_outside", lang, target=target))))
                continue  # a link inside the folder: its files are found where they are
            if not os.access(path, os.R_OK | os.X_OK,  # a sub-folder we may not list
                             effective_ids=os.access in os.supports_effective_ids):
                # "receipt/": named as a folder, so a document folder's own document is the one
                # that cannot be read (not missing)
                relative = path.relative_to(folder).as_posix() + "/"
                found.append((relative, reading.unreadable(path, relative, text(
                    "file.folder_unreadable", lang))))
                continue
            keep.append(name)
        folder_names[:] = keep
        for name in sorted(file_names):
            lowered = name.lower()
            if name.startswith(".") or name.startswith("~$") or lowered in IGNORED_ANYWHERE:
                continue
            if top and lowered in IGNORED_FILES:
                continue
            found.append(((here / name).relative_to(folder).as_posix(), None))
    return found


def _read_all(folder: Path, root: Path, entries: list[tuple[str, FileInfo | None]], lang: str,
              passwords: dict[str, str], keep: bool, sheets: bool, want_text: Any,
              memo: Any = None, helper: Any = None) -> list[FileInfo]:
    """Every entry read, in path order, on all cores (hashing, inflating and decoding release
    the GIL): each file once."""
    from concurrent.futures import ThreadPoolExecutor

    entries = sorted(entries, key=lambda entry: entry[0])

    def one(entry: tuple[str, FileInfo | None]) -> FileInfo:
        relative, known = entry
        if known is not None:
            return known
        return _read_one(folder, relative, root, lang, passwords, want_text(relative), keep, sheets,
                         memo, helper)

    pending = [entry for entry in entries if entry[1] is None]
    if len(pending) < 2:
        return [one(entry) for entry in entries]
    pool = ThreadPoolExecutor(max_workers=_workers())
    try:
        return list(pool.map(one, entries))
    finally:  # stopped (Ctrl-C, SIGTERM): the files not started yet are not read
        pool.shutdown(wait=True, cancel_futures=True)


def _workers() -> int:
    from offsite_cli.base.resources import cores

    return min(8, cores())


def _read_one(folder: Path, relative: str, root: Path, lang: str, passwords: dict[str, str],
              want_text: bool, keep: bool, sheets: bool = True, memo: Any = None,
              helper: Any = None) -> FileInfo:
    path = folder / relative
    if path.is_symlink():
        inside, target = reading.resolve_inside(path, root)
        if not inside:
            return reading.unreadable(path, relative, text("file.link_outside", lang, target=target))
        if not path.exists():
            return reading.unreadable(path, relative, text("file.link_broken", lang, target=target))
        path = Path(os.path.realpath(path))  # read what it points to (inside the folder)
    if path.is_dir():
        return reading.unreadable(folder / relative, relative, text("file.is_folder", lang))
    info = reading.read(path, relative, lang, password_for(passwords, relative), want_text=want_text,
                        keep=keep, sheets=sheets, memo=memo, helper=helper)
    info.path = folder / relative
    return info


def _mark_duplicates(files: list[FileInfo], lang: str) -> None:
    first: dict[str, str] = {}
    for info in sorted(files, key=lambda i: i.relative):
        if not info.sha256 or info.size == 0:
            continue
        if info.sha256 in first:
            info.problems.append(text("problem.duplicate", lang, other=first[info.sha256]))
        else:
            first[info.sha256] = info.relative
