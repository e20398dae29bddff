"""Every --help text exists in Chinese too, and the entry point shows it by language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.main import get_command

from offsite_cli.cli import app
from offsite_cli.cli.help_zh import HELP_ZH, normalise


def _helps(command, path: str = "offsite") -> list[tuple[str, str]]:  # noqa: ANN001
    found = [(path, command.help)] if command.help else []
    found += [(f"{path} {param.name}", param.help) for param in command.params
              if getattr(param, "help", None)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _helps(sub, f"{path} {name}")
    return found


def test_every_help_text_has_a_chinese_one() -> None:
    missing = [(where, text) for where, text in _helps(get_command(app))
               if normalise(text) not in HELP_ZH]
    assert not missing, missing


def test_every_command_help_has_an_example_in_both_languages() -> None:
    for where, text in _helps(get_command(app)):
        if " " in where and where.split()[-1] in {"check", "new", "forms", "build", "deadlines",
                                                  "list", "show", "find", "export", "get", "set",
                                                  "unset"} and "Example:" in text:
            assert "示例：" in HELP_ZH[normalise(text)], where


def _help(*args: str, lang: str, tmp_path: Path) -> str:
    return subprocess.run([sys.executable, "-m", "offsite_cli", *args, "--help"], capture_output=True,
                          text=True, check=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                                      "LANG": lang, "COLUMNS": "100",
                                                      "OFFSITE_CONFIG_DIR": str(tmp_path)}).stdout


def test_help_follows_the_language(tmp_path: Path) -> None:
    chinese = _help("dossier", "build", lang="zh_CN.UTF-8", tmp_path=tmp_path)
    assert "把封面" in chinese and "选项" in chinese and "…" not in chinese
    english = _help("dossier", "build", lang="en_US.UTF-8", tmp_path=tmp_path)
    assert "Bundle cover sheet" in english and "Options" in english
