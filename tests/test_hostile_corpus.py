"""The hostile corpus (issue 12, Prove it): case files, folder contents and output paths made by
generators, each run through `dossier check`, `dossier forms` and `dossier build`, asserting the
exit code, one line for an error, no traceback, nothing left behind, the inputs unchanged, and no
ID number in anything printed for people."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from dossier_fixtures import CASE_TEXT, ID_NUMBER, REQUIRED, TODAY, make_pdf, run, write_case

ESCAPES = ["\\n", "\\r", "\\u001b]0;pwned\\u0007", "\\u001b[2J", "\\u202e", "\\u0000"]


def _case_texts() -> dict[str, str]:
    """case.toml texts, each wrong (or odd) in one way."""
    cases: dict[str, str] = {}
    for key in ("id_numbr", "id-number", "idnumber", "id", "ID_NUMBER"):
        cases[f"key {key}"] = CASE_TEXT.replace("id_number", key)
    cases["[[person]]"] = CASE_TEXT.replace("[person]", "[[person]]")
    cases["[[episode]]"] = CASE_TEXT.replace("[episode]", "[[episode]]")
    cases["id under insured"] = CASE_TEXT.replace("[insured]", f'[insured]\nid_number = "{ID_NUMBER}"')
    cases["id as region"] = CASE_TEXT.replace('region = "310104"', f'region = "{ID_NUMBER}"')
    cases["id as a bare number"] = CASE_TEXT.replace(f'"{ID_NUMBER}"', ID_NUMBER)
    cases["id as receipt date"] = CASE_TEXT + f'\n[[receipts]]\namount = 1\ndate = "{ID_NUMBER}"\n'
    cases["id in a list"] = CASE_TEXT.replace("schema = 1", f'schema = 1\nx = ["{ID_NUMBER}"]')
    cases["id as hospital"] = CASE_TEXT.replace("上海市示例医院", ID_NUMBER)
    for depth in (400, 1000):
        cases[f"arrays {depth} deep"] = CASE_TEXT.replace("schema = 1", "schema = 1\nx = " + "[" * depth + "]" * depth)
        cases[f"tables {depth} deep"] = CASE_TEXT.replace("schema = 1", "schema = 1\nx = " + "{a = " * depth + "1" + "}" * depth)
    cases["1 MB hospital"] = CASE_TEXT.replace("上海市示例医院", "医" * 1_000_000)
    cases["5 MB name"] = CASE_TEXT.replace('name = "张伟"', 'name = "' + "x" * 5_000_000 + '"')
    for number, escape in enumerate(ESCAPES):
        cases[f"control in name {number}"] = CASE_TEXT.replace('name = "张伟"', f'name = "张{escape}伟"')
        cases[f"control in category {number}"] = CASE_TEXT.replace('"stationed-worker"', f'"x{escape}"')
    for amount in ("-5", "nan", "inf", "-inf", "1e400", "99999999999999999999", "true"):
        cases[f"amount {amount}"] = CASE_TEXT + f"amount = {amount}\n"
        cases[f"receipt {amount}"] = CASE_TEXT + f"\n[[receipts]]\namount = {amount}\n"
    cases["schema true"] = CASE_TEXT.replace("schema = 1", "schema = true")
    cases["schema 2**62"] = CASE_TEXT.replace("schema = 1", f"schema = {2**62}")
    cases["date year 9999"] = CASE_TEXT.replace("2026-11-13", "9999-12-31")
    cases["documents path escapes"] = CASE_TEXT + '\n[documents]\nreceipt = ["../../etc/passwd"]\n'
    cases["documents absolute"] = CASE_TEXT + '\n[documents]\nreceipt = ["/dev/zero"]\n'
    cases["documents long path"] = CASE_TEXT + '\n[documents]\nreceipt = ["' + "a/" * 3000 + 'x.pdf"]\n'
    cases["bom and crlf"] = "\ufeff" + CASE_TEXT.replace("\n", "\r\n")
    return cases


def _not_utf8(folder: Path) -> None:
    (folder / "case.toml").write_bytes(CASE_TEXT.encode("gb18030"))


def _folders() -> dict[str, Callable[[Path], None]]:
    """What a folder may hold besides a complete dossier."""

    def fifo(where: str) -> Callable[[Path], None]:
        return lambda folder: os.mkfifo(folder / where)

    def device(folder: Path) -> None:
        try:
            os.mknod(folder / "receipt" / "zero.pdf", 0o020600, os.makedev(1, 5))
        except PermissionError:
            os.symlink("/dev/zero", folder / "receipt" / "zero.pdf")

    def named(name: str) -> Callable[[Path], None]:
        return lambda folder: make_pdf(folder / "receipt" / name, "收据")

    def loop(folder: Path) -> None:
        os.symlink("loop-b", folder / "loop-a")
        os.symlink("loop-a", folder / "loop-b")

    return {
        "fifo at the top": fifo("scan.jpg"), "fifo in a document folder": fifo("receipt/r2.pdf"),
        "fifo under [documents]": lambda folder: (os.mkfifo(folder / "p.pdf"), _append(folder, 'receipt = ["p.pdf"]')),
        "device in a document folder": device,
        "link outside": lambda folder: os.symlink("/etc/passwd", folder / "receipt" / "passwd.pdf"),
        "link loop": loop,
        "name not utf-8": named("r\udcff\udcfe.pdf"),
        "name with the id": named(f"身份证{ID_NUMBER}.pdf"),
        "name with escapes": named("r\x1b]0;pwned\x07\x1b[2J\r\n.pdf"),
        "empty file": lambda folder: (folder / "receipt" / "empty.pdf").write_bytes(b""),
        "case.toml not utf-8": _not_utf8,
    }


def _append(folder: Path, line: str) -> None:
    with open(folder / "case.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[documents]\n" + line + "\n")


OUTPUTS = {
    "-o fifo": lambda base: (os.mkfifo(base / "out.pdf"), base / "out.pdf")[1],
    "-o a device": lambda base: _device(base / "null.pdf"),  # our own node: never /dev/null
    "-o 300-byte name": lambda base: base / ("x" * 296 + ".pdf"),
    "-o missing folder": lambda base: base / "nowhere" / "x.pdf",
    "-o a folder": lambda base: base,
    "-o 254-byte name": lambda base: base / ("报" * 83 + "x.pdf"),
}


def _device(path: Path) -> Path:
    try:
        os.mknod(path, 0o020666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def _snapshot(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.name.endswith(".pdf.part"):
            relative = str(path.relative_to(folder))
            if relative.startswith(("forms", "dossier.pdf")):
                continue
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _complete(folder: Path) -> Path:
    write_case(folder, CASE_TEXT)
    for document in REQUIRED:
        make_pdf(folder / document / f"{document}.pdf", document)
    return folder


def _assert_clean(name: str, folder: Path, scratch: Path, before: dict[str, str],
                  results: list) -> None:  # noqa: ANN001
    for command, result in results:
        said = result.output
        where = f"{name} / {command}: {said[:300]!r}"
        assert result.exit_code in (0, 1, 2, 3), where
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
            (where, result.exception)
        assert "Traceback" not in said and "internal error" not in said and "内部错误" not in said, where
        assert ID_NUMBER not in said and ID_NUMBER[6:14] + ID_NUMBER[14:] not in said, where
        if result.exit_code in (2, 3):
            assert len(said.strip().splitlines()) == 1, where
        assert "\x1b" not in said and "\x07" not in said and "\r" not in said, where
    leftovers = [p for p in folder.rglob("*") if p.name.endswith((".part", ".tmp"))]
    assert not leftovers, (name, leftovers)
    assert not list(scratch.iterdir()), (name, list(scratch.iterdir()))
    assert _snapshot(folder) == before, name


def _run_all(folder: Path, *extra: str) -> list:  # noqa: ANN001
    return [(command, run("dossier", command, str(folder), "--today", TODAY, "--lang", lang, *extra))
            for command, lang in (("check", "zh"), ("forms", "en"), ("build", "zh"))]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TMPDIR for the run: nothing may be left in it."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


CASES = _case_texts()


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case_files(tmp_path: Path, scratch: Path, name: str) -> None:
    folder = _complete(tmp_path / "d")
    (folder / "case.toml").write_text(CASES[name], encoding="utf-8", newline="")
    before = _snapshot(folder)
    results = _run_all(folder)
    _assert_clean(name, folder, scratch, before, results)
    assert {result.exit_code for _, result in results} <= {0, 1, 2}, name


FOLDERS = _folders()


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_hostile_folder_contents(tmp_path: Path, scratch: Path, name: str) -> None:
    folder = _complete(tmp_path / "d")
    FOLDERS[name](folder)
    before = _snapshot(folder)
    results = _run_all(folder)
    _assert_clean(name, folder, scratch, before, results)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_hostile_output_paths(tmp_path: Path, scratch: Path, name: str) -> None:
    folder = _complete(tmp_path / "d")
    base = tmp_path / "out"
    base.mkdir()
    target = OUTPUTS[name](base)
    before = _snapshot(folder)
    result = run("dossier", "build", str(folder), "-o", str(target), "--today", TODAY, "--lang", "en")
    _assert_clean(name, folder, scratch, before, [("build", result)])
    assert result.exit_code == (0 if name == "-o 254-byte name" else 2), (name, result.output)
    assert not [p for p in base.rglob("*") if p.name.endswith(".part")]
    if name in ("-o fifo", "-o a device"):
        assert not target.is_file()
