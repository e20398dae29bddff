"""A TextObject drawn (GB/T 33190 §11): each character at its TextCode position, as PDF text in the chosen font, or in a Type 3 font made of the embedded font's own glyphs."""

from __future__ import annotations

import math
from collections.abc import Callable

from offsite_cli.files.ofd.errors import Problem, ProblemKind
from offsite_cli.files.ofd.model import IDENTITY, Colour, Matrix, TextObject
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
              positions: Callable, problems: list[Problem], where: str, drawn: dict | None = None,
              placed: Matrix | None = None) -> None:
    """`drawn`: what one PDF has learnt of each font (widths, codes), kept by the caller across
    text objects; `placed`: the object → canvas matrix, folded into every text matrix (else the
    canvas is in the object's space already)."""
    size = item.size
    if not (size > 0):
        problems.append(Problem(ProblemKind.BAD_PART, where, f"font size {size} is not drawn"))
        return
    if type3 is not None:
        _draw_glyphs(canvas, item, type3, positions, problems, where, {} if drawn is None else drawn, placed)
    else:
        _draw_font(canvas, item, choice, positions, problems, where, {} if drawn is None else drawn, placed)


_MATRICES = ("text matrices",)  # the key of the formatted glyph matrices in `drawn` (font names are str)


class _TextMatrix:
    """Tm for the characters of one text object: glyph space at (x, y) of the object, then
    `placed`. The glyph part is the same for every line of the object and is formatted once per
    PDF for each distinct value (`known`); folded in, it gets six places (a small CTM scale would
    lose digits at four), the point four (a tenth of a µm)."""

    __slots__ = ("prefix", "a", "b", "c", "d", "e", "f")

    def __init__(self, glyphs: tuple[float, float, float, float], placed: Matrix | None, known: dict) -> None:
        if placed is None:
            linear, places = glyphs, 4
            self.a, self.b, self.c, self.d, self.e, self.f = IDENTITY
        else:
            ga, gb, gc, gd = glyphs
            a, b, c, d, e, f = placed
            linear, places = (ga * a + gb * c, ga * b + gb * d, gc * a + gd * c, gc * b + gd * d), 6
            self.a, self.b, self.c, self.d, self.e, self.f = placed
        key = (places, linear)
        prefix = known.get(key)
        if prefix is None:
            prefix = known[key] = " ".join(_number(value, places) for value in linear)
        self.prefix = prefix

    def at(self, x: float, y: float) -> str:
        return (f"{self.prefix} {_number(x * self.a + y * self.c + self.e, 4)} "
                f"{_number(x * self.b + y * self.d + self.f, 4)} Tm")


def _font_in(canvas, font_name: str) -> tuple[dict, Callable, Callable]:  # noqa: ANN001
    """What drawing needs of a font in one PDF: the codes found so far (character → (subset font
    name, hex code), None for a character it has no glyph for), the advance of a character (ems)
    and how to find a code. A character's width and code do not change within one PDF: asked of
    reportlab once per character and font, not once per character drawn."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(font_name)
    document = canvas._doc
    widths: dict[str, float] = {}
    codes: dict[str, tuple[str, str] | None] = {}

    def advance(character: str) -> float:
        width = widths.get(character)
        if width is None:
            width = widths[character] = pdfmetrics.stringWidth(character, font_name, 1.0)
        return width

    face = getattr(font, "face", None)
    covered = getattr(face, "charToGlyph", None)  # None: a standard font, its Latin text checked before
    if covered is not None:
        def encode(character: str) -> tuple[str, str] | None:
            if ord(character) not in covered and not character.isspace():
                return None  # no glyph: it would show as .notdef and read back as NUL
            subset, chunk = font.splitString(character, document)[0]
            return font.getSubsetInternalName(subset, document), f"<{chunk.hex()}>"
    else:
        name = document.getInternalFontName(font_name)

        def encode(character: str) -> tuple[str, str] | None:
            return name, f"<{character.encode('cp1252').hex()}>"
    return codes, advance, encode


def _draw_font(canvas, item: TextObject, choice: Choice, positions: Callable,  # noqa: ANN001
               problems: list[Problem], where: str, drawn: dict, placed: Matrix | None) -> None:
    """One Tm for each line of a TextCode, the characters in TJ with the offsets the OFD gives
    (written here: reportlab's text object would need a Tm for every character)."""
    size, scale = item.size, item.horizontal_scale
    if choice.font_name not in drawn:
        drawn[choice.font_name] = _font_in(canvas, choice.font_name)
    codes, advance, encode = drawn[choice.font_name]
    matrices = drawn.setdefault(_MATRICES, {})
    mode = _mode(item)
    if choice.simulate_bold and mode == 0:
        fill = item.graphic.look.fill or Colour(0, 0, 0)
        canvas.setStrokeColorRGB(fill.red, fill.green, fill.blue)
        canvas.setLineWidth(size * _BOLD_STROKE)
        mode = 2
    matrix = _TextMatrix(glyph_matrix(item), placed, matrices)
    turned = bool(item.char_direction)
    em = size * scale
    near = size * 0.02
    parts = ["BT", f"{mode} Tr"]
    lacking: list[str] = []
    current = ""
    for code in item.codes:
        expected_x = expected_y = None
        array: list[str] = []
        for character, x, y in positions(item, code, advance):
            if character in codes:
                found = codes[character]
            else:
                found = codes[character] = encode(character)
            if found is None:  # left out, and said
                if character not in lacking:
                    lacking.append(character)
                continue
            font_name, chunk = found
            on_line = (expected_x is not None and not turned and abs(y - expected_y) <= near
                       and x >= expected_x - em * 2)
            if not on_line or font_name != current:
                if array:
                    parts.append(f"[{' '.join(array)}] TJ")
                    array = []
                if font_name != current:
                    parts.append(f"{font_name} 1 Tf")
                    current = font_name
                if not on_line:
                    parts.append(matrix.at(x, y))
            elif abs(x - expected_x) > 1e-4:  # two places, not stripped: one of these for nearly every character
                array.append("%.2f" % (-(x - expected_x) * 1000 / em))
            array.append(chunk)
            expected_x, expected_y = x + advance(character) * em, y
        if array:
            parts.append(f"[{' '.join(array)}] TJ")
    parts.append("ET")
    canvas._code.append(" ".join(parts))
    if lacking:
        shown = " ".join(f"{character} (U+{ord(character):04X})" for character in lacking[:5])
        problems.append(Problem(ProblemKind.GLYPHS_LEFT_OUT, where,
                                f"no glyph for {shown} in {choice.font_name}; left out"))


def _draw_glyphs(canvas, item: TextObject, type3: Type3Fonts, positions: Callable,  # noqa: ANN001
                 problems: list[Problem], where: str, drawn: dict, placed: Matrix | None) -> None:
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
    matrix = _TextMatrix(glyph_matrix(item), placed, drawn.setdefault(_MATRICES, {}))
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
                parts.append(f"{matrix.at(x, y)} <{glyph_code:02X}> Tj")
                x += type3.advance(glyph) * size * scale
    parts.append("ET")
    canvas._code.append(" ".join(parts))
    if missing:
        problems.append(Problem(ProblemKind.FONT, where, "some characters have no glyph in the embedded font and "
                                "are not visible (a reader still extracts them)"))
