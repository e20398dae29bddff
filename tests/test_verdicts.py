"""Verdicts as a clerk meets them on the command line (issue 9, points 3-5 and 13): the safe
assumption when settlement is not said, a not-reimbursable episode said once, a deadline for every
manual claim (one per visit where there is no discharge), sources cited by their own titles."""

from __future__ import annotations

import json
import re
from itertools import product
from pathlib import Path

from dossier_fixtures import ID_NUMBER
from typer.testing import CliRunner

from offsite_cli.cli import app

from offsite_cli.policy import profiles, regions, rules
from offsite_cli.policy.values import Route

def run(*args: str, env: dict[str, str] | None = None):  # noqa: ANN201 - a click Result
    return CliRunner().invoke(app, list(args), env=env)


SITUATION = ["--insured-region", "晋城", "--insurance", "employee", "--today", "2026-11-22",
             "--no-input"]


def _case(folder: Path, insurance: str, category: str, care: str, episode: str,
          receipts: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "case.toml").write_text(f"""schema = 1
[person]
name = "赵六"
id_number = "{ID_NUMBER}"
insurance = "{insurance}"
category = "{category}"
[insured]
region = "140500"
[episode]
region = "110105"
care = "{care}"
filed = true
direct_settlement = false
{episode}
{receipts}""", encoding="utf-8")
    return folder


def test_settlement_not_said_lists_what_the_claim_needs_and_names_no_option() -> None:
    result = run("check", *SITUATION, "--treatment-region", "徐汇区", "--category",
                 "stationed-worker", "--care", "inpatient", "--admitted", "2026-11-02",
                 "--discharged", "2026-11-13", "--filed", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["route"] == "manual_reimbursement"
    assert {"receipt", "expense-list", "discharge-certificate"} <= {
        d["id"] for d in document["documents"] if d["required"]}
    notice = next(n for n in document["notices"] if n["id"] == "assumed-manual")
    assert "持卡直接结算" in notice["text"]
    assert not any("--" in n["text"] for n in document["notices"])
    assert document["deadlines"][0]["date"] == "2026-12-14"


def test_not_reimbursable_has_no_checklist_and_says_why_once() -> None:
    result = run("check", *SITUATION, "--treatment-region", "昆明", "--category", "temporary",
                 "--care", "outpatient", "--admitted", "2026-11-10", "--not-filed",
                 "--lang", "zh", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "不予报销" in out
    assert "所需材料" not in out and "必需" not in out  # no checklist for this claim
    assert "支付比例" not in out  # no ratio note
    assert out.count("由个人负担") == 1  # why, once
    advice = [line for line in out.splitlines() if "今后在当地就医" in line]
    assert len(advice) == 1 and "备案表" in advice[0]


def test_every_manual_claim_has_a_claim_deadline() -> None:
    """Over every scheme, category, kind of care and scope the profile knows: a manual claim
    always has a deadline whose role is the claim, and never the 'no deadline' notice."""
    profile = profiles.load()
    table = regions.table()
    places = {"intra": "140105", "cross": "110105"}
    seen = 0
    for insurance, category, care, (_, treatment), filed in product(
            ("employee", "resident"), profile.categories, ("inpatient", "special-outpatient",
                                                           "emergency-observation", "outpatient",
                                                           "pharmacy"),
            places.items(), (True, False)):
        from datetime import date

        situation = rules.Situation(
            insured_region=table.resolve("140500", "insured"),
            treatment_region=table.resolve(treatment, "treatment"), insurance=insurance,
            category=category, care=care, admitted=date(2026, 10, 1),
            discharged=date(2026, 10, 9) if care == "inpatient" else None, filed=filed,
            direct_settlement=False)
        result = rules.classify(situation, profile, date(2026, 11, 22), "en")
        if result.route is not Route.MANUAL_REIMBURSEMENT:
            continue
        seen += 1
        assert any(d.role == "claim" for d in result.deadlines), (insurance, category, care)
        assert "no-deadline-rule" not in {w.id for w in result.warnings}
    assert seen > 50


def test_deadlines_lists_residents_and_every_visit(tmp_path: Path) -> None:
    _case(tmp_path / "child", "resident", "referral", "inpatient",
          "admitted = 2026-11-01\ndischarged = 2026-11-08")
    receipts = "".join(f"[[receipts]]\ndate = {day}\namount = 300.0\n\n"
                       for day in ("2026-10-09", "2026-10-23", "2026-11-06"))
    _case(tmp_path / "chronic", "employee", "stationed-worker", "special-outpatient",
          "admitted = 2026-10-09", receipts)
    result = run("deadlines", str(tmp_path), "--json", "--today", "2026-11-22")
    items = json.loads(result.stdout)
    found = [(Path(i["case"]).name, i["date"]) for i in items]
    assert found == [("chronic", "2026-11-09"), ("chronic", "2026-11-23"),
                     ("chronic", "2026-12-07"), ("child", "2026-12-08")]
    assert result.exit_code == 1  # the first visit's claim is overdue
    assert "2026-10-23" in items[1]["name"]
    assert [i["verified"] for i in items] == [True, True, True, False]
    shown = run("check", str(tmp_path / "child"), "--today", "2026-11-22", "--lang", "en",
                env={"COLUMNS": "200"}).stdout
    assert "period not confirmed by a source" in shown
    assert "1 month after discharge" in shown and "no-deadline" not in shown


def test_sources_are_cited_by_their_own_titles_not_by_file(tmp_path: Path) -> None:
    _case(tmp_path / "wang", "employee", "stationed-worker", "inpatient",
          "admitted = 2026-11-01\ndischarged = 2026-11-08")
    calendar = tmp_path / "claims.ics"
    listed = run("deadlines", str(tmp_path), "--json", "--ics", str(calendar),
                 "--today", "2026-11-22")
    checked = run("check", str(tmp_path / "wang"), "--json", "--today", "2026-11-22")
    ics = calendar.read_text(encoding="utf-8").replace("\r\n ", "")
    for said in (listed.stdout, checked.stdout, ics):
        assert "seeds/" not in said and "种子文档" not in said and ".txt" not in said
    rule = json.loads(listed.stdout)[0]["rule"]
    assert "Can't Qinshui's social security card be used in Yangcheng?" in rule
    assert "Job Recruitment Website" in rule
    assert re.search(r"民法典.*全国人民代表大会, 2021-01-01", rule)
    assert "Can't Qinshui" in ics
    shown = json.loads(run("profiles", "show", "cn-national", "--json").stdout)
    assert shown["sources"]["seed-000"]["reference"] == "seeds/000_4d3c077d6a555a7b.txt"
    assert shown["sources"]["nhsa-2022-22"]["issuer"] == "国家医疗保障局、财政部"
    table = run("profiles", "show", "cn-national", env={"COLUMNS": "250"}).stdout
    assert "seeds/" not in table and "Job Recruitment Website" in table


def test_a_not_reimbursable_dossier_says_why_and_builds_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "kunming"
    folder.mkdir()
    (folder / "case.toml").write_text("""schema = 1
[person]
name = "孙八"
insurance = "employee"
category = "temporary"
[insured]
region = "140500"
[episode]
region = "530102"
care = "outpatient"
admitted = 2026-11-10
filed = false
""", encoding="utf-8")
    checked = run("dossier", "check", str(folder), "--today", "2026-11-22", "--lang", "en",
                  env={"COLUMNS": "200"})
    assert checked.exit_code == 0
    assert checked.stdout.count("borne by the insured") == 1
    assert "For later visits there: file first" in checked.stdout
    built = run("dossier", "build", str(folder), "--today", "2026-11-22", "--lang", "en")
    assert built.exit_code == 0 and "Not reimbursable" in built.stdout
    assert not (folder / "dossier.pdf").exists()


def test_no_notice_tells_people_to_type_an_option() -> None:
    """Notices are read by people answering questions too: none names a command-line option."""
    from test_scenarios import _classify, _scenarios

    for scenario in _scenarios():
        for lang in ("zh", "en"):
            for notice in _classify(scenario.values[0], lang).warnings:
                assert not re.search(r"--[a-z]", notice.text), (notice.id, notice.text)


def test_an_emergency_dossier_with_the_diagnosis_instead_of_the_discharge_is_complete(
        tmp_path: Path) -> None:
    from dossier_fixtures import make_image, make_pdf

    folder = tmp_path / "yunnan"
    folder.mkdir()
    (folder / "case.toml").write_text(f"""schema = 1
[person]
name = "周九"
id_number = "{ID_NUMBER}"
insurance = "employee"
category = "emergency"
[insured]
region = "140500"
unit = "晋城市某某有限公司"
[episode]
region = "530102"
care = "inpatient"
admitted = 2026-11-01
discharged = 2026-11-06
direct_settlement = false
""", encoding="utf-8")
    make_image(folder / "card-copy" / "front.jpg", (1500, 950), seed=1)
    make_pdf(folder / "expense-list" / "清单.pdf", "住院费用明细清单")
    make_pdf(folder / "receipt" / "发票.pdf", "医疗收费票据")
    make_pdf(folder / "diagnosis-certificate" / "诊断证明.pdf", "诊断证明书")
    make_pdf(folder / "medical-record" / "病历.pdf", "病历")
    checked = run("dossier", "check", str(folder), "--today", "2026-11-22", "--json")
    report = json.loads(checked.stdout)
    missing = [i for i, d in report["documents"].items() if d["required"] and d["status"] != "ok"]
    assert missing == ["unit-certificate"]  # the one the tool fills; it needs the unit's seal
    assert report["documents"]["discharge-certificate"]["satisfied_by"] == "diagnosis-certificate"
    assert report["documents"]["unit-certificate"]["form"] == "unit-certificate"
    built = run("dossier", "build", str(folder), "--today", "2026-11-22", "--json")
    assert built.exit_code == 0, built.stderr
    assert "unit-certificate" in json.loads(built.stdout)["filled"]
