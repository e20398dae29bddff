"""Rule scenarios as data (tests/scenarios/*.toml), one parametrised test, OpenFisca style."""

from __future__ import annotations

import tomllib
from pathlib import Path
from datetime import date
from typing import Any

import pytest

from offsite_cli.policy import profiles, regions, rules

SCENARIO_DIR = Path(__file__).parent / "scenarios"


def _scenarios() -> list[Any]:
    found = []
    for path in sorted(SCENARIO_DIR.glob("*.toml")):
        for scenario in tomllib.loads(path.read_text(encoding="utf-8"))["scenario"]:
            found.append(pytest.param(scenario, id=scenario["name"]))
    return found


def _classify(scenario: dict[str, Any], lang: str = "en") -> rules.Classification:
    given = scenario["input"]
    table = regions.table()
    situation = rules.Situation(
        insured_region=table.resolve(given["insured"], "insured"),
        treatment_region=table.resolve(given["treatment"], "treatment"),
        insurance=given["insurance"], category=given["category"], care=given["care"],
        admitted=given.get("admitted"), discharged=given.get("discharged"),
        filed=given.get("filed"), filed_on=given.get("filed_on"),
        direct_settlement=given.get("direct_settlement"), visits=tuple(given.get("visits", ())),
    )
    return rules.classify(situation, profiles.load("cn-national"), scenario["today"], lang)


@pytest.mark.parametrize("scenario", _scenarios())
def test_scenario(scenario: dict[str, Any]) -> None:
    result = _classify(scenario)
    expected = scenario["expected"]
    ids = [d.id for d in result.documents]
    required = {d.id for d in result.documents if d.required}
    notices = {w.id for w in result.warnings}
    if "scope" in expected:
        assert result.scope.value == expected["scope"]
    if "route" in expected:
        assert result.route.value == expected["route"]
    if "filing" in expected:
        filing = result.filing
        assert {"required": filing.required, "done": filing.done, "deemed": filing.deemed} \
            == expected["filing"]
    if "documents" in expected:  # the whole checklist
        assert ids == expected["documents"]
    if "required" in expected:
        assert required == set(expected["required"])
    for document_id in expected.get("includes", []):
        assert document_id in ids
    for document_id in expected.get("excludes", []):
        assert document_id not in ids
    for document_id in expected.get("optional", []):
        assert document_id in ids and document_id not in required
    for primary, others in expected.get("alternatives", {}).items():
        document = next(d for d in result.documents if d.id == primary)
        assert list(document.alternatives) == others
    assert len(ids) == len(set(ids)), "a document is listed once"
    if "deadlines" in expected:
        assert {d.id: d.date for d in result.deadlines} == expected["deadlines"]
    for deadline_id, days in expected.get("days_left", {}).items():
        assert next(d for d in result.deadlines if d.id == deadline_id).days_left == days
    if "deadline_dates" in expected:  # every deadline, soonest first (one per visit, say)
        assert [d.date for d in result.deadlines] == expected["deadline_dates"]
    if "claim_deadline" in expected:
        assert any(d.role == "claim" for d in result.deadlines) is expected["claim_deadline"]
    for deadline_id in expected.get("unverified_deadlines", []):
        assert all(not d.verified and d.note for d in result.deadlines if d.id == deadline_id)
        assert any(d.id == deadline_id for d in result.deadlines)
    if "notes" in expected:  # how many times a notice of each id is given
        for notice_id, count in expected["notes"].items():
            assert sum(w.id == notice_id for w in result.warnings) == count, notice_id
    for deadline_id in expected.get("provisional", []):
        assert next(d for d in result.deadlines if d.id == deadline_id).provisional
    assert notices >= set(expected.get("notices", [])), notices
    assert not notices & set(expected.get("no_notices", []))


@pytest.mark.parametrize("scenario", _scenarios()[:6])
def test_every_text_exists_in_chinese_and_english(scenario: dict[str, Any]) -> None:
    chinese, english = _classify(scenario, "zh"), _classify(scenario, "en")
    assert [d.id for d in chinese.documents] == [d.id for d in english.documents]
    for zh_document, en_document in zip(chinese.documents, english.documents):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh_document.name)
        assert en_document.name.isascii()
    for warning in english.warnings:
        assert warning.text.strip()


def test_every_document_names_its_source() -> None:
    for scenario in _scenarios():
        for document in _classify(scenario.values[0]).documents:
            assert document.source.startswith("cn-national checklist/")


def test_a_date_before_every_rule_names_the_date_and_the_earliest_rule() -> None:
    from offsite_cli.base.errors import BadInput
    from offsite_cli.base.i18n import text

    scenario = {"input": {"insured": "140500", "treatment": "310104", "insurance": "employee",
                          "category": "referral", "care": "inpatient", "admitted": date(2020, 1, 1)},
                "today": date(2026, 11, 22)}
    try:
        _classify(scenario)
    except BadInput as error:
        message = text(error.message, "en", **error.params)
    else:
        raise AssertionError("a 2020 cross-province case has no rule in cn-national")
    assert "2020-01-01" in message and "2022-07-26" in message and "admission date" in message


def test_the_unverified_note_counts_rules_and_json_lists_them() -> None:
    scenario = next(s.values[0] for s in _scenarios() if s.id == "national-referral-ratio")
    result = _classify(scenario)
    assert "adjustments/referral-ratio" in result.as_json()["unverified_rules"]
    note = next(w.text for w in result.warnings if w.id == "unverified")
    assert "offsite profiles show cn-national" in note and "/" not in note.split("(")[0]
