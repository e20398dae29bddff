"""Choices as people say them: an id (`resident`), a label in either language (`城乡居民医保`,
`Residents' insurance`), or a short form (`居民`, `门特`) → the id.

Options, answers to questions and case.toml all come here, so that what one accepts the others
do. A category's words come from the profile's names (异地转诊人员 → 异地转诊, 转诊人员, 转诊); a
short form that would fit two choices is not taken.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import label
from offsite_cli.policy.values import Care, Insurance, choices

# What people also call the schemes and the kinds of care (besides the ids and the labels).
SHORT_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "insurance": {
        Insurance.EMPLOYEE: ("职工", "城镇职工", "职工医保", "职工基本医疗保险", "城镇职工医保",
                             "employee insurance", "employees"),
        Insurance.RESIDENT: ("居民", "城乡居民", "居民医保", "城乡居民基本医疗保险", "城镇居民",
                             "新农合", "residents", "resident insurance"),
    },
    "care": {
        Care.INPATIENT: ("住院治疗", "住院医疗"),
        Care.SPECIAL_OUTPATIENT: ("门特", "门诊慢特病", "慢特病", "门诊特殊病", "门慢", "门诊慢性病",
                                  "special outpatient", "chronic outpatient"),
        Care.EMERGENCY_OBSERVATION: ("留观", "急诊", "急诊观察", "emergency"),
        Care.OUTPATIENT: ("门诊", "普通门诊", "general outpatient"),
        Care.PHARMACY: ("药店", "购药", "药店购药", "定点药店"),
    },
}
_AFFIXES = (("异地", ""), ("", "人员"), ("", "就医"), ("", "医保"), ("城乡", ""))


def key_of(text: str) -> str:
    """What two spellings of one word have in common: full-width folded, case and spaces gone."""
    value = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s_]+", "", value.replace("’", "'"))


def derived(name: str) -> set[str]:
    """A Chinese label and its common shortenings: without a trailing （…）, 人员 or 就医, without
    a leading 异地 or 城乡; the part in brackets too when it is one word (门诊慢特病（门特）)."""
    forms = {name}
    bracket = re.fullmatch(r"(.+?)[（(]([^（）()]+)[）)]", name)
    if bracket:
        forms.add(bracket.group(1))
        if not re.search(r"[、,，]", bracket.group(2)):
            forms.add(bracket.group(2))
    for _ in range(3):
        for form in list(forms):
            for prefix, suffix in _AFFIXES:
                if prefix and form.startswith(prefix) and len(form) > len(prefix) + 1:
                    forms.add(form[len(prefix):])
                if suffix and form.endswith(suffix) and len(form) > len(suffix) + 1:
                    forms.add(form[: -len(suffix)])
    return forms


def options(kind: str, profile: Any = None) -> dict[str, set[str]]:
    """Each choice id of a kind (`insurance`, `care`, `category`) → the words that name it."""
    if kind == "category":
        ids = list(profile.categories)
        names = {choice: {profile.category_name(choice, "zh"), profile.category_name(choice, "en")}
                 for choice in ids}
    else:
        ids = list(choices(Insurance if kind == "insurance" else Care))
        names = {choice: {label(kind, choice, "zh"), label(kind, choice, "en")} for choice in ids}
    words: dict[str, set[str]] = {}
    for choice in ids:
        found = {choice}
        for name in names[choice]:
            found |= derived(name)
        found |= set(SHORT_FORMS.get(kind, {}).get(choice, ()))
        words[choice] = {key_of(word) for word in found}
    return words


def lookup(kind: str, value: str, profile: Any = None) -> str | None:
    """The id a word names, or None (unknown, or a short form of two choices)."""
    wanted = key_of(value)
    words = options(kind, profile)
    exact = [choice for choice in words if key_of(choice) == wanted]
    if exact:
        return exact[0]
    found = [choice for choice, names in words.items() if wanted in names]
    return found[0] if len(found) == 1 else None


def resolve(kind: str, value: str, field_name: str, profile: Any = None) -> str:
    """The id, or bad input naming the field (the option as typed), the value and the choices."""
    found = lookup(kind, value, profile)
    if found is None:
        raise BadInput("choice", field=field_name, value=str(value).strip()[:40],
                       expected=expected(kind, profile))
    return found


def expected(kind: str, profile: Any = None) -> dict[str, str]:
    """The choices, each id with its Chinese label: employee（职工医保） | resident（城乡居民医保）."""
    ids = list(profile.categories) if kind == "category" else \
        list(choices(Insurance if kind == "insurance" else Care))

    def name(choice: str, lang: str) -> str:
        return profile.category_name(choice, lang) if kind == "category" else label(kind, choice, lang)

    return {"zh": " | ".join(f"{choice}（{name(choice, 'zh')}）" for choice in ids),
            "en": " | ".join(ids)}
