"""The dossier PDF as a reader sees it: order, A4 pages, cover text, bookmarks, fonts, stamps, safety."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

import build_samples as samples
from offsite_cli.files import reading
from offsite_cli.pdf import assembly, bundle, pages
from offsite_cli.dossier.checklist import DocumentResult, Status

FIXED = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)


def _dossier(folder: Path, odd: bool = True) -> dict[str, list[Path]]:
    """Every required document with a file; `odd`: the oddities of real scans and photos."""
    ids = samples.required_ids(folder)
    files: dict[str, list[Path]] = {i: [samples.photo(folder / f"{i}.jpg", (600, 800), 1)] for i in ids}
    if odd:
        files[ids[0]] = [samples.photo(folder / "card-front.jpg", (800, 600), 6),
                         samples.photo(folder / "card-back.jpg", (800, 600), 3, mode="CMYK")]
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
    assert "Zhang San" in reader.pages[8].extract_text()  # form.pdf before receipt.tif (by name)
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


def test_a_crash_while_the_disk_is_busy_does_not_wait_for_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C half-way through the write, with a write-back in flight on a slow disk: the part
    file goes at once (a second Ctrl-C while it waited would have left it)."""
    import os
    import threading
    import time

    from offsite_cli.base import atomic

    files = _dossier(tmp_path, odd=False)
    report = samples.report(tmp_path, files)
    released = threading.Event()
    syncing = threading.Event()

    def slow_disk(descriptor: int) -> None:
        syncing.set()
        released.wait(30)

    real_write, real_init = atomic.WriteBehind.write, atomic.WriteBehind.__init__

    def interrupted(self, data: bytes) -> int:  # noqa: ANN001
        if syncing.is_set():
            raise KeyboardInterrupt
        return real_write(self, data)

    monkeypatch.setattr(atomic, "_datasync", slow_disk)
    monkeypatch.setattr(atomic.WriteBehind, "__init__", lambda self, handle, every=0: real_init(self, handle, 1024))
    monkeypatch.setattr(atomic.WriteBehind, "write", interrupted)
    (tmp_path / "dossier.pdf").write_bytes(b"the previous build")
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            bundle.build(report, [], tmp_path / "dossier.pdf", bundle.Options(created=FIXED))
        assert time.monotonic() - started < 10  # (the disk would have held it 30 s)
    finally:
        released.set()
    assert (tmp_path / "dossier.pdf").read_bytes() == b"the previous build"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert os.path.exists(tmp_path / "dossier.pdf")


def test_cli_a_write_back_that_failed_on_the_way_is_not_a_finished_pdf(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fails once, while the thread sends an early part (the final fsync would then
    succeed): exit 3 and the previous dossier.pdf kept, not a damaged one renamed over it."""
    from offsite_cli.base import atomic

    folder = _cli_folder(tmp_path / "case")
    (folder / "dossier.pdf").write_bytes(b"the previous build")
    failures = [OSError(5, "Input/output error")]

    def failing_once(descriptor: int) -> None:
        if failures:
            raise failures.pop()

    real_init = atomic.WriteBehind.__init__
    monkeypatch.setattr(atomic, "_datasync", failing_once)
    monkeypatch.setattr(atomic.WriteBehind, "__init__", lambda self, handle, every=0: real_init(self, handle, 4096))
    result = _run("dossier", "build", str(folder), "--today", "2026-11-02", "--lang", "en")
    assert result.exit_code == 3, result.output
    assert not failures and "dossier.pdf" in result.stderr
    assert (folder / "dossier.pdf").read_bytes() == b"the previous build"
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_forms_come_right_after_the_cover(tmp_path: Path) -> None:
    files = _dossier(tmp_path, odd=False)
    form = samples.pdf(tmp_path / "application.pdf", 2, text="FORM")
    report = samples.report(tmp_path, files)
    result = bundle.build(report, [bundle.FormInput("报销申请表", samples.info(form, tmp_path))], tmp_path / "d.pdf",
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


def test_cli_disk_full_while_the_pdf_is_written_says_so_and_leaves_the_old_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The write fails half-way, after the write-behind has sent some of it to the disk: one
    line naming the file and the reason, exit 3, the previous dossier.pdf as it was, no part file."""
    from offsite_cli.base import atomic

    folder = _cli_folder(tmp_path / "case")
    (folder / "dossier.pdf").write_bytes(b"the previous build")
    real = atomic.WriteBehind.write
    synced: list[int] = []
    monkeypatch.setattr(atomic, "_datasync", lambda descriptor: synced.append(descriptor))

    def filling(self, data: bytes) -> int:  # noqa: ANN001
        if self.written > 20_000:
            raise OSError(28, "No space left on device")
        return real(self, data)

    start = atomic.WriteBehind.__init__

    def small_steps(self, handle, every: int = 0) -> None:  # noqa: ANN001
        start(self, handle, 4096)  # (the sample dossier is small: sent to the disk every 4 KB)

    monkeypatch.setattr(atomic.WriteBehind, "write", filling)
    monkeypatch.setattr(atomic.WriteBehind, "__init__", small_steps)
    result = _run("dossier", "build", str(folder), "--today", "2026-11-02", "--lang", "en")
    assert result.exit_code == 3, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "dossier.pdf" in result.stderr and "no space left" in result.stderr
    assert synced  # the failure came after some of the file had been sent to the disk
    assert (folder / "dossier.pdf").read_bytes() == b"the previous build"
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("args", [["--password", "nonsense"], ["--max-size", "lots"]])
def test_cli_bad_options_exit_2(tmp_path: Path, args: list[str]) -> None:
    folder = _cli_folder(tmp_path / "case")
    result = _run("dossier", "build", str(folder), *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_photos_go_in_byte_for_byte_upright_by_their_exif_matrix(tmp_path: Path) -> None:
    ids = samples.required_ids(tmp_path)
    photos = [samples.photo(tmp_path / f"p{o}.jpg", (800, 600), o) for o in range(1, 9)]
    files = {i: [samples.photo(tmp_path / f"{i}.jpg", (600, 800), 1)] for i in ids}
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
        frame = reading.read(photo, photo.name).frames[0]
        assert image["/Filter"] == "/DCTDecode"
        assert (image["/Width"], image["/Height"]) == (frame.width, frame.height)  # as stored
        drawn = page["/Contents"][0].get_object().get_data().split(b" cm ")[0].split(b"q ")[1]
        assert drawn == assembly._numbers(pages.frame_matrix(frame))


def test_a_photo_that_changes_after_the_check_goes_in_as_it_was_checked(tmp_path: Path) -> None:
    """The build draws the bytes the reader read and judged: a file changed since is not
    read again, so what `dossier check` passed is exactly what is in the PDF."""
    files = _dossier(tmp_path, odd=False)
    report = samples.report(tmp_path, files)
    photo = next(iter(files.values()))[0]
    checked = photo.read_bytes()
    photo.write_bytes(samples.photo(tmp_path / "other.jpg", (900, 700)).read_bytes())
    bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(created=FIXED))
    written = (tmp_path / "d.pdf").read_bytes()
    assert checked in written and photo.read_bytes() not in written


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


# ------------------------------------------------------------------------------ review findings


def _cover_text(path: Path) -> str:
    return "".join(page.extract_text() for page in _reader(path).pages[:2])


def test_cover_and_author_take_the_configured_unit_as_the_forms_do(tmp_path: Path, config_dir: Path) -> None:
    from offsite_cli.base import config

    config.set_value("unit.name", "晋城市示例机械有限公司")
    folder = _cli_folder(tmp_path / "case")
    samples.case(folder, samples.CASE_TOML.replace('unit = "晋城市某某有限公司"\n', ""))
    result = _run("dossier", "build", str(folder), "--today", "2026-11-02")
    assert result.exit_code == 0, result.output
    reader = _reader(folder / "dossier.pdf")
    assert "晋城市示例机械有限公司" in reader.pages[0].extract_text()
    assert "参保单位 —" not in reader.pages[0].extract_text()
    assert reader.metadata.author == "晋城市示例机械有限公司"
    assert "晋城市示例机械有限公司" in reader.pages[1].extract_text()  # the form says the same


def test_include_unmatched_skips_an_unreadable_stray_file_with_a_warning(tmp_path: Path) -> None:
    folder = _cli_folder(tmp_path / "case")
    (folder / "备注.txt").write_text("记得周五前交", encoding="utf-8")
    samples.photo(folder / "misc.jpg", (600, 850))
    result = _run("dossier", "build", str(folder), "--include-unmatched", "--today", "2026-11-02")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "备注.txt" in line]
    assert len(warnings) == 1 and "未放入 PDF" in warnings[0]
    cover = _cover_text(folder / "dossier.pdf")
    assert "备注.txt" in cover and "材料不全" not in cover
    assert "misc.jpg" in [item.title for item in _reader(folder / "dossier.pdf").outline[-1]]


@pytest.mark.parametrize("status", [Status.OK, Status.UNREADABLE])  # dossier check's verdict either way
def test_a_document_keeps_its_readable_files_and_lists_the_bad_ones(tmp_path: Path, status: Status) -> None:
    files = _dossier(tmp_path, odd=False)
    (tmp_path / "receipt-notes.docx").write_bytes(b"PK\x03\x04 not a scan")
    (tmp_path / "receipt-2.jpg").write_bytes(b"")
    report = samples.report(tmp_path, files)
    receipt = next(d for d in report.documents if d.id == "receipt")
    receipt.files += [samples.info(tmp_path / "receipt-notes.docx", tmp_path, False, "不支持的文件类型"),
                      samples.info(tmp_path / "receipt-2.jpg", tmp_path)]  # 0 bytes, yet "readable"
    receipt.status = status
    result = bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(created=FIXED))
    assert result.complete and result.missing == [] and result.unreadable == []
    assert [name for name, _ in result.skipped] == ["receipt-2.jpg", "receipt-notes.docx"]
    section = next(s for s in result.sections if s.key == "receipt")
    assert section.titles == ["receipt.jpg"]
    cover = _cover_text(tmp_path / "d.pdf")
    assert "receipt-notes.docx" in cover and "receipt-2.jpg" in cover and "材料不全" not in cover


def test_a_required_document_with_no_readable_file_is_unreadable_not_missing(tmp_path: Path) -> None:
    files = _dossier(tmp_path, odd=False)
    report = samples.report(tmp_path, files)
    receipt = next(d for d in report.documents if d.id == "receipt")
    (tmp_path / "receipt.docx").write_bytes(b"PK\x03\x04")
    receipt.files = [samples.info(tmp_path / "receipt.docx", tmp_path, False, "不支持的文件类型")]
    receipt.status = Status.UNREADABLE
    with pytest.raises(bundle.Incomplete) as caught:
        bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(created=FIXED))
    details = caught.value.as_json()
    assert details["missing"] == [] and details["unreadable"] == [["receipt.docx", "不支持的文件类型"]]
    assert details["gaps"].startswith("无法读取 1 项：医疗费用收据（发票）原件（receipt.docx：")


def test_missing_summary_gives_the_total_and_how_many_more(tmp_path: Path) -> None:
    report = samples.report(tmp_path, {})
    required = [d for d in report.documents if d.required]
    for document in required[:2]:
        document.status = Status.MISSING
    extra = [DocumentResult(id=f"x{n}", name=f"材料{n}", required=True, stage="claim", status=Status.MISSING)
             for n in range(7 - len(required))]
    report.documents += extra
    names = [d.name for d in report.documents if d.required]
    assert len(names) == 7
    for lang, expected in (("zh", f"缺少 7 项：{'、'.join(names[:3])} 等"),
                           ("en", f"7 missing: {', '.join(names[:3])} and 4 more")):
        with pytest.raises(bundle.Incomplete) as caught:
            bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(lang=lang, created=FIXED))
        assert caught.value.params["what"] == expected
        assert caught.value.details["missing"] == [d.id for d in report.documents if d.required]


def test_check_and_build_agree_on_missing_and_unreadable(tmp_path: Path) -> None:
    folder = _cli_folder(tmp_path / "case")
    for document_id in ("receipt", "discharge-certificate"):
        for path in (folder / document_id).iterdir():
            path.unlink()
    (folder / "receipt" / "发票.docx").write_bytes(b"PK\x03\x04 word")
    (folder / "discharge-certificate" / "出院小结.jpg").write_bytes(b"")
    check = json.loads(_run("dossier", "check", str(folder), "--json", "--today", "2026-11-02").stdout)
    built = _run("dossier", "build", str(folder), "--json", "--today", "2026-11-02")
    assert built.exit_code == 1
    document = json.loads(built.stdout)
    statuses = {i: d["status"] for i, d in check["documents"].items() if d["required"]}
    assert document["missing"] == [i for i, s in statuses.items() if s == "missing"] == []
    unreadable = sorted(name for name, _ in document["unreadable"])
    assert unreadable == ["discharge-certificate/出院小结.jpg", "receipt/发票.docx"]
    assert sorted(i for i, s in statuses.items() if s == "unreadable") == ["discharge-certificate", "receipt"]
    assert "无法读取 2 项" in document["gaps"] and "缺少" not in document["gaps"]


def test_json_refusal_is_still_one_json_document(tmp_path: Path) -> None:
    folder = _cli_folder(tmp_path / "case")
    for path in (folder / "receipt").iterdir():
        path.unlink()
    result = _run("dossier", "build", str(folder), "--json", "--today", "2026-11-02", "--lang", "en")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["path"] is None and document["complete"] is False
    assert document["missing"] == ["receipt"] and document["unreadable"] == []
    assert document["pages"] == 0 and document["bytes"] == 0 and document["documents"] == []
    assert document["gaps"].startswith("1 missing: ")
    assert len(result.stderr.strip().splitlines()) == 1 and "--allow-incomplete" in result.stderr
    assert not (folder / "dossier.pdf").exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_deadline_reminder_wraps_inside_the_box(tmp_path: Path, lang: str) -> None:
    from datetime import date

    files = _dossier(tmp_path, odd=False)
    report = samples.report(tmp_path, files)
    deadlines = report.classification.deadlines
    long_name = "reimbursement application deadline at the insured place's agency" if lang == "en" else None
    deadlines[0] = deadlines[0]._replace(provisional=True, rolled_from=date(2026, 12, 13),
                                         name=long_name or deadlines[0].name)
    bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(lang=lang, created=FIXED))
    cover = _reader(tmp_path / "d.pdf").pages[0].extract_text()
    flat = cover.replace("\n", " ")
    assert "2026-12-13" in flat and "…" not in cover
    assert ("provisional" if lang == "en" else "暂定") in flat
    if lang == "en":
        assert "agency" in flat


def test_build_warns_when_receipts_do_not_add_up_like_the_forms(tmp_path: Path) -> None:
    from offsite_cli.base import amounts
    from offsite_cli.base.i18n import text

    folder = _cli_folder(tmp_path / "case")
    samples.case(folder, samples.CASE_TOML + '\n[[receipts]]\nnumber = "1"\ndate = 2026-10-20\namount = 100.00\n')
    expected = text("forms_total_differs", "en", receipts=amounts.figures(100.0), amount=amounts.figures(12873.5))
    forms = _run("dossier", "forms", str(folder), "--today", "2026-11-02", "--lang", "en")
    assert expected in forms.stderr
    result = _run("dossier", "build", str(folder), "--today", "2026-11-02", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if expected in line]


def test_files_of_a_document_go_in_natural_order_front_before_back() -> None:
    names = ["卡/社保卡反面.jpg", "卡/社保卡正面.jpg", "scan-p10.jpg", "scan-p2.jpg", "card-back.png",
             "card-front.png", "background.jpg"]
    assert sorted(names, key=bundle.file_order) == [
        "background.jpg", "card-front.png", "card-back.png", "scan-p2.jpg", "scan-p10.jpg",
        "卡/社保卡正面.jpg", "卡/社保卡反面.jpg"]


def test_the_example_card_copy_goes_front_first(tmp_path: Path) -> None:
    import shutil

    example = Path(__file__).resolve().parents[1] / "examples" / "zhang-wei-2026-11"
    folder = tmp_path / "example"
    shutil.copytree(example, folder)
    result = _run("dossier", "build", str(folder), "--today", "2026-11-14", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 0, result.output
    card = next(item for item in _reader(tmp_path / "x.pdf").outline if isinstance(item, list)
                and any("社保卡" in child.title for child in item))
    assert [child.title.rsplit("/", 1)[-1] for child in card] == ["社保卡正面.jpg", "社保卡反面.jpg"]


@pytest.mark.parametrize("lang, words", [("zh", "可选，未提供"), ("en", "optional, not provided")])
def test_an_absent_optional_document_says_not_provided(tmp_path: Path, lang: str, words: str) -> None:
    files = _dossier(tmp_path, odd=False)
    report = samples.report(tmp_path, files)
    assert any(not d.required and not d.files for d in report.documents)
    bundle.build(report, [], tmp_path / "d.pdf", bundle.Options(lang=lang, created=FIXED))
    cover = _cover_text(tmp_path / "d.pdf")
    assert words in cover and "不需要" not in cover and "not needed" not in cover


@pytest.mark.parametrize("lang, words", [("zh", "不存在"), ("en", "does not exist")])
def test_output_in_a_missing_folder_or_a_folder_is_bad_input(tmp_path: Path, lang: str, words: str) -> None:
    folder = _cli_folder(tmp_path / "case")
    target = tmp_path / "nowhere" / "x.pdf"
    result = _run("dossier", "build", str(folder), "-o", str(target), "--lang", lang)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and "-o/--output" in line and str(target) in line and words in line
    assert "No such file" not in line
    result = _run("dossier", "build", str(folder), "-o", str(tmp_path), "--lang", lang)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and "-o/--output" in line and str(tmp_path) in line
    assert "Is a directory" not in line and not list(tmp_path.glob("*.pdf"))


def test_output_never_overwrites_a_file_of_the_dossier(tmp_path: Path) -> None:
    folder = _cli_folder(tmp_path / "case")
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    for name in ("case.toml", "notes.txt"):
        before = (folder / name).read_bytes()
        result = _run("dossier", "build", str(folder), "-o", str(folder / name), "--today", "2026-11-02")
        assert result.exit_code == 2, result.output
        assert (folder / name).read_bytes() == before
    result = _run("dossier", "build", str(folder), "-o", str(folder / "other.pdf"), "--today", "2026-11-02")
    assert result.exit_code == 0  # a new file inside the folder is fine


TRAVEL_TOML = samples.CASE_TOML.replace('category = "stationed-worker"', 'category = "temporary"')


@pytest.mark.parametrize("lang,status", [("zh", "已生成，待盖章"), ("en", "filled in, needs the seal")])
def test_a_form_the_tool_fills_stands_for_its_document(tmp_path: Path, lang: str, status: str) -> None:
    """The unit certificate is filled by `dossier forms`: the build counts it (still to be sealed)
    instead of refusing over it; `dossier check` still says it is missing, and that the tool fills it."""
    folder = tmp_path / "case"
    folder.mkdir()
    samples.case(folder, TRAVEL_TOML)
    ids = samples.required_ids(folder, TRAVEL_TOML)
    assert "unit-certificate" in ids
    for document_id in ids:
        if document_id != "unit-certificate":
            (folder / document_id).mkdir()
            samples.photo(folder / document_id / "1.jpg", (600, 850))
    result = _run("dossier", "build", str(folder), "--json", "--today", "2026-11-02", "--lang", lang,
                  "--forms-lang", lang)  # (the cover is the office's: in the forms' language)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["complete"] and document["missing"] == []
    assert document["filled"] == {"unit-certificate": "seal"}
    cover = _cover_text(folder / "dossier.pdf")
    assert status in cover
    assert ("缺少" if lang == "zh" else "MISSING") not in cover
    check = _run("dossier", "check", str(folder), "--today", "2026-11-02", "--lang", lang)
    assert check.exit_code == 1
    assert "offsite dossier forms" in " ".join(check.stdout.split())
    check = _run("dossier", "check", str(folder), "--json", "--today", "2026-11-02")
    assert json.loads(check.stdout)["documents"]["unit-certificate"]["form"] == "unit-certificate"


def test_a_document_no_form_stands_for_still_refuses(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    samples.case(folder, TRAVEL_TOML)
    for document_id in samples.required_ids(folder, TRAVEL_TOML):
        if document_id != "receipt":
            (folder / document_id).mkdir()
            samples.photo(folder / document_id / "1.jpg", (600, 850))
    result = _run("dossier", "build", str(folder), "--json", "--today", "2026-11-02")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["missing"] == ["receipt"]
