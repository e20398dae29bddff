"""OFD read and drawn: the ten real samples (pages, sizes, text in order, images, a clean PDF), invoice fields read exactly, and hostile packages refused or drawn within limits."""

from __future__ import annotations

import io
import random
import re
import time
import warnings
import zipfile
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

import ofd_samples as samples
from offsite_cli.files.ofd import Limits, OfdError, ProblemKind, open_ofd, render_pdf
from offsite_cli.files.ofd import jbig2, pathdata, seal
from offsite_cli.files.ofd.textlayout import page_blocks, text_objects

DATA = Path(__file__).parent / "data" / "ofd"
MM = 72 / 25.4

# file: (pages, first page size in mm, has pictures: an ImageObject or a seal picture on a page)
SAMPLES = {
    "1.ofd": (1, (210.0, 140.0), True),
    "999.ofd": (5, (210.0, 140.0), True),
    "ano.ofd": (3, (210.0157, 297.0107), False),  # images among its resources, none on a page
    "chineseDir.ofd": (1, (210.0, 297.0), False),
    "containsJPEG.ofd": (2, (209.9623, 296.9381), True),
    "draw_param_ref.ofd": (5, (210.0, 140.0), True),
    "helloworld.ofd": (1, (210.0, 297.0), False),
    "keyword.ofd": (1, (283.0, 196.0), True),
    "n.ofd": (2, (210.0, 297.0), True),
    "testPathClip.ofd": (1, (419.9996, 295.0002), True),
}


@cache
def read(name: str):  # noqa: ANN201
    return open_ofd((DATA / name).read_bytes())


@cache
def drawn(name: str):  # noqa: ANN201
    return render_pdf(read(name))


def squeeze(text: str) -> str:
    """Text as compared: without spaces (positions decide where a reader puts them) and without
    private-use characters (a producer's own codes, drawn from its glyphs but readable by no one)."""
    import unicodedata

    return "".join(character for character in text
                   if not character.isspace() and unicodedata.category(character) != "Co")


def extracted(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@cache
def sample_text(name: str) -> tuple[str, ...]:
    return tuple(extracted(drawn(name).pdf))


def test_every_sample_is_listed() -> None:
    assert sorted(path.name for path in DATA.glob("*.ofd")) == sorted(SAMPLES)
    assert (DATA / "SOURCE.md").is_file() and (DATA / "LICENSE").is_file()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_pages_and_sizes(name: str) -> None:
    from pypdf import PdfReader

    count, size, _ = SAMPLES[name]
    document = read(name)
    assert len(document.pages) == count
    assert document.pages[0].size_mm == pytest.approx(size)
    pdf = PdfReader(io.BytesIO(drawn(name).pdf))
    assert len(pdf.pages) == count
    for page, ofd_page in zip(pdf.pages, document.pages, strict=True):
        width, height = ofd_page.size_mm
        assert float(page.mediabox.width) == pytest.approx(width * MM, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(height * MM, abs=0.01)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_text_is_extracted_in_drawing_order(name: str) -> None:
    document = read(name)
    pages = sample_text(name)
    checked = 0
    for page, text in zip(document.pages, pages, strict=True):
        flat = squeeze(text)
        position = 0
        composites = document.resources_for(page).composites
        for item, _ in text_objects(page_blocks(document, page), composites=composites):
            for code in item.codes:
                wanted = squeeze(code.text)
                if not wanted:
                    continue
                found = flat.find(wanted, position)
                assert found >= 0, f"{name} page {page.index + 1}: {code.text!r} not found after {flat[position:position + 40]!r}"
                position = found + len(wanted)
                checked += 1
    assert checked or name == "containsJPEG.ofd"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_text_codes_in_the_package_are_all_in_the_pdf(name: str) -> None:
    """Independent of our reader: every TextCode of every page part, straight from the zip's XML."""
    import html

    with zipfile.ZipFile(DATA / name) as archive:
        codes = [html.unescape(code) for member in archive.namelist()
                 if member.lower().endswith("content.xml") and "/pages/" in member.lower()
                 for code in re.findall(r"<ofd:TextCode[^>]*>([^<]*)</ofd:TextCode>",
                                        archive.read(member).decode("utf-8"))]
    flat = squeeze("".join(sample_text(name)))
    for code in codes:
        assert squeeze(code) in flat


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_pictures_are_in_the_pdf_and_the_pdf_is_clean(name: str) -> None:
    import pikepdf

    with pikepdf.open(io.BytesIO(drawn(name).pdf)) as pdf:
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check  # pikepdf 10 renamed check()
        with warnings.catch_warnings():
            # Without jbig2dec, qpdf checks the JBIG2 stream's structure but cannot decode it.
            warnings.filterwarnings("ignore", message="pikepdf is missing some specialized decoders")
            assert check() == []
        pictures = [item for page in pdf.pages for item in
                    (page.get_images() if hasattr(page, "get_images") else page.images).values()]
        filters = {str(item.get("/Filter")) for item in pictures}
    assert bool(pictures) == SAMPLES[name][2]
    if name == "1.ofd":
        assert filters == {"/JBIG2Decode"}  # the QR code as it came; the seal is an OFD of text and paths


def test_invoice_1_fields_read_exactly() -> None:
    fields = read("1.ofd").fields
    assert fields.code == "033002000211"
    assert fields.number == "83089647"
    assert fields.check_code == "16197833567414507415"
    assert fields.date == date(2020, 7, 23)
    assert fields.payer == "江苏京利华新材料有限公司"
    assert fields.payee == "兰溪市悦济舫餐厅"
    assert fields.total == Decimal("526.00")
    assert fields.total_words == "伍佰贰拾陆圆整"
    assert fields.fund_paid is None and fields.self_expense is None
    assert fields.sources["code"] == "CustomDatas"
    assert fields.sources["total"] == "Doc_0/Attachs/original_invoice.xml"
    assert fields.sources["total_words"] == "page text"


def test_invoice_999_fields_read_exactly() -> None:
    fields = read("999.ofd").fields
    assert fields.found() == {
        "code": "050001700111", "number": "12235358", "check_code": "16630282980991510014",
        "date": date(2020, 8, 5), "payer": "个人", "payee": "财天下科技有限公司",
        "total": Decimal("10600.00"), "total_words": "壹万零陆佰圆整",
    }
    assert fields.sources["total"] == "CustomDatas"


def test_attachments_custom_data_and_page_facts() -> None:
    document = read("1.ofd")
    assert [(item.name, item.format, item.file) for item in document.attachments] == [
        ("original_invoice", "xml", "Doc_0/Attachs/original_invoice.xml")]
    assert document.attachment("original_invoice").startswith(b"<?xml")
    assert document.attachment("nothing") is None
    assert document.custom_data["发票号码"] == "83089647"
    assert document.page_count == 1 and document.page_sizes_mm() == [(210.0, 140.0)]
    assert read("999.ofd").page_sizes_mm() == [(210.0, 140.0)] + [(210.0, 297.0)] * 4


def test_tags_point_at_the_text_objects_of_the_fields() -> None:
    tags = dict(read("1.ofd").tags)
    assert tags["eInvoice/InvoiceNo"] == [("1", "70")]
    assert tags["eInvoice/TaxInclusiveTotalAmount"] == [("1", "82"), ("1", "83")]
    from offsite_cli.files.ofd.fields import _tagged

    assert _tagged(read("1.ofd"))["total"] == "¥526.00"


def test_receipt_fields_from_page_text_when_there_is_no_data() -> None:
    fields = open_ofd(samples.medical_receipt(with_data=False)).fields
    assert fields.found() == {
        "code": "32060122", "number": "0012345678", "check_code": "a1b2c3", "date": date(2026, 10, 8),
        "payer": "李四", "payee": "南京市第一医院", "total": Decimal("1434.50"),
        "total_words": "壹仟肆佰叁拾肆元伍角整", "fund_paid": Decimal("800.00"),
        "account_paid": Decimal("134.50"), "cash_paid": Decimal("500.00"), "self_paid": Decimal("300.00"),
        "self_expense": Decimal("200.00"),
    }
    assert set(fields.sources.values()) == {"page text"}


def test_an_empty_field_does_not_take_the_next_label() -> None:
    from offsite_cli.files.ofd.fields import _from_text

    found = _from_text("交款人： 统一社会信用代码： 9132\n收款单位（章）： 南京市第一医院\n交款人：王五")
    assert found["payer"] == "王五" and found["payee"] == "南京市第一医院"


def test_structured_data_wins_over_the_page_text() -> None:
    fields = open_ofd(samples.medical_receipt(with_data=True)).fields
    assert fields.number == "0099999999" and fields.sources["number"] == "CustomDatas"
    assert fields.payer == "李四" and fields.sources["payer"] == "page text"


def test_text_in_reading_order() -> None:
    text = read("1.ofd").text(0)
    assert "发票号码： 83089647" in text
    assert "价税合计（大写） 伍佰贰拾陆圆整 （小写） ¥ 526.00" in text
    assert text.index("购") < text.index("销")


def test_vertical_labels_stay_in_their_column() -> None:
    """购买方 is written with DeltaY and no DeltaX: one character under the other, not a diagonal."""
    from offsite_cli.files.ofd.textlayout import positions

    document = read("1.ofd")
    template = document.templates["2"]
    label = next(item for item, _ in text_objects(template.layers) if item.codes[0].text == "购买方")
    laid = positions(label, label.codes[0])
    assert [x for _, x, _ in laid] == [0.25, 0.25, 0.25]
    assert [y for _, _, y in laid] == pytest.approx([3.15, 9.5, 15.85])


def test_seal_pictures_are_found_in_signatures() -> None:
    assert [(stamp.page_id, stamp.picture_format) for stamp in read("1.ofd").stamps] == [("1", "ofd")]
    assert [(stamp.page_id, stamp.picture_format) for stamp in read("keyword.ofd").stamps] == [("1", "png")]
    assert seal.picture(b"\x30\x03\x04\x01\x00") == (b"", "")
    assert seal.picture(b"\x30\x84\xff\xff\xff\xff") == (b"", "")


def test_seals_are_drawn_where_the_signature_stamps_them() -> None:
    # 1.ofd's seal is an OFD of its own (text and paths): its words are on the page, from nowhere else.
    assert "国家税务总局" not in read("1.ofd").text(0)
    assert "国家税务总局" in sample_text("1.ofd")[0]
    undrawn = render_pdf(open_ofd((DATA / "1.ofd").read_bytes(), limits=Limits(max_embedded_depth=0)))
    assert "国家税务总局" not in extracted(undrawn.pdf)[0]
    assert [str(problem) for problem in undrawn.problems if problem.kind is ProblemKind.SEAL] == [
        "Doc_0/Signs/Sign_0/Signature.xml: the seal picture cannot be drawn: the seal is an OFD nested 1 deep, "
        "beyond the limit (0)"]
    # keyword.ofd's seal is a PNG: one picture more than its page's own image.
    import pikepdf

    with pikepdf.open(io.BytesIO(drawn("keyword.ofd").pdf)) as pdf:
        assert len(pdf.pages[0].get_images()) == 2
    assert [problem.kind for problem in drawn("keyword.ofd").problems] == [ProblemKind.MISSING_PART]


def test_pictures_of_every_kind_are_embedded() -> None:
    import pikepdf
    from PIL import Image

    def encoded(mode: str, kind: str, colour) -> bytes:  # noqa: ANN001
        buffer = io.BytesIO()
        Image.new(mode, (8, 6), colour).save(buffer, kind)
        return buffer.getvalue()

    pictures = {"a.bmp": encoded("RGB", "BMP", (200, 0, 0)), "b.gif": encoded("P", "GIF", 3),
                "c.png": encoded("RGBA", "PNG", (0, 0, 255, 128)), "d.jpg": encoded("CMYK", "JPEG", (0, 0, 0, 255)),
                "e.tif": encoded("L", "TIFF", 90)}
    rendered = render_pdf(open_ofd(samples.with_images(pictures)))
    assert not rendered.problems
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        images = list(pdf.pages[0].get_images().values())
        assert sorted((int(image.Width), int(image.Height)) for image in images) == [(8, 6)] * 5
        assert sum(1 for image in images if "/SMask" in image) == 1  # the half-transparent PNG
        assert {str(image.get("/Filter")) for image in images} == {"/FlateDecode", "/DCTDecode"}


@pytest.mark.parametrize("mode,as_is", [("RGB", True), ("L", True), ("P", False)])
def test_plain_png_goes_in_as_it_is_and_reads_back_the_same(mode: str, as_is: bool) -> None:
    """8-bit grey and RGB PNG keep their own compression (PNG predictors in DecodeParms); a palette
    PNG is decoded and compressed again. Either way a reader gets the same pixels."""
    import pikepdf
    from PIL import Image

    original = Image.new("RGB", (37, 11))
    original.putdata([((x * 7) % 256, (y * 23) % 256, (x * y) % 256) for y in range(11) for x in range(37)])
    original = original.convert(mode)
    buffer = io.BytesIO()
    original.save(buffer, "PNG")
    rendered = render_pdf(open_ofd(samples.with_images({"p.png": buffer.getvalue()})))
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        image = next(iter(pdf.pages[0].get_images().values()))
        assert ("/DecodeParms" in image.keys()) is as_is
        drawn_pixels = pikepdf.PdfImage(image).as_pil_image().convert("RGB").tobytes()
    assert drawn_pixels == original.convert("RGB").tobytes()


def test_pictures_that_cannot_be_drawn_are_said() -> None:
    random_access = b"\x97JB2\r\n\x1a\n\x00\x00\x00\x00\x01" + bytes(20)
    rendered = render_pdf(open_ofd(samples.with_images({"x.jb2": random_access, "y.png": b"\x89PNG broken"})))
    said = sorted(str(problem) for problem in rendered.problems)
    assert said == [
        "Doc_0/Pages/Page_0/Content.xml object 10: image Doc_0/Res/x.jb2: JBIG2: random-access organisation is "
        "not supported",
        "Doc_0/Pages/Page_0/Content.xml object 11: image Doc_0/Res/y.png: the image cannot be read "
        "(UnidentifiedImageError)",
    ]


def test_shadings_are_drawn_as_gradients() -> None:
    import pikepdf

    assert not [problem for problem in drawn("testPathClip.ofd").problems if "RadialShd" in problem.detail]
    with pikepdf.open(io.BytesIO(drawn("testPathClip.ofd").pdf)) as pdf:
        assert "/Shading" in pdf.pages[0].Resources
    axial = ('<ofd:PathObject ID="10" Boundary="10 10 50 20" Fill="true" Stroke="false"><ofd:FillColor>'
             '<ofd:AxialShd StartPoint="0 0" EndPoint="50 0" Extend="3"><ofd:Segment Position="0">'
             '<ofd:Color Value="255 0 0"/></ofd:Segment><ofd:Segment Position="1"><ofd:Color Value="0 0 255"/>'
             '</ofd:Segment></ofd:AxialShd></ofd:FillColor><ofd:AbbreviatedData>M 0 0 L 50 0 L 50 20 L 0 20 C'
             '</ofd:AbbreviatedData></ofd:PathObject>'
             '<ofd:PathObject ID="11" Boundary="10 40 50 20" Fill="true"><ofd:FillColor><ofd:GouraudShd>'
             '<ofd:Point X="0" Y="0"><ofd:Color Value="0 255 0"/></ofd:Point></ofd:GouraudShd></ofd:FillColor>'
             '<ofd:AbbreviatedData>M 0 0 L 50 0 L 50 20 C</ofd:AbbreviatedData></ofd:PathObject>')
    rendered = render_pdf(open_ofd(samples.package(axial)))
    assert [str(problem) for problem in rendered.problems] == [
        "Doc_0/Pages/Page_0/Content.xml object 11: GouraudShd drawn as its first colour"]


def test_turned_characters_are_drawn_turned() -> None:
    import pikepdf

    turned = ('<ofd:TextObject ID="10" Boundary="20 20 10 40" Font="1" Size="3.5" CharDirection="90">'
              '<ofd:TextCode X="0" Y="0" DeltaX="0" DeltaY="4">竖排</ofd:TextCode></ofd:TextObject>')
    rendered = render_pdf(open_ofd(samples.package(turned)))
    assert not rendered.problems and squeeze(extracted(rendered.pdf)[0]) == "竖排"
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        content = pdf.pages[0].Contents.read_bytes().decode("latin-1")
    # turned 90° clockwise; the object's Boundary (20, 20) is folded into the text matrix
    assert "0 3.5 3.5 0 20 20 Tm" in content and "0 3.5 3.5 0 20 24 Tm" in content


@pytest.mark.parametrize("data,clipped", [("M 0 0 L 50 50", True), ("M 0 2.5 L 5 2.5", False)])
def test_a_path_beyond_its_boundary_is_clipped_to_it(data: str, clipped: bool) -> None:
    import pikepdf

    path = (f'<ofd:PathObject ID="10" Boundary="10 10 5 5" LineWidth="0.5"><ofd:AbbreviatedData>{data}'
            "</ofd:AbbreviatedData></ofd:PathObject>")
    rendered = render_pdf(open_ofd(samples.package(path)))
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        content = pdf.pages[0].Contents.read_bytes().decode("latin-1")
    assert ("0 0 5 5 re W n" in content) is clipped


@pytest.mark.parametrize("rule,operator", [("NonZero", "f"), ("Even-Odd", "f*")])
def test_fill_rules(rule: str, operator: str) -> None:
    import pikepdf

    path = (f'<ofd:PathObject ID="10" Boundary="10 10 20 20" Fill="true" Stroke="false" Rule="{rule}">'
            "<ofd:AbbreviatedData>M 0 0 L 20 0 L 20 20 L 0 20 C M 5 5 L 15 5 L 15 15 L 5 15 C"
            "</ofd:AbbreviatedData></ofd:PathObject>")
    rendered = render_pdf(open_ofd(samples.package(path)))
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        operators = [str(operator) for _, operator in pikepdf.parse_content_stream(pdf.pages[0])]
    assert operator in operators and ({"f", "f*"} - {operator}).isdisjoint(operators)


def test_jbig2_file_becomes_an_embedded_stream() -> None:
    with zipfile.ZipFile(DATA / "1.ofd") as archive:
        data = archive.read("Doc_0/Res/image_78.jb2")
    stream, width, height = jbig2.embedded(data)
    assert (width, height) == (100, 100)
    assert not stream.startswith(b"\x97JB2") and len(stream) < len(data)
    with pytest.raises(OfdError, match="JBIG2"):
        jbig2.embedded(data[:30])


def test_path_data_arcs_and_quadratics_become_cubics() -> None:
    ops = pathdata.parse("S 0 0 Q 5 5 10 0 A 5 5 0 0 1 20 0 C", 100, 1000)
    curves = pathdata.to_curves(ops)
    assert [op.op for op in curves][:2] == ["M", "B"] and curves[-1].op == "C"
    assert curves[-2].numbers[-2:] == pytest.approx((20, 0))
    with pytest.raises(OfdError, match="unknown path operator"):
        pathdata.parse("M 0 0 Z", 100, 1000)
    with pytest.raises(OfdError, match="beyond"):
        pathdata.parse("M 0 1e300", 100, 1000)


def test_the_fonts_a_file_names_or_embeds() -> None:
    problems = drawn("keyword.ofd").problems
    assert not [problem for problem in problems if problem.kind is ProblemKind.FONT]
    # An embedded TrueType with a cmap is embedded as a font (renamed so that subsets never mix).
    import pikepdf

    with pikepdf.open(io.BytesIO(drawn("keyword.ofd").pdf)) as pdf:
        names = {str(font.BaseFont) for font in pdf.pages[0].Resources.Font.values()}
    assert any(name.endswith("OfdFont-f6ff99c2ca08") for name in names)


# Hostile packages: refused with OfdError naming what is wrong, or drawn within limits.

def test_zip_bomb_is_refused() -> None:
    with pytest.raises(OfdError, match="zip bomb") as error:
        open_ofd(samples.zip_bomb())
    assert error.value.part == "Doc_0/Res/bomb.bin"


@pytest.mark.parametrize("name,reason", [
    ("../evil.xml", "climbs out"), ("Doc_0/../../evil.xml", "climbs out"), ("/etc/evil", "absolute"),
    ("Doc_0\\evil.xml", "backslash"), ("C:/evil", "absolute"),
])
def test_member_names_that_escape_are_refused(name: str, reason: str) -> None:
    with pytest.raises(OfdError, match=reason):
        open_ofd(samples.traversal(name))


def test_member_names_are_taken_as_the_xml_names_them() -> None:
    found = samples.parts(samples.text_object(10, 10, 10, "点斜杠"))
    renamed = {f"./{name}" if name.startswith("Doc_0/Pages") else name.replace("Doc_0/", "DOC_0//"): content
               for name, content in found.items()}
    document = open_ofd(samples.zipped(renamed))
    assert not document.problems and "点斜杠" in document.text(0)


def test_entity_bomb_is_refused() -> None:
    with pytest.raises(OfdError, match="DTD or entities") as error:
        open_ofd(samples.entity_bomb())
    assert error.value.part == "Doc_0/Document.xml"


@pytest.mark.parametrize("xml", [
    # a DTD after a comment, one in UTF-16 (its bytes hide "<!DOCTYPE"), one behind a UTF-8 BOM
    b'<?xml version="1.0"?><!-- x --><!DOCTYPE d [<!ENTITY e "boom">]><d>&e;</d>',
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY e "boom">]><d>&e;</d>'.encode("utf-16"),
    b'\xef\xbb\xbf<?xml version="1.0"?><!DOCTYPE d SYSTEM "file:///etc/passwd"><d/>',
    b'<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE d [<!ENTITY e "boom">]><d>&e;</d>',
])
def test_xml_that_declares_a_dtd_is_refused_whichever_parser_reads_it(xml: bytes) -> None:
    from offsite_cli.files.ofd.package import parse_xml

    with pytest.raises(OfdError, match="DTD or entities"):
        parse_xml(xml, "x.xml", Limits())


def test_plain_xml_is_read_alike_by_both_parsers() -> None:
    from offsite_cli.files.ofd.package import _parse_defused, _parse_plain

    data = Path(__file__).parent.joinpath("data", "ofd", "999.ofd").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in (name for name in package.namelist() if name.endswith(".xml")):
            xml = package.read(name)
            fast, safe = _parse_plain(xml, name), _parse_defused(xml, name, Limits())
            assert [(e.tag, e.attrib, e.text) for e in fast.iter()] == [(e.tag, e.attrib, e.text) for e in safe.iter()]


def test_missing_document_is_refused_naming_it() -> None:
    found = samples.parts()
    del found["Doc_0/Document.xml"]
    with pytest.raises(OfdError, match="missing") as error:
        open_ofd(samples.zipped(found))
    assert error.value.part == "Doc_0/Document.xml"


@pytest.mark.parametrize("data,reason", [
    (b"not a zip", "not a zip"),
    (samples.zipped({"hello.txt": "x"}), "no OFD.xml"),
    (samples.zipped({"OFD.xml": "<ofd:OFD xmlns:ofd='x'/>"}), "no DocBody"),
    (samples.zipped({"OFD.xml": "<a><b>"}), "not well-formed"),
    (samples.package(pages=0), "no pages"),
])
def test_broken_packages_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(OfdError, match=reason):
        open_ofd(data)


def test_limits_on_members_and_depth() -> None:
    with pytest.raises(OfdError, match="members"):
        open_ofd(samples.package(pages=3), limits=Limits(max_members=4))
    deep = open_ofd(samples.deep_nesting(100))
    assert [(problem.kind, problem.where) for problem in deep.problems] == [
        (ProblemKind.BAD_PART, "Doc_0/Pages/Page_0/Content.xml")]
    assert "nested deeper than 64" in deep.problems[0].detail
    with pytest.raises(OfdError, match="nested deeper"):
        open_ofd(samples.deep_nesting(100), limits=Limits(max_xml_depth=2))


def test_missing_page_is_drawn_blank_and_said() -> None:
    found = samples.parts(samples.text_object(10, 10, 10, "第一页"), pages=2)
    del found["Doc_0/Pages/Page_1/Content.xml"]
    rendered = render_pdf(open_ofd(samples.zipped(found)))
    assert [problem.kind for problem in rendered.problems] == [ProblemKind.MISSING_PART]
    assert "page 2" in str(rendered.problems[0])
    assert len(extracted(rendered.pdf)) == 2


def test_missing_resources_are_named_and_the_rest_drawn() -> None:
    objects = (samples.text_object(10, 10, 10, "看得见的字")
               + '<ofd:ImageObject ID="11" Boundary="10 30 20 20" CTM="20 0 0 20 0 0" ResourceID="77"/>'
               + '<ofd:TextObject ID="12" Boundary="10 60 50 5" Font="404" Size="3"><ofd:TextCode X="0" Y="3">'
               "无字体</ofd:TextCode></ofd:TextObject>"
               + '<ofd:PathObject ID="13" Boundary="0 0 10 10" DrawParam="55"><ofd:AbbreviatedData>M 0 0 L 5 5'
               "</ofd:AbbreviatedData></ofd:PathObject>")
    rendered = render_pdf(open_ofd(samples.package(objects)))
    said = [str(problem) for problem in rendered.problems if problem.kind is ProblemKind.MISSING_RESOURCE]
    assert any("object 11" in line and "image resource 77" in line for line in said)
    assert any("object 12" in line and "font 404" in line for line in said)
    assert any("draw parameter 55" in line for line in said)
    assert "看得见的字" in extracted(rendered.pdf)[0] and "无字体" in extracted(rendered.pdf)[0]


def test_ten_thousand_objects_are_drawn_within_limits() -> None:
    data = samples.many_objects(10_000)
    started = time.perf_counter()
    document = open_ofd(data)
    rendered = render_pdf(document)
    assert time.perf_counter() - started < 10
    assert document.pages[0].object_count == 10_000 and not rendered.problems
    over = open_ofd(data, limits=Limits(max_objects_per_page=2_000))
    assert over.pages[0].object_count == 2_000
    assert [problem.kind for problem in over.problems] == [ProblemKind.LIMIT]


def test_repeated_composites_are_drawn_within_a_budget() -> None:
    data = samples.composite_amplifier(references=2_000, unit_objects=500)  # a million objects to draw
    started = time.perf_counter()
    rendered = render_pdf(open_ofd(data, limits=Limits(max_drawn_objects=3_000)))
    assert time.perf_counter() - started < 5
    assert [problem.kind for problem in rendered.problems] == [ProblemKind.LIMIT]
    assert "draws more than 3000 objects" in rendered.problems[0].detail
    small = render_pdf(open_ofd(samples.composite_amplifier(references=3, unit_objects=2)))
    assert not small.problems and squeeze(extracted(small.pdf)[0]) == "重复" * 20 * 6


def test_a_clip_by_text_is_said_and_the_object_drawn_unclipped() -> None:
    clipped = ('<ofd:TextObject ID="10" Boundary="10 10 50 10" Font="1" Size="4"><ofd:Clips><ofd:Clip><ofd:Area>'
               '<ofd:Text Font="1" Size="4"><ofd:TextCode X="0" Y="4">剪</ofd:TextCode></ofd:Text></ofd:Area>'
               '</ofd:Clip></ofd:Clips><ofd:TextCode X="0" Y="4">仍然可见</ofd:TextCode></ofd:TextObject>')
    rendered = render_pdf(open_ofd(samples.package(clipped)))
    assert [(problem.kind, problem.where) for problem in rendered.problems] == [
        (ProblemKind.UNSUPPORTED, "Doc_0/Pages/Page_0/Content.xml object 10 (TextObject)")]
    assert "仍然可见" in extracted(rendered.pdf)[0]


def test_huge_numbers_and_bad_values_are_said_not_raised() -> None:
    objects = ('<ofd:TextObject ID="10" Boundary="1e300 0 10 10" Font="1" Size="3"><ofd:TextCode X="0" Y="3">a'
               '</ofd:TextCode></ofd:TextObject>'
               '<ofd:TextObject ID="11" Boundary="0 0 10 10" Font="1" Size="3"><ofd:TextCode X="0" Y="3" '
               'DeltaX="g 99999999 1">b</ofd:TextCode></ofd:TextObject>'
               '<ofd:PathObject ID="12" Boundary="0 0 10 10"><ofd:FillColor Value="x y z"/>'
               '<ofd:AbbreviatedData>M 0 0</ofd:AbbreviatedData></ofd:PathObject>'
               + samples.text_object(13, 10, 50, "正常"))
    document = open_ofd(samples.package(objects, width=99999, height=297))
    details = " | ".join(str(problem) for problem in document.problems)
    assert "object 10" in details and "beyond" in details
    assert "object 11" in details and "repeats" in details
    assert "object 12" in details and "colour" in details
    assert "page size" in details and document.pages[0].size_mm == (210.0, 297.0)
    assert "正常" in extracted(render_pdf(document).pdf)[0]


def test_damaged_files_never_raise_anything_but_ofd_error() -> None:
    original = (DATA / "1.ofd").read_bytes()
    generator = random.Random(11)
    for _ in range(40):
        data = bytearray(original)
        for _ in range(generator.randint(1, 20)):
            data[generator.randrange(len(data))] = generator.randrange(256)
        try:
            render_pdf(open_ofd(bytes(data)))
        except OfdError:
            pass


@pytest.mark.parametrize("name,rounds", [("1.ofd", 20), ("n.ofd", 15), ("keyword.ofd", 4)])
def test_damaged_parts_never_raise_anything_but_ofd_error(name: str, rounds: int) -> None:
    """Bytes changed inside the XML and fonts (zipped again, so the CRC holds): said or refused."""
    with zipfile.ZipFile(DATA / name) as archive:
        members = {member: archive.read(member) for member in archive.namelist() if not member.endswith("/")}
    generator = random.Random(name)
    targets = [member for member in members if member.lower().endswith((".xml", ".ttf", ".jb2", ".png", ".dat"))]
    outcomes = set()
    for _ in range(rounds):
        damaged = dict(members)
        target = generator.choice(targets)
        data = bytearray(damaged[target])
        for _ in range(generator.randint(1, 8)):
            data[generator.randrange(len(data))] = generator.choice(b'<>"&/ 0123456789.-eE\x00\xff')
        damaged[target] = bytes(data)
        try:
            rendered = render_pdf(open_ofd(samples.zipped(damaged)))
            outcomes.add("drawn" if not rendered.problems else "drawn with problems")
        except OfdError:
            outcomes.add("refused")
    assert outcomes & {"refused", "drawn with problems"}


def test_ofd_libraries_are_imported_only_in_the_ofd_package() -> None:
    root = Path(__file__).parent.parent / "offsite_cli"
    for path in root.rglob("*.py"):
        if "ofd" in path.relative_to(root).parts:
            continue
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (defusedxml|fontTools)", source, re.M), path


def test_reading_and_drawing_print_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    render_pdf(open_ofd((DATA / "ano.ofd").read_bytes()))
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_a_seal_shared_by_receipts_draws_the_same_on_each() -> None:
    """Receipts from one issuer carry the same seal OFD: read once for them all, it is drawn
    alike on each, between receipts with another seal."""
    data = {name: (Path(__file__).parent / "data" / "ofd" / name).read_bytes() for name in ("1.ofd", "999.ofd")}
    drawn = [render_pdf(open_ofd(data[name])) for name in ["1.ofd", "999.ofd"] * 30]
    assert all(not [p for p in rendered.problems if p.kind is ProblemKind.SEAL] for rendered in drawn)
    assert len({rendered.pdf for rendered in drawn[0::2]}) == 1 and len({rendered.pdf for rendered in drawn[1::2]}) == 1
