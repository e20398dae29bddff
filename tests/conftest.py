"""Shared fixtures: every test runs with its own config folder and home, never the real ones."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_SESSION_HOME = tempfile.mkdtemp(prefix="offsite-tests-home-")


def pytest_configure(config: pytest.Config) -> None:
    """Before the test modules are imported: what a module does at import (a profile loaded
    into a constant) caches there, not in the real home folder (each test then gets its own)."""
    for name, value in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                        ("OFFSITE_CONFIG_DIR", "config"), ("OFFSITE_CACHE_DIR", "cache")):
        os.environ[name] = os.path.join(_SESSION_HOME, value) if value else _SESSION_HOME


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)

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


@pytest.fixture(autouse=True)
def every_pdf_written_is_valid(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Every PDF the tool writes during a test — the bundle, the forms, anything written through
    base/atomic.py — is checked with pikepdf (qpdf); any problem or warning fails the test."""
    from pdf_checks import check_file, problems

    from offsite_cli.base import atomic
    from offsite_cli.pdf import assembly

    found: list[str] = []
    write_bytes, assemble = atomic.write_bytes, assembly.assemble

    def checked_write(path: Path, data: bytes, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if str(path).lower().endswith(".pdf"):
            found.extend(f"{path}: {problem}" for problem in problems(data))
        write_bytes(path, data, *args, **kwargs)

    def checked_assemble(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        assemble(*args, **kwargs)
        temporary = kwargs.get("temporary", args[7] if len(args) > 7 else None)
        found.extend(f"{temporary}: {problem}" for problem in check_file(temporary))

    monkeypatch.setattr(atomic, "write_bytes", checked_write)
    monkeypatch.setattr(assembly, "assemble", checked_assemble)
    yield
    assert not found, "PDFs written with structural problems:\n" + "\n".join(found[:20])
