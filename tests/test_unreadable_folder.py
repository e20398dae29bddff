"""A document sub-folder the user may not list is "cannot be read", not "missing" (issue 12, 18).
Root reads every folder: as root the check runs with the effective user nobody (seteuid, put back
after), once the modules it needs are loaded."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dossier_fixtures import CASE_TEXT, REQUIRED, TODAY, make_pdf, run, write_case

NOBODY = 65534


@contextmanager
def another_user() -> Iterator[None]:
    if os.geteuid() != 0:
        yield
        return
    try:
        os.setegid(NOBODY)
        os.seteuid(NOBODY)
    except OSError:
        os.setegid(0)
        pytest.skip("root cannot take another user's identity here")
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def open_to_another_user(tmp_path: Path, folder: Path) -> None:
    """The test's folders and home (conftest) readable by the other user (modules are loaded
    before: the other user may not read the interpreter's files)."""
    for path in [tmp_path, *tmp_path.parents]:  # nobody may walk down to the folder
        if path.stat().st_uid == os.geteuid() and path != Path("/"):
            os.chmod(path, path.stat().st_mode | 0o005)
    home = Path(os.environ["OFFSITE_CONFIG_DIR"]).parent
    for path in [home, *home.rglob("*"), home.parent]:
        os.chmod(path, 0o777 if path.is_dir() else 0o666)
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def test_an_output_folder_without_permission_is_exit_3_with_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT)
    for document in REQUIRED:
        make_pdf(folder / document / f"{document}.pdf", document)
    assert run("dossier", "build", str(folder), "--today", TODAY, "--lang", "en").exit_code == 0
    (folder / "dossier.pdf").unlink()
    open_to_another_user(tmp_path, folder)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    os.chmod(locked, 0o555)
    with another_user():
        result = run("dossier", "build", str(folder), "-o", str(locked / "x.pdf"), "--today", TODAY,
                     "--lang", "en")
        in_place = run("dossier", "build", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 3, result.output
    assert "x.pdf" in result.output and "permission denied" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert in_place.exit_code == 3 and "permission denied" in in_place.output, in_place.output
    assert list(locked.iterdir()) == [] and not (folder / "dossier.pdf").exists()


def test_an_unlistable_document_folder_is_unreadable_not_missing(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "220")  # the table's prose folds at 80: read it unfolded
    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT)
    for document in REQUIRED:
        make_pdf(folder / document / f"{document}.pdf", document)
    assert run("dossier", "check", str(folder), "--today", TODAY, "--json").exit_code == 0
    assert run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en").exit_code == 0
    open_to_another_user(tmp_path, folder)
    os.chmod(folder / "receipt", 0o000)
    try:
        with another_user():
            checked = run("dossier", "check", str(folder), "--today", TODAY, "--json")
            shown = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    finally:
        os.chmod(folder / "receipt", 0o755)
    assert checked.exit_code == 1, checked.output
    receipt = json.loads(checked.stdout)["documents"]["receipt"]
    assert receipt["status"] == "unreadable", receipt
    assert "cannot be read" in shown.output
