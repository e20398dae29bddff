"""`dossier check` and `dossier build` never disagree about a file: what gets ✓ is in the PDF, what
is refused is not — for every kind of file and oddity the tests can make, damaged PDFs included."""

from __future__ import annotations

import functools
import io
import json
import os
import re
import stat
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from dossier_fixtures import TODAY, run, write_case

import build_samples as samples

from offsite_cli.base.shown import escape_controls

# ------------------------------------------------------------------------------ hand-made PDFs


def raw_pdf(path: Path, page: str = "/MediaBox [0 0 595 842]", content: bytes | None = None,
            content_dict: str = "", extra: list[str] | None = None) -> Path:
    """A one-page PDF written object by object, so that any entry can be made wrong. Objects:
    1 catalog, 2 pages, 3 the page (with `page` in its dictionary), 4 its content, 5 a font,
    then `extra` as 6, 7, …"""
    body = content if content is not None else b"BT /F1 24 Tf 60 700 Td (Hand made) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R {page} >>",
        None,  # the content stream
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(extra or []),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, value in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode())
        if value is None:
            out.write(f"<< /Length {len(body)} {content_dict} >>\nstream\n".encode() + body + b"\nendstream")
        else:
            out.write(value.encode())
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.write_bytes(out.getvalue())
    return path


def _annotated(path: Path, annotation: str) -> Path:
    return raw_pdf(path, page="/MediaBox [0 0 595 842] /Annots [6 0 R]", extra=[annotation])


def _chain(path: Path, links: int) -> Path:
    """Resources reached through a chain of `links` indirect objects, each pointing at the next."""
    extra = [f"{7 + n} 0 R" for n in range(links - 1)] + ["<< /Font << /F1 5 0 R >> >>"]
    data = raw_pdf(path, extra=extra).read_bytes().replace(
        b"/Resources << /Font << /F1 5 0 R >> >>", b"/Resources 6 0 R")
    path.write_bytes(_fix_xref(data))
    return path


def _self_reference(path: Path) -> Path:
    data = raw_pdf(path, extra=["6 0 R"]).read_bytes().replace(
        b"/Resources << /Font << /F1 5 0 R >> >>", b"/Resources 6 0 R")
    path.write_bytes(_fix_xref(data))
    return path


def _fix_xref(data: bytes) -> bytes:
    """Offsets written again after an edit changed the lengths."""
    import re

    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj", data)]
    head, _, _ = data.partition(b"xref\n")
    table = f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    table += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{len(head)}\n%%EOF\n"
    return head + table + trailer.encode()


def _flate_bomb(path: Path) -> Path:
    body = zlib.compress(b"0 0 m " * (40 * 1024 * 1024 // 6), 9)  # 40 MB of drawing from 40 KB
    return raw_pdf(path, content=body, content_dict="/Filter /FlateDecode")


def _gigabyte_flate_bomb(path: Path) -> Path:
    """1 GB of drawing operators in about 1 MB: pypdf stops inflating at 75 MB."""
    return raw_pdf(path, content=_gigabyte_of_spaces(), content_dict="/Filter /FlateDecode")


@functools.cache
def _gigabyte_of_spaces() -> bytes:
    """A valid zlib stream of 1 GiB of spaces, made in a second: after a full flush deflate
    starts afresh, so the blocks of one MiB are the same bytes 1,024 times over."""
    chunk = b" " * (1024 * 1024)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(1024):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + block * 1024 + packer.flush() + checksum.to_bytes(4, "big")


def _short_lzw_tiff(path: Path) -> Path:
    """An LZW TIFF with a run of its strip data zeroed: libtiff says so on fd 2, from C."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 50).convert("RGB").save(buffer, "TIFF", compression="tiff_lzw")
    data = bytearray(buffer.getvalue())
    data[len(data) // 2:len(data) // 2 + 2000] = bytes(2000)
    return _written(path, bytes(data))


def _corrupt_exif(path: Path) -> Path:
    """A JPEG whose EXIF block claims more entries than it holds (Pillow: "Corrupt EXIF data")."""
    samples.photo(path, (800, 600))
    data = path.read_bytes()
    app1 = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff" + bytes(6)
    return _written(path, data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:])


def _wrong_pointer(path: Path) -> Path:
    """An xref entry a few bytes off its object (pypdf: "Ignoring wrong pointing object")."""
    import re

    data = raw_pdf(path).read_bytes()
    entry = list(re.finditer(rb"(\d{10}) 00000 n ", data))[4]
    moved = f"{int(entry.group(1)) - 3:010d}".encode()
    return _written(path, data[:entry.start()] + moved + data[entry.start() + 10:])


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _char_device(path: Path) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def _exif_ascii_orientation(path: Path) -> Path:
    """A JPEG whose Orientation tag (0x0112) is of ASCII type instead of SHORT."""
    samples.photo(path, (800, 600))
    data = path.read_bytes()
    tiff = b"MM\x00*\x00\x00\x00\x08" + struct.pack(">H", 1) + struct.pack(">HHI", 0x0112, 2, 2) \
        + b"6\x00\x00\x00" + b"\x00\x00\x00\x00"
    app1 = b"Exif\x00\x00" + tiff
    path.write_bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:])
    return path


def _short_idat_png(path: Path) -> Path:
    """A large PNG whose IDAT holds far fewer rows than its header says."""
    width, height = 8000, 7600  # 60.8 Mpx, over the size decoded in full
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(40))
    return samples._png(path, width, height, 8, 0, rows)


def _corrupt_tiff_frame(path: Path) -> Path:
    samples.tiff_pages(path, 3)
    data = bytearray(path.read_bytes())
    # garble the deflate data of the last frame (its strips are the last bytes before its IFD)
    middle = len(data) * 2 // 3
    data[middle:middle + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    return path


def _big_tiff(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (1240, 1754), (250, 250, 240)).save(path, "TIFF", big_tiff=True)
    return path


def _truncated_heic(path: Path) -> Path:
    pillow_heif = pytest.importorskip("pillow_heif")
    from PIL import Image

    pillow_heif.register_heif_opener()
    Image.new("RGB", (1240, 1754), (240, 240, 240)).save(path, quality=40)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def _gif(path: Path) -> Path:
    from PIL import Image

    Image.new("P", (1240, 1754), 3).save(path, "GIF")
    return path


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


ODDITIES: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "cmyk-jpeg": ("odd.jpg", lambda p: samples.photo(p, (800, 600), mode="CMYK")),
    "exif-rotated": ("odd.jpg", lambda p: samples.photo(p, (800, 600), 6)),
    "exif-ascii-orientation": ("odd.jpg", _exif_ascii_orientation),
    "png16-alpha": ("odd.png", samples.png16_alpha),
    "tiff-pages": ("odd.tif", samples.tiff_pages),
    "tiff-corrupt-frame": ("odd.tif", _corrupt_tiff_frame),
    "big-tiff": ("odd.tif", _big_tiff),
    "fax": ("odd.tif", samples.fax),
    "gif": ("odd.gif", _gif),
    "bomb": ("odd.png", samples.bomb),
    "png-short-idat": ("odd.png", _short_idat_png),
    "truncated-heic": ("odd.heic", _truncated_heic),
    "tiny": ("odd.jpg", lambda p: samples.photo(p, (120, 90))),
    "empty": ("odd.pdf", lambda p: _written(p, b"")),
    "word": ("odd.docx", lambda p: _written(p, b"PK\x03\x04 not a scan")),
    "rotated-pdf": ("odd.pdf", lambda p: samples.pdf(p, 2, rotate=90)),
    "acroform": ("odd.pdf", lambda p: samples.pdf(p, 1, form_field=True)),
    "aes-empty-password": ("odd.pdf", samples.encrypted_pdf),
    "password": ("odd.pdf", lambda p: samples.encrypted_pdf(p, password="8899", algorithm="RC4-128")),
    "truncated-pdf": ("odd.pdf", samples.truncated_pdf),
    "mediabox-zero": ("odd.pdf", lambda p: raw_pdf(p, page="/MediaBox [0 0 0 0]")),
    "mediabox-inverted": ("odd.pdf", lambda p: raw_pdf(p, page="/MediaBox [595 842 0 0]")),
    "mediabox-1e308": ("odd.pdf", lambda p: raw_pdf(p, page="/MediaBox [0 0 1e308 1e308]")),
    "mediabox-string": ("odd.pdf", lambda p: raw_pdf(p, page="/MediaBox (A4)")),
    "rotate-string": ("odd.pdf", lambda p: raw_pdf(p, page="/MediaBox [0 0 595 842] /Rotate (x)")),
    "no-such-filter": ("odd.pdf", lambda p: raw_pdf(p, content_dict="/Filter /NoSuchFilter")),
    "flate-bomb": ("odd.pdf", _flate_bomb),
    "bad-ap": ("odd.pdf", lambda p: _annotated(p, "<< /Type /Annot /Subtype /Stamp /Rect [0 0 50 50] /AP 42 >>")),
    "string-f": ("odd.pdf", lambda p: _annotated(p, "<< /Type /Annot /Subtype /Stamp /Rect [0 0 50 50] /F (x) >>")),
    "null-annotation": ("odd.pdf", lambda p: raw_pdf(p, page="/MediaBox [0 0 595 842] /Annots [null 6 0 R]",
                                                     extra=["null"])),
    "self-reference": ("odd.pdf", _self_reference),
    "reference-chain": ("odd.pdf", lambda p: _chain(p, 5000)),
    "flate-bomb-1gb": ("odd.pdf", _gigabyte_flate_bomb),
    "lzw-tiff-short": ("odd.tif", _short_lzw_tiff),
    "corrupt-exif": ("odd.jpg", _corrupt_exif),
    "wrong-pointer": ("odd.pdf", _wrong_pointer),
    "fifo": ("odd.pdf", _fifo),
    "char-device": ("odd.jpg", _char_device),
    "non-utf8-name": ("odd\udcff\udcfe.pdf", lambda p: samples.pdf(p, 1)),
    "control-characters-name": ("odd\x1b]0;x\x07\n.pdf", lambda p: samples.pdf(p, 1)),
}


def _outline_titles(path: Path) -> list[str]:
    from pypdf import PdfReader

    titles: list[str] = []

    def walk(items: list) -> None:  # noqa: ANN001
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(PdfReader(path).outline)
    return titles


def _agree(folder: Path, *options: str) -> tuple[dict[str, bool], list[str]]:
    """What `dossier check --json` says of each file, and the files `dossier build` put in."""
    checked = run("dossier", "check", str(folder), "--today", TODAY, "--json", *options)
    assert checked.exit_code in (0, 1), checked.output
    report = json.loads(checked.stdout)
    readable = {f["path"]: f["readable"] for d in report["documents"].values() for f in d["files"]}
    output = folder.parent / f"{folder.name}.pdf"
    built = run("dossier", "build", str(folder), "--today", TODAY, "--json", "--allow-incomplete",
                "-o", str(output), *options)
    assert built.exit_code == 0, built.output
    assert "Traceback" not in built.output
    return readable, _outline_titles(output)


@pytest.mark.parametrize("oddity", sorted(ODDITIES))
def test_what_check_passes_is_in_the_pdf_and_what_it_refuses_is_not(tmp_path: Path, oddity: str) -> None:
    folder = tmp_path / "dossier"
    write_case(folder)
    (folder / "card-copy").mkdir()
    samples.photo(folder / "card-copy" / "good.jpg", (1600, 1200))
    name, make = ODDITIES[oddity]
    make(folder / "card-copy" / name)
    readable, titles = _agree(folder)
    odd = f"card-copy/{name}"
    assert readable["card-copy/good.jpg"] is True
    assert odd in readable, readable
    included = {title for title in titles if title.startswith("card-copy/")}
    # a bookmark spells a name that is not UTF-8 or holds control characters with escapes
    assert included == {escape_controls(path) for path, ok in readable.items() if ok}, \
        (oddity, readable, titles)


QUIET = ["lzw-tiff-short", "corrupt-exif", "wrong-pointer", "fifo", "non-utf8-name", "flate-bomb-1gb"]


@pytest.mark.parametrize("oddity", QUIET)
def test_libraries_say_nothing_of_their_own_on_standard_error(tmp_path: Path, oddity: str,
                                                             capfd: pytest.CaptureFixture[str]) -> None:
    """Pillow's warnings, pypdf's log lines and libtiff's lines (written from C to fd 2, which
    capfd sees) never reach the terminal; standard error holds only the tool's own notes."""
    folder = tmp_path / "dossier"
    write_case(folder)
    (folder / "card-copy").mkdir()
    samples.photo(folder / "card-copy" / "good.jpg", (1600, 1200))
    name, make = ODDITIES[oddity]
    make(folder / "card-copy" / name)
    capfd.readouterr()
    for command in ("check", "build"):
        result = run("dossier", command, str(folder), "--today", TODAY, "--lang", "en",
                     *(["--allow-incomplete"] if command == "build" else []))
        assert result.exit_code in (0, 1), result.output
        assert capfd.readouterr().err == ""
        for line in result.stderr.splitlines():
            assert not re.search(r"Warning|warnings\.warn|LZWDecode|TIFF|Traceback|^\s", line), line


@pytest.mark.parametrize("special", ["fifo", "char-device"])
def test_a_special_file_named_under_documents_is_refused_without_hanging(tmp_path: Path, special: str) -> None:
    folder = tmp_path / "dossier"
    write_case(folder, extra='\n[documents]\nreceipt = ["scans/odd.pdf"]\n')
    (folder / "scans").mkdir()
    ODDITIES[special][1](folder / "scans" / "odd.pdf")
    checked = run("dossier", "check", str(folder), "--today", TODAY, "--json")
    report = json.loads(checked.stdout)
    [entry] = report["documents"]["receipt"]["files"]
    assert entry["readable"] is False
    assert report["documents"]["receipt"]["status"] == "unreadable"
    built = run("dossier", "build", str(folder), "--today", TODAY, "--lang", "en")
    assert built.exit_code == 1 and "receipt" in built.output.lower()


@pytest.mark.parametrize("password", [None, "出院小结.pdf=secret", "discharge-certificate/出院小结.pdf=secret",
                                      "*=secret", "出院小结.pdf=wrong"])
def test_a_password_pdf_in_a_sub_folder_agrees_however_the_password_is_named(tmp_path: Path,
                                                                            password: str | None) -> None:
    folder = tmp_path / "dossier"
    write_case(folder)
    (folder / "discharge-certificate").mkdir()
    samples.encrypted_pdf(folder / "discharge-certificate" / "出院小结.pdf", password="secret",
                          algorithm="AES-128")
    readable, titles = _agree(folder, *(["--password", password] if password else []))
    opens = password is not None and password.endswith("=secret")
    assert readable == {"discharge-certificate/出院小结.pdf": opens}
    assert ("discharge-certificate/出院小结.pdf" in titles) is opens
