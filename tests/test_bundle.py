"""The dossier PDF as a reader sees it: order, A4 pages, cover text, bookmarks, fonts, stamps, safety."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

import build_samples as samples
from offsite_cli import bundle, pages

FIXED = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)


def _dossier(folder: Path, odd: bool = True) -> dict[str, list[Path]]:
    """Every required document with a file; `odd`: the oddities of real scans and photos."""
    ids = samples.required_ids(folder)
    files: dict[str, list[Path]] = {i: [samples.photo(folder / f"{i}.jpg", (300, 400), 1)] for i in ids}
    if odd:
        files[ids[0]] = [samples.photo(folder / "card-front.jpg", (400, 300), 6),
                         samples.photo(folder / "card-back.jpg", (400, 300), 3, mode="CMYK")]
        files[ids[1]] = [samples.pdf(folder / "filing.pdf", 2, rotate=90)]
        files[ids[2]] = [samples.png16_alpha(folder / "list.png"), samples.tiff_pages(folder / "list.tif", 2)]
        files[ids[3]] = [samples.fax(folder / "receipt.tif"), samples.pdf(folder / "form.pdf", 1, form_field=True)]
    return files


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def _reader(path: Path):  # noqa: ANN202
    from pypdf import PdfReader

    return PdfReader(path)


def _a4(page) -> bool:  # noqa: ANN001
    size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
    return size == [595, 842] and int(page.get("/Rotate", 0)) == 0


def test_build_has_every_page_in_order_on_a4_with_cover_bookmarks_and_stamps(tmp_path: Path) -> None:
    files = _dossier(tmp_path)
    misc = samples.photo(tmp_path / "misc.jpg")
    samples.case(tmp_path)
    before = _hashes(tmp_path)
    report = samples.report(tmp_path, files, unmatched=[misc])
    output = tmp_path / "dossier.pdf"
    result = bundle.build(report, [], output, bundle.Options(include_unmatched=True, created=FIXED))

    reader = _reader(output)
    expected = 1 + 2 + 2 + 3 + 2 + 1 + 1 + 1  # cover, card ×2, filing ×2, list (png, tif ×2), receipt ×2, 2 more, misc
    assert result.pages == len(reader.pages) == expected
    assert all(_a4(page) for page in reader.pages)
    cover = reader.pages[0].extract_text()
    assert "张三" in cover and "140522********1231" in cover and "140522198001011231" not in cover
    assert "期限提醒" in cover and "2026-11-20 星期五" in cover and "还有 18 天" in cover
    assert "晋城市某某有限公司" in cover and "手工（零星）报销" in cover
    # the checklist shows where each document starts
    first = {s.key: s.first for s in result.sections}
    assert first["card-copy"] == 2 and first["filing-form"] == 4
    assert "第 2 页 / 共 13 页" in reader.pages[1].extract_text()
    assert "第 13 页 / 共 13 页" in reader.pages[12].extract_text()
    # bookmarks: the cover, one per document, one per file under it
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[0] == "封面与材料清单"
    assert "医保卡（社保卡）正反面复印件" in titles and "其他文件（未归类）" in titles
    children = outline[2]
    assert [c.title for c in children] == ["card-front.jpg", "card-back.jpg"]
    # metadata: title, author = unit, subject
    assert reader.metadata.author == "晋城市某某有限公司"
    assert reader.metadata.title.startswith("异地就医费用报销材料")
    assert "住院" in reader.metadata.subject
    # landscape photo on a landscape page, rotated PDF too; portrait stays portrait
    assert float(reader.pages[1].mediabox.width) > float(reader.pages[1].mediabox.height)
    assert float(reader.pages[3].mediabox.width) > float(reader.pages[3].mediabox.height)
    assert float(reader.pages[10].mediabox.width) < float(reader.pages[10].mediabox.height)
    # the AcroForm of the input does not reach the output; its value is drawn on the page
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert "Zhang San" in reader.pages[9].extract_text()
    assert _hashes(tmp_path) | {"dossier.pdf": ""} == before | {"dossier.pdf": ""}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    json_form = result.as_json()
    assert json_form["documents"][0] == {"id": "card-copy", "name": "医保卡（社保卡）正反面复印件", "pages": [2, 3]}


def test_every_font_we_add_is_embedded(tmp_path: Path) -> None:
    files = _dossier(tmp_path, odd=False)
    report = samples.report(tmp_path, files)
    output = tmp_path / "out.pdf"
    bundle.build(report, [], output, bundle.Options(created=FIXED))
    fonts = []
    for page in _reader(output).pages:
        resources = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            fonts.append(font.get_object())
    assert fonts
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


def test_same_folder_same_bytes_with_source_date_epoch(tmp_path: Path) -> None:
    files = _dossier(tmp_path)
    report = samples.report(tmp_path, files)
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    bundle.build(report, [], first, bundle.Options(created=FIXED))
    report = samples.report(tmp_path, files)
    bundle.build(report, [], second, bundle.Options(created=FIXED))
    assert first.read_bytes() == second.read_bytes()


def test_missing_required_document_refuses_and_writes_nothing(tmp_path: Path) -> None:
    files = _dossier(tmp_path, odd=False)
    files.pop("receipt")
    report = samples.report(tmp_path, files)
    with pytest.raises(bundle.Incomplete) as caught:
        bundle.build(report, [], tmp_path / "dossier.pdf", bundle.Options(created=FIXED))
    assert caught.value.exit_code == 1
    assert "医疗费用收据" in caught.value.params["what"]
    assert not (tmp_path / "dossier.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_allow_incomplete_says_so_in_red_on_the_cover(tmp_path: Path) -> None:
    files = _dossier(tmp_path, odd=False)
    files.pop("receipt")
    (tmp_path / "broken.pdf").write_bytes(b"")
    files["medical-record"].append(tmp_path / "broken.pdf")
    report = samples.report(tmp_path, files)
    result = bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(allow_incomplete=True, created=FIXED))
    assert not result.complete
    cover = _reader(tmp_path / "d.pdf").pages[0].extract_text()
    assert "材料不全" in cover and "医疗费用收据" in cover and "broken.pdf" in cover


def test_a_crash_half_way_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _dossier(tmp_path, odd=False)
    report = samples.report(tmp_path, files)
    calls = []

    def interrupting(real):  # noqa: ANN001, ANN202
        def interrupted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            calls.append(1)
            if len(calls) == 3:
                raise KeyboardInterrupt
            return real(*args, **kwargs)
        return interrupted

    # Photos go in as JPEG XObjects, other images through image_pdf: stop on the third of either.
    monkeypatch.setattr(pages, "image_pdf", interrupting(pages.image_pdf))
    monkeypatch.setattr(pages, "jpeg_xobject", interrupting(pages.jpeg_xobject))
    (tmp_path / "dossier.pdf").write_bytes(b"the previous build")
    with pytest.raises(KeyboardInterrupt):
        bundle.build(report, [], tmp_path / "dossier.pdf", bundle.Options(created=FIXED))
    assert (tmp_path / "dossier.pdf").read_bytes() == b"the previous build"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_forms_come_right_after_the_cover(tmp_path: Path) -> None:
    files = _dossier(tmp_path, odd=False)
    form = samples.pdf(tmp_path / "application.pdf", 2, text="FORM")
    report = samples.report(tmp_path, files)
    result = bundle.build(report, [bundle.FormInput("报销申请表", form)], tmp_path / "d.pdf",
                          bundle.Options(created=FIXED))
    reader = _reader(tmp_path / "d.pdf")
    assert "FORM 1" in reader.pages[1].extract_text()
    assert result.as_json()["forms"] == [2, 3]
    assert "表格：报销申请表" in reader.pages[0].extract_text()


def test_compress_downsamples_photos_and_reports_sizes(tmp_path: Path) -> None:
    ids = samples.required_ids(tmp_path)
    files = {i: [samples.photo(tmp_path / f"{i}.jpg", (1800, 1350), 6, quality=95)] for i in ids}
    report = samples.report(tmp_path, files)
    result = bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(compress=True, created=FIXED))
    assert result.photos == len(ids)
    assert result.photo_bytes_after < result.photo_bytes_before
    image = _reader(tmp_path / "d.pdf").pages[1].images[0].image
    assert max(image.size) < 1800


def test_english_cover(tmp_path: Path) -> None:
    files = _dossier(tmp_path, odd=False)
    report = samples.report(tmp_path, files)
    bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(lang="en", created=FIXED))
    reader = _reader(tmp_path / "d.pdf")
    assert "Deadline reminders" in reader.pages[0].extract_text()
    assert "page 2 of" in reader.pages[1].extract_text()


# ------------------------------------------------------------------------------------------- CLI


def _cli_folder(folder: Path) -> Path:
    folder.mkdir()
    samples.case(folder)
    for document_id in samples.required_ids(folder):
        (folder / document_id).mkdir()
        samples.photo(folder / document_id / "1.jpg", (600, 850))  # enough dpi for dossier check
    return folder


def _run(*args: str):  # noqa: ANN202
    from offsite_cli.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_json_reports_path_pages_bytes_and_ranges(tmp_path: Path) -> None:
    folder = _cli_folder(tmp_path / "case")
    result = _run("dossier", "build", str(folder), "--json", "--today", "2026-11-02")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["path"] == str((folder / "dossier.pdf").absolute())
    assert document["bytes"] == (folder / "dossier.pdf").stat().st_size
    assert document["pages"] == len(_reader(folder / "dossier.pdf").pages)
    assert all(len(d["pages"]) == 2 for d in document["documents"])


def test_cli_missing_document_exits_1_with_one_line(tmp_path: Path) -> None:
    folder = _cli_folder(tmp_path / "case")
    for path in (folder / "receipt").iterdir():
        path.unlink()
    result = _run("dossier", "build", str(folder), "--today", "2026-11-02", "--lang", "en")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--allow-incomplete" in result.stderr
    assert not (folder / "dossier.pdf").exists()


@pytest.mark.parametrize("args", [["--password", "nonsense"], ["--max-size", "lots"]])
def test_cli_bad_options_exit_2(tmp_path: Path, args: list[str]) -> None:
    folder = _cli_folder(tmp_path / "case")
    result = _run("dossier", "build", str(folder), *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_photos_go_in_byte_for_byte_upright_by_their_exif_matrix(tmp_path: Path) -> None:
    ids = samples.required_ids(tmp_path)
    photos = [samples.photo(tmp_path / f"p{o}.jpg", (400, 300), o) for o in range(1, 9)]
    files = {i: [samples.photo(tmp_path / f"{i}.jpg", (300, 400), 1)] for i in ids}
    files[ids[0]] = photos
    result = bundle.build(samples.report(tmp_path, files), [], tmp_path / "d.pdf",
                          bundle.Options(created=FIXED))
    data = (tmp_path / "d.pdf").read_bytes()
    reader = _reader(tmp_path / "d.pdf")
    first = result.sections[0].first
    for offset, photo in enumerate(photos):
        assert photo.read_bytes() in data  # DCTDecode as it is: not decoded, not re-encoded
        page = reader.pages[first - 1 + offset]
        assert _a4(page)
        assert float(page.mediabox.width) > float(page.mediabox.height)  # displayed 400×300
        image = page["/Resources"]["/XObject"]["/OffsiteImage"].get_object()
        frame = pages.probe(photo, photo.name).frames[0]
        assert image["/Filter"] == "/DCTDecode"
        assert (image["/Width"], image["/Height"]) == (frame.width, frame.height)  # as stored
        drawn = page["/Contents"][0].get_object().get_data().split(b" cm ")[0].split(b"q ")[1]
        assert drawn == bundle._numbers(pages.frame_matrix(frame))


def test_a_photo_that_changes_while_the_pdf_is_written_is_refused(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    photo = samples.photo(tmp_path / "p.jpg", (400, 300))
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer._add_object(pages.jpeg_xobject(photo))
    photo.write_bytes(photo.read_bytes() + b"more")
    with pytest.raises(pages.FileProblem) as caught, (tmp_path / "out.pdf").open("wb") as out:
        writer.write(out)
    assert caught.value.message == "build_file_changed"


def _photo_dossier(folder: Path) -> dict[str, list[Path]]:
    return {i: [samples.photo(folder / f"{i}.jpg", (3000, 2250), 1, quality=95)]
            for i in samples.required_ids(folder)}


def test_max_size_already_met_changes_nothing(tmp_path: Path) -> None:
    report = samples.report(tmp_path, _photo_dossier(tmp_path))
    result = bundle.build(report, [], tmp_path / "d.pdf",
                          bundle.Options(max_size=10**9, created=FIXED))
    assert result.photos == 0 and not result.over_size


def test_max_size_compresses_until_the_file_fits(tmp_path: Path) -> None:
    files = _photo_dossier(tmp_path)
    report = samples.report(tmp_path, files)
    full = bundle.build(report, [], tmp_path / "full.pdf", bundle.Options(created=FIXED))
    limit = full.bytes // 2
    result = bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(max_size=limit, created=FIXED))
    assert result.bytes <= limit and not result.over_size
    assert result.photos == len(files) and result.dpi in (150, 110, 80)
    assert (tmp_path / "d.pdf").stat().st_size == result.bytes


def test_max_size_out_of_reach_is_a_finding_with_the_smallest_file(tmp_path: Path) -> None:
    folder = _cli_folder(tmp_path / "case")
    result = _run("dossier", "build", str(folder), "--max-size", "2KB", "--json",
                  "--today", "2026-11-02")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["bytes"] > 2000 and (folder / "dossier.pdf").exists()
    assert document["bytes"] == (folder / "dossier.pdf").stat().st_size
    assert "2.0 KB" in result.stderr or "2 KB" in result.stderr


def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.cli import dossier_build

    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    with dossier_build._progress(json_output=False, lang="en") as progress:
        assert progress is None
    bar = dossier_build._progress(json_output=True, lang="en")
    assert not bar.enabled
