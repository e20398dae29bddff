"""The command line: `offsite check` (JSON shape, languages, exit codes, prompts, case folders),
`profiles`, `regions`, help texts, and the entry point's last-resort error handling."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from offsite_cli.policy import ids
from offsite_cli.cli import app
from offsite_cli.base.i18n import default_lang

@pytest.fixture(autouse=True)
def typer_command_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """CliRunner rebuilds the Click command from the Typer app on every invoke (most of the time
    an invoke takes); the app does not change during a run, so build it once."""
    import typer.testing

    monkeypatch.setattr(typer.testing, "_get_command", _command_of)


@functools.lru_cache(maxsize=None)
def _command_of(typer_app):
    from typer.main import get_command

    return get_command(typer_app)


CONTRACT_DOCUMENT_IDS = {
    "card-copy", "id-copy", "filing-form", "discharge-certificate", "diagnosis-certificate",
    "special-outpatient-approval", "expense-list", "receipt", "medical-record", "unit-certificate",
    "referral-certificate", "residence-certificate", "admission-notice", "commitment-letter",
    "hospitalization-statement", "bank-card",
}

# The CONTRACT example: a Jincheng employee stationed in Shanghai, in hospital 8-20 October 2026,
# filed, paid in full; on 22 November the claim (due 20 November) is two days overdue.
CONTRACT = [
    "--insured-region", "晋城", "--treatment-region", "310104", "--insurance", "employee",
    "--category", "stationed-worker", "--care", "inpatient", "--admitted", "2026-10-08",
    "--discharged", "2026-10-20", "--filed", "--no-direct-settlement", "--today", "2026-11-22",
]


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):
    return CliRunner().invoke(app, list(args), env=env, input=input)


def check(*args: str, **kwargs):
    return run("check", *args, **kwargs)


def replace(arguments: list[str], option: str, value: str) -> list[str]:
    changed = list(arguments)
    changed[changed.index(option) + 1] = value
    return changed


def without(arguments: list[str], option: str, takes_value: bool = True) -> list[str]:
    changed = list(arguments)
    index = changed.index(option)
    del changed[index:index + (2 if takes_value else 1)]
    return changed


def assert_bad_input(result, *words: str) -> str:
    """Exit 2, nothing on standard output, one line on standard error naming the words."""
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# ----------------------------------------------------------------------------------- JSON shape


def test_json_shape_of_the_contract_example() -> None:
    result = check(*CONTRACT, "--json", "--no-input")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert {"scope", "filing", "route", "documents", "deadlines", "profile", "warnings"} <= set(document)
    assert document["scope"] == "cross_province"
    filing = document["filing"]
    assert {"required", "done", "deemed", "note"} <= set(filing)
    assert (filing["required"], filing["done"], filing["deemed"]) == (True, True, False)
    assert isinstance(filing["note"], str) and filing["note"]
    assert document["route"] == "manual_reimbursement"
    assert document["profile"] == "cn-national"
    assert isinstance(document["warnings"], list)
    assert all(isinstance(warning, str) and warning for warning in document["warnings"])

    documents = document["documents"]
    assert documents
    for item in documents:
        assert {"id", "name", "required", "source"} <= set(item)
        assert isinstance(item["required"], bool)
        assert item["name"] and item["source"]
        assert "cn-national" in item["source"]
    by_id = {item["id"]: item for item in documents}
    assert set(by_id) <= CONTRACT_DOCUMENT_IDS
    for required in ("card-copy", "filing-form", "discharge-certificate", "expense-list", "receipt"):
        assert by_id[required]["required"] is True, required  # seed 000, filed route

    [deadline] = [d for d in document["deadlines"] if d["id"] == "reimbursement"]
    assert {"id", "date", "days_left", "rule"} <= set(deadline)
    assert deadline["date"] == "2026-11-20"
    assert deadline["days_left"] == -2
    assert "cn-national" in deadline["rule"]


def test_json_accepts_names_and_codes_alike() -> None:
    by_name = check(*replace(CONTRACT, "--treatment-region", "徐汇区"), "--json", "--no-input")
    by_code = check(*replace(CONTRACT, "--insured-region", "140500"), "--json", "--no-input")
    assert by_name.exit_code == by_code.exit_code == 0
    first, second = json.loads(by_name.stdout), json.loads(by_code.stdout)
    assert first["scope"] == second["scope"] == "cross_province"
    assert first["documents"] == second["documents"]
    assert first["deadlines"] == second["deadlines"]


@pytest.mark.parametrize(("today", "days_left"), [("2026-11-20", 0), ("2026-11-01", 19),
                                                  ("2026-12-20", -30)])
def test_days_left_counts_from_today(today: str, days_left: int) -> None:
    result = check(*replace(CONTRACT, "--today", today), "--json", "--no-input")
    [deadline] = [d for d in json.loads(result.stdout)["deadlines"] if d["id"] == "reimbursement"]
    assert (deadline["date"], deadline["days_left"]) == ("2026-11-20", days_left)


@pytest.mark.parametrize(
    ("treatment", "scope", "route"),
    [("140522", "local", "local"), ("140100", "intra_province", "manual_reimbursement"),
     ("810000", "outside_scheme", "not_reimbursable")],
)
def test_scope_and_route_in_json(treatment: str, scope: str, route: str) -> None:
    result = check(*replace(CONTRACT, "--treatment-region", treatment), "--json", "--no-input")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["scope"], document["route"]) == (scope, route)


def test_human_output_without_json() -> None:
    result = check(*CONTRACT, "--lang", "en", "--no-input")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Manual reimbursement" in out
    assert "2026-11-20" in out
    assert "overdue by 2 days" in out
    assert "Discharge certificate" in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


# ------------------------------------------------------------------------------------- languages


def test_lang_en_gives_english_names() -> None:
    document = json.loads(check(*CONTRACT, "--json", "--lang", "en", "--no-input").stdout)
    names = {item["id"]: item["name"] for item in document["documents"]}
    assert names["card-copy"] == "Medical-insurance card copy, front and back"
    assert names["receipt"] == "Official receipt or invoice (original)"
    assert document["filing"]["note"] == "Cross-province treatment must be filed with the insured place."
    assert "The claimant signs the back of each receipt." in document["warnings"]
    [deadline] = [d for d in document["deadlines"] if d["id"] == "reimbursement"]
    assert deadline.get("name", "Reimbursement claim due") == "Reimbursement claim due"


def test_lang_zh_gives_chinese_names() -> None:
    document = json.loads(check(*CONTRACT, "--json", "--lang", "zh", "--no-input").stdout)
    names = {item["id"]: item["name"] for item in document["documents"]}
    assert names["card-copy"] == "医保卡（社保卡）正反面复印件"
    assert names["receipt"] == "医疗费用收据（发票）原件"
    assert document["filing"]["note"] == "跨省异地就医须在参保地办理备案。"
    assert "收据背面须由报销人签名。" in document["warnings"]


def test_human_output_in_chinese() -> None:
    result = check(*CONTRACT, "--lang", "zh", "--no-input")
    assert "手工（零星）报销" in result.stdout
    assert "已逾期 2 天" in result.stdout


def test_default_language_follows_the_locale() -> None:
    english = check(*CONTRACT, "--json", "--no-input", env={"LANG": "en_US.UTF-8"})
    chinese = check(*CONTRACT, "--json", "--no-input", env={"LANG": "zh_CN.UTF-8"})
    fallback = check(*CONTRACT, "--json", "--no-input", env={"LANG": "C.UTF-8"})
    assert json.loads(english.stdout)["filing"]["note"].startswith("Cross-province")
    assert json.loads(chinese.stdout)["filing"]["note"].startswith("跨省")
    assert json.loads(fallback.stdout)["filing"]["note"].startswith("跨省")
    overridden = check(*CONTRACT, "--json", "--no-input", "--lang", "zh", env={"LANG": "en_US.UTF-8"})
    assert json.loads(overridden.stdout)["filing"]["note"].startswith("跨省")


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "fr_FR.UTF-8"}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"OFFSITE_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"OFFSITE_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh"),
        ({"OFFSITE_LANG": "fr", "LANG": "en_US.UTF-8"}, "en"),
    ],
)
def test_default_lang(environ: dict[str, str], lang: str) -> None:
    assert default_lang(environ) == lang


def test_error_messages_follow_lang() -> None:
    english = check(*replace(CONTRACT, "--insured-region", "999999"), "--lang", "en", "--no-input")
    chinese = check(*replace(CONTRACT, "--insured-region", "999999"), "--lang", "zh", "--no-input")
    assert "unknown region code 999999" in english.stderr
    assert "未知的行政区划代码 999999" in chinese.stderr


# ------------------------------------------------------------------------------------ exit codes


def test_exit_0_normally_even_when_filing_is_missing() -> None:
    assert check(*CONTRACT, "--json", "--no-input").exit_code == 0
    not_filed = [a if a != "--filed" else "--not-filed" for a in CONTRACT]
    assert check(*not_filed, "--json", "--no-input").exit_code == 0


def test_exit_code_1_when_filing_required_and_not_done() -> None:
    arguments = [a if a != "--filed" else "--not-filed" for a in CONTRACT]
    result = check(*arguments, "--json", "--exit-code", "--no-input")
    assert result.exit_code == 1
    document = json.loads(result.stdout)  # the report is still written
    assert (document["filing"]["required"], document["filing"]["done"]) == (True, False)


def test_exit_code_0_when_filing_done() -> None:
    assert check(*CONTRACT, "--json", "--exit-code", "--no-input").exit_code == 0


def test_exit_code_0_when_deemed_filed_for_an_emergency() -> None:
    arguments = replace([a if a != "--filed" else "--not-filed" for a in CONTRACT], "--category",
                        "emergency")
    result = check(*arguments, "--json", "--exit-code", "--no-input")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["filing"]["deemed"] is True


def test_exit_code_0_when_no_filing_is_needed() -> None:
    arguments = replace([a if a != "--filed" else "--not-filed" for a in CONTRACT],
                        "--treatment-region", "140100")  # intra-province, Shanxi: no filing
    result = check(*arguments, "--json", "--exit-code", "--no-input")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["filing"]["required"] is False


def test_ambiguous_region_exits_2_listing_candidates() -> None:
    result = check(*replace(CONTRACT, "--treatment-region", "朝阳区"), "--json", "--lang", "en",
                   "--no-input")
    assert_bad_input(result, "--treatment-region", "朝阳区", "110105", "220104")


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--insured-region", "999999", ["--insured-region", "999999"]),
        ("--treatment-region", "火星市", ["--treatment-region", "火星市"]),
        ("--admitted", "2026-13-01", ["--admitted", "2026-13-01"]),
        ("--discharged", "20/10/2026", ["--discharged", "20/10/2026"]),
        ("--today", "yesterday", ["--today", "yesterday"]),
        ("--discharged", "2026-10-01", ["discharged", "2026-10-01", "2026-10-08"]),  # before admission
        ("--category", "astronaut", ["category", "astronaut", "stationed-worker"]),
        ("--care", "surgery", ["care", "surgery", "inpatient"]),
        ("--insurance", "private", ["insurance", "private", "employee"]),
        ("--lang", "fr", ["fr", "zh", "en"]),
        ("--profile", "no-such-profile", ["no-such-profile", "cn-national"]),
    ],
)
def test_bad_input_exits_2_with_one_line(option: str, value: str, words: list[str]) -> None:
    arguments = CONTRACT + ["--lang", "en"] if option != "--lang" else list(CONTRACT)
    if option in arguments:
        arguments = replace(arguments, option, value)
    else:
        arguments += [option, value]
    assert_bad_input(check(*arguments, "--json", "--no-input"), *words)


@pytest.mark.parametrize(
    ("option", "takes_value"),
    [("--insured-region", True), ("--treatment-region", True), ("--insurance", True),
     ("--category", True), ("--care", True)],
)
def test_missing_option_with_no_input_names_it(option: str, takes_value: bool) -> None:
    result = check(*without(CONTRACT, option, takes_value), "--lang", "en", "--json", "--no-input")
    assert_bad_input(result, option, "missing")


def test_without_a_terminal_nothing_is_asked_even_without_no_input() -> None:
    result = check(*without(CONTRACT, "--care"), "--lang", "en", "--json")
    assert_bad_input(result, "--care")


PROMPTS = ["Kind of care", "Person category", "Insurance", "Insured place", "Treatment place",
           "就医类型", "人员类别", "参保地", "就医地"]


def test_no_prompts_with_no_input_even_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.cli import check as check_module

    monkeypatch.setattr(check_module, "interactive", lambda no_input: not no_input)  # a terminal
    result = check(*without(CONTRACT, "--care"), "--lang", "en", "--json", "--no-input",
                   input="inpatient\n")
    assert_bad_input(result, "--care")
    for question in PROMPTS:
        assert question not in result.stdout
        assert question not in result.stderr


def test_prompt_in_a_terminal_asks_on_stderr_and_keeps_stdout_for_the_result(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The positive control of the test above: without --no-input the question is shown."""
    from offsite_cli.cli import check as check_module

    monkeypatch.setattr(check_module, "interactive", lambda no_input: not no_input)
    result = check(*without(CONTRACT, "--care"), "--lang", "en", input="inpatient\n")
    assert result.exit_code == 0, result.output
    assert "Kind of care" in result.stderr and "inpatient" in result.stderr
    assert "Kind of care" not in result.stdout and "2026-11-20" in result.stdout


def test_json_never_asks_in_a_terminal_either(monkeypatch: pytest.MonkeyPatch) -> None:
    """--json is for scripts: what is missing is an error naming the option, never a question."""
    from offsite_cli.cli import check as check_module

    monkeypatch.setattr(check_module, "interactive", lambda no_input: not no_input)
    result = check(*without(CONTRACT, "--care"), "--lang", "en", "--json", input="inpatient\n")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == ("error: missing --care (nothing is asked without a terminal "
                                     "or with --no-input)")
    given = check(*CONTRACT, "--json", input="")  # nothing missing: no question about the dates
    assert given.exit_code == 0 and given.stderr == ""


def test_stdout_is_only_json_and_errors_go_to_stderr() -> None:
    good = check(*CONTRACT, "--json", "--no-input")
    json.loads(good.stdout)
    assert good.stderr == ""
    bad = check(*replace(CONTRACT, "--care", "surgery"), "--json", "--no-input")
    assert bad.stdout == "" and bad.stderr


def test_discharge_before_admission_writes_nothing() -> None:
    result = check(*replace(CONTRACT, "--discharged", "2026-10-07"), "--json", "--lang", "en",
                   "--no-input")
    assert_bad_input(result, "2026-10-07")


# ----------------------------------------------------------------------------- case folders


def valid_id_number() -> str:
    return "14052219800101123" + ids.check_character("14052219800101123")


def write_case(folder: Path, id_number: str | None = None, care: str = "inpatient") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.toml").write_text(f"""\
schema = 1
profile = "cn-national"

[person]
name = "张三"
id_number = "{id_number or valid_id_number()}"
insurance = "employee"
category = "stationed-worker"

[insured]
region = "140500"
unit = "晋城市某某有限公司"

[episode]
region = "310104"
hospital = "某某医院"
care = "{care}"
admitted = 2026-10-08
discharged = 2026-10-20
filed = true
direct_settlement = false
amount = 12873.50

[documents]
receipt = ["scans/receipt-1.jpg"]
""", encoding="utf-8")
    return folder


def test_check_a_case_folder(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "zhang-san")
    result = check(str(folder), "--today", "2026-11-22", "--json", "--no-input")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    from_options = json.loads(check(*CONTRACT, "--json", "--no-input").stdout)
    for key in ("scope", "filing", "route", "documents", "deadlines", "profile"):
        assert document[key] == from_options[key], key


def test_options_override_the_case_folder(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "zhang-san")
    result = check(str(folder), "--today", "2026-11-22", "--json", "--no-input", "--not-filed",
                   "--exit-code")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["filing"]["done"] is False
    result = check(str(folder), "--today", "2026-11-22", "--json", "--no-input",
                   "--treatment-region", "太原市")
    assert json.loads(result.stdout)["scope"] == "intra_province"


def test_case_folder_with_a_wrong_id_number_exits_2_masked(tmp_path: Path) -> None:
    wrong = valid_id_number()[:-1] + ("2" if valid_id_number()[-1] != "2" else "3")
    folder = write_case(tmp_path / "typo", id_number=wrong)
    result = check(str(folder), "--today", "2026-11-22", "--json", "--lang", "en", "--no-input")
    line = assert_bad_input(result, "id_number", ids.mask(wrong))
    assert wrong not in line


def test_missing_case_folder_exits_2(tmp_path: Path) -> None:
    result = check(str(tmp_path / "nowhere"), "--json", "--no-input")
    assert_bad_input(result, "nowhere")


def test_case_folder_with_a_bad_value_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "bad", care="surgery")
    result = check(str(folder), "--json", "--lang", "en", "--no-input")
    assert_bad_input(result, str(folder / "case.toml"), "episode.care", "surgery")


# ----------------------------------------------------------------------- profiles and regions


def test_profiles_list_json() -> None:
    result = run("profiles", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    [national] = [row for row in rows if row["id"] == "cn-national"]
    assert national["origin"] == "shipped"
    assert national["extends"] is None
    assert national["title"]


def test_profiles_show_json() -> None:
    result = run("profiles", "show", "cn-national", "--json", "--lang", "en")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["id"] == "cn-national"
    assert document["chain"] == ["cn-national"]
    assert {"filing", "checklist", "deadlines", "warnings"} <= set(document["rules"])
    jiangxi = [rule for rule in document["rules"]["filing"] if rule["id"] == "intra-province-jiangxi"]
    assert sorted((rule["since"] or "", rule["required"]) for rule in jiangxi) == [
        ("", True), ("2023-04-01", False)]
    assert CONTRACT_DOCUMENT_IDS <= set(document["documents"])


def test_profiles_show_for_people() -> None:
    result = run("profiles", "show", "cn-national", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "cn-national" in result.stdout and "unverified" in result.stdout


def test_profiles_show_unknown_exits_2() -> None:
    assert_bad_input(run("profiles", "show", "no-such-profile", "--lang", "en"), "no-such-profile")


def test_regions_find_ambiguous_name_returns_both() -> None:
    result = run("regions", "find", "朝阳区", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(row["code"], row["planning_area"]) for row in rows] == [
        ("110105", "110000"), ("220104", "220100")]
    assert {"code", "name", "full_name", "level", "in_use"} <= set(rows[0])


def test_regions_find_a_retired_code_shows_the_current_one() -> None:
    rows = json.loads(run("regions", "find", "110103", "--json").stdout)
    assert [(row["code"], row["in_use"], row["current"]) for row in rows] == [("110103", False, "110101")]


def test_regions_find_nothing_exits_1() -> None:
    result = run("regions", "find", "火星市", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    people = run("regions", "find", "火星市", "--lang", "en")
    assert people.exit_code == 1
    assert "火星市" in people.stdout


def test_regions_find_for_people() -> None:
    result = run("regions", "find", "晋城", "--lang", "en")
    assert result.exit_code == 0
    assert "140500" in result.stdout and "山西省晋城市" in result.stdout


# ------------------------------------------------------------------------------------- help


def leaf_commands() -> list[list[str]]:
    from typer.main import get_command

    found: list[list[str]] = []

    def walk(command, path: list[str]) -> None:
        children = getattr(command, "commands", None)
        if children is None:
            found.append(path)
            return
        for name, child in children.items():
            walk(child, [*path, name])

    walk(get_command(app), [])
    return found


def test_the_commands_of_this_issue_exist() -> None:
    commands = {" ".join(path) for path in leaf_commands()}
    assert {"check", "profiles list", "profiles show", "regions find"} <= commands


@pytest.mark.parametrize("path", leaf_commands(), ids=lambda path: " ".join(path))
def test_every_command_help_has_an_example(path: list[str]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout
    assert "offsite " in result.stdout.split("Example:", 1)[1]


def test_top_level_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in ("check", "profiles", "regions"):
        assert name in result.stdout


def test_python_m_offsite_cli_help() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "offsite_cli", "--help"], capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[1], timeout=60, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "check" in completed.stdout and "regions" in completed.stdout
    assert "offsite" in completed.stdout


# -------------------------------------------------------------------- unexpected exceptions


def test_main_catches_an_unexpected_exception_without_its_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from offsite_cli import __main__
    from offsite_cli.policy import rules

    def explode(*args, **kwargs):
        raise RuntimeError("14052219800101123X")

    monkeypatch.setattr(rules, "classify", explode)
    monkeypatch.delenv("OFFSITE_DEBUG", raising=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # Typer installs its own
    monkeypatch.setattr(sys, "argv", ["offsite", "check", *CONTRACT, "--json", "--no-input"])
    with pytest.raises(SystemExit) as caught:
        __main__.main()
    assert caught.value.code == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "14052219800101123X" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "RuntimeError" in lines[0]
    assert "Traceback" not in captured.err


def test_main_passes_bad_input_through_as_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from offsite_cli import __main__

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(sys, "argv", ["offsite", "check", *replace(CONTRACT, "--care", "surgery"),
                                      "--lang", "en", "--no-input"])
    with pytest.raises(SystemExit) as caught:
        __main__.main()
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1 and "surgery" in captured.err


def test_choice_questions_list_the_labels_in_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.cli import check as check_module

    monkeypatch.setattr(check_module, "interactive", lambda no_input: not no_input)
    asked = without(without(CONTRACT, "--category"), "--care")
    result = check(*asked, "--lang", "en", input="employee stationed OFF-SITE\nx\n1\n")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "1 Retiree resettled off-site (resettled-retiree)" in result.stderr
    assert "1 Inpatient (inpatient)" in result.stderr
    assert "→ Employee stationed off-site (stationed-worker)" in result.stderr  # by its label
    assert "'x' is not one of the options; expected a number from 1 to 5" in result.stderr
    assert "Number (1–5), id or name: " in result.stderr
    assert "2026-11-20" in result.stdout


def test_bad_options_fail_before_any_question(monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.cli import check as check_module

    monkeypatch.setattr(check_module, "interactive", lambda no_input: not no_input)
    for option, value, word in (("--treatment-region", "火星市", "火星市"),
                                ("--care", "surgery", "surgery")):
        result = check(*replace(without(CONTRACT, "--category"), option, value), "--lang", "en",
                       input="3\n")
        assert_bad_input(result, word)
        assert "Person category" not in result.stderr
    dates = replace(replace(CONTRACT, "--admitted", "2026-10-20"), "--discharged", "2026-10-08")
    assert_bad_input(check(*without(dates, "--care"), "--lang", "en", input="1\n"),
                     "discharged", "2026-10-08")
