"""`offsite deadlines`: every dossier's deadlines under some folders, soonest first; --within; --ics."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from offsite_cli.cli import app
from offsite_cli.policy.ids import check_character

RUNNER = CliRunner()


def id_number() -> str:
    first17 = "14050219850314123"
    return first17 + check_character(first17)


def write_case(folder: Path, name: str, discharged: str, insurance: str = "employee") -> Path:
    folder.mkdir(parents=True)
    (folder / "case.toml").write_text(
        f"""schema = 1
[person]
name = "{name}"
id_number = "{id_number()}"
insurance = "{insurance}"
category = "stationed-worker"
[insured]
region = "140500"
[episode]
region = "310104"
care = "inpatient"
admitted = 2026-09-01
discharged = {discharged}
filed = true
direct_settlement = false
""",
        encoding="utf-8",
    )
    return folder


def run(*args: str) -> object:
    return RUNNER.invoke(app, ["deadlines", *args, "--today", "2026-11-22"])


def test_lists_every_dossier_soonest_first_and_exits_1_when_overdue(tmp_path: Path) -> None:
    write_case(tmp_path / "b" / "li", "李四", "2026-11-13")  # due 2026-12-14
    write_case(tmp_path / "a" / "wang", "王五", "2026-10-20")  # due 2026-11-20: overdue
    write_case(tmp_path / "c" / "resident", "赵六", "2026-11-01", insurance="resident")  # assumed
    result = run(str(tmp_path), "--json")
    assert result.exit_code == 1, result.output
    items = json.loads(result.stdout)
    assert [(Path(i["case"]).name, i["id"], i["date"], i["days_left"]) for i in items] == [
        ("wang", "reimbursement", "2026-11-20", -2),
        ("resident", "reimbursement-assumed", "2026-12-01", 9),  # no source: 1 month, unverified
        ("li", "reimbursement", "2026-12-14", 22),
    ]


def test_within_keeps_the_near_and_the_overdue(tmp_path: Path) -> None:
    write_case(tmp_path / "li", "李四", "2026-11-13")
    write_case(tmp_path / "wang", "王五", "2026-10-20")
    result = run(str(tmp_path), "--within", "7", "--json")
    assert [Path(i["case"]).name for i in json.loads(result.stdout)] == ["wang"]
    result = run(str(tmp_path / "li"), "--within", "30", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 1


def test_a_broken_case_is_named_and_the_others_still_listed(tmp_path: Path) -> None:
    write_case(tmp_path / "li", "李四", "2026-11-13")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "case.toml").write_text("schema = 1\n[person\n", encoding="utf-8")
    result = run(str(tmp_path), "--json", "--lang", "en")
    assert result.exit_code == 2  # nothing overdue, one case unusable
    assert len(json.loads(result.stdout)) == 1
    assert "broken" in result.stderr and "TOML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_ics_has_one_all_day_event_per_deadline(tmp_path: Path) -> None:
    write_case(tmp_path / "li", "李四", "2026-11-13")
    write_case(tmp_path / "wang", "王五", "2026-10-20")
    calendar = tmp_path / "out" / "claims.ics"
    calendar.parent.mkdir()
    result = run(str(tmp_path), "--ics", str(calendar))
    assert result.exit_code == 1
    content = calendar.read_bytes().decode("utf-8")
    assert content.startswith("BEGIN:VCALENDAR\r\n") and content.endswith("END:VCALENDAR\r\n")
    assert content.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20261120" in content and "DTSTART;VALUE=DATE:20261214" in content
    assert all(len(line.encode("utf-8")) <= 75 for line in content.split("\r\n"))
    assert id_number() not in content
    assert not list(calendar.parent.glob(".*.tmp"))


def test_people_output_and_no_dossiers(tmp_path: Path) -> None:
    write_case(tmp_path / "li", "李四", "2026-11-13")
    result = run(str(tmp_path), "--lang", "en")
    assert result.exit_code == 0
    assert "2026-12-14" in result.stdout and "22 days left" in result.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(str(empty), "--lang", "en")
    assert result.exit_code == 0 and "No deadlines" in result.stdout


def test_a_missing_root_is_bad_input(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "nope" in result.stderr


def test_overdue_wins_over_a_broken_case_and_lapsed_validity_is_not_listed(tmp_path: Path) -> None:
    write_case(tmp_path / "wang", "王五", "2026-10-20")  # overdue
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "case.toml").write_text("schema = 2\n", encoding="utf-8")
    lapsed = write_case(tmp_path / "lapsed", "赵六", "2026-11-13")
    text = (lapsed / "case.toml").read_text(encoding="utf-8")
    text = text.replace('category = "stationed-worker"', 'category = "referral"')
    (lapsed / "case.toml").write_text(text.replace("filed = true", "filed = true\nfiled_on = 2026-01-10"),
                                      encoding="utf-8")
    result = run(str(tmp_path), "--json")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert "filing-validity" not in {i["id"] for i in items}
    assert str(broken / "case.toml") in result.stderr
    assert result.stderr.count(str(broken)) == 1


def test_ics_into_a_folder_that_does_not_exist_is_bad_input(tmp_path: Path) -> None:
    write_case(tmp_path / "li", "李四", "2026-11-13")
    result = run(str(tmp_path), "--ics", str(tmp_path / "nope" / "x.ics"), "--lang", "en")
    assert result.exit_code == 2
    assert "--ics" in result.stderr and "does not exist" in result.stderr
    assert not (tmp_path / "nope").exists()


def test_ics_never_overwrites_a_file_that_is_not_a_calendar(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "li", "李四", "2026-11-13")
    before = (folder / "case.toml").read_bytes()
    result = run(str(tmp_path), "--ics", str(folder / "case.toml"))
    assert result.exit_code == 2
    assert (folder / "case.toml").read_bytes() == before
    calendar = tmp_path / "claims.ics"
    assert run(str(tmp_path), "--ics", str(calendar)).exit_code == 0
    assert run(str(tmp_path), "--ics", str(calendar)).exit_code == 0  # a calendar is replaced


def test_no_calendar_is_written_when_the_run_exits_2(tmp_path: Path) -> None:
    write_case(tmp_path / "li", "李四", "2026-11-13")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "case.toml").write_text("schema = 7\n", encoding="utf-8")
    result = run(str(tmp_path), "--ics", str(tmp_path / "x.ics"))
    assert result.exit_code == 2
    assert not (tmp_path / "x.ics").exists()
