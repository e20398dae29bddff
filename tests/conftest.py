"""Shared fixtures: every test runs with its own config folder and home, never the real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

import region_cache
from offsite_cli.policy import regions


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    config = home / "config"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("OFFSITE_CONFIG_DIR", str(config))
    monkeypatch.setenv("OFFSITE_CACHE_DIR", str(home / "cache"))
    monkeypatch.delenv("OFFSITE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # A fresh lru cache per test (user region files live in the config folder), the shipped rows
    # parsed once per run.
    monkeypatch.setattr(regions, "table", region_cache.shared_table())
    yield config


@pytest.fixture
def config_dir(isolated_home: Path) -> Path:
    isolated_home.mkdir(parents=True, exist_ok=True)
    return isolated_home
