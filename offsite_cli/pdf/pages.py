"""Files → A4 pages: page geometry, images laid out, photos downsampled, JPEGs embedded as they are.

Everything here draws from a `files.reading.FileInfo`, as the reader left it (its bytes, its
frames): no file is opened again. A JPEG that needs no change goes into the PDF byte for byte
(`jpeg_xobject`); a photo that must be converted (CMYK, HEIC, WebP) or downsampled becomes a
JPEG in memory; other images are laid out by reportlab, losslessly (`image_pdf`). pypdf,
reportlab and Pillow are imported inside functions.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from offsite_cli.files import quiet
from offsite_cli.files.reading import FileInfo, ImageFrame, register_heif

MM = 72 / 25.4
A4 = (595.2756, 841.8898)  # points, portrait
SIDE_MARGIN = 8 * MM
TOP_MARGIN = 8 * MM
FOOTER = 13 * MM  # kept free for the page stamp: originals are never drawn there
COMPRESS_DPI = 150
COMPRESS_QUALITY = 72
CONVERT_QUALITY = 92  # a photo that must be re-encoded anyway (CMYK, HEIC, WebP)

# (a, b, c, d) of the matrix that maps the image's unit square onto the page for each EXIF
# orientation; the translation is added by `orientation_matrix`.
_ORIENTED = {
    1: (1, 0, 0, 1), 2: (-1, 0, 0, 1), 3: (-1, 0, 0, -1), 4: (1, 0, 0, -1),
    5: (0, -1, -1, 0), 6: (0, -1, 1, 0), 7: (0, 1, 1, 0), 8: (0, 1, -1, 0),
}


@dataclass(frozen=True)
class Jpeg:
    """JPEG bytes ready to embed (DCTDecode), with what the image dictionary needs."""

    data: bytes
    width: int
    height: int
    grey: bool
    sha256: str = ""  # of `data`, when it is known already (the reader hashed the file)
    filter: str = "/DCTDecode"  # or /FlateDecode: a copier's black and white, one bit a pixel
    bits: int = 8


# ------------------------------------------------------------------------------------ geometry


def page_size(landscape: bool) -> tuple[float, float]:
    return (A4[1], A4[0]) if landscape else A4


def content_box(landscape: bool) -> tuple[float, float, float, float]:
    """x, y, width, height of the area an original may use: all but the margins and the footer."""
    width, height = page_size(landscape)
    return SIDE_MARGIN, FOOTER, width - 2 * SIDE_MARGIN, height - FOOTER - TOP_MARGIN


def fit(width: float, height: float, landscape: bool) -> tuple[float, float, float, float]:
    """The largest rectangle of this shape centred in the content box: x, y, width, height."""
    x, y, box_width, box_height = content_box(landscape)
    scale = min(box_width / width, box_height / height)
    return x + (box_width - width * scale) / 2, y + (box_height - height * scale) / 2, \
        width * scale, height * scale


def orientation_matrix(orientation: int, x: float, y: float, width: float,
                       height: float) -> tuple[float, ...]:
    """The matrix that draws an image's unit square, as stored, into (x, y, width, height) turned
    the way its EXIF orientation says (width and height are of the image as displayed)."""
    a, b, c, d = _ORIENTED[orientation]
    return (a * width, b * height, c * width, d * height,
            x + (width if a < 0 or c < 0 else 0), y + (height if b < 0 or d < 0 else 0))


def placement(box: tuple[float, float, float, float], rotation: int,
              landscape: bool) -> tuple[float, ...]:
    """The matrix that puts a PDF page (its crop box, turned by /Rotate) into the content box."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    rotation %= 360
    shown = (height, width) if rotation in (90, 270) else (width, height)
    x, y, shown_width, _ = fit(*shown, landscape)
    s = shown_width / shown[0]
    if rotation == 90:
        return (0, -s, s, 0, x - s * y0, y + s * (width + x0))
    if rotation == 180:
        return (-s, 0, 0, -s, x + s * (width + x0), y + s * (height + y0))
    if rotation == 270:
        return (0, s, -s, 0, x + s * (height + y0), y - s * x0)
    return (s, 0, 0, s, x - s * x0, y - s * y0)


def frame_matrix(frame: ImageFrame) -> tuple[float, ...]:
    """The matrix that draws a frame's unit square upright and fitted into its A4 page."""
    return orientation_matrix(frame.orientation, *fit(*frame.shown, frame.landscape))


def multiply(first: tuple[float, ...], then: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix that applies `first`, then `then` (PDF row-vector convention)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


# -------------------------------------------------------------------------------------- images


def setup_reportlab() -> None:
    """Before the first canvas: no ASCII85, so that image data is not inflated by a fifth."""
    from reportlab import rl_config

    rl_config.useA85 = 0


def _opened(info: FileInfo, index: int = 0) -> Any:
    """The image decoded from the bytes the reader kept, at frame `index`."""
    from PIL import Image

    if info.data is None:
        raise ValueError(f"{info.relative}: the file's bytes were not kept for the build")
    if info.kind == "heic":
        register_heif()
    quiet.quiet_warnings()
    image = Image.open(io.BytesIO(info.data))
    if index:
        image.seek(index)
    if info.kind == "tiff":  # decoded now, while libtiff's own lines are caught (files/quiet.py)
        with quiet.c_stderr_captured():
            image.load()
    return image


def jpegs(info: FileInfo, compressed: list[Jpeg] | None = None) -> list[Jpeg] | None:
    """The JPEG that shows each frame — the original (a pass-through JPEG), its downsampled copy,
    or a photo converted to JPEG — or None for an image laid out losslessly (`image_pdf`)."""
    if compressed:
        return compressed
    if info.passthrough and info.data is not None:
        return [Jpeg(info.data, info.width, info.height, info.mode == "L", info.sha256)]
    if info.photo:
        with _opened(info) as image:
            flat = flatten(image)  # as stored: the page matrix turns it upright
        return [_encode(flat, CONVERT_QUALITY)]
    return None


def _encode(image: Any, quality: int) -> Jpeg:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Jpeg(buffer.getvalue(), image.width, image.height, image.mode == "L")


@lru_cache(maxsize=1)
def _stream_class() -> type:
    """A pypdf stream that tells its content hash from the digest the reader already made, so
    that looking for identical objects before writing (`compress_identical_objects`) does not
    hash every photo's bytes a second time. (pypdf imported lazily.)"""
    import hashlib

    from pypdf.generic import DecodedStreamObject

    class KnownStream(DecodedStreamObject):
        digest = ""

        def hash_value_data(self) -> bytes:
            digest = self.digest or hashlib.sha256(self.get_data()).hexdigest()
            return f"{sorted((str(k), str(v)) for k, v in self.items())}:{digest}".encode()

    return KnownStream


def image_pdf(info: FileInfo, font: str) -> bytes:
    """A PDF with one A4 page per frame of a non-photo image (PNG, TIFF, BMP, GIF), each fitted
    into the content box, the pixels kept losslessly. `font` is only the canvas's initial font:
    an embedded one, so that no standard font is named in the page."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    setup_reportlab()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0, invariant=1, initialFontName=font)
    for index, frame in enumerate(info.frames):
        canvas.setPageSize(page_size(frame.landscape))
        canvas.saveState()
        canvas.transform(*frame_matrix(frame))
        with _opened(info, index) as image:
            canvas.drawImage(ImageReader(flatten(image)), 0, 0, 1, 1)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def jpeg_xobject(jpeg: Jpeg) -> Any:
    """An image XObject of JPEG bytes (DCTDecode, byte for byte: nothing decoded), or of a black
    and white sheet (FlateDecode, one bit a pixel)."""
    from pypdf.generic import NameObject, NumberObject

    stream = _stream_class()()
    stream.set_data(jpeg.data)
    stream.digest = jpeg.sha256
    stream.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(jpeg.width), NameObject("/Height"): NumberObject(jpeg.height),
        NameObject("/ColorSpace"): NameObject("/DeviceGray" if jpeg.grey else "/DeviceRGB"),
        NameObject("/BitsPerComponent"): NumberObject(jpeg.bits),
        NameObject("/Filter"): NameObject(jpeg.filter),
    })
    return stream


def flatten(image: Any) -> Any:
    """Any Pillow mode → RGB or L: alpha onto white, 16-bit scaled, 1-bit and palettes expanded."""
    from PIL import Image

    mode = image.mode
    if mode in ("RGB", "L"):
        return image.copy()
    if mode == "1":
        return image.convert("L")
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        wide = image if mode == "I" else image.convert("I")
        return wide.point(lambda value: value * (1 / 256)).convert("L")
    if mode == "F":
        return image.convert("L")
    if mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        mode = image.mode
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white if mode not in ("LA", "La") else white.convert("L")
    return image.convert("RGB")  # CMYK, YCbCr, LAB, HSV



def downsample(info: FileInfo, dpi: int = COMPRESS_DPI, quality: int = COMPRESS_QUALITY) -> list[Jpeg]:
    """A photo at `dpi` where it sits on the A4 page, as JPEG bytes (Pillow's draft() decodes
    JPEGs at 1/2, 1/4 or 1/8 directly). [] when the photo is already small enough."""
    from PIL import Image

    frame = info.frames[0]
    _, _, width, height = fit(*frame.shown, frame.landscape)
    target_shown = (max(1, round(width / 72 * dpi)), max(1, round(height / 72 * dpi)))
    target = target_shown[::-1] if frame.orientation >= 5 else target_shown
    if target[0] * 1.15 >= frame.width:
        return []
    with _opened(info) as image:
        if info.kind == "jpeg":
            image.draft("RGB", target)
        small = flatten(image)
        # BOX (area average): right for the last shrink of less than 2x after draft(), and
        # about a quarter faster than BILINEAR here; files come out ~1.4x larger, still >20x smaller
        small = small.resize(target, Image.Resampling.BOX)
    return [_encode(small, quality)]


SHEET_QUALITY = 85  # a straightened sheet, at full resolution


def sheet_image(info: FileInfo, look: str, size: tuple[int, int] | None = None,
                quality: int = SHEET_QUALITY) -> tuple[Jpeg, str]:
    """The sheet the reader found in a photo, straightened (files.scan) at `size` pixels (default
    its own), with the copier's `look`; and the look applied (off, gray, color, bw)."""
    from offsite_cli.files import look as looks
    from offsite_cli.files import scan

    if info.data is None:
        raise ValueError(f"{info.relative}: the file's bytes were not kept for the build")
    pixels = scan.straighten(info.data, info.kind, info.frames[0].orientation, info.sheet, size)
    if look == "auto" and info.arrangement == "card":
        look = "off"  # a card is printed in colour all over: a copy of it keeps its colours
    pixels, used = looks.copier_look(pixels, look)
    return encode_pixels(pixels, used == "bw", quality), used


def encode_pixels(pixels: Any, black_and_white: bool, quality: int) -> Jpeg:
    """numpy pixels (RGB or grey) as JPEG, or, black and white, as one bit a pixel (Flate)."""
    import zlib

    import numpy as np
    from PIL import Image

    height, width = pixels.shape[:2]
    if black_and_white:
        packed = np.packbits(pixels >= 128, axis=1)  # 1 is white in DeviceGray
        return Jpeg(zlib.compress(packed.tobytes(), 6), width, height, True, filter="/FlateDecode", bits=1)
    return _encode(Image.fromarray(pixels), quality)


def printed_pixels(size: tuple[int, int], box: tuple[float, float, float, float], dpi: int
                   ) -> tuple[int, int]:
    """A sheet's pixels at `dpi` where it is drawn (its box, in points), never more than its own."""
    width = min(size[0], max(1, round(box[2] / 72 * dpi)))
    return width, max(1, round(width * size[1] / size[0]))


def cpu_count() -> int:
    from offsite_cli.base.resources import cores

    return min(4, cores())
