"""A file whose name or PDF title clearly names another document than its folder's is reported as
probably misfiled and does not count for the folder's document: `dossier check` (table and JSON)
and `dossier build` (terminal, JSON, bookmarks) agree on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier_fixtures import TODAY, make_encrypted_pdf, make_image, make_pdf, run, write_case
from test_agreement import _outline_titles


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    write_case(folder)
    make_image(folder / "card-copy" / "front.jpg", (1500, 950), seed=1)
    make_pdf(folder / "filing-form" / "表.pdf", "异地就医备案表")
    make_pdf(folder / "expense-list" / "清单.pdf", "住院费用明细清单")
    make_encrypted_pdf(folder / "receipt" / "电子发票.pdf", "secret")  # the e-invoice: locked
    make_image(folder / "receipt" / "病案首页.jpg", seed=2)  # a medical-record photo
    make_image(folder / "discharge-certificate" / "备案截图.png", kind="PNG", seed=3)
    make_pdf(folder / "discharge-certificate" / "scan01.pdf", "住院费用明细清单", body="明细")
    make_pdf(folder / "medical-record" / "IMG_0001.pdf", "某某医院")  # names nothing: counts
    make_image(folder / "medical-record" / "出院记录_病程记录.jpg", seed=4)  # names its own too
    return folder


def test_check_reports_misfiled_files_and_does_not_count_them(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "220")  # the table's prose folds at 80: read it unfolded
    folder = _folder(tmp_path)
    result = run("dossier", "check", str(folder), "--today", TODAY, "--json")
    assert result.exit_code == 1
    documents = json.loads(result.stdout)["documents"]
    receipt = documents["receipt"]
    assert receipt["status"] == "unreadable"  # the only file that counts is locked
    files = {f["path"]: f for f in receipt["files"]}
    assert files["receipt/病案首页.jpg"]["misfiled"] == "medical-record"
    assert "misfiled" not in files["receipt/电子发票.pdf"]
    assert any("病案首页.jpg" in p and "medical-record" in p for p in receipt["problems"])
    discharge = documents["discharge-certificate"]
    assert discharge["status"] == "missing"
    shown = {f["path"]: f.get("misfiled") for f in discharge["files"]}
    assert shown == {"discharge-certificate/备案截图.png": "filing-form",
                     "discharge-certificate/scan01.pdf": "expense-list"}  # by its title
    record = documents["medical-record"]
    assert record["status"] == "ok" and not any("misfiled" in f for f in record["files"])

    table = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert "probably misfiled" in table.stdout and "move the misfiled file" in table.stdout


def test_the_build_counts_what_the_check_counts(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    checked = json.loads(run("dossier", "check", str(folder), "--today", TODAY, "--json").stdout)
    counted = {f["path"] for d in checked["documents"].values() for f in d["files"]
               if f["readable"] and "misfiled" not in f}
    output = tmp_path / "out.pdf"
    built = run("dossier", "build", str(folder), "--today", TODAY, "--allow-incomplete", "--json",
                "-o", str(output))
    assert built.exit_code == 0, built.stderr
    document = json.loads(built.stdout)
    assert {item["path"] for item in document["misfiled"]} == {
        "receipt/病案首页.jpg", "discharge-certificate/备案截图.png", "discharge-certificate/scan01.pdf"}
    assert "discharge-certificate" in document["missing"]
    titles = {title for title in _outline_titles(output) if "/" in title}
    assert titles == counted
    assert "receipt/病案首页.jpg：看来是病历（病案）复印件（medical-record）" in built.stderr
    refused = run("dossier", "build", str(folder), "--today", TODAY)
    assert refused.exit_code == 1 and "备案截图.png" in refused.stderr  # said on refusal too


def test_listed_in_case_toml_a_file_counts_where_the_clerk_put_it(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    case = folder / "case.toml"
    case.write_text(case.read_text(encoding="utf-8")
                    + '\n[documents]\ndischarge-certificate = ["discharge-certificate/scan01.pdf"]\n',
                    encoding="utf-8")
    documents = json.loads(run("dossier", "check", str(folder), "--today", TODAY,
                               "--json").stdout)["documents"]
    files = {f["path"]: f for f in documents["discharge-certificate"]["files"]}
    assert "misfiled" not in files["discharge-certificate/scan01.pdf"]
    assert documents["discharge-certificate"]["status"] == "ok"
