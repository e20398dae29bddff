"""Many dossiers at once (issue 10, point 4): `dossier check|forms|build DIR... | --all ROOT --jobs N`."""

from __future__ import annotations

from pathlib import Path

import pytest
from dossier_fixtures import TODAY, complete_dossier, run, run_json, write_case
from pypdf import PdfReader


def three(root: Path) -> tuple[Path, Path, Path]:
    """A complete dossier, one with nothing in it, one whose case.toml is broken."""
    good = complete_dossier(root / "a-good")
    partial = root / "b-partial"
    write_case(partial, extra="")
    broken = root / "c-broken"
    write_case(broken, "schema = 1\n[person]\nname = \"李四\"\n")
    return good, partial, broken


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_all_goes_on_past_a_broken_dossier_and_exits_with_the_worst(tmp_path: Path, jobs: str) -> None:
    good, partial, broken = three(tmp_path / "month")
    result, data = run_json("dossier", "check", "--all", str(tmp_path / "month"), "--jobs", jobs,
                            "--today", TODAY)
    assert result.exit_code == 2  # the broken case.toml is the worst
    assert [item["case"] for item in data] == [str(good), str(partial), str(broken)]
    assert [item["complete"] for item in data] == [True, False, False]
    assert data[2]["exit_code"] == 2 and "insured.region" in data[2]["error"]
    assert data[0]["documents"]["receipt"]["status"] == "ok"
    assert len(result.stderr.strip().splitlines()) == 1 and "c-broken" in result.stderr


def test_check_all_without_a_broken_one_exits_1_for_a_missing_document(tmp_path: Path) -> None:
    root = tmp_path / "month"
    complete_dossier(root / "a")
    write_case(root / "b")
    result, data = run_json("dossier", "check", "--all", str(root), "--jobs", "2", "--today", TODAY)
    assert result.exit_code == 1 and len(data) == 2
    complete_dossier(tmp_path / "only" / "x")
    result, data = run_json("dossier", "check", "--all", str(tmp_path / "only"), "--today", TODAY)
    assert result.exit_code == 0 and isinstance(data, list) and len(data) == 1  # --all: always a list


def test_check_summary_table_names_the_person_and_what_is_missing(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    good, partial, broken = three(tmp_path)
    result = run("dossier", "check", str(good), str(partial), str(broken), "--today", TODAY,
                 "--lang", "en")
    assert result.exit_code == 2
    rows = {line.split("│")[0].strip(): line for line in result.stdout.splitlines() if "│" in line}
    assert "complete" in rows[str(good)] and "张伟" in rows[str(good)]
    assert "incomplete" in rows[str(partial)] and "missing: " in rows[str(partial)]
    assert "Medical-insurance card copy" in rows[str(partial)]
    assert "failed" in rows[str(broken)] and "insured.region" in rows[str(broken)]
    assert "3 dossiers" in result.stdout


def test_the_folders_given_and_all_root_are_taken_once_each(tmp_path: Path) -> None:
    good, partial, _ = three(tmp_path / "month")
    result, data = run_json("dossier", "check", str(good), "--all", str(tmp_path / "month"),
                            "--today", TODAY)
    assert [item["case"] for item in data].count(str(good)) == 1 and len(data) == 3


def test_all_root_that_is_missing_or_empty(tmp_path: Path) -> None:
    result = run("dossier", "check", "--all", str(tmp_path / "nowhere"), "--lang", "en")
    assert result.exit_code == 2 and "--all" in result.stderr and "nowhere" in result.stderr
    (tmp_path / "empty").mkdir()
    result, data = run_json("dossier", "build", "--all", str(tmp_path / "empty"), "--lang", "en")
    assert result.exit_code == 0 and data == [] and "no dossier" in result.stderr
    result = run("dossier", "check", "--lang", "en")
    assert result.exit_code == 2 and "--all ROOT" in result.stderr


def test_build_all_on_two_processes(tmp_path: Path) -> None:
    root = tmp_path / "month"
    good, partial, broken = three(root)
    second = complete_dossier(root / "a-second")
    result, data = run_json("dossier", "build", "--all", str(root), "--jobs", "2", "--today", TODAY)
    assert result.exit_code == 2
    by_case = {item["case"]: item for item in data}
    for folder in (good, second):
        item = by_case[str(folder)]
        assert item["complete"] and item["path"] == str((folder / "dossier.pdf").absolute())
        assert len(PdfReader(folder / "dossier.pdf").pages) == item["pages"] > 5
    assert by_case[str(partial)]["complete"] is False and by_case[str(partial)]["path"] is None
    assert "receipt" in by_case[str(partial)]["missing"]
    assert not (partial / "dossier.pdf").exists() and not (broken / "dossier.pdf").exists()
    assert by_case[str(broken)]["exit_code"] == 2


def test_build_many_refuses_one_output_file(tmp_path: Path) -> None:
    good, partial, _ = three(tmp_path)
    result = run("dossier", "build", str(good), str(partial), "-o", str(tmp_path / "x.pdf"),
                 "--lang", "en")
    assert result.exit_code == 2 and "-o/--output" in result.stderr
    assert not (good / "dossier.pdf").exists()


def test_build_many_allow_incomplete_and_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    good, partial, _ = three(tmp_path)
    result = run("dossier", "build", str(good), str(partial), "--allow-incomplete", "--today", TODAY,
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[0].strip(): line for line in result.stdout.splitlines() if "│" in line}
    pages = len(PdfReader(good / "dossier.pdf").pages)
    assert f"{pages} pages" in rows[str(good)] and "built" in rows[str(good)]
    assert "built, incomplete" in rows[str(partial)]
    below = result.stdout.split(rows[str(partial)])[1].splitlines()[1]  # the cell's second line
    assert "missing:" in below and ";" not in below.split("missing:")[0]
    assert (partial / "dossier.pdf").is_file()


def test_forms_all(tmp_path: Path) -> None:
    good, partial, broken = three(tmp_path / "month")
    result, data = run_json("dossier", "forms", "--all", str(tmp_path / "month"), "--jobs", "2",
                            "--today", TODAY)
    assert result.exit_code == 2
    assert [item["case"] for item in data] == [str(good), str(partial), str(broken)]
    assert all((Path(form["path"])).is_file() for item in data[:2] for form in item["forms"])
    assert (good / "forms" / "reimbursement-application.pdf").is_file()
    assert data[2]["forms"] == [] and data[2]["exit_code"] == 2


def test_one_folder_keeps_its_own_shape(tmp_path: Path) -> None:
    good = complete_dossier(tmp_path / "d")
    _, checked = run_json("dossier", "check", str(good), "--today", TODAY)
    _, built = run_json("dossier", "build", str(good), "--today", TODAY)
    _, filled = run_json("dossier", "forms", str(good), "--today", TODAY)
    assert isinstance(checked, dict) and isinstance(built, dict) and isinstance(filled, dict)
    assert "case" not in built and filled["folder"] == str(good)


def test_the_optional_forms_flag(tmp_path: Path) -> None:
    good = complete_dossier(tmp_path / "d")
    result, data = run_json("dossier", "forms", str(good), "--today", TODAY, "--optional")
    assert result.exit_code == 0 and "authorization" in [form["name"] for form in data["forms"]]


def test_a_worker_of_a_batch_takes_its_share_of_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    from offsite_cli.base import resources

    monkeypatch.setattr(resources.os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(resources, "_SHARED_BY", 1)
    assert resources.cores() == 4
    resources.share_cores(2)
    assert resources.cores() == 2
    resources.share_cores(8)  # more workers than cores: each still has one
    assert resources.cores() == 1


def test_what_every_worker_needs_is_prepared_once_before_they_fork(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    from offsite_cli.cli import batch

    calls: list[str] = []
    monkeypatch.setattr(batch, "_forks", lambda: True)

    class Pool:  # stands in for the process pool: runs the work here, in order
        def __init__(self, *args: object, initializer=None, initargs=(), **kwargs: object) -> None:
            calls.append(f"start {initargs[:1]}")

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def submit(self, function, *args):  # noqa: ANN001, ANN202
            from concurrent.futures import Future

            future: Future = Future()
            future.set_result(function(*args))
            return future

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)  # (batch imports it where used)
    settings = batch.Settings(today=TODAY, lang="en")
    folders = [tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    outcomes = batch.run(_named, folders, settings, 2, False, prepare=lambda: calls.append("prepare"))
    assert calls == ["prepare", "start (2,)"]
    assert [outcome.folder for outcome in outcomes] == [str(folder) for folder in folders]
    calls.clear()
    batch.run(_named, folders[:1], settings, 2, False, prepare=lambda: calls.append("prepare"))
    assert calls == []  # one dossier runs here, lazily, as a single build does


def test_a_ctrl_c_while_the_batch_is_handed_out_stops_it_as_one_later(monkeypatch, tmp_path: Path) -> None:
    """Ctrl-C that lands between two submissions: the stop flag is set and what was queued is
    cancelled, instead of the pool's exit waiting for every dossier to be built."""
    from offsite_cli.cli import batch

    monkeypatch.setattr(batch, "_forks", lambda: True)
    seen: dict[str, object] = {}

    class Pool:
        def __init__(self, *args: object, initializer=None, initargs=(), **kwargs: object) -> None:
            seen["stop"] = initargs[1]
            self.submitted = 0

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def submit(self, function, *args):  # noqa: ANN001, ANN202
            from concurrent.futures import Future

            self.submitted += 1
            if self.submitted == 2:
                raise KeyboardInterrupt
            return Future()

        def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
            seen["shutdown"] = (wait, cancel_futures)

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    folders = [tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    with pytest.raises(KeyboardInterrupt):
        batch.run(_named, folders, batch.Settings(today=TODAY, lang="en"), 2, False)
    assert seen["shutdown"] == (True, True)
    assert seen["stop"].is_set()


def _named(folder: Path, settings: object) -> object:
    from offsite_cli.cli import batch

    return batch.Outcome(folder=str(folder))


def test_the_same_advice_for_many_dossiers_is_said_once() -> None:
    from offsite_cli.cli import batch

    outcomes = [batch.Outcome(folder=f"c{index}", advice=["Sign the back.", f"Only c{index}."] +
                              (["Phone the centre."] if index < 2 else [])) for index in range(3)]
    lines = batch.advice_lines(outcomes, "en")
    assert lines == ["Sign the back. (all 3 dossiers)", "c0: Only c0.", "Phone the centre. (2 dossiers: c0, c1)",
                     "c1: Only c1.", "c2: Only c2."]
    assert batch.advice_lines(outcomes[:2], "zh")[0] == "Sign the back.（两个案卷都是）"
    assert batch.advice_lines(outcomes, "zh")[0] == "Sign the back.（全部 3 个案卷）"


def test_a_batch_build_says_the_profile_notes_once_not_per_dossier(tmp_path: Path) -> None:
    folders = [complete_dossier(tmp_path / name) for name in ("a", "b", "c")]
    result = run("dossier", "build", *map(str, folders), "--today", TODAY, "--lang", "en", "--json")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.strip()]
    assert notes and len(notes) == len(set(notes))
    assert any(line.endswith("(all 3 dossiers)") for line in notes)
    assert not any(line.startswith(str(folders[1])) and "(all" in line for line in notes)


def test_a_case_with_nothing_to_claim_says_so_in_every_command(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Settled directly by card: check, build, forms and the ledger all say there is nothing to
    claim (not 'complete', not 'filled'); its amount is no claim in the ledger's total, and it
    cannot be marked submitted (found by a review: month.sh marked it)."""
    monkeypatch.setenv("COLUMNS", "200")
    from dossier_fixtures import CASE_TEXT

    claim = complete_dossier(tmp_path / "claim")
    settled = write_case(tmp_path / "settled", CASE_TEXT.replace("direct_settlement = false",
                                                                  "direct_settlement = true\namount = 20000")).parent
    folders = [str(claim), str(settled)]
    for command, word in (("check", "nothing to claim"), ("build", "nothing to claim"),
                          ("forms", "none needed")):
        result = run("dossier", command, *folders, "--today", TODAY, "--lang", "en")
        row = next(line for line in result.stdout.splitlines() if line.startswith(str(settled)))
        assert word in row and "complete" not in row and "filled" not in row, (command, row)
    result, document = run_json("ledger", str(tmp_path), "--today", TODAY, "--lang", "en")
    rows = {Path(row["case"]).name: row for row in document["dossiers"]}
    assert rows["settled"]["to_claim"] is False and rows["claim"]["to_claim"] is True
    assert document["totals"]["amount"] == (rows["claim"]["amount"] or 0)
    assert document["totals"]["to_claim"] == 1
    table = run("ledger", str(tmp_path), "--today", TODAY, "--lang", "en").stdout
    assert "nothing to claim" in next(line for line in table.splitlines() if line.startswith("settled"))
    refused = run("dossier", "mark", str(settled), "submitted", "--on", TODAY, "--lang", "en")
    assert refused.exit_code == 2 and "no claim to hand in" in refused.stderr
    assert "direct_settlement = false" in refused.stderr
    assert "[[history]]" not in (settled / "case.toml").read_text(encoding="utf-8")
    assert run("dossier", "mark", str(claim), "submitted", "--on", TODAY).exit_code == 0


def test_check_all_json_gives_every_item_its_duplicates(tmp_path: Path) -> None:
    """The same receipt in two dossiers of a batch: each item of the JSON list names it, as the
    one-folder form does with --across (found by a review: only standard error said it)."""
    receipt = '\n[[receipts]]\nnumber = "3100260001234567"\ndate = 2026-11-13\namount = 100.0\n'
    for name in ("a", "b", "c"):
        folder = complete_dossier(tmp_path / name)
        if name != "c":
            with (folder / "case.toml").open("a", encoding="utf-8") as handle:
                handle.write(receipt)
    result, items = run_json("dossier", "check", "--all", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 1
    # (the three share their receipt photo too: a file found twice is named the same way)
    found = {Path(item["case"]).name: [d for d in item["duplicates"] if d["kind"] == "number"]
             for item in items}
    assert found["c"] == [] and found["a"] and found["b"]
    assert sorted(Path(c).name for c in found["a"][0]["cases"]) == ["a", "b"]
    assert all(any(d["kind"] == "file" for d in item["duplicates"]) for item in items)
