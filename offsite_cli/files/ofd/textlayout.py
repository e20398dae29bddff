"""Where each character of a TextCode falls (GB/T 33190 §11.3: X, Y, DeltaX, DeltaY, CTM, Boundary), and a page's text in reading order."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from offsite_cli.files.ofd.model import IDENTITY, Block, CompositeObject, Matrix, Page, TextCode, TextObject, multiply

if TYPE_CHECKING:
    from offsite_cli.files.ofd.document import OfdDocument


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return (a * x + c * y + e, b * x + d * y + f)


def placement(graphic_ctm: Matrix, boundary: tuple[float, float, float, float], outer: Matrix) -> Matrix:
    """Object space → page space: the object's CTM, then its Boundary's origin, then the enclosing blocks."""
    return multiply(multiply(graphic_ctm, (1, 0, 0, 1, boundary[0], boundary[1])), outer)


def nominal_advance(character: str) -> float:
    """A glyph's advance in ems when the TextCode gives none and no font metrics are at hand."""
    return 1.0 if unicodedata.east_asian_width(character) in ("W", "F") else 0.5


def positions(text: TextObject, code: TextCode,
              advance: Callable[[str], float] = nominal_advance) -> list[tuple[str, float, float]]:
    """Each character of the code and its baseline point, in the object's space.

    Where DeltaX runs out the font's advance moves on, except in a code that has DeltaY and no
    DeltaX at all: producers write vertical labels (购买方, 销售方 on an invoice) that way."""
    result = []
    x, y = code.x, code.y
    vertical = bool(code.delta_y) and not code.delta_x
    for index, character in enumerate(code.text):
        result.append((character, x, y))
        if index < len(code.delta_x):
            x += code.delta_x[index]
        elif not vertical:
            x += advance(character) * text.size * text.horizontal_scale
        if index < len(code.delta_y):
            y += code.delta_y[index]
    return result


def text_objects(blocks: list[Block] | tuple[Block, ...], outer: Matrix = IDENTITY,
                 composites: dict | None = None, depth: int = 0) -> Iterator[tuple[TextObject, Matrix]]:
    """Every text object of the blocks, with its object → page matrix, in drawing order."""
    for block in blocks:
        matrix = multiply(block.matrix, outer)
        for item in block.objects:
            if isinstance(item, TextObject):
                yield item, placement(item.graphic.ctm, item.graphic.boundary, matrix)
            elif isinstance(item, Block):
                yield from text_objects([item], matrix, composites, depth)
            elif isinstance(item, CompositeObject) and composites and depth < 8:
                unit = composites.get(item.resource)
                if unit is not None:
                    yield from text_objects([unit.content],
                                            placement(item.graphic.ctm, item.graphic.boundary, matrix),
                                            composites, depth + 1)


def page_blocks(document: OfdDocument, page: Page) -> list[Block]:
    """The blocks of a page in drawing order: background templates, the page, foreground templates, annotations."""
    order = {"Background": 0, "Body": 1, "Foreground": 2}
    below, above = [], []
    for template_id, z_order in page.templates:
        template = document.templates.get(template_id)
        if template is not None:
            (above if order.get(z_order, 0) == 2 else below).extend(template.layers)
    return below + list(page.layers) + above + list(page.annotations)


def runs(document: OfdDocument, page: Page) -> list[tuple[str, float, float, float]]:
    """The page's text as runs on one baseline: (text, x, y, size) in page space (mm)."""
    found = []
    composites = document.resources_for(page).composites
    for text, matrix in text_objects(page_blocks(document, page), composites=composites):
        size = text.size * max(abs(matrix[0]), abs(matrix[1]), 1e-9)
        a, b, c, d, e, f = matrix
        for code in text.codes:
            current: list[str] = []
            start = last = None
            for character, x, y in positions(text, code):
                point = (a * x + c * y + e, b * x + d * y + f)  # apply(), inline: once for every character
                if last is not None and (abs(point[1] - last[1]) > size * 0.3 or point[0] < last[0] - size * 0.1):
                    found.append(("".join(current), start[0], start[1], size))
                    current, start = [], None
                if start is None:
                    start = point
                current.append(character)
                last = point
            if current:
                found.append(("".join(current), start[0], start[1], size))
    return found


def reading_text(document: OfdDocument, page: Page) -> str:
    """Lines top to bottom (runs whose baselines are within a third of their size), runs left to right."""
    items = sorted(runs(document, page), key=lambda run: (run[2], run[1]))
    lines: list[list[tuple[str, float, float, float]]] = []
    for run in items:
        if lines and abs(run[2] - lines[-1][0][2]) <= max(run[3], lines[-1][0][3]) * 0.35:
            lines[-1].append(run)
        else:
            lines.append([run])
    return "\n".join(" ".join(run[0] for run in sorted(line, key=lambda run: run[1])) for line in lines)


def object_texts(page: Page) -> dict[str, str]:
    """The text of each text object of the page's own content, by object ID (what tags point at)."""
    texts: dict[str, str] = {}
    for text, _ in text_objects(page.layers):
        texts[text.graphic.id] = "".join(code.text for code in text.codes)
    return texts
