"""Resident identity numbers: check character (ISO 7064 MOD 11-2), birth date, region, masking."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from offsite_cli.base.errors import BadInput

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"\d{17}[\dX]")


def check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS))
    return _CHECK[total % 11]


@dataclass(frozen=True)
class IdNumber:
    value: str
    birth_date: date
    region_code: str
    region_known: bool  # False: a province prefix we know but a county code not in the list

    @property
    def masked(self) -> str:
        return mask(self.value)

    @property
    def sex(self) -> str:
        return "male" if int(self.value[16]) % 2 else "female"

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


_PHONE = re.compile(r"\+?\d[\d-]{5,18}\d")
_ACCOUNT = re.compile(r"\d{8,32}")


def parse_phone(text: str, field_name: str) -> str:
    """A phone number as typed (13800000000, 0356-1234567, +86 138…), full-width digits and
    spaces allowed; bad input naming the field otherwise."""
    import unicodedata

    value = re.sub(r"[\s()（）]+", "", unicodedata.normalize("NFKC", str(text)))
    if not _PHONE.fullmatch(value):
        raise BadInput("phone_shape", field=field_name, value=str(text).strip()[:30])
    return value


def parse_account(text: str, field_name: str) -> str:
    """A bank account number: 8 to 32 digits once spaces are taken out (a card's 16–19 digits,
    a unit's longer account); bad input naming the field, the value masked."""
    value = normalise(text)
    if not _ACCOUNT.fullmatch(value):
        raise BadInput("account_shape", field=field_name, value=mask_account(value),
                       length=len(value))
    return value


def mask_account(value: str) -> str:
    """6217************1234 → only the last four stay: a bank account is personal data."""
    value = str(value)
    return "*" * max(0, len(value) - 4) + value[-4:] if len(value) > 4 else "*" * len(value)


def mask(value: str) -> str:
    """110105********002X: region and the last four stay, the birth date goes."""
    if len(value) != 18:
        return "*" * len(value)
    return value[:6] + "*" * 8 + value[14:]


def normalise(text: str) -> str:
    """A number as typed with a Chinese input method: full-width digits and letters made plain,
    spaces, hyphens and dots between the groups taken out, upper case (ｘ → X)."""
    import unicodedata

    value = unicodedata.normalize("NFKC", str(text)).upper()
    return re.sub(r"[\s\-.·]+", "", value)


def parse(text: str, field_name: str = "id_number", today: date | None = None) -> IdNumber:
    """Validate an 18-character number; every failure is bad input naming the field (value masked)."""
    value = normalise(text)
    shown = mask(value)
    if not _SHAPE.fullmatch(value):
        raise BadInput("id_shape", field=field_name, value=shown, length=len(value))
    expected = check_character(value[:17])
    if value[17] != expected:
        raise BadInput("id_check", field=field_name, value=shown, got=value[17])
    try:
        birth = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise BadInput("id_birth", field=field_name,  # never the number with its birth date
                       birth=f"{value[6:10]}-{value[10:12]}-{value[12:14]}") from None
    if birth.year < 1880 or (today is not None and birth > today):
        raise BadInput("id_birth_range", field=field_name, birth=birth.isoformat())
    from offsite_cli.policy import regions

    table = regions.table()
    region_code = value[:6]
    known = table.get(region_code) is not None
    if not known and table.get(region_code[:2] + "0000") is None:
        raise BadInput("id_region", field=field_name, value=shown, code=region_code)
    return IdNumber(value=value, birth_date=birth, region_code=region_code, region_known=known)
