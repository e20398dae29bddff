"""A claim must not be paid twice: the same receipt in two dossiers — the same receipt number in
case.toml [[receipts]], or a receipt file with the same content (sha256) — found across dossiers.

`find` takes what each dossier claims (`Claims`, made from its case and its file digest) and is
what `offsite ledger`, `dossier check DIR --across ROOT` and a check over many dossiers call.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offsite_cli.base.i18n import text
from offsite_cli.dossier import case as case_file
from offsite_cli.dossier.digest import Digest


@dataclass(frozen=True)
class Claims:
    """The receipts one dossier claims: numbers as written, files as (relative path, sha256)."""

    folder: Path
    numbers: tuple[str, ...]
    files: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Duplicate:
    kind: str  # "number" or "file"
    value: str  # the receipt number as first written, or the file's sha256
    places: tuple[tuple[Path, str], ...]  # (dossier, the number as written there / the file)

    @property
    def folders(self) -> tuple[Path, ...]:
        return tuple(dict.fromkeys(folder for folder, _ in self.places))

    def as_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {"kind": self.kind, "cases": [str(f) for f in self.folders]}
        if self.kind == "number":
            item["number"] = self.value
        else:
            item["sha256"] = self.value
            item["files"] = [{"case": str(folder), "path": path} for folder, path in self.places]
        return item


def normal_number(number: str) -> str:
    """A receipt number as compared: full-width forms read as plain ones (from a Chinese input
    method: ３１００ = 3100), no spaces, case folded (No.00123 = no. 00123)."""
    return "".join(unicodedata.normalize("NFKC", number).split()).casefold()


def claims_of(case: case_file.Case, digest: Digest | None) -> Claims:
    """What a dossier claims: the numbers typed in case.toml and those read off its e-receipt
    files (a number typed and read once counts once), and its receipt files."""
    typed = [receipt.number for receipt in case.receipts if receipt.number.strip()]
    read = list(digest.numbers) if digest else []
    seen = {normal_number(number) for number in typed}
    numbers = tuple(typed + [n for n in read if normal_number(n) not in seen])
    return Claims(folder=case.folder, numbers=numbers, files=digest.receipts if digest else ())


def find(claims: list[Claims]) -> list[Duplicate]:
    """Every receipt number and every receipt file found in more than one dossier, in the order
    the dossiers were given."""
    by_number: dict[str, list[tuple[Path, str]]] = {}
    by_file: dict[str, list[tuple[Path, str]]] = {}
    for claim in claims:
        for number in dict.fromkeys(claim.numbers):
            by_number.setdefault(normal_number(number), []).append((claim.folder, number))
        for relative, sha256 in claim.files:
            by_file.setdefault(sha256, []).append((claim.folder, relative))
    found = []
    for kind, groups in (("number", by_number), ("file", by_file)):
        for value, places in groups.items():
            if len({folder for folder, _ in places}) > 1:
                shown = places[0][1] if kind == "number" else value
                found.append(Duplicate(kind=kind, value=shown, places=tuple(places)))
    return found


def involving(folder: Path, duplicates: list[Duplicate]) -> list[Duplicate]:
    return [duplicate for duplicate in duplicates if folder in duplicate.folders]


def describe(duplicate: Duplicate, folder: Path, lang: str) -> str:
    """One line for the dossier `folder`: which of its receipts is where else."""
    others = [where for where in duplicate.folders if where != folder]
    if duplicate.kind == "number":
        return text("duplicates.number", lang, number=duplicate.value,
                    cases=", ".join(str(where) for where in others))
    mine = [path for where, path in duplicate.places if where == folder]
    theirs = [f"{where}/{path}" for where, path in duplicate.places if where != folder]
    return text("duplicates.file", lang, file=", ".join(mine), others=", ".join(theirs))
