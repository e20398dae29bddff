"""An embedded font that reportlab cannot embed (CFF, no cmap, glyphs named by CGTransform) written as PDF Type 3 fonts: the glyph outlines read with fontTools, 256 to a font, with a ToUnicode map so a reader extracts the text.

The fonts are written when the canvas saves (reportlab calls `addObjects` on every font in the
document's delayedFonts); until then each (glyph, text) pair drawn gets a code.
"""

from __future__ import annotations

from offsite_cli.files.ofd.typefaces import Outlines

_NOTHING = -1  # a character the font has no glyph for: drawn as nothing, still in the text


_FORMATS = {places: f"%.{places}f" for places in range(10)}  # a content stream writes ~100,000 numbers a receipt


def _number(value: float, places: int = 2) -> str:
    text = (_FORMATS[places] % value).rstrip("0").rstrip(".")
    return text if text and text != "-0" else "0"


def _procedure(outlines: Outlines, glyph: int) -> tuple[bytes, float]:
    """The glyph's content stream (d0: it paints in the current fill colour) and its advance (font units)."""
    from fontTools.pens.basePen import BasePen

    class StreamPen(BasePen):
        def __init__(self, glyph_set) -> None:  # noqa: ANN001
            super().__init__(glyph_set)
            self.parts: list[str] = []

        def _moveTo(self, point) -> None:  # noqa: ANN001
            self.parts.append(f"{_number(point[0])} {_number(point[1])} m")

        def _lineTo(self, point) -> None:  # noqa: ANN001
            self.parts.append(f"{_number(point[0])} {_number(point[1])} l")

        def _curveToOne(self, first, second, third) -> None:  # noqa: ANN001
            self.parts.append(" ".join(_number(value) for value in (*first, *second, *third)) + " c")

        def _closePath(self) -> None:
            self.parts.append("h")

    if glyph == _NOTHING or not 0 <= glyph < len(outlines.glyph_order):
        return b"0 0 d0", 0.0
    advance = outlines.advance(glyph) * outlines.units_per_em
    pen = StreamPen(outlines.glyph_set)
    try:
        outlines.glyph_set[outlines.glyph_order[glyph]].draw(pen)
    except Exception:  # noqa: BLE001 - a damaged glyph program: fontTools raises many kinds
        pen.parts = []
    body = "\n".join(pen.parts)
    return (f"{_number(advance)} 0 d0\n{body}\nf" if body else f"{_number(advance)} 0 d0").encode("ascii"), advance


class Type3Fonts:
    """The Type 3 fonts of one embedded font in one PDF: codes handed out, objects written at save."""

    def __init__(self, outlines: Outlines, canvas) -> None:  # noqa: ANN001
        self.outlines = outlines
        self.codes: dict[tuple[int, str], tuple[int, int]] = {}  # (glyph, text) → (font number, code)
        self.fonts: list[list[tuple[int, str]]] = []
        canvas._doc.delayedFonts.append(self)

    def name(self, number: int) -> str:
        return f"OfdT3{self.outlines.key}n{number}"

    def code(self, glyph: int | None, text: str) -> tuple[str, int]:
        """The font resource name and code that draw `glyph` (None: nothing) and read back as `text`."""
        key = (_NOTHING if glyph is None else glyph, text)
        if key not in self.codes:
            if not self.fonts or len(self.fonts[-1]) == 256:
                self.fonts.append([])
            self.codes[key] = (len(self.fonts) - 1, len(self.fonts[-1]))
            self.fonts[-1].append(key)
        number, code = self.codes[key]
        return self.name(number), code

    def advance(self, glyph: int | None) -> float:
        """In ems."""
        return 0.0 if glyph is None else self.outlines.advance(glyph)

    def addObjects(self, document) -> None:  # noqa: ANN001, N802 - reportlab's name
        from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream

        units = self.outlines.units_per_em
        fonts = document.idToObject["BasicFonts"].dict
        for number, glyphs in enumerate(self.fonts):
            procedures, widths, names = PDFDictionary(), [], []
            for code, (glyph, _) in enumerate(glyphs):
                content, advance = _procedure(self.outlines, glyph)
                stream = PDFStream(content=content)
                procedures[f"g{code}"] = document.Reference(stream, f"{self.name(number)}g{code}")
                widths.append(round(advance, 2))
                names.append(PDFName(f"g{code}"))
            to_unicode = PDFStream(content=_to_unicode(self.name(number), [text for _, text in glyphs]))
            font = PDFDictionary({
                "Type": PDFName("Font"), "Subtype": PDFName("Type3"),
                "FontBBox": PDFArray(list(self.outlines.bbox)),
                "FontMatrix": PDFArray([1 / units, 0, 0, 1 / units, 0, 0]),
                "CharProcs": procedures,
                "Encoding": PDFDictionary({"Type": PDFName("Encoding"), "Differences": PDFArray([0, *names])}),
                "FirstChar": 0, "LastChar": len(glyphs) - 1, "Widths": PDFArray(widths),
                "Resources": PDFDictionary({}),
                "ToUnicode": document.Reference(to_unicode, f"{self.name(number)}ToUnicode"),
            })
            fonts[self.name(number)] = document.Reference(font, self.name(number))


def _to_unicode(name: str, texts: list[str]) -> bytes:
    entries = [f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>"
               for code, text in enumerate(texts) if text]
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
             f"/CMapName /{name} def", "/CMapType 2 def",
             "1 begincodespacerange", f"<00> <{max(len(texts) - 1, 0):02X}>", "endcodespacerange"]
    for start in range(0, len(entries), 100):  # at most 100 entries to a block
        block = entries[start:start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
