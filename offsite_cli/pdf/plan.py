"""What goes into the dossier PDF and what does not: sections in output order, gaps, files left out.

The plan is the build's own: it reads the check's report and never changes it. Missing documents
come from the report's statuses (as `dossier check` says them); whether a file goes in from the
reader's verdict on it (`FileInfo.readable`), the same one the check shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from offsite_cli.base.shown import escape_controls
from offsite_cli.base.i18n import text
from offsite_cli.dossier.checklist import DocumentResult, DossierReport, Status
from offsite_cli.files.reading import FileInfo


@dataclass
class FormInput:
    """A filled form, already a PDF and read (from `dossier forms`, or filled for the build)."""

    title: str
    info: FileInfo
    document: str | None = None  # the checklist document it stands for (profile [[forms]] data)
    pending: str = "signature"  # what it still needs by hand: signature | seal


@dataclass
class Section:
    key: str  # a document id, "forms" or "unmatched"
    title: str
    sources: list[FileInfo] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # one bookmark title per source
    first: int = 0  # 1-based page numbers in the output
    last: int = 0
    layout: list[Any] = field(default_factory=list)  # layout.OutputPage: set by layout.lay_out
    name: str = ""  # the title in the terminal's language, where the PDF's is another ("": title)

    @property
    def pages(self) -> int:
        if self.layout:
            return len(self.layout)
        return sum(len(source.landscape) for source in self.sources)


@dataclass
class Plan:
    """Sections in output order and what the cover says about each document."""

    sections: list[Section] = field(default_factory=list)
    missing: list[DocumentResult] = field(default_factory=list)  # required, missing
    unreadable: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    # (id, name, [(file, reason)]): required documents (or the forms) of which no file can go in
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): left out, warned
    misfiled: list[tuple[str, str, str]] = field(default_factory=list)  # (file, the document it
    # looks like, the document whose folder it is in): left out, as the check does not count it
    included: dict[str, int] = field(default_factory=dict)  # document id → files that go in
    filled: dict[str, str] = field(default_factory=dict)  # document id → pending (signature | seal):
    # a required document with no file of its own that a filled form stands for
    form_of: dict[str, int] = field(default_factory=dict)  # document id → its form's place in forms
    instead: dict[str, str] = field(default_factory=dict)  # document id → the alternative (a form
    # the tool filled, or a document of the folder) that stands in for it

    @property
    def complete(self) -> bool:
        return not self.missing and not self.unreadable

    def unreadable_files(self) -> list[tuple[str, str]]:
        return [item for _, _, files in self.unreadable for item in files]

    def gaps(self, lang: str, reasons: bool = True, names: dict[str, str] | None = None) -> str:
        """What is missing or unreadable, in one line ("" when complete). `reasons`: say why a
        file cannot be read (for the terminal); without, only which (the cover states facts).
        `names`: document id → its name in `lang`, where the plan's are in another language."""
        names = names or {}
        parts = []
        separator = "、" if lang == "zh" else ", "
        if self.missing:
            parts.append(text("build_missing_list", lang, count=len(self.missing),
                              documents=_some([names.get(d.id, d.name) for d in self.missing],
                                              separator, lang)))
        if self.unreadable:
            said = [file_problem(*files[0], lang) if reasons else files[0][0]
                    for _, _, files in self.unreadable]
            named = [names.get(key, name) for key, name, _ in self.unreadable]
            items = [f"{name}（{why}）" if lang == "zh" else f"{name} ({why})"
                     for name, why in zip(named, said, strict=True)]
            parts.append(text("build_unreadable_list", lang, count=len(self.unreadable),
                              documents=_some(items, separator, lang)))
        return ("；" if lang == "zh" else "; ").join(parts)


_NUMBER = re.compile(r"(\d+)")
# Sides of a card or sheet: the front first. Latin words only as whole words (not "background").
_FRONT = re.compile(r"正面|(?<![a-z])front(?![a-z])")
_BACK = re.compile(r"反面|背面|(?<![a-z])back(?![a-z])")


def file_order(relative: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key for the files of one document: numbers by value (p2 before p10), the front of a
    card before its back (正面 before 反面, front before back), else by name."""
    name = _BACK.sub("\x02", _FRONT.sub("\x01", relative.lower()))
    return tuple((0, int(part), part) if part.isdigit() else (1, 0, part)
                 for part in _NUMBER.split(name) if part)



def make_plan(report: DossierReport, forms: list[FormInput], lang: str, include_unmatched: bool,
              skip: Callable[[FileInfo], bool]) -> Plan:
    """Sections in output order; a file that cannot go in is left out with a warning as long as
    its document has another file that can; a required document with none makes a gap. `skip`:
    files that are not documents of this build (the output itself, the folder's forms/)."""
    plan = Plan()
    filled_forms: dict[str, str] = {}  # document id → pending, for each form that goes in
    if forms:
        section = Section("forms", text("build.forms", lang))
        broken: list[tuple[str, str]] = []
        for form in forms:
            if form.info.readable:
                if form.document:
                    plan.form_of.setdefault(form.document, len(section.sources))
                    filled_forms[form.document] = form.pending
                section.sources.append(form.info)
                section.titles.append(form.title)
            else:
                broken.append((form.info.relative, form.info.reason))
        if broken:
            plan.unreadable.append(("forms", section.title, broken))
        if section.sources:
            plan.sections.append(section)
    ordered = [d for d in report.documents if d.required] + [d for d in report.documents if not d.required]
    groups: list[tuple[Section, list[FileInfo], DocumentResult | None]] = [
        (Section(d.id, d.name), d.files, d) for d in ordered]
    if include_unmatched and report.unmatched:
        groups.append((Section("unmatched", text("build.unmatched", lang)), report.unmatched, None))
    for section, files, document in groups:
        broken = []
        considered = 0
        for info in sorted(files, key=lambda i: file_order(i.relative)):
            if skip(info):
                continue
            if document is not None and info.relative in document.misfiled:
                plan.misfiled.append((info.relative, document.misfiled[info.relative], document.id))
                continue
            considered += 1
            if not info.readable:
                broken.append((info.relative, info.reason))
                continue
            section.sources.append(info)
            section.titles.append(escape_controls(info.relative))  # a name not UTF-8: \xff
        if section.sources:
            plan.sections.append(section)
        if document is None:  # unmatched files: whatever cannot go in is left out
            plan.skipped += broken
            continue
        plan.included[document.id] = len(section.sources)
        if document.satisfied_by:
            plan.instead[document.id] = document.satisfied_by
        # nothing of its own goes in (no file, or its only file is the output or a form's PDF)
        gap = document.required and not document.satisfied_by and not section.sources and not broken
        stand_in = [other for other in (document.id, *document.alternatives) if other in filled_forms]
        if gap and stand_in and stand_in[0] == document.id:
            plan.filled[document.id] = filled_forms[document.id]  # the form the tool filled
            plan.skipped += broken
        elif gap and stand_in:  # an alternative the tool filled (a commitment letter)
            plan.instead[document.id] = stand_in[0]
            plan.skipped += broken
        elif document.required and document.status is Status.MISSING:
            plan.missing.append(document)
            plan.skipped += broken
        elif document.required and not section.sources and broken:
            plan.unreadable.append((document.id, document.name, broken))
        elif document.required and not section.sources and document.files and not considered:
            plan.missing.append(document)  # its only file is the output itself
        else:
            plan.skipped += broken
    return plan


def file_problem(name: str, reason: str, lang: str) -> str:
    return f"{name}：{reason}" if lang == "zh" else f"{name}: {reason}"


def _some(items: list[str], separator: str, lang: str, shown: int = 3) -> str:
    """The first few items and how many more; the total is said by the caller."""
    if len(items) <= shown + 1:
        return separator.join(items)
    return separator.join(items[:shown]) + " " + text("build_and_more", lang, count=len(items) - shown)
