"""Input files → A4 pages: photos the right way up, PDF pages scaled and flattened, nothing re-encoded needlessly.

Two steps. `probe` opens a file (headers only for images) and says how many pages it gives and
which way each lies; every failure is a `FileProblem` naming the file. `image_pdf` lays an image
file out as a small one-file PDF (reportlab, the JPEG embedded as it is), and `page_form` turns a
PDF page into a Form XObject in the output, so that a page can be placed into an A4 page by a
matrix without parsing its content. pypdf, reportlab and Pillow are imported inside functions.
"""

from __future__ import annotations

import io
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from offsite_cli.base.errors import WorkFailed, os_reason

MM = 72 / 25.4
A4 = (595.2756, 841.8898)  # points, portrait
SIDE_MARGIN = 8 * MM
TOP_MARGIN = 8 * MM
FOOTER = 13 * MM  # kept free for the page stamp: originals are never drawn there
COMPRESS_DPI = 150
COMPRESS_QUALITY = 72
CONVERT_QUALITY = 92  # a photo that must be re-encoded anyway (CMYK, HEIC, WebP)
PHOTO_KINDS = ("jpeg", "heic", "webp")

# (a, b, c, d) of the matrix that maps the image's unit square onto the page for each EXIF
# orientation; the translation is added by `orientation_matrix`.
_ORIENTED = {
    1: (1, 0, 0, 1), 2: (-1, 0, 0, 1), 3: (-1, 0, 0, -1), 4: (1, 0, 0, -1),
    5: (0, -1, -1, 0), 6: (0, -1, 1, 0), 7: (0, 1, 1, 0), 8: (0, 1, -1, 0),
}


class FileProblem(WorkFailed):
    """A file that cannot go into the dossier; the message names the file and the reason."""


@dataclass
class ImageFrame:
    width: int  # pixels as stored
    height: int
    orientation: int  # EXIF 1–8

    @property
    def landscape(self) -> bool:
        width, height = (self.height, self.width) if self.orientation >= 5 else (self.width, self.height)
        return width > height


@dataclass
class Source:
    """One input file, opened: what it is and the pages it gives (True: landscape)."""

    path: Path
    relative: str
    kind: str  # pdf | jpeg | png | webp | tiff | bmp | gif | heic
    size: int
    landscape: list[bool] = field(default_factory=list)
    frames: list[ImageFrame] = field(default_factory=list)  # images
    passthrough: bool = False  # a JPEG that goes in byte for byte
    reader: Any = None  # a pypdf PdfReader (PDFs)
    notes: list[str] = field(default_factory=list)  # e.g. repaired

    @property
    def pages(self) -> int:
        return len(self.landscape)

    @property
    def photo(self) -> bool:
        return self.kind in PHOTO_KINDS


# ------------------------------------------------------------------------------------------ probe


def sniff(head: bytes) -> str:
    """The kind of a file from its first bytes (never from its name)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:2] == b"BM":
        return "bmp"
    if head[:4] == b"GIF8":
        return "gif"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis",
                                                b"mif1", b"msf1", b"avif"):
        return "heic"
    return "other"


def probe(path: Path, relative: str, password: str | None = None) -> Source:
    """Open one file far enough to know its pages; a FileProblem if it cannot go in."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        raise FileProblem("build_file_unreadable", file=relative, reason=os_reason(error)) from None
    if size == 0:
        raise FileProblem("build_file_empty", file=relative)
    kind = sniff(head)
    source = Source(path=path, relative=relative, kind=kind, size=size)
    if kind == "pdf":
        _probe_pdf(source, password)
    elif kind == "other":
        raise FileProblem("build_file_kind", file=relative)
    else:
        _probe_image(source)
    if not source.landscape:
        raise FileProblem("build_pdf_no_pages", file=relative)
    return source


@contextmanager
def _pillow(relative: str) -> Iterator[Any]:
    """Pillow with its decompression-bomb limit as a refusal; HEIC through pillow-heif."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            yield Image
        except Image.DecompressionBombError:
            raise FileProblem("build_image_bomb", file=relative,
                              limit=f"{2 * (Image.MAX_IMAGE_PIXELS or 0):,}") from None
        except FileProblem:
            raise
        except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as error:
            raise FileProblem("build_image_damaged", file=relative, reason=_short(error)) from None


def _register_heif(relative: str) -> None:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        raise FileProblem("build_heic_missing", file=relative) from None
    register_heif_opener()


def _probe_image(source: Source) -> None:
    if source.kind == "heic":
        _register_heif(source.relative)
    with _pillow(source.relative) as Image:
        with Image.open(source.path) as image:
            orientation = int(image.getexif().get(0x0112, 1) or 1)
            if orientation not in _ORIENTED:
                orientation = 1
            frames = getattr(image, "n_frames", 1) if source.kind in ("tiff", "gif") else 1
            for index in range(frames):
                if index:
                    image.seek(index)
                source.frames.append(ImageFrame(image.width, image.height,
                                                orientation if index == 0 else 1))
            if source.kind == "jpeg":
                source.passthrough = image.mode in ("RGB", "L")
            elif source.kind != "heic" and frames == 1 and image.width * image.height < 40_000_000:
                image.load()  # a damaged PNG, BMP or TIFF is refused now, not half-way through
    source.landscape = [frame.landscape for frame in source.frames]


@contextmanager
def quiet_pypdf() -> Iterator[list[str]]:
    """pypdf's own warnings (repairs of damaged files) collected instead of printed."""
    logger = logging.getLogger("pypdf")
    collected: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            collected.append(record.getMessage())

    handler = Collect(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield collected
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _probe_pdf(source: Source, password: str | None) -> None:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    relative = source.relative
    with quiet_pypdf() as repairs:
        try:
            reader = PdfReader(source.path, strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt(password or "")
                except DependencyError:
                    raise FileProblem("build_pdf_crypto", file=relative) from None
                if not opened:
                    key = "build_pdf_wrong_password" if password else "build_pdf_password"
                    raise FileProblem(key, file=relative)
            for page in reader.pages:
                box = page.cropbox
                if float(box.width) <= 0 or float(box.height) <= 0:
                    raise PdfReadError("a page has an empty size")
                contents = page.get_contents()
                if contents is not None:
                    contents.get_data()
                source.landscape.append(_landscape(float(box.width), float(box.height), page.rotation))
        except FileProblem:
            raise
        except FileNotDecryptedError:
            raise FileProblem("build_pdf_password", file=relative) from None
        except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError,
                AssertionError, IndexError, RecursionError) as error:
            raise FileProblem("build_pdf_damaged", file=relative, reason=_short(error)) from None
    source.reader = reader
    if repairs:
        source.notes.append(repairs[0])


def _landscape(width: float, height: float, rotation: int) -> bool:
    if rotation % 180:
        width, height = height, width
    return width > height


def _short(error: BaseException) -> str:
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return message[:120]


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
    shown = (frame.height, frame.width) if frame.orientation >= 5 else (frame.width, frame.height)
    return orientation_matrix(frame.orientation, *fit(*shown, frame.landscape))


def multiply(first: tuple[float, ...], then: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix that applies `first`, then `then` (PDF row-vector convention)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


# -------------------------------------------------------------------------------------- images


def setup_reportlab() -> None:
    """Before the first canvas: no ASCII85, so a JPEG is embedded byte for byte."""
    from reportlab import rl_config

    rl_config.useA85 = 0


def image_pdf(source: Source, work: Path, font: str, compressed: dict[int, Path] | None = None) -> bytes:
    """A PDF with one A4 page per frame of an image file, each fitted into the content box.

    A JPEG that needs no change goes in as it is (drawImage with the file's path: no decoding);
    `compressed` maps a frame to an already downsampled JPEG (from `downsample`). `font` is only
    the canvas's initial font: an embedded one, so that no standard font is named in the page.
    """
    from reportlab.pdfgen.canvas import Canvas

    setup_reportlab()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0, invariant=1, initialFontName=font)
    for index, frame in enumerate(source.frames):
        canvas.setPageSize(page_size(frame.landscape))
        canvas.saveState()
        canvas.transform(*frame_matrix(frame))
        if compressed and index in compressed:
            canvas.drawImage(str(compressed[index]), 0, 0, 1, 1)
        elif source.passthrough:
            canvas.drawImage(_jpeg_path(source, work), 0, 0, 1, 1)
        else:
            _draw_converted(canvas, source, index, work)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return _stable_names(buffer.getvalue(), source.relative)


def jpeg_frames(source: Source, compressed: dict[int, Path] | None = None) -> list[Path] | None:
    """The JPEG file that shows each frame as it is — the original (a pass-through JPEG) or its
    downsampled copy — or None when the image has to be converted first (`image_pdf`)."""
    if compressed:
        return [compressed[i] for i in range(len(source.frames))] \
            if set(compressed) == set(range(len(source.frames))) else None
    return [source.path] if source.passthrough else None


def jpeg_xobject(path: Path) -> Any:
    """An image XObject of a JPEG file (DCTDecode, byte for byte). Its bytes are not held in
    memory: they are read from the file when the PDF is written (and when identical objects are
    looked for), so a dossier of 40 photos does not hold 40 photos at once."""
    from pypdf.generic import NameObject, NumberObject

    with _pillow(str(path)) as Image:
        with Image.open(path) as image:  # the header only
            width, height, mode = image.width, image.height, image.mode
    if mode not in ("RGB", "L"):
        raise FileProblem("build_file_kind", file=str(path))
    stream = _file_stream_class()(path)
    stream.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(width), NameObject("/Height"): NumberObject(height),
        NameObject("/ColorSpace"): NameObject("/DeviceRGB" if mode == "RGB" else "/DeviceGray"),
        NameObject("/BitsPerComponent"): NumberObject(8),
        NameObject("/Filter"): NameObject("/DCTDecode"),
    })
    return stream


@lru_cache(maxsize=1)
def _file_stream_class() -> type:
    """A pypdf stream whose data is a file's bytes, read when needed (pypdf imported lazily)."""
    import shutil

    from pypdf.generic import DictionaryObject, EncodedStreamObject, NameObject, NumberObject

    class FileStream(EncodedStreamObject):
        def __init__(self, path: Path) -> None:
            self._path = path
            self._size = path.stat().st_size
            self._replaced: bytes | None = None
            super().__init__()  # sets _data to b"": ignored below

        @property  # type: ignore[override]
        def _data(self) -> bytes:
            if self._replaced is not None:
                return self._replaced
            data = self._path.read_bytes()
            if len(data) != self._size:
                raise FileProblem("build_file_changed", file=str(self._path))
            return data

        @_data.setter
        def _data(self, value: bytes) -> None:
            if value:
                self._replaced = value

        def write_to_stream(self, stream: Any, *args: Any) -> None:
            if self._replaced is not None:
                super().write_to_stream(stream, *args)
                return
            self[NameObject("/Length")] = NumberObject(self._size)
            DictionaryObject.write_to_stream(self, stream, *args)
            del self["/Length"]
            stream.write(b"\nstream\n")
            with self._path.open("rb") as handle:
                copied = handle.tell()
                shutil.copyfileobj(handle, stream, 1 << 20)
                copied = handle.tell() - copied
            if copied != self._size:
                raise FileProblem("build_file_changed", file=str(self._path))
            stream.write(b"\nendstream")

    return FileStream


def _stable_names(data: bytes, relative: str) -> bytes:
    """reportlab names an image after the md5 of its path, and converted images live in a fresh
    temporary folder: rename them after the file instead (same length, so offsets stay valid),
    so that the same dossier always gives the same bytes."""
    import hashlib
    import re

    names: dict[bytes, bytes] = {}

    def rename(match: re.Match[bytes]) -> bytes:
        if match.group(0) not in names:
            seed = f"{relative}\0{len(names)}".encode()
            names[match.group(0)] = b"FormXob." + hashlib.md5(seed, usedforsecurity=False).hexdigest().encode()
        return names[match.group(0)]

    return re.sub(rb"FormXob\.[0-9a-f]{32}", rename, data)


def _jpeg_path(source: Source, work: Path) -> str:
    """reportlab embeds a JPEG as it is only when the name ends in .jpg/.jpeg: link it so if not."""
    if source.path.suffix.lower() in (".jpg", ".jpeg"):
        return str(source.path)
    link = work / f"{abs(hash(str(source.path)))}.jpg"
    if not link.exists():
        try:
            link.symlink_to(source.path.resolve())
        except OSError:
            import shutil

            shutil.copyfile(source.path, link)
    return str(link)


def _draw_converted(canvas: Any, source: Source, index: int, work: Path) -> None:
    """Decode, turn upright, flatten alpha and odd modes; photos as JPEG, the rest lossless."""
    from reportlab.lib.utils import ImageReader

    if source.kind == "heic":
        _register_heif(source.relative)
    with _pillow(source.relative) as Image:
        with Image.open(source.path) as opened:
            if index:
                opened.seek(index)
            image = flatten(opened)  # as stored: the page matrix turns it upright
        if source.photo:
            target = work / f"{abs(hash(str(source.path)))}-{index}.jpg"
            image.save(target, "JPEG", quality=CONVERT_QUALITY)
            canvas.drawImage(str(target), 0, 0, 1, 1)
        else:
            canvas.drawImage(ImageReader(image), 0, 0, 1, 1)


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


def downsample(source: Source, work: Path, dpi: int = COMPRESS_DPI,
               quality: int = COMPRESS_QUALITY) -> dict[int, Path]:
    """A photo at `dpi` where it sits on the A4 page, as a JPEG in `work` (Pillow's draft() decodes
    JPEGs at 1/2, 1/4 or 1/8 directly). Returns {} when the photo is already small enough."""
    if source.kind == "heic":
        _register_heif(source.relative)
    frame = source.frames[0]
    shown = (frame.height, frame.width) if frame.orientation >= 5 else (frame.width, frame.height)
    _, _, width, height = fit(*shown, frame.landscape)
    target_shown = (max(1, round(width / 72 * dpi)), max(1, round(height / 72 * dpi)))
    target = target_shown[::-1] if frame.orientation >= 5 else target_shown
    if target[0] * 1.15 >= frame.width:
        return {}
    with _pillow(source.relative) as Image:
        with Image.open(source.path) as image:
            if source.kind == "jpeg":
                image.draft("RGB", target)
            image = flatten(image)
            # BOX (area average): right for the last shrink of less than 2x after draft(), and
            # about a quarter faster than BILINEAR here; files come out ~1.4x larger, still >20x smaller
            image = image.resize(target, Image.Resampling.BOX)
        path = work / f"{abs(hash(str(source.path)))}-small.jpg"
        image.save(path, "JPEG", quality=quality)
    return {0: path}


# ----------------------------------------------------------------------------------------- PDFs


def page_form(writer: Any, page: Any) -> tuple[Any, list[tuple[Any, tuple[float, ...]]]]:
    """A PDF page as a Form XObject in `writer`, and its visible annotations (form fields, stamps)
    as (appearance XObject, matrix in page space) to draw over it: that flattens the fields, and
    the original's /AcroForm never reaches the output, so no field names can collide."""
    from pypdf.generic import (
        ArrayObject, DecodedStreamObject, DictionaryObject, EncodedStreamObject, FloatObject,
        NameObject, StreamObject,
    )

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, StreamObject):
        form: Any = EncodedStreamObject() if "/Filter" in contents else DecodedStreamObject()
        form._data = contents._data
        for key in ("/Filter", "/DecodeParms"):
            if key in contents:
                form[NameObject(key)] = contents.raw_get(key).clone(writer)
    else:
        form = DecodedStreamObject()
        parts = [part.get_object().get_data() for part in contents] if isinstance(contents, ArrayObject) else []
        form.set_data(b"\n".join(parts))
        if len(form.get_data()) > 256:
            form = form.flate_encode()
    box = page.cropbox
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in
                                            (box.left, box.bottom, box.right, box.top))
    resources = page.raw_get("/Resources") if "/Resources" in page else None
    form[NameObject("/Resources")] = resources.clone(writer) if resources is not None else DictionaryObject()
    if "/Group" in page:
        form[NameObject("/Group")] = page.raw_get("/Group").clone(writer)
    return writer._add_object(form), _annotations(writer, page)


def _annotations(writer: Any, page: Any) -> list[tuple[Any, tuple[float, ...]]]:
    from pypdf.generic import StreamObject

    drawn: list[tuple[Any, tuple[float, ...]]] = []
    for reference in page.get("/Annots") or []:
        annotation = reference.get_object()
        flags = int(annotation.get("/F", 0))
        if annotation.get("/Subtype") in ("/Popup", "/Link") or flags & (2 | 32):
            continue
        appearance = (annotation.get("/AP") or {}).get("/N")
        if appearance is None:
            continue
        appearance_ref = None
        if not isinstance(appearance.get_object(), StreamObject):  # on/off states
            state = annotation.get("/AS")
            if state is None or state not in appearance:
                continue
            appearance_ref = appearance.get_object().raw_get(state)
        else:
            appearance_ref = (annotation["/AP"]).raw_get("/N")
        stream = appearance_ref.get_object()
        rect = [float(v) for v in annotation.get("/Rect", [0, 0, 0, 0])]
        bbox = [float(v) for v in stream.get("/BBox", [0, 0, 0, 0])]
        matrix = tuple(float(v) for v in stream.get("/Matrix", [1, 0, 0, 1, 0, 0]))
        corners = [(bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[0], bbox[3]), (bbox[2], bbox[3])]
        moved = [(matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5])
                 for x, y in corners]
        left, right = min(p[0] for p in moved), max(p[0] for p in moved)
        bottom, top = min(p[1] for p in moved), max(p[1] for p in moved)
        if right - left <= 0 or top - bottom <= 0:
            continue
        x0, y0, x1, y1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
        sx, sy = (x1 - x0) / (right - left), (y1 - y0) / (top - bottom)
        drawn.append((appearance_ref.clone(writer), (sx, 0, 0, sy, x0 - sx * left, y0 - sy * bottom)))
    return drawn


def cpu_count() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)))
