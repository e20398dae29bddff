"""The cover sheet (who, what, the deadline, the checklist with the page where each document
starts, what is missing: facts for the insurance office; advice for the clerk goes to the terminal)
and the page stamps, as one small reportlab PDF drawn over the pages."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from offsite_cli.base.i18n import label, text
from offsite_cli.dossier.checklist import DocumentResult, DossierReport
from offsite_cli.pdf import layout as layout_step
from offsite_cli.pdf import pages
from offsite_cli.pdf.plan import Plan, Section
from offsite_cli.policy.rules import deadline_words

STAMP_COLOUR = (0.05, 0.35, 0.75)  # a blue no scanned original uses for its own page numbers
RED = (0.8, 0.05, 0.05)
GREY = (0.42, 0.42, 0.42)
ORANGE = (0.72, 0.36, 0.0)  # files left out: worth a look, not a refusal


@dataclass
class Row:
    title: str
    needed: str
    status: str
    files: str
    section: str  # key of the Section whose first page is shown
    alarm: bool = False
    quiet: bool = False


@dataclass
class CoverData:
    lang: str
    name: str
    unit: str
    subject: str
    today: date
    fields: list[tuple[str, str]]
    verdict: list[tuple[str, str, bool]]  # label, value, in red
    deadlines: list[tuple[str, str, bool]]  # left part, days part, in red
    incomplete: str
    rows: list[Row]
    notes: list[str]  # nothing by default: notes and advice are the terminal's, not the office's
    skipped: list[str] = field(default_factory=list)  # the files left out (names only)
    form_of: dict[str, int] = field(default_factory=dict)  # document id → its form's place
    title: str = ""  # the claim dossier's, or the filing's when there is nothing to claim

    @classmethod
    def from_report(cls, report: DossierReport, lang: str, plan: Plan, unit: str, category_name: str = ""
                    ) -> CoverData:
        case, result = report.case, report.classification
        gaps = plan.gaps(lang, reasons=False)
        dash = "—"
        dates = " – ".join(d.isoformat() for d in (case.admitted, case.discharged) if d) or dash
        insurance = label("insurance", case.insurance, lang) if case.insurance else dash
        if category_name or case.category:
            insurance += " · " + (category_name or case.category)
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
        claim = any(d.stage == "claim" or "claim" in d.stages for d in report.documents)
        title = text("build.title" if claim else "build.title_filing", lang)
        subject = text("build.subject", lang, care=label("care", case.care, lang) if case.care else "",
                       hospital=case.hospital, dates=dates)
        return cls(lang=lang, name=case.name, unit=unit, subject=subject, today=result.today,
                   fields=fields, verdict=verdict, deadlines=deadlines,
                   incomplete=text("build.incomplete", lang, what=gaps) if gaps else "",
                   rows=rows, notes=[], skipped=[name for name, _ in plan.skipped],
                   form_of=dict(plan.form_of), title=title)


def _region(region: Any) -> str:
    return f"{region.full_name} {region.code}" if region is not None else "—"


def _document_row(document: DocumentResult, lang: str, plan: Plan) -> Row:
    needed = text("label.required" if document.required else "label.optional", lang)
    included = plan.included.get(document.id, 0)
    if document.id in plan.filled:  # no file of its own: the form the tool filled stands for it
        return Row(document.name, needed, text(f"build.status.filled_{plan.filled[document.id]}", lang),
                    "0", f"form:{document.id}")
    if any(d is document for d in plan.missing):
        status, alarm, quiet = "missing", True, False
    elif included:
        status, alarm, quiet = "ok", False, False
    elif any(item[0] == document.id for item in plan.unreadable):
        status, alarm, quiet = "unreadable", True, False
    elif document.id in plan.instead:
        status, alarm, quiet = "instead", False, True
    elif not document.counted():
        status, alarm, quiet = "not_provided" if not document.required else "missing", \
            document.required, not document.required
    else:  # an optional document whose files could not go in
        status, alarm, quiet = "unreadable", False, True
    return Row(document.name, needed, text(f"build.status.{status}", lang), str(included),
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


def draw_cover(canvas: Any, cover: CoverData, sections: list[Section], font: str, total: int) -> int:
    """Draw (or, without a canvas, measure) the cover; returns the number of pages it takes."""
    lang = cover.lang
    stamp = (lambda c, n: _stamp(c, font, lang, n, total, cover.name, text("build.cover", lang), False)) \
        if canvas is not None else None
    layout = _Layout(canvas, font, stamp)
    left, right = layout.LEFT, layout.right
    layout.text(left, cover.title or text("build.title", lang), 18)
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
    box_height = 24 + sum(17 + 14 * (max(len(a), len(b)) - 1) for a, b, _ in wrapped)
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
    layout.y = top - box_height - 18

    if cover.incomplete:
        for line in layout.wrap(cover.incomplete, 11, right - left):
            layout.need(15)
            layout.text(left, line, 11, RED)
            layout.y -= 15
        layout.y -= 4

    # the checklist: forms, then documents
    starts = {section.key: section.first for section in sections}
    rows: list[Row] = []
    for section in sections:
        if section.key == "forms":
            rows += [Row(text("build.form", lang, title=title), "", text("build.status.filled", lang), "1",
                          "") for title in section.titles]
    rows += cover.rows
    if "unmatched" in starts:
        section = next(s for s in sections if s.key == "unmatched")
        rows.append(Row(section.title, "", text("build.status.included", lang), str(len(section.sources)),
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

    straightened = layout_step.straightened_pages(sections)
    if straightened:  # a fact for the office: which pages are photos we straightened
        layout.y -= 4
        line = text("build.straightened", lang, pages=layout_step.page_ranges(straightened, lang))
        for wrapped_line in layout.wrap(line, 9, right - left):
            layout.need(12)
            layout.text(left, wrapped_line, 9, GREY)
            layout.y -= 12

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


@dataclass
class Drawn:
    """The cover and stamps (`overlay`, one PDF), with the page numbers they were drawn with."""

    cover_pages: int
    total: int
    numbers: list[tuple[int, int]]  # each section's first and last page
    overlay: bytes


def render(cover: CoverData, sections: list[Section], font_path: str | None) -> Drawn:
    """The cover measured until the page numbers it names are its own (it lists straightened
    pages), every section numbered after it, then the overlay drawn. The sections' numbers are
    set and also returned (a helper process draws it on copies, base/offload.py)."""
    from offsite_cli.base import fonts

    font = fonts.register(font_path)
    cover_pages = 0
    page = 1
    for _ in range(4):  # the cover names pages (straightened ones): count it with its numbers
        measured = draw_cover(None, cover, sections, font, 0)
        if measured == cover_pages:
            break
        cover_pages = measured
        page = cover_pages + 1
        for section in sections:
            section.first = page
            page += section.pages
            section.last = page - 1
    total = page - 1
    return Drawn(cover_pages, total, [(section.first, section.last) for section in sections],
                 overlay(cover, sections, font, cover_pages, total))


def overlay(cover: CoverData, sections: list[Section], font: str, cover_pages: int,
             total: int) -> bytes:
    """One reportlab PDF: the cover pages, then a page with only the stamp for every other page."""
    from reportlab.pdfgen.canvas import Canvas

    pages.setup_reportlab()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pages.A4, invariant=1, pageCompression=1, initialFontName=font)
    drawn = draw_cover(canvas, cover, sections, font, total)
    assert drawn == cover_pages, "the cover's measured and drawn page counts differ"
    page = cover_pages + 1
    for section in sections:
        titles = {id(source): title for source, title in zip(section.sources, section.titles, strict=True)}
        for output in section.layout:
            shown = section.title if section.key != "unmatched" else titles[id(output.placed[0].source)]
            canvas.setPageSize(pages.page_size(output.landscape))
            _captions(canvas, font, output.placed)
            _stamp(canvas, font, cover.lang, page, total, cover.name, shown, output.landscape)
            canvas.showPage()
            page += 1
    canvas.save()
    return buffer.getvalue()


def _captions(canvas: Any, font: str, placed: list[Any]) -> None:
    """Above each placed image its label: 正面 / 反面 for a card, the file name for a slip."""
    for item in placed:
        if not item.caption or item.box is None:
            continue
        x, y, _, height = item.box
        size = 7 if item.small else 10
        canvas.setFont(font, size)
        canvas.setFillColorRGB(*(GREY if size < 10 else (0, 0, 0)))
        canvas.drawString(x, y + height + 1.5 * pages.MM, item.caption)
