"""Every --help text exists in Chinese too, and the entry point shows it by language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
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


def _help_at(*args: str, lang: str, tmp_path: Path, columns: str = "80") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "offsite_cli", *args], capture_output=True,
                          text=True, check=False, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                                       "LANG": lang, "COLUMNS": columns,
                                                       "OFFSITE_CONFIG_DIR": str(tmp_path)})


@pytest.mark.parametrize("lang", ["zh_CN.UTF-8", "en_US.UTF-8"])
def test_option_names_never_break_and_nothing_is_cut_at_80_columns(tmp_path: Path, lang: str) -> None:
    shown = _help_at("check", "--help", lang=lang, tmp_path=tmp_path).stdout
    assert "…" not in shown
    for name in ("--treatment-region", "--direct-settlement", "--no-direct-settlement",
                 "employee|resident"):
        assert name in shown, name
    if lang.startswith("en"):
        for word in ("resettled-retiree,", "long-term-resident,", "special-outpatient,"):
            assert word in shown, word


def test_chinese_help_has_chinese_usage_and_help_option(tmp_path: Path) -> None:
    for args in (["check", "--help"], ["dossier", "--help"], ["--help"]):
        shown = _help_at(*args, lang="zh_CN.UTF-8", tmp_path=tmp_path).stdout
        assert "用法：offsite" in shown and "显示此帮助后退出。" in shown, args
        assert "Usage:" not in shown and "Show this message" not in shown, args
    # Square brackets in a help text are words, not markup.
    shown = _help_at("dossier", "check", "--help", lang="zh_CN.UTF-8", tmp_path=tmp_path).stdout
    assert "case.toml 的 [documents]" in shown


@pytest.mark.parametrize("args", [["--help", "--lang", "en"], ["dossier", "--help", "--lang", "en"],
                                  ["--lang=en", "regions", "--help"],
                                  ["dossier", "new", "--help", "--lang", "en"]])
def test_lang_picks_the_language_of_help_at_every_level(tmp_path: Path, args: list[str]) -> None:
    result = _help_at(*args, lang="zh_CN.UTF-8", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Usage: offsite" in result.stdout and "Show this message and exit." in result.stdout
    chinese = _help_at(*[a if a not in ("en", "--lang=en") else a.replace("en", "zh") for a in args],
                       lang="en_US.UTF-8", tmp_path=tmp_path)
    assert chinese.returncode == 0 and "用法：offsite" in chinese.stdout
