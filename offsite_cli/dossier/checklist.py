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

from offsite_cli.dossier.case import Case
from offsite_cli.files.reading import FileInfo
from offsite_cli.policy.profiles import Profile
from offsite_cli.policy.rules import Classification, Deadline


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


@dataclass
class DossierReport:
    case: Case
    classification: Classification
    documents: list[DocumentResult]  # in checklist order
    unmatched: list[FileInfo]
    ambiguous: dict[str, list[str]]  # relative path → document ids it matched
    extra: dict[str, list[FileInfo]] = field(default_factory=dict)  # id not on this checklist → files
    files: list[FileInfo] = field(default_factory=list)  # every file looked at, in path order

    @property
    def complete(self) -> bool:
        return all(d.status in (Status.OK, Status.NOT_REQUIRED) for d in self.documents if d.required)

    @property
    def deadline(self) -> Deadline | None:
        """The claim deadline if there is one, else the soonest."""
        deadlines = self.classification.deadlines
        for deadline in deadlines:
            if deadline.id == "reimbursement":
                return deadline
        return deadlines[0] if deadlines else None

    def as_json(self) -> dict[str, Any]:
        """The `dossier check --json` document of CONTRACT.md (ID numbers never appear)."""
        from offsite_cli.dossier.checking import report_json

        return report_json(self)
