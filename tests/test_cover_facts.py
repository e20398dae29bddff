"""The cover speaks to the insurance office: facts (who, what, the checklist, what is missing, the
deadline); advice and tool hints go to the terminal. A case with nothing to claim gets no PDF."""

from __future__ import annotations

import json
from pathlib import Path

from dossier_fixtures import CASE_TEXT, make_image, make_pdf, run, write_case
from pypdf import PdfReader

TOOL_WORDS = ("offsite ", "请尽快联系经办机构", "contact the agency", "可用 PDF", "use PDF",
              "JPEG、PNG", "--", "pip install")


def _cover(path: Path) -> str:
    """The cover's pages: up to the second bookmark (the first is the cover's own)."""
    reader = PdfReader(path)
    end = reader.get_destination_page_number(reader.outline[1])
    return "\n".join(reader.pages[number].extract_text() for number in range(end))


def test_the_cover_states_facts_and_the_terminal_gives_the_advice(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    write_case(folder)  # discharged 2026-11-13, due 2026-12-14: overdue on 2026-12-20
    make_image(folder / "card-copy" / "front.jpg", (1500, 950), seed=1)
    make_pdf(folder / "filing-form" / "表.pdf", "异地就医备案表")
    make_pdf(folder / "expense-list" / "清单.pdf", "住院费用明细清单")
    (folder / "receipt").mkdir()
    (folder / "receipt" / "发票.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 400)
    make_pdf(folder / "discharge-certificate" / "出院小结.pdf", "出院小结")
    make_pdf(folder / "medical-record" / "病历.pdf", "病历")
    result = run("dossier", "build", str(folder), "--allow-incomplete", "--today", "2026-12-20")
    assert result.exit_code == 0, result.stderr
    cover = _cover(folder / "dossier.pdf")
    assert "发票.docx" in cover  # what is missing, by name: a fact
    assert "已逾期" in cover  # the deadline and that it has passed: facts
    for word in TOOL_WORDS:
        assert word not in cover, word
    assert "收据背面须由报销人签名" not in cover  # advice for the clerk
    said = result.stderr
    assert "请尽快联系经办机构" in said
    assert "offsite profiles show cn-national" in said
    assert "可用 PDF" in said  # the accepted formats: for the clerk who must replace the file
    assert "收据背面须由报销人签名" in said


def test_a_directly_settled_case_has_nothing_to_build(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "direct",
                        CASE_TEXT.replace("direct_settlement = false", "direct_settlement = true")).parent
    result = run("dossier", "build", str(folder), "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert "无需报销" in result.stdout and "异地直接结算" in result.stdout
    assert not (folder / "dossier.pdf").exists()
    scripted = run("dossier", "build", str(folder), "--today", "2026-11-20", "--json")
    document = json.loads(scripted.stdout)
    assert document["path"] is None and document["nothing_to_build"] is True
    assert document["route"] == "direct_settlement" and "无需报销" in scripted.stderr


def test_a_case_with_only_filing_to_do_is_a_filing_dossier(tmp_path: Path) -> None:
    text = CASE_TEXT.replace("filed = true", "filed = false").replace(
        "discharged = 2026-11-13\n", "").replace("direct_settlement = false\n", "")
    folder = write_case(tmp_path / "filing", text).parent
    result = run("dossier", "build", str(folder), "--allow-incomplete", "--today", "2026-11-05",
                 "--forms-lang", "en")
    assert result.exit_code == 0, result.stderr
    first = PdfReader(folder / "dossier.pdf").pages[0].extract_text()
    assert "Off-site treatment filing dossier" in first and "claim dossier" not in first
