"""Reading one dossier file, once: kind, size, hash, pages, image frames, text for matching, damage.

This is the only place that decides whether a file can go into the PDF. `dossier check` shows
what `read` found; `dossier build` draws from the same `FileInfo` (its bytes, its opened PDF,
its frames) without opening the file again, so a file the check passes is a file the build
draws, and a file the check refuses is one the build leaves out.

A PDF page counts as readable when the build's own conversion of it (`pdf.pages.page_form`
into a scratch writer) succeeds; an image when it decodes (a JPEG that goes in byte for byte:
when its markers walk from SOI to EOI). pypdf, Pillow and pillow-heif are imported inside
functions: the CLI's start-up stays fast.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import threading
import warnings
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from offsite_cli.base.i18n import text
from offsite_cli.files import quiet, receipts
from offsite_cli.files.kinds import ACCEPTED_KINDS, PHOTO_KINDS, describe_other, is_ofd, sniff

MAX_FILE_BYTES = 512 * 1024 * 1024  # a scan larger than this is refused before it is read
MAX_FRAMES = 500  # pages of one multi-page TIFF or GIF
MAX_PDF_PAGES = 5000
FULL_DECODE_PIXELS = 40_000_000  # a larger PNG is checked by inflating its data, not decoded
MAX_PAGE_POINTS = 14_400  # PDF's own limit on a page side (ISO 32000, annex C): 200 inches
TEXT_PAGES = 1  # pages of a PDF whose text is read (matching; an e-receipt prints its fields there)
TEXT_LIMIT = 4000
A4_INCHES = (11.693, 8.268)  # long side, short side
SHAPE_TOLERANCE = 0.08  # a card's 1.586 ± 8 %: cropped to the card (not 4:3, not A4's 1.414)
LOW_DPI = 100  # below this at its size: a warning (hard to read once printed)
UNREADABLE_DPI = 50  # below this at its size: too coarse to read at all
# In entropy-coded data FF is followed by 00 (stuffing), D0-D7 (restart) or FF (fill); anything
# else is the next marker.
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_ORIENTATIONS = range(1, 9)


@dataclass
class ImageFrame:
    """One frame of an image as stored, and the EXIF orientation that turns it upright."""

    width: int
    height: int
    orientation: int = 1  # EXIF 1–8

    @property
    def shown(self) -> tuple[int, int]:
        """Width and height once turned upright."""
        return (self.height, self.width) if self.orientation >= 5 else (self.width, self.height)

    @property
    def landscape(self) -> bool:
        width, height = self.shown
        return width > height


@dataclass
class PdfPage:
    """A PDF page's crop box and rotation, checked (finite, not empty, within PDF's limits)."""

    box: tuple[float, float, float, float]  # left, bottom, right, top
    rotation: int  # 0, 90, 180 or 270

    @property
    def landscape(self) -> bool:
        width, height = self.box[2] - self.box[0], self.box[3] - self.box[1]
        if self.rotation % 180:
            width, height = height, width
        return width > height


@dataclass
class FileInfo:
    """One file of the dossier, as read. The first fields are what `dossier check --json` shows;
    the rest is what the build draws from (held only when the pipeline asks: `keep=True`)."""

    path: Path  # absolute
    relative: str  # relative to the dossier folder, with forward slashes
    kind: str  # pdf | ofd | jpeg | png | webp | tiff | bmp | gif | heic | other
    size: int  # bytes
    readable: bool
    reason: str = ""  # why not readable, in the output language
    pages: int = 0  # PDF pages or image frames
    width: int = 0  # pixels (images, first frame)
    height: int = 0
    dpi: float | None = None  # effective resolution at the size of `dpi_at` (images)
    dpi_at: str = ""  # "a4", or "card" for a card-shaped photo of a card-sized document
    judged_at: tuple[float, float] | None = None  # the object size (mm) of a "card" verdict
    sha256: str = ""
    encrypted: bool = False  # a PDF that opened with the empty or the given password
    problems: list[str] = field(default_factory=list)  # warnings: low resolution, duplicate, …
    # --- what the build draws
    frames: list[ImageFrame] = field(default_factory=list)  # images
    pdf_pages: list[PdfPage] = field(default_factory=list)  # PDFs
    mode: str = ""  # Pillow mode of an image
    passthrough: bool = False  # a JPEG that goes into the PDF byte for byte
    repairs: list[str] = field(default_factory=list)  # what pypdf repaired while reading
    text: str = ""  # a PDF's text layer (first pages), when it was asked for
    sheet: Any = None  # a photo's files.scan.Sheet: the document's outline found in it, or not
    arrangement: str = ""  # "card" | "slip" | "": how the build lays it out (files.scan.arrangement)
    object_mm: tuple[float, float] | None = None  # a card's real size, for "card"
    data: bytes | None = None  # the file's bytes (kept for the build)
    pdf: Any = None  # the opened pypdf PdfReader (kept for the build); for an OFD, of its drawing
    fields: Any = None  # an e-receipt's fields (files.ofd.InvoiceFields), when its text was read

    @property
    def landscape(self) -> list[bool]:
        """One entry per page the file gives: True where that page lies in landscape."""
        if self.kind in ("pdf", "ofd"):
            return [page.landscape for page in self.pdf_pages]
        return [frame.landscape for frame in self.frames]

    @property
    def photo(self) -> bool:
        return self.kind in PHOTO_KINDS

    def release(self) -> None:
        """Drop the bytes and the opened PDF (a check that builds nothing keeps only the facts)."""
        self.data, self.pdf = None, None


def unreadable(path: Path, relative: str, reason: str) -> FileInfo:
    return FileInfo(path=path, relative=relative, kind="other", size=0, readable=False, reason=reason)


def read(path: Path, relative: str, lang: str = "zh", password: str | None = None, *,
         want_text: bool = False, keep: bool = False, sheets: bool = True,
         memo: Any = None, helper: Any = None) -> FileInfo:
    """Read one file (already known to be inside the folder) and judge whether it can go into the PDF.

    Only a regular file is read (a FIFO or a device is refused without opening it for reading);
    `want_text`: also read a PDF's text layer for matching; `keep`: hold the bytes and the opened
    PDF for the build; `sheets`: look for the document's outline in a photo (files.scan), taking
    what a `memo` (files.scan.Memo) found in the same photo before; `helper`: the build's helper
    process, which draws an OFD (`draw_ofd`). Never raises for the file's content: what is wrong
    is the `reason`.
    """
    info = unreadable(path, relative, "")
    data = _bytes(path, info, lang)
    if data is None:
        return info
    return judge(info, data, lang, password, want_text=want_text, keep=keep, sheets=sheets,
                 memo=memo, helper=helper)


def judge(info: FileInfo, data: bytes, lang: str = "zh", password: str | None = None, *,
          want_text: bool = False, keep: bool = False, sheets: bool = True,
          memo: Any = None, helper: Any = None) -> FileInfo:
    """What `read` decides about a file's bytes (also for PDFs made in memory, like the forms)."""
    info.size = len(data)
    info.sha256 = hashlib.sha256(data).hexdigest()
    if not data:
        info.reason = text("file.empty", lang)
        return info
    kind = sniff(data[:1024])
    if kind == "zip" and is_ofd(data):
        kind = "ofd"
    if kind not in ACCEPTED_KINDS:
        info.reason = text("file.unsupported", lang, kind=describe_other(info.path, kind))
        return info
    info.kind = kind
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf and Pillow warn about harmless oddities
        if kind == "pdf":
            _read_pdf(info, data, lang, password, want_text)
        elif kind == "ofd":
            _read_ofd(info, data, lang, want_text, helper)
        else:
            _read_image(info, data, lang, sheets, memo)
    if keep:
        info.data = data
    if not keep or not info.readable:
        info.pdf = None
    return info


def _bytes(path: Path, info: FileInfo, lang: str) -> bytes | None:
    """The file's bytes, or None with the reason set: only regular files, at most MAX_FILE_BYTES."""
    from offsite_cli.base.atomic import NotRegular, TooLarge, read_regular

    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):  # a FIFO or a device is never opened
            info.reason = text("file.not_regular", lang)
            return None
        # should the file have been swapped for a FIFO or a link since, it is not read
        return read_regular(path, MAX_FILE_BYTES, follow=False)
    except NotRegular:
        info.reason = text("file.not_regular", lang)
    except TooLarge as large:
        if large.stated:
            info.size = large.size
        info.reason = text("file.too_big", lang, size=f"{large.size / 1e6:,.0f}",
                           limit=f"{MAX_FILE_BYTES / 1e6:,.0f}")
    except OSError as error:
        info.reason = _os_reason(error, lang)
    return None


def _os_reason(error: OSError, lang: str) -> str:
    from offsite_cli.base.errors import os_reason

    return text("file.os_error", lang, reason=os_reason(error))


def _short(error: BaseException) -> str:
    """A library's reason in a few words; an error of the library's own code (its objects did not
    have the shape it expected) is said as what it means for the file."""
    if isinstance(error, (AttributeError, TypeError, KeyError, IndexError, AssertionError)):
        return "invalid structure (broken objects or references)"
    message = str(error).strip()
    message = message.splitlines()[0] if message else type(error).__name__
    return "".join(c if c.isprintable() else " " for c in message)[:100]


# ------------------------------------------------------------------------------------------- PDF


def _read_pdf(info: FileInfo, data: bytes, lang: str, password: str | None, want_text: bool) -> None:
    from offsite_cli.files.pdfpage import quiet_pypdf

    if b"%%EOF" not in data[-2048:]:
        info.reason = text("file.truncated", lang)
        return
    with quiet_pypdf() as repairs:
        reader = open_pdf(data, password)
        if isinstance(reader, str):
            info.reason = text(reader, lang) if reader.startswith("file.") else \
                text("file.corrupt", lang, reason=reader)
            return
        try:
            _check_pages(info, reader, lang)
        except RecursionError:
            info.reason = text("file.corrupt", lang, reason="reference chain too deep")
        except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on damaged files
            info.reason = text("file.corrupt", lang, reason=_short(error))
        if info.reason:
            info.pdf_pages = []
            return
        info.encrypted = bool(reader.is_encrypted)
        info.pdf = reader
        info.readable = True
        if want_text:
            info.text = _pdf_text(reader)
            info.fields = receipts.fields_of("pdf", info.text)
    if repairs:
        info.repairs.append(_short(Exception(repairs[0])))


def open_pdf(data: bytes, password: str | None = None):  # noqa: ANN201 - PdfReader | message key
    """A PdfReader opened (and decrypted with the empty or given password), or why not (a str)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            tried = [""] + ([password] if password else [])
            if not any(reader.decrypt(p) for p in tried):
                return "file.wrong_password" if password else "file.encrypted"
        return reader
    except RecursionError:
        return "reference chain too deep"
    except Exception as error:  # noqa: BLE001
        if type(error).__name__ == "DependencyError":  # AES without the cryptography package
            return "file.encrypted"
        return _short(error)


def _check_pages(info: FileInfo, reader: Any, lang: str) -> None:
    """Every page's box and rotation checked, and the page converted as the build converts it."""
    from pypdf import PdfWriter

    from offsite_cli.files.pdfpage import page_form

    count = len(reader.pages)
    if count == 0:
        info.reason = text("file.no_pages", lang)
        return
    if count > MAX_PDF_PAGES:
        info.reason = text("file.too_many_pages", lang, pages=count, limit=MAX_PDF_PAGES)
        return
    scratch = PdfWriter()
    for page in reader.pages:
        box = _box(page)
        if box is None:
            info.reason = text("file.bad_page_size", lang)
            return
        info.pdf_pages.append(PdfPage(box=box, rotation=_rotation(page)))
        page_form(scratch, page, box)  # what the build does with the page: raises if it cannot
    info.pages = count


def _box(page: Any) -> tuple[float, float, float, float] | None:
    """The crop box (else the media box) as four finite numbers, normalised, or None."""
    import math

    for key in ("/CropBox", "/MediaBox"):
        raw = page.get(key)
        if raw is None:
            continue
        try:
            values = [float(v) for v in raw.get_object()][:4]
        except (TypeError, ValueError, AttributeError):
            continue
        if len(values) != 4 or not all(math.isfinite(v) and abs(v) < 1e6 for v in values):
            continue
        left, right = sorted(values[0::2])
        bottom, top = sorted(values[1::2])
        width, height = right - left, top - bottom
        if 1 <= width <= MAX_PAGE_POINTS and 1 <= height <= MAX_PAGE_POINTS:
            return left, bottom, right, top
    return None


def _rotation(page: Any) -> int:
    """/Rotate as 0, 90, 180 or 270 (inherited; anything but a multiple of 90 counts as 0)."""
    try:
        value = page.get("/Rotate", 0)
        value = int(value.get_object() if hasattr(value, "get_object") else value)
    except (TypeError, ValueError, AttributeError):
        return 0
    return value % 360 if value % 90 == 0 else 0


def _pdf_text(reader: Any) -> str:
    parts: list[str] = []
    try:
        for page in reader.pages[:TEXT_PAGES]:
            parts.append(page.extract_text() or "")
            if sum(len(p) for p in parts) >= TEXT_LIMIT:
                break
    except Exception:  # noqa: BLE001 - a damaged text layer is just no text
        pass
    return "\n".join(parts)[:TEXT_LIMIT]


# ------------------------------------------------------------------------------------------- OFD

_OFD_LOCK = threading.Lock()  # reportlab's canvas and font registry are not made for threads
OFD_NOTES = 3  # notes said per file; the rest are counted


@dataclass
class OfdDrawing:
    """What `draw_ofd` makes of an OFD: its pages drawn as PDF, what the drawing met, its
    e-receipt fields and the text of its first pages (or why it cannot be read)."""

    reason: str = ""  # the OfdError's: the file cannot be read
    pdf: bytes = b""
    problems: list[Any] = field(default_factory=list)  # files.ofd.Problem
    fields: Any = None
    text: str = ""


def draw_ofd(data: bytes, want_text: bool) -> OfdDrawing:
    """An OFD read (files.ofd, within its limits) and drawn as PDF with the packaged CJK font;
    run by the build's helper process where there is one (base/offload.py: it has reportlab
    and the font ready), else here."""
    from offsite_cli.base import fonts
    from offsite_cli.files.ofd import OfdError, open_ofd, render_pdf

    try:
        document = open_ofd(data)  # no reportlab in reading: another file's drawing goes on meanwhile
        with _OFD_LOCK:
            rendered = render_pdf(document, cjk_font=fonts.register(None))
    except OfdError as error:
        return OfdDrawing(reason=error.reason)
    words = "\n".join(document.text(index) for index in range(min(TEXT_PAGES, document.page_count)))
    return OfdDrawing(pdf=rendered.pdf, problems=list(rendered.problems),
                      fields=receipts.fields_of("ofd", "", document),
                      text=words[:TEXT_LIMIT] if want_text else "")


def _read_ofd(info: FileInfo, data: bytes, lang: str, want_text: bool, helper: Any = None) -> None:
    """An OFD read and drawn as PDF now (`draw_ofd`, in the build's `helper` when it is free)
    — what the build will put in — so a file the drawing would get wrong is refused by the
    check: its pages are judged as the drawn PDF's, and what the file itself lacks (a part, a
    resource, a font) becomes a note."""
    # (in the helper when it is free: the reader's other thread draws the next one here meanwhile)
    rendered = helper.call_if_free(draw_ofd, data, want_text) if helper is not None else \
        draw_ofd(data, want_text)
    if rendered.reason:
        info.reason = text("file.ofd_unreadable", lang, reason=_printable(rendered.reason))
        return
    wrong = [problem for problem in rendered.problems if problem.changes_the_page]
    if wrong:
        info.reason = text("file.ofd_not_faithful", lang, what=_printable(str(wrong[0])),
                           count=len(wrong))
        return
    notes = [problem for problem in rendered.problems if not problem.changes_the_page]
    info.problems += [text("problem.ofd_note", lang, what=_printable(str(note))) for note in notes[:OFD_NOTES]]
    if len(notes) > OFD_NOTES:
        info.problems.append(text("problem.ofd_more_notes", lang, count=len(notes) - OFD_NOTES))
    reader = open_pdf(rendered.pdf)
    if isinstance(reader, str):  # our own drawing cannot be read back: say so, never guess
        info.reason = text("file.ofd_unreadable", lang, reason=reader)
        return
    try:
        _check_pages(info, reader, lang)
    except Exception as error:  # noqa: BLE001 - as for any PDF
        info.reason = text("file.corrupt", lang, reason=_short(error))
    if info.reason:
        info.pdf_pages = []
        return
    # (the OFD itself is not kept: its drawn pages and its fields are what the build takes)
    info.pdf, info.readable = reader, True
    info.fields = rendered.fields
    if want_text:
        info.text = rendered.text


def _printable(value: str) -> str:
    return "".join(c if c.isprintable() else " " for c in value)[:160]


# ---------------------------------------------------------------------------------------- images


def _read_image(info: FileInfo, data: bytes, lang: str, sheets: bool = True, memo: Any = None) -> None:
    if _truncated(info.kind, data):
        info.reason = text("file.truncated", lang)
        return
    try:
        _open_image(info, data)
    except Exception as error:  # noqa: BLE001 - any decoder error means it cannot be read
        info.frames = []
        if type(error).__name__ == "DecompressionBombError":
            info.reason = _too_large(str(error), lang)
        elif isinstance(error, ImportError):
            info.reason = text("file.heic_missing", lang)
        else:
            info.reason = text("file.corrupt", lang, reason=_short(error))
        return
    first = info.frames[0]
    info.width, info.height, info.pages = first.width, first.height, len(info.frames)
    if first.width <= 0 or first.height <= 0:
        info.reason = text("file.corrupt", lang, reason=f"{first.width}×{first.height}")
        return
    info.readable = True
    judge_resolution(info, lang)
    if info.photo and sheets:
        info.sheet = _find_sheet(info, data, memo)


def _find_sheet(info: FileInfo, data: bytes, memo: Any = None) -> Any:
    """The document's outline in a photo (files.scan), found once here for check and build (or
    taken from the `memo` of an earlier run); None when looking failed (the photo then goes in as
    it is)."""
    from offsite_cli.files import scan

    orientation = info.frames[0].orientation
    try:
        if memo is not None:
            return memo.find(data, info.kind, orientation, info.sha256)
        return scan.find_sheet(data, info.kind, orientation)
    except Exception:  # noqa: BLE001 - a photo we cannot analyse is still a photo to show
        return None


def register_heif() -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()


def _open_image(info: FileInfo, data: bytes) -> None:
    """Frames and orientation from the header; then, unless the JPEG goes in as it is, every
    frame decoded — what the build will decode — so that damage is found now."""
    from PIL import Image

    if info.kind == "heic":
        register_heif()
    if info.kind == "tiff":  # libtiff speaks on fd 2; the file's verdict says what matters
        with quiet.c_stderr_captured():
            _decode_image(info, data)
        return
    _decode_image(info, data)


def _decode_image(info: FileInfo, data: bytes) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        info.mode = image.mode
        frames = int(getattr(image, "n_frames", 1) or 1) if info.kind in ("tiff", "gif") else 1
        if frames > MAX_FRAMES:
            raise ValueError(f"{frames} frames (at most {MAX_FRAMES})")
        info.passthrough = info.kind == "jpeg" and image.mode in ("RGB", "L")
        orientation = exif_orientation(image)
        for index in range(frames):
            if index:
                image.seek(index)
            info.frames.append(ImageFrame(image.width, image.height, orientation if index == 0 else 1))
            if not info.passthrough:
                if info.kind == "png" and image.width * image.height > FULL_DECODE_PIXELS:
                    _png_data_complete(data)  # checked without holding the pixels
                else:
                    image.load()


def exif_orientation(image: Any) -> int:
    """EXIF Orientation 1–8; a missing, odd or mistyped tag (ASCII, a tuple) counts as 1."""
    try:
        value = image.getexif().get(0x0112, 1)
        if isinstance(value, (tuple, list)):
            value = value[0] if value else 1
        value = int(value)
    except Exception:  # noqa: BLE001 - a damaged EXIF block is no orientation
        return 1
    return value if value in _ORIENTATIONS else 1


def _png_data_complete(data: bytes) -> None:
    """A PNG's IDAT stream inflated (in pieces, never held) to the size its IHDR promises; a short
    or broken stream raises, as decoding it would."""
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    depth, colour, interlaced = data[24], data[25], data[28]
    bits = depth * _PNG_CHANNELS.get(colour, 4)
    passes = _ADAM7 if interlaced else ((0, 0, 1, 1),)
    expected = 0
    for x0, y0, dx, dy in passes:
        columns, rows = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
        if columns > 0 and rows > 0:
            expected += rows * (1 + (columns * bits + 7) // 8)
    inflater = zlib.decompressobj()
    produced, position = 0, 8
    while position + 8 <= len(data) and produced < expected:
        length = int.from_bytes(data[position:position + 4], "big")
        chunk = data[position + 4:position + 8]
        if chunk == b"IEND":
            break
        if chunk == b"IDAT":
            piece = data[position + 8:position + 8 + length]
            while piece and produced < expected:
                produced += len(inflater.decompress(piece, 1 << 20))
                piece = inflater.unconsumed_tail
        position += 12 + length
    if produced < expected:
        raise ValueError("image data is short (truncated PNG)")


_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by IHDR colour type
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _too_large(message: str, lang: str) -> str:
    """Pillow's decompression-bomb refusal, said plainly: how many pixels, over which limit."""
    from PIL import Image

    limit = 2 * (Image.MAX_IMAGE_PIXELS or 0)  # Pillow refuses at twice its warning threshold
    found = re.search(r"\((\d+) pixels\)", message)
    pixels = int(found.group(1)) if found else 0
    if lang == "zh":
        def shown(count: int) -> str:
            return f"{count / 1e8:.2f}".rstrip("0").rstrip(".")
    else:
        def shown(count: int) -> str:
            return f"{count / 1e6:,.0f}"
    if not pixels or not limit:
        return text("file.too_large_plain", lang)
    return text("file.too_large", lang, pixels=shown(pixels), limit=shown(limit))


def shaped_like(width: int, height: int, size_mm: tuple[float, float]) -> bool:
    """Whether an image has the shape of an object of this size (a card: 85.6 × 54 mm, 1.586 : 1),
    within SHAPE_TOLERANCE: a photo cropped to the object, not a 4:3 photo or an A4 scan."""
    if width <= 0 or height <= 0:
        return False
    aspect = max(width, height) / min(width, height)
    shape = max(size_mm) / min(size_mm)
    return abs(aspect - shape) <= shape * SHAPE_TOLERANCE


def _resolution_verdict(info: FileInfo, inches: tuple[float, float], at: str, lang: str
                        ) -> tuple[float, str, str]:
    """The effective dpi at a physical size, and the reason (too coarse) or problem (low) it gives."""
    width, height = info.width, info.height
    dpi = min(max(width, height) / max(inches), min(width, height) / min(inches))
    if dpi < UNREADABLE_DPI:
        return dpi, text("file.too_coarse", lang, width=width, height=height, dpi=round(dpi),
                         at=at), ""
    if dpi < LOW_DPI:
        return dpi, "", text("problem.low_dpi", lang, width=width, height=height, dpi=round(dpi),
                             minimum=LOW_DPI, at=at)
    return dpi, "", ""


def _basis(size_mm: tuple[float, float] | None, lang: str) -> tuple[str, tuple[float, float], str]:
    """(name, inches, words) of the size an image is judged at: A4, or an object's own size."""
    if size_mm is None:
        return "a4", A4_INCHES, text("size.a4", lang)
    width, height = max(size_mm), min(size_mm)
    return "card", (width / 25.4, height / 25.4), text("size.object", lang, width=f"{width:g}",
                                                      height=f"{height:g}")


def judge_resolution(info: FileInfo, lang: str, size_mm: tuple[float, float] | None = None) -> None:
    """Set an image's effective resolution, judged at A4 — or, for a document that is an object
    of a known size (a card, `size_mm` from the profile) photographed in its shape, at that size —
    replacing an earlier verdict."""
    if info.kind in ("pdf", "other") or info.width <= 0 or info.height <= 0 or not info.frames:
        return
    if size_mm is not None and not shaped_like(info.width, info.height, size_mm):
        size_mm = None
    basis, inches, at = _basis(size_mm, lang)
    if info.dpi_at == basis:
        return
    if info.dpi_at:  # judged before at another size: take back what that said
        _, old_inches, old_at = _basis(info.judged_at, lang)
        _, old_reason, old_problem = _resolution_verdict(info, old_inches, old_at, lang)
        if old_reason and info.reason == old_reason:
            info.reason, info.readable = "", True
        if old_problem in info.problems:
            info.problems.remove(old_problem)
    dpi, reason, problem = _resolution_verdict(info, inches, at, lang)
    info.dpi, info.dpi_at, info.judged_at = round(dpi, 1), basis, size_mm
    if reason and info.readable:
        info.readable, info.reason = False, reason
    if problem:
        info.problems.insert(0, problem)


def _truncated(kind: str, data: bytes) -> bool:
    if kind == "jpeg":
        return not _jpeg_complete(data)
    if kind == "png":
        return not _png_complete(data)
    if kind == "webp":
        return int.from_bytes(data[4:8], "little") + 8 > len(data)
    if kind == "bmp":
        return _bmp_truncated(data)
    if kind == "tiff":
        return _tiff_truncated(data)
    return False  # GIF and HEIC: their decoders find it


def _jpeg_complete(data: bytes) -> bool:
    """Walk the markers (and entropy-coded scans) from SOI to EOI; data after EOI is allowed.

    The usual file ends with EOI (FF D9): in entropy-coded data FF is never followed by D9, so
    such a file is complete once its header walk reaches a scan; only the others (data after
    EOI, or cut) are walked through every scan."""
    if data.endswith(b"\xff\xd9"):
        return _jpeg_header_reaches_scan(data)
    position, size = 2, len(data)
    while position + 4 <= size:
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            return True
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        length = int.from_bytes(data[position + 2:position + 4], "big")
        position += 2 + length
        if marker == 0xDA:  # start of scan: skip the entropy-coded data to the next marker
            found = _SCAN_END.search(data, position)
            if found is None:
                return False
            position = found.start()  # the marker: FF and its code
    return position + 2 <= size and data[position:position + 2] == b"\xff\xd9"


def _jpeg_header_reaches_scan(data: bytes) -> bool:
    """The markers from SOI are well formed up to the first start of scan."""
    position, size = 2, len(data)
    while position + 4 <= size:
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        if marker == 0xDA:
            return True
        if marker == 0xD9:
            return False  # an image without a scan
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        position += 2 + int.from_bytes(data[position + 2:position + 4], "big")
    return False


def _png_complete(data: bytes) -> bool:
    position, size = 8, len(data)
    while position + 8 <= size:
        length = int.from_bytes(data[position:position + 4], "big")
        chunk = data[position + 4:position + 8]
        position += 12 + length
        if position > size:
            return False
        if chunk == b"IEND":
            return True
    return False


def _bmp_truncated(data: bytes) -> bool:
    if len(data) < 54:
        return True
    pixels_at = int.from_bytes(data[10:14], "little")
    header_size = int.from_bytes(data[14:18], "little")
    if header_size < 40:
        return pixels_at > len(data)
    width = int.from_bytes(data[18:22], "little", signed=True)
    height = abs(int.from_bytes(data[22:26], "little", signed=True))
    bits = int.from_bytes(data[28:30], "little")
    compression = int.from_bytes(data[30:34], "little")
    image_size = int.from_bytes(data[34:38], "little")
    if compression in (0, 3, 6):  # uncompressed rows, padded to 4 bytes
        image_size = ((abs(width) * bits + 31) // 32) * 4 * height
    return pixels_at + image_size > len(data)


def _tiff_truncated(data: bytes) -> bool:
    """Strips or tiles of any frame that point past the end of the file (headers only)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = min(int(getattr(image, "n_frames", 1) or 1), MAX_FRAMES)
            for frame in range(frames):
                image.seek(frame)
                tags = image.tag_v2
                offsets = tags.get(273) or tags.get(324)  # StripOffsets or TileOffsets
                counts = tags.get(279) or tags.get(325)  # StripByteCounts or TileByteCounts
                if offsets is None or counts is None:
                    continue
                offsets = offsets if isinstance(offsets, tuple) else (offsets,)
                counts = counts if isinstance(counts, tuple) else (counts,)
                if any(o + c > len(data) for o, c in zip(offsets, counts)):
                    return True
    except Exception:  # noqa: BLE001 - a header Pillow cannot read is judged when it is opened
        return False
    return False


def resolve_inside(path: Path, root: Path) -> tuple[bool, str]:
    """Whether a (possibly linked) path stays inside the resolved root, and where it really points."""
    try:
        target = Path(os.path.realpath(path))
    except OSError:
        return False, str(path)
    return target == root or root in target.parents, str(target)
