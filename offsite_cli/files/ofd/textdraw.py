"""A TextObject drawn (GB/T 33190 §11): each character at its TextCode position, as PDF text in the chosen font, or in a Type 3 font made of the embedded font's own glyphs."""

from __future__ import annotations

import math
from collections.abc import Callable

from offsite_cli.files.ofd.errors import Problem, ProblemKind
from offsite_cli.files.ofd.model import Colour, TextObject
from offsite_cli.files.ofd.type3 import Type3Fonts, _number
from offsite_cli.files.ofd.typefaces import Choice

_ITALIC_SLANT = math.tan(math.radians(12))
_BOLD_STROKE = 0.035  # of the font size: what a semi-bold face adds to a regular one


def clusters(item: TextObject) -> dict[int, tuple[tuple[int, ...], int]]:
    """Character index (across the object's TextCodes) → the glyphs CGTransform draws there and how
    many characters they stand for (0 for a character drawn by the glyphs of an earlier one)."""
    found: dict[int, tuple[tuple[int, ...], int]] = {}
    for glyph_map in item.glyph_maps:
        if glyph_map.code_count == len(glyph_map.glyphs):
            for offset, glyph in enumerate(glyph_map.glyphs):
                found[glyph_map.code_position + offset] = ((glyph,), 1)
        else:  # several characters drawn as one glyph, or one as several: all at the first character
            found[glyph_map.code_position] = (glyph_map.glyphs, max(glyph_map.code_count, 1))
            for offset in range(1, glyph_map.code_count):
                found[glyph_map.code_position + offset] = ((), 0)
    return found


def glyph_matrix(item: TextObject) -> tuple[float, float, float, float]:
    """Glyph space (y up, 1 em) → object space (y down): size, HScale, Italic, then CharDirection
    (degrees clockwise, §11.2)."""
    size, scale = item.size, item.horizontal_scale
    a, b, c, d = size * scale, 0.0, size * (_ITALIC_SLANT if item.italic else 0.0), -size
    if not item.char_direction:
        return a, b, c, d
    angle = math.radians(item.char_direction)
    cos, sin = math.cos(angle), math.sin(angle)
    return a * cos - b * sin, a * sin + b * cos, c * cos - d * sin, c * sin + d * cos


def _mode(item: TextObject) -> int:
    return {(True, False): 0, (False, True): 1, (True, True): 2}.get((item.fill, item.stroke), 3)


def draw_text(canvas, item: TextObject, choice: Choice, type3: Type3Fonts | None,  # noqa: ANN001
              positions: Callable, problems: list[Problem], where: str) -> None:
    size = item.size
    if not (size > 0):
        problems.append(Problem(ProblemKind.BAD_PART, where, f"font size {size} is not drawn"))
        return
    if type3 is not None:
        _draw_glyphs(canvas, item, type3, positions, problems, where)
    else:
        _draw_font(canvas, item, choice, positions, problems, where)


def _draw_font(canvas, item: TextObject, choice: Choice, positions: Callable,  # noqa: ANN001
               problems: list[Problem], where: str) -> None:
    from reportlab.pdfbase import pdfmetrics

    size, scale = item.size, item.horizontal_scale
    widths: dict[str, float] = {}

    def advance(character: str) -> float:
        if character not in widths:
            widths[character] = pdfmetrics.stringWidth(character, choice.font_name, 1.0)
        return widths[character]

    mode = _mode(item)
    if choice.simulate_bold and mode == 0:
        fill = item.graphic.look.fill or Colour(0, 0, 0)
        canvas.setStrokeColorRGB(fill.red, fill.green, fill.blue)
        canvas.setLineWidth(size * _BOLD_STROKE)
        mode = 2
    text = canvas.beginText()
    text.setFont(choice.font_name, 1)
    text.setTextRenderMode(mode)
    face = getattr(pdfmetrics.getFont(choice.font_name), "face", None)
    covered = getattr(face, "charToGlyph", None)  # None: a standard font, Latin text checked before
    lacking: list[str] = []
    for code in item.codes:
        laid = positions(item, code, advance)
        if covered is not None:
            # A character without a glyph would show as .notdef and read back as NUL: left out, and said.
            kept = [entry for entry in laid if ord(entry[0]) in covered or entry[0].isspace()]
            lacking += [entry[0] for entry in laid if entry not in kept and entry[0] not in lacking]
            laid = kept
        _runs(text, laid, advance, size, scale, glyph_matrix(item), bool(item.char_direction))
    canvas.drawText(text)
    if lacking:
        shown = " ".join(f"{character} (U+{ord(character):04X})" for character in lacking[:5])
        problems.append(Problem(ProblemKind.FONT, where, f"no glyph for {shown} in {choice.font_name}; left out"))


def _runs(text, laid: list[tuple[str, float, float]], advance: Callable[[str], float],  # noqa: ANN001
          size: float, scale: float, matrix: tuple[float, float, float, float], turned: bool) -> None:
    """Characters that sit where the font would put them anyway are shown together, one Tm per run
    (turned characters each on their own)."""
    run = ""
    expected = None
    tolerance = size * 0.02
    for character, x, y in laid:
        if (run and not turned and expected is not None and abs(x - expected[0]) <= tolerance
                and abs(y - expected[1]) <= tolerance):
            run += character
        else:
            if run:
                text.textOut(run)
            text.setTextTransform(*matrix, x, y)
            run = character
        expected = (x + advance(character) * size * scale, y)
    if run:
        text.textOut(run)


def _draw_glyphs(canvas, item: TextObject, type3: Type3Fonts, positions: Callable,  # noqa: ANN001
                 problems: list[Problem], where: str) -> None:
    outlines = type3.outlines
    size, scale = item.size, item.horizontal_scale

    def advance(character: str) -> float:
        glyph = outlines.glyph_id(character)
        return outlines.advance(glyph) if glyph is not None else 1.0

    if item.stroke and not item.fill:
        problems.append(Problem(ProblemKind.UNSUPPORTED, where, "outlined (stroked) text in an embedded font is "
                                "drawn filled"))
    mapped = clusters(item) if item.glyph_maps else {}
    characters = "".join(code.text for code in item.codes)
    parts = ["BT", f"{3 if _mode(item) == 3 else 0} Tr"]
    current = ""
    missing = False
    index = 0
    a, b, c, d = (_number(value, 4) for value in glyph_matrix(item))
    for code in item.codes:
        for character, x, y in positions(item, code, advance):
            glyphs, count = mapped.get(index, ((), 1))
            if index not in mapped:
                single = outlines.glyph_id(character)
                glyphs = (single,) if single is not None else (None,)
                missing = missing or (single is None and not character.isspace())
            text = characters[index:index + count]
            index += 1
            for number, glyph in enumerate(glyphs):
                name, glyph_code = type3.code(glyph, text if number == 0 else "")
                if name != current:
                    parts.append(f"/{name} 1 Tf")
                    current = name
                parts.append(f"{a} {b} {c} {d} {_number(x, 4)} {_number(y, 4)} Tm <{glyph_code:02X}> Tj")
                x += type3.advance(glyph) * size * scale
    parts.append("ET")
    canvas._code.append(" ".join(parts))
    if missing:
        problems.append(Problem(ProblemKind.FONT, where, "some characters have no glyph in the embedded font and "
                                "are not visible (a reader still extracts them)"))
