"""`offsite dossier check`: matching files to documents, file checks, statuses, JSON, exit codes."""

from __future__ import annotations

import os
import zipfile
from datetime import date
from pathlib import Path

import pytest
from dossier_fixtures import (
    CASE_TEXT, ID_NUMBER, REQUIRED, TODAY, complete_dossier, make_encrypted_pdf, make_image, make_pdf,
    run, run_json, snapshot, write_case,
)

from offsite_cli import filecheck, profiles
from offsite_cli.checklist import Status, check_dossier


def check(folder: Path, **kwargs):  # noqa: ANN201
    return check_dossier(folder, profiles.load(), date.fromisoformat(TODAY), "en", **kwargs)


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
    make_encrypted_pdf(folder / "发票" / "owner-only.pdf", user_password="")
    report = check(folder)
    receipt = next(d for d in report.documents if d.id == "receipt")
    assert receipt.status is Status.UNREADABLE
    by_name = {f.relative: f for f in receipt.files}
    assert not by_name["发票/locked.pdf"].readable
    assert "password" in by_name["发票/locked.pdf"].reason
    owner_only = by_name["发票/owner-only.pdf"]
    assert owner_only.readable and owner_only.encrypted and owner_only.pages == 1
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


@pytest.mark.parametrize("kind", ["jpeg", "png", "pdf", "webp", "bmp", "tiff"])
def test_truncated_files_are_unreadable(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"f.{kind}"
    if kind == "pdf":
        make_pdf(path, "发票", pages=2)
    else:
        make_image(path, (600, 800), kind=kind.upper(), seed=5)
    whole = filecheck.inspect(path, path.name, "en")
    assert whole.readable, whole.reason
    path.write_bytes(path.read_bytes()[: whole.size * 2 // 3])
    cut = filecheck.inspect(path, path.name, "en")
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
    assert record.status is Status.UNREADABLE
    docx = next(f for f in record.files if f.relative == "病历.docx")
    assert "Word" in docx.reason and docx.kind == "other"
    bank = next(d for d in report.documents if d.id == "bank-card")
    assert bank.status is Status.UNREADABLE and "empty" in bank.files[0].reason
    card = next(d for d in report.documents if d.id == "card-copy")
    assert card.status is Status.OK
    assert any("front.jpg: same content as card-copy/front-again.jpg" in p for p in card.problems)


def test_image_resolution(tmp_path: Path) -> None:
    low = filecheck.inspect(make_image(tmp_path / "low.jpg", (900, 700)), "low.jpg", "en")
    assert low.readable and low.dpi is not None and low.dpi < 100
    assert any("low resolution" in p for p in low.problems)
    tiny = filecheck.inspect(make_image(tmp_path / "tiny.jpg", (300, 200)), "tiny.jpg", "en")
    assert not tiny.readable and "too small" in tiny.reason
    good = filecheck.inspect(make_image(tmp_path / "ok.png", (1240, 1754), kind="PNG"), "ok.png", "en")
    assert good.readable and good.problems == [] and good.width == 1240 and good.height == 1754


def test_multi_page_tiff_and_heic(tmp_path: Path) -> None:
    from PIL import Image

    frames = [Image.new("L", (1240, 1754), shade) for shade in (200, 220, 240)]
    frames[0].save(tmp_path / "scan.tiff", save_all=True, append_images=frames[1:],
                   compression="tiff_deflate")
    tiff = filecheck.inspect(tmp_path / "scan.tiff", "scan.tiff", "en")
    assert tiff.readable and tiff.kind == "tiff" and tiff.pages == 3
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    Image.new("RGB", (1240, 1754), (240, 240, 240)).save(tmp_path / "photo.heic", quality=30)
    heic = filecheck.inspect(tmp_path / "photo.heic", "photo.heic", "en")
    assert heic.readable and heic.kind == "heic" and heic.width == 1240


def test_images_are_not_decoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    def refuse(self):  # noqa: ANN001, ANN202
        raise AssertionError("an image was decoded")

    paths = [make_image(tmp_path / f"a.{kind}", kind=kind) for kind in ("JPEG", "PNG", "WEBP", "BMP")]
    monkeypatch.setattr(Image.Image, "load", refuse)
    for path in paths:
        info = filecheck.inspect(path, path.name, "en")
        assert info.readable, (path, info.reason)


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
    assert receipt.status is Status.UNREADABLE
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


def test_several_folders(tmp_path: Path) -> None:
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
    assert data[1]["case"] == str(broken) and "line" in data[1]["error"]
    assert len(result.stderr.strip().splitlines()) == 1
    people = run("dossier", "check", str(good), str(partial), "--today", TODAY, "--lang", "en")
    lines = people.stdout.splitlines()
    assert any(str(good) in line and "6/6 required documents" in line for line in lines)
    assert any(str(partial) in line and "0/6" in line for line in lines)


def test_bad_case_file_exits_2(tmp_path: Path) -> None:
    result = run("dossier", "check", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "nowhere" in result.stderr
    (tmp_path / "empty").mkdir()
    result, data = run_json("dossier", "check", str(tmp_path / "empty"))
    assert result.exit_code == 2 and data is None and "case.toml" in result.stderr
    write_case(tmp_path / "thin", "schema = 1\n[person]\ninsurance = \"employee\"\n")
    result = run("dossier", "check", str(tmp_path / "thin"), "--lang", "en")
    assert result.exit_code == 2 and "insured.region is missing" in result.stderr
