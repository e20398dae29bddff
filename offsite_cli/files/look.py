"""A copier's look for a straightened sheet: white paper, even contrast, the print darker.

The paper's brightness is estimated everywhere (the print closed over at a small size, smoothed)
and divided out, so that shadows and a lamp's colour cast go; levels then take the paper to white.
`auto` gives grey, or colour where there is coloured ink (a red seal), and nothing to a sheet that
is mainly a picture. OpenCV and numpy are imported inside the functions.
"""

from __future__ import annotations

from typing import Any

LOOKS = ("auto", "color", "gray", "bw", "off")


def copier_look(rgb: Any, look: str) -> tuple[Any, str]:
    """A copier's look for a straightened sheet: the paper made white and even (shadows and
    colour cast divided out), the print darkened. `look`: color, gray, bw, or auto — gray, or
    color where there is coloured ink (a red seal); under auto a sheet that is mainly a picture
    (little plain paper) keeps its pixels. Returns the pixels (RGB, or grey for gray and bw) and
    the look applied ("off" when none)."""
    import numpy as np

    from offsite_cli.files.scan import opencv

    cv2 = opencv()
    if look == "off":
        return rgb, "off"
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    background = _background(gray)
    flat = cv2.divide(gray, background, scale=255)
    if look == "auto":
        if not _text_document(flat):
            return rgb, "off"
        look = "color" if _coloured_ink(rgb, flat) else "gray"
    if look == "gray":
        return cv2.LUT(flat, _LEVELS()), "gray"
    if look == "bw":
        return np.where(flat < 185, 0, 255).astype(np.uint8), "bw"
    # the paper's brightness divided out of every channel alike (colours keep their hue), then
    # each channel's own paper level taken as its white (a lamp's colour cast goes)
    divided = cv2.divide(rgb, cv2.merge([background, background, background]), scale=255)
    paper = divided[::8, ::8][flat[::8, ::8] >= 200]
    whites = np.percentile(paper, 75, axis=0) if len(paper) else np.full(3, 255.0)
    table = np.stack([cv2.LUT(np.clip(np.arange(256) * 255.0 / max(white, 1), 0, 255).astype(np.uint8),
                              _LEVELS()).ravel() for white in whites], axis=1)
    return cv2.LUT(divided, table.reshape(1, 256, 3)), "color"


def _background(channel: Any) -> Any:
    """The paper's brightness everywhere (the print closed over, smoothed), at full size."""
    import cv2
    import numpy as np

    height, width = channel.shape
    factor = max(1, round(max(height, width) / 400))
    small = cv2.resize(channel, (max(1, width // factor), max(1, height // factor)),
                       interpolation=cv2.INTER_AREA)
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    closed = cv2.medianBlur(closed, 5)
    return np.maximum(cv2.resize(closed, (width, height), interpolation=cv2.INTER_LINEAR), 1)


def _LEVELS() -> Any:  # noqa: N802 - a table
    """Paper to white, print darker: levels 0–230 stretched to 0–255 with a slight gamma."""
    import numpy as np

    return (np.clip(np.arange(256) / 230.0, 0, 1) ** 1.4 * 255).astype(np.uint8)


def _text_document(flat: Any) -> bool:
    """Mostly plain paper (near the background's level) with print on it, not a picture."""
    import numpy as np

    step = max(1, flat.shape[0] // 500)
    return float(np.mean(flat[::step, ::step] >= 200)) >= 0.6


def _coloured_ink(rgb: Any, flat: Any) -> bool:
    """Enough strongly coloured pixels off the paper (a seal, coloured print) to keep colour."""
    import numpy as np

    step = max(1, rgb.shape[0] // 500)
    sample = rgb[::step, ::step].astype(np.int16)
    saturation = sample.max(axis=2) - sample.min(axis=2)
    return float(np.mean((saturation >= 70) & (flat[::step, ::step] < 220))) >= 0.002
