"""What the register needs from a dossier's file report — complete or not, which documents are
missing or unreadable, the receipt files' hashes — kept in the cache folder so that `offsite ledger`
and `dossier check --across` read no document that has not changed since it was last read.

A digest is keyed by a fingerprint of everything the report depends on: case.toml's [documents],
every file's path, size, times and inode (os.stat, no reading), the checklist the rules gave for
the case, the profile's documents (the words files are matched by) and the reading code itself —
not the rest of case.toml: a mark or a receipt added reads nothing again. Any change and
the files are read again, once (`checking.check_files`), and the digest stored anew.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from offsite_cli.base import resources
from offsite_cli.base.errors import WorkFailed
from offsite_cli.dossier import case as case_file
from offsite_cli.dossier import checking
from offsite_cli.dossier.checklist import DossierReport, Status
from offsite_cli.policy.profile_model import Profile
from offsite_cli.policy.rules import Classification

RECEIPT = "receipt"
_VERSION = 2  # 2: the receipt numbers read off e-receipt files


@dataclass(frozen=True)
class Digest:
    complete: bool
    missing: tuple[str, ...]  # required document ids with no file
    unreadable: tuple[str, ...]  # required document ids whose files cannot be read
    receipts: tuple[tuple[str, str], ...]  # (relative path, sha256) of the receipt files
    numbers: tuple[str, ...] = ()  # receipt numbers read off e-receipt files (not typed)

    def as_json(self) -> dict[str, Any]:
        return {"complete": self.complete, "missing": list(self.missing),
                "unreadable": list(self.unreadable), "receipts": [list(pair) for pair in self.receipts],
                "numbers": list(self.numbers)}


def of_report(report: DossierReport) -> Digest:
    required = [d for d in report.documents if d.required]
    receipt_files = [info for d in report.documents if d.id == RECEIPT for info in d.files]
    receipt_files += report.extra.get(RECEIPT, [])
    return Digest(
        complete=report.complete,
        missing=tuple(d.id for d in required if d.status is Status.MISSING),
        unreadable=tuple(d.id for d in required if d.status is Status.UNREADABLE),
        receipts=tuple(sorted((info.relative, info.sha256) for info in receipt_files
                              if info.readable and info.sha256 and info.size)),
        numbers=tuple(found.receipt.number for found in report.receipts
                      if found.source != "case.toml" and found.receipt.number),
    )


@lru_cache(maxsize=1)
def _code_stamp() -> tuple[object, ...]:
    """The modules that decide what a file is and what it counts as: a new version reads again."""
    from offsite_cli import __version__
    from offsite_cli.dossier import matching
    from offsite_cli.files import kinds, pdfpage, reading

    return (__version__, _VERSION, *resources.code_stamp(*(module.__file__ for module in
                                              (reading, kinds, pdfpage, matching, checking))))


def fingerprint(folder: Path, case: case_file.Case, classification: Classification,
                profile: Profile) -> str:
    """A hash of what the file report of `folder` depends on, made from os.stat alone."""
    root = Path(os.path.realpath(folder))
    listing: list[object] = []
    for relative, known in checking.scan(folder, root, "en"):
        listing.append([relative, _stat(folder / relative) if known is None else "skipped"])
    for paths in case.documents.values():  # listed files the scan leaves out are read too
        listing += [[name, _stat(folder / name)] for name in paths]
    parts = {
        "documents": case.documents,  # what case.toml says of the files (a mark changes nothing)
        "files": listing,
        "checklist": [[d.id, d.required, d.stage, list(d.alternatives), d.alternative_to]
                      for d in classification.documents],
        "profile": _profile_stamp(profile, classification.rules_on or classification.today),
        "code": _code_stamp(),
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


_PROFILE_STAMPS: dict[tuple[int, object], tuple[Profile, str]] = {}  # the profile held: its id stays its own


def _profile_stamp(profile: Profile, on: object) -> str:
    """What of the profile the matching depends on (its documents' words, the card sizes), hashed
    once per profile and date in a run over many dossiers."""
    key = (id(profile), on)
    if key not in _PROFILE_STAMPS:
        sizes = [[entry.id, entry.data] for entry in profile.effective("sizes", on)]  # type: ignore[arg-type]
        text = json.dumps([profile.id, profile.documents, sizes], sort_keys=True, ensure_ascii=False,
                          default=str)
        _PROFILE_STAMPS[key] = (profile, hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest())
    return _PROFILE_STAMPS[key][1]


def _stat(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def _cache_file(folder: Path) -> Path:
    return resources.folder_cache_file("digests", folder)


def cached(folder: Path, key: str) -> Digest | None:
    from offsite_cli.base.atomic import read_cache

    try:
        held = read_cache(_cache_file(folder))  # (a FIFO put there is no cache, not a hang)
        if held is None:
            return None
        data = json.loads(held)
        if data.get("key") != key:
            return None
        item = data["digest"]
        return Digest(complete=bool(item["complete"]), missing=tuple(item["missing"]),
                      unreadable=tuple(item["unreadable"]),
                      receipts=tuple((str(a), str(b)) for a, b in item["receipts"]),
                      numbers=tuple(str(number) for number in item["numbers"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # no cache, or one from elsewhere: read the files


def store(folder: Path, key: str, digest: Digest) -> None:
    """Kept whole or not at all, not flushed (base.atomic.write_cache); ASCII JSON, so that a
    non-UTF-8 file name survives."""
    from offsite_cli.base.atomic import write_cache

    write_cache(_cache_file(folder), json.dumps({"key": key, "digest": digest.as_json()}))


def remember(report: DossierReport, profile: Profile) -> None:
    """Keep the digest of a report just made (by `dossier check`, `forms`, `build`)."""
    try:
        key = fingerprint(report.case.folder, report.case, report.classification, profile)
    except (OSError, WorkFailed):
        return
    store(report.case.folder, key, of_report(report))


def of_dossier(folder: Path, case: case_file.Case, classification: Classification,
               profile: Profile, lang: str, read: Any = None) -> Digest:
    """The digest of a dossier: from the cache when nothing it depends on has changed, else from
    its files read once (`read`: a function making the report, by default checking.check_files)."""
    key = fingerprint(folder, case, classification, profile)
    found = cached(folder, key)
    if found is not None:
        return found
    report = (read or checking.check_files)(folder, case, classification, profile, lang, {})
    digest = of_report(report)
    store(folder, key, digest)
    return digest
