"""What a file is, from its first bytes (never from its name), and which kinds go into the PDF."""

from __future__ import annotations

from pathlib import Path

ACCEPTED_KINDS = ("pdf", "ofd", "jpeg", "png", "webp", "tiff", "bmp", "gif", "heic")
PHOTO_KINDS = ("jpeg", "heic", "webp")  # re-encoded as JPEG when they must be converted
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1",
                b"msf1", b"avif"}
_OTHER_KINDS = {  # what a file is when it cannot go into the PDF, by its leading bytes
    b"PK\x03\x04": "zip",
    b"\xd0\xcf\x11\xe0": "ole",
    b"Rar!": "rar",
    b"7z\xbc\xaf": "7z",
}
_EXTENSION_NAMES = {
    ".docx": "Word (.docx)", ".doc": "Word (.doc)", ".xlsx": "Excel (.xlsx)", ".xls": "Excel (.xls)",
    ".pptx": "PowerPoint (.pptx)", ".zip": "ZIP", ".rar": "RAR", ".7z": "7z", ".txt": "text (.txt)",
    ".ofd": "OFD", ".wps": "WPS",
}


def sniff(head: bytes) -> str:
    """One of ACCEPTED_KINDS, else what the file is (zip, ole, …) or "other"."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # classic and BigTIFF
        return "tiff"
    if head.startswith(b"BM") and len(head) >= 26:
        return "bmp"
    if head.startswith(b"GIF8"):
        return "gif"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic"
    for magic, kind in _OTHER_KINDS.items():
        if head.startswith(magic):
            return kind
    return "other"


def is_ofd(data: bytes) -> bool:
    """A zip package with an OFD.xml at its root (GB/T 33190's entry point): an OFD document."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return any(name.lower() == "ofd.xml" for name in package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def describe_other(path: Path, kind: str) -> str:
    """How to name a kind that cannot go in: by its extension where it says more, else its kind."""
    by_extension = _EXTENSION_NAMES.get(path.suffix.lower())
    if by_extension:
        return by_extension
    if kind != "other":
        return kind.upper()
    return path.suffix.lower() or "?"
