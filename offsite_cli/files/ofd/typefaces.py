"""Which font draws a text object: the embedded one (as a TrueType font reportlab embeds, or as glyph outlines read with fontTools), a standard PDF font for Latin system fonts, else the project's CJK font.

An embedded font is used as a font when reportlab can embed it (TrueType outlines) and its cmap
has every character; when the text names glyphs itself (CGTransform) or the font is CFF or has no
usable cmap, its outlines become a Type 3 font (type3.py) whose ToUnicode map keeps the text. A font that fontTools cannot read is replaced by the CJK
font, and said.
"""

from __future__ import annotations

import hashlib
import io
import logging
import struct
from dataclasses import dataclass, field

from offsite_cli.files.ofd.errors import OfdError, Problem, ProblemKind
from offsite_cli.files.ofd.model import Font
from offsite_cli.files.ofd.package import Package

# fontTools logs what it repairs in odd subsets ("too much 'hmtx' table data"); the problems list
# says what matters, and core modules never write to the screen.
logging.getLogger("fontTools").addHandler(logging.NullHandler())

# System fonts OFD names without embedding them, that a standard PDF font stands in for (Latin only).
_STANDARD = {
    "courier new": "Courier", "courier": "Courier", "times new roman": "Times-Roman", "times": "Times-Roman",
    "arial": "Helvetica", "helvetica": "Helvetica", "calibri": "Helvetica", "verdana": "Helvetica",
}
_BOLD = {"Courier": "Courier-Bold", "Times-Roman": "Times-Bold", "Helvetica": "Helvetica-Bold"}


@dataclass
class Outlines:
    """An embedded font read with fontTools: glyph IDs, outlines (for Type 3 fonts) and advances."""

    key: str
    units_per_em: int
    glyph_order: list[str]
    glyph_set: object
    cmap: dict[int, str]
    advances: dict[str, int]
    bbox: tuple[int, int, int, int] = (0, 0, 1000, 1000)  # font units, from the head table
    truetype: bool = False  # glyf outlines: what reportlab can embed
    _order_index: dict[str, int] = field(default_factory=dict)

    def glyph_id(self, character: str) -> int | None:
        name = self.cmap.get(ord(character))
        if name is None:
            return None
        if not self._order_index:
            self._order_index.update({name: index for index, name in enumerate(self.glyph_order)})
        return self._order_index.get(name)

    def advance(self, glyph: int) -> float:
        """The glyph's advance in ems."""
        if 0 <= glyph < len(self.glyph_order):
            return self.advances.get(self.glyph_order[glyph], self.units_per_em) / self.units_per_em
        return 1.0


@dataclass(frozen=True)
class Choice:
    """How to draw one text object: a reportlab font name, or the outlines of an embedded font (for a
    Type 3 font), and whether the weight must be simulated."""

    font_name: str
    outlines: Outlines | None = None
    simulate_bold: bool = False


class Typefaces:
    """Fonts of one document, each read once; problems said once per font."""

    def __init__(self, package: Package, problems: list[Problem], cjk_font: str) -> None:
        self.package = package
        self.problems = problems
        self.cjk = cjk_font
        self._embedded: dict[str, tuple[bytes, Outlines | None]] = {}
        self._registered: dict[str, str | None] = {}
        self._said: set[tuple[str, str]] = set()
        self._plain: dict[tuple[int, bool], tuple[Font, Choice | None, Choice]] = {}

    def _say(self, font: Font, kind: ProblemKind, detail: str) -> None:
        if (font.id, detail) not in self._said:
            self._said.add((font.id, detail))
            self.problems.append(Problem(kind, font.file or f"font {font.id}", detail))

    def choose(self, font: Font | None, text: str, has_glyph_ids: bool, bold: bool) -> Choice:
        if font is None:
            return Choice(self.cjk, simulate_bold=bold)
        if font.file:
            outlines = self._outlines(font)
            if outlines is None:
                return Choice(self.cjk, simulate_bold=bold)
            covered = all(ord(character) in outlines.cmap or character.isspace() for character in text)
            if covered and not has_glyph_ids:
                name = self._reportlab_name(font, outlines)
                if name:
                    return Choice(name, simulate_bold=bold and not font.bold)
            if covered or has_glyph_ids:
                return Choice(self.cjk, outlines=outlines)
            self._say(font, ProblemKind.FONT, f"font {font.name or font.id}: the embedded font has no glyph for "
                      "some characters and the text names none; the CJK font stands in")
            return Choice(self.cjk, simulate_bold=bold)
        # A font the OFD does not embed: the choice depends on the text only through whether it
        # is Latin, so it is made once per font and weight (a page has hundreds of text objects).
        # By identity (the document's resources hold each Font for as long as this lives): hashing
        # a Font's eight fields for every text object cost more than the choice.
        known = self._plain.get((id(font), bold))
        if known is None or known[0] is not font:
            standard = _STANDARD.get((font.family or font.name).strip().lower()) or _STANDARD.get(font.name.strip().lower())
            known = self._plain[(id(font), bold)] = (
                font, Choice(_BOLD[standard] if bold or font.bold else standard) if standard else None,
                Choice(self.cjk, simulate_bold=bold or font.bold))
        _, latin, other = known
        return latin if latin is not None and _latin(text) else other

    def _outlines(self, font: Font) -> Outlines | None:
        if font.file in self._embedded:
            return self._embedded[font.file][1]
        outlines = None
        data = b""
        try:
            data = self.package.read(font.file)
        except OfdError as error:
            self._say(font, ProblemKind.MISSING_PART, f"font {font.name or font.id}: {error.reason}; "
                      "the CJK font stands in")
        else:
            outlines = _read_outlines(data)
            if outlines is None:
                self._say(font, ProblemKind.FONT, f"font {font.name or font.id}: the embedded font cannot be read; "
                          "the CJK font stands in")
        self._embedded[font.file] = (data, outlines)
        return outlines

    def _reportlab_name(self, font: Font, outlines: Outlines) -> str | None:
        if font.file not in self._registered:
            self._registered[font.file] = _register(self._embedded[font.file][0], outlines)
        return self._registered[font.file]


def _latin(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _read_outlines(data: bytes) -> Outlines | None:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(data), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
        units = int(font["head"].unitsPerEm) or 1000
        order = font.getGlyphOrder()
        glyph_set = font.getGlyphSet()
        cmap = {}
        if "cmap" in font:
            cmap = font.getBestCmap() or {}
        advances = {name: width for name, (width, _) in font["hmtx"].metrics.items()} if "hmtx" in font else {}
        head = font["head"]
        bbox = (int(head.xMin), int(head.yMin), int(head.xMax), int(head.yMax))
    except (TTLibError, KeyError, AssertionError, struct.error, ValueError, TypeError, IndexError):
        return None
    key = hashlib.sha1(data).hexdigest()[:12]
    return Outlines(key, units, order, glyph_set, cmap, advances, bbox, truetype="glyf" in font)


def _register(data: bytes, outlines: Outlines) -> str | None:
    """The embedded font registered with reportlab, when it is TrueType with a cmap; else None."""
    if not outlines.cmap or not outlines.truetype:
        return None
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"OfdFont-{outlines.key}"
    try:
        pdfmetrics.getFont(name)
        return name
    except KeyError:
        pass
    try:
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(_renamed(data, name))))
    except Exception:  # noqa: BLE001 - reportlab raises TTFError, struct.error, KeyError… on odd subsets
        return None
    return name


def _renamed(data: bytes, name: str) -> bytes:
    """The font with its PostScript and family names made unique: reportlab keeps typefaces by
    their internal name, so two embedded subsets both called SimSun would mix their glyphs."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
    if "name" in font:
        for record in font["name"].names:
            if record.nameID in (1, 3, 4, 6):
                record.string = name
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()
