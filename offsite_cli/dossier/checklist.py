"""Files ↔ documents: match a dossier's files to the checklist and check each file.

The data types below are the contract between `dossier check` (issue 3), `dossier forms`
(issue 4) and `dossier build` (issue 5): fields may be added, never renamed or removed.
Matching order: the case's [documents] table, the sub-folder, words in the file name, words in a
PDF's text (see matching.py); reading files: filecheck.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from typing import Any

from offsite_cli.dossier.case import Case
from offsite_cli.policy.profiles import Profile
from offsite_cli.policy.rules import Classification, Deadline
from offsite_cli.policy.values import DeadlineRole


class Status(StrEnum):
    OK = "ok"
    MISSING = "missing"
    UNREADABLE = "unreadable"
    NOT_REQUIRED = "not_required"


@dataclass
class FileInfo:
    """One file in the dossier folder, as read (headers only: no image is fully decoded)."""

    path: Path  # absolute
    relative: str  # relative to the dossier folder, with forward slashes
    kind: str  # pdf | jpeg | png | webp | tiff | bmp | heic | other
    size: int  # bytes
    readable: bool
    reason: str = ""  # why not readable, in the output language
    pages: int = 0  # PDF pages or TIFF frames; 1 for other images
    width: int = 0  # pixels (images)
    height: int = 0
    dpi: float | None = None  # effective resolution at the size of `dpi_at` (images)
    dpi_at: str = ""  # "a4", or "card" for a card-shaped photo of a card-sized document
    sha256: str = ""
    encrypted: bool = False  # a PDF that opened with the empty password
    problems: list[str] = field(default_factory=list)  # warnings: low resolution, duplicate, …


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
        """The claim deadline (the profile's role "claim") if there is one, else the soonest."""
        deadlines = self.classification.deadlines
        for deadline in deadlines:
            if deadline.role == DeadlineRole.CLAIM:
                return deadline
        return deadlines[0] if deadlines else None

    def as_json(self) -> dict[str, Any]:
        """The `dossier check --json` document of CONTRACT.md (ID numbers never appear)."""
        from offsite_cli.dossier.checking import report_json

        return report_json(self)


def check_dossier(folder: Path, profile: Profile, today: date, lang: str = "zh",
                  passwords: dict[str, str] | None = None, case: Case | None = None) -> DossierReport:
    """Match the folder's files to the checklist of its case and check each file.

    `passwords` maps a relative path (or "*" for every file) to a PDF's open password. Raises
    BadInput for a bad or incomplete case file. Never writes anything.
    """
    from offsite_cli.dossier.checking import run

    return run(folder, profile, today, lang, passwords or {}, case)
