"""Region lookup by code and name, retired codes, planning areas, scope, and the user's regions.csv."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import region_cache

from offsite_cli.policy import regions
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text
from offsite_cli.policy.regions import Scope

SHIPPED_HEADER = "代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码"


def message(error: BadInput, lang: str = "en") -> str:
    return text(error.message, lang, **error.params)


def resolve(value: str, field: str = "--insured-region") -> regions.Region:
    return regions.table().resolve(value, field)


def code_of(value: str) -> str:
    return resolve(value).code


# ------------------------------------------------------------------------------------ lookup


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("140500", "140500"),  # a code
        ("310104", "310104"),
        (" 140500 ", "140500"),  # surrounding blanks are ignored
        ("晋城市", "140500"),  # full name
        ("晋城", "140500"),  # short name
        ("徐汇区", "310104"),
        ("徐汇", "310104"),
        ("阳城县", "140522"),
        ("阳城", "140522"),
        ("山西省晋城市", "140500"),  # province-prefixed
        ("山西晋城", "140500"),
        ("北京朝阳区", "110105"),
        ("北京市朝阳区", "110105"),
        ("长春市朝阳区", "220104"),  # prefecture-prefixed
        ("长春朝阳区", "220104"),
        ("吉林朝阳区", "220104"),
        ("上海", "310000"),
        ("仙桃", "429004"),
        ("琼海市", "469002"),
    ],
)
def test_resolve_by_code_or_name(query: str, code: str) -> None:
    assert code_of(query) == code


def test_find_returns_both_chaoyang_districts() -> None:
    found = regions.table().find("朝阳区")
    assert [region.code for region in found] == ["110105", "220104"]


def test_ambiguous_name_is_bad_input_listing_the_candidates() -> None:
    with pytest.raises(BadInput) as caught:
        resolve("朝阳区", "--treatment-region")
    error = caught.value
    assert error.message == "region_ambiguous"
    rendered = message(error)
    assert "--treatment-region" in rendered
    assert "朝阳区" in rendered
    assert "110105" in rendered and "220104" in rendered
    assert "北京" in rendered and "长春" in rendered
    assert "\n" not in rendered
    assert "110105" in message(error, "zh") and "220104" in message(error, "zh")


def test_unknown_code_names_the_field_and_the_value() -> None:
    with pytest.raises(BadInput) as caught:
        resolve("999999", "--insured-region")
    assert caught.value.message == "region_unknown_code"
    rendered = message(caught.value)
    assert "--insured-region" in rendered and "999999" in rendered
    assert "regions.csv" in rendered  # how to add a newer code


def test_unknown_name_names_the_field_and_the_value() -> None:
    with pytest.raises(BadInput) as caught:
        resolve("亚特兰蒂斯", "--treatment-region")
    assert caught.value.message == "region_unknown_name"
    rendered = message(caught.value)
    assert "--treatment-region" in rendered and "亚特兰蒂斯" in rendered
    assert "e.g." in rendered


def test_empty_region_is_bad_input() -> None:
    with pytest.raises(BadInput) as caught:
        resolve("  ", "--insured-region")
    assert "--insured-region" in message(caught.value)


def test_find_without_match_is_empty() -> None:
    assert regions.table().find("火星市") == []
    assert regions.table().find("000001") == []


def test_full_name_has_no_repeats() -> None:
    table = regions.table()
    assert table.get("140522").full_name == "山西省晋城市阳城县"
    assert table.get("310104").full_name == "上海市徐汇区"
    assert table.get("140500").full_name == "山西省晋城市"


def fresh_table(monkeypatch: pytest.MonkeyPatch, name_lookup_first: bool = True) -> regions.RegionTable:
    """A table of its own (the shared one's lazily built state could hide an order effect), used by
    planning_area and scope_of too; by default after a name lookup, which builds every row."""
    if name_lookup_first:
        if "indexed" not in region_cache.SHIPPED:  # every row read: later lookups cannot change it
            region_cache.SHIPPED["indexed"] = region_cache.ORIGINAL_TABLE.__wrapped__()
            region_cache.SHIPPED["indexed"].find("晋城")
        table = region_cache.SHIPPED["indexed"]
    else:
        table = region_cache.ORIGINAL_TABLE.__wrapped__()
    own = functools.lru_cache(maxsize=1)(lambda: table)
    monkeypatch.setattr(regions, "table", own)
    return table


# The data holds historical rows (状态 变更: the same code under an earlier name or parent) after
# the in-use row of the same code. The in-use row must win and stay findable by name, and a 变更 row
# is history, not a region in use.
SHADOWED = [("120110", "东丽区"), ("130502", "襄都区"), ("210112", "浑南区"), ("220105", "二道区")]


@pytest.mark.parametrize(("code", "name"), SHADOWED)
def test_in_use_name_wins_over_historical_rows(monkeypatch: pytest.MonkeyPatch, code: str,
                                               name: str) -> None:
    table = fresh_table(monkeypatch)
    assert table.get(code).name == name
    assert [region.code for region in table.find(name)] == [code]


def test_code_lookup_before_any_name_lookup_finds_the_in_use_row(monkeypatch: pytest.MonkeyPatch) -> None:
    table = fresh_table(monkeypatch, name_lookup_first=False)
    assert table.get("120110").name == "东丽区"


def test_retired_code_with_a_historical_row_follows_its_successor(monkeypatch: pytest.MonkeyPatch) -> None:
    table = fresh_table(monkeypatch)
    changyang = table.get("422728")
    assert changyang.in_use is False
    assert table.current(changyang).code == "420528"
    assert regions.planning_area(changyang) == "420500"
    assert regions.scope_of(changyang, table.get("420500")) is Scope.LOCAL


def test_shennongjia_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh_table(monkeypatch)
    assert resolve("神农架林区").code == "429021"


@pytest.mark.parametrize(("query", "code"), [("延边", "222400"), ("凉山", "513400"),
                                             ("湘西", "433100"), ("长阳", "420528")])
def test_short_names_of_autonomous_areas(monkeypatch: pytest.MonkeyPatch, query: str,
                                         code: str) -> None:
    fresh_table(monkeypatch)
    assert resolve(query).code == code


# ----------------------------------------------------------------------------- retired codes


def test_retired_code_resolves_with_its_successor() -> None:
    table = regions.table()
    chongwen = resolve("110103")
    assert chongwen.name == "崇文区"
    assert not chongwen.in_use
    assert chongwen.successors == ("110101",)
    assert table.current(chongwen).code == "110101"
    assert chongwen.as_dict()["successors"] == ["110101"]


def test_retired_name_resolves_when_no_current_region_has_it() -> None:
    assert code_of("崇文区") == "110103"


def test_retired_code_planning_area_follows_the_successor() -> None:
    # 儋州市 was a county directly under Hainan (469003) until 2015, now a prefecture (460400).
    danzhou = resolve("469003")
    assert not danzhou.in_use
    assert regions.planning_area(danzhou) == "460400"
    assert regions.planning_area(resolve("110103")) == "110000"


def test_retired_code_scope_uses_the_successor() -> None:
    table = regions.table()
    assert regions.scope_of(table.get("469003"), table.get("460400")) is Scope.LOCAL
    assert regions.scope_of(table.get("110103"), table.get("110105")) is Scope.LOCAL


# ----------------------------------------------------------------------------- planning areas


@pytest.mark.parametrize(
    ("code", "area"),
    [
        ("140500", "140500"),  # a prefecture is its own area
        ("140522", "140500"),  # a county belongs to its prefecture
        ("220104", "220100"),
        ("310104", "310000"),  # municipalities are one area each
        ("110105", "110000"),
        ("120101", "120000"),
        ("500101", "500000"),
        ("310000", "310000"),
        ("429004", "429004"),  # counties directly under a province stand on their own
        ("469002", "469002"),
        ("460100", "460100"),
    ],
)
def test_planning_area(code: str, area: str) -> None:
    assert regions.planning_area(regions.table().get(code)) == area


def test_profile_override_of_planning_area() -> None:
    table = regions.table()
    qionghai, haikou = table.get("469002"), table.get("460100")
    assert regions.planning_area(qionghai, {"469002": "460100"}) == "460100"
    # An override keyed by a prefecture applies to its counties.
    assert regions.planning_area(table.get("140522"), {"140500": "140000"}) == "140000"
    assert regions.scope_of(qionghai, haikou) is Scope.INTRA_PROVINCE
    assert regions.scope_of(qionghai, haikou, {"469002": "460100"}) is Scope.LOCAL


# ------------------------------------------------------------------------------------- scope


@pytest.mark.parametrize(
    ("insured", "treatment", "scope"),
    [
        ("140500", "140522", Scope.LOCAL),
        ("140522", "140521", Scope.LOCAL),
        ("310104", "310115", Scope.LOCAL),
        ("140522", "140100", Scope.INTRA_PROVINCE),
        ("429004", "420100", Scope.INTRA_PROVINCE),
        ("429004", "429005", Scope.INTRA_PROVINCE),
        ("140500", "310104", Scope.CROSS_PROVINCE),
        ("110105", "220104", Scope.CROSS_PROVINCE),
        ("140500", "810000", Scope.OUTSIDE_SCHEME),
        ("310104", "820000", Scope.OUTSIDE_SCHEME),
        ("110105", "710000", Scope.OUTSIDE_SCHEME),
    ],
)
def test_scope_of(insured: str, treatment: str, scope: Scope) -> None:
    from datetime import date

    from offsite_cli.policy import profiles

    table = regions.table()
    outside = profiles.load().outside_scheme(date(2026, 11, 1))
    assert regions.scope_of(table.get(insured), table.get(treatment), outside=outside) is scope


def test_what_is_outside_the_scheme_is_the_callers_data_not_the_codes() -> None:
    table = regions.table()
    hong_kong, shanghai = table.get("810000"), table.get("310104")
    assert regions.scope_of(shanghai, hong_kong) is Scope.CROSS_PROVINCE
    assert regions.scope_of(shanghai, hong_kong, outside=frozenset({"81"})) is Scope.OUTSIDE_SCHEME
    assert regions.scope_of(shanghai, table.get("140500"),
                            outside=frozenset({"14"})) is Scope.OUTSIDE_SCHEME


def test_scope_values_are_the_contract_strings() -> None:
    assert [scope.value for scope in Scope] == [
        "local", "intra_province", "cross_province", "outside_scheme",
    ]


# ---------------------------------------------------------------------- the user's regions.csv


def write_user_regions(config_dir: Path, *rows: str, header: str = SHIPPED_HEADER) -> Path:
    path = config_dir / "regions.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    regions.table.cache_clear()
    return path


def test_shipped_header_is_what_the_user_file_needs() -> None:
    from offsite_cli.base import resources

    first = resources.areacodes_csv().read_text(encoding="utf-8-sig").splitlines()[0]
    assert first == SHIPPED_HEADER


def test_user_regions_csv_adds_a_new_code(config_dir: Path) -> None:
    with pytest.raises(BadInput):
        resolve("140599")
    write_user_regions(config_dir, "140599,山西省,晋城市,新设测试区,县级,在用,2026,,")
    region = resolve("140599")
    assert region.name == "新设测试区"
    assert region.in_use
    assert code_of("新设测试区") == "140599"
    assert regions.planning_area(region) == "140500"
    assert regions.scope_of(region, resolve("140522")) is Scope.LOCAL
    # Shipped codes are still there.
    assert code_of("晋城") == "140500"


def test_user_regions_csv_with_bad_header_names_the_file(config_dir: Path) -> None:
    path = write_user_regions(config_dir, "140599,新设测试区", header="code,name")
    with pytest.raises(BadInput) as caught:
        regions.table()
    rendered = message(caught.value)
    assert str(path) in rendered
    assert "代码" in rendered  # the expected header


def test_user_regions_csv_with_bad_code_names_the_file_and_line(config_dir: Path) -> None:
    path = write_user_regions(config_dir, "140599,山西省,晋城市,甲区,县级,在用,2026,,",
                              "14AB99,山西省,晋城市,乙区,县级,在用,2026,,")
    with pytest.raises(BadInput) as caught:
        resolve("晋城")
    rendered = message(caught.value)
    assert str(path) in rendered
    assert "14AB99" in rendered
    assert "3" in rendered  # line 3 of the file


def test_user_regions_csv_that_is_not_utf8_names_the_file(config_dir: Path) -> None:
    path = config_dir / "regions.csv"
    path.write_bytes((SHIPPED_HEADER + "\n").encode() + "140599,山西省,晋城市,新区,县级,在用,2026,,\n".encode("gbk"))
    regions.table.cache_clear()
    with pytest.raises(BadInput) as caught:
        regions.table()
    assert str(path) in message(caught.value)


def test_user_row_wins_over_the_shipped_row(config_dir: Path) -> None:
    write_user_regions(config_dir, "140522,山西省,晋城市,阳城测试县,县级,在用,1983,,")
    assert resolve("140522").name == "阳城测试县"
    assert code_of("阳城测试县") == "140522"


def test_a_prefecture_wins_over_its_own_counties_of_the_same_short_name() -> None:
    assert resolve("南昌").code == "360100"  # not 南昌县 360121 inside it
    assert resolve("南昌县").code == "360121"
    with pytest.raises(BadInput):
        resolve("朝阳")  # 朝阳市 in Liaoning, but also 朝阳区 in Beijing and Changchun


@pytest.mark.parametrize("query", ["", "   "])
def test_find_with_an_empty_query_is_bad_input(query: str) -> None:
    from typer.testing import CliRunner

    from offsite_cli.cli import app

    result = CliRunner().invoke(app, ["regions", "find", query, "--lang", "en"])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "TEXT" in lines[0] and "6-digit code or a Chinese name" in lines[0]


def test_candidate_lists_use_each_languages_comma() -> None:
    from typer.testing import CliRunner

    from offsite_cli.cli import app

    for text, lang in (("朝阳区", "en"), ("朝阳区", "zh"), ("晋成", "en")):
        result = CliRunner().invoke(app, ["check", "--insured-region", text, "--treatment-region", "徐汇区",
                                          "--insurance", "employee", "--category", "stationed-worker",
                                          "--care", "inpatient", "--no-input", "--lang", lang])
        assert result.exit_code == 2
        if lang == "en":
            assert ", " in result.stderr and "、" not in result.stderr, result.stderr
        else:
            assert "、" in result.stderr, result.stderr
