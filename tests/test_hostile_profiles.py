"""Profiles and case files from anyone: bounded numbers, a bounded `extends` chain, strict types,
and loaders that raise only the tool's own errors on any TOML (issue 12, 7 and 9)."""

from __future__ import annotations

import string
import time
from datetime import date
from pathlib import Path

import pytest
from dossier_fixtures import CASE_TEXT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offsite_cli.base.errors import OffsiteError
from offsite_cli.base.resources import shipped_profiles_dir
from offsite_cli.dossier import case as case_file
from offsite_cli.policy import profiles

NATIONAL = (shipped_profiles_dir() / "cn-national.toml").read_text(encoding="utf-8")
REIMBURSEMENT = 'id = "reimbursement"\nname = { zh = "报销申请截止", en = "Reimbursement claim due" }'


def _local(config_dir: Path, body: str, profile_id: str = "local") -> Path:
    folder = config_dir / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{profile_id}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def _national_with(old: str, new: str) -> str:
    assert old in NATIONAL
    return NATIONAL.replace('id = "cn-national"', 'id = "local"', 1).replace(old, new, 1)


@pytest.mark.parametrize("old, new, key", [
    ("months = 1\nafter", "months = 100000\nafter", "months"),
    ("months = 1\nafter", "months = 4611686018427387904\nafter", "months"),
    ("months = 1\nafter", "months = 0\ndays = 1000000000\nafter", "days"),
    ("months = 1\nafter", "months = -1\nafter", "months"),
    ("months = 1\nafter", "months = true\nafter", "months"),
    ("months = 1\nafter", "months = 1.5\nafter", "months"),
    ("schema = 1", "schema = true", "schema"),
    ("schema = 1", "schema = 1.0", "schema"),
])
def test_out_of_bounds_numbers_and_loose_types_are_bad_input(config_dir: Path, old: str, new: str,
                                                             key: str) -> None:
    path = _local(config_dir, _national_with(old, new))
    with pytest.raises(OffsiteError) as caught:
        profiles.load("local")
    assert caught.value.exit_code == 2
    assert caught.value.params.get("file") == str(path)
    assert key in str(caught.value.params.get("key"))


def test_a_long_extends_chain_is_refused_quickly_and_a_cycle_is_named(config_dir: Path) -> None:
    for number in range(1500):
        _local(config_dir, f'schema = 1\nid = "p{number}"\ntitle = "p"\nextends = "p{number + 1}"\n',
               f"p{number}")
    _local(config_dir, 'schema = 1\nid = "p1500"\ntitle = "p"\nextends = "cn-national"\n', "p1500")
    started = time.monotonic()
    with pytest.raises(OffsiteError) as caught:
        profiles.load("p0")
    assert time.monotonic() - started < 5
    assert caught.value.params["key"] == "extends"
    _local(config_dir, 'schema = 1\nid = "a"\ntitle = "a"\nextends = "b"\n', "a")
    _local(config_dir, 'schema = 1\nid = "b"\ntitle = "b"\nextends = "a"\n', "b")
    with pytest.raises(OffsiteError) as caught:
        profiles.load("a")
    assert "a → b → a" in str(caught.value.params.get("expected")) + str(caught.value.params.get("value"))


# --------------------------------------------------------------------------------- any TOML at all

_KEYS = st.sampled_from(["schema", "profile", "person", "insured", "episode", "documents", "receipts",
                         "name", "id_number", "region", "care", "amount", "admitted", "months",
                         "days", "extends", "id", "title", "deadlines", "when", "after", "x"])
_SCALARS = st.one_of(
    st.integers(min_value=-2**63, max_value=2**63), st.floats(allow_nan=True), st.booleans(),
    st.text(max_size=30), st.dates(min_value=date(1, 1, 1)),
    st.sampled_from(["140502198503141233", "cn-national", "inpatient", "employee", "140500", ""]),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=12)


def _toml_value(value: object) -> str:
    import json
    import math

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) \
            else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + "}"
    return json.dumps(value)


def _document(tables: dict[str, object]) -> str:
    return "\n".join(f'"{key}" = {_toml_value(value)}' for key, value in tables.items())


_DOCUMENTS = st.dictionaries(_KEYS, _VALUES, max_size=6).map(_document)
_RAW = st.text(alphabet=string.printable + "[]{}=\"'中", max_size=200)
_MUTATED = st.tuples(st.sampled_from([CASE_TEXT, NATIONAL[:3000]]), st.integers(0, 3000),
                     st.text(max_size=20)).map(lambda t: t[0][:t[1]] + t[2] + t[0][t[1]:])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(_DOCUMENTS, _RAW, _MUTATED))
def test_the_case_loader_raises_only_its_own_errors_on_any_toml(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    (folder / "case.toml").write_text(text, encoding="utf-8")
    try:
        case_file.load(folder, date(2026, 11, 20))
    except OffsiteError as error:
        assert error.exit_code in (2, 3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(_DOCUMENTS, _MUTATED, _DOCUMENTS.map(lambda t: 'schema = 1\nid = "local"\ntitle = "x"\n' + t)))
def test_the_profile_loader_raises_only_its_own_errors_on_any_toml(config_dir: Path, text: str) -> None:
    _local(config_dir, text)
    try:
        profiles.load("local")
    except OffsiteError as error:
        assert error.exit_code in (2, 3)
