"""The one PDF: cover sheet with deadline reminders and checklist, forms, documents, bookmarks, page stamps.

Order: cover → forms → required documents in checklist order → optional ones → unmatched files
(on request). Every page is A4; a stamp "第 n 页 / 共 N 页" and the person's name sit in a footer
band that no original is drawn into. The overlay (cover and stamps) is one small reportlab PDF;
each original page becomes a Form XObject placed under its stamp by pypdf, so nothing is parsed
or re-encoded that need not be. The file is written beside the output and renamed at the end.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from offsite_cli.pdf import pages
from offsite_cli.dossier.checklist import DocumentResult, DossierReport, FileInfo, Status
from offsite_cli.base.errors import ExitCode, OffsiteError, WorkFailed, os_reason
from offsite_cli.base.i18n import label, text
from offsite_cli.policy.rules import deadline_words

Progress = Callable[[int, int], None]  # (done, total)
STAMP_COLOUR = (0.05, 0.35, 0.75)  # a blue no scanned original uses for its own page numbers
RED = (0.8, 0.05, 0.05)
GREY = (0.42, 0.42, 0.42)
ORANGE = (0.72, 0.36, 0.0)  # files left out: worth a look, not a refusal
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
class FormInput:
    """A filled form, already a PDF (from `dossier forms`)."""

    title: str
    path: Path
    document: str | None = None  # the checklist document it stands for (profile [[forms]] data)
    pending: str = "signature"  # what it still needs by hand: signature | seal


@dataclass
class Options:
    lang: str = "zh"
    allow_incomplete: bool = False
    include_unmatched: bool = False
    compress: bool = False
    max_size: int | None = None  # bytes
    passwords: dict[str, str] = field(default_factory=dict)  # relative path (or "*") → password
    font_path: str | None = None
    created: datetime | None = None  # PDF dates; from SOURCE_DATE_EPOCH for reproducible output
    category_name: str = ""
    unit: str | None = None  # None: case_file.unit_of(case), as the forms resolve it
    notes: list[str] = field(default_factory=list)  # warnings about the case data (the forms' own)


@dataclass
class Section:
    key: str  # a document id, "forms" or "unmatched"
    title: str
    sources: list[pages.Source] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # one bookmark title per source
    first: int = 0  # 1-based page numbers in the output
    last: int = 0

    @property
    def pages(self) -> int:
        return sum(source.pages for source in self.sources)


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
    photos: int = 0  # photos downsampled
    photo_bytes_before: int = 0
    photo_bytes_after: int = 0
    dpi: int = 0
    over_size: bool = False
    over_limit: int = 0

    def as_json(self) -> dict[str, Any]:
        documents = [{"id": s.key, "name": s.title, "pages": [s.first, s.last]}
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


# ------------------------------------------------------------------------------------------ plan


@dataclass
class _Plan:
    """What goes in and what does not. Missing documents come from the report's statuses (as
    `dossier check` says them); whether a file goes in from its `readable` flag and from opening it."""

    sections: list[Section] = field(default_factory=list)
    missing: list[DocumentResult] = field(default_factory=list)  # required, missing
    unreadable: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    # (id, name, [(file, reason)]): required documents (or the forms) of which no file can go in
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): left out, warned
    included: dict[str, int] = field(default_factory=dict)  # document id → files that go in
    filled: dict[str, str] = field(default_factory=dict)  # document id → pending (signature | seal):
    # a required document with no file of its own that a filled form stands for
    form_of: dict[str, int] = field(default_factory=dict)  # document id → its form's place in forms

    @property
    def complete(self) -> bool:
        return not self.missing and not self.unreadable

    def unreadable_files(self) -> list[tuple[str, str]]:
        return [item for _, _, files in self.unreadable for item in files]


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


def _plan(report: DossierReport, forms: list[FormInput], options: Options, skip: set[Path]) -> _Plan:
    """Sections in output order; a file that cannot go in is left out with a warning as long as
    its document has another file that can; a required document with none makes a gap."""
    lang = options.lang
    plan = _Plan()
    filled_forms: dict[str, str] = {}  # document id → pending, for each form that goes in
    if forms:
        section = Section("forms", text("build.forms", lang))
        broken: list[tuple[str, str]] = []
        for form in forms:
            before = len(section.sources)
            _add(section, form.path, form.path.name, form.title, options, broken)
            if form.document and len(section.sources) > before:
                plan.form_of.setdefault(form.document, before)
                filled_forms[form.document] = form.pending
        if broken:
            plan.unreadable.append(("forms", section.title, broken))
        if section.sources:
            plan.sections.append(section)
    ordered = [d for d in report.documents if d.required] + [d for d in report.documents if not d.required]
    groups: list[tuple[Section, list[FileInfo], DocumentResult | None]] = [
        (Section(d.id, d.name), d.files, d) for d in ordered]
    if options.include_unmatched and report.unmatched:
        groups.append((Section("unmatched", text("build.unmatched", lang)), report.unmatched, None))
    for section, files, document in groups:
        broken = []
        considered = 0
        for info in sorted(files, key=lambda i: file_order(i.relative)):
            if info.path.resolve() in skip:
                continue
            considered += 1
            if not info.readable:
                broken.append((info.relative, _reason_only(info.relative, info.reason)))
                continue
            _add(section, info.path, info.relative, info.relative, options, broken)
        if section.sources:
            plan.sections.append(section)
        if document is None:  # unmatched files: whatever cannot go in is left out
            plan.skipped += broken
            continue
        plan.included[document.id] = len(section.sources)
        # nothing of its own goes in (no file, or its only file is the output or a form's PDF)
        gap = document.required and not document.satisfied_by and not section.sources and not broken
        stand_in = [other for other in (document.id, *document.alternatives) if other in filled_forms]
        if gap and stand_in and stand_in[0] == document.id:
            plan.filled[document.id] = filled_forms[document.id]  # the form the tool filled
            plan.skipped += broken
        elif gap and stand_in:  # an alternative the tool filled (a commitment letter)
            document.satisfied_by = stand_in[0]
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


def _add(section: Section, path: Path, relative: str, title: str, options: Options,
         broken: list[tuple[str, str]]) -> None:
    password = options.passwords.get(relative, options.passwords.get("*"))
    try:
        source = pages.probe(path, relative, password)
    except OffsiteError as error:
        broken.append((relative, _reason_only(relative, text(error.message, options.lang, **error.params))))
        return
    section.sources.append(source)
    section.titles.append(title)


def _reason_only(name: str, reason: str) -> str:
    """A reason without the file name in front ("a.pdf：空文件" → "空文件")."""
    for separator in ("：", ": "):
        if reason.startswith(name + separator):
            return reason[len(name) + len(separator):]
    return reason


def file_problem(name: str, reason: str, lang: str) -> str:
    return f"{name}：{reason}" if lang == "zh" else f"{name}: {reason}"


def _gaps(plan: _Plan, lang: str) -> str:
    parts = []
    separator = "、" if lang == "zh" else ", "
    if plan.missing:
        parts.append(text("build_missing_list", lang, count=len(plan.missing),
                          documents=_some([d.name for d in plan.missing], separator, lang)))
    if plan.unreadable:
        items = [f"{name}（{file_problem(*files[0], lang)}）" if lang == "zh"
                 else f"{name} ({file_problem(*files[0], lang)})" for _, name, files in plan.unreadable]
        parts.append(text("build_unreadable_list", lang, count=len(plan.unreadable),
                          documents=_some(items, separator, lang)))
    return ("；" if lang == "zh" else "; ").join(parts)


def _some(items: list[str], separator: str, lang: str, shown: int = 3) -> str:
    """The first few items and how many more; the total is said by the caller."""
    if len(items) <= shown + 1:
        return separator.join(items)
    return separator.join(items[:shown]) + " " + text("build_and_more", lang, count=len(items) - shown)


# ----------------------------------------------------------------------------------------- build


def build(report: DossierReport, forms: list[FormInput], output: Path, options: Options,
          progress: Progress | None = None) -> Result:
    """Write the dossier PDF to `output` (atomically) and say what is in it.

    Raises Incomplete (nothing written) when a required document is missing or none of its files
    can be read, unless options.allow_incomplete; WorkFailed when the output cannot be written. A
    file that cannot go in beside one that can is left out and listed (Result.skipped).
    """
    output = output.absolute()
    skip = {output.resolve()}
    plan = _plan(report, forms, options, skip)
    sections, complete = plan.sections, plan.complete
    gaps = _gaps(plan, options.lang)
    missing_ids = [d.id for d in plan.missing]
    if not complete and not options.allow_incomplete:
        details = {"gaps": gaps, "missing": missing_ids,
                   "unreadable": [list(item) for item in plan.unreadable_files()],
                   "skipped": [list(item) for item in plan.skipped], "notes": list(options.notes)}
        raise Incomplete("build_incomplete", details, folder=str(report.case.folder), what=gaps)

    font = _font(options.font_path)
    cover = _CoverData.from_report(report, options, plan, gaps)
    cover_pages = _draw_cover(None, cover, sections, font, 0)
    page = cover_pages + 1
    for section in sections:
        section.first = page
        page += section.pages
        section.last = page - 1
    total = page - 1
    overlay = _overlay(cover, sections, font, cover_pages, total)

    notes = list(options.notes) + [text("build_repaired", options.lang, file=s.relative, reason=s.notes[0])
                                   for section in sections for s in section.sources if s.notes]
    result = Result(path=output, pages=total, bytes=0, cover_pages=cover_pages, sections=sections,
                    complete=complete, gaps=gaps, notes=notes, missing=missing_ids,
                    filled=dict(plan.filled),
                    unreadable=plan.unreadable_files(), skipped=list(plan.skipped))
    photos = [s for section in sections for s in section.sources if s.photo]
    steps: list[tuple[int, int] | None] = [None]
    if options.compress:
        steps = [COMPRESS_STEPS[0]]
    if options.max_size is not None:
        estimate = sum(s.size for section in sections for s in section.sources) + len(overlay)
        steps = ([] if options.compress or estimate > options.max_size else [None]) + list(COMPRESS_STEPS)
        if not photos:
            steps = steps[:1]
    temporary = output.parent / f".{output.name}.{os.getpid()}.part"
    try:
        with tempfile.TemporaryDirectory(prefix="offsite-build-") as work_name:
            work = Path(work_name)
            for attempt, step in enumerate(steps):
                compressed: dict[int, dict[int, Path]] = {}
                if step is not None:
                    compressed = _downsample(photos, work / f"{step[0]}", *step)
                _assemble(sections, overlay, cover_pages, total, cover, options, temporary, output,
                          work, compressed, progress)
                size = temporary.stat().st_size
                if options.max_size is None or size <= options.max_size or attempt == len(steps) - 1:
                    break
            if step is not None:
                shrunk = [(source, compressed.get(id(source)) or {}) for source in photos]
                result.dpi = step[0]
                result.photos = sum(1 for _, frames in shrunk if frames)
                result.photo_bytes_before = sum(source.size for source, _ in shrunk)
                result.photo_bytes_after = sum(sum(p.stat().st_size for p in frames.values()) if frames
                                               else source.size for source, frames in shrunk)
        os.replace(temporary, output)
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


def _font(path: str | None) -> str:
    from offsite_cli.pdf import fonts

    return fonts.register(path)


def _downsample(photos: list[pages.Source], work: Path, dpi: int,
                quality: int) -> dict[int, dict[int, Path]]:
    """Every photo at `dpi`, on all cores (Pillow decodes, resizes and encodes without the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    work.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=pages.cpu_count()) as pool:
        done = list(pool.map(lambda source: pages.downsample(source, work, dpi, quality), photos))
    return {id(source): frames for source, frames in zip(photos, done, strict=True)}


def _assemble(sections: list[Section], overlay: bytes, cover_pages: int, total: int,
              cover: _CoverData, options: Options, temporary: Path, output: Path, work: Path,
              compressed: dict[int, dict[int, Path]], progress: Progress | None) -> None:
    """Every page into one pypdf writer, then written to `temporary` (beside the output)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    with pages.quiet_pypdf():
        overlay_reader = PdfReader(io.BytesIO(overlay))
        writer = PdfWriter()
        for index in range(cover_pages):
            writer.add_page(overlay_reader.pages[index])
        index = cover_pages
        done = 0
        for section in sections:
            for source in section.sources:
                jpegs = None if source.kind == "pdf" else \
                    pages.jpeg_frames(source, compressed.get(id(source)))
                if jpegs is not None:  # straight in: no reportlab round trip, bytes read at write
                    for frame, jpeg in zip(source.frames, jpegs, strict=True):
                        page = writer.add_page(overlay_reader.pages[index])
                        image = writer._add_object(pages.jpeg_xobject(jpeg))
                        _draw_under(writer, page, [("/OffsiteImage", image, pages.frame_matrix(frame))])
                        index += 1
                        done += 1
                    if progress:
                        progress(done, total - cover_pages)
                    continue
                if source.kind == "pdf":
                    reader, laid_out = source.reader, False
                else:
                    data = pages.image_pdf(source, work, _font(options.font_path),
                                           compressed.get(id(source)))
                    reader, laid_out = PdfReader(io.BytesIO(data)), True
                for number, original in enumerate(reader.pages):
                    page = writer.add_page(overlay_reader.pages[index])
                    _place(writer, page, original, source.landscape[number], laid_out, source.relative)
                    index += 1
                    done += 1
                if progress:
                    progress(done, total - cover_pages)
        _outline(writer, sections, cover, cover_pages)
        _metadata(writer, cover, options)
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        digest = hashlib.md5(overlay, usedforsecurity=False)
        for section in sections:
            for source in section.sources:
                digest.update(f"{source.relative}\0{source.size}\0".encode())
        identifier = ByteStringObject(digest.digest())
        writer._ID = ArrayObject([identifier, identifier])
        with open(temporary, "wb") as handle:
            writer.write(handle)
            handle.flush()
            os.fsync(handle.fileno())


def _place(writer: Any, page: Any, original: Any, landscape: bool, laid_out: bool,
           relative: str) -> None:
    """Draw `original` under the stamp of `page`: a Form XObject placed by one matrix."""
    try:
        form, annotations = pages.page_form(writer, original)
    except (KeyError, ValueError, TypeError, AttributeError, OSError) as error:
        raise pages.FileProblem("build_pdf_damaged", file=relative, reason=str(error)[:120]) from None
    box = original.cropbox
    if laid_out:
        matrix: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    else:
        matrix = pages.placement((float(box.left), float(box.bottom), float(box.right), float(box.top)),
                                 original.rotation, landscape)
    # The fields are drawn inside the original's matrix: they are positioned in its page space.
    drawings = [("/OffsiteOriginal", form, matrix)]
    drawings += [(f"/OffsiteField{number}", appearance, annotation_matrix)
                 for number, (appearance, annotation_matrix) in enumerate(annotations)]
    _draw_under(writer, page, drawings, nested=True)


def _draw_under(writer: Any, page: Any, drawings: list[tuple[str, Any, tuple[float, ...]]],
                nested: bool = False) -> None:
    """Draw XObjects (name, object, matrix) before the page's own content (the stamp) so that the
    stamp stays on top. `nested`: every drawing after the first is placed inside the first's
    matrix (form fields over their page)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    resources = DictionaryObject(page["/Resources"].items()) if "/Resources" in page else DictionaryObject()
    xobjects = DictionaryObject(resources["/XObject"].items()) if "/XObject" in resources else DictionaryObject()
    drawing = []
    for number, (name, xobject, matrix) in enumerate(drawings):
        xobjects[NameObject(name)] = xobject
        if nested and number:
            drawing.append(b"q " + _numbers(matrix) + b" cm " + name.encode() + b" Do Q")
        else:
            drawing.append(b"q " + _numbers(matrix) + b" cm " + name.encode() + b" Do" +
                           (b"" if nested else b" Q"))
    if nested:
        drawing.append(b"Q")
    drawing[-1] += b"\n"
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    stream = DecodedStreamObject()
    stream.set_data(b"\n".join(drawing))
    existing = page.raw_get("/Contents") if "/Contents" in page else None
    contents = ArrayObject([writer._add_object(stream)])
    if isinstance(existing, ArrayObject):
        contents.extend(existing)
    elif existing is not None:
        contents.append(existing)
    page[NameObject("/Contents")] = contents


def _numbers(values: tuple[float, ...]) -> bytes:
    return " ".join(f"{v:.4f}".rstrip("0").rstrip(".") if v % 1 else str(int(v)) for v in values).encode()


def _outline(writer: Any, sections: list[Section], cover: _CoverData, cover_pages: int) -> None:
    writer.add_outline_item(title=text("build.cover", cover.lang), page_number=0)
    for section in sections:
        parent = writer.add_outline_item(title=section.title, page_number=section.first - 1)
        page = section.first
        for source, title in zip(section.sources, section.titles, strict=True):
            writer.add_outline_item(title=title, page_number=page - 1, parent=parent)
            page += source.pages
    writer.page_mode = "/UseOutlines"


def _metadata(writer: Any, cover: _CoverData, options: Options) -> None:
    from offsite_cli import __version__

    created = options.created or datetime.now(timezone.utc)
    stamp = created.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
    title = text("build.title", cover.lang) + (f" — {cover.name}" if cover.name else "")
    writer.add_metadata({
        "/Title": title, "/Author": cover.unit or "", "/Subject": cover.subject,
        "/Creator": f"offsite {__version__}", "/Producer": f"offsite {__version__} (reportlab, pypdf)",
        "/CreationDate": stamp, "/ModDate": stamp,
    })


# ----------------------------------------------------------------------------------------- cover


@dataclass
class _Row:
    title: str
    needed: str
    status: str
    files: str
    section: str  # key of the Section whose first page is shown
    alarm: bool = False
    quiet: bool = False


@dataclass
class _CoverData:
    lang: str
    name: str
    unit: str
    subject: str
    today: date
    fields: list[tuple[str, str]]
    verdict: list[tuple[str, str, bool]]  # label, value, in red
    deadlines: list[tuple[str, str, bool]]  # left part, days part, in red
    incomplete: str
    rows: list[_Row]
    notes: list[str]
    skipped: list[str] = field(default_factory=list)  # "file：reason" of the files left out
    form_of: dict[str, int] = field(default_factory=dict)  # document id → its form's place

    @classmethod
    def from_report(cls, report: DossierReport, options: Options, plan: _Plan, gaps: str) -> _CoverData:
        from offsite_cli.dossier import case as case_file

        lang = options.lang
        case, result = report.case, report.classification
        unit = options.unit if options.unit is not None else case_file.unit_of(case)
        dash = "—"
        dates = " – ".join(d.isoformat() for d in (case.admitted, case.discharged) if d) or dash
        insurance = label("insurance", case.insurance, lang) if case.insurance else dash
        if options.category_name or case.category:
            insurance += " · " + (options.category_name or case.category)
        fields = [
            (text("build.person", lang), case.name or dash),
            (text("build.id_number", lang), case.id_number.masked if case.id_number else dash),
            (text("build.insurance", lang), insurance),
            (text("build.unit", lang), unit or dash),
            (text("label.insured", lang), _region(case.insured_region)),
            (text("label.treatment", lang), _region(case.treatment_region)),
            (text("build.hospital", lang), case.hospital or dash),
            (text("build.care", lang), label("care", case.care, lang) if case.care else dash),
            (text("build.dates", lang), dates),
            (text("build.amount", lang),
             text("build.yuan", lang, amount=f"{case.amount:,.2f}") if case.amount is not None else dash),
        ]
        filing = result.filing
        if filing.deemed:
            filing_text, filing_alarm = text("filing.deemed", lang), False
        elif not filing.required:
            filing_text, filing_alarm = text("filing.not_required", lang), False
        elif filing.done:
            filing_text, filing_alarm = text("filing.required_done", lang), False
        else:
            filing_text, filing_alarm = text("filing.required_not_done", lang), True
        verdict = [
            (text("label.scope", lang), label("scope", result.scope.value, lang), False),
            (text("label.filing", lang), filing_text, filing_alarm),
            (text("label.route", lang), label("route", result.route.value, lang),
             result.route.value == "not_reimbursable"),
        ]
        deadlines = []
        for deadline in result.deadlines:
            when, days, marks = deadline_words(deadline, lang)
            left = deadline.name + "  " + when
            if marks:
                days += "（" + "；".join(marks) + "）" if lang == "zh" else " (" + "; ".join(marks) + ")"
            deadlines.append((left, days, deadline.days_left < 0))
        rows = [_document_row(document, lang, plan) for document in report.documents]
        subject = text("build.subject", lang, care=label("care", case.care, lang) if case.care else "",
                       hospital=case.hospital, dates=dates)
        return cls(lang=lang, name=case.name, unit=unit, subject=subject, today=result.today,
                   fields=fields, verdict=verdict, deadlines=deadlines,
                   incomplete=text("build.incomplete", lang, what=gaps) if gaps else "",
                   rows=rows, notes=[getattr(w, "text", str(w)) for w in result.warnings],
                   skipped=[file_problem(name, reason, lang) for name, reason in plan.skipped],
                   form_of=dict(plan.form_of))


def _region(region: Any) -> str:
    return f"{region.full_name} {region.code}" if region is not None else "—"


def _document_row(document: DocumentResult, lang: str, plan: _Plan) -> _Row:
    needed = text("label.required" if document.required else "label.optional", lang)
    included = plan.included.get(document.id, 0)
    if document.id in plan.filled:  # no file of its own: the form the tool filled stands for it
        return _Row(document.name, needed, text(f"build.status.filled_{plan.filled[document.id]}", lang),
                    "0", f"form:{document.id}")
    if any(d is document for d in plan.missing):
        status, alarm, quiet = "missing", True, False
    elif included:
        status, alarm, quiet = "ok", False, False
    elif any(item[0] == document.id for item in plan.unreadable):
        status, alarm, quiet = "unreadable", True, False
    elif document.satisfied_by:
        status, alarm, quiet = "instead", False, True
    elif not document.files:
        status, alarm, quiet = "not_provided" if not document.required else "missing", \
            document.required, not document.required
    else:  # an optional document whose files could not go in
        status, alarm, quiet = "unreadable", False, True
    return _Row(document.name, needed, text(f"build.status.{status}", lang), str(included),
                document.id, alarm, quiet)


class _Layout:
    """A page cursor for the cover: draws when it has a canvas, only counts pages when not."""

    LEFT = 18 * pages.MM
    TOP = 18 * pages.MM

    def __init__(self, canvas: Any, font: str, stamp: Callable[[Any, int], None] | None) -> None:
        self.canvas = canvas
        self.font = font
        self.stamp = stamp
        self.page = 1
        self.width, self.height = pages.A4
        self.y = self.height - self.TOP
        self.right = self.width - self.LEFT

    def need(self, height: float) -> bool:
        """Start a new page unless `height` fits; True when it did."""
        if self.y - height >= pages.FOOTER + 6 * pages.MM:
            return False
        self.new_page()
        return True

    def new_page(self) -> None:
        if self.canvas is not None:
            self.stamp(self.canvas, self.page)  # type: ignore[misc]
            self.canvas.showPage()
        self.page += 1
        self.y = self.height - self.TOP

    def text(self, x: float, value: str, size: float, colour: tuple[float, float, float] = (0, 0, 0),
             right: bool = False, y: float | None = None) -> None:
        if self.canvas is None:
            return
        self.canvas.setFont(self.font, size)
        self.canvas.setFillColorRGB(*colour)
        (self.canvas.drawRightString if right else self.canvas.drawString)(x, self.y if y is None else y, value)

    def width_of(self, value: str, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(value, self.font, size)

    def wrap(self, value: str, size: float, width: float) -> list[str]:
        """Greedy wrapping by width: between any two CJK characters, else at spaces."""
        lines: list[str] = []
        line = ""
        for char in value:
            if self.width_of(line + char, size) <= width:
                line += char
                continue
            cut = line.rfind(" ") if char != " " and not _cjk(char) and " " in line else -1
            if cut > 0:
                lines.append(line[:cut])
                line = line[cut + 1:] + char
            else:
                lines.append(line)
                line = char.lstrip()
        if line:
            lines.append(line)
        return lines

    def clip(self, value: str, size: float, width: float) -> str:
        if self.width_of(value, size) <= width:
            return value
        while value and self.width_of(value + "…", size) > width:
            value = value[:-1]
        return value + "…"


def _cjk(char: str) -> bool:
    return ord(char) >= 0x2E80


def _draw_cover(canvas: Any, cover: _CoverData, sections: list[Section], font: str, total: int) -> int:
    """Draw (or, without a canvas, measure) the cover; returns the number of pages it takes."""
    lang = cover.lang
    stamp = (lambda c, n: _stamp(c, font, lang, n, total, cover.name, text("build.cover", lang), False)) \
        if canvas is not None else None
    layout = _Layout(canvas, font, stamp)
    left, right = layout.LEFT, layout.right
    layout.text(left, text("build.title", lang), 18)
    layout.text(right, text("build.generated", lang, date=cover.today.isoformat()), 8.5, GREY, right=True)
    layout.y -= 10
    _rule(layout, left, right)
    layout.y -= 16
    label_width = 78 if lang == "en" else 64
    for name, value in cover.fields:
        layout.text(left, name, 9, GREY)
        layout.text(left + label_width, layout.clip(value, 10.5, right - left - label_width), 10.5)
        layout.y -= 15
    layout.y -= 4
    for name, value, alarm in cover.verdict:
        layout.text(left, name, 9, GREY)
        layout.text(left + label_width, layout.clip(value, 11, right - left - label_width), 11,
                    RED if alarm else (0, 0, 0))
        layout.y -= 16

    # the deadline reminder box: a reminder too long for its column goes on to further lines
    entries = cover.deadlines or [(text("label.none", lang), "", False)]
    left_width, days_width = (right - left) * 0.55, (right - left) * 0.41
    days_x = left + 8 + (right - left) * 0.57
    wrapped = [(layout.wrap(name, 11, left_width) or [""], layout.wrap(days, 11, days_width) or [""], alarm)
               for name, days, alarm in entries]
    overdue = any(alarm for *_, alarm in entries)
    box_height = 24 + sum(17 + 14 * (max(len(a), len(b)) - 1) for a, b, _ in wrapped) + (16 if overdue else 0)
    layout.y -= 6
    layout.need(box_height)
    top = layout.y + 4
    if canvas is not None:
        canvas.setStrokeColorRGB(*STAMP_COLOUR)
        canvas.setFillColorRGB(0.93, 0.95, 1.0)
        canvas.setLineWidth(1.2)
        canvas.rect(left, top - box_height, right - left, box_height, stroke=1, fill=1)
    layout.y -= 12
    layout.text(left + 8, text("build.reminders", lang), 11, STAMP_COLOUR)
    layout.y -= 18
    for name_lines, days_lines, alarm in wrapped:
        colour = RED if alarm else (0, 0, 0)
        for number in range(max(len(name_lines), len(days_lines))):
            if number:
                layout.y -= 14
            if number < len(name_lines):
                layout.text(left + 8, name_lines[number], 11, colour)
            if number < len(days_lines):
                layout.text(days_x, days_lines[number], 11, colour)
        layout.y -= 17
    if overdue:
        layout.y -= 1
        layout.text(left + 8, text("build.overdue_note", lang), 9, RED)
        layout.y -= 12
    layout.y = top - box_height - 18

    if cover.incomplete:
        for line in layout.wrap(cover.incomplete, 11, right - left):
            layout.need(15)
            layout.text(left, line, 11, RED)
            layout.y -= 15
        layout.y -= 4

    # the checklist: forms, then documents
    starts = {section.key: section.first for section in sections}
    rows: list[_Row] = []
    for section in sections:
        if section.key == "forms":
            rows += [_Row(text("build.form", lang, title=title), "", text("build.status.filled", lang), "1",
                          "") for title in section.titles]
    rows += cover.rows
    if "unmatched" in starts:
        section = next(s for s in sections if s.key == "unmatched")
        rows.append(_Row(section.title, "", text("build.status.included", lang), str(len(section.sources)),
                         "unmatched"))
    form_pages = [s for s in sections if s.key == "forms"]
    form_starts = []
    if form_pages:
        page = form_pages[0].first
        for source in form_pages[0].sources:
            form_starts.append(page)
            page += source.pages
    for document_id, index in cover.form_of.items():  # a document a filled form stands for
        if index < len(form_starts):
            starts[f"form:{document_id}"] = form_starts[index]
    heading = [text("build.col.document", lang), text("build.col.needed", lang),
               text("build.col.status", lang), text("build.col.files", lang), text("build.col.page", lang)]
    # the needed and status columns as wide as their longest entry ("optional, not provided")
    status_width = max([layout.width_of(row.status, 9.5) for row in rows] + [layout.width_of(heading[2], 8.5)])
    needed_width = max([layout.width_of(row.needed, 9.5) for row in rows] + [layout.width_of(heading[1], 8.5)])
    status_x = min(right - 140, right - 68 - 10 - status_width)
    needed_x = min(right - 200, status_x - 10 - needed_width)
    columns = (left, left + 22, needed_x, status_x, right - 68, right)

    def header(continued: bool) -> None:
        title = text("build.checklist", lang) + (text("build.continued", lang) if continued else "")
        layout.text(left, title, 12)
        layout.y -= 16
        layout.text(columns[1], heading[0], 8.5, GREY)
        for x, value in zip(columns[2:5], heading[1:4], strict=True):
            layout.text(x, value, 8.5, GREY)
        layout.text(columns[5], heading[4], 8.5, GREY, right=True)
        layout.y -= 5
        _rule(layout, left, right, 0.5)
        layout.y -= 12

    layout.need(16 + 17 + 15 * min(3, len(rows)))
    header(False)
    form_index = 0
    for number, row in enumerate(rows, start=1):
        if layout.need(15):
            header(True)
        colour = RED if row.alarm else (GREY if row.quiet else (0, 0, 0))
        layout.text(columns[0], str(number), 9.5, GREY)
        layout.text(columns[1], layout.clip(row.title, 10, columns[2] - columns[1] - 6), 10, colour)
        layout.text(columns[2], row.needed, 9.5, colour)
        layout.text(columns[3], row.status, 9.5, colour)
        layout.text(columns[4] + 14, row.files, 9.5, colour, right=True)
        if row.section:
            start = str(starts[row.section]) if row.section in starts else "—"
        else:
            start = str(form_starts[form_index]) if form_index < len(form_starts) else "—"
            form_index += 1
        layout.text(columns[5], start, 10, colour, right=True)
        layout.y -= 15

    # Files left out beside a readable file of their document, then the notes.
    for title, items, size, colour in ((text("build.skipped", lang), cover.skipped, 9, ORANGE),
                                       (text("label.warnings", lang), cover.notes, 8.5, GREY)):
        if not items:
            continue
        layout.y -= 6
        layout.need(14 + 12)
        layout.text(left, title, 9.5, colour)
        layout.y -= 13
        for item in items:
            for line in layout.wrap("• " + item, size, right - left):
                layout.need(size + 3)
                layout.text(left, line, size, colour)
                layout.y -= size + 3
    if canvas is not None:
        stamp(canvas, layout.page)  # type: ignore[misc]
        canvas.showPage()
    return layout.page


def _rule(layout: _Layout, left: float, right: float, width: float = 0.8) -> None:
    if layout.canvas is not None:
        layout.canvas.setStrokeColorRGB(*GREY)
        layout.canvas.setLineWidth(width)
        layout.canvas.line(left, layout.y, right, layout.y)


def _stamp(canvas: Any, font: str, lang: str, page: int, total: int, name: str, title: str,
           landscape: bool) -> None:
    """The footer: person and section on the left, "第 n 页 / 共 N 页" on the right, in blue."""
    width = pages.page_size(landscape)[0]
    y = 5 * pages.MM
    margin = pages.SIDE_MARGIN + 2 * pages.MM
    canvas.setFillColorRGB(*STAMP_COLOUR)
    canvas.setStrokeColorRGB(*STAMP_COLOUR)
    canvas.setLineWidth(0.6)
    canvas.line(margin, pages.FOOTER - 3 * pages.MM, width - margin, pages.FOOTER - 3 * pages.MM)
    canvas.setFont(font, 8.5)
    left = " · ".join(part for part in (name, title) if part)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    room = width - 2 * margin - 110
    while left and stringWidth(left, font, 8.5) > room:
        left = left[:-2] + "…"
    canvas.drawString(margin, y, left)
    canvas.setFont(font, 9.5)
    canvas.drawRightString(width - margin, y, text("build.stamp", lang, page=page, pages=total))


def _overlay(cover: _CoverData, sections: list[Section], font: str, cover_pages: int,
             total: int) -> bytes:
    """One reportlab PDF: the cover pages, then a page with only the stamp for every other page."""
    from reportlab.pdfgen.canvas import Canvas

    pages.setup_reportlab()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pages.A4, invariant=1, pageCompression=1, initialFontName=font)
    drawn = _draw_cover(canvas, cover, sections, font, total)
    assert drawn == cover_pages, "the cover's measured and drawn page counts differ"
    page = cover_pages + 1
    for section in sections:
        for source, title in zip(section.sources, section.titles, strict=True):
            shown = section.title if section.key != "unmatched" else title
            for landscape in source.landscape:
                canvas.setPageSize(pages.page_size(landscape))
                _stamp(canvas, font, cover.lang, page, total, cover.name, shown, landscape)
                canvas.showPage()
                page += 1
    canvas.save()
    return buffer.getvalue()
