"""Policy facts that were code are profile data: a user profile that changes one changes the result."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from offsite_cli.dossier import case as case_file
from offsite_cli.dossier.checking import situation_of
from offsite_cli.dossier.checklist import DossierReport
from offsite_cli.pdf import forms
from offsite_cli.policy import form_needs, profiles, regions, rules
from offsite_cli.policy.ids import check_character
from offsite_cli.policy.values import DeadlineRole, Reasoning, Route, Scope

TODAY = date(2026, 11, 22)
HEAD = 'schema = 1\nid = "mine"\ntitle = "Mine"\nextends = "cn-national"\n'


def user_profile(config_dir: Path, body: str, profile_id: str = "mine") -> profiles.Profile:
    folder = config_dir / "profiles"
    folder.mkdir(exist_ok=True)
    (folder / f"{profile_id}.toml").write_text(body, encoding="utf-8")
    return profiles.load(profile_id)


def situation(insured: str = "140500", treatment: str = "310104", **given: object) -> rules.Situation:
    table = regions.table()
    values: dict[str, object] = {"insurance": "employee", "category": "stationed-worker",
                                 "care": "inpatient", "admitted": date(2026, 10, 8),
                                 "discharged": date(2026, 10, 20), "filed": True,
                                 "direct_settlement": False}
    values.update(given)
    return rules.Situation(insured_region=table.get(insured), treatment_region=table.get(treatment),
                           **values)  # type: ignore[arg-type]


def classify(profile: profiles.Profile, **given: object) -> rules.Classification:
    return rules.classify(situation(**given), profile, TODAY, "en")


def notices(classification: rules.Classification) -> set[str]:
    return {notice.id for notice in classification.warnings}


# ----------------------------------------------------------------------------- outside the scheme


def test_outside_scheme_provinces_come_from_the_profile(config_dir: Path) -> None:
    national = profiles.load()
    hong_kong = classify(national, treatment="810000")
    assert hong_kong.scope is Scope.OUTSIDE_SCHEME
    assert "outside_scheme/hong-kong-macao-taiwan" in hong_kong.rules_used
    mine = user_profile(config_dir, HEAD + """
[[outside_scheme]]
id = "hong-kong-macao-taiwan"
provinces = ["71", "82"]
since = "unknown"
source = "seed-000"
""")
    assert classify(mine, treatment="810000").scope is Scope.CROSS_PROVINCE
    assert classify(mine, treatment="820000").scope is Scope.OUTSIDE_SCHEME
    assert classify(national, treatment="310104").scope is Scope.CROSS_PROVINCE


# --------------------------------------------------------------------------------- deadline roles


def test_the_claim_deadline_is_the_one_the_profile_calls_so(config_dir: Path) -> None:
    national = classify(profiles.load())
    claim = [d for d in national.deadlines if d.role == DeadlineRole.CLAIM]
    assert [d.id for d in claim] == ["reimbursement"]
    assert "no-deadline-rule" not in notices(national)
    # Another id with the claim role is the claim deadline; a deadline without a role is not.
    mine = user_profile(config_dir, HEAD + """
[[deadlines]]
id = "reimbursement"
name = "Reminder to call"
when = { route = "manual_reimbursement" }
days = 3
after = "discharged"
role = "filing-validity"
since = "unknown"
source = "seed-000"

[[deadlines]]
id = "city-claim"
name = "City claim due"
when = { route = "manual_reimbursement" }
months = 2
after = "discharged"
role = "claim"
since = "unknown"
source = "seed-000"
""")
    result = classify(mine)
    assert [d.id for d in result.deadlines if d.role == DeadlineRole.CLAIM] == ["city-claim"]
    report = DossierReport(case=case_file.Case(folder=config_dir), classification=result,
                           documents=[], unmatched=[], ambiguous={})
    assert report.deadline is not None and report.deadline.id == "city-claim"
    assert "no-deadline-rule" not in notices(result)


def test_a_profile_without_a_claim_deadline_role_warns_and_leads_with_the_soonest(
        config_dir: Path) -> None:
    mine = user_profile(config_dir, HEAD + """
[[deadlines]]
id = "reimbursement"
name = "Claim due"
when = { route = "manual_reimbursement" }
months = 1
after = "discharged"
role = "filing-validity"
since = "unknown"
source = "seed-000"

[[deadlines]]
id = "paperwork"
name = "Paperwork"
when = { route = "manual_reimbursement" }
days = 5
after = "discharged"
since = "unknown"
source = "seed-000"
""")
    result = classify(mine)
    assert {d.id for d in result.deadlines} == {"reimbursement", "paperwork"}
    assert "no-deadline-rule" in notices(result)
    report = DossierReport(case=case_file.Case(folder=config_dir), classification=result,
                           documents=[], unmatched=[], ambiguous={})
    assert report.deadline is not None and report.deadline.id == "paperwork"  # the soonest


def test_a_deadline_replacing_one_of_the_same_id_keeps_its_role(config_dir: Path) -> None:
    mine = user_profile(config_dir, HEAD + """
[[deadlines]]
id = "reimbursement"
name = "Claim due"
when = { route = "manual_reimbursement", insurance = "employee" }
months = 3
after = "discharged"
since = "unknown"
source = "seed-000"
""")
    result = classify(mine)
    assert [(d.id, d.role, d.date) for d in result.deadlines] == \
        [("reimbursement", DeadlineRole.CLAIM, date(2027, 1, 20))]
    assert "no-deadline-rule" not in notices(result)


def test_the_filing_validity_is_found_by_its_role(config_dir: Path) -> None:
    lapsed = dict(category="temporary", filed=True, filed_on=date(2025, 1, 2),
                  admitted=date(2026, 10, 8))
    assert "filing-lapsed" in notices(classify(profiles.load(), **lapsed))
    mine = user_profile(config_dir, HEAD + """
[[deadlines]]
id = "filing-validity"
name = "Validity"
when = { category = ["referral", "temporary"], filed = true }
months = 6
after = "filed_on"
roll = false
at_least = true
role = "claim"
since = 2022-07-26
source = "nhsa-2022-22"
""")
    assert "filing-lapsed" not in notices(classify(mine, **lapsed))


# ------------------------------------------------------------------------------ reasoning steps


def test_settlement_not_said_is_taken_as_paid_by_the_person(config_dir: Path) -> None:
    """The safe assumption: not settled directly, so the claim's documents are listed; a profile
    that switches the step off gets the other assumption, said as such."""
    national = classify(profiles.load(), direct_settlement=None)
    assert national.route is Route.MANUAL_REIMBURSEMENT and "assumed-manual" in notices(national)
    assert national.required_documents() and "assumed-direct" not in notices(national)
    assert f"reasoning/{Reasoning.ASSUMED_MANUAL}" in national.rules_used
    off = user_profile(config_dir, HEAD + """
[[reasoning]]
id = "assumed-manual"
applies = false
since = "unknown"
source = "nhsa-2022-22"
""")
    result = classify(off, direct_settlement=None)
    assert result.route is Route.DIRECT_SETTLEMENT and "assumed-direct" in notices(result)
    assert "assumed-manual" not in notices(result)


def test_file_before_discharge_applies_where_the_profile_says(config_dir: Path) -> None:
    in_hospital = dict(filed=False, direct_settlement=None, admitted=date(2026, 11, 20),
                       discharged=None)
    national = classify(profiles.load(), **in_hospital)
    assert national.route is Route.DIRECT_SETTLEMENT
    assert "file-before-discharge" in notices(national)
    assert classify(profiles.load(), care="outpatient", **in_hospital).route \
        is Route.MANUAL_REIMBURSEMENT  # the shipped step is for inpatients
    wider = user_profile(config_dir, HEAD + """
[[reasoning]]
id = "file-before-discharge"
when = { care = ["inpatient", "outpatient"] }
since = 2022-07-26
source = "nhsa-2022-22"
verified = false
""")
    result = classify(wider, care="outpatient", **in_hospital)
    assert result.route is Route.DIRECT_SETTLEMENT
    assert "reasoning/file-before-discharge" in result.unverified  # counted among the rules used


@pytest.mark.parametrize(("step", "given"), [
    ("filed-after-admission", dict(filed_on=date(2026, 10, 10))),
    ("filed-after-discharge", dict(filed_on=date(2026, 10, 25))),
    ("direct-without-filing", dict(filed=False, direct_settlement=True)),
])
def test_filing_timing_warnings_are_sourced_steps(config_dir: Path, step: str,
                                                  given: dict[str, object]) -> None:
    national = classify(profiles.load(), **given)
    assert step in notices(national) and f"reasoning/{step}" in national.rules_used
    off = user_profile(config_dir, HEAD + f"""
[[reasoning]]
id = "{step}"
applies = false
since = "unknown"
source = "nhsa-2022-22"
""")
    assert step not in notices(classify(off, **given))


def test_outpatient_deadlines_count_from_admission_by_the_profile(config_dir: Path) -> None:
    visit = dict(care="outpatient", admitted=date(2026, 10, 8), discharged=None)
    national = classify(profiles.load(), **visit)
    assert [(d.id, d.date) for d in national.deadlines] == [("reimbursement", date(2026, 11, 9))]
    assert "reasoning/count-from-admission" in national.rules_used
    inpatient = classify(profiles.load(), admitted=date(2026, 10, 8), discharged=None)
    assert inpatient.deadlines == [] and "no-date-reimbursement" in notices(inpatient)
    off = user_profile(config_dir, HEAD + """
[[reasoning]]
id = "count-from-admission"
applies = false
since = "unknown"
source = "seed-000"
""")
    result = classify(off, **visit)
    assert result.deadlines == [] and "no-date-reimbursement" in notices(result)


# ------------------------------------------------------------------------- who applies, the forms


ID17 = "14052220080101123"  # born 2008-01-01: 18 on 2026-01-01


def write_case(folder: Path, insurance: str = "employee", category: str = "temporary",
               profile: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    chosen = f'profile = "{profile}"\n' if profile else ""
    (folder / "case.toml").write_text(f"""schema = 1
{chosen}
[person]
name = "张三"
id_number = "{ID17 + check_character(ID17)}"
insurance = "{insurance}"
category = "{category}"

[insured]
region = "140500"

[episode]
region = "310104"
hospital = "某某医院"
care = "inpatient"
admitted = 2026-10-08
discharged = 2026-10-20
filed = true
direct_settlement = false
""", encoding="utf-8")
    return folder


def form_values(folder: Path, profile: profiles.Profile, form: str = "filing-form"):  # noqa: ANN201
    case = case_file.load(folder, TODAY)
    classification = rules.classify(situation_of(case, profile), profile, TODAY, "zh")
    values, _ = forms.context(case, classification, profile, "zh",
                              case_file.unit_of(case, classification), TODAY, form)
    return case, classification, values


def test_the_adult_age_is_the_profiles(config_dir: Path, tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    _, classification, values = form_values(folder, profiles.load())
    assert classification.applicant is not None and classification.applicant.adult_age == 18
    assert values["person"]["age"] == 18 and values["person"]["minor"] is False
    older = user_profile(config_dir, HEAD + """
[[applicants]]
id = "unit-clerk"
unit = true
adult_age = 20
since = "unknown"
source = "seed-000"
""")
    assert form_values(folder, older)[2]["person"]["minor"] is True


def test_residents_have_no_unit_because_the_profile_says_so(config_dir: Path, tmp_path: Path) -> None:
    from offsite_cli.base import config

    config.set_value("unit.name", "晋城市某某有限公司")
    resident = write_case(tmp_path / "r", insurance="resident")
    case, classification, values = form_values(resident, profiles.load())
    assert case_file.unit_of(case, classification) == "" == case_file.unit_of(case)
    assert values["person"]["resident"] is True and values["insured"]["unit"] is None
    user_profile(config_dir, HEAD + """
[[applicants]]
id = "resident-self"
when = { insurance = "resident" }
unit = true
adult_age = 18
since = "unknown"
source = "seed-001"
""")
    mine = write_case(tmp_path / "m", insurance="resident", profile="mine")
    case, classification, values = form_values(mine, profiles.load("mine"))
    assert case_file.unit_of(case, classification) == "晋城市某某有限公司" == case_file.unit_of(case)
    assert values["person"]["resident"] is False and values["insured"]["unit"] == "晋城市某某有限公司"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_unit_certificate_says_retiree_from_the_category(config_dir: Path, tmp_path: Path,
                                                             lang: str) -> None:
    folder = write_case(tmp_path / "d", category="temporary")
    retiree, employee = ("退休人员", "职工") if lang == "zh" else ("a retiree", "an employee")

    def certificate(profile: profiles.Profile) -> str:
        case = case_file.load(folder, TODAY)
        classification = rules.classify(situation_of(case, profile), profile, TODAY, lang)
        values, _ = forms.context(case, classification, profile, lang, "某单位", TODAY,
                                  "unit-certificate")
        return forms.render_markup(forms.find("unit-certificate", lang), values)

    assert employee in certificate(profiles.load()) and retiree not in certificate(profiles.load())
    mine = user_profile(config_dir, HEAD + """
[categories.temporary]
class = "temporary"
zh = "退休人员外出"
en = "Retiree away from home"
retiree = true
""")
    assert retiree in certificate(mine)


def test_needed_forms_use_the_facts_the_classification_carries(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    profile = profiles.load()
    case = case_file.load(folder, TODAY)
    classification = rules.classify(situation_of(case, profile), profile, TODAY, "zh")
    assert classification.insured_region is not None and classification.insured_region.code == "140500"
    assert classification.selectors is not None and classification.selectors["province"] == "14"
    assert classification.selectors["route"] == "manual_reimbursement"
    assert classification.rules_on == date(2026, 10, 8)

    def no_lookups() -> None:
        raise AssertionError("regions looked up again")

    monkeypatch.setattr(regions, "table", no_lookups)
    needs = form_needs.needed_forms(classification, profile)
    assert [need.name for need in needs if need.required] == \
        ["unit-certificate", "reimbursement-application", "late-explanation"]  # 2 days overdue


# ------------------------------------------------------------------------------------ card sizes


def test_card_sized_documents_have_their_size_in_the_profile(config_dir: Path) -> None:
    national = profiles.load()
    for document_id in ("card-copy", "id-copy", "bank-card"):
        assert national.physical_size(document_id) == (85.60, 53.98)
    assert national.physical_size("receipt") is None
    assert national.size_rule("card-copy").sources == ("iso-iec-7810",)  # type: ignore[union-attr]
    mine = user_profile(config_dir, HEAD + """
[documents.receipt]
size = "slip"

[documents.bank-card]
size = "slip"

[[sizes]]
id = "slip"
width_mm = 80
height_mm = 120
since = "unknown"
source = "local-lists"
""")
    assert mine.physical_size("receipt") == (80.0, 120.0) == mine.physical_size("bank-card")
    assert mine.physical_size("card-copy") == (85.60, 53.98)


# ----------------------------------------------------------------------------- --category help


def _help(config_dir: Path, *args: str, lang: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "offsite_cli", *args, "--help"], capture_output=True, text=True,
        check=True, env={"PATH": "/usr/bin:/bin", "HOME": str(config_dir), "LANG": lang,
                         "COLUMNS": "200", "OFFSITE_CONFIG_DIR": str(config_dir),
                         "OFFSITE_CACHE_DIR": str(config_dir / "cache")}).stdout


def test_category_help_lists_the_profiles_categories(config_dir: Path) -> None:
    user_profile(config_dir, HEAD + """
[categories.seafarer]
class = "temporary"
zh = "远洋船员"
en = "Seafarer"
""")
    english = _help(config_dir, "check", "--profile", "mine", lang="en_US.UTF-8")
    assert "stationed-worker, referral, emergency, temporary or seafarer." in english
    chinese = _help(config_dir, "dossier", "new", "--profile=mine", lang="zh_CN.UTF-8")
    assert "seafarer（远洋船员）" in chinese and "resettled-retiree（异地安置退休人员）" in chinese
    default = _help(config_dir, "check", lang="en_US.UTF-8")
    assert "emergency or temporary." in default and "seafarer" not in default


def test_profiles_show_says_what_each_reasoning_step_does_and_when_it_is_off(config_dir: Path) -> None:
    from typer.testing import CliRunner

    from offsite_cli.base.i18n import text
    from offsite_cli.cli import app

    for step in Reasoning:
        for lang in ("zh", "en"):
            assert text(f"reasoning.{step}", lang) != f"reasoning.{step}", (step, lang)
    user_profile(config_dir, HEAD + """
[[reasoning]]
id = "assumed-manual"
applies = false
since = "unknown"
source = "nhsa-2022-22"
""")
    shown = CliRunner().invoke(app, ["profiles", "show", "mine", "--lang", "en"],
                               env={"COLUMNS": "250"}).stdout
    assert "taken as paid by the person (off: as direct) (switched off)" in shown
    assert "(the claim deadline)" in shown
