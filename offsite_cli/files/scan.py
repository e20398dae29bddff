"""Finding the sheet in a phone photo and straightening it: the outline of a page, a card or a
receipt on a desk, its perspective corrected (the copier's look that follows: files/look.py).

`find_sheet` runs once per photo, when the reader reads it (on a small decode, an eighth of the
photo): `dossier check` shows what it found and `dossier build` straightens from the same corners
(`straighten`). It is conservative: only an outline with four straight edges, clearly lighter or
darker than what lies just outside them, counts — a wrong crop that cuts text off is worse than
none. Photos are decoded by Pillow, so the reader's own limit on pixels applies; OpenCV
(`opencv-python-headless`) and numpy are imported inside the functions that use them.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ANALYSIS_SIDE = 400  # the long side of the picture the outline is looked for in
MIN_AREA = 0.04  # of the frame: a smaller outline is not taken (too few pixels to be legible)
MAX_AREA = 0.93  # of the frame: a larger one is a document that fills the frame already
MIN_SUPPORT = 0.75  # of each side's length where the sheet and the outside differ
MIN_STEP = 14  # grey levels between just inside and just outside an edge, at a point of support
MIN_CONTRAST = 22  # median grey levels between inside and outside along the whole outline
DARK_LEVEL = 60  # the brightest 5 % of the photo below this level: too dark to find anything
PAPER_SHARE = 0.6  # of the frame light and grey (paper) with no outline: the frame is the sheet
SHAPE_SNAP = 0.05  # an outline within 5 % of a known shape (A4, a card) is given that shape
KNOWN_SHAPES = (math.sqrt(2), 85.6 / 53.98)  # ISO 216 paper; ISO/IEC 7810 ID-1 cards
INSET = 0.008  # of the sheet's width and height left off each edge (a corner found a little out)
PHONE_FOCAL = 0.8  # a phone camera's focal length over the photo's long side (26–28 mm equivalent)
FOCAL_RANGE = (0.55, 1.4)  # of the long side: focal lengths found from the corners that are believed
MAX_SIDE = 3508  # pixels of a straightened sheet: A4's long side at 300 dpi
# stored → upright, per EXIF orientation (as Pillow's ImageOps.exif_transpose)
_UPRIGHT = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE",
            6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}


class Outcome:
    FOUND = "found"  # an outline: the photo is straightened
    FILLS = "fills"  # no outline, and the frame is mostly paper: the sheet fills it already
    NONE = "none"  # no outline found with confidence: left as it is
    DARK = "dark"  # too dark to tell: left as it is


@dataclass(frozen=True)
class Sheet:
    """What `find_sheet` found in a photo (in the upright picture: EXIF orientation applied)."""

    outcome: str
    corners: tuple[tuple[float, float], ...] = ()  # TL, TR, BR, BL in upright full-size pixels
    size: tuple[int, int] = (0, 0)  # width, height of the straightened sheet, pixels

    @property
    def found(self) -> bool:
        return self.outcome == Outcome.FOUND

    @property
    def missing(self) -> bool:
        """No sheet where one was looked for (not one that fills the frame)."""
        return self.outcome in (Outcome.NONE, Outcome.DARK)

    @property
    def landscape(self) -> bool:
        return self.size[0] > self.size[1]

    @property
    def shape(self) -> float:
        """Long side over short side of the straightened sheet."""
        width, height = self.size
        return max(width, height) / max(1, min(width, height))

    def as_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {"outcome": self.outcome}
        if self.found:
            item["corners"] = [[round(x, 1), round(y, 1)] for x, y in self.corners]
            item["size"] = list(self.size)
        return item


def sheet_of_json(item: Any) -> Sheet | None:
    """A Sheet from its `as_json`, or None for anything else (a cache from another version)."""
    try:
        outcome = item["outcome"]
        if outcome not in (Outcome.FOUND, Outcome.FILLS, Outcome.NONE, Outcome.DARK):
            return None
        if outcome != Outcome.FOUND:
            return Sheet(outcome)
        # corners at full precision (JSON keeps a float exactly), as the Memo writes them
        corners = tuple((float(x), float(y)) for x, y in item["corners"])
        width, height = (int(v) for v in item["size"])
        if len(corners) != 4 or width <= 0 or height <= 0 or \
                not all(math.isfinite(v) for point in corners for v in point):
            return None
        return Sheet(outcome, corners, (width, height))
    except (KeyError, TypeError, ValueError):
        return None


class Memo:
    """The sheets found in a dossier's photos before, by each photo's content (its SHA-256) and
    EXIF orientation: `dossier check` looks, and the `dossier build` after it (or a second check)
    takes what it found instead of decoding every photo again. Kept in the cache folder, one file
    per dossier, holding only the photos of its last run; made anew when this module changes.
    Nothing personal: hashes, corners and sizes."""

    def __init__(self, path: Path | None, stamp: list[Any], known: dict[str, Sheet]) -> None:
        import threading

        self.path, self.stamp, self.known = path, stamp, known
        self.used: dict[str, Sheet] = {}
        self.lock = threading.Lock()

    @classmethod
    def load(cls, folder: Path) -> Memo:
        import json

        from offsite_cli import __version__
        from offsite_cli.base.atomic import read_cache
        from offsite_cli.base.resources import code_stamp, folder_cache_file

        stamp = [__version__, *code_stamp(__file__)]  # a change to how sheets are found finds them again
        try:
            path: Path | None = folder_cache_file("sheets", folder)
        except (OSError, ValueError):
            return cls(None, stamp, {})
        known: dict[str, Sheet] = {}
        held = read_cache(path)  # type: ignore[arg-type]
        try:
            data = json.loads(held) if held is not None else None
        except (ValueError, RecursionError):
            data = None  # a damaged cache: every photo is looked at
        if isinstance(data, dict) and data.get("code") == stamp and isinstance(data.get("sheets"), dict):
            for key, item in data["sheets"].items():
                sheet = sheet_of_json(item)
                if sheet is not None and isinstance(key, str):
                    known[key] = sheet
        return cls(path, stamp, known)

    def find(self, data: bytes, kind: str, orientation: int, sha256: str) -> Sheet:
        """The sheet in this photo: as found before, or looked for now (find_sheet)."""
        key = f"{sha256}:{orientation}"
        with self.lock:
            sheet = self.known.get(key)
        if sheet is None:
            sheet = find_sheet(data, kind, orientation)
        with self.lock:
            self.used[key] = sheet
        return sheet

    def save(self) -> None:
        """Kept for the next run when something new was found (whole or not at all)."""
        import json

        from offsite_cli.base.atomic import write_cache

        if self.path is None or self.used == self.known:
            return
        items = {key: {"outcome": sheet.outcome, "corners": [list(point) for point in sheet.corners],
                       "size": list(sheet.size)} for key, sheet in sorted(self.used.items())}
        # (the corners at full precision, not as shown: a build straightens exactly as before)
        write_cache(self.path, json.dumps({"code": self.stamp, "sheets": items}))


# ------------------------------------------------------------------------------------ decoding


def _open(data: bytes, kind: str, at_most: int | None = None) -> Any:
    """The photo opened by Pillow, as stored (not turned); a JPEG set to decode directly at 1/2,
    1/4 or 1/8 when a long side of `at_most` pixels is enough."""
    from PIL import Image

    if kind == "heic":  # the reader has registered it already when it read the photo
        from pillow_heif import register_heif_opener

        register_heif_opener()
    image = Image.open(io.BytesIO(data))
    if kind == "jpeg" and at_most:
        scale = max(image.width, image.height) / at_most
        if scale >= 2:
            image.draft("RGB", (math.ceil(image.width / scale), math.ceil(image.height / scale)))
    return image


def _pixels(image: Any) -> Any:
    """RGB pixels of any Pillow mode as a numpy array; transparency onto white."""
    import numpy as np
    from PIL import Image

    if "A" in image.mode or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        image = white
    elif image.mode != "RGB":
        image = image.convert("RGB")
    return np.asarray(image)


def to_stored(point: tuple[float, float], orientation: int, stored: tuple[int, int]
              ) -> tuple[float, float]:
    """A point of the upright picture in the pixels as stored (width, height = `stored`)."""
    x, y = point
    width, height = stored
    return {1: (x, y), 2: (width - x, y), 3: (width - x, height - y), 4: (x, height - y),
            5: (y, x), 6: (y, height - x), 7: (width - y, height - x), 8: (width - y, x)}[orientation]


# ------------------------------------------------------------------------------------- finding


def opencv() -> Any:
    """OpenCV, single-threaded: the reader and the build already run one photo per core."""
    import cv2

    if cv2.getNumThreads() != 1:
        cv2.setNumThreads(1)
    return cv2


def find_sheet(data: bytes, kind: str, orientation: int = 1) -> Sheet:
    """The outline of the document in a photo, if one is found with confidence."""
    import numpy as np
    from PIL import Image

    cv2 = opencv()

    with _open(data, kind, round(ANALYSIS_SIDE * 0.75)) as image:
        stored = image.size
        full = _full_size(data, kind, stored)
        small = image.convert("RGB") if image.mode != "RGB" else image
        if orientation in _UPRIGHT:
            small = small.transpose(getattr(Image.Transpose, _UPRIGHT[orientation]))
        rgb = np.asarray(small)
    scale = ANALYSIS_SIDE / max(rgb.shape[:2])
    if scale < 0.75:  # a draft decode gives 1/2, 1/4 or 1/8: from 384 to 680 px is kept
        rgb = cv2.resize(rgb, (max(1, round(rgb.shape[1] * scale)), max(1, round(rgb.shape[0] * scale))),
                         interpolation=cv2.INTER_AREA)
    upright = full if orientation < 5 else (full[1], full[0])
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if np.percentile(gray, 95) < DARK_LEVEL:
        return Sheet(Outcome.DARK)
    quad = _outline(rgb, gray)
    if quad is None:
        return Sheet(Outcome.FILLS if _paper_share(rgb, gray) >= PAPER_SHARE else Outcome.NONE)
    factor = upright[0] / gray.shape[1]
    corners = tuple((float(x * factor), float(y * factor)) for x, y in quad)
    return Sheet(Outcome.FOUND, corners, sheet_size(corners, upright))


def _full_size(data: bytes, kind: str, opened: tuple[int, int]) -> tuple[int, int]:
    """The stored size of the full picture (a JPEG opened in draft mode reports its reduced size)."""
    if kind != "jpeg":
        return opened
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


def _outline(rgb: Any, gray: Any) -> list[tuple[float, float]] | None:
    """The largest convincing four-sided outline (TL, TR, BR, BL) in a small picture: edges of
    any colour channel (a blue card on a brown desk differs in colour more than in grey)."""
    import cv2
    import numpy as np

    height, width = gray.shape
    blurred = cv2.GaussianBlur(gray, (5, 5), 0)
    colour = cv2.GaussianBlur(rgb, (5, 5), 0)
    masks = []
    red, green, blue = cv2.split(colour)
    saturation = cv2.subtract(cv2.max(cv2.max(red, green), blue), cv2.min(cv2.min(red, green), blue))
    edges = np.zeros_like(gray)
    for plane in (blurred, saturation):  # brightness, and colourfulness (blue card, brown desk)
        median = float(np.median(plane))
        edges |= cv2.Canny(plane, max(10.0, 0.5 * median), max(30.0, 1.2 * median))
    masks.append(cv2.dilate(edges, np.ones((3, 3), np.uint8)))
    _, light = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = np.ones((5, 5), np.uint8)
    masks.append(cv2.morphologyEx(cv2.morphologyEx(light, cv2.MORPH_OPEN, kernel), cv2.MORPH_CLOSE, kernel))
    # unlike the desk: far in colour from what the frame's border shows
    border = np.concatenate([colour[:4].reshape(-1, 3), colour[-4:].reshape(-1, 3),
                             colour[:, :4].reshape(-1, 3), colour[:, -4:].reshape(-1, 3)])
    desk = tuple(float(v) for v in np.median(border, axis=0)) + (0.0,)
    _, unlike = cv2.threshold(_channel_max(cv2.absdiff(colour, desk)), 40, 255, cv2.THRESH_BINARY)
    masks.append(cv2.morphologyEx(cv2.morphologyEx(unlike, cv2.MORPH_OPEN, kernel), cv2.MORPH_CLOSE, kernel))
    frame = float(width * height)
    best: tuple[float, list[tuple[float, float]]] | None = None
    for mask in masks:
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        contours = sorted(contours, key=cv2.contourArea, reverse=True)[:8]
        for contour in contours:
            hull = cv2.convexHull(contour)
            area = cv2.contourArea(hull)
            if not MIN_AREA * frame <= area <= MAX_AREA * frame:
                continue
            perimeter = cv2.arcLength(hull, True)
            for tolerance in (0.02, 0.03, 0.045):  # rounded corners and noise: a little looser
                approx = cv2.approxPolyDP(hull, tolerance * perimeter, True)
                if len(approx) <= 4:
                    break
            if len(approx) != 4 or not cv2.isContourConvex(approx):
                continue
            quad = _ordered(approx.reshape(4, 2).astype(np.float64))
            quad = _refined(colour, quad)
            quad = _refined(colour, quad) if quad is not None else None
            if quad is None or not _plausible(quad, frame) or not _supported(colour, quad):
                continue
            if best is None or area > best[0]:
                best = (area, quad)
    return best[1] if best else None


def _ordered(points: Any) -> list[tuple[float, float]]:
    """Four points as TL, TR, BR, BL (by the sums and differences of their coordinates)."""
    import numpy as np

    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    order = [int(np.argmin(sums)), int(np.argmin(diffs)), int(np.argmax(sums)), int(np.argmax(diffs))]
    if len(set(order)) != 4:
        centre = points.mean(axis=0)
        angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
        ranked = list(np.argsort(angles))  # from -pi: TL, TR, BR, BL for a sheet turned < 45°
        order = [int(i) for i in ranked]
    return [(float(points[i][0]), float(points[i][1])) for i in order]


def _plausible(quad: list[tuple[float, float]], frame: float) -> bool:
    """Convex, corners of 35–145°, opposite sides within 2.5× of each other."""
    import numpy as np

    points = np.array(quad)
    sides = [np.linalg.norm(points[(i + 1) % 4] - points[i]) for i in range(4)]
    if min(sides) < 8:
        return False
    if max(sides[0], sides[2]) > 2.5 * min(sides[0], sides[2]) or \
            max(sides[1], sides[3]) > 2.5 * min(sides[1], sides[3]):
        return False
    for i in range(4):
        a, b, c = points[i - 1], points[i], points[(i + 1) % 4]
        u, v = a - b, c - b
        angle = math.degrees(math.acos(float(np.clip(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)), -1, 1))))
        if not 35 <= angle <= 145:
            return False
    return True


def _side_samples(quad: list[tuple[float, float]], side: int, count: int = 40) -> tuple[Any, Any]:
    """Points along one side (its middle 80 %) and the unit normal pointing out of the sheet."""
    import numpy as np

    points = np.array(quad)
    a, b = points[side], points[(side + 1) % 4]
    t = np.linspace(0.1, 0.9, count)[:, None]
    along = a + (b - a) * t
    direction = (b - a) / max(1e-9, float(np.linalg.norm(b - a)))
    normal = np.array([direction[1], -direction[0]])  # TL→TR→BR→BL runs clockwise on screen
    if (along.mean(axis=0) - points.mean(axis=0)) @ normal < 0:
        normal = -normal
    return along, normal


def _sample(rgb: Any, points: Any) -> tuple[Any, Any]:
    """Colours at points (nearest pixel) and whether each lies inside the picture."""
    import numpy as np

    height, width = rgb.shape[:2]
    x, y = np.round(points[:, 0]).astype(int), np.round(points[:, 1]).astype(int)
    inside = (x >= 0) & (x < width) & (y >= 0) & (y < height)
    values = np.zeros((len(points), 3))
    values[inside] = rgb[y[inside], x[inside]]
    return values, inside


def _difference(first: Any, second: Any) -> Any:
    """How far apart two rows of colours are: the largest difference of any channel."""
    import numpy as np

    return np.abs(first - second).max(axis=1)


def _refined(rgb: Any, quad: list[tuple[float, float]]) -> list[tuple[float, float]] | None:
    """Each side moved onto the strongest step across it (searched ±6 px along its normal) and
    fitted as a line; the corners are where neighbouring lines meet."""
    import numpy as np

    lines = []
    for side in range(4):
        along, normal = _side_samples(quad, side, 30)
        offsets = np.arange(-6, 7, dtype=np.float64)
        grid = along[:, None, :] + offsets[None, :, None] * normal  # 30 points × 13 offsets
        outside, ok_out = _sample(rgb, (grid + 2 * normal).reshape(-1, 2))
        inside, ok_in = _sample(rgb, (grid - 2 * normal).reshape(-1, 2))
        step = (_difference(inside, outside) * (ok_out & ok_in)).reshape(len(along), len(offsets))
        strongest = step.argmax(axis=1)
        strong = step[np.arange(len(along)), strongest] >= MIN_STEP
        best_points = list(grid[np.arange(len(along)), strongest][strong])
        if len(best_points) < 8:
            lines.append(None)
            continue
        lines.append(_line(np.array(best_points, np.float64)))
    if any(line is None for line in lines):
        return quad  # judged as it is by _supported
    corners = []
    for i in range(4):
        (p, d), (q, e) = lines[i - 1], lines[i]
        matrix = np.array([d, -e]).T
        if abs(np.linalg.det(matrix)) < 1e-6:
            return None
        s, _ = np.linalg.solve(matrix, q - p)
        corners.append(tuple(float(v) for v in p + s * d))
    return corners


def _line(points: Any) -> tuple[Any, Any] | None:
    """The straight line through most of the points (a point, a direction): fitted, the points
    more than 1.5 px off it dropped (desk grain, a shadow's edge), fitted again."""
    import numpy as np

    for _ in range(2):
        centre = points.mean(axis=0)
        _, _, vectors = np.linalg.svd(points - centre)
        direction = vectors[0]
        off = np.abs((points - centre) @ np.array([-direction[1], direction[0]]))
        kept = points[off <= 1.5]
        if len(kept) < 8:
            return None
        points = kept
    return points.mean(axis=0), direction


def _supported(rgb: Any, quad: list[tuple[float, float]]) -> bool:
    """Every side is a real edge: along most of it the sheet differs from just outside it, and
    the whole outline stands out from its surroundings."""
    import numpy as np

    steps = []
    for side in range(4):
        along, normal = _side_samples(quad, side)
        inside, ok_in = _sample(rgb, along - 4 * normal)
        outside, ok_out = _sample(rgb, along + 4 * normal)
        step = _difference(inside, outside)
        valid = ok_in & ok_out
        if np.mean(valid & (step >= MIN_STEP)) < MIN_SUPPORT:
            return False
        steps.append(step[valid])
    return float(np.median(np.concatenate(steps))) >= MIN_CONTRAST


def _paper_share(rgb: Any, gray: Any) -> float:
    """The share of the picture that is light grey paper once the print on it is closed over."""
    import cv2
    import numpy as np

    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    red, green, blue = cv2.split(rgb)
    saturation = cv2.subtract(cv2.max(cv2.max(red, green), blue), cv2.min(cv2.min(red, green), blue))
    return float(np.mean((background >= 150) & (cv2.blur(saturation, (15, 15)) < 60)))


def _channel_max(rgb: Any) -> Any:
    """The largest of the three channels at every pixel (numpy's axis reductions are slow here)."""
    import cv2

    red, green, blue = cv2.split(rgb)
    return cv2.max(cv2.max(red, green), blue)


def sheet_size(corners: tuple[tuple[float, float], ...], frame: tuple[int, int]) -> tuple[int, int]:
    """Width and height in pixels of the straightened sheet: its shape recovered from the
    perspective (a pinhole camera with its principal point at the centre, Zhang & He's method for
    whiteboards), snapped to A4's or a card's shape when within SHAPE_SNAP, at the resolution of
    its nearest side, at most MAX_SIDE."""
    import numpy as np

    points = np.array(corners, np.float64)
    top, bottom = np.linalg.norm(points[1] - points[0]), np.linalg.norm(points[2] - points[3])
    left, right = np.linalg.norm(points[3] - points[0]), np.linalg.norm(points[2] - points[1])
    shape = _shape(points, frame) or (top + bottom) / max(1e-9, left + right)
    long_side = max(shape, 1 / shape)
    for known in KNOWN_SHAPES:
        if abs(long_side - known) <= known * SHAPE_SNAP:
            shape = known if shape >= 1 else 1 / known
            break
    width = max(top, bottom, (left + right) / 2 * shape)
    height = width / shape
    scale = min(1.0, MAX_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _shape(points: Any, frame: tuple[int, int]) -> float | None:
    """Width over height of the rectangle whose perspective image the corners are (the focal
    length found from the corners, or a phone's usual one where they cannot tell it), or None
    for corners no rectangle seen by a camera gives."""
    import numpy as np

    centre = np.array([frame[0] / 2, frame[1] / 2])
    m1, m2, m4, m3 = (np.append(p - centre, 1.0) for p in points)  # TL, TR, BR, BL
    k2 = np.cross(m1, m4) @ m3 / (np.cross(m2, m4) @ m3)
    k3 = np.cross(m1, m4) @ m2 / (np.cross(m3, m4) @ m2)
    n2, n3 = k2 * m2 - m1, k3 * m3 - m1
    long_side = max(frame)
    focal2 = PHONE_FOCAL ** 2 * long_side ** 2
    if abs(n2[2] * n3[2]) > 1e-12:
        found = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2])
        # nearly parallel sides leave the focal length to a few pixels of the corners: a value
        # no phone has is that noise, and the usual one is nearer the truth
        if (FOCAL_RANGE[0] * long_side) ** 2 <= found <= (FOCAL_RANGE[1] * long_side) ** 2:
            focal2 = found
    inverse = np.diag([1 / focal2, 1 / focal2, 1.0])
    ratio = (n2 @ inverse @ n2) / (n3 @ inverse @ n3)
    return math.sqrt(ratio) if ratio > 0 else None


# -------------------------------------------------------------------------------- straightening


def straighten(data: bytes, kind: str, orientation: int, sheet: Sheet,
               size: tuple[int, int] | None = None) -> Any:
    """The sheet alone, upright and straight, as RGB pixels (numpy) of `size` (default
    `sheet.size`); the photo is decoded at the smallest scale that still gives those pixels."""
    import numpy as np

    cv2 = opencv()

    width, height = size or sheet.size
    with _open(data, kind) as probe:
        stored = probe.size
    top = math.dist(sheet.corners[0], sheet.corners[1])
    side = math.dist(sheet.corners[0], sheet.corners[3])
    reduce = max(1.0, min(top / max(1, width), side / max(1, height)))
    pixels = _jpeg_pixels(data, reduce) if kind == "jpeg" else None  # BGR
    if pixels is None:
        with _open(data, kind, round(max(stored) / reduce)) as image:
            image.load()
            pixels = cv2.cvtColor(_pixels(image), cv2.COLOR_RGB2BGR)
    factor = pixels.shape[1] / stored[0]
    source = np.array([to_stored(point, orientation, stored) for point in sheet.corners],
                      np.float32) * factor
    inset_x, inset_y = INSET * width, INSET * height  # no sliver of desk along the edges
    target = np.array([[-inset_x, -inset_y], [width + inset_x, -inset_y], [width + inset_x, height + inset_y],
                       [-inset_x, height + inset_y]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, target)
    # bilinear: the reduced decode has already averaged a photo that is much larger than the sheet
    warped = cv2.warpPerspective(pixels, matrix, (width, height), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_REPLICATE)
    return cv2.cvtColor(warped, cv2.COLOR_BGR2RGB)


def _jpeg_pixels(data: bytes, reduce: float) -> Any:
    """A JPEG decoded by OpenCV straight into an array (BGR, as stored: EXIF ignored), at 1/2,
    1/4 or 1/8 where `reduce` allows; None if OpenCV cannot. Called only after Pillow opened the
    same bytes (its limit on pixels has been applied to the header already)."""
    import numpy as np

    cv2 = opencv()
    flag = cv2.IMREAD_COLOR
    for factor, reduced in ((8, cv2.IMREAD_REDUCED_COLOR_8), (4, cv2.IMREAD_REDUCED_COLOR_4),
                            (2, cv2.IMREAD_REDUCED_COLOR_2)):
        if reduce >= factor:
            flag = reduced
            break
    try:
        pixels = cv2.imdecode(np.frombuffer(data, np.uint8), flag | cv2.IMREAD_IGNORE_ORIENTATION)
    except cv2.error:
        return None
    return pixels if pixels is not None and pixels.ndim == 3 else None


# ---------------------------------------------------------------------------------- arranging

SLIP_SHAPE = 1.7  # long side over short side from which a sheet is a slip, not a page


def arrangement(sheet: Sheet | None, shown: tuple[int, int], photo: bool,
                object_mm: tuple[float, float] | None) -> str:
    """How the build lays out a photo: "card" (at its real size, with its other side on the
    same page) for a document that is an object of a known size whose straightened sheet (or
    whole picture) has that shape; "slip" (several to a page) for a straightened sheet much
    longer than it is wide (a receipt); "" for a page of its own."""
    if not photo:
        return ""
    known = max(object_mm) / min(object_mm) if object_mm else 0.0
    if sheet is not None and sheet.found:
        if object_mm and abs(sheet.shape - known) <= known * SHAPE_SNAP:
            return "card"
        if not object_mm and sheet.shape >= SLIP_SHAPE:
            return "slip"
        return ""
    if object_mm and (sheet is None or sheet.outcome == Outcome.FILLS):
        width, height = shown
        shape = max(width, height) / max(1, min(width, height))
        return "card" if abs(shape - known) <= known * SHAPE_SNAP else ""
    return ""
