"""Policy profiles: the shipped cn-national, dated lookup, `extends`, user overrides, loader errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from offsite_cli.policy import profiles
from offsite_cli.cli import app
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text

CONTRACT_DOCUMENT_IDS = {
    "card-copy", "id-copy", "filing-form", "discharge-certificate", "diagnosis-certificate",
    "special-outpatient-approval", "expense-list", "receipt", "medical-record", "unit-certificate",
    "referral-certificate", "residence-certificate", "admission-notice", "commitment-letter",
    "hospitalization-statement", "bank-card",
}
CATEGORIES = ["resettled-retiree", "long-term-resident", "stationed-worker", "referral", "emergency",
              "temporary"]


def rendered(error: BadInput, lang: str = "en") -> str:
    return text(error.message, lang, **error.params)


def all_entries(profile: profiles.Profile) -> list[profiles.Entry]:
    return [entry for kind in profile.rules.values() for versions in kind.values() for entry in versions]


def user_profile(config_dir: Path, profile_id: str, body: str) -> Path:
    folder = config_dir / "profiles"
    folder.mkdir(exist_ok=True)
    path = folder / f"{profile_id}.toml"
    path.write_text(body, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- shipped cn-national


def test_cn_national_loads() -> None:
    profile = profiles.load("cn-national")
    assert profile.id == "cn-national" == profiles.DEFAULT_PROFILE
    assert profile.origin == "shipped"
    assert profile.chain == ["cn-national"]
    assert profile.title["zh"] and profile.title["en"]
    assert list(profile.categories) == CATEGORIES
    assert {profile.categories[c]["class"] for c in CATEGORIES[:3]} == {"long-term"}
    assert {profile.categories[c]["class"] for c in CATEGORIES[3:]} == {"temporary"}
    assert CONTRACT_DOCUMENT_IDS <= set(profile.documents)
    for document in profile.documents.values():
        assert document["zh"] and document["en"]
    for kind in ("filing", "settlement", "checklist", "deadlines", "warnings", "adjustments"):
        assert profile.rules.get(kind), kind


def test_every_rule_cites_sources_that_exist() -> None:
    profile = profiles.load()
    entries = all_entries(profile)
    assert len(entries) > 30
    for entry in entries:
        assert entry.sources, f"{entry.kind}/{entry.id}"
        for source_id in entry.sources:
            assert source_id in profile.sources, f"{entry.kind}/{entry.id}: {source_id}"
        assert profile.source_text(entry).startswith(f"cn-national {entry.kind}/{entry.id}: ")


def test_every_source_has_a_title_and_reference() -> None:
    for source in profiles.load().sources.values():
        assert source.title and source.reference, source.id


def test_entries_citing_an_unverified_source_are_unverified() -> None:
    profile = profiles.load()
    for entry in all_entries(profile):
        if any(not profile.sources[s].verified for s in entry.sources):
            assert entry.verified is False, f"{entry.kind}/{entry.id}"


@pytest.mark.parametrize(
    "rule",
    [
        "adjustments/referral-ratio",  # at most 10 points lower
        "adjustments/emergency-ratio",
        "adjustments/temporary-ratio",  # at most 20 points lower
        "warnings/scope-follows-treatment-place",  # 规程 art. 6
        "warnings/supplementary-filing",
        "warnings/chronic-direct",
        "warnings/processing-time",  # 30 working days
        "filing/intra-province-jiangxi",
    ],
)
def test_unverified_facts_of_national_md_are_marked(rule: str) -> None:
    kind, rule_id = rule.split("/")
    for entry in profiles.load().rules[kind][rule_id]:
        assert entry.verified is False


def test_profiles_show_json_reports_unverified_entries() -> None:
    result = CliRunner().invoke(app, ["profiles", "show", "cn-national", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    flagged = {(kind, rule["id"]) for kind, rules in document["rules"].items()
               for rule in rules if rule["verified"] is False}
    assert ("adjustments", "temporary-ratio") in flagged
    assert ("filing", "cross-province") not in flagged
    assert document["sources"]["local-lists"]["verified"] is False
    assert document["sources"]["nhsa-2022-22"]["verified"] is True


# ------------------------------------------------------------------------------ effective dates

JIANGXI = {"scope": "intra_province", "province": "36", "insurance": "employee",
           "category": "temporary", "care": "inpatient", "filed": False}


@pytest.mark.parametrize(
    ("on", "required"),
    [(date(2020, 1, 1), True), (date(2023, 3, 31), True), (date(2023, 4, 1), False),
     (date(2026, 11, 22), False)],
)
def test_jiangxi_intra_province_filing_by_date(on: date, required: bool) -> None:
    rule = profiles.load().pick("filing", JIANGXI, on)
    assert rule.id == "intra-province-jiangxi"
    assert rule.data["required"] is required


def test_other_provinces_need_no_intra_province_filing() -> None:
    facts = dict(JIANGXI, province="14")
    for on in (date(2020, 1, 1), date(2026, 1, 1)):
        rule = profiles.load().pick("filing", facts, on)
        assert (rule.id, rule.data["required"]) == ("intra-province", False)


def test_effective_picks_the_newest_version_not_after_the_date() -> None:
    profile = profiles.load()
    versions = {e.id: e for e in profile.effective("filing", date(2023, 3, 31))}
    assert versions["intra-province-jiangxi"].since is None
    versions = {e.id: e for e in profile.effective("filing", date(2023, 4, 1))}
    assert versions["intra-province-jiangxi"].since == date(2023, 4, 1)
    # A rule that starts later does not exist before its date.
    assert "cross-province" not in {e.id for e in profile.effective("filing", date(2022, 7, 25))}
    assert "claim-decree-765" not in {e.id for e in profile.effective("checklist", date(2023, 11, 30))}
    assert "claim-decree-765" in {e.id for e in profile.effective("checklist", date(2023, 12, 1))}


def test_most_specific_filing_rule_wins() -> None:
    facts = {"scope": "cross_province", "category": "emergency", "province": "14"}
    rule = profiles.load().pick("filing", facts, date(2026, 1, 1))
    assert rule.id == "cross-province-emergency" and rule.data["deemed"] is True
    rule = profiles.load().pick("filing", dict(facts, category="referral"), date(2026, 1, 1))
    assert rule.id == "cross-province" and rule.data["required"] is True


# ------------------------------------------------------------------------- extends, user profiles

CITY = """\
schema = 1
id = "jincheng"
title = { zh = "晋城市", en = "Jincheng" }
extends = "cn-national"

[sources.jincheng-2024]
title = "晋城市医保局通知（测试）"
reference = "test"
date = 2024-01-01

[documents.travel-ticket]
zh = "往返车票"
en = "Travel tickets"
words_zh = ["车票"]

[[deadlines]]
id = "reimbursement"
name = { zh = "报销申请截止", en = "Claim due" }
when = { route = "manual_reimbursement", insurance = "employee" }
months = 3
after = "discharged"
since = 2024-01-01
source = ["jincheng-2024", "civil-code"]

[[checklist]]
id = "claim-tickets"
stage = "claim"
when = { route = "manual_reimbursement" }
documents = ["travel-ticket"]
since = 2024-01-01
source = "jincheng-2024"
"""


def test_user_profile_extends_cn_national(config_dir: Path) -> None:
    path = user_profile(config_dir, "jincheng", CITY)
    profile = profiles.load("jincheng")
    assert profile.chain == ["jincheng", "cn-national"]
    assert (profile.origin, profile.path) == ("user", path)
    assert profile.title == {"zh": "晋城市", "en": "Jincheng"}
    # The overridden rule: one version, the child's.
    [deadline] = profile.rules["deadlines"]["reimbursement"]
    assert (deadline.data["months"], deadline.profile) == (3, "jincheng")
    assert profile.source_text(deadline).startswith("jincheng deadlines/reimbursement: ")
    # The added document and rule, and everything else inherited.
    assert profile.documents["travel-ticket"]["en"] == "Travel tickets"
    assert CONTRACT_DOCUMENT_IDS <= set(profile.documents)
    assert "claim-tickets" in profile.rules["checklist"]
    assert "filing-validity" in profile.rules["deadlines"]
    assert profile.rules["filing"].keys() == profiles.load("cn-national").rules["filing"].keys()
    assert {"nhsa-2022-22", "jincheng-2024"} <= set(profile.sources)
    # The parent is unchanged.
    [national] = profiles.load("cn-national").rules["deadlines"]["reimbursement"]
    assert national.data["months"] == 1
    assert "travel-ticket" not in profiles.load("cn-national").documents


def test_user_profile_is_listed_and_used_by_check(config_dir: Path) -> None:
    user_profile(config_dir, "jincheng", CITY)
    assert profiles.available()["jincheng"][1] == "user"
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["profiles", "list", "--json"]).stdout)
    assert {row["id"]: (row["origin"], row["extends"]) for row in listed}["jincheng"] == (
        "user", "cn-national")
    result = runner.invoke(app, [
        "check", "--insured-region", "140500", "--treatment-region", "310104", "--insurance",
        "employee", "--category", "stationed-worker", "--care", "inpatient", "--admitted",
        "2026-10-08", "--discharged", "2026-10-20", "--filed", "--no-direct-settlement", "--today",
        "2026-11-22", "--profile", "jincheng", "--json", "--no-input",
    ])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["profile"] == "jincheng"
    [deadline] = [d for d in document["deadlines"] if d["id"] == "reimbursement"]
    assert deadline["date"] == "2027-01-20"  # three months; 2027 is provisional, a Wednesday anyway
    assert "travel-ticket" in {d["id"] for d in document["documents"]}


OWN_NATIONAL = """\
schema = 1
id = "cn-national"
title = "My own national rules"

[sources.mine]
title = "mine"
reference = "test"

[categories.temporary]
class = "temporary"
zh = "临时外出"
en = "Temporary trip"

[[filing]]
id = "everything"
required = false
since = "unknown"
source = "mine"
"""


def test_user_profile_with_the_shipped_id_overrides_it(config_dir: Path) -> None:
    path = user_profile(config_dir, "cn-national", OWN_NATIONAL)
    profile = profiles.load("cn-national")
    assert (profile.origin, profile.path) == ("user", path)
    assert profile.title["en"] == "My own national rules"
    assert list(profile.rules["filing"]) == ["everything"]
    assert profiles.available()["cn-national"] == (path, "user")
    assert profiles.find_profile_file("cn-national") == (path, "user")


# ----------------------------------------------------------------------------- loader errors

HEAD = 'schema = 1\nid = "broken"\ntitle = "Broken"\nextends = "cn-national"\n'
FILING = ('[[filing]]\nid = "x"\nsince = 2024-01-01\nsource = "seed-000"\nwhen = { scope = "local" }\n'
          "required = false\n")

# name, body of broken.toml, key named in the message, a word of the value or expectation
LOADER_ERRORS = [
    ("unknown-top-level-key", HEAD + 'colour = "red"\n', "colour", "red"),
    ("wrong-schema", HEAD.replace("schema = 1", "schema = 2"), "schema", "schema = 1"),
    ("missing-schema", HEAD.replace("schema = 1\n", ""), "schema", "schema = 1"),
    ("id-not-file-name", HEAD.replace('id = "broken"', 'id = "other"'), "id", 'id = "broken"'),
    ("missing-title", HEAD.replace('title = "Broken"\n', ""), "title", "title"),
    ("unknown-source-id", HEAD + FILING.replace('"seed-000"', '"no-such-source"'),
     "filing[0] (id x).source", "no-such-source"),
    ("bad-since", HEAD + FILING.replace("2024-01-01", '"yesterday"'), "filing[0] (id x).since",
     "yesterday"),
    ("missing-since", HEAD + FILING.replace("since = 2024-01-01\n", ""), "filing[0] (id x).since",
     "since = "),
    ("unknown-document-in-checklist",
     HEAD + '[[checklist]]\nid = "x"\nsince = 2024-01-01\nsource = "seed-000"\nstage = "claim"\n'
            'documents = ["no-such-doc"]\n',
     "checklist[0] (id x).documents", "no-such-doc"),
    ("unknown-when-key", HEAD + FILING.replace('scope = "local"', 'colour = "red"'),
     "filing[0] (id x).when.colour", "red"),
    ("unknown-category-value", HEAD + FILING.replace('scope = "local"', 'category = "astronaut"'),
     "filing[0] (id x).when.category", "astronaut"),
    ("unknown-scope-value", HEAD + FILING.replace('"local"', '"abroad"'), "filing[0] (id x).when.scope",
     "abroad"),
    ("unknown-entry-key", HEAD + FILING + 'colour = "red"\n', "filing[0].colour", "red"),
    ("rule-without-id", HEAD + FILING.replace('id = "x"\n', ""), "filing[0].id", "id"),
    ("filing-required-not-bool", HEAD + FILING.replace("required = false", 'required = "no"'),
     "filing[0] (id x).required", "true or false"),
    ("deadline-without-after",
     HEAD + '[[deadlines]]\nid = "x"\nsince = 2024-01-01\nsource = "seed-000"\nmonths = 1\n'
            'name = "due"\n', "deadlines[0] (id x).after", "discharged"),
    ("category-bad-class", HEAD + '[categories.astronaut]\nclass = "orbital"\nzh = "宇航员"\nen = "Astronaut"\n',
     "categories.astronaut.class", "orbital"),
    ("source-bad-date", HEAD + '[sources.mine]\ntitle = "m"\ndate = "last year"\n', "sources.mine.date",
     "last year"),
    ("rules-not-an-array", HEAD + 'filing = "none"\n', "filing", "[[filing]]"),
    ("outside-scheme-bad-province",
     HEAD + '[[outside_scheme]]\nid = "x"\nsince = "unknown"\nsource = "seed-000"\n'
            'provinces = ["810000"]\n', "outside_scheme[0] (id x).provinces", "810000"),
    ("deadline-unknown-role",
     HEAD + '[[deadlines]]\nid = "x"\nsince = "unknown"\nsource = "seed-000"\nmonths = 1\n'
            'after = "discharged"\nname = "due"\nrole = "payday"\n', "deadlines[0] (id x).role",
     "filing-validity"),
    ("reasoning-unknown-step",
     HEAD + '[[reasoning]]\nid = "guess-everything"\nsince = "unknown"\nsource = "seed-000"\n',
     "reasoning[0] (id guess-everything).id", "assumed-manual"),
    ("reasoning-applies-not-bool",
     HEAD + '[[reasoning]]\nid = "assumed-manual"\nsince = "unknown"\nsource = "seed-000"\n'
            'applies = "no"\n', "reasoning[0] (id assumed-manual).applies", "true or false"),
    ("applicants-bad-adult-age",
     HEAD + '[[applicants]]\nid = "x"\nsince = "unknown"\nsource = "seed-000"\nunit = true\n'
            'adult_age = "eighteen"\n', "applicants[0] (id x).adult_age", "eighteen"),
    ("applicants-without-unit",
     HEAD + '[[applicants]]\nid = "x"\nsince = "unknown"\nsource = "seed-000"\nadult_age = 18\n',
     "applicants[0] (id x).unit", "unit = false"),
    ("size-not-a-length",
     HEAD + '[[sizes]]\nid = "x"\nsince = "unknown"\nsource = "seed-000"\nwidth_mm = 0\n'
            'height_mm = 50\n', "sizes[0] (id x).width_mm", "millimetres"),
    ("document-unknown-size", HEAD + '[documents.receipt]\nsize = "poster"\n',
     "documents.receipt.size", "poster"),
    ("category-retiree-not-bool",
     HEAD + '[categories.astronaut]\nclass = "temporary"\nzh = "宇航员"\nen = "Astronaut"\n'
            'retiree = "yes"\n', "categories.astronaut.retiree", "true or false"),
    ("category-unknown-key",
     HEAD + '[categories.astronaut]\nclass = "temporary"\nzh = "宇航员"\nen = "Astronaut"\n'
            'retired = true\n', "categories.astronaut.retired", "retiree"),
]


def load_error(config_dir: Path, body: str, profile_id: str = "broken") -> tuple[BadInput, Path]:
    path = user_profile(config_dir, profile_id, body)
    with pytest.raises(BadInput) as caught:
        profiles.load(profile_id)
    return caught.value, path


@pytest.mark.parametrize(("body", "key", "detail"), [case[1:] for case in LOADER_ERRORS],
                         ids=[case[0] for case in LOADER_ERRORS])
def test_loader_error_names_file_key_and_example(config_dir: Path, body: str, key: str,
                                                 detail: str) -> None:
    error, path = load_error(config_dir, body)
    for lang in ("en", "zh"):
        line = rendered(error, lang)
        assert line.startswith(str(path)), line
        assert key in line, line
    assert detail in rendered(error, "en")
    assert "e.g." in rendered(error, "en")
    assert "expected" not in rendered(error, "zh")  # the Chinese line says what is expected in Chinese
    assert "示例" in rendered(error, "zh")


ONE_LINE_CASES = [pytest.param(case[1], id=case[0]) for case in LOADER_ERRORS]


@pytest.mark.parametrize("body", ONE_LINE_CASES)
def test_loader_error_is_one_line(config_dir: Path, body: str) -> None:
    error, _ = load_error(config_dir, body)
    assert "\n" not in rendered(error, "en")
    assert "\n" not in rendered(error, "zh")


def test_toml_syntax_error_names_the_file_and_line(config_dir: Path) -> None:
    error, path = load_error(config_dir, HEAD + "[[filing]]\nid = \n")
    line = rendered(error)
    assert error.message == "profile_syntax"
    assert line.startswith(str(path))
    assert "line 6" in line


def test_non_utf8_profile_names_the_file(config_dir: Path) -> None:
    folder = config_dir / "profiles"
    folder.mkdir()
    (folder / "broken.toml").write_bytes(HEAD.encode() + b'description = "\xff"\n')
    with pytest.raises(BadInput) as caught:
        profiles.load("broken")
    assert str(folder / "broken.toml") in rendered(caught.value)


def test_unknown_profile_id_lists_the_available_ones() -> None:
    with pytest.raises(BadInput) as caught:
        profiles.load("no-such-profile")
    line = rendered(caught.value)
    assert "no-such-profile" in line and "cn-national" in line
    assert "profile" in line


def test_extends_cycle_is_bad_input(config_dir: Path) -> None:
    user_profile(config_dir, "a", 'schema = 1\nid = "a"\ntitle = "A"\nextends = "b"\n')
    user_profile(config_dir, "b", 'schema = 1\nid = "b"\ntitle = "B"\nextends = "a"\n')
    with pytest.raises(BadInput) as caught:
        profiles.load("a")
    line = rendered(caught.value)
    assert "extends" in line and "a → b → a" in line


def test_extends_itself_is_bad_input(config_dir: Path) -> None:
    user_profile(config_dir, "a", 'schema = 1\nid = "a"\ntitle = "A"\nextends = "a"\n')
    with pytest.raises(BadInput):
        profiles.load("a")


def test_extends_an_unknown_profile_is_bad_input(config_dir: Path) -> None:
    error, _ = load_error(config_dir, HEAD.replace('"cn-national"', '"cn-natinal"'))
    assert "cn-natinal" in rendered(error)


def test_extends_cycle_names_the_file_and_an_example(config_dir: Path) -> None:
    user_profile(config_dir, "a", 'schema = 1\nid = "a"\ntitle = "A"\nextends = "b"\n')
    path = user_profile(config_dir, "b", 'schema = 1\nid = "b"\ntitle = "B"\nextends = "a"\n')
    with pytest.raises(BadInput) as caught:
        profiles.load("a")
    line = rendered(caught.value)
    assert str(path) in line or str(path.with_name("a.toml")) in line
    assert "extends" in line and "e.g." in line


def test_extends_unknown_profile_names_the_file_key_and_example(config_dir: Path) -> None:
    error, path = load_error(config_dir, HEAD.replace('"cn-national"', '"cn-natinal"'))
    line = rendered(error)
    assert str(path) in line and "extends" in line and "e.g." in line


def test_text_renders_messages_that_name_a_key(config_dir: Path) -> None:
    error, path = load_error(config_dir, HEAD + 'colour = "red"\n')
    line = text(error.message, "en", **error.params)
    assert line.startswith(str(path)) and "colour" in line


def cli_check_with_profile(profile_id: str) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(app, [
        "check", "--insured-region", "140500", "--treatment-region", "310104", "--insurance",
        "employee", "--category", "stationed-worker", "--care", "inpatient", "--today",
        "2026-11-22", "--profile", profile_id, "--no-input", "--json",
    ])
    return result.exit_code, result.stdout, result.stderr, result.exception


def test_cli_with_a_broken_profile_prints_one_line_and_exits_2(config_dir: Path) -> None:
    path = user_profile(config_dir, "broken", HEAD + 'colour = "red"\n')
    code, stdout, stderr, exception = cli_check_with_profile("broken")
    assert code == 2
    assert stdout == ""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0] and "colour" in lines[0]
    assert "Traceback" not in stderr


def test_cli_with_a_broken_profile_syntax_prints_one_line_and_exits_2(config_dir: Path) -> None:
    # A syntax error carries no `key` parameter, so it reaches the user as one line.
    path = user_profile(config_dir, "broken", HEAD + "[[filing]]\nid = \n")
    code, stdout, stderr, exception = cli_check_with_profile("broken")
    assert code == 2, exception
    assert stdout == ""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0] and "第 6 行" in lines[0]
    assert "Traceback" not in stderr


def test_cli_with_an_unknown_profile_exits_2() -> None:
    code, stdout, stderr, _ = cli_check_with_profile("no-such-profile")
    assert code == 2
    assert stdout == ""
    assert len(stderr.strip().splitlines()) == 1
    assert "no-such-profile" in stderr
