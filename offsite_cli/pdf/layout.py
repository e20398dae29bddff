"""The build's output pages: which file (and which of its pages) goes where on each A4 page.

Most files give one page per page or frame, fitted as before (`Placed.box` None). A photo in
which the reader found the sheet is drawn straightened, on a page of the sheet's shape; cards go
at their real size, front above back, labelled 正面/反面 where their file names say so; slips
(receipts) several to a page in their order, each with its file name in small print. The cover
(page stamps, captions, page numbers), the bookmarks and the assembly all follow these pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from offsite_cli.base.i18n import text
from offsite_cli.files.reading import FileInfo
from offsite_cli.pdf import pages
from offsite_cli.pdf.plan import _BACK, _FRONT, Section

CARDS_PER_PAGE = 2  # one card's front and back, one above the other
WIDE_SLIPS_PER_PAGE = 4  # slips wider than tall, one under the other
TALL_SLIPS_PER_PAGE = 3  # slips taller than wide (till receipts), side by side
CAPTION = 4.5 * pages.MM  # room above a placed image for its label
GAP = 5 * pages.MM


@dataclass
class Placed:
    """One image of a file on an output page."""

    source: FileInfo
    frame: int = 0  # the file's page or frame
    box: tuple[float, float, float, float] | None = None  # x, y, width, height (points) of the
    # upright image; None: the file's page fitted into the content box, as it always was
    caption: str = ""  # drawn just above the box (正面 / 反面, a slip's file name)
    straightened: bool = False  # drawn from the straightened sheet, not the photo as taken
    small: bool = False  # the caption in small print (a file name)


@dataclass
class OutputPage:
    landscape: bool
    placed: list[Placed] = field(default_factory=list)


def straightens(source: FileInfo, as_taken: bool) -> bool:
    """Whether the build draws this photo's sheet straightened instead of the photo as taken."""
    return not as_taken and source.photo and source.sheet is not None and source.sheet.found


def arrange(sources: list[FileInfo], lang: str, as_taken: bool = False) -> list[OutputPage]:
    """The output pages of one section's files, in their order."""
    result: list[OutputPage] = []
    run: list[FileInfo] = []  # consecutive cards or slips of the same kind

    def flush() -> None:
        if run:
            result.extend(_grouped(list(run), lang, as_taken))
            run.clear()

    for source in sources:
        kind = _group_of(source, as_taken)
        if kind and (not run or _group_of(run[0], as_taken) == kind):
            run.append(source)
            continue
        flush()
        if kind:
            run.append(source)
            continue
        result.extend(_single(source, as_taken))
    flush()
    return result


def _group_of(source: FileInfo, as_taken: bool) -> str:
    """"card", "wide" or "tall" (slips), or "" for a file with pages of its own."""
    if as_taken or not source.photo or not source.arrangement:
        return ""
    if source.arrangement == "card":
        return "card" if source.object_mm else ""
    if source.arrangement == "slip" and straightens(source, as_taken):
        return "wide" if source.sheet.landscape else "tall"
    return ""


def _single(source: FileInfo, as_taken: bool) -> list[OutputPage]:
    if straightens(source, as_taken):
        width, height = source.sheet.size
        landscape = width > height
        return [OutputPage(landscape, [Placed(source, 0, pages.fit(width, height, landscape), "", True)])]
    return [OutputPage(landscape, [Placed(source, index)]) for index, landscape in enumerate(source.landscape)]


def _shown(source: FileInfo, as_taken: bool) -> tuple[float, float]:
    """Width and height of the image as it will be drawn (the sheet, or the upright photo)."""
    if straightens(source, as_taken):
        return source.sheet.size
    return source.frames[0].shown


def side_label(relative: str, lang: str) -> str:
    """正面 / 反面 (Front / Back) where the file name says which side it is, else ""."""
    name = relative.lower().rsplit("/", 1)[-1]
    if _BACK.search(name):
        return text("layout.back", lang)
    if _FRONT.search(name):
        return text("layout.front", lang)
    return ""


def _grouped(run: list[FileInfo], lang: str, as_taken: bool) -> list[OutputPage]:
    kind = _group_of(run[0], as_taken)
    per_page = {"card": CARDS_PER_PAGE, "wide": WIDE_SLIPS_PER_PAGE, "tall": TALL_SLIPS_PER_PAGE}[kind]
    x, y, width, height = pages.content_box(False)
    result = []
    for start in range(0, len(run), per_page):
        page = OutputPage(False)
        for slot, source in enumerate(run[start:start + per_page]):
            shown_width, shown_height = _shown(source, as_taken)
            straight = straightens(source, as_taken)
            if kind == "card":
                long_side, short_side = max(source.object_mm), min(source.object_mm)
                card_width, card_height = (long_side, short_side) if shown_width >= shown_height \
                    else (short_side, long_side)
                box_width, box_height = card_width * pages.MM, card_height * pages.MM
                cell_height = height / CARDS_PER_PAGE
                top = y + height - slot * cell_height
                box = (x + (width - box_width) / 2, top - CAPTION - GAP - box_height, box_width, box_height)
                page.placed.append(Placed(source, 0, box, side_label(source.relative, lang), straight))
                continue
            if kind == "wide":
                cell = (x, y + height - (slot + 1) * height / per_page, width, height / per_page)
            else:
                cell = (x + slot * width / per_page, y, width / per_page, height)
            room_width, room_height = cell[2] - GAP, cell[3] - CAPTION - GAP
            scale = min(room_width / shown_width, room_height / shown_height)
            box_width, box_height = shown_width * scale, shown_height * scale
            box = (cell[0] + (cell[2] - box_width) / 2 if kind == "tall" else cell[0],
                   cell[1] + cell[3] - CAPTION - box_height, box_width, box_height)
            page.placed.append(Placed(source, 0, box, source.relative, straight, small=True))
        result.append(page)
    return result


def lay_out(sections: list[Section], lang: str, as_taken: bool = False) -> None:
    """The plan's layout step: every section's output pages (`Section.layout`)."""
    for section in sections:
        section.layout = arrange(section.sources, lang, as_taken)


def straightened_pages(sections: list[Section]) -> list[int]:
    """The output page numbers (1-based) with a straightened photo on them."""
    found = []
    for section in sections:
        for offset, page in enumerate(section.layout):
            if any(placed.straightened for placed in page.placed):
                found.append(section.first + offset)
    return found


def page_ranges(numbers: list[int], lang: str) -> str:
    """3, 5–7, 9 (or 3、5–7、9 in Chinese)."""
    parts: list[str] = []
    start = previous = None
    for number in numbers + [None]:  # type: ignore[list-item]
        if start is not None and number == previous + 1:  # type: ignore[operator]
            previous = number
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}–{previous}")
        start = previous = number
    return ("、" if lang == "zh" else ", ").join(parts)
