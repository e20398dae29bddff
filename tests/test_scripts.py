"""For script writers (issue 10, point 8): shell completion from the installed entry point, and the
example month script (its syntax, and the commands it calls exist)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from offsite_cli.cli import app_for

ROOT = Path(__file__).resolve().parent.parent
ENTRY = Path(sys.executable).parent / "offsite"  # the console script pip installed


def _offsite(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    command = [str(ENTRY)] if ENTRY.is_file() else [sys.executable, "-m", "offsite_cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, check=False,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
                               "OFFSITE_CONFIG_DIR": str(home), "OFFSITE_CACHE_DIR": str(home), **env})


def _complete(home: Path, line: str) -> list[str]:
    words = line.split(" ")
    result = _offsite(home, COMP_WORDS=line, COMP_CWORD=str(len(words) - 1),
                      _OFFSITE_COMPLETE="complete_bash")
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_of_commands_options_and_values(tmp_path: Path) -> None:
    assert _complete(tmp_path, "offsite dos") == ["dossier"]
    assert set(_complete(tmp_path, "offsite dossier ch")) == {"check", "checklist"}
    assert "--all" in _complete(tmp_path, "offsite dossier build --a")
    assert "import" in _complete(tmp_path, "offsite dossier ")
    assert _complete(tmp_path, "offsite check --care sp") == ["special-outpatient"]
    assert set(_complete(tmp_path, "offsite check --insurance ")) == {"employee", "resident"}


def test_show_and_install_completion(tmp_path: Path) -> None:
    shown = _offsite(tmp_path, "--show-completion", "bash")
    assert shown.returncode == 0 and "_OFFSITE_COMPLETE=complete_bash" in shown.stdout
    installed = _offsite(tmp_path, "--install-completion", "bash")
    assert installed.returncode == 0, installed.stderr
    script = tmp_path / ".bash_completions" / "offsite.sh"
    assert script.is_file() and "complete -o default -F _offsite_completion offsite" in script.read_text()
    assert str(script) in (tmp_path / ".bashrc").read_text()
    if shutil.which("bash"):
        loaded = subprocess.run(["bash", "-c", f"source {script} && complete -p offsite"],
                                capture_output=True, text=True, check=False)
        assert "_offsite_completion" in loaded.stdout


def test_a_command_named_first_does_not_pay_for_completion() -> None:
    whole = {param.name for param in get_command(app_for([])).params}
    assert {"install_completion", "show_completion"} <= whole
    for first in (["check", "--json"], ["dossier", "build"]):
        command = get_command(app_for(first))
        assert not {"install_completion", "show_completion"} & {p.name for p in command.params}


def test_the_month_script_is_shell_and_calls_commands_that_exist() -> None:
    script = ROOT / "examples" / "month.sh"
    assert os.access(script, os.X_OK)
    if shutil.which("bash"):
        checked = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
    text = script.read_text(encoding="utf-8")
    called = set(re.findall(r"\boffsite ((?:dossier )?[a-z]+)", text))
    assert {"dossier import", "dossier check", "dossier build", "dossier mark", "ledger",
            "deadlines"} <= called
    ours = {"dossier import", "dossier check", "dossier build", "deadlines", "dossier forms",
            "dossier checklist"}
    whole = get_command(app_for([]))
    for name in called & ours:
        parts = name.split()
        target = whole
        for part in parts:
            target = target.commands[part]  # type: ignore[attr-defined]
    assert "--json" in text and "set -euo pipefail" in text


@pytest.mark.skipif(not shutil.which("bash") or not shutil.which("python3"), reason="needs bash")
def test_the_month_script_builds_and_marks_only_what_is_to_hand_in_and_runs_again(tmp_path: Path) -> None:
    """roster → dossiers → check → build the complete ones → mark them submitted → ledger →
    deadlines; a case settled directly by card is neither built nor marked, and a second run
    (as the script's own hint says) neither fails nor marks anything twice (found by a review)."""
    import shutil as files

    roster = tmp_path / "2026-11.csv"
    zhang, chen = "140502198503141233", "140502198001010014"
    roster.write_text("姓名,身份证号,险种,人员类别,参保地,就医地,就医类型,入院日期,出院日期,是否备案,直接结算\n"
                      f"张伟,{zhang},职工,常驻异地工作,晋城,徐汇区,住院,2026/11/2,2026/11/13,是,否\n"
                      f"陈静,{chen},职工,常驻异地工作,晋城,徐汇区,住院,2026/11/3,2026/11/9,是,是\n",
                      encoding="utf-8-sig")
    root = tmp_path / "claims"
    bin_dir = Path(sys.executable).parent
    environment = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
                   "OFFSITE_CONFIG_DIR": str(tmp_path / "config"), "OFFSITE_CACHE_DIR": str(tmp_path / "cache"),
                   "TODAY": "2026-11-20"}

    def month(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", str(ROOT / "examples" / "month.sh"), str(roster), str(root), *extra],
                              capture_output=True, text=True, check=False, env=environment)

    first = month()
    assert (root / "张伟-2026-11" / "case.toml").is_file(), first.stderr
    assert zhang not in first.stdout + first.stderr
    example = ROOT / "examples" / "zhang-wei-2026-11"
    for item in example.iterdir():  # the scans, so that 张伟's dossier is complete
        if item.is_dir() and item.name != "forms":
            files.copytree(item, root / "张伟-2026-11" / item.name, dirs_exist_ok=True)
    handed = month("--submitted")
    assert handed.returncode in (0, 1), handed.stderr
    assert (root / "张伟-2026-11" / "dossier.pdf").is_file()
    assert 'status = "submitted"' in (root / "张伟-2026-11" / "case.toml").read_text(encoding="utf-8")
    assert not (root / "陈静-2026-11" / "dossier.pdf").exists()
    assert "[[history]]" not in (root / "陈静-2026-11" / "case.toml").read_text(encoding="utf-8")
    assert (root / "台账-claims.xlsx").is_file()
    again = month("--submitted")
    assert again.returncode in (0, 1), again.stderr
    assert (root / "张伟-2026-11" / "case.toml").read_text(encoding="utf-8").count("[[history]]") == 1
