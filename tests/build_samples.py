"""Generated oddities for the page and bundle tests: photos, scans and PDFs as they come from real life."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from datetime import date
from pathlib import Path

from offsite_cli.dossier import case as case_file
from offsite_cli.policy import profiles, regions, rules
from offsite_cli.dossier.checklist import DocumentResult, DossierReport, FileInfo, Status
from offsite_cli.files import reading

TODAY = date(2026, 11, 2)
CASE_TOML = """schema = 1

[person]
name = "张三"
id_number = "140522198001011231"
insurance = "employee"
category = "stationed-worker"

[insured]
region = "140500"
unit = "晋城市某某有限公司"

[episode]
region = "310104"
hospital = "上海市第六人民医院"
care = "inpatient"
admitted = 2026-10-08
discharged = 2026-10-20
filed = true
direct_settlement = false
amount = 12873.50
"""


# ---------------------------------------------------------------------------------------- images


def photo(path: Path, size: tuple[int, int] = (800, 600), orientation: int = 1, mode: str = "RGB",
          quality: int = 85) -> Path:
    """A JPEG whose *displayed* picture is always the same: red top-left, blue top-right, white
    below; stored turned the other way round for its EXIF orientation."""
    from PIL import Image

    shown = upright(size)
    stored = shown.transpose(_INVERSE[orientation]) if orientation != 1 else shown
    if mode != "RGB":
        stored = stored.convert(mode)
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    stored.save(path, "JPEG", quality=quality, exif=exif.tobytes())
    return path


def upright(size: tuple[int, int]):  # noqa: ANN201 - a PIL image
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((0, 0, width // 2 - 1, height // 3), fill=(220, 0, 0))
    draw.rectangle((width // 2, 0, width - 1, height // 3), fill=(0, 0, 220))
    return image


def _inverse() -> dict[int, int]:
    from PIL import Image

    t = Image.Transpose
    # the stored image is the displayed one with the inverse of the orientation's transform
    return {2: t.FLIP_LEFT_RIGHT, 3: t.ROTATE_180, 4: t.FLIP_TOP_BOTTOM, 5: t.TRANSPOSE,
            6: t.ROTATE_90, 7: t.TRANSVERSE, 8: t.ROTATE_270}


class _Lazy(dict):
    def __missing__(self, key: int) -> int:
        self.update(_inverse())
        return dict.__getitem__(self, key)


_INVERSE: dict[int, int] = _Lazy()


def png16_alpha(path: Path, size: tuple[int, int] = (640, 480)) -> Path:
    """A 16-bit-per-channel RGBA PNG written by hand (Pillow cannot write one)."""
    width, height = size
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            alpha = 0 if x < width // 4 else 65535
            row += struct.pack(">HHHH", 65535 * x // width, 0, 30000, alpha)
        rows.append(bytes(row))
    return _png(path, width, height, 16, 6, b"".join(rows))


def _png(path: Path, width: int, height: int, depth: int, colour: int, raw: bytes) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
                     + chunk(b"IEND", b""))
    return path


def bomb(path: Path) -> Path:
    """A 30000×30000 1-bit PNG of a few hundred bytes: Pillow's limit must refuse it."""
    return _png(path, 30000, 30000, 1, 0, b"\x00" * 3751)


def tiff_pages(path: Path, count: int = 3, size: tuple[int, int] = (480, 640)) -> Path:
    from PIL import Image

    frames = [Image.new("L", size, 255 - 60 * i) for i in range(count)]
    frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return path


def fax(path: Path, size: tuple[int, int] = (600, 840)) -> Path:
    """A 1-bit scan (CCITT G4 TIFF), as a fax machine or a cheap scanner makes it."""
    from PIL import Image, ImageDraw

    image = Image.new("1", size, 1)
    draw = ImageDraw.Draw(image)
    for y in range(40, size[1] - 40, 24):
        draw.line((30, y, size[0] - 30, y), fill=0, width=2)
    image.save(path, "TIFF", compression="group4")
    return path


# ------------------------------------------------------------------------------------------ PDFs


def pdf(path: Path, pages: int = 2, size: tuple[float, float] = (595.2756, 841.8898),
        rotate: int = 0, text: str = "ORIGINAL", form_field: bool = False) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    for number in range(pages):
        canvas.setFont("Helvetica", 20)
        canvas.drawString(40, size[1] - 60, f"{text} {number + 1}")
        if form_field:
            canvas.acroForm.textfield(name="name", value="Zhang San", x=40, y=size[1] - 140,
                                      width=200, height=24)
        canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    if rotate:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        for page in writer.pages:
            page.rotate(rotate)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    path.write_bytes(data)
    return path


def encrypted_pdf(path: Path, password: str = "", algorithm: str = "AES-128") -> Path:
    from pypdf import PdfReader, PdfWriter

    source = pdf(path.with_suffix(".plain.pdf"))
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm=algorithm)
    writer.write(path)
    source.unlink()
    return path


def truncated_pdf(path: Path) -> Path:
    data = pdf(path.with_suffix(".whole.pdf"), pages=3).read_bytes()
    path.with_suffix(".whole.pdf").unlink()
    path.write_bytes(data[: len(data) // 3])
    return path


def crypto_available() -> bool:
    try:
        import cryptography  # noqa: F401
    except ImportError:
        try:
            import Crypto  # noqa: F401
        except ImportError:
            return False
    return True


# -------------------------------------------------------------------------------------- dossiers


def case(folder: Path, toml: str = CASE_TOML) -> case_file.Case:
    (folder / "case.toml").write_text(toml, encoding="utf-8")
    return case_file.load(folder, TODAY)


def classify(case: case_file.Case, today: date = TODAY) -> rules.Classification:
    policy = profiles.load(case.profile or profiles.DEFAULT_PROFILE)
    table = regions.table()
    assert case.insured_region and case.treatment_region
    situation = rules.Situation(
        insured_region=table.current(case.insured_region), treatment_region=case.treatment_region,
        insurance=case.insurance, category=case.category, care=case.care, admitted=case.admitted,
        discharged=case.discharged, filed=case.filed, filed_on=case.filed_on,
        direct_settlement=case.direct_settlement)
    return rules.classify(situation, policy, today, "zh")


def info(path: Path, folder: Path, readable: bool = True, reason: str = "") -> FileInfo:
    """The file as the reader reads it for a build; `readable=False`: as refused for `reason`."""
    relative = path.relative_to(folder).as_posix()
    if readable:
        return reading.read(path.absolute(), relative, "zh", keep=True)
    data = path.read_bytes() if path.exists() else b""
    return FileInfo(path=path.absolute(), relative=path.relative_to(folder).as_posix(), kind="other",
                    size=len(data), readable=readable, reason=reason,
                    sha256=hashlib.sha256(data).hexdigest())


def report(folder: Path, files: dict[str, list[Path]], unmatched: list[Path] | None = None,
           toml: str = CASE_TOML, today: date = TODAY) -> DossierReport:
    """A report as `check_dossier` would give it, with the files given per document id."""
    the_case = case(folder, toml)
    classification = classify(the_case, today)
    documents = []
    for document in classification.documents:
        found = [info(p, folder) for p in files.get(document.id, [])]
        status = Status.OK if found else Status.MISSING
        documents.append(DocumentResult(id=document.id, name=document.name, required=document.required,
                                        stage=document.stage, status=status, files=found))
    return DossierReport(case=the_case, classification=classification, documents=documents,
                         unmatched=[info(p, folder) for p in unmatched or []], ambiguous={})


def required_ids(folder: Path, toml: str = CASE_TOML) -> list[str]:
    the_case = case(folder, toml)
    return [d.id for d in classify(the_case).documents if d.required]
