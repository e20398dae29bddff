"""OFD files end to end: `dossier check` reads them like PDFs and `dossier build` puts their drawn
pages into the bundle on A4, bookmarked, with the OFD's own text extractable, and valid."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from dossier_fixtures import TODAY, run, write_case

DATA = Path(__file__).parent / "data" / "ofd"
SAMPLES = sorted(path.name for path in DATA.glob("*.ofd"))


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"\s+", text) if word]


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_is_checked_and_built_with_its_text_on_a4(tmp_path: Path, name: str) -> None:
    import pikepdf
    from pypdf import PdfReader

    from offsite_cli.files.ofd import open_ofd

    folder = tmp_path / "dossier"
    write_case(folder)
    (folder / "receipt").mkdir()
    data = (DATA / name).read_bytes()
    (folder / "receipt" / name).write_bytes(data)
    document = open_ofd(data)

    checked = run("dossier", "check", str(folder), "--today", TODAY, "--json")
    report = json.loads(checked.stdout)
    (info,) = report["documents"]["receipt"]["files"]
    assert info["kind"] == "ofd" and info["readable"] is True, info
    assert info["pages"] == document.page_count

    output = tmp_path / "out.pdf"
    built = run("dossier", "build", str(folder), "--today", TODAY, "--json", "--allow-incomplete",
                "-o", str(output))
    assert built.exit_code == 0, built.output
    result = json.loads(built.stdout)
    (section,) = [d for d in result["documents"] if d["id"] == "receipt"]
    first, last = section["pages"]
    assert last - first + 1 == document.page_count
    reader = PdfReader(output)
    for number in range(document.page_count):
        page = reader.pages[first - 1 + number]
        size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
        assert size == [595, 842]  # every page A4, whatever the OFD's own size
        extracted = re.sub(r"\s+", "", page.extract_text())  # invoices space out their labels
        words = _words(document.text(number))
        missing = [word for word in words if word not in extracted]
        assert missing == [], (name, number, missing)  # each TextCode's characters, in their order
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert any("receipt" in t or "收据" in t or "发票" in t for t in titles)
    with pikepdf.open(output) as pdf, warnings.catch_warnings():
        # Without jbig2dec, qpdf checks a JBIG2 stream's structure but cannot decode it.
        warnings.filterwarnings("ignore", message="pikepdf is missing some specialized decoders")
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check  # pikepdf 10 renamed check()
        assert check() == []


def test_an_ofd_the_drawing_would_get_wrong_is_refused_by_check_and_left_out_by_build(tmp_path: Path) -> None:
    import ofd_samples

    folder = tmp_path / "dossier"
    write_case(folder)
    (folder / "receipt").mkdir()
    (folder / "receipt" / "good.ofd").write_bytes((DATA / "1.ofd").read_bytes())
    (folder / "receipt" / "too-many.ofd").write_bytes(ofd_samples.many_objects(30_000))
    checked = json.loads(run("dossier", "check", str(folder), "--today", TODAY, "--json",
                             "--lang", "en").stdout)
    files = {f["path"]: f for f in checked["documents"]["receipt"]["files"]}
    assert files["receipt/good.ofd"]["readable"] is True
    assert files["receipt/too-many.ofd"]["readable"] is False
    assert "cannot be drawn as they are" in files["receipt/too-many.ofd"]["reason"]
    output = tmp_path / "out.pdf"
    built = run("dossier", "build", str(folder), "--today", TODAY, "--json", "--allow-incomplete",
                "-o", str(output))
    skipped = [name for name, _ in json.loads(built.stdout)["skipped"]]
    assert skipped == ["receipt/too-many.ofd"]


def test_an_ofd_e_invoice_is_matched_by_its_text_outside_any_folder(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    write_case(folder)
    (folder / "scan-0001.ofd").write_bytes((DATA / "1.ofd").read_bytes())
    report = json.loads(run("dossier", "check", str(folder), "--today", TODAY, "--json").stdout)
    (info,) = report["documents"]["receipt"]["files"]
    assert info["path"] == "scan-0001.ofd" and info["matched_by"] == "text"
