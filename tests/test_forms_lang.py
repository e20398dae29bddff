"""What goes to the office in the office's language: the forms, and the dossier PDF's cover and
bookmarks, Chinese unless --forms-lang or the setting forms.lang says otherwise, whatever --lang
makes the terminal speak."""

from __future__ import annotations

import io
from pathlib import Path

from dossier_fixtures import TODAY, complete_dossier, run


def _text(path: Path, pages: range | None = None) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    chosen = pages if pages is not None else range(len(reader.pages))
    return "\n".join(reader.pages[number].extract_text() for number in chosen)


def test_forms_are_chinese_under_lang_en_and_the_terminal_english(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "case")
    result = run("dossier", "forms", str(folder), "--lang", "en", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stdout and "已写入" not in result.stdout
    form = _text(folder / "forms" / "reimbursement-application.pdf")
    assert "报销申请" in form and "Reimbursement application" not in form


def test_forms_lang_asks_for_english_forms(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "case")
    result = run("dossier", "forms", str(folder), "--forms-lang", "en", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "已写入" in result.stdout  # the terminal still follows the locale (zh here)
    assert "reimbursement" in _text(folder / "forms" / "reimbursement-application.pdf").lower()


def test_the_setting_forms_lang_and_a_bad_value(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "case")
    assert run("config", "set", "forms.lang", "en").exit_code == 0
    run("dossier", "forms", str(folder), "--today", TODAY)
    assert "reimbursement" in _text(folder / "forms" / "reimbursement-application.pdf").lower()
    assert run("dossier", "forms", str(folder), "--forms-lang", "zh", "--today", TODAY).exit_code == 0
    assert "报销申请" in _text(folder / "forms" / "reimbursement-application.pdf")
    refused = run("config", "set", "forms.lang", "fr")
    assert refused.exit_code == 2 and "forms.lang" in refused.stderr and "fr" in refused.stderr
    bad = run("dossier", "forms", str(folder), "--forms-lang", "de", "--today", TODAY)
    assert bad.exit_code == 2 and "--forms-lang" in bad.stderr and "zh | en" in bad.stderr
    assert "de" in bad.stderr


def _outline(reader: object) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)]  # type: ignore[attr-defined]


def test_build_in_english_keeps_the_pdf_chinese_and_the_terminal_english(tmp_path: Path) -> None:
    """--lang en: the terminal and --json in English; the cover, the bookmarks, the page stamps
    and the forms in Chinese, for the office."""
    import json

    from pypdf import PdfReader

    folder = complete_dossier(tmp_path / "case")
    result = run("dossier", "build", str(folder), "--lang", "en", "--today", TODAY, "--json")
    assert result.exit_code == 0, result.stderr
    names = [document["name"] for document in json.loads(result.stdout)["documents"]]
    assert names and all(not any("\u4e00" <= c <= "\u9fff" for c in name) for name in names), names
    reader = PdfReader(folder / "dossier.pdf")
    cover = reader.pages[0].extract_text()
    assert "材料清单" in cover and "期限提醒" in cover and "Checklist" not in cover
    assert "Deadline" not in cover and "Person" not in cover
    assert "报销申请截止" in cover  # the deadline's own name, in Chinese too
    outline = _outline(reader)
    assert outline[:2] == ["封面与材料清单", "填写的表格"] and "Forms" not in outline
    assert "第 1 页 / 共" in cover
    first = reader.get_destination_page_number(reader.outline[1])
    assert "报销申请" in _text(folder / "dossier.pdf", range(first, first + 1))
    assert reader.metadata.title.startswith("异地就医")
    run("dossier", "build", str(folder), "--lang", "en", "--today", TODAY)
    assert _text(folder / "dossier.pdf", range(0, 1)) == cover  # (the same PDF without --json)


def test_forms_lang_en_makes_the_cover_english_too(tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = complete_dossier(tmp_path / "case")
    result = run("dossier", "build", str(folder), "--forms-lang", "en", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "已生成" in result.stdout  # the terminal still follows the locale (zh here)
    reader = PdfReader(folder / "dossier.pdf")
    cover = reader.pages[0].extract_text()
    assert "Checklist" in cover and "材料清单" not in cover
    assert _outline(reader)[:2] == ["Cover sheet and checklist", "Forms"]


def test_what_is_missing_is_said_in_the_terminals_language_and_on_the_cover_in_the_offices(
        tmp_path: Path) -> None:
    import json

    from pypdf import PdfReader

    folder = complete_dossier(tmp_path / "case")
    (folder / "scan-0002.pdf").unlink()  # the discharge certificate
    refused = run("dossier", "build", str(folder), "--lang", "en", "--today", TODAY)
    assert refused.exit_code == 1
    assert "missing: Discharge" in refused.stderr and "出院" not in refused.stderr, refused.stderr
    built = run("dossier", "build", str(folder), "--lang", "en", "--today", TODAY, "--allow-incomplete",
                "--json")
    assert built.exit_code == 0, built.stderr
    assert "missing: Discharge" in json.loads(built.stdout)["gaps"]
    cover = PdfReader(folder / "dossier.pdf").pages[0].extract_text()
    assert "材料不全：缺少 1 项：出院" in cover.replace("\n", ""), cover


def test_a_form_page_in_the_dossier_pdf_has_one_page_number(tmp_path: Path) -> None:
    """The forms written on their own say their page number; in the dossier PDF the numbering
    through the whole PDF stands in for it (not 第 1 页 above 第 2 页 / 共 13 页)."""
    from pypdf import PdfReader

    folder = complete_dossier(tmp_path / "case")
    assert run("dossier", "forms", str(folder), "--today", TODAY).exit_code == 0
    alone = sorted((folder / "forms").glob("*.pdf"))
    assert alone and all("第 1 页" in PdfReader(path).pages[0].extract_text() for path in alone)
    assert run("dossier", "build", str(folder), "--today", TODAY).exit_code == 0
    reader = PdfReader(folder / "dossier.pdf")
    forms_page = next(item for item in reader.outline if not isinstance(item, list)
                      and item.title == "填写的表格")
    first = reader.get_destination_page_number(forms_page)
    page = reader.pages[first].extract_text()
    assert f"第 {first + 1} 页 / 共 {len(reader.pages)} 页" in page
    assert "第 1 页" not in page.replace(f"第 {first + 1} 页 / 共", "")
