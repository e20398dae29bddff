"""Files ↔ documents: match a dossier's files to the checklist and check each file.

INTERFACE SKELETON — the data types below are the contract between `dossier check` (issue 3),
`dossier forms` (issue 4) and `dossier build` (issue 5). `check_dossier` is to be implemented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from offsite_cli.case import Case
from offsite_cli.profiles import Profile
from offsite_cli.rules import Classification


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
    dpi: float | None = None  # effective resolution at A4 (images)
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


@dataclass
class DossierReport:
    case: Case
    classification: Classification
    documents: list[DocumentResult]  # in checklist order
    unmatched: list[FileInfo]
    ambiguous: dict[str, list[str]]  # relative path → document ids it matched

    @property
    def complete(self) -> bool:
        return all(d.status in (Status.OK, Status.NOT_REQUIRED) for d in self.documents if d.required)


def check_dossier(folder: Path, profile: Profile, today: date, lang: str = "zh",
                  passwords: dict[str, str] | None = None) -> DossierReport:
    raise NotImplementedError("issue 3")
