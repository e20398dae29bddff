"""The entry point builds only the command group asked for (start-up time), with the same behaviour."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.main import get_command

from offsite_cli.cli import COMMANDS, app, app_for


def test_full_app_lists_every_command() -> None:
    assert sorted(get_command(app).commands) == sorted(COMMANDS)


def test_a_known_first_word_builds_just_that_group() -> None:
    assert list(get_command(app_for(["check", "--json"])).commands) == ["check"]
    every = ["build", "check", "checklist", "forms", "import", "mark", "new", "receipt"]
    assert list(get_command(app_for(["dossier", "check"])).commands["dossier"].commands) == ["check"]
    assert list(get_command(app_for(["dossier", "receipt", "add"])).commands["dossier"].commands) == \
        ["receipt"]
    for words in (["dossier"], ["dossier", "--help"], ["dossier", "bulid"]):  # help, a typo's hint
        assert sorted(get_command(app_for(words)).commands["dossier"].commands) == every
    assert sorted(get_command(app_for(["--help"])).commands) == sorted(COMMANDS)
    assert sorted(get_command(app_for([])).commands) == sorted(COMMANDS)


def test_the_installed_entry_point_runs_a_command_by_name(tmp_path) -> None:  # noqa: ANN001
    result = subprocess.run(
        [sys.executable, "-m", "offsite_cli", "check", "--json", "--no-input",
         "--insured-region", "140500", "--treatment-region", "310104", "--insurance", "employee",
         "--category", "stationed-worker", "--care", "inpatient", "--discharged", "2026-10-20",
         "--filed", "--no-direct-settlement", "--today", "2026-11-22"],
        capture_output=True, text=True, check=False,
        env={"OFFSITE_CONFIG_DIR": str(tmp_path), "OFFSITE_CACHE_DIR": str(tmp_path / "cache"),
             "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["deadlines"][0]["date"] == "2026-11-20"
    usage = subprocess.run([sys.executable, "-m", "offsite_cli", "check", "--bogus"],
                           capture_output=True, text=True, check=False,
                           env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                "OFFSITE_CONFIG_DIR": str(tmp_path)})
    assert usage.returncode == 2
    assert "offsite check" in usage.stderr


def _offsite(*args: str, home) -> subprocess.CompletedProcess:  # noqa: ANN001
    return subprocess.run([sys.executable, "-m", "offsite_cli", *args], capture_output=True,
                          text=True, check=False,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
                               "OFFSITE_CONFIG_DIR": str(home), "OFFSITE_CACHE_DIR": str(home)})


def test_usage_errors_are_one_line_in_the_chosen_language_exit_2(tmp_path) -> None:  # noqa: ANN001
    cases = [
        (["check", "--foo"], "没有选项 --foo", "offsite check --help"),
        (["dossier", "build"], "缺少 DIR", "offsite dossier build --help"),
        (["deadlines", "--within", "-3", "--lang", "en"], "--within: expected 0 or more", "see offsite"),
        (["check", "--insurance"], "--insurance 需要一个值", "--help"),
        (["nope"], "没有命令 nope", "offsite --help"),
        (["check", "a", "b"], "多余的参数 b", "--help"),
    ]
    for arguments, wanted, helped in cases:
        result = _offsite(*arguments, home=tmp_path)
        assert result.returncode == 2, (arguments, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and wanted in lines[0] and helped in lines[0], (arguments, lines)
        assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_lang_before_the_command_is_the_language_of_the_whole_run(tmp_path) -> None:  # noqa: ANN001
    import shutil
    from pathlib import Path

    found = _offsite("--lang", "en", "regions", "find", "110000", "--json", home=tmp_path)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout) == json.loads(
        _offsite("regions", "find", "110000", "--json", "--lang", "en", home=tmp_path).stdout)
    table = _offsite("--lang=en", "regions", "find", "110000", home=tmp_path)
    assert "Name" in table.stdout and "名称" not in table.stdout
    assert "名称" in _offsite("--lang", "en", "regions", "find", "110000", "--lang", "zh", home=tmp_path).stdout
    assert "Usage: offsite deadlines" in _offsite("--lang", "en", "deadlines", "--help", home=tmp_path).stdout
    assert "Name" in _offsite("--lang", "zh", "--lang", "en", "regions", "find", "110000", home=tmp_path).stdout
    assert "名称" in _offsite("--lang=en", "--lang", "zh", "regions", "find", "110000", home=tmp_path).stdout
    listed = _offsite("--help", "--lang", "en", home=tmp_path).stdout
    assert "--lang" in listed and "OFFSITE_LANG" in listed  # (the root's help says it)
    # a batch's workers speak it too
    example = Path(__file__).resolve().parent.parent / "examples" / "zhang-wei-2026-11"
    folders = [tmp_path / name for name in ("a", "b")]
    for folder in folders:
        shutil.copytree(example, folder, ignore=shutil.ignore_patterns("dossier.pdf", "forms"))
    checked = _offsite("--lang", "en", "dossier", "check", *map(str, folders), "--jobs", "2", home=tmp_path)
    assert checked.returncode == 1, checked.stderr  # (the two copies share receipts: said, in English)
    assert "✓ complete" in checked.stdout and "receipt number" in checked.stderr
    assert "齐全" not in checked.stdout + checked.stderr
    for arguments, wanted in ((["--lang", "fr", "check"], "error: --lang: 'fr' is not valid; expected zh or en"),
                              (["--lang"], "错误：选项 --lang 需要一个值"), (["--lang="], "选项 --lang 需要一个值")):
        result = _offsite(*arguments, "--lang", "en", home=tmp_path) if "fr" in arguments else _offsite(
            *arguments, home=tmp_path)
        assert result.returncode == 2 and result.stdout == "", (arguments, result)
        assert result.stderr.strip().splitlines() == [result.stderr.strip()] and wanted in result.stderr, result.stderr


def test_version_and_bare_help(tmp_path) -> None:  # noqa: ANN001
    result = _offsite("--version", home=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("offsite ")
    result = _offsite(home=tmp_path)
    assert "用法：offsite" in result.stdout + result.stderr  # the default language is Chinese


def _leaves(command, path=()):  # noqa: ANN001, ANN202
    subcommands = getattr(command, "commands", None)
    if not subcommands:
        yield path, command
        return
    for name, sub in subcommands.items():
        yield from _leaves(sub, (*path, name))


def test_every_command_accepts_no_input_json_and_lang() -> None:
    """CONTRACT.md: a script passes --no-input (with --json and --lang) to every command."""
    lacking = {" ".join(path): [option for option in ("--no-input", "--json", "--lang")
                                if not any(option in param.opts for param in command.params)]
               for path, command in _leaves(get_command(app))}
    assert not {name: missing for name, missing in lacking.items() if missing}, lacking


def test_no_input_on_commands_that_never_ask(tmp_path) -> None:  # noqa: ANN001
    from dossier_fixtures import run, write_case

    write_case(tmp_path / "d")
    checked = run("dossier", "check", str(tmp_path / "d"), "--no-input", "--json",
                  "--today", "2026-11-20")
    assert checked.exit_code == 1 and json.loads(checked.stdout)["complete"] is False
    for arguments in (("regions", "find", "晋城"), ("profiles", "list"), ("config", "show"),
                      ("forms", "list"), ("deadlines", str(tmp_path), "--today", "2026-11-20")):
        result = run(*arguments, "--no-input", "--json")
        assert result.exit_code in (0, 1), (arguments, result.stderr)
        json.loads(result.stdout)


def test_a_group_named_alone_shows_its_help_as_bare_offsite_does(tmp_path) -> None:  # noqa: ANN001
    """`offsite dossier` (and a group under it): its help and exit 2, as bare `offsite` — not
    the help followed by an empty error line (found by a review)."""
    environment = {"OFFSITE_CONFIG_DIR": str(tmp_path), "OFFSITE_CACHE_DIR": str(tmp_path / "cache"),
                   "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(tmp_path)}
    for words in ([], ["dossier"], ["dossier", "receipt"], ["regions"]):
        done = subprocess.run([sys.executable, "-m", "offsite_cli", *words], capture_output=True,
                              text=True, check=False, env=environment)
        assert done.returncode == 2, words
        assert "错误" not in done.stderr and "error:" not in done.stderr, (words, done.stderr)
        assert "--help" in done.stdout + done.stderr, words


def test_a_nested_group_named_alone_shows_its_help_in_chinese(tmp_path) -> None:  # noqa: ANN001
    """`offsite dossier receipt` showed Typer's English help (the translation looked for
    --help or one word only; found by a review)."""
    environment = {"OFFSITE_CONFIG_DIR": str(tmp_path), "OFFSITE_CACHE_DIR": str(tmp_path / "cache"),
                   "PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8", "HOME": str(tmp_path), "COLUMNS": "100"}
    for words in (["dossier", "receipt"], ["dossier"], []):
        done = subprocess.run([sys.executable, "-m", "offsite_cli", *words], capture_output=True,
                              text=True, check=False, env=environment)
        shown = done.stdout + done.stderr
        assert "用法" in shown and "Usage" not in shown, words


def test_a_build_with_its_standard_streams_closed_does_its_work(tmp_path) -> None:  # noqa: ANN001
    """`2>&-` or `>&-` (a script that closed them): the PDF is made and the exit code is the
    build's, not an internal error (sys.stderr was None; found by a review)."""
    import shutil
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "zhang-wei-2026-11"
    folder = tmp_path / "case"
    shutil.copytree(example, folder, ignore=shutil.ignore_patterns("dossier.pdf", "forms"))
    environment = {"OFFSITE_CONFIG_DIR": str(tmp_path), "OFFSITE_CACHE_DIR": str(tmp_path / "cache"),
                   "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(tmp_path)}
    for closed in ("2>&-", ">&-"):
        output = tmp_path / f"out{len(closed)}.pdf"
        script = (f'"{sys.executable}" -m offsite_cli dossier build "{folder}" -o "{output}" '
                  f"--json {closed}")
        done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False,
                              env=environment, timeout=120)
        assert done.returncode == 0, (closed, done.stderr)
        assert output.stat().st_size > 10_000
