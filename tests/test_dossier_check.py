"""`offsite dossier check`: matching files to documents, file checks, statuses, JSON, exit codes."""

from __future__ import annotations

import json
import os
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from dossier_fixtures import (
    CASE_TEXT, ID_NUMBER, REQUIRED, TODAY, complete_dossier, make_encrypted_pdf, make_image, make_pdf,
    run, run_json, snapshot, write_case,
)

from offsite_cli import pipeline
from offsite_cli.files import reading
from offsite_cli.policy import profiles
from offsite_cli.dossier.checklist import Status
from offsite_cli.base.i18n import text


def check(folder: Path, passwords: dict[str, str] | None = None, keep: bool = False):  # noqa: ANN201
    return pipeline.open_dossier(folder, date.fromisoformat(TODAY), "en", passwords=passwords,
                                 keep=keep).report


def status_of(report, document_id: str) -> Status:  # noqa: ANN001
    return next(d for d in report.documents if d.id == document_id).status


def test_complete_dossier_matches_in_each_way_and_exits_0(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "张伟")
    before = snapshot(folder)
    result, report = run_json("dossier", "check", str(folder), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert report["complete"] is True
    documents = report["documents"]
    assert [d for d in REQUIRED if documents[d]["status"] != "ok"] == []
    matched = {f["path"]: (document_id, f["matched_by"])
               for document_id, item in documents.items() for f in item["files"]}
    assert matched["card-copy/front.jpg"] == ("card-copy", "folder")
    assert matched["filing-form-异地就医备案表（已确认）复印件/表.pdf"] == ("filing-form", "folder")
    assert matched["发票/IMG_0001.jpg"] == ("receipt", "folder")
    assert matched["住院费用明细清单.pdf"] == ("expense-list", "name")
    assert matched["scan-0002.pdf"] == ("discharge-certificate", "text")
    assert matched["scans/p3.png"] == ("medical-record", "documents")
    expense = documents["expense-list"]["files"][0]
    assert expense["pages"] == 3 and expense["kind"] == "pdf"
    assert documents["id-copy"]["status"] == "not_required"
    assert report["unmatched"] == [] and report["ambiguous"] == {}
    assert report["deadline"] == "2026-12-14" and report["days_left"] == 24
    assert report["person"]["id_number"] != ID_NUMBER
    assert ID_NUMBER not in result.stdout
    assert snapshot(folder) == before  # check never changes the folder


def test_missing_required_document_exits_1_with_next_step(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    (folder / "发票" / "IMG_0001.jpg").unlink()
    (folder / "receipt").mkdir()
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "✗" in result.stdout and "receipt/" in result.stdout
    result, report = run_json("dossier", "check", str(folder), "--today", TODAY)
    assert result.exit_code == 1
    assert report["documents"]["receipt"]["status"] == "missing"
    assert report["documents"]["receipt"]["folder"] == "receipt"


def test_unmatched_and_ambiguous_are_reported_not_guessed(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    make_image(folder / "IMG_20261113.jpg", seed=9)
    make_image(folder / "身份证+社保卡.jpg", seed=10)
    report = check(folder)
    assert [f.relative for f in report.unmatched] == ["IMG_20261113.jpg"]
    assert report.ambiguous == {"身份证+社保卡.jpg": ["card-copy", "id-copy"]}
    card = next(d for d in report.documents if d.id == "card-copy")
    assert "身份证+社保卡.jpg" not in [f.relative for f in card.files]
    assert report.complete


def test_ignored_files(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    (folder / "README.txt").write_text("x", encoding="utf-8")
    make_pdf(folder / "dossier.pdf", "发票")
    make_pdf(folder / "forms" / "发票申请.pdf", "发票")
    make_image(folder / ".hidden.jpg")
    make_image(folder / ".git" / "发票.jpg")
    report = check(folder)
    seen = {f.relative for f in report.files}
    assert not any(name.startswith((".", "forms/")) or name in ("README.txt", "dossier.pdf",
                                                                   "case.toml") for name in seen)
    assert report.unmatched == []


def test_explicit_path_that_does_not_exist_is_missing(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    case = folder / "case.toml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        'medical-record = ["scans/p3.png"]', 'medical-record = ["scans/p3.png", "scans/无.pdf"]'),
        encoding="utf-8")
    report = check(folder)
    record = next(d for d in report.documents if d.id == "medical-record")
    assert record.status is Status.MISSING
    assert any("scans/无.pdf" in problem for problem in record.problems)
    assert not report.complete


def test_explicit_folder_and_unknown_document_id(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    make_image(folder / "misc" / "a.jpg", seed=20)
    case = folder / "case.toml"
    case.write_text(case.read_text(encoding="utf-8") + 'bank-card = ["misc"]\n', encoding="utf-8")
    report = check(folder)
    bank = next(d for d in report.documents if d.id == "bank-card")
    assert [f.relative for f in bank.files] == ["misc/a.jpg"]
    case.write_text(case.read_text(encoding="utf-8") + 'no-such-document = ["misc"]\n',
                    encoding="utf-8")
    result = run("dossier", "check", str(folder), "--today", TODAY)
    assert result.exit_code == 2
    assert "documents.no-such-document" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_password_protected_pdf(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    (folder / "发票" / "IMG_0001.jpg").unlink()
    make_encrypted_pdf(folder / "发票" / "locked.pdf", user_password="secret")
    report = check(folder)
    receipt = next(d for d in report.documents if d.id == "receipt")
    assert receipt.status is Status.UNREADABLE
    locked = receipt.files[0]
    assert not locked.readable and "password" in locked.reason
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 1 and "--password" in result.stdout
    result, data = run_json("dossier", "check", str(folder), "--today", TODAY,
                            "--password", "发票/locked.pdf=secret")
    assert result.exit_code == 0, data["documents"]["receipt"]
    assert "secret" not in result.stdout
    wrong = run("dossier", "check", str(folder), "--today", TODAY, "--password", "*=nope")
    assert wrong.exit_code == 1
    bad = run("dossier", "check", str(folder), "--password", "novalue")
    assert bad.exit_code == 2 and "--password" in bad.stderr

    # Beside a PDF that opens (owner password only), the locked one is left out, and said so.
    make_encrypted_pdf(folder / "发票" / "owner-only.pdf", user_password="")
    report = check(folder)
    receipt = next(d for d in report.documents if d.id == "receipt")
    assert receipt.status is Status.OK
    owner_only = next(f for f in receipt.files if f.relative == "发票/owner-only.pdf")
    assert owner_only.readable and owner_only.encrypted and owner_only.pages == 1
    assert any("locked.pdf" in p and "password" in p for p in receipt.problems)
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 0 and "--password" in result.stdout and "✓!" in result.stdout


@pytest.mark.parametrize("kind", ["jpeg", "png", "pdf", "webp", "bmp", "tiff"])
def test_truncated_files_are_unreadable(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"f.{kind}"
    if kind == "pdf":
        make_pdf(path, "发票", pages=2)
    else:
        make_image(path, (600, 800), kind=kind.upper(), seed=5)
    whole = reading.read(path, path.name, "en")
    assert whole.readable, whole.reason
    path.write_bytes(path.read_bytes()[: whole.size * 2 // 3])
    cut = reading.read(path, path.name, "en")
    assert not cut.readable
    assert "truncated" in cut.reason


def test_truncated_file_makes_its_document_unreadable(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    photo = folder / "发票" / "IMG_0001.jpg"
    photo.write_bytes(photo.read_bytes()[:5000])
    result, report = run_json("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 1
    receipt = report["documents"]["receipt"]
    assert receipt["status"] == "unreadable"
    assert "truncated" in receipt["problems"][0]


def test_unsupported_empty_and_duplicate_files(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    with zipfile.ZipFile(folder / "病历.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    (folder / "bank").mkdir()
    (folder / "bank" / "银行卡.jpg").write_bytes(b"")
    (folder / "card-copy" / "front-again.jpg").write_bytes((folder / "card-copy" / "front.jpg")
                                                           .read_bytes())
    report = check(folder)
    record = next(d for d in report.documents if d.id == "medical-record")
    assert record.status is Status.OK  # scans/p3.png is readable: the .docx is left out
    docx = next(f for f in record.files if f.relative == "病历.docx")
    assert "Word" in docx.reason and docx.kind == "other"
    assert any(p.startswith("病历.docx: cannot be read, left out") for p in record.problems)
    bank = next(d for d in report.documents if d.id == "bank-card")
    assert bank.status is Status.UNREADABLE and "empty" in bank.files[0].reason
    card = next(d for d in report.documents if d.id == "card-copy")
    assert card.status is Status.OK
    assert any("front.jpg: same content as card-copy/front-again.jpg" in p for p in card.problems)


def test_image_resolution(tmp_path: Path) -> None:
    low = reading.read(make_image(tmp_path / "low.jpg", (900, 700)), "low.jpg", "en")
    assert low.readable and low.dpi is not None and low.dpi < 100
    assert any("low resolution" in p for p in low.problems)
    tiny = reading.read(make_image(tmp_path / "tiny.jpg", (300, 200)), "tiny.jpg", "en")
    assert not tiny.readable and "too small" in tiny.reason
    good = reading.read(make_image(tmp_path / "ok.png", (1240, 1754), kind="PNG"), "ok.png", "en")
    assert good.readable and good.problems == [] and good.width == 1240 and good.height == 1754


def test_multi_page_tiff_and_heic(tmp_path: Path) -> None:
    from PIL import Image

    frames = [Image.new("L", (1240, 1754), shade) for shade in (200, 220, 240)]
    frames[0].save(tmp_path / "scan.tiff", save_all=True, append_images=frames[1:],
                   compression="tiff_deflate")
    tiff = reading.read(tmp_path / "scan.tiff", "scan.tiff", "en")
    assert tiff.readable and tiff.kind == "tiff" and tiff.pages == 3
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    Image.new("RGB", (1240, 1754), (240, 240, 240)).save(tmp_path / "photo.heic", quality=30)
    heic = reading.read(tmp_path / "photo.heic", "photo.heic", "en")
    assert heic.readable and heic.kind == "heic" and heic.width == 1240


def test_a_jpeg_that_goes_in_as_it_is_is_not_decoded_other_images_are(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A JPEG the build embeds byte for byte is judged by walking its markers (and looked at only
    at an eighth of its size, for the sheet's outline); a PNG, WebP or BMP is decoded, as the
    build will decode it, so that damage is found by the check."""
    from PIL import Image

    decoded: list[str] = []
    sizes: list[tuple[int, int]] = []
    load = Image.Image.load

    def counting(self):  # noqa: ANN001, ANN202
        decoded.append(self.format)
        sizes.append(self.size)
        return load(self)

    paths = {kind: make_image(tmp_path / f"a.{kind}", kind=kind) for kind in ("JPEG", "PNG", "WEBP", "BMP")}
    monkeypatch.setattr(Image.Image, "load", counting)
    jpeg = reading.read(paths.pop("JPEG"), "a.JPEG", "en")
    assert jpeg.readable and jpeg.passthrough and jpeg.sheet is not None
    assert all(max(size) <= 1754 // 2 for size in sizes)  # never decoded at its full 1240×1754
    decoded.clear()
    for kind, path in paths.items():
        info = reading.read(path, path.name, "en")
        assert info.readable, (path, info.reason)
        assert kind in decoded


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlink_outside_the_folder_is_unreadable(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    secret = make_image(tmp_path / "elsewhere" / "发票.jpg", seed=30)
    os.symlink(secret, folder / "发票" / "linked.jpg")
    os.symlink(tmp_path / "elsewhere", folder / "outside-dir")
    os.symlink(folder / "card-copy" / "back.jpg", folder / "card-copy" / "inside-link.jpg")
    report = check(folder)
    receipt = next(d for d in report.documents if d.id == "receipt")
    link = next(f for f in receipt.files if f.relative == "发票/linked.jpg")
    assert not link.readable and "outside the folder" in link.reason
    assert str(tmp_path / "elsewhere") in link.reason
    assert receipt.status is Status.OK  # 发票/IMG_0001.jpg is there; the link is left out
    assert any("linked.jpg" in problem for problem in receipt.problems)
    assert [f.relative for f in report.unmatched] == ["outside-dir"]
    card = next(d for d in report.documents if d.id == "card-copy")
    assert card.status is Status.OK


def test_alternative_document_stands_in(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT.replace("filed = true", "filed = false"))
    make_image(folder / "身份证.jpg", seed=1)
    report = check(folder)
    card = next(d for d in report.documents if d.id == "card-copy")
    assert card.required and card.status is Status.OK and card.satisfied_by == "id-copy"
    assert len([d for d in report.documents if d.id == "card-copy"]) == 1


def test_several_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the table's folder column keeps a tmp path whole
    good = complete_dossier(tmp_path / "good")
    partial = tmp_path / "partial"
    write_case(partial)
    broken = tmp_path / "broken"
    write_case(broken, "schema = 1\n[person\n")
    result, data = run_json("dossier", "check", str(good), str(partial), "--today", TODAY)
    assert result.exit_code == 1
    assert [item["complete"] for item in data] == [True, False]
    result, data = run_json("dossier", "check", str(good), str(broken), str(partial),
                            "--today", TODAY)
    assert result.exit_code == 2
    assert data[1]["case"] == str(broken) and "第 2 行" in data[1]["error"]
    assert len(result.stderr.strip().splitlines()) == 1
    people = run("dossier", "check", str(good), str(partial), "--today", TODAY, "--lang", "en")
    rows = {line.split("│")[0].strip(): line for line in people.stdout.splitlines() if "│" in line}
    assert "✓ complete" in rows[str(good)] and "✗ incomplete" in rows[str(partial)]  # one table


def test_bad_case_file_exits_2(tmp_path: Path) -> None:
    result = run("dossier", "check", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "nowhere" in result.stderr
    (tmp_path / "empty").mkdir()
    result, data = run_json("dossier", "check", str(tmp_path / "empty"))
    assert result.exit_code == 2 and data is None and "case.toml" in result.stderr
    write_case(tmp_path / "thin", "schema = 1\n[person]\ninsurance = \"employee\"\n")
    result = run("dossier", "check", str(tmp_path / "thin"), "--lang", "en")
    assert result.exit_code == 2 and "insured.region is missing" in result.stderr


# ------------------------------------------------------------------------ review of issue 3


def make_png_header(path: Path, width: int, height: int) -> Path:
    """A PNG that says it is width × height (1-bit grey) with a token IDAT: a decompression bomb
    as far as any header reader can tell, a few hundred bytes on disk."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return path


def test_decompression_bomb_is_refused_plainly(tmp_path: Path) -> None:
    bomb = make_png_header(tmp_path / "bank-card" / "bomb.png", 30000, 30000)
    chinese = reading.read(bomb, "bank-card/bomb.png", "zh")
    assert not chinese.readable
    assert chinese.reason == "图像过大（9 亿像素，超过 1.79 亿像素的上限），拒绝处理"
    english = reading.read(bomb, "bank-card/bomb.png", "en")
    assert english.reason == ("image too large (900 million pixels, over the limit of "
                              "179 million); refused")
    folder = complete_dossier(tmp_path / "d")
    make_png_header(folder / "bank-card" / "bomb.png", 30000, 30000)
    result, report = run_json("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 0, result.stderr  # bank-card is optional here
    bank = report["documents"]["bank-card"]
    assert bank["status"] == "unreadable" and bank["files"][0]["readable"] is False
    assert "could be decompression" not in result.stdout and "DOS att" not in result.stdout
    people = run("dossier", "check", str(folder), "--today", TODAY)
    assert people.exit_code == 0 and "图像过大" in people.stdout and "bomb" not in people.stderr


def test_a_bad_file_beside_good_ones_leaves_the_document_ok(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    from PIL import Image

    folder = complete_dossier(tmp_path / "d")
    card = folder / "card-copy"
    for old in card.iterdir():
        old.unlink()
    pillow_heif.register_heif_opener()
    Image.new("RGB", (1500, 950), (240, 240, 240)).save(card / "IMG_0001_正面.heic", quality=30)
    with zipfile.ZipFile(card / "背面.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    record = folder / "病历"
    for index in range(5):
        make_image(record / f"病程记录{index}.jpg", seed=40 + index)
    (record / "空.pdf").write_bytes(b"")
    result, data = run_json("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 0, data
    card_copy, medical = data["documents"]["card-copy"], data["documents"]["medical-record"]
    assert card_copy["status"] == "ok" and medical["status"] == "ok"
    assert [f["readable"] for f in card_copy["files"]] == [True, False]
    assert card_copy["problems"][0].startswith("card-copy/背面.docx: cannot be read, left out")
    assert any(p.startswith("病历/空.pdf: cannot be read") and "empty" in p
               for p in medical["problems"])
    people = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    card_row = next(line for line in people.stdout.splitlines() if "card copy" in line.lower()
                    or "Medical-insurance" in line)
    assert "✓!" in card_row  # there, with a warning to look at
    # Nothing readable at all: unreadable, exit 1.
    (card / "IMG_0001_正面.heic").unlink()
    result, data = run_json("dossier", "check", str(folder), "--today", TODAY)
    assert result.exit_code == 1 and data["documents"]["card-copy"]["status"] == "unreadable"


def column_text(output: str, index: int) -> str:
    """A table column's text, its folded lines joined, without spaces."""
    cells = [line.split("│")[index] for line in output.splitlines()
             if line.count("│") >= index]
    return "".join(cell.strip() for cell in cells).replace(" ", "")


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_never_cuts_the_problem_or_the_next_step(tmp_path: Path, columns: int, lang: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = complete_dossier(tmp_path / "d")
    make_image(folder / "医保卡（社保卡）正反面" / "IMG_0001_正面.jpg", (900, 700), seed=50)
    (folder / "发票" / "IMG_0002_背面.jpg").write_bytes(b"")
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= columns
    if columns < 100:  # too narrow for the names: one record per document, files under it
        assert "│" not in result.stdout
        assert "     医保卡（社保卡）正反面/IMG_0001_正面.jpg" in result.stdout  # whole, on its line
        reason = next_steps = flattened(result.stdout)
    else:
        reason = column_text(result.stdout, 4)
        next_steps = column_text(result.stdout, 5)
        assert "IMG_0001_正面.jpg" in column_text(result.stdout, 3)
    low = text("problem.low_dpi", lang, width=900, height=700, dpi=77, minimum=100,
               at=text("size.a4", lang))
    assert "IMG_0001_正面.jpg" + low.replace(" ", "") in reason.replace(":", "").replace("：", "")
    assert text("dossier.next.problems", lang).replace(" ", "") in next_steps
    assert text("dossier.next.skipped", lang).replace(" ", "") in next_steps


def flattened(output: str) -> str:
    """Folded text read back: lines joined, spaces gone."""
    return "".join(line.strip() for line in output.splitlines()).replace(" ", "")


def test_optional_document_not_provided(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    _, data = run_json("dossier", "check", str(folder), "--today", TODAY)
    assert data["documents"]["id-copy"]["status"] == "not_required"
    english = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en").stdout
    chinese = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "zh").stdout
    assert "optional,notprovided" in column_text(english, 4) and "可选，未提供" in chinese
    assert "不需要" not in chinese and "not required" not in english


def test_cards_are_judged_at_card_size(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    make_image(folder / "bank-card" / "卡.jpg", (1000, 630), seed=60)  # 85.6 mm wide: ~300 dpi
    make_image(folder / "bank-card" / "存折.jpg", (1000, 750), seed=61)  # 4:3, not a card: A4
    make_image(folder / "id-copy" / "小.jpg", (400, 252), seed=62)  # 34 dpi at A4, 118 on a card
    make_image(folder / "发票" / "同尺寸.jpg", (1000, 630), seed=63)  # a receipt is a page
    _, data = run_json("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    files = {f["path"]: f for d in data["documents"].values() for f in d["files"]}
    card = files["bank-card/卡.jpg"]
    assert card["dpi_at"] == "card" and 290 < card["dpi"] < 300 and card["problems"] == []
    passbook = files["bank-card/存折.jpg"]
    assert passbook["dpi_at"] == "a4" and "low resolution" in passbook["problems"][0]
    small = files["id-copy/小.jpg"]
    assert small["readable"] and small["dpi_at"] == "card" and small["problems"] == []
    receipt = files["发票/同尺寸.jpg"]
    assert receipt["dpi_at"] == "a4" and "about 76 dpi at A4" in receipt["problems"][0]
    assert not reading.read(folder / "id-copy" / "小.jpg", "小.jpg", "en").readable


def test_json_for_several_folders_has_the_one_folder_shape(tmp_path: Path) -> None:
    good = complete_dossier(tmp_path / "good")
    broken = tmp_path / "broken"
    write_case(broken, "schema = 1\n[person\n")
    _, one = run_json("dossier", "check", str(good), "--today", TODAY)
    checked, many = run_json("dossier", "check", str(good), str(broken), "--today", TODAY)
    assert checked.exit_code == 2 and isinstance(one, dict) and isinstance(many, list) and len(many) == 2
    # the one-folder object, and what a batch looks at across its dossiers: "duplicates"
    assert {k: v for k, v in many[0].items() if k != "duplicates"} == one and one["case"] == str(good)
    assert many[0]["duplicates"] == []
    assert set(one) <= set(many[1]) and many[1]["case"] == str(broken)
    assert many[1]["documents"] == {} and many[1]["complete"] is False
    assert many[1]["exit_code"] == 2 and "第 2 行" in many[1]["error"]


def test_help_documents_the_json_and_its_examples_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.setenv("COLUMNS", "200")  # one help line is one source line: paths stay whole
    for command in (["dossier", "check"], ["dossier", "new"], ["check"]):
        result = run(*command, "--help")
        assert result.exit_code == 0
        examples = re.findall(r"examples/[\w.-]+", result.stdout)
        assert examples or command == ["dossier", "new"]
        for example in examples:
            assert (root / example).is_dir(), (command, example)
    helped = run("dossier", "check", "--help").stdout
    assert "keyed by document" in helped and "a list with one such object per DIR" in helped
    assert "examples/zhang-wei-2026-11" in helped


def test_a_password_for_no_file_of_the_folder_is_said(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    make_encrypted_pdf(folder / "发票" / "locked.pdf", user_password="secret")
    for command in (["dossier", "check"], ["dossier", "build", "--allow-incomplete"]):
        result = run(*command, str(folder), "--today", TODAY, "--lang", "en", "--json",
                     "--password", "nofile.pdf=x", "--password", "locked.pdf=secret",
                     "--password", "发票/locked.pdf=secret", "--password", "*=y")
        assert result.exit_code == 0, (command, result.stderr)
        notes = [line for line in result.stderr.splitlines() if "--password" in line]
        assert len(notes) == 1 and "nofile.pdf" in notes[0] and str(folder) in notes[0], notes
        assert "=x" not in notes[0]  # the password itself is never printed
        json.loads(result.stdout)  # standard output stays one JSON document
    quiet = run("dossier", "check", str(folder), "--today", TODAY, "--password",
                "发票/locked.pdf=secret")
    assert "--password" not in quiet.stderr
