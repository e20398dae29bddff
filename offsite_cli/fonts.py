"""The embedded CJK font for forms and cover sheets: --font PATH, the config setting, else the packaged one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_NAME = "OffsiteCJK"


def packaged_font() -> Path:
    """WenQuanYi Micro Hei, a TrueType collection shipped by the PyPI package paperang-p2-fonts-cjk."""
    from importlib.resources import files

    return Path(str(files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"))


@lru_cache(maxsize=8)
def register(path: str | None = None) -> str:
    """Register the font with reportlab (once per path) and return its reportlab name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font_path = Path(path) if path else packaged_font()
    name = FONT_NAME if path is None else f"{FONT_NAME}-{abs(hash(str(font_path))) % 10**8}"
    index = 0
    font = TTFont(name, str(font_path), subfontIndex=index) if font_path.suffix.lower() in (".ttc", ".otc") \
        else TTFont(name, str(font_path))
    pdfmetrics.registerFont(font)
    return name
