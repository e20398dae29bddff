"""Nothing printed shows an ID number, a whole table, or a control sequence (issue 12, 1-3, 16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dossier_fixtures import CASE_TEXT, ID_NUMBER, TODAY, make_pdf, run, write_case
from hypothesis import given, settings
from hypothesis import strategies as st

from offsite_cli.base import shown
from offsite_cli.policy import ids

MASKED = ids.mask(ID_NUMBER)
BIRTH = "1985-03-14"


def _id_of(first17: str) -> str:
    return first17 + ids.check_character(first17)


@pytest.mark.parametrize("change", [
    lambda s: s.replace("id_number", "id_numbr"),
    lambda s: s.replace("id_number", "id-number"),
    lambda s: s.replace("id_number", "idnumber"),
    lambda s: s.replace("id_number", "id"),
    lambda s: s.replace("[person]", "[[person]]"),
    lambda s: s.replace('region = "140500"', f'region = "140500"\nid_number = "{ID_NUMBER}"'),
    lambda s: s.replace('region = "310104"', f'region = "{ID_NUMBER}"'),
    lambda s: s + f'\n[[receipts]]\namount = 1.0\ndate = "{ID_NUMBER}"\n',
    lambda s: s.replace("schema = 1", f"schema = 1\nnote = {ID_NUMBER}"),
    lambda s: s.replace("schema = 1", f'schema = 1\nperson_id = ["{ID_NUMBER}"]'),
])
def test_an_id_under_any_key_is_masked_and_no_table_is_echoed(tmp_path: Path, change) -> None:  # noqa: ANN001
    folder = write_case(tmp_path / "d", change(CASE_TEXT)).parent
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 2
    assert ID_NUMBER not in result.output
    assert "'name'" not in result.output and "张伟" not in result.output  # the table is not echoed
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("first17", ["14050219850230123", "14050220990314123", "14050218700314123"])
def test_a_bad_birth_date_is_never_shown_with_the_masked_number(tmp_path: Path, first17: str) -> None:
    number = _id_of(first17)
    folder = write_case(tmp_path / "d", CASE_TEXT.replace(ID_NUMBER, number)).parent
    for lang in ("zh", "en"):
        result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", lang)
        assert result.exit_code == 2
        birth = f"{first17[6:10]}-{first17[10:12]}-{first17[12:14]}"
        assert birth in result.output
        assert number[:6] not in result.output and number[14:] not in result.output


def test_file_names_with_an_id_are_masked_in_the_table_but_real_in_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_case(tmp_path / "d", CASE_TEXT + '\n[documents]\nid-copy = ["身份证' + ID_NUMBER
                        + '.pdf"]\n').parent
    make_pdf(folder / f"身份证{ID_NUMBER}.pdf", "身份证")
    make_pdf(folder / f"other{ID_NUMBER}x.pdf", "其他")
    for columns in ("200", "80", "40"):
        monkeypatch.setenv("COLUMNS", columns)
        result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
        flat = re.sub(r"[\s│┃|]+", "", result.output)  # a cell folded over lines, read whole
        assert ID_NUMBER not in flat and ID_NUMBER[6:14] not in flat
        assert MASKED in flat
    result = run("dossier", "check", str(folder), "--today", TODAY, "--json")
    assert f"身份证{ID_NUMBER}.pdf" in result.stdout  # scripts get the real path (README)


@pytest.mark.parametrize("value", ["a\\nb", "a\\rb", "\\u001b]0;pwned\\u0007", "\\u001b[2J\\u001b[31m",
                                   "x\\u202ey", "\\u009b2J"])
def test_control_characters_from_case_toml_never_reach_the_terminal(tmp_path: Path, value: str) -> None:
    folder = write_case(tmp_path / "d", CASE_TEXT.replace('insurance = "employee"',
                                                          f'insurance = "{value}"')).parent
    for command in ("check", "build"):
        result = run("dossier", command, str(folder), "--today", TODAY, "--lang", "en")
        assert result.exit_code in (1, 2), result.output
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", result.output), repr(result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output


def test_control_characters_in_file_names_never_reach_the_table(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d").parent
    make_pdf(folder / "receipt" / "r\x1b]0;pwned\x07\x1b[2J.pdf", "收据")
    make_pdf(folder / "odd\rname\n.pdf", "x")
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert "\x1b" not in result.output and "\x07" not in result.output and "\r" not in result.output
    assert "\\x1b]0;pwned\\x07" in result.output


_ID = st.builds(lambda region, birth, serial: _id_of(f"{region}{birth:%Y%m%d}{serial:03d}"),
                st.sampled_from(["140502", "110105", "310104", "440305"]),
                st.dates(), st.integers(0, 999))


@settings(max_examples=100, deadline=None)
@given(before=st.text(), number=_ID, after=st.text())
def test_masking_holds_on_any_text_that_holds_an_id(before: str, number: str, after: str) -> None:
    said = shown.line(before + number + after)
    assert number not in said and number.lower() not in said
    assert not shown.has_controls(said)
    assert "\n" not in said


@settings(max_examples=50, deadline=None)
@given(value=st.text())
def test_shown_text_is_idempotent_and_one_line(value: str) -> None:
    once = shown.line(value)
    assert shown.line(once) == once
    assert "\n" not in once and "\r" not in once and "\x1b" not in once


def test_a_dossier_folder_named_with_the_id_is_masked_in_forms_and_deadlines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_case(tmp_path / f"{ID_NUMBER}-张伟").parent
    monkeypatch.setenv("COLUMNS", "80")
    for command in (["dossier", "forms", str(folder)], ["deadlines", str(tmp_path)]):
        result = run(*command, "--today", TODAY, "--lang", "en")
        assert result.exit_code in (0, 1), result.output
        flat = re.sub(r"[\s│┃|]+", "", result.output)
        assert str(folder.name)[:18] not in flat and MASKED in flat, result.output
    result = run("dossier", "forms", str(folder), "--today", TODAY, "--json")
    assert ID_NUMBER in result.stdout  # the real path, for scripts


@pytest.mark.parametrize("value", ["上海\\n医院", "医院\\u001b[2J", "医\\u202e院"])
def test_a_text_with_control_characters_is_refused_at_load(tmp_path: Path, value: str) -> None:
    folder = write_case(tmp_path / "d", CASE_TEXT.replace("上海市示例医院", value)).parent
    result = run("dossier", "check", str(folder), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 2
    assert "episode.hospital" in result.output and "control characters" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "\x1b" not in result.output


def test_a_receipt_number_is_shown_as_it_is_but_never_the_persons_id(tmp_path: Path) -> None:
    """A 16-digit receipt number looks like a card number to the masker: the clerk must read it
    whole to remove it or to find it on paper; the ID number stays masked even when it was typed
    as a receipt number, and the same digits elsewhere (no receipt of this case) are masked."""
    folder = write_case(tmp_path / "case", CASE_TEXT, extra=(
        '\n[[receipts]]\nnumber = "3100260001234567"\ndate = 2026-11-13\namount = 100.0\n'
        f'\n[[receipts]]\nnumber = "{ID_NUMBER}"\ndate = 2026-11-13\namount = 50.0\n')).parent
    listed = run("dossier", "receipt", "list", str(folder), "--lang", "en")
    assert "3100260001234567" in listed.stdout
    assert ID_NUMBER not in listed.stdout and ids.mask(ID_NUMBER) in listed.stdout
    refused = run("dossier", "receipt", "remove", str(folder), "NOPE", "--lang", "en")
    assert refused.exit_code == 2 and "3100260001234567" in refused.stderr and ID_NUMBER not in refused.stderr
    other = write_case(tmp_path / "other", CASE_TEXT.replace("上海市示例医院", "3100260001234567医院")).parent
    checked = run("dossier", "check", str(other), "--today", TODAY, "--lang", "en")
    assert "3100260001234567" not in checked.stdout  # not a receipt of this case: masked
    assert shown.mask_ids("3100260001234567") == "3100********4567"  # and nothing is left over
