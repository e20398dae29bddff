"""Phone photos made for the tests: a text page, a card and a receipt rendered with the CJK font,
seen by a pinhole camera at a known angle on a desk-like background with a soft shadow; and the
photos that must be left alone (no document, a document filling the frame, a dark one, a screenshot).

The camera is a real one (square pixels, principal point at the centre, a focal length like a
phone's), so the true corners are known and the true shape can be recovered from them."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from offsite_cli.base.fonts import packaged_font

INVERSE = {  # the stored image is the displayed one with the inverse of the orientation's turn
    3: "ROTATE_180", 6: "ROTATE_90", 8: "ROTATE_270",
}


def _font(size: int):  # noqa: ANN202 - a PIL font
    from PIL import ImageFont

    return ImageFont.truetype(str(packaged_font()), size)


def text_page(width: int = 1240, height: int = 1754) -> "object":
    """An A4 page at 150 dpi with a title, lines of Chinese text and a table rule."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (width, height), (250, 250, 247))
    draw = ImageDraw.Draw(page)
    unit = width / 1240
    draw.text((int(120 * unit), int(110 * unit)), "出院小结（出院证明）", fill=(15, 15, 15),
              font=_font(int(64 * unit)))
    body = _font(int(34 * unit))
    lines = ["姓名：张三　性别：男　年龄：46 岁　住院号：20261008", "入院日期：2026年10月8日　出院日期：2026年10月20日",
             "入院诊断：右下肢骨折　出院诊断：右胫骨骨折术后", "诊疗经过：入院后完善检查，行切开复位内固定术，",
             "术后予抗感染、消肿、镇痛等对症治疗，伤口愈合良好。", "出院医嘱：注意休息，定期复查，不适随诊。"]
    y = int(260 * unit)
    for number in range(3):
        for line in lines:
            draw.text((int(120 * unit), y), line, fill=(25, 25, 25), font=body)
            y += int(58 * unit)
        y += int(30 * unit)
        draw.line((int(110 * unit), y, width - int(110 * unit), y), fill=(40, 40, 40), width=max(2, int(3 * unit)))
        y += int(40 * unit)
    draw.ellipse((width - int(420 * unit), y, width - int(160 * unit), y + int(260 * unit)),
                 outline=(200, 30, 30), width=max(3, int(8 * unit)))
    draw.text((width - int(380 * unit), y + int(105 * unit)), "某某医院", fill=(200, 30, 30),
              font=_font(int(46 * unit)))
    return page


def card(width: int = 1012, height: int = 638, side: str = "正面") -> "object":
    """A card of ID-1 shape (85.6 × 54 mm at 300 dpi): a coloured band, a name, a number."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (232, 240, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height // 4), fill=(20, 90, 170))
    draw.text((40, 30), "社会保障卡", fill=(255, 255, 255), font=_font(70))
    draw.text((60, height // 3 + 20), f"姓名 张三  {side}", fill=(20, 20, 20), font=_font(54))
    draw.text((60, height // 3 + 120), "社会保障号码 140522********1231", fill=(20, 20, 20), font=_font(44))
    draw.rectangle((width - 300, height // 3, width - 60, height - 60), fill=(180, 160, 140))
    return image


def receipt(width: int = 1400, height: int = 640, number: int = 1) -> "object":
    """A wide outpatient receipt: a title, a few lines and an amount."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (252, 252, 250))
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), f"门诊收费票据 No.{number:04d}", fill=(20, 20, 20), font=_font(64))
    body = _font(40)
    for row, line in enumerate(["项目：门诊特殊病治疗", f"金额：{120 + number * 7}.50 元", "收款单位：某某医院"]):
        draw.text((60, 170 + row * 80), line, fill=(30, 30, 30), font=body)
    draw.rectangle((40, 150, width - 40, height - 60), outline=(60, 60, 60), width=3)
    return image


def desk(size: tuple[int, int], seed: int = 1, shade: tuple[int, int, int] = (120, 88, 60)) -> np.ndarray:
    """A wooden-looking desk: a brown base, grain along x, noise, lighter towards one corner."""
    import cv2

    rng = np.random.default_rng(seed)
    width, height = size
    factor = max(1, max(size) // 1600)  # drawn at up to 1600 px, then enlarged (fast for 12 MP)
    small = (width // factor, height // factor)
    y, x = np.mgrid[0:small[1], 0:small[0]].astype(np.float32) * factor
    grain = 14 * np.sin(y / 9.0 + 3 * np.sin(x / 140.0)) + 8 * np.sin(y / 2.7)
    light = 30 * (1 - (x / width + y / height) / 2)
    base = np.array(shade, np.float32)[None, None, :]
    image = base + (grain + light)[..., None]
    if factor > 1:
        image = cv2.resize(image, size, interpolation=cv2.INTER_LINEAR)
    image = image + rng.normal(0, 5, (height, width, 1)).astype(np.float32)
    return np.clip(image, 0, 255).astype(np.uint8)


def camera_corners(size: tuple[int, int], shape: tuple[float, float], tilt: float, turn: float,
                   spin: float, fill: float, shift: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """Where a flat rectangle of `shape` (width : height) lands in a photo of `size` taken by a
    pinhole camera (focal length 0.9 × the long side): tilted `tilt` degrees about x, `turn` about
    y, spun `spin` about the view axis, scaled to take about `fill` of the frame's width; corners
    TL, TR, BR, BL."""
    width, height = size
    focal = 0.9 * max(width, height)
    w, h = shape
    scale = 1.0 / max(w, h)
    plane = np.array([[-w, -h, 0], [w, -h, 0], [w, h, 0], [-w, h, 0]], np.float64) * scale / 2
    a, b, c = (math.radians(v) for v in (tilt, turn, spin))
    rx = np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])
    ry = np.array([[math.cos(b), 0, math.sin(b)], [0, 1, 0], [-math.sin(b), 0, math.cos(b)]])
    rz = np.array([[math.cos(c), -math.sin(c), 0], [math.sin(c), math.cos(c), 0], [0, 0, 1]])
    points = plane @ (rz @ ry @ rx).T
    distance = focal / (fill * width) * 1.0
    points[:, 2] += distance
    projected = points[:, :2] / points[:, 2:3] * focal
    projected += np.array([width / 2 + shift[0] * width, height / 2 + shift[1] * height])
    return projected.astype(np.float32)


def scene(document: "object", size: tuple[int, int], corners: np.ndarray, seed: int = 1,
          shadow: bool = True) -> "object":
    """The document warped onto the desk at `corners`, with a soft shadow over part of the frame."""
    import cv2
    from PIL import Image

    width, height = document.size
    source = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners)
    background = desk(size, seed)
    paper = np.asarray(document)
    warped = cv2.warpPerspective(paper, matrix, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((height, width), 255, np.uint8), matrix, size)
    blend = (mask.astype(np.float32) / 255)[..., None]
    out = warped.astype(np.float32) * blend + background.astype(np.float32) * (1 - blend)
    if shadow:
        y, x = np.mgrid[0:size[1], 0:size[0]].astype(np.float32)
        dark = 1 - 0.35 * np.clip((x - 0.55 * size[0]) / (0.25 * size[0]), 0, 1) \
            * np.clip((0.6 * size[1] - y) / (0.3 * size[1]), 0, 1)
        out *= dark[..., None]
    out += np.random.default_rng(seed).normal(0, 2.5, out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def save(image: "object", path: Path, orientation: int = 1, quality: int = 90) -> Path:
    """As a phone saves it: JPEG, stored turned so that its EXIF orientation shows it upright."""
    from PIL import Image

    exif = Image.Exif()
    stored = image
    if orientation != 1:
        stored = image.transpose(getattr(Image.Transpose, INVERSE[orientation]))
        exif[0x0112] = orientation
    stored.save(path, "JPEG", quality=quality, exif=exif.tobytes())
    return path


def document_photo(path: Path, document: "object", size: tuple[int, int] = (1600, 1200),
                   tilt: float = 18, turn: float = -10, spin: float = 6, fill: float = 0.6,
                   orientation: int = 1, seed: int = 1) -> tuple[Path, np.ndarray]:
    """A photo of `document` and its true corners (in the upright picture, TL TR BR BL)."""
    corners = camera_corners(size, document.size, tilt, turn, spin, fill)
    return save(scene(document, size, corners, seed), path, orientation), corners


# ---------------------------------------------------------------------------- left alone


def no_document(path: Path, size: tuple[int, int] = (1600, 1200)) -> Path:
    """A desk and a mug (a dark disc): nothing with four corners."""
    from PIL import Image, ImageDraw

    image = Image.fromarray(desk(size, 3))
    draw = ImageDraw.Draw(image)
    draw.ellipse((500, 300, 1000, 800), fill=(40, 40, 45))
    draw.ellipse((600, 400, 900, 700), fill=(90, 60, 40))
    return save(image, path)


def filling(path: Path, size: tuple[int, int] = (1240, 1754)) -> Path:
    """A page that fills the frame already (a scanner app's output)."""
    return save(text_page(*size), path)


def filling_photo(path: Path, size: tuple[int, int] = (1200, 1600)) -> Path:
    """A phone photo of a page taken so close that the page runs off every edge of the frame."""
    document = text_page()
    corners = camera_corners(size, document.size, 4, 2, 1, 1.6)
    return save(scene(document, size, corners, 2), path)


def dark(path: Path, size: tuple[int, int] = (1600, 1200)) -> Path:
    """A page on a desk at night: everything within a few levels of black."""
    document = text_page(620, 877)
    corners = camera_corners(size, document.size, 10, 5, 3, 0.45)
    image = np.asarray(scene(document, size, corners, 5)).astype(np.float32) * 0.06
    from PIL import Image

    return save(Image.fromarray(image.astype(np.uint8)), path)


def screenshot(path: Path, size: tuple[int, int] = (1080, 2340)) -> Path:
    """A phone screenshot of an app: a status bar, flat panels, text."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (242, 243, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], 120), fill=(30, 120, 230))
    draw.text((40, 30), "国家医保服务平台", fill=(255, 255, 255), font=_font(54))
    for row in range(8):
        top = 200 + row * 250
        draw.rounded_rectangle((30, top, size[0] - 30, top + 210), 24, fill=(255, 255, 255))
        draw.text((70, top + 60), f"异地就医备案记录 {row + 1}", fill=(40, 40, 40), font=_font(46))
    return save(image, path)
