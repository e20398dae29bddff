"""Resident identity numbers: check character, shape, birth date, region code, masking, age."""

from __future__ import annotations

from datetime import date

import pytest

from offsite_cli.policy import ids, regions
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import text

def number(first17: str) -> str:
    """A valid 18-character number from its first 17 digits."""
    return first17 + ids.check_character(first17)


def wrong_check(first17: str) -> str:
    right = ids.check_character(first17)
    return first17 + ("1" if right != "1" else "2")


def rendered(error: BadInput, lang: str = "en") -> str:
    return text(error.message, lang, **error.params)


def parse_error(value: str, **kwargs: object) -> BadInput:
    with pytest.raises(BadInput) as caught:
        ids.parse(value, **kwargs)  # type: ignore[arg-type]
    return caught.value


# ----------------------------------------------------------------------------- check character


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("11010519491231002", "X"),  # the masking example of the issue: 110105********002X
        ("14052219800101123", "1"),
        ("44030119900307001", ids.check_character("44030119900307001")),
    ],
)
def test_check_character(first17: str, check: str) -> None:
    assert ids.check_character(first17) == check
    assert ids.check_character(first17) in "0123456789X"


def test_check_character_is_iso_7064_mod_11_2() -> None:
    # Independent computation: sum of digit * 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11.
    for first17 in ("11010519491231002", "14052219800101123", "31010420000229004", "46900219751111555"):
        total = sum(int(digit) * pow(2, 17 - index, 11) for index, digit in enumerate(first17))
        value = (12 - total % 11) % 11
        assert ids.check_character(first17) == ("X" if value == 10 else str(value))


# ------------------------------------------------------------------------------------ valid


@pytest.mark.parametrize(
    ("first17", "birth", "region"),
    [
        ("11010519491231002", date(1949, 12, 31), "110105"),
        ("14052219800101123", date(1980, 1, 1), "140522"),
        ("31010420000229004", date(2000, 2, 29), "310104"),
        ("46900219751111555", date(1975, 11, 11), "469002"),
    ],
)
def test_valid_numbers(first17: str, birth: date, region: str) -> None:
    parsed = ids.parse(number(first17))
    assert parsed.value == number(first17)
    assert parsed.birth_date == birth
    assert parsed.region_code == region
    assert parsed.region_known is True


def test_lowercase_x_is_accepted_and_normalised() -> None:
    value = number("11010519491231002")
    assert value.endswith("X")
    parsed = ids.parse(value.lower())
    assert parsed.value == value
    assert ids.parse(f"  {value}  ").value == value


def test_sex_from_the_sequence() -> None:
    assert ids.parse(number("14052219800101123")).sex == "male"  # 3: odd
    assert ids.parse(number("11010519491231002")).sex == "female"  # 2: even


# ------------------------------------------------------------------------------------ errors


def test_wrong_check_character_names_id_number_and_masks_the_value() -> None:
    value = wrong_check("14052219800101123")
    error = parse_error(value)
    assert error.message == "id_check"
    assert error.params["field"] == "id_number"
    assert error.params["value"] == ids.mask(value)
    for lang in ("en", "zh"):
        line = rendered(error, lang)
        assert "id_number" in line
        assert value not in line
        assert ids.mask(value) in line
        assert "\n" not in line


def test_wrong_check_character_names_the_given_field() -> None:
    error = parse_error(wrong_check("14052219800101123"), field_name="person.id_number")
    assert "person.id_number" in rendered(error)


def test_x_in_the_wrong_place_is_a_check_error_not_accepted() -> None:
    error = parse_error("14052219800101123X")  # the right check character is 1
    assert error.message == "id_check"
    assert "14052219800101123X" not in rendered(error)


@pytest.mark.parametrize(
    "value",
    ["", "1234", "14052219800101123", "1405221980010112311", "14052219800101123Y", "1405221980O101123X",
     "X40522198001011231"],
)
def test_bad_shape(value: str) -> None:
    error = parse_error(value)
    assert error.message == "id_shape"
    assert error.params["field"] == "id_number"
    if len(value) >= 8:
        assert value not in rendered(error)


def test_impossible_birth_date() -> None:
    value = number("11010520230230001")  # 30 Feb 2023
    error = parse_error(value)
    assert error.message == "id_birth"
    assert "id_number" in rendered(error)
    assert value not in rendered(error)


def test_29_february_only_in_leap_years() -> None:
    assert ids.parse(number("11010520000229001")).birth_date == date(2000, 2, 29)
    assert parse_error(number("11010519000229001")).message == "id_birth"  # 1900 is not a leap year
    assert parse_error(number("11010520230229001")).message == "id_birth"


@pytest.mark.parametrize("first17", ["11010520231301001", "11010520230100001"])
def test_other_impossible_birth_dates(first17: str) -> None:
    assert parse_error(number(first17)).message == "id_birth"


def test_birth_before_1880_is_out_of_range() -> None:
    error = parse_error(number("11010518790101001"))
    assert error.message == "id_birth_range"
    assert error.params["birth"] == "1879-01-01"


def test_future_birth_date_with_today() -> None:
    value = number("11010520300101001")
    assert ids.parse(value).birth_date == date(2030, 1, 1)  # no today: nothing to compare with
    error = parse_error(value, today=date(2026, 11, 22))
    assert error.message == "id_birth_range"
    assert "after today" in text(error.message, "en", **error.params)
    assert ids.parse(value, today=date(2030, 1, 1)).birth_date == date(2030, 1, 1)  # born today


def test_unknown_province_prefix() -> None:
    value = number("99010519800101001")
    error = parse_error(value)
    assert error.message == "id_region"
    line = rendered(error)
    assert "990105" in line and "id_number" in line
    assert value not in line


def test_retired_region_code_is_accepted() -> None:
    parsed = ids.parse(number("11010319800101001"))  # 崇文区, retired in 2010
    assert parsed.region_code == "110103"
    assert parsed.region_known is True
    assert regions.table().current(regions.table().get(parsed.region_code)).code == "110101"


def test_unknown_county_in_a_known_province() -> None:
    parsed = ids.parse(number("14059919800101001"))
    assert parsed.region_code == "140599"
    assert parsed.region_known is False


# ------------------------------------------------------------------------------------ mask


def test_mask_format() -> None:
    assert ids.mask("11010519491231002X") == "110105********002X"
    assert ids.parse(number("11010519491231002")).masked == "110105********002X"
    masked = ids.mask(number("14052219800101123"))
    assert masked == "140522********1231"
    assert len(masked) == 18 and "19800101" not in masked


def test_mask_of_a_wrong_length_hides_everything() -> None:
    assert ids.mask("1234") == "****"
    assert ids.mask("") == ""


# ------------------------------------------------------------------------------------ age


@pytest.mark.parametrize(
    ("birth17", "day", "age"),
    [
        ("11010519800615001", date(2026, 6, 14), 45),  # the day before the birthday
        ("11010519800615001", date(2026, 6, 15), 46),  # on the birthday
        ("11010519800615001", date(2026, 6, 16), 46),
        ("11010519800615001", date(1980, 6, 15), 0),
        ("11010519491231002", date(2026, 12, 30), 76),
        ("11010519491231002", date(2026, 12, 31), 77),
        ("11010520000229001", date(2001, 2, 28), 0),  # born 29 Feb: a year old on 1 March
        ("11010520000229001", date(2001, 3, 1), 1),
        ("11010520000229001", date(2004, 2, 28), 3),
        ("11010520000229001", date(2004, 2, 29), 4),
        ("11010520000229001", date(2026, 2, 28), 25),
        ("11010520000229001", date(2026, 3, 1), 26),
    ],
)
def test_age_on(birth17: str, day: date, age: int) -> None:
    assert ids.parse(number(birth17)).age_on(day) == age


# ------------------------------------------------------------------------ as people type them


@pytest.mark.parametrize("typed", [
    "140522 19800101 1231", " 140522-19800101-1231 ", "１４０５２２１９８００１０１１２３１",
    "１４０５２２　１９８００１０１　１２３１",
])
def test_spaces_and_full_width_digits_are_normalised(typed: str) -> None:
    assert ids.parse(typed).value == "140522198001011231"


def test_full_width_x_is_taken() -> None:
    assert ids.parse("11010519491231002ｘ").value == "11010519491231002X"


def test_a_wrong_length_is_said_and_the_number_stays_masked() -> None:
    error = parse_error("1405221980")
    for lang in ("zh", "en"):
        said = rendered(error, lang)
        assert "1405221980" not in said and "**********" in said
        assert ("10 位" if lang == "zh" else "10 characters") in said


def test_bank_accounts_and_phones() -> None:
    assert ids.parse_account("6217 0000 １２３４ 5678 901", "bank_account") == "6217000012345678901"
    assert ids.mask_account("6217000012345678901") == "***************8901"
    with pytest.raises(BadInput) as caught:
        ids.parse_account("6217-ABCD-0000-1234", "--bank-account")
    said = rendered(caught.value)
    assert "--bank-account" in said and "6217" not in said.replace("8 to 32", "")
    assert ids.parse_phone("１３８ ０００ ０００００", "phone") == "13800000000"
    assert ids.parse_phone("0356-1234567", "phone") == "0356-1234567"
    with pytest.raises(BadInput) as caught:
        ids.parse_phone("call me", "--phone")
    assert rendered(caught.value).startswith("--phone: 'call me' is not a phone number")
