"""A terminal that survives 80 columns and a file (issue 9, points 16–17): names and ids never
cut, prose folded at words; the summary first and alone; help that folds at words; no slips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dossier_fixtures import TODAY, complete_dossier, make_image, run
from rich.text import Text

from offsite_cli.base.i18n import MESSAGES, text
from offsite_cli.cli.folding import fold_lines

LONG_NAMES = ("IMG_20261125_0930_12.jpg", "discharge-certificate-scan-2026-11-13.jpg",
              "住院费用明细清单.pdf")


def folders_for_80_columns(root: Path) -> list[Path]:
    first = complete_dossier(root / "d1")
    make_image(first / "发票" / LONG_NAMES[0], seed=9)
    make_image(first / "discharge-certificate" / LONG_NAMES[1], seed=10)
    second = complete_dossier(root / "d2")
    (second / "scan-0002.pdf").unlink()
    return [first, second]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [80, 100])
def test_file_names_and_ids_are_never_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          lang: str, columns: int) -> None:
    folders = folders_for_80_columns(tmp_path)
    monkeypatch.setenv("COLUMNS", str(columns))
    shown = []
    for folder in folders:  # a folder's own report names its files (several: one summary table)
        result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", lang)
        assert result.exit_code in (0, 1), result.stderr
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= columns
        shown += lines
    for name in (*LONG_NAMES, "discharge-certificate", "diagnosis-certificate", "expense-list"):
        assert any(name in line for line in shown), (name, shown)


def test_several_folders_give_one_summary_table_and_summary_gives_one_line(tmp_path: Path) -> None:
    folders = folders_for_80_columns(tmp_path)
    result = run("dossier", "check", *map(str, folders), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Folder") and "Result" in lines[0]  # the summary is what comes first
    assert "✓ complete" in result.stdout and "✗ incomplete" in result.stdout
    only = run("dossier", "check", *map(str, folders), "--today", TODAY, "--lang", "en", "--summary")
    assert only.exit_code == 1 and only.stdout.splitlines() == lines
    one = run("dossier", "check", str(folders[1]), "--today", TODAY, "--summary")
    assert one.stdout.splitlines() == [
        f"✗ {folders[1]}：必需材料 5/6  缺少 1 项  报销申请截止 2026-12-14 还有 24 天"]


def test_profiles_show_never_splits_a_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run("profiles", "show", "cn-national", "--lang", "en")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    words = set(result.stdout.split())
    for value in ("reimbursable=False,", "category=resettled-retiree", "scope=cross_province",
                  "provincial-practice", "filing-resettled-retiree"):
        assert any(word.startswith(value.rstrip(",")) for word in words), value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_option_help_folds_at_words(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-m", "offsite_cli", "check", "--help", "--lang", lang],
                           capture_output=True, text=True, env={**__import__("os").environ,
                                                                "COLUMNS": "80"}).stdout
    for word in ("long-term-resident", "special-outpatient", "emergency-observation",
                 "stationed-worker"):
        assert word in shown, (word, shown)
    assert "<bool>" not in shown and "<path>" not in shown
    checked = subprocess.run([sys.executable, "-m", "offsite_cli", "dossier", "check", "--help",
                              "--lang", lang], capture_output=True, text=True,
                             env={**__import__("os").environ, "COLUMNS": "80"}).stdout
    assert "<list[Path]>" not in checked and "{DIR...}" not in checked
    assert "dossier check [OPTIONS] [DIR...]" in checked  # DIR or --all ROOT
    top = subprocess.run([sys.executable, "-m", "offsite_cli", "--help", "--lang", lang],
                         capture_output=True, text=True).stdout
    assert "--version" in top and "<bool>" not in top


def test_folding_keeps_words_and_never_starts_a_line_with_closing_punctuation() -> None:
    sentence = Text("人员类别：resettled-retiree（异地安置退休人员）、long-term-resident（异地长期"
                    "居住人员）。文件 IMG_20261125_0930_12.jpg 已收到，请核对。")
    for width in range(26, 60):  # IMG_20261125_0930_12.jpg (24) fits on a line
        lines = [line.plain for line in fold_lines(sentence, width)]
        assert all(len(line) <= width * 2 for line in lines)
        joined = " ".join(lines)
        for word in ("resettled-retiree", "long-term-resident", "IMG_20261125_0930_12.jpg"):
            assert word in joined, (width, lines)
        assert not any(line and line[0] in "，。、）：" for line in lines), (width, lines)


def test_no_message_has_a_plural_slip() -> None:
    """`1 days left`, `1 page(s)`: every English message said with each number 1."""
    numbers = {"days", "pages", "count", "months", "years", "page", "missing", "unreadable"}
    slips = {}
    for key, entry in MESSAGES.items():
        if not isinstance(entry, dict) or "en" not in entry:
            continue
        fields = set(re.findall(r"\{(\w+)\}", entry["en"]))
        said = text(key, "en", **{name: 1 if name in numbers else "x" for name in fields})
        if re.search(r"\b1 (days|pages|months|years|arguments|rules|files)\b|\(s\)", said):
            slips[key] = said
    assert not slips, slips
    assert text("label.in_days", "en", days=1) == "1 day left"
    assert text("label.overdue", "en", days=2) == "overdue by 2 days"
    assert text("forms_wrote", "en", path="p", title="t", pages=1).endswith("(1 page)")


def test_no_zero_counts_and_every_column_has_a_heading(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    (folder / "scan-0002.pdf").unlink()
    result = run("dossier", "check", str(folder), "--today", TODAY)
    assert "缺少 1 项" in result.stdout and "0 项" not in result.stdout
    head = next(line for line in result.stdout.splitlines() if line.startswith("#"))
    assert all(cell.strip() for cell in head.split("┃")), head
    check = run("check", "--insured-region", "晋城", "--treatment-region", "徐汇区", "--insurance",
                "employee", "--category", "referral", "--care", "inpatient", "--today", TODAY,
                "--no-input", "--lang", "en")
    head = next(line for line in check.stdout.splitlines() if line.startswith("#"))
    assert all(cell.strip() for cell in head.split("┃")) and "Needed" in head, head


def test_usage_errors_quote_names_once() -> None:
    result = run("dossier", "chek")
    assert result.exit_code == 2
    import subprocess
    import sys

    said = subprocess.run([sys.executable, "-m", "offsite_cli", "dossier", "chek"],
                          capture_output=True, text=True).stderr.strip()
    assert said == "错误：没有命令 chek，是否想用 check（用法见 offsite dossier --help）", said
    extra = subprocess.run([sys.executable, "-m", "offsite_cli", "regions", "find", "晋城", "x",
                            "--lang", "en"], capture_output=True, text=True).stderr
    assert "unexpected extra argument x" in extra and "(s)" not in extra


def test_the_unit_certificate_has_no_line_starting_with_a_comma(tmp_path: Path) -> None:
    """No hospital given: a blank in the sentence once pushed "，" to the start of a line."""
    from dossier_fixtures import CASE_TEXT, write_case
    from pypdf import PdfReader

    write_case(tmp_path / "d", CASE_TEXT.replace('hospital = "上海市示例医院"\n', "").replace(
        '"stationed-worker"', '"emergency"'))
    result = run("dossier", "forms", str(tmp_path / "d"), "--form", "unit-certificate",
                 "--today", TODAY, "--no-input")
    assert result.exit_code == 0, result.stderr
    page = PdfReader(tmp_path / "d" / "forms" / "unit-certificate.pdf").pages[0]
    lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in "，。、；：！？）"], lines


@pytest.mark.parametrize("columns", [80, 120])
def test_deadlines_keep_folder_names_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           columns: int) -> None:
    long_name = "张伟-2026-11-住院-上海市示例医院-第二次住院"
    complete_dossier(tmp_path / long_name)
    complete_dossier(tmp_path / "王芳")
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run("deadlines", str(tmp_path), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert f"{tmp_path}/{long_name}" in result.stdout, result.stdout
    assert "24 days left" in result.stdout


def test_a_commands_description_folds_at_words_too() -> None:
    import os
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-m", "offsite_cli", "dossier", "check", "--help"],
                           capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"}).stdout
    lines = [line.strip() for line in shown.splitlines()]
    assert not [line for line in lines if line and line[0] in "。，、）"], shown
    assert '"warnings"' in shown and '"days_left"' in shown
