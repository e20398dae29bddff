"""The embedded CJK font for forms, cover sheets and drawn OFD pages: --font PATH, the config setting, else the packaged one.

reportlab embeds (as a subset) only TrueType-outline fonts (.ttf, .ttc); CFF-based OpenType fonts
such as Noto Sans CJK are refused with a clear message. The packaged font is WenQuanYi Micro Hei.
"""

from __future__ import annotations

import unicodedata
import zlib
from functools import lru_cache
from pathlib import Path

from offsite_cli.base.errors import BadInput

FONT_NAME = "OffsiteCJK"
# Common Chinese characters every form prints: a font without them is not a Chinese font.
CHINESE_SAMPLE = "的一是在人医保险报销申请表"


def packaged_font() -> Path:
    """WenQuanYi Micro Hei, a TrueType collection shipped by the PyPI package paperang-p2-fonts-cjk."""
    from importlib.resources import files

    return Path(str(files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"))


def _load(name: str, font_path: Path):  # noqa: ANN202 - a reportlab TTFont
    from reportlab.pdfbase.ttfonts import TTFont

    if font_path.suffix.lower() in (".ttc", ".otc"):
        return TTFont(name, str(font_path), subfontIndex=0)
    return TTFont(name, str(font_path))


def _cache_file(font_path: Path) -> Path:
    from offsite_cli.base import resources

    digest = zlib.crc32(str(font_path.resolve()).encode("utf-8"))
    return resources.cache_dir() / "fonts" / f"{font_path.stem}-{digest:08x}.pickle"


def _fingerprint(font_path: Path) -> tuple[object, ...]:
    import reportlab

    stat = font_path.stat()
    return (2, reportlab.Version, str(font_path.resolve()), stat.st_size, stat.st_mtime_ns)


def _load_cached(name: str, font_path: Path):  # noqa: ANN202 - a reportlab TTFont
    """The font as reportlab parsed it the last time (parsing a CJK font's tables takes about a
    tenth of a second on every run), else parsed now and kept in the cache folder. The cache is
    keyed to the font file (path, size, mtime) and reportlab's version; it holds the parsed face's
    attributes, and the one reportlab keeps as a local function (the em scale) is made again."""
    import pickle
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

    from offsite_cli.base.atomic import read_cache_bytes

    cache = _cache_file(font_path)
    try:
        held = read_cache_bytes(cache)  # (a FIFO put there is no cache, not a hang)
        if held is None:
            raise FileNotFoundError(cache)
        fingerprint, font_state, face_state = pickle.loads(held)
        if fingerprint == _fingerprint(font_path):
            face = TTFontFace.__new__(TTFontFace)
            face.__dict__.update(face_state)
            face._pdfScale = _scale(face.unitsPerEm)
            font = TTFont.__new__(TTFont)
            font.__dict__.update(font_state)
            font.fontName, font.face, font.state = name, face, WeakKeyDictionary()
            return font
    except Exception:  # noqa: BLE001 - a cache that cannot be read is made again
        pass
    font = _load(name, font_path)
    _slim(font.face)
    try:
        from offsite_cli.base import atomic

        font_state = {k: v for k, v in vars(font).items() if k not in ("face", "state")}
        face_state = {k: v for k, v in vars(font.face).items() if k != "_pdfScale"}
        atomic.write_cache(cache, pickle.dumps((_fingerprint(font_path), font_state, face_state),
                                               protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - no cache: the next run parses again
        pass
    return font


class Metrics:
    """A font's horizontal metrics, (advance, left side bearing) for each glyph, kept in two
    arrays: as reportlab's list of 50,000 tuples they took about 5 MB in every process that drew."""

    __slots__ = ("advances", "bearings")

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        from array import array

        self.advances = array("d", (advance for advance, _ in pairs))  # (reportlab scales some)
        self.bearings = array("l", (bearing for _, bearing in pairs))

    def __getitem__(self, glyph: int) -> tuple[int, int]:
        return self.advances[glyph], self.bearings[glyph]

    def __len__(self) -> int:
        return len(self.advances)

    def __getstate__(self) -> tuple[object, object]:
        return self.advances, self.bearings

    def __setstate__(self, state: tuple[object, object]) -> None:
        self.advances, self.bearings = state  # type: ignore[assignment]


def _slim(face: object) -> None:
    """What reportlab keeps of a parsed face after its tables were read, in less memory (a CJK
    font's took 26 MB): the glyph offsets and the metrics in arrays; the glyph → characters map,
    which reportlab only uses while it reads the tables, emptied. Subsets and widths come out
    the same (tests/test_fonts.py)."""
    from array import array

    if isinstance(getattr(face, "hmetrics", None), list):
        face.hmetrics = Metrics(face.hmetrics)  # type: ignore[attr-defined]
    if isinstance(getattr(face, "glyphPos", None), list):
        face.glyphPos = array("L", face.glyphPos)  # type: ignore[attr-defined]
    if hasattr(face, "glyphToChar"):
        face.glyphToChar = {}  # type: ignore[attr-defined]


def _scale(units_per_em: int):  # noqa: ANN202 - what reportlab's extractInfo sets as _pdfScale
    if units_per_em == 1000:
        return lambda value: value
    factor = 1000 / units_per_em
    return lambda value: value * factor


def check_font(path: Path, field: str = "--font") -> None:
    """A font file reportlab can embed and that has common Chinese characters (CHINESE_SAMPLE),
    else bad input naming the option and the file."""
    if not path.is_file():
        raise BadInput("font_missing", field=field, value=str(path))
    try:
        font = _load(f"{FONT_NAME}-check", path)
    except Exception as error:  # noqa: BLE001 - reportlab raises TTFError, struct.error, OSError…
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise BadInput("font_unusable", field=field, value=str(path), reason=reason[:120]) from None
    cmap = font.face.charToGlyph
    lacking = "".join(character for character in CHINESE_SAMPLE if ord(character) not in cmap)
    if lacking:
        raise BadInput("font_not_chinese", field=field, value=str(path), sample=CHINESE_SAMPLE,
                       missing=lacking)


def resolve(option: str | None) -> str | None:
    """The font to use: --font PATH, else the config's font.path, else None (the packaged font)."""
    if option:
        path = Path(option).expanduser()
        check_font(path, "--font")
        return str(path.resolve())
    from offsite_cli.base import config

    configured = config.load().get("font.path")
    if configured:
        check_font(Path(configured), "font.path")
        return configured
    return None


def name_for(path: str | None = None) -> str:
    """The reportlab name `register` gives the font at `path` (None: the packaged one), without
    loading it (a build whose cover is drawn by a helper process needs only the name)."""
    if path is None:
        return FONT_NAME
    return f"{FONT_NAME}-{zlib.crc32(str(Path(path)).encode('utf-8')):08x}"


@lru_cache(maxsize=8)
def register(path: str | None = None) -> str:
    """Register the font with reportlab (once per path) and return its reportlab name.

    The name is also registered as a family (bold and italic map to the same face), so that
    `<b>` in a paragraph never falls back to a non-embedded standard font.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    name = name_for(path)
    if path is None:
        font_path = packaged_font()
    else:
        font_path = Path(path)
        check_font(font_path)
    font = _load_cached(name, font_path)
    same_face = pdfmetrics._dynFaceNames.get(font.face.name)
    if same_face is not None and same_face is not font and name not in pdfmetrics._fonts:
        # Another file of the same face (the packaged WenQuanYi, registered for an OFD page, and
        # a --font copy of it): reportlab would give this name that font, so what a process
        # draws would depend on what it registered first (a build's helper and its parent did
        # not agree). The name is this file's font.
        pdfmetrics._fonts[name] = font
    else:
        pdfmetrics.registerFont(font)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return name


def covers(font_name: str, character: str) -> bool:
    from reportlab.pdfbase import pdfmetrics

    return ord(character) in pdfmetrics.getFont(font_name).face.charToGlyph


def missing(text: str, font_name: str) -> list[str]:
    """The characters of a text the font has no glyph for, in order, once each (spaces ignored)."""
    from reportlab.pdfbase import pdfmetrics

    cmap = pdfmetrics.getFont(font_name).face.charToGlyph
    found: list[str] = []
    for character in text:
        if ord(character) in cmap or character in found:
            continue
        if character.isspace() or unicodedata.category(character) in ("Cc", "Cf"):
            continue
        found.append(character)
    return found


def describe(character: str) -> str:
    """𠮷 (U+20BB7)"""
    return f"{character} (U+{ord(character):04X})"
