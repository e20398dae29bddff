"""Input files → A4 pages: real-world oddities are either placed right or refused naming the file."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import build_samples as samples
from offsite_cli.base.i18n import text
from offsite_cli.files import reading
from offsite_cli.pdf import pages

FONT = None


def font() -> str:
    from offsite_cli.base import fonts

    return fonts.register(None)


def probe(path: Path, relative: str, password: str | None = None) -> reading.FileInfo:
    """The file as the reader reads it for a build (bytes and opened PDF kept)."""
    return reading.read(path, relative, "en", password, keep=True)


def refused(path: Path, relative: str, password: str | None = None) -> str:
    info = probe(path, relative, password)
    assert not info.readable
    return info.reason


def one_page_reader(data: bytes):  # noqa: ANN201
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_matrix_turns_the_stored_pixels_upright(tmp_path: Path, orientation: int) -> None:
    from PIL import Image

    path = samples.photo(tmp_path / f"o{orientation}.jpg", (80, 60), orientation, quality=95)
    source = probe(path, path.name)
    frame = source.frames[0]
    assert frame.orientation == orientation
    assert source.landscape == [True]  # displayed 80×60 whichever way it is stored
    assert source.passthrough
    shown = samples.upright((80, 60))
    with Image.open(path) as stored:
        stored = stored.convert("RGB")
        a, b, c, d, e, f = pages.orientation_matrix(orientation, 0, 0, 1, 1)
        w, h = stored.width, stored.height
        for sx, sy in [(w // 4, 2), (3 * w // 4, 2), (w // 4, h - 3), (3 * w // 4, h - 3), (2, h // 5),
                       (w - 3, h // 5)]:
            u, v = (sx + 0.5) / stored.width, 1 - (sy + 0.5) / stored.height
            x, y = a * u + c * v + e, b * u + d * v + f
            px, py = int(x * shown.width), int((1 - y) * shown.height)
            want = shown.getpixel((min(px, shown.width - 1), min(py, shown.height - 1)))
            got = stored.getpixel((sx, sy))
            assert all(abs(g - w) < 60 for g, w in zip(got, want, strict=True)), (sx, sy, got, want)


def test_a_jpeg_that_needs_no_change_is_embedded_byte_for_byte(tmp_path: Path) -> None:
    path = samples.photo(tmp_path / "receipt.jpeg", (300, 400), 6)  # a portrait page, stored sideways
    source = probe(path, path.name)
    (jpeg,) = pages.jpegs(source)
    assert jpeg.data == path.read_bytes()  # not decoded, not re-encoded
    assert pages.jpeg_xobject(jpeg).get_data() == path.read_bytes()
    assert (jpeg.width, jpeg.height) == (400, 300)  # as stored; the page matrix turns it upright


def test_jpeg_with_another_extension_still_goes_in_as_it_is(tmp_path: Path) -> None:
    path = samples.photo(tmp_path / "scan.bin", (400, 300))
    source = probe(path, path.name)
    assert source.kind == "jpeg"
    assert pages.jpegs(source)[0].data == path.read_bytes()


def test_cmyk_jpeg_is_converted_and_greyscale_passes_through(tmp_path: Path) -> None:
    cmyk = probe(samples.photo(tmp_path / "c.jpg", mode="CMYK"), "c.jpg")
    grey = probe(samples.photo(tmp_path / "g.jpg", mode="L"), "g.jpg")
    assert not cmyk.passthrough
    assert grey.passthrough
    (converted,) = pages.jpegs(cmyk)
    assert converted.data.startswith(b"\xff\xd8") and not converted.grey
    assert pages.jpegs(grey)[0].grey


def test_sixteen_bit_png_with_alpha_goes_onto_white(tmp_path: Path) -> None:
    from PIL import Image

    path = samples.png16_alpha(tmp_path / "screen.png")
    with Image.open(path) as image:
        flat = pages.flatten(image)
    assert flat.mode == "RGB"
    assert flat.getpixel((0, 0)) == (255, 255, 255)  # transparent → white
    assert flat.getpixel((300, 10))[2] > 100
    source = probe(path, "screen.png")
    assert len(one_page_reader(pages.image_pdf(source, font())).pages) == 1


def test_sixteen_bit_greyscale_is_scaled_not_clipped() -> None:
    from PIL import Image

    image = Image.new("I;16", (4, 4), 32768)
    assert pages.flatten(image).getpixel((0, 0)) == 128


def test_multipage_tiff_gives_a_page_per_frame(tmp_path: Path) -> None:
    source = probe(samples.tiff_pages(tmp_path / "scan.tif", 3), "scan.tif")
    assert source.pages == 3
    assert len(one_page_reader(pages.image_pdf(source, font())).pages) == 3


def test_one_bit_fax_scan(tmp_path: Path) -> None:
    source = probe(samples.fax(tmp_path / "fax.tif"), "fax.tif")
    assert source.landscape == [False]
    reader = one_page_reader(pages.image_pdf(source, font()))
    assert len(reader.pages) == 1


def test_zero_byte_file_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert refused(tmp_path / "empty.pdf", "scans/empty.pdf") == text("file.empty", "en")


def test_decompression_bomb_is_a_clear_refusal(tmp_path: Path) -> None:
    path = samples.bomb(tmp_path / "bomb.png")
    assert path.stat().st_size < 2000
    assert "too large" in refused(path, "bomb.png")


def test_unknown_kind_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not a picture")
    assert refused(tmp_path / "notes.docx", "notes.docx") == text("file.unsupported", "en", kind="Word (.docx)")


def test_heic_without_pillow_heif_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "IMG_0001.HEIC"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    monkeypatch.setitem(sys.modules, "pillow_heif", None)
    assert refused(path, "IMG_0001.HEIC") == text("file.heic_missing", "en")


def test_rotated_pdf_page_lies_on_landscape_a4_and_fits_the_content_box(tmp_path: Path) -> None:
    source = probe(samples.pdf(tmp_path / "r.pdf", 1, rotate=90), "r.pdf")
    assert source.landscape == [True]
    page = source.pdf_pages[0]
    box = page.box
    assert page.rotation == 90
    a, b, c, d, e, f = pages.placement(box, page.rotation, True)
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (box[0], box[2]) for y in (box[1], box[3])]
    x0, y0, width, height = pages.content_box(True)
    for x, y in corners:
        assert x0 - 0.01 <= x <= x0 + width + 0.01
        assert y0 - 0.01 <= y <= y0 + height + 0.01
    # the page's top edge (y = top) ends up on the right, as a viewer shows /Rotate 90
    top_left = (a * box[0] + c * box[3] + e, b * box[0] + d * box[3] + f)
    assert top_left[0] > x0 + width / 2


def test_small_landscape_pdf_is_scaled_up_onto_landscape_a4(tmp_path: Path) -> None:
    source = probe(samples.pdf(tmp_path / "ticket.pdf", 1, size=(300, 150)), "ticket.pdf")
    assert source.landscape == [True]
    a, *_ = pages.placement((0, 0, 300, 150), 0, True)
    assert a > 2


def test_aes_pdf_with_empty_password_opens(tmp_path: Path) -> None:
    assert samples.crypto_available(), "pypdf[crypto] is a dependency: AES must always open"
    source = probe(samples.encrypted_pdf(tmp_path / "aes.pdf"), "aes.pdf")
    assert source.pages == 2


def test_password_pdf_needs_the_password(tmp_path: Path) -> None:
    path = samples.encrypted_pdf(tmp_path / "locked.pdf", password="8899", algorithm="RC4-128")
    assert refused(path, "locked.pdf") == text("file.encrypted", "en")
    assert refused(path, "locked.pdf", password="wrong") == text("file.wrong_password", "en")
    assert probe(path, "locked.pdf", password="8899").pages == 2


def test_truncated_pdf_is_repaired_or_refused(tmp_path: Path) -> None:
    path = samples.truncated_pdf(tmp_path / "cut.pdf")
    source = probe(path, "scans/cut.pdf")
    assert source.readable and source.pages >= 1 or source.reason == text("file.truncated", "en")


def test_acroform_fields_are_drawn_into_the_page(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    from offsite_cli.files.pdfpage import page_form

    source = probe(samples.pdf(tmp_path / "form.pdf", 1, form_field=True), "form.pdf")
    writer = PdfWriter()
    form, annotations = page_form(writer, source.pdf.pages[0], source.pdf_pages[0].box)
    assert len(annotations) == 1
    assert form.get_object()["/Subtype"] == "/Form"
