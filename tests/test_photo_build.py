"""Photos in the dossier PDF (issue 13): straightened sheets, cards front and back on one page at
their real size, receipts several to a page in order, the copier's look, --as-taken, and what
`dossier check` says it will do — all measured in the PDF as a reader sees it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from dossier_fixtures import TODAY, make_pdf, run, write_case

import photo_samples as samples
from offsite_cli.pdf import pages

MM = 72 / 25.4
CARD = (85.60, 53.98)  # profiles/cn-national.toml [[sizes]] card


def _dossier(folder: Path, receipts: int = 8) -> Path:
    """Every required document; the card's two sides, a discharge summary and `receipts`
    receipts as phone photos on a desk."""
    write_case(folder)
    samples_dir = folder / "card-copy"
    samples_dir.mkdir(parents=True)
    samples.document_photo(samples_dir / "社保卡正面.jpg", samples.card(), tilt=12, turn=8, spin=-10, fill=0.35)
    samples.document_photo(samples_dir / "社保卡反面.jpg", samples.card(side="反面"), tilt=-15, turn=-12,
                           spin=20, fill=0.3, seed=4, orientation=6)
    (folder / "receipt").mkdir()
    for number in range(1, receipts + 1):
        samples.document_photo(folder / "receipt" / f"门特收据{number}.jpg", samples.receipt(number=number),
                               tilt=14 + number, turn=5 - number, spin=3 * (number % 3) - 3, fill=0.5,
                               seed=number)
    (folder / "discharge-certificate").mkdir()
    samples.document_photo(folder / "discharge-certificate" / "出院小结.jpg", samples.text_page(), orientation=6)
    make_pdf(folder / "filing-form" / "备案表.pdf", "异地就医备案表")
    make_pdf(folder / "expense-list" / "清单.pdf", "住院费用明细清单")
    make_pdf(folder / "medical-record" / "病案.pdf", "病案首页")
    return folder


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _dossier(tmp_path_factory.mktemp("photos") / "case")


def _build(folder: Path, *args: str, output: str = "dossier.pdf") -> dict:
    result = run("dossier", "build", str(folder), "-o", str(folder.parent / output), "--json",
                 "--today", TODAY, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _images(page) -> list[tuple[dict, tuple[float, ...]]]:  # noqa: ANN001
    """The images drawn on a page with the matrix each is drawn by (from the page's content)."""
    content = page["/Contents"][0].get_object().get_data().decode("latin-1")
    xobjects = page["/Resources"]["/XObject"]
    found = []
    for numbers, name in re.findall(r"q ([-\d. ]+) cm (/\w+) Do", content):
        xobject = xobjects[name].get_object()
        if xobject.get("/Subtype") == "/Image":
            found.append((xobject, tuple(float(v) for v in numbers.split())))
    return found


def _outline(reader) -> dict[str, int]:  # noqa: ANN001
    pages_of: dict[str, int] = {}

    def walk(items) -> None:  # noqa: ANN001
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                pages_of[item.title] = reader.get_destination_page_number(item) + 1
    walk(reader.outline)
    return pages_of


@pytest.fixture(scope="module")
def built(dossier: Path):  # noqa: ANN201
    from pypdf import PdfReader

    document = _build(dossier)
    return document, PdfReader(document["path"])


def test_cards_front_and_back_on_one_a4_page_at_real_size(built) -> None:  # noqa: ANN001
    document, reader = built
    card = next(d for d in document["documents"] if d["id"] == "card-copy")
    assert card["pages"][0] == card["pages"][1]  # one page for both sides
    page = reader.pages[card["pages"][0] - 1]
    assert sorted(round(float(v)) for v in page.mediabox[2:]) == [595, 842]
    images = _images(page)
    assert len(images) == 2
    (front, front_matrix), (back, back_matrix) = images
    for matrix in (front_matrix, back_matrix):  # drawn upright, 85.6 × 54 mm
        a, b, c, d, e, f = matrix
        assert b == c == 0
        assert a == pytest.approx(CARD[0] * MM, abs=0.5) and d == pytest.approx(CARD[1] * MM, abs=0.5)
    assert front_matrix[5] > back_matrix[5]  # the front above the back
    text = page.extract_text()
    assert "正面" in text and "反面" in text and text.index("正面") < text.index("反面")
    bookmarks = _outline(reader)
    assert bookmarks["card-copy/社保卡正面.jpg"] == bookmarks["card-copy/社保卡反面.jpg"] == card["pages"][0]


def test_eight_receipts_on_two_pages_in_order_each_named(built) -> None:  # noqa: ANN001
    document, reader = built
    receipt = next(d for d in document["documents"] if d["id"] == "receipt")
    first, last = receipt["pages"]
    assert last == first + 1
    bookmarks = _outline(reader)
    for number in range(1, 9):
        assert bookmarks[f"receipt/门特收据{number}.jpg"] == first + (number - 1) // 4
    for offset, numbers in enumerate(((1, 2, 3, 4), (5, 6, 7, 8))):
        page = reader.pages[first - 1 + offset]
        images = _images(page)
        assert len(images) == 4
        tops = [matrix[5] + matrix[3] for _, matrix in images]
        assert tops == sorted(tops, reverse=True)  # one under the other, in their order
        text = page.extract_text()
        names = [text.index(f"门特收据{n}.jpg") for n in numbers]
        assert names == sorted(names)
        for _, (a, _, _, d, _, _) in images:  # legible: each at least 11 cm wide
            assert a >= 110 * MM and d > 0


def test_a_straightened_page_is_the_sheet_alone_and_the_cover_says_so(built) -> None:  # noqa: ANN001
    document, reader = built
    summary = next(d for d in document["documents"] if d["id"] == "discharge-certificate")
    page = reader.pages[summary["pages"][0] - 1]
    (image, matrix), = _images(page)
    width, height = image["/Width"], image["/Height"]
    assert width / height == pytest.approx(1240 / 1754, rel=0.02)  # the page's shape, not the photo's 4:3
    assert matrix[3] / matrix[0] == pytest.approx(height / width, rel=0.01)  # drawn upright, unstretched
    card = next(d for d in document["documents"] if d["id"] == "card-copy")
    receipt = next(d for d in document["documents"] if d["id"] == "receipt")
    expected = sorted({card["pages"][0], receipt["pages"][0], receipt["pages"][1], summary["pages"][0]})
    assert document["straightened"] == expected
    cover = reader.pages[0].extract_text()
    assert "透视校正" in cover
    shown = f"{expected[0]}、{expected[1]}–{expected[3]}" if expected[1:] == list(range(expected[1], expected[1] + 3)) else None
    assert shown and shown in cover.replace(" ", "")


def test_the_copier_look_makes_the_file_smaller_and_gray_or_bw_on_request(dossier: Path, built) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    off = _build(dossier, "--scan-look", "off", output="off.pdf")
    auto = built[0]  # the default: --scan-look auto
    assert auto["bytes"] < off["bytes"]
    gray = _build(dossier, "--scan-look", "gray", output="gray.pdf")
    bw = _build(dossier, "--scan-look", "bw", output="bw.pdf")
    assert bw["bytes"] < gray["bytes"] < off["bytes"]
    summary = next(d for d in gray["documents"] if d["id"] == "discharge-certificate")["pages"][0]
    (image, _), = _images(PdfReader(gray["path"]).pages[summary - 1])
    assert image["/ColorSpace"] == "/DeviceGray" and image["/Filter"] == "/DCTDecode"
    (image, _), = _images(PdfReader(bw["path"]).pages[summary - 1])
    assert image["/BitsPerComponent"] == 1 and image["/Filter"] == "/FlateDecode"
    (image, _), = _images(PdfReader(off["path"]).pages[summary - 1])
    assert image["/ColorSpace"] == "/DeviceRGB"
    # --compress still applies after the look: a card at 150 dpi of its real size, smaller file
    compressed = _build(dossier, "--compress", output="small.pdf")
    card = next(d for d in auto["documents"] if d["id"] == "card-copy")["pages"][0]
    (small, _), _ = _images(PdfReader(compressed["path"]).pages[card - 1])
    (full, _), _ = _images(PdfReader(auto["path"]).pages[card - 1])
    assert small["/Width"] == round(CARD[0] / 25.4 * 150) < full["/Width"]
    assert compressed["bytes"] < auto["bytes"] and compressed["compressed"]["dpi"] == 150


def test_as_taken_puts_every_photo_in_byte_for_byte_a_page_each(dossier: Path) -> None:
    from pypdf import PdfReader

    document = _build(dossier, "--as-taken", output="taken.pdf")
    data = Path(document["path"]).read_bytes()
    for photo in dossier.rglob("*.jpg"):
        assert photo.read_bytes() in data
    receipt = next(d for d in document["documents"] if d["id"] == "receipt")
    assert receipt["pages"][1] - receipt["pages"][0] == 7
    card = next(d for d in document["documents"] if d["id"] == "card-copy")
    assert card["pages"][1] - card["pages"][0] == 1
    assert document["straightened"] == []
    assert "透视校正" not in PdfReader(document["path"]).pages[0].extract_text()


def test_bad_scan_look_is_one_line_naming_the_option(dossier: Path) -> None:
    result = run("dossier", "build", str(dossier), "--scan-look", "sepia", "-o", str(dossier.parent / "x.pdf"))
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "--scan-look" in result.stderr and "sepia" in result.stderr
    assert not (dossier.parent / "x.pdf").exists()


def test_check_says_what_the_build_will_do_and_when_no_sheet_is_found(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "220")  # the table's prose folds at 80: read it unfolded
    folder = _dossier(tmp_path / "case", receipts=2)
    samples.no_document(folder / "receipt" / "门特收据3.jpg")
    samples.screenshot(folder / "receipt" / "电子发票截图.jpg")
    result = run("dossier", "check", str(folder), "--json", "--today", TODAY)
    report = json.loads(result.stdout)
    files = {f["path"]: f for d in report["documents"].values() for f in d["files"]}
    assert files["card-copy/社保卡正面.jpg"]["sheet"]["straighten"] is True
    assert files["card-copy/社保卡正面.jpg"]["sheet"]["layout"] == "card"
    assert files["receipt/门特收据1.jpg"]["sheet"]["layout"] == "slip"
    assert files["discharge-certificate/出院小结.jpg"]["sheet"]["layout"] == "page"
    assert len(files["discharge-certificate/出院小结.jpg"]["sheet"]["corners"]) == 4
    lost = files["receipt/门特收据3.jpg"]
    assert lost["sheet"] == {"outcome": "none", "straighten": False, "layout": "page"}
    assert any("未找到纸张边缘" in p for p in lost["problems"])
    assert any("门特收据3.jpg" in p and "未找到纸张边缘" in p for p in report["documents"]["receipt"]["problems"])
    screenshot = files["receipt/电子发票截图.jpg"]
    assert screenshot["sheet"]["outcome"] == "fills" and screenshot["problems"] == []
    assert report["documents"]["receipt"]["status"] == "ok"  # a problem to look at, not a gap
    people = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "zh")
    assert "将拉正" in people.stdout and "未找到纸张边缘" in people.stdout


def test_the_sheet_is_found_once_per_photo_for_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.files import scan

    folder = _dossier(tmp_path / "case", receipts=3)
    calls: list[int] = []
    real = scan.find_sheet

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(scan, "find_sheet", counting)
    _build(folder)
    assert len(calls) == len(list(folder.rglob("*.jpg"))) == 6
    calls.clear()
    _build(folder, "--as-taken", output="taken.pdf")  # photos as they are: not even looked at
    assert calls == []


def test_printed_pixels_never_upscale() -> None:
    assert pages.printed_pixels((1000, 500), (0, 0, 72 * 10, 72 * 5), 150) == (1000, 500)
    assert pages.printed_pixels((3000, 1500), (0, 0, 72 * 10, 72 * 5), 150) == (1500, 750)


def test_the_command_offers_the_looks_there_are() -> None:
    from offsite_cli.cli import dossier_build
    from offsite_cli.files import look

    assert dossier_build.LOOKS == look.LOOKS


def test_the_build_after_a_check_takes_the_sheets_it_found(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A clerk checks, then builds: the build straightens from the corners the check found, and
    no photo is looked at twice; a photo that changed (or a cache from another version) is."""
    import os

    from offsite_cli.files import scan

    folder = _dossier(tmp_path / "case", receipts=2)
    first = json.loads(run("dossier", "check", str(folder), "--json", "--today", TODAY).stdout)
    looked: list[int] = []
    find = scan.find_sheet

    def counting(data: bytes, kind: str, orientation: int = 1):  # noqa: ANN202
        looked.append(len(data))
        return find(data, kind, orientation)

    monkeypatch.setattr(scan, "find_sheet", counting)
    again = json.loads(run("dossier", "check", str(folder), "--json", "--today", TODAY).stdout)
    assert looked == [] and again["documents"] == first["documents"]
    built = _build(folder)
    assert looked == [] and built["pages"] > 0
    # what the cache holds: hashes, outcomes, corners; no name, no file name, no ID number
    cached = [path for path in (tmp_path / "home" / "cache" / "sheets").glob("*.json")] or \
        list(Path(os.environ["OFFSITE_CACHE_DIR"], "sheets").glob("*.json"))
    assert len(cached) == 1
    held = cached[0].read_text(encoding="utf-8")
    assert "收据" not in held and ".jpg" not in held and "110101" not in held
    # a photo replaced by another is looked at again (and only that one)
    samples.no_document(folder / "receipt" / "门特收据2.jpg")
    changed = json.loads(run("dossier", "check", str(folder), "--json", "--today", TODAY).stdout)
    assert len(looked) == 1
    files = {f["path"]: f for d in changed["documents"].values() for f in d["files"]}
    assert files["receipt/门特收据2.jpg"]["sheet"]["outcome"] == "none"
    # a cache that is not ours, or damaged, is no answer: every photo is looked at again
    cached[0].write_text('{"code": ["0.0.0"], "sheets": {"x": {"outcome": "found"}}}', encoding="utf-8")
    looked.clear()
    json.loads(run("dossier", "check", str(folder), "--json", "--today", TODAY).stdout)
    photos = len([f for d in changed["documents"].values() for f in d["files"] if f.get("sheet")])
    assert len(looked) == photos
    cached[0].write_bytes(b"\xff\xfe not json")
    looked.clear()
    again = json.loads(run("dossier", "check", str(folder), "--json", "--today", TODAY).stdout)
    assert len(looked) == photos and again["documents"] == changed["documents"]


def test_a_cached_sheet_of_the_wrong_shape_is_no_sheet() -> None:
    from offsite_cli.files import scan

    assert scan.sheet_of_json({"outcome": "none"}) == scan.Sheet("none")
    found = scan.Sheet("found", ((1.0, 2.0), (30.0, 2.0), (30.0, 40.0), (1.0, 40.0)), (29, 38))
    assert scan.sheet_of_json(json.loads(json.dumps(found.as_json()))) == found
    for bad in ({}, {"outcome": "maybe"}, {"outcome": "found", "corners": [[0, 0]], "size": [1, 1]},
                {"outcome": "found", "corners": [[0, 0]] * 4, "size": [0, 5]},
                {"outcome": "found", "corners": [["nan", 0]] * 4, "size": [3, 5]}, [], "found"):
        assert scan.sheet_of_json(bad) is None


def test_a_build_from_the_sheets_found_before_is_the_same_pdf(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793000000")
    folder = _dossier(tmp_path / "case", receipts=2)
    _build(folder, output="first.pdf")  # (the font's own cache made too)
    sheets = Path(os.environ["OFFSITE_CACHE_DIR"], "sheets")
    assert list(sheets.glob("*.json"))
    shutil.rmtree(sheets)
    _build(folder, output="cold.pdf")  # every photo looked at
    _build(folder, output="warm.pdf")  # every sheet as found before
    assert (tmp_path / "cold.pdf").read_bytes() == (tmp_path / "warm.pdf").read_bytes()


def test_a_fifo_or_a_folder_where_the_caches_go_is_no_cache_and_no_hang(tmp_path: Path) -> None:
    """Something else put where a cache file goes (a FIFO would hang a plain read) is passed
    over: the check reads the files, says the same, and the cache is written anew."""
    import os
    import subprocess
    import sys

    folder = _dossier(tmp_path / "case", receipts=1)
    cache = tmp_path / "cache"
    environment = dict(os.environ, OFFSITE_CACHE_DIR=str(cache))
    command = [sys.executable, "-m", "offsite_cli", "dossier", "check", str(folder), "--json", "--today", TODAY]
    first = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)
    made = list((cache / "sheets").glob("*.json")) + list((cache / "digests").glob("*.json"))
    assert len(made) == 2
    for path in made:
        path.unlink()
        os.mkfifo(path)
    again = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=60)
    assert again.returncode == first.returncode and json.loads(again.stdout) == json.loads(first.stdout)
    assert all(path.is_file() for path in made)  # written anew over what was there


def test_fifos_at_every_cache_file_hang_no_command(tmp_path: Path) -> None:
    """The profile, font, holiday, digest, sheet and compiled-template caches: each replaced by a FIFO, the build
    still finishes, the same PDF, and the caches are made anew."""
    import os
    import subprocess
    import sys

    folder = _dossier(tmp_path / "case", receipts=1)
    cache = tmp_path / "cache"
    environment = dict(os.environ, OFFSITE_CACHE_DIR=str(cache), SOURCE_DATE_EPOCH="1793000000")
    command = [sys.executable, "-m", "offsite_cli", "dossier", "build", str(folder), "--json", "--today", TODAY,
               "-o", str(tmp_path / "out.pdf")]
    first = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)
    assert first.returncode == 0, first.stderr
    made = [path for path in cache.rglob("*") if path.is_file() and not path.name.startswith(".")]
    assert {path.parent.name for path in made} >= {"profiles", "fonts", "digests", "sheets"}
    assert any(path.parent.parent.name == "templates" for path in made)  # the compiled forms
    before = (tmp_path / "out.pdf").read_bytes()
    for path in made:
        path.unlink()
        os.mkfifo(path)
    again = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "out.pdf").read_bytes() == before
