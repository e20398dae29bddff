"""A TextObject drawn (GB/T 33190 §11): each character at its TextCode position, as PDF text in the chosen font, or as the embedded font's glyph outlines under invisible text that a reader extracts."""

from __future__ import annotations

import math
from collections.abc import Callable

from offsite_cli.files.ofd.errors import Problem, ProblemKind
from offsite_cli.files.ofd.model import Colour, TextObject
from offsite_cli.files.ofd.typefaces import Choice, Outlines

_ITALIC_SLANT = math.tan(math.radians(12))
_BOLD_STROKE = 0.035  # of the font size: what a semi-bold face adds to a regular one


def glyph_ids(item: TextObject) -> dict[int, tuple[int, ...]]:
    """Character index (across the object's TextCodes) → the glyphs CGTransform draws for it."""
    found: dict[int, tuple[int, ...]] = {}
    for glyph_map in item.glyph_maps:
        if glyph_map.code_count == len(glyph_map.glyphs):
            for offset, glyph in enumerate(glyph_map.glyphs):
                found[glyph_map.code_position + offset] = (glyph,)
        else:  # several characters drawn as one glyph, or one as several: all at the first character
            found[glyph_map.code_position] = glyph_map.glyphs
            for offset in range(1, glyph_map.code_count):
                found[glyph_map.code_position + offset] = ()
    return found


def _glyph_form(canvas, outlines: Outlines, glyph: int) -> str:  # noqa: ANN001
    """The form XObject of one glyph outline (font units, y up), made once; "" for an empty glyph."""
    if glyph in outlines.forms:
        return outlines.forms[glyph]
    from fontTools.pens.basePen import BasePen

    class PathPen(BasePen):
        def __init__(self, glyph_set, path) -> None:  # noqa: ANN001
            super().__init__(glyph_set)
            self.path = path
            self.drawn = False

        def _moveTo(self, point) -> None:  # noqa: ANN001
            self.path.moveTo(*point)
            self.drawn = True

        def _lineTo(self, point) -> None:  # noqa: ANN001
            self.path.lineTo(*point)

        def _curveToOne(self, first, second, third) -> None:  # noqa: ANN001
            self.path.curveTo(*first, *second, *third)

        def _closePath(self) -> None:
            self.path.close()

    name = ""
    if 0 <= glyph < len(outlines.glyph_order):
        path = canvas.beginPath()
        pen = PathPen(outlines.glyph_set, path)
        try:
            outlines.glyph_set[outlines.glyph_order[glyph]].draw(pen)
        except Exception:  # noqa: BLE001 - a damaged glyph program: fontTools raises many kinds
            pen.drawn = False
        if pen.drawn:
            name = f"OfdGlyph{outlines.key}g{glyph}"
            canvas.beginForm(name, -4 * outlines.units_per_em, -4 * outlines.units_per_em,
                             5 * outlines.units_per_em, 5 * outlines.units_per_em)
            canvas.drawPath(path, stroke=0, fill=1)
            canvas.endForm()
    outlines.forms[glyph] = name
    return name


def _mode(item: TextObject) -> int:
    return {(True, False): 0, (False, True): 1, (True, True): 2}.get((item.fill, item.stroke), 3)


def draw_text(canvas, item: TextObject, choice: Choice, cjk_font: str,  # noqa: ANN001
              positions: Callable, problems: list[Problem], where: str) -> None:
    from reportlab.pdfbase import pdfmetrics

    size = item.size
    if not (size > 0):
        problems.append(Problem(ProblemKind.BAD_PART, where, f"font size {size} is not drawn"))
        return
    scale = item.horizontal_scale
    slant = _ITALIC_SLANT if item.italic else 0.0
    outlines = choice.outlines
    widths: dict[str, float] = {}

    def advance(character: str) -> float:
        if character not in widths:
            if outlines is not None:
                glyph = outlines.glyph_id(character)
                widths[character] = outlines.advance(glyph) if glyph is not None else 1.0
            else:
                widths[character] = pdfmetrics.stringWidth(character, choice.font_name, 1.0)
        return widths[character]

    mode = 3 if outlines is not None else _mode(item)
    if choice.simulate_bold and mode == 0:
        fill = item.graphic.look.fill or Colour(0, 0, 0)
        canvas.setStrokeColorRGB(fill.red, fill.green, fill.blue)
        canvas.setLineWidth(size * _BOLD_STROKE)
        mode = 2
    text = canvas.beginText()
    text.setFont(choice.font_name, 1)
    text.setTextRenderMode(mode)
    mapped = glyph_ids(item) if item.glyph_maps else {}
    covered = _coverage(choice.font_name)
    missing = False
    lacking: list[str] = []
    index = 0
    for code in item.codes:
        laid = positions(item, code, advance)
        if covered is not None:
            # A character the font has no glyph for would be shown as .notdef and read back as NUL:
            # left out of the text layer (where the outlines draw it, it is still seen).
            kept = [entry for entry in laid if ord(entry[0]) in covered or entry[0].isspace()]
            if outlines is None:
                lacking += [entry[0] for entry in laid if entry not in kept and entry[0] not in lacking]
        else:
            kept = laid
        _runs(text, kept, advance, size, scale, slant)
        if outlines is not None:
            for offset, (character, x, y) in enumerate(laid):
                glyphs = mapped.get(index + offset)
                if glyphs is None:
                    single = outlines.glyph_id(character)
                    glyphs = (single,) if single is not None else ()
                    missing = missing or (single is None and not character.isspace())
                _outline(canvas, outlines, glyphs, x, y, size, scale, slant)
        index += len(code.text)
    canvas.drawText(text)
    if lacking:
        shown = " ".join(f"{character} (U+{ord(character):04X})" for character in lacking[:5])
        problems.append(Problem(ProblemKind.FONT, where, f"no glyph for {shown} in {choice.font_name}; "
                                "left out"))
    if missing:
        problems.append(Problem(ProblemKind.FONT, where, "some characters have no glyph in the embedded font "
                                "and are not visible (the text is still there for a reader)"))


def _coverage(font_name: str) -> dict[int, int] | None:
    """The characters a TrueType font that reportlab embeds has glyphs for; None for a standard font."""
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return getattr(face, "charToGlyph", None)


def _runs(text, laid: list[tuple[str, float, float]], advance: Callable[[str], float],  # noqa: ANN001
          size: float, scale: float, slant: float) -> None:
    """Characters that sit where the font would put them anyway are shown together, one Tm per run."""
    run = ""
    expected = None
    tolerance = size * 0.02
    for character, x, y in laid:
        if run and expected is not None and abs(x - expected[0]) <= tolerance and abs(y - expected[1]) <= tolerance:
            run += character
        else:
            if run:
                text.textOut(run)
            text.setTextTransform(size * scale, 0, size * slant, -size, x, y)
            run = character
        expected = (x + advance(character) * size * scale, y)
    if run:
        text.textOut(run)


def _outline(canvas, outlines: Outlines, glyphs: tuple[int, ...], x: float, y: float,  # noqa: ANN001
             size: float, scale: float, slant: float) -> None:
    units = outlines.units_per_em
    for glyph in glyphs:
        name = _glyph_form(canvas, outlines, glyph)
        if name:
            canvas.saveState()
            canvas.transform(size * scale / units, 0, size * slant / units, -size / units, x, y)
            canvas.doForm(name)
            canvas.restoreState()
        x += outlines.advance(glyph) * size * scale



