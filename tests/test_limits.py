"""Bad input stays bad input: deep TOML, huge strings, odd numbers and odd output paths are one
line and exit 2 naming the file, never an internal error (issue 12, 7, 9, 10, 14, 18)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from dossier_fixtures import CASE_TEXT, REQUIRED, TODAY, make_pdf, run, write_case


def _dossier(folder: Path, text: str = CASE_TEXT) -> Path:
    write_case(folder, text)
    for document in REQUIRED:
        make_pdf(folder / document / f"{document}.pdf", document)
    return folder


DEEP = {
    "array": "x = " + "[" * 600 + "]" * 600,
    "inline table": "x = " + "{a = " * 600 + "1" + "}" * 600,
    "1000 arrays": "x = " + "[" * 1000 + "]" * 1000,
    "40 arrays": "x = " + "[" * 40 + "]" * 40,
}


@pytest.mark.parametrize("nested", DEEP.values(), ids=DEEP.keys())
def test_deeply_nested_case_toml_is_bad_input_naming_the_file(tmp_path: Path, nested: str) -> None:
    folder = write_case(tmp_path / "d", CASE_TEXT.replace("schema = 1", "schema = 1\n" + nested)).parent
    for command in (["dossier", "check"], ["dossier", "build"], ["dossier", "forms"], ["check"]):
        result = run(*command, str(folder), "--today", TODAY, "--lang", "en")
        assert result.exit_code == 2, result.output
        assert "case.toml" in result.output and "nested too deeply" in result.output.lower()
        assert len(result.output.strip().splitlines()) == 1


def test_deadlines_goes_on_past_a_deeply_nested_case(tmp_path: Path) -> None:
    _dossier(tmp_path / "root" / "a")
    write_case(tmp_path / "root" / "b", DEEP["array"] + "\n" + CASE_TEXT)
    result = run("deadlines", str(tmp_path / "root"), "--today", TODAY, "--lang", "en", "--json")
    assert result.exit_code == 2
    assert "root/a" in result.stdout and "b/case.toml" in result.stderr


def test_deeply_nested_config_profile_and_calendar_are_bad_input(tmp_path: Path, config_dir: Path) -> None:
    config_dir.joinpath("config.toml").write_text(DEEP["array"] + "\n", encoding="utf-8")
    folder = _dossier(tmp_path / "d")
    result = run("dossier", "forms", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 2 and "config.toml" in result.output, result.output
    config_dir.joinpath("config.toml").unlink()
    profiles = config_dir / "profiles"
    profiles.mkdir()
    profiles.joinpath("deep.toml").write_text(DEEP["inline table"] + "\n", encoding="utf-8")
    result = run("profiles", "show", "deep", "--lang", "en")
    assert result.exit_code == 2 and "deep.toml" in result.output, result.output
    calendar = config_dir / "calendar"
    calendar.mkdir()
    calendar.joinpath("2027.toml").write_text(DEEP["array"] + "\n", encoding="utf-8")
    result = run("check", "--insured-region", "140500", "--treatment-region", "310104",
                 "--insurance", "employee", "--category", "stationed-worker", "--care", "inpatient",
                 "--admitted", "2027-01-02", "--discharged", "2027-01-10", "--filed",
                 "--no-direct-settlement", "--today", "2027-01-12", "--lang", "en")
    assert result.exit_code == 2 and "2027.toml" in result.output, result.output


@pytest.mark.parametrize("line, key", [
    ('hospital = "' + "医" * 1_000_000 + '"', "episode.hospital"),
    ('hospital = "' + "x" * 201 + '"', "episode.hospital"),
    ('name = "' + "张" * 300 + '"', "person.name"),
])
def test_a_huge_text_is_refused_at_load(tmp_path: Path, line: str, key: str) -> None:
    text = CASE_TEXT.replace('hospital = "上海市示例医院"', "").replace('name = "张伟"', "")
    table = "[episode]" if key.startswith("episode") else "[person]"
    folder = _dossier(tmp_path / "d", text.replace(table, f"{table}\n{line}"))
    result = run("dossier", "build", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert key in result.output and "200 characters" in result.output
    assert len(result.output) < 400
    assert not (folder / "dossier.pdf").exists()


@pytest.mark.parametrize("extra, key", [
    ("amount = nan", "episode.amount"), ("amount = inf", "episode.amount"),
    ("amount = -inf", "episode.amount"), ("amount = -5", "episode.amount"),
    ("\n[[receipts]]\namount = -5", "receipts entry 1, amount"),
    ("\n[[receipts]]\namount = nan", "receipts entry 1, amount"),
    ("\n[[receipts]]\namount = inf", "receipts entry 1, amount"),
])
def test_negative_and_non_finite_amounts_are_refused_with_the_right_words(
        tmp_path: Path, extra: str, key: str) -> None:
    folder = _dossier(tmp_path / "d", CASE_TEXT + extra + "\n")
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert key in result.output
    assert "too large" not in result.output
    assert any(words in result.output for words in ("0 or more", "a number", "more than 0"))


@pytest.mark.parametrize("schema", ["true", "1.0", '"1"'])
def test_schema_must_be_the_integer_1(tmp_path: Path, schema: str) -> None:
    folder = _dossier(tmp_path / "d", CASE_TEXT.replace("schema = 1", f"schema = {schema}"))
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 2 and "schema" in result.output


# ------------------------------------------------------------------------------------ output paths


def test_output_at_a_fifo_or_a_device_is_refused_and_never_replaced(tmp_path: Path) -> None:
    folder = _dossier(tmp_path / "d")
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    targets = [fifo]
    device = tmp_path / "null.pdf"  # a device node of our own: never /dev/null (a broken build
    try:  # would replace the system's)
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        targets.append(device)
    except PermissionError:
        device = None
    for target in targets:
        result = run("dossier", "build", str(folder), "-o", str(target), "--today", TODAY, "--lang", "en")
        assert result.exit_code == 2, result.output
        assert "not a regular file" in result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert device is None or stat.S_ISCHR(os.lstat(device).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_254_byte_output_name_works_and_a_300_byte_one_is_bad_input(tmp_path: Path) -> None:
    folder = _dossier(tmp_path / "d")
    name = "报" * 83 + "x.pdf"  # 3 * 83 + 5 = 254 bytes
    assert len(name.encode()) == 254
    result = run("dossier", "build", str(folder), "-o", str(tmp_path / name), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).stat().st_size > 0
    long_name = "x" * 296 + ".pdf"
    result = run("dossier", "build", str(folder), "-o", str(tmp_path / long_name), "--today", TODAY,
                 "--lang", "en")
    assert result.exit_code == 2 and "300 bytes" in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["d", name])


def test_the_pdf_forms_and_calendar_are_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    folder = _dossier(tmp_path / "d")
    old = os.umask(0)
    try:
        assert run("dossier", "build", str(folder), "--today", TODAY).exit_code == 0
        assert run("dossier", "forms", str(folder), "--today", TODAY).exit_code == 0
        calendar = tmp_path / "x.ics"
        assert run("deadlines", str(folder), "--today", TODAY, "--ics", str(calendar)).exit_code == 0
    finally:
        os.umask(old)
    written = [folder / "dossier.pdf", calendar, *(folder / "forms").iterdir()]
    assert len(written) >= 3
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_regular_read_takes_the_whole_file_and_no_more_than_the_limit(tmp_path: Path) -> None:
    """read_regular asks for the size the file system states (and one byte more): a file whose
    stated size is wrong (files under /proc say 0) is still read whole, and the limit still holds
    for what is read, whatever was stated."""
    from offsite_cli.base.atomic import TooLarge, read_regular

    path = tmp_path / "scan.jpg"
    path.write_bytes(b"x" * 100_000)
    assert read_regular(path, 100_000) == b"x" * 100_000
    with pytest.raises(TooLarge) as large:
        read_regular(path, 99_999)
    assert large.value.stated and large.value.size == 100_000
    status = Path("/proc/self/status")
    if status.is_file() and status.stat().st_size == 0:  # (Linux) a size that says nothing
        assert b"Pid:" in read_regular(status, 1 << 20)
        with pytest.raises(TooLarge) as grown:
            read_regular(status, 10)
        assert not grown.value.stated and grown.value.size > 10
