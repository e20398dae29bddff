"""Reading one dossier file: kind, size, pages, image size, hash and damage — headers only.

No image is decoded: Pillow's `Image.open` reads the header, and truncation is found by walking
the file's own structure (JPEG markers, PNG chunks, RIFF size, TIFF strip offsets, %%EOF).
pypdf, Pillow and pillow-heif are imported inside functions: the CLI's start-up stays fast.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import warnings
from pathlib import Path

from offsite_cli.dossier.checklist import FileInfo
from offsite_cli.base.i18n import text

ACCEPTED_KINDS = ("pdf", "jpeg", "png", "webp", "tiff", "bmp", "heic")
A4_INCHES = (11.693, 8.268)  # long side, short side
# The physical size a document's image is judged at, when it is not a page. The profile schema
# has no field for it (a document there has names and words only), so it lives here: cards are
# ISO/IEC 7810 ID-1, 85.60 × 53.98 mm — the social-security card, the resident ID card, bank cards.
CARD_INCHES = (85.60 / 25.4, 53.98 / 25.4)
CARD_SIZED = {"card-copy": CARD_INCHES, "id-copy": CARD_INCHES, "bank-card": CARD_INCHES}
CARD_ASPECT_TOLERANCE = 0.08  # 1.586 ± 8 %: a photo cropped to the card (not 4:3, not A4's 1.414)
LOW_DPI = 100  # below this at its size: a warning (hard to read once printed)
UNREADABLE_DPI = 50  # below this at its size: too coarse to read at all
# In entropy-coded data FF is followed by 00 (stuffing), D0-D7 (restart) or FF (fill); anything
# else is the next marker.
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1",
                b"msf1"}
_OTHER_KINDS = {  # what a file is when it cannot go into the PDF, by its leading bytes
    b"PK\x03\x04": "zip",
    b"\xd0\xcf\x11\xe0": "ole",
    b"Rar!": "rar",
    b"7z\xbc\xaf": "7z",
    b"GIF8": "gif",
}
_EXTENSION_NAMES = {
    ".docx": "Word (.docx)", ".doc": "Word (.doc)", ".xlsx": "Excel (.xlsx)", ".xls": "Excel (.xls)",
    ".pptx": "PowerPoint (.pptx)", ".zip": "ZIP", ".rar": "RAR", ".7z": "7z", ".txt": "text (.txt)",
    ".ofd": "OFD", ".gif": "GIF", ".wps": "WPS",
}


def sniff(head: bytes) -> str:
    """The kind of a file from its first bytes: one of ACCEPTED_KINDS, else what it is (zip, …) or other."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head.startswith(b"BM") and len(head) >= 26:
        return "bmp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic"
    for magic, kind in _OTHER_KINDS.items():
        if head.startswith(magic):
            return kind
    return "other"


def _describe_other(path: Path, kind: str) -> str:
    by_extension = _EXTENSION_NAMES.get(path.suffix.lower())
    if by_extension:
        return by_extension
    if kind != "other":
        return kind.upper()
    return path.suffix.lower() or "?"


def inspect(path: Path, relative: str, lang: str = "zh", password: str | None = None) -> FileInfo:
    """Read one file (already known to be inside the folder) and say whether it can go into the PDF."""
    info = FileInfo(path=path, relative=relative, kind="other", size=0, readable=False)
    try:
        data = path.read_bytes()
    except OSError as error:
        info.reason = text("file.os_error", lang, reason=error.strerror or type(error).__name__)
        return info
    info.size = len(data)
    info.sha256 = hashlib.sha256(data).hexdigest()
    if not data:
        info.reason = text("file.empty", lang)
        return info
    kind = sniff(data[:1024])
    if kind not in ACCEPTED_KINDS:
        info.reason = text("file.unsupported", lang, kind=_describe_other(path, kind))
        return info
    info.kind = kind
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf and Pillow warn about harmless oddities
        if kind == "pdf":
            _inspect_pdf(info, data, lang, password)
        else:
            _inspect_image(info, data, lang)
    return info


# ------------------------------------------------------------------------------------------- PDF


def _inspect_pdf(info: FileInfo, data: bytes, lang: str, password: str | None) -> None:
    if b"%%EOF" not in data[-2048:]:
        info.reason = text("file.truncated", lang)
        return
    reader = open_pdf(data, password)
    if isinstance(reader, str):
        info.reason = text(reader, lang) if reader.startswith("file.") else \
            text("file.corrupt", lang, reason=reader)
        info.encrypted = reader == "file.wrong_password"
        return
    try:
        info.pages = len(reader.pages)
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        info.reason = text("file.corrupt", lang, reason=_short(error))
        return
    if info.pages == 0:
        info.reason = text("file.no_pages", lang)
        return
    info.encrypted = bool(reader.is_encrypted)
    info.readable = True


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
    except Exception as error:  # noqa: BLE001
        if type(error).__name__ == "DependencyError":  # AES without the cryptography package
            return "file.encrypted"
        return _short(error)


def pdf_text(path: Path, password: str | None = None, pages: int = 1, limit: int = 4000) -> str:
    """The text layer of a PDF's first pages ("" when it has none or cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = open_pdf(data, password)
        if isinstance(reader, str):
            return ""
        parts: list[str] = []
        try:
            for page in reader.pages[:pages]:
                parts.append(page.extract_text() or "")
                if sum(len(p) for p in parts) >= limit:
                    break
        except Exception:  # noqa: BLE001 - a damaged text layer is just no text
            pass
    return "\n".join(parts)[:limit]


def _short(error: BaseException) -> str:
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return message[:100]


# ---------------------------------------------------------------------------------------- images


def _inspect_image(info: FileInfo, data: bytes, lang: str) -> None:
    if _truncated(info.kind, data):
        info.reason = text("file.truncated", lang)
        return
    try:
        width, height, frames = _image_header(info.kind, data)
    except Exception as error:  # noqa: BLE001 - any decoder error means it cannot be read
        if type(error).__name__ == "DecompressionBombError":
            info.reason = _too_large(str(error), lang)
        else:
            info.reason = text("file.corrupt", lang, reason=_short(error))
        return
    info.width, info.height, info.pages = width, height, frames
    if width <= 0 or height <= 0:
        info.reason = text("file.corrupt", lang, reason=f"{width}×{height}")
        return
    info.readable = True
    judge_resolution(info, lang)


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


def card_like(width: int, height: int) -> bool:
    """Whether an image has the shape of an ID-1 card (85.6 × 54 mm, 1.586 : 1)."""
    if width <= 0 or height <= 0:
        return False
    aspect = max(width, height) / min(width, height)
    card = CARD_INCHES[0] / CARD_INCHES[1]
    return abs(aspect - card) <= card * CARD_ASPECT_TOLERANCE


def _resolution_verdict(info: FileInfo, size: tuple[float, float], lang: str
                        ) -> tuple[float, str, str]:
    """The effective dpi at a physical size, and the reason (too coarse) or problem (low) it gives."""
    width, height = info.width, info.height
    dpi = min(max(width, height) / size[0], min(width, height) / size[1])
    at = text("size.card" if size == CARD_INCHES else "size.a4", lang)
    if dpi < UNREADABLE_DPI:
        return dpi, text("file.too_coarse", lang, width=width, height=height, dpi=round(dpi),
                         at=at), ""
    if dpi < LOW_DPI:
        return dpi, "", text("problem.low_dpi", lang, width=width, height=height, dpi=round(dpi),
                             minimum=LOW_DPI, at=at)
    return dpi, "", ""


def judge_resolution(info: FileInfo, lang: str, document_id: str | None = None) -> None:
    """Set an image's effective resolution, judged at A4 — or, for a card-sized document
    (CARD_SIZED) photographed in a card's shape, at card size — replacing an earlier verdict."""
    if info.kind in ("pdf", "other") or info.width <= 0 or info.height <= 0:
        return
    size = A4_INCHES
    if document_id in CARD_SIZED and card_like(info.width, info.height):
        size = CARD_SIZED[document_id]
    basis = "card" if size == CARD_INCHES else "a4"
    if info.dpi_at == basis:
        return
    if info.dpi_at:  # judged before at another size: take back what that said
        old_size = CARD_INCHES if info.dpi_at == "card" else A4_INCHES
        _, old_reason, old_problem = _resolution_verdict(info, old_size, lang)
        if old_reason and info.reason == old_reason:
            info.reason, info.readable = "", True
        if old_problem in info.problems:
            info.problems.remove(old_problem)
    dpi, reason, problem = _resolution_verdict(info, size, lang)
    info.dpi, info.dpi_at = round(dpi, 1), basis
    if reason and info.readable:
        info.readable, info.reason = False, reason
    if problem:
        info.problems.insert(0, problem)


def _image_header(kind: str, data: bytes) -> tuple[int, int, int]:
    """Width, height and frame count from the header (Image.open is lazy; nothing is decoded)."""
    from PIL import Image

    if kind == "heic":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        frames = int(getattr(image, "n_frames", 1) or 1)
        if kind == "tiff" and _tiff_strips_outside(image, len(data), frames):
            raise ValueError("TIFF strips point past the end of the file (truncated)")
    return width, height, frames


def _tiff_strips_outside(image, size: int, frames: int) -> bool:  # noqa: ANN001 - a TiffImageFile
    for frame in range(frames):
        image.seek(frame)
        tags = image.tag_v2
        offsets = tags.get(273) or tags.get(324)  # StripOffsets or TileOffsets
        counts = tags.get(279) or tags.get(325)  # StripByteCounts or TileByteCounts
        if offsets is None or counts is None:
            continue
        offsets = offsets if isinstance(offsets, tuple) else (offsets,)
        counts = counts if isinstance(counts, tuple) else (counts,)
        if any(o + c > size for o, c in zip(offsets, counts)):
            return True
    image.seek(0)
    return False


def _truncated(kind: str, data: bytes) -> bool:
    if kind == "jpeg":
        return not _jpeg_complete(data)
    if kind == "png":
        return not _png_complete(data)
    if kind == "webp":
        return int.from_bytes(data[4:8], "little") + 8 > len(data)
    if kind == "bmp":
        return _bmp_truncated(data)
    return False  # TIFF: checked from its strip offsets; HEIC: by pillow-heif


def _jpeg_complete(data: bytes) -> bool:
    """Walk the markers (and entropy-coded scans) from SOI to EOI; data after EOI is allowed."""
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


def resolve_inside(path: Path, root: Path) -> tuple[bool, str]:
    """Whether a (possibly linked) path stays inside the resolved root, and where it really points."""
    try:
        target = Path(os.path.realpath(path))
    except OSError:
        return False, str(path)
    return target == root or root in target.parents, str(target)
