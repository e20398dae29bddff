"""Every PDF written is structurally valid: palette images (PNG screenshots, palette TIFF, GIF) go in
as plain RGB or grey, and qpdf (through pikepdf) finds nothing wrong with the bundle."""

from __future__ import annotations

from pathlib import Path

from dossier_fixtures import TODAY, run, write_case
from pdf_checks import check_file, problems


def _palette_images(folder: Path) -> None:
    from PIL import Image, ImageDraw

    def picture(seed: int) -> Image.Image:
        image = Image.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(image)
        for index in range(30):
            draw.line((10, index * 55 + seed, 1200, index * 55), fill=(index * 8, seed, 200), width=5)
        return image

    folder.mkdir(parents=True, exist_ok=True)
    adaptive = Image.Palette.ADAPTIVE
    picture(1).convert("P", palette=adaptive, colors=16).save(folder / "发票截图.png")
    picture(2).convert("P", palette=adaptive, colors=16).save(folder / "费用明细截图.png",
                                                               transparency=0)
    picture(3).convert("P", palette=adaptive, colors=256).save(folder / "出院小结.tif")
    picture(4).convert("P", palette=adaptive, colors=16).save(folder / "病历.gif")


def test_palette_images_go_in_without_an_indexed_colour_space(tmp_path: Path) -> None:
    import pikepdf

    folder = tmp_path / "case"
    write_case(folder)
    _palette_images(folder / "scans")
    result = run("dossier", "build", str(folder), "--allow-incomplete", "--today", TODAY)
    assert result.exit_code == 0, result.output
    output = folder / "dossier.pdf"
    assert check_file(output) == []
    with pikepdf.open(output) as document:
        spaces = [obj.get("/ColorSpace") for obj in document.objects
                  if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert len(spaces) >= 4
    assert all(isinstance(space, pikepdf.Name) and str(space) in ("/DeviceRGB", "/DeviceGray")
               for space in spaces), spaces


def test_the_checker_fails_on_a_null_in_a_name() -> None:
    """The helper the whole suite runs is not blind: qpdf's warning about a null character in a
    name token (what `/Indexed null` with a NUL byte gives) is reported."""
    body = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Bad /A\x00B >>\nendobj\n" \
           b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    xref = len(body)
    data = body + b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n" + \
        f"{body.index(b'2 0 obj'):010d} 00000 n \n".encode() + \
        b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    assert problems(data), "a name with a null character must be reported"
