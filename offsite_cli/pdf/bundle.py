"""The one PDF: cover sheet with deadline reminders and checklist, forms, documents, bookmarks, page stamps.

Order: cover → forms → required documents in checklist order → optional ones → unmatched files
(on request). Every page is A4; a stamp "第 n 页 / 共 N 页" and the person's name sit in a footer
band that no original is drawn into. The parts: `plan` (what goes in), `cover` (the cover and the
stamps, one small reportlab PDF), `assembly` (each original page under its stamp). The file is
written beside the output (owner-only: it holds the ID number) and renamed at the end.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from offsite_cli.base import atomic, offload
from offsite_cli.base.errors import ExitCode, OffsiteError, WorkFailed, os_reason
from offsite_cli.base.i18n import text
from offsite_cli.dossier.checklist import DossierReport
from offsite_cli.files.reading import FileInfo
from offsite_cli.pdf import assembly, cover, layout, pages
from offsite_cli.pdf.assembly import Progress
from offsite_cli.pdf.plan import FormInput, Section, file_order, make_plan  # noqa: F401 - the API

COMPRESS_STEPS = ((150, 72), (110, 60), (80, 50))  # (dpi, JPEG quality) tried for --max-size


class Incomplete(OffsiteError):
    """A required document is missing or none of its files can be read: nothing is written (exit 1).

    `details` is what `dossier build --json` prints for the refusal."""

    exit_code = ExitCode.FINDING

    def __init__(self, message: str, details: dict[str, Any] | None = None, **params: object) -> None:
        super().__init__(message, **params)
        self.details = details or {}

    def as_json(self) -> dict[str, Any]:
        return {"path": None, "complete": False, "pages": 0, "bytes": 0, "documents": [], **self.details}


@dataclass
class Options:
    lang: str = "zh"  # the PDF's: the cover, the bookmarks, the page stamps (the office's language)
    say: str | None = None  # the terminal's (what is missing, the notes, the JSON's names); None: lang
    office: Office | None = None  # the report's words in `lang`, where the report is in `say`
    allow_incomplete: bool = False
    include_unmatched: bool = False
    compress: bool = False
    max_size: int | None = None  # bytes
    font_path: str | None = None
    created: datetime | None = None  # PDF dates; from SOURCE_DATE_EPOCH for reproducible output
    category_name: str = ""
    unit: str | None = None  # the unit on the cover and in the metadata; None: case_file.unit_of
    notes: list[str] = field(default_factory=list)  # warnings about the case data (the forms' own)
    skip: set[Path] = field(default_factory=set)  # folders whose files are not documents (forms/)
    scan_look: str = "auto"  # the copier's look of straightened photos: auto|color|gray|bw|off
    as_taken: bool = False  # photos as they are: none straightened, none laid out together
    helper: Any = None  # a base.offload.Offload that draws the cover (None: drawn here)


@dataclass
class Office:
    """What the PDF says in the office's language when the dossier was read in the terminal's:
    the documents' names (id → name) and the classification (its deadlines' names)."""

    names: dict[str, str]
    classification: Any


def office_report(report: DossierReport, office: Office | None) -> DossierReport:
    """The report as the PDF says it: the documents named, and the deadlines, in its language."""
    if office is None:
        return report
    from dataclasses import replace

    return replace(report, classification=office.classification,
                   documents=[replace(document, name=office.names.get(document.id, document.name))
                              for document in report.documents])


@dataclass
class Result:
    path: Path
    pages: int
    bytes: int
    cover_pages: int
    sections: list[Section]
    complete: bool
    gaps: str  # what is missing or unreadable, one line ("" when complete)
    notes: list[str] = field(default_factory=list)  # repairs, size warnings
    missing: list[str] = field(default_factory=list)  # ids of required documents that are missing
    filled: dict[str, str] = field(default_factory=dict)  # document id → what its filled form
    # still needs by hand (signature | seal): required documents the tool's forms stand for
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): no file of a
    # required document could go in
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): left out, warned
    misfiled: list[tuple[str, str, str]] = field(default_factory=list)  # (file, the document it
    # looks like, the folder's document): left out, as `dossier check` does not count it
    photos: int = 0  # photos downsampled
    photo_bytes_before: int = 0
    photo_bytes_after: int = 0
    dpi: int = 0
    over_size: bool = False
    over_limit: int = 0
    straightened: list[int] = field(default_factory=list)  # pages with a straightened photo
    looks: dict[str, int] = field(default_factory=dict)  # copier's look applied → photos

    def as_json(self) -> dict[str, Any]:
        documents = [{"id": s.key, "name": s.name or s.title, "pages": [s.first, s.last]}
                     for s in self.sections if s.key not in ("forms", "unmatched")]
        result: dict[str, Any] = {
            "path": str(self.path), "pages": self.pages, "bytes": self.bytes, "complete": self.complete,
            "cover": [1, self.cover_pages], "documents": documents,
        }
        for section in self.sections:
            if section.key in ("forms", "unmatched"):
                result[section.key] = [section.first, section.last]
        if not self.complete:
            result["gaps"] = self.gaps
        result["missing"] = list(self.missing)
        result["filled"] = dict(self.filled)
        result["unreadable"] = [list(item) for item in self.unreadable]
        result["skipped"] = [list(item) for item in self.skipped]
        result["misfiled"] = [{"path": path, "misfiled": other, "folder_document": document}
                              for path, other, document in self.misfiled]
        result["straightened"] = list(self.straightened)
        if self.photos:
            result["compressed"] = {"photos": self.photos, "dpi": self.dpi,
                                    "before": self.photo_bytes_before, "after": self.photo_bytes_after}
        result["notes"] = list(self.notes)
        return result


def human_size(size: int) -> str:
    """Decimal units, as upload portals count them: 20 MB = 20,000,000 bytes."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"



def build(report: DossierReport, forms: list[FormInput], output: Path, options: Options,
          progress: Progress | None = None) -> Result:
    """Write the dossier PDF to `output` (atomically) and say what is in it.

    Raises Incomplete (nothing written) when a required document is missing or none of its files
    can be read, unless options.allow_incomplete; WorkFailed when the output cannot be written. A
    file that cannot go in beside one that can is left out and listed (Result.skipped). The
    files are drawn from what the reader kept (`FileInfo.data`): none is opened again.
    """
    output = output.absolute()
    target = output.resolve()
    skipped_folders = {folder.resolve() for folder in options.skip}

    def skip(info: FileInfo) -> bool:
        resolved = Path(os.path.realpath(info.path))  # a link loop: its own path, no error
        return resolved == target or any(folder in resolved.parents for folder in skipped_folders)

    say = options.say or options.lang
    said = {document.id: document.name for document in report.documents}  # in the terminal's language
    said.update(forms=text("build.forms", say), unmatched=text("build.unmatched", say))
    shown = office_report(report, options.office)  # (one copy: the cover finds the plan's documents in it)
    plan = make_plan(shown, forms, options.lang, options.include_unmatched, skip)
    sections, complete = plan.sections, plan.complete
    if say != options.lang:
        for section in sections:
            section.name = said.get(section.key, section.title)
    gaps = plan.gaps(say, names=said)
    missing_ids = [d.id for d in plan.missing]
    if not complete and not options.allow_incomplete:
        details = {"gaps": gaps, "missing": missing_ids,
                   "unreadable": [list(item) for item in plan.unreadable_files()],
                   "skipped": [list(item) for item in plan.skipped], "notes": list(options.notes),
                   "misfiled": [{"path": path, "misfiled": other, "folder_document": document}
                                for path, other, document in plan.misfiled]}
        raise Incomplete("build_incomplete", details, folder=str(report.case.folder), what=gaps)

    from offsite_cli.dossier import case as case_file

    unit = options.unit if options.unit is not None else case_file.unit_of(report.case, report.classification)
    sheet = cover.CoverData.from_report(shown, options.lang, plan, unit, options.category_name)
    layout.lay_out(sections, options.lang, options.as_taken)
    photos = [s for section in sections for s in section.sources if s.photo]
    boxes = {id(item.source): item.box for section in sections for output in section.layout
             for item in output.placed if item.straightened}  # where each straightened sheet goes
    with _light(sections):  # what is sent to a helper: no file's bytes, no opened PDF
        job = offload.submit(options.helper, cover.render, sheet, sections, options.font_path)
    early = None  # the photos made while a helper draws the cover (their size is not checked)
    if options.max_size is None:
        early = _images(photos, COMPRESS_STEPS[0] if options.compress else None, boxes, options.scan_look)
    drawn = job.result()
    for section, (first, last) in zip(sections, drawn.numbers, strict=True):
        section.first, section.last = first, last
    cover_pages, total, overlay = drawn.cover_pages, drawn.total, drawn.overlay

    notes = list(options.notes) + [text("build_repaired", say, file=s.relative, reason=s.repairs[0])
                                   for section in sections for s in section.sources if s.repairs]
    result = Result(path=output, pages=total, bytes=0, cover_pages=cover_pages, sections=sections,
                    complete=complete, gaps=gaps, notes=notes, missing=missing_ids,
                    filled=dict(plan.filled),
                    unreadable=plan.unreadable_files(), skipped=list(plan.skipped),
                    misfiled=list(plan.misfiled))
    steps: list[tuple[int, int] | None] = [None]
    if options.compress:
        steps = [COMPRESS_STEPS[0]]
    if options.max_size is not None:
        estimate = sum(s.size for section in sections for s in section.sources) + len(overlay)
        steps = ([] if options.compress or estimate > options.max_size else [None]) + list(COMPRESS_STEPS)
        if not photos:
            steps = steps[:1]
    # beside the output, owner-only (it holds the ID number); stale ones of killed runs go first
    try:
        descriptor, temporary = atomic.open_part(output, private=True)
        os.close(descriptor)
    except OSError as error:
        raise WorkFailed("build_output_unwritable", file=str(output), reason=os_reason(error)) from None
    try:
        for attempt, step in enumerate(steps):
            compressed, looks = early if attempt == 0 and early is not None else \
                _images(photos, step, boxes, options.scan_look)
            assembly.assemble(sections, overlay, cover_pages, total, sheet, options.font_path, options.created,
                              temporary, compressed, progress)
            size = temporary.stat().st_size
            if options.max_size is None or size <= options.max_size or attempt == len(steps) - 1:
                break
        result.straightened = layout.straightened_pages(sections)
        result.looks = looks
        if step is not None:
            result.dpi = step[0]
            result.photos = sum(1 for source in photos if compressed.get(id(source)))
            result.photo_bytes_before = sum(source.size for source in photos)
            result.photo_bytes_after = sum(sum(len(j.data) for j in compressed[id(source)])
                                           if compressed.get(id(source)) else source.size
                                           for source in photos)
        with open(temporary, "rb+") as handle:
            atomic.finish_part(handle.fileno(), temporary, output, private=True)
    except BaseException as error:  # Ctrl-C and crashes too: no partial file is left behind
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WorkFailed("build_output_unwritable", file=str(output),
                             reason=os_reason(error)) from None
        raise
    result.bytes = size
    if options.max_size is not None and size > options.max_size:
        result.over_size, result.over_limit = True, options.max_size
    return result


class _light:
    """The sections' files without their bytes and opened PDFs while they are drawn on the
    cover (which needs neither): a helper is sent a few kilobytes, not the dossier."""

    def __init__(self, sections: list[Section]) -> None:
        self.sources = {id(s): s for section in sections for s in section.sources}.values()
        self.held: list[tuple[FileInfo, Any, Any]] = []

    def __enter__(self) -> None:
        for source in self.sources:
            self.held.append((source, source.data, source.pdf))
            source.data, source.pdf = None, None

    def __exit__(self, *exc: object) -> None:
        for source, data, pdf in self.held:
            source.data, source.pdf = data, pdf
        self.held.clear()


def _images(photos: list[FileInfo], step: tuple[int, int] | None,
            boxes: dict[int, tuple[float, float, float, float] | None], look: str
            ) -> tuple[dict[int, list[pages.Jpeg]], dict[str, int]]:
    """The image each photo is drawn from, on all cores (Pillow and OpenCV work without the GIL):
    a straightened sheet with the copier's look (at `step`'s dpi where it is drawn, when
    compressing), else the photo downsampled at `step`, else nothing (the photo as it is). Also
    how many sheets got each look."""
    from concurrent.futures import ThreadPoolExecutor

    def one(source: FileInfo) -> tuple[list[pages.Jpeg], str]:
        box = boxes.get(id(source))
        if id(source) in boxes and box is not None:
            if step is None:
                jpeg, used = pages.sheet_image(source, look)
            else:
                size = pages.printed_pixels(source.sheet.size, box, step[0])
                jpeg, used = pages.sheet_image(source, look, size, step[1])
            return [jpeg], used
        if step is not None:
            return pages.downsample(source, *step), ""
        return [], ""

    pool = ThreadPoolExecutor(max_workers=pages.cpu_count())
    try:
        done = list(pool.map(one, photos))
    finally:  # stopped: the photos not started yet are not decoded
        pool.shutdown(wait=True, cancel_futures=True)
    looks: dict[str, int] = {}
    for _, used in done:
        if used:
            looks[used] = looks.get(used, 0) + 1
    return {id(source): frames for source, (frames, _) in zip(photos, done, strict=True)}, looks
