"""The CJK font as kept for drawing (base/fonts.py): smaller in memory, the same subsets and widths."""

from __future__ import annotations

import pickle

from offsite_cli.base import fonts

SAMPLE = "异地就医费用报销申请表 第 1 页 / 共 12 页 ABC abc 0123 ，。（）《》"


def _size(face: object) -> int:
    """Bytes held by the three attributes _slim changes (their objects counted once each)."""
    import sys

    seen: set[int] = set()

    def size(value: object) -> int:
        if id(value) in seen:
            return 0
        seen.add(id(value))
        total = sys.getsizeof(value)
        if isinstance(value, dict):
            total += sum(size(key) + size(item) for key, item in value.items())
        elif isinstance(value, (list, tuple)):
            total += sum(size(item) for item in value)
        elif isinstance(value, fonts.Metrics):
            total += size(value.advances) + size(value.bearings)
        return total

    return sum(size(getattr(face, name)) for name in ("hmetrics", "glyphPos", "glyphToChar"))


def test_the_slim_face_makes_the_same_subset_and_widths_and_is_smaller() -> None:
    full = fonts._load("OffsiteTestFull", fonts.packaged_font())
    slim = fonts._load("OffsiteTestSlim", fonts.packaged_font())
    before = _size(slim.face)
    fonts._slim(slim.face)
    assert _size(slim.face) < before / 4  # (about 11 MB less in every process that draws)
    glyphs = sorted({ord(character) for character in SAMPLE})
    subset = [0] + [code for code in glyphs if code in full.face.charToGlyph]
    assert slim.face.makeSubset(subset) == full.face.makeSubset(subset)
    for size in (7, 10.5, 16):
        assert slim.stringWidth(SAMPLE, size) == full.stringWidth(SAMPLE, size)
    assert len(slim.face.hmetrics) == len(full.face.hmetrics)
    assert slim.face.hmetrics[5] == full.face.hmetrics[5]
    again = pickle.loads(pickle.dumps(slim.face.hmetrics))  # (as the cache keeps it)
    assert again[len(again) - 1] == full.face.hmetrics[-1]


def test_a_pdf_drawn_from_the_cached_font_is_the_one_drawn_from_a_fresh_parse(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """The first run parses and caches the font, a later one draws from the cache: same bytes."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    def draw() -> bytes:
        fonts.register.cache_clear()
        name = fonts.register(None)
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        canvas.setFont(name, 12)
        canvas.drawString(72, 720, SAMPLE)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    monkeypatch.setenv("OFFSITE_CACHE_DIR", str(tmp_path / "cache"))
    fresh = draw()
    assert list((tmp_path / "cache" / "fonts").glob("*.pickle"))
    assert draw() == fresh


def test_a_font_file_with_the_face_of_one_registered_before_is_the_one_used(tmp_path) -> None:  # noqa: ANN001
    """--font with another file of the packaged face (a TrueType copy of WenQuanYi Micro Hei):
    reportlab gives a second font of a face already registered the first one's object, so a
    process that had drawn an OFD page with the packaged font drew the forms in it too, and a
    build's helper (which had not) in the --font one: two different PDFs."""
    from fontTools.ttLib import TTCollection
    from reportlab.pdfbase import pdfmetrics

    copy = tmp_path / "microhei.ttf"
    TTCollection(str(fonts.packaged_font())).fonts[0].save(str(copy))
    packaged = pdfmetrics.getFont(fonts.register(None))
    chosen = pdfmetrics.getFont(fonts.register(str(copy)))
    assert chosen.face.name == packaged.face.name
    assert chosen is not packaged and chosen.face.subfontNameX == b""  # the .ttf, not the .ttc
