"""Builders for dossier folders in tmp_path (case files, text PDFs, photos, damaged files) and the
fixtures the dossier tests share. Imported by test_case_file, test_dossier_check, test_dossier_new."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from offsite_cli.policy import ids
from offsite_cli.cli import app

ID_NUMBER = "14050219850314123" + ids.check_character("14050219850314123")

CASE_TEXT = f"""schema = 1

[person]
name = "张伟"
id_number = "{ID_NUMBER}"
insurance = "employee"
category = "stationed-worker"

[insured]
region = "140500"

[episode]
region = "310104"
hospital = "上海市示例医院"
care = "inpatient"
admitted = 2026-11-02
discharged = 2026-11-13
filed = true
direct_settlement = false
"""
TODAY = "2026-11-20"
REQUIRED = ["card-copy", "filing-form", "expense-list", "receipt", "discharge-certificate",
            "medical-record"]

def run(*args: str, input: str | None = None):  # noqa: ANN201 - a click Result
    return CliRunner().invoke(app, list(args), input=input)


def run_json(*args: str) -> tuple[Any, Any]:
    result = run(*args, "--json")
    return result, (json.loads(result.stdout) if result.stdout.strip() else None)


def write_case(folder: Path, text: str = CASE_TEXT, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "case.toml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def pdf_bytes(title: str, pages: int = 1, body: str = "") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for page in range(pages):
        sheet.setFont("STSong-Light", 16)
        sheet.drawString(72, 780, title)
        sheet.setFont("STSong-Light", 10)
        sheet.drawString(72, 750, f"{body} page {page + 1}")
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def make_pdf(path: Path, title: str = "文件", pages: int = 1, body: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(title, pages, body))
    return path


def make_image(path: Path, size: tuple[int, int] = (1240, 1754), kind: str = "JPEG",
               seed: int = 0, **save: Any) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (250, 250, 245))
    draw = ImageDraw.Draw(image)
    for index in range(12):  # some content, different per seed, so hashes differ
        y = (index * 37 + seed * 11) % max(size[1], 1)
        draw.line((10, y, size[0] - 10, (y + seed * 7) % max(size[1], 1)), fill=(20, 20, 20), width=3)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, kind, **save)
    return path


def make_encrypted_pdf(path: Path, user_password: str, owner_password: str = "owner") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes("发票"))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def complete_dossier(folder: Path) -> Path:
    """Every required document of CASE_TEXT, found in each of the four ways."""
    write_case(folder, extra='\n[documents]\nmedical-record = ["scans/p3.png"]\n')
    make_image(folder / "card-copy" / "front.jpg", (1500, 950), seed=1)
    make_image(folder / "card-copy" / "back.jpg", (1500, 950), seed=2)
    make_pdf(folder / "filing-form-异地就医备案表（已确认）复印件" / "表.pdf", "异地就医备案表")
    make_pdf(folder / "住院费用明细清单.pdf", "住院费用明细清单", pages=3)
    make_image(folder / "发票" / "IMG_0001.jpg", seed=3)
    make_pdf(folder / "scan-0002.pdf", "出院小结", body="出院诊断")
    make_image(folder / "scans" / "p3.png", kind="PNG", seed=4)
    return folder


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}
