"""`offsite dossier new`: case.toml, README.txt and sub-folders; refusals; prompts; nothing half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dossier_fixtures import (
    ID_NUMBER, REQUIRED, TODAY, run, run_json, snapshot,
)

from offsite_cli import case as case_file
from offsite_cli.cli import common

OPTIONS = [
    "--insured-region", "晋城市", "--treatment-region", "徐汇区", "--insurance", "employee",
    "--category", "stationed-worker", "--care", "inpatient", "--admitted", "2026-11-02",
    "--discharged", "2026-11-13", "--filed", "--no-direct-settlement", "--today", TODAY,
]


def new(folder: Path, *extra: str):  # noqa: ANN201
    return run("dossier", "new", str(folder), *OPTIONS, "--no-input", *extra)


def test_new_writes_case_readme_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "张伟-2026-11"
    result = new(folder, "--name", "张伟", "--id-number", ID_NUMBER, "--hospital", "上海市示例医院",
                 "--amount", "12,873.5")
    assert result.exit_code == 0, result.stderr
    assert ID_NUMBER not in result.stdout
    case = case_file.load(folder, None)
    assert case.name == "张伟" and case.amount == 12873.50
    assert case.insured_region and case.insured_region.code == "140500"
    assert case.id_number and case.id_number.value == ID_NUMBER
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "必需材料" in readme and "医疗费用明细清单" in readme and ID_NUMBER not in readme
    folders = sorted(p.name for p in folder.iterdir() if p.is_dir())
    assert len(folders) == len(REQUIRED)
    assert "receipt-医疗费用收据（发票）原件" in folders
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    checked, report = run_json("dossier", "check", str(folder), "--today", TODAY)
    assert checked.exit_code == 1
    assert {d: report["documents"][d]["folder"] for d in REQUIRED} == {
        d: next(name for name in folders if name.startswith(d + "-")) for d in REQUIRED}


def test_new_in_english_json(tmp_path: Path) -> None:
    result, data = run_json("dossier", "new", str(tmp_path / "d"), *OPTIONS, "--no-input",
                            "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert data["folders"] == REQUIRED
    assert data["route"] == "manual_reimbursement" and data["replaced"] is False
    assert {Path(p).name for p in data["written"]} == {"case.toml", "README.txt"}
    readme = (tmp_path / "d" / "README.txt").read_text(encoding="utf-8")
    assert "Required documents" in readme and "receipt/" in readme


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    assert new(folder, "--name", "张伟").exit_code == 0
    before = snapshot(folder)
    result = new(folder, "--name", "李四")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--force" in result.stderr
    assert snapshot(folder) == before
    forced = run("dossier", "new", str(folder), "--no-input", "--force", "--hospital", "某医院",
                 "--today", TODAY)
    assert forced.exit_code == 0, forced.stderr
    case = case_file.load(folder, None)
    assert case.name == "张伟" and case.hospital == "某医院" and case.care == "inpatient"


@pytest.mark.parametrize(("extra", "named"), [
    (["--id-number", ID_NUMBER[:17] + ("1" if ID_NUMBER[17] != "1" else "2")], "--id-number"),
    (["--amount", "lots"], "--amount"),
    (["--admitted", "2026-11-31"], "--admitted"),
    (["--category", "astronaut"], "category"),
])
def test_bad_values_write_nothing(tmp_path: Path, extra: list[str], named: str) -> None:
    folder = tmp_path / "d"
    arguments = list(OPTIONS)
    if extra[0] in arguments:
        index = arguments.index(extra[0])
        del arguments[index:index + 2]
    result = run("dossier", "new", str(folder), *arguments, *extra, "--no-input")
    assert result.exit_code == 2, result.output
    assert named in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not folder.exists()


def test_missing_option_without_a_terminal(tmp_path: Path) -> None:
    result = run("dossier", "new", str(tmp_path / "d"), "--insured-region", "晋城市")
    assert result.exit_code == 2 and "--treatment-region" in result.stderr
    assert not (tmp_path / "d").exists()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert new(tmp_path / "file").exit_code == 2


def test_prompts_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "interactive", lambda no_input: not no_input)
    answers = "\n".join([
        "徐汇区",  # treatment place
        "inpatient",  # care
        "王芳",  # name
        "123",  # a bad ID number: asked again
        "",  # left empty
        "上海市示例医院",  # hospital
        "2026-11-02",  # admitted
        "",  # discharged: empty
        "y",  # filed
        "n",  # direct settlement
        "800",  # amount
    ]) + "\n"
    result = run("dossier", "new", str(tmp_path / "d"), "--insured-region", "晋城市",
                 "--insurance", "employee", "--category", "stationed-worker", "--today", TODAY,
                 input=answers)
    assert result.exit_code == 0, (result.output, result.stderr)
    case = case_file.load(tmp_path / "d", None)
    assert case.name == "王芳" and case.id_number is None and case.filed is True
    assert case.direct_settlement is False and case.amount == 800 and case.discharged is None


def test_write_failure_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(os, "replace", fail)
    result = new(tmp_path / "d")
    assert result.exit_code == 3 and "No space left" in result.stderr
    assert not (tmp_path / "d").exists()
