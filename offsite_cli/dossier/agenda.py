"""Deadlines of every dossier under some folders, soonest first, and their calendar (.ics) form."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from offsite_cli.dossier import case as case_file
from offsite_cli.dossier import status as claim_status
from offsite_cli.policy import rules
from offsite_cli.policy.values import DeadlineRole
from offsite_cli.base.errors import OffsiteError

SKIPPED_FOLDERS = {"forms", "node_modules", "__pycache__"}


@dataclass(frozen=True)
class Item:
    folder: Path
    name: str  # the person's name, as in case.toml
    deadline: rules.Deadline
    status: claim_status.Event | None = None  # where the claim stands (case.toml [[history]])


@dataclass
class Agenda:
    items: list[Item]
    broken: list[tuple[Path, OffsiteError]]  # dossiers whose case.toml could not be used

    @property
    def overdue(self) -> list[Item]:
        # a payment later than expected is the office's delay, not the clerk's deadline missed
        return [item for item in self.items
                if item.deadline.days_left < 0 and not item.deadline.at_least
                and item.deadline.role != DeadlineRole.PAYMENT]


def find_dossiers(roots: list[Path]) -> list[Path]:
    """Every folder holding a case.toml, the roots included; hidden folders are skipped."""
    found: list[Path] = []
    for root in roots:
        if (root / case_file.CASE_FILE).is_file():
            found.append(root)
        for current, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders
                                if not f.startswith(".") and f not in SKIPPED_FOLDERS)
            if Path(current) != root and case_file.CASE_FILE in files:
                found.append(Path(current))
    unique: dict[str, Path] = {}
    for folder in found:
        unique.setdefault(os.path.realpath(folder), folder)
    return list(unique.values())


def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """RFC 5545 lines are at most 75 octets; longer ones continue after CRLF and a space."""
    out, current = [], ""
    for character in line:
        if len((current + character).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += character
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def _unnamed(text: str, name: str) -> str:
    """A folder's path without the person's name in it (dossier import names folders 姓名-YYYY-MM):
    the surname and a star for each other character, as people shorten a name (赵* for 赵敏)."""
    if not name or name not in text:
        return text
    return text.replace(name, name[0] + "*" * (len(name) - 1))


def ics(agenda: Agenda, stamp: date, lang: str, show_names: bool = False) -> str:
    """All-day events, one per deadline, with a reminder three days before. The person's name
    only with `show_names` (calendars are synced to phones and servers)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//offsite//deadlines//" + lang.upper(),
             "CALSCALE:GREGORIAN"]
    for item in agenda.items:
        deadline = item.deadline
        uid = hashlib.sha256(f"{os.path.realpath(item.folder)}|{deadline.id}".encode()).hexdigest()
        where = str(item.folder) if show_names else _unnamed(str(item.folder), item.name)
        summary = f"{deadline.name}: {Path(where).name}"
        if show_names and item.name:
            summary = f"{deadline.name}: {item.name} ({item.folder.name})"
        if deadline.provisional:
            summary += " (暂定)" if lang == "zh" else " (provisional)"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid[:32]}@offsite",
            f"DTSTAMP:{stamp.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{deadline.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(deadline.date + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(where + chr(10) + deadline.rule)}",
            "BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(summary)}",
            "TRIGGER:-P3D", "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
