"""The dossier report: each checklist document with its files and status (what `dossier check` says).

The types below are shared by `dossier check`, `dossier forms` and `dossier build`: fields may
be added, never renamed or removed. Matching order: the case's [documents] table, the sub-folder,
words in the file name, words in a PDF's text (matching.py); reading files: files/reading.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from typing import Any

from offsite_cli.dossier import status as claim_status
from offsite_cli.dossier.case import Case
from offsite_cli.files.reading import FileInfo
from offsite_cli.policy.profiles import Profile
from offsite_cli.policy.rules import Classification, Deadline
from offsite_cli.policy.values import DeadlineRole


class Status(StrEnum):
    OK = "ok"
    MISSING = "missing"
    UNREADABLE = "unreadable"
    NOT_REQUIRED = "not_required"


@dataclass
class DocumentResult:
    id: str
    name: str
    required: bool
    stage: str  # filing | claim
    status: Status
    files: list[FileInfo] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    matched_by: dict[str, str] = field(default_factory=dict)  # relative path → documents|folder|name|text
    alternatives: tuple[str, ...] = ()
    alternative_to: str | None = None
    stages: tuple[str, ...] = ()  # every stage that lists it (one result per id)
    satisfied_by: str | None = None  # the alternative document that stands in for a missing one
    folder: str = ""  # the sub-folder `dossier new` made for it, if it exists
    form: str = ""  # the form `dossier forms` fills that stands for it (profile [[forms]] document)
    misfiled: dict[str, str] = field(default_factory=dict)  # relative path → the other document
    # its name or title says it is: in this document's folder, but not counted for it

    def counted(self) -> list[FileInfo]:
        """The files that count for the document (a probably misfiled one does not)."""
        return [info for info in self.files if info.relative not in self.misfiled]


@dataclass
class DossierReport:
    case: Case
    classification: Classification
    documents: list[DocumentResult]  # in checklist order
    unmatched: list[FileInfo]
    ambiguous: dict[str, list[str]]  # relative path → document ids it matched
    extra: dict[str, list[FileInfo]] = field(default_factory=dict)  # id not on this checklist → files
    files: list[FileInfo] = field(default_factory=list)  # every file looked at, in path order
    receipts: list[Any] = field(default_factory=list)  # dossier.receipts.FoundReceipt: typed and read
    open_deadlines: list[Deadline] | None = None  # the deadlines left where the claim stands (its
    # status history); None: every deadline of the classification

    @property
    def complete(self) -> bool:
        return all(d.status in (Status.OK, Status.NOT_REQUIRED) for d in self.documents if d.required)

    @property
    def deadline(self) -> Deadline | None:
        """The claim deadline (the profile's role "claim") if there is one, else the soonest — of
        the deadlines the claim still has, where it stands (`open_deadlines`: none once it is
        paid, payment expected once it is handed in)."""
        deadlines = self.classification.deadlines if self.open_deadlines is None else self.open_deadlines
        for deadline in deadlines:
            if deadline.role == DeadlineRole.CLAIM:
                return deadline
        return deadlines[0] if deadlines else None

    def as_json(self) -> dict[str, Any]:
        """The `dossier check --json` document of CONTRACT.md (ID numbers never appear)."""
        return report_json(self)


# ----------------------------------------------------------------------------------------- JSON


def file_json(info: FileInfo, matched_by: str | None = None, misfiled: str | None = None
              ) -> dict[str, Any]:
    item: dict[str, Any] = {
        "path": info.relative, "kind": info.kind, "size": info.size, "readable": info.readable,
        "reason": info.reason, "pages": info.pages, "width": info.width, "height": info.height,
        "dpi": info.dpi, "dpi_at": info.dpi_at or None, "sha256": info.sha256,
        "encrypted": info.encrypted, "problems": list(info.problems),
    }
    if info.sheet is not None:  # a photo: the document's outline, and what the build does with it
        item["sheet"] = {**info.sheet.as_json(), "straighten": info.sheet.found,
                         "layout": info.arrangement or "page"}
    if matched_by is not None:
        item["matched_by"] = matched_by
    if info.fields is not None:
        from offsite_cli.dossier.receipts import fields_json

        item["fields"] = fields_json(info.fields)
    if misfiled is not None:  # probably another document: not counted for this one
        item["misfiled"] = misfiled
    return item


def report_json(report: DossierReport) -> dict[str, Any]:
    classification = report.classification
    documents: dict[str, Any] = {}
    for result in report.documents:
        item: dict[str, Any] = {
            "name": result.name, "required": result.required, "stage": result.stage,
            "stages": list(result.stages), "status": result.status.value,
            "files": [file_json(info, result.matched_by.get(info.relative),
                                result.misfiled.get(info.relative)) for info in result.files],
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
            for d in (classification.deadlines if report.open_deadlines is None else report.open_deadlines)
        ],
        "warnings": [getattr(w, "text", w) for w in classification.warnings],
        "receipts": [found.as_json() for found in report.receipts],
        "status": claim_status.as_json(case.history),
    }
