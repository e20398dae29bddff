"""Around the claim (issue 10, point 9): the family sheet, the 情况说明 of a late claim, and a local
profile in minutes (`profiles new` / `profiles check`)."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
from dossier_fixtures import CASE_TEXT, ID_NUMBER, TODAY, complete_dossier, run, write_case
from pypdf import PdfReader
from test_forms import font_problems

from offsite_cli.policy import profiles, rules
from offsite_cli.policy.rules import Deadline, Filing, Situation

A4 = (595, 842)


def page_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace(" ", "").replace("\n", "")


# ------------------------------------------------------------------------------ the family sheet


def test_dossier_checklist_prints_one_page_for_the_family(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder)
    result = run("dossier", "checklist", str(folder), "--today", TODAY)
    assert result.exit_code == 0, result.output
    sheet = folder / "forms" / "family-sheet.pdf"
    reader = PdfReader(sheet)
    assert len(reader.pages) == 1
    assert tuple(round(float(v)) for v in reader.pages[0].mediabox[2:]) == A4
    assert font_problems(sheet) == []
    shown = page_text(sheet)
    assert "出院前请备齐报销材料" in shown and "张伟" in shown and "上海市示例医院" in shown
    policy = profiles.load()
    for document_id in ("discharge-certificate", "expense-list", "receipt", "medical-record"):
        assert policy.document_name(document_id, "zh").replace(" ", "") in shown, document_id
        assert policy.documents[document_id]["family_zh"][:12] in shown, document_id
    assert "2026年12月14日" in shown or "2026-12-14" in shown  # the claim deadline (1 month + rest days)
    assert ID_NUMBER not in shown  # a page for the family: no ID number
    assert "forms/family-sheet.pdf" in result.stdout and "家属" in result.stderr
    checked = json.loads(run("dossier", "check", str(folder), "--today", TODAY, "--json").stdout)
    assert checked["unmatched"] == []  # forms/ is not a document


def test_the_family_sheet_in_english_and_to_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder)
    target = tmp_path / "out.pdf"
    result = run("dossier", "checklist", str(folder), "--today", TODAY, "--lang", "en", "-o", str(target),
                 "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["pages"] == 1 and target.is_file()
    assert "Beforedischarge" in page_text(target) and "stamped" in page_text(target)
    assert not (folder / "forms").exists()


def test_the_family_sheet_says_when_filing_is_still_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT.replace("discharged = 2026-11-13\n", "").replace("filed = true", "filed = false"))
    assert run("dossier", "checklist", str(folder), "--today", "2026-11-05").exit_code == 0
    shown = page_text(folder / "forms" / "family-sheet.pdf")
    assert "还没有办理异地就医备案" in shown


def test_dossier_new_writes_the_family_sheet_on_request(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    base = ["dossier", "new", "--insured-region", "晋城", "--treatment-region", "徐汇区",
            "--insurance", "employee", "--category", "stationed-worker", "--care", "inpatient",
            "--admitted", "2026-11-02", "--discharged", "2026-11-13", "--filed",
            "--no-direct-settlement", "--name", "张伟", "--no-input", "--today", TODAY]
    result = run(*base[:2], str(folder), *base[2:], "--family-sheet", "--json")
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)
    assert Path(written["family_sheet"]) == (folder / "forms" / "family-sheet.pdf").absolute()
    assert len(PdfReader(folder / "forms" / "family-sheet.pdf").pages) == 1
    plain = tmp_path / "plain"
    assert run(*base[:2], str(plain), *base[2:]).exit_code == 0
    assert not (plain / "forms").exists()


# ------------------------------------------------------------------------------- a late claim


def test_lateness_from_the_deadline_and_the_filing_dates() -> None:
    def situation(**changes: object) -> Situation:
        values = dict(insured_region=None, treatment_region=None, insurance="employee",
                      category="stationed-worker", care="inpatient", admitted=date(2026, 11, 2),
                      discharged=date(2026, 11, 13), filed=True, direct_settlement=False,
                      filed_on=None)
        values.update(changes)
        return Situation(**values)  # type: ignore[arg-type]

    claim = Deadline("reimbursement", "报销申请截止", date(2026, 12, 14), -3, "", False, None, False, "claim")
    on_time = claim._replace(days_left=10)
    filed = Filing(required=True, done=True, deemed=False, note="", source="")
    assert not rules.lateness(situation(), filed, [on_time]).late
    late = rules.lateness(situation(), filed, [claim])
    assert late.late and late.overdue_days == 3 and late.deadline == claim
    after = rules.lateness(situation(filed_on=date(2026, 11, 5)), filed, [on_time])
    assert after.filed_after_admission and not after.filed_after_discharge
    after = rules.lateness(situation(filed_on=date(2026, 11, 20)), filed, [on_time])
    assert after.filed_after_discharge and not after.filed_after_admission
    missing = Filing(required=True, done=False, deemed=False, note="", source="")
    assert rules.lateness(situation(filed=False), missing, [on_time]).not_filed
    assert not rules.lateness(situation(filed=False, discharged=None), missing, []).late  # still in
    deemed = missing._replace(deemed=True)
    assert not rules.lateness(situation(filed=False), deemed, [on_time]).late


def test_a_claim_past_its_deadline_gets_the_explanation_to_sign(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder)
    result = run("dossier", "forms", str(folder), "--today", "2026-12-20", "--json")
    assert result.exit_code == 0, result.output
    names = [form["name"] for form in json.loads(result.stdout)["forms"]]
    assert names == ["reimbursement-application", "late-explanation"]
    shown = page_text(folder / "forms" / "late-explanation.pdf")
    assert "情况说明" in shown.replace("　", "") or "情况说明" in "".join(shown.split("　"))
    assert "已逾期6天" in shown and "报销申请截止" in shown and "参保人（签字）" in shown
    assert "逾期" in result.stderr and "补办备案" not in result.stderr  # filed: nothing to file late
    on_time = run("dossier", "forms", str(folder), "--today", TODAY, "--json")
    assert [form["name"] for form in json.loads(on_time.stdout)["forms"]] == ["reimbursement-application"]
    assert "情况说明" not in on_time.stderr


def test_no_filing_says_what_the_profile_says_about_supplementary_filing(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT.replace("filed = true", "filed = false"))
    result = run("dossier", "forms", str(folder), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "late-explanation.pdf" in result.stdout
    policy = profiles.load()
    words = policy.rules["warnings"]["supplementary-filing"][-1].data["text"]["zh"]
    lines = [line for line in result.stderr.splitlines() if "补办备案" in line]
    assert len(lines) == 1 and words in lines[0] and "未经核实" in lines[0]
    assert "补办备案" in page_text(folder / "forms" / "late-explanation.pdf")
    english = run("dossier", "forms", str(folder), "--today", TODAY, "--lang", "en")
    assert "supplementary filing (补办备案; the profile marks this unverified" in english.stderr


def test_filing_after_discharge_is_said_on_the_explanation(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT.replace("filed = true", "filed = true\nfiled_on = 2026-11-15"))
    result = run("dossier", "forms", str(folder), "--today", TODAY)
    assert "late-explanation.pdf" in result.stdout
    assert "出院后才办理异地就医备案" in page_text(folder / "forms" / "late-explanation.pdf")
    assert "2026年11月15日" in page_text(folder / "forms" / "late-explanation.pdf")


def test_the_build_of_a_late_claim_holds_the_explanation_and_advises_on_the_terminal(tmp_path: Path) -> None:
    folder = complete_dossier(tmp_path / "d")
    result = run("dossier", "build", str(folder), "--today", "2026-12-20", "--json")
    assert result.exit_code == 0, result.output
    built = json.loads(result.stdout)
    reader = PdfReader(built["path"])
    def flat(items: list) -> list[str]:
        return [title for item in items
                for title in (flat(item) if isinstance(item, list) else [item.title])]

    titles = flat(reader.outline)
    assert any("情况说明" in title for title in titles), titles
    cover = reader.pages[0].extract_text()
    assert "补办" not in cover and "phone" not in cover  # advice stays on the terminal
    assert "逾期" in result.stderr


def test_a_profile_may_select_on_late() -> None:
    from offsite_cli.base.errors import BadInput
    from offsite_cli.policy import profile_schema

    policy = profiles.load()
    assert profile_schema._when(policy.path, "forms[0]", {"late": True}, policy) == {"late": (True,)}
    with pytest.raises(BadInput):
        profile_schema._when(policy.path, "forms[0]", {"late": "yes"}, policy)


# ---------------------------------------------------------------------- a local profile in minutes


def test_profiles_new_writes_a_starter_that_loads_and_changes_nothing(config_dir: Path) -> None:
    result = run("profiles", "new", "cn-shanxi-jincheng", "--extends", "cn-national", "--lang", "en")
    assert result.exit_code == 0, result.output
    path = config_dir / "profiles" / "cn-shanxi-jincheng.toml"
    written = path.read_text(encoding="utf-8")
    for part in ("[sources.local-notice]", "[[deadlines]]", 'id = "reimbursement"', "months = 1",
                 "[[filing]]", 'id = "intra-province"', "# [[checklist]]", "# documents = []"):
        assert part in written, part
    assert written.count("#") > 30  # commented
    checked = run("profiles", "check", str(path), "--json")
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert report["chain"] == ["cn-shanxi-jincheng", "cn-national"] and report["installed"] is True
    assert report["placeholders"] == 5 and report["own_rules"] == 2 and report["unverified"] == 2
    situation = ["check", "--insured-region", "晋城", "--treatment-region", "徐汇区", "--insurance",
                 "employee", "--category", "stationed-worker", "--care", "inpatient", "--discharged",
                 "2026-10-20", "--filed", "--no-direct-settlement", "--today", TODAY, "--json"]
    national = json.loads(run(*situation).stdout)
    local = json.loads(run(*situation, "--profile", "cn-shanxi-jincheng").stdout)
    assert [d["date"] for d in local["deadlines"]] == [d["date"] for d in national["deadlines"]]
    assert [d["id"] for d in local["documents"]] == [d["id"] for d in national["documents"]]

    path.write_text(written.replace("months = 1", "months = 3"), encoding="utf-8")
    three = json.loads(run(*situation, "--profile", "cn-shanxi-jincheng").stdout)
    assert three["deadlines"][0]["date"] == "2027-01-20"
    assert "local-notice" in three["documents"][0]["source"] or any(
        "local-notice" in d.get("rule", "") or "cn-shanxi-jincheng" in d.get("rule", "")
        for d in three["deadlines"])


def test_the_starters_commented_examples_load_when_switched_on(config_dir: Path) -> None:
    assert run("profiles", "new", "cn-x").exit_code == 0
    path = config_dir / "profiles" / "cn-x.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("# [documents."))
    switched = lines[:start] + [line[2:] if line.startswith("# ") and (
        "=" in line or line.startswith("# [")) else ("" if line == "#" else line) for line in lines[start:]]
    path.write_text("\n".join(switched) + "\n", encoding="utf-8")
    assert run("profiles", "check", str(path)).exit_code == 0
    policy = profiles.load("cn-x")
    assert "hospital-invoice-list" in policy.documents
    situation = ["check", "--insured-region", "晋城", "--treatment-region", "徐汇区", "--insurance",
                 "employee", "--category", "stationed-worker", "--care", "inpatient", "--discharged",
                 "2026-10-20", "--filed", "--no-direct-settlement", "--today", TODAY, "--json"]
    documents = {d["id"]: d["required"] for d in json.loads(run(*situation, "--profile", "cn-x").stdout)["documents"]}
    assert documents["bank-card"] is True and documents["hospital-invoice-list"] is False
    assert documents["medical-record"] is False  # dropped from the required ones


def test_profiles_new_refuses_what_it_should(config_dir: Path, tmp_path: Path) -> None:
    assert run("profiles", "new", "cn-y").exit_code == 0
    again = run("profiles", "new", "cn-y", "--lang", "en")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("profiles", "new", "cn-y", "--force").exit_code == 0
    assert run("profiles", "new", "Bad Id!", "--lang", "en").exit_code == 2
    assert run("profiles", "new", "cn-z", "--extends", "nope").exit_code == 2
    assert not (config_dir / "profiles" / "cn-z.toml").exists()
    wrong = run("profiles", "new", "cn-z", "-o", str(tmp_path / "other.toml"), "--lang", "en")
    assert wrong.exit_code == 2 and "cn-z.toml" in wrong.stderr


def test_profiles_check_gives_the_loaders_message(tmp_path: Path) -> None:
    path = tmp_path / "cn-w.toml"
    assert run("profiles", "new", "cn-w", "-o", str(path)).exit_code == 0
    elsewhere = run("profiles", "check", str(path), "--lang", "en")
    assert elsewhere.exit_code == 0 and "not in the config folder" in elsewhere.stderr
    path.write_text(path.read_text(encoding="utf-8").replace("months = 1", 'months = "three"'),
                    encoding="utf-8")
    broken = run("profiles", "check", str(path), "--lang", "en")
    assert broken.exit_code == 2 and str(path) in broken.stderr and "months" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1
    (tmp_path / "cn-v.toml").write_text("schema = 1\n[[deadlines\n", encoding="utf-8")
    assert run("profiles", "check", str(tmp_path / "cn-v.toml")).exit_code == 2
    assert run("profiles", "check", str(tmp_path / "none.toml")).exit_code == 2
    parsed = tomllib.loads((tmp_path / "cn-w.toml").read_text(encoding="utf-8").replace('"three"', "1"))
    assert parsed["extends"] == "cn-national"


def test_the_family_sheet_of_a_resident_names_the_agency(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_case(folder, CASE_TEXT.replace('insurance = "employee"', 'insurance = "resident"')
               .replace('category = "stationed-worker"', 'category = "referral"'))
    assert run("dossier", "checklist", str(folder), "--today", TODAY).exit_code == 0
    shown = page_text(folder / "forms" / "family-sheet.pdf")
    assert "医保经办机构" in shown and "单位经办人" not in shown
    # every manual claim has a deadline now (issue 9): the profile's assumed one for residents
    assert "2026年12月14日" in shown
