"""What a profile file may say, key by key: a mistake is one line (file, key, a valid example) in zh and en."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from offsite_cli.base import resources
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import both
from offsite_cli.policy.profile_model import Entry, Profile, Source
from offsite_cli.policy.values import (
    AdjustmentMode, Care, CategoryClass, DeadlineRole, Event, Insurance, Pending, Reasoning, Route,
    Scope, Stage, Visits, choices,
)

SCHEMA = 1
# Document ids of CONTRACT.md: a profile may add ids, never rename these.
CONTRACT_DOCUMENTS = (
    "card-copy", "id-copy", "filing-form", "discharge-certificate", "diagnosis-certificate",
    "special-outpatient-approval", "expense-list", "receipt", "medical-record", "unit-certificate",
    "referral-certificate", "residence-certificate", "admission-notice", "commitment-letter",
    "hospitalization-statement", "bank-card",
)

# Bounds on what a profile may say (issue 12): a deadline is counted in months or days of a claim's
# life, a size is a sheet of paper at most, a text is a sentence or a paragraph.
MAX_MONTHS = 120
MAX_DAYS = 3660
MAX_MM = 1000
MAX_TEXT = 4000
MAX_EXTENDS = 8  # profiles in one chain: national → province → city is three

RULE_KINDS = ("planning_areas", "outside_scheme", "filing", "settlement", "checklist", "deadlines",
              "warnings", "adjustments", "forms", "reasoning", "applicants", "sizes", "processing")
_TOP_KEYS = {"schema", "id", "title", "description", "extends", "sources", "documents",
             "categories", *RULE_KINDS}
_ENTRY_KEYS = {"id", "since", "source", "ref", "verified", "when", "note"}
_PAYLOAD_KEYS = {
    "planning_areas": {"region", "area"},
    "outside_scheme": {"provinces"},
    "filing": {"required", "deemed"},
    "settlement": {"direct", "reimbursable"},
    "checklist": {"stage", "documents", "optional", "alternatives"},
    "deadlines": {"months", "days", "after", "roll", "at_least", "name", "role", "visits"},
    "warnings": {"text"},
    "adjustments": {"mode", "max_points_lower", "share"},
    "forms": {"forms", "optional", "document", "pending"},
    "reasoning": {"applies"},
    "applicants": {"unit", "adult_age"},
    "sizes": {"width_mm", "height_mm"},
    "processing": {"working_days", "name"},
}
_SELECTORS = {"scope", "route", "insurance", "category", "care", "province", "filing_required",
              "filed", "direct_settlement", "late"}
# late: the claim deadline passed, or filing came after admission or not at all (rules.Lateness)
_BOOL_SELECTORS = {"filing_required", "filed", "direct_settlement", "late"}


# What the loader expects, in Chinese; the English phrase is the key (a prefix ends with a space,
# a colon or "(": the rest of the text follows it unchanged).
_EXPECTED_ZH = {
    "true or false": "true 或 false", "a string": "文本", "a title": "标题",
    "a table": "表", "a table with a title": "含 title 的表", "a table of zh/en texts": "含 zh/en 文本的表",
    "a table of sources": "依据（sources）表", "a table of documents": "材料（documents）表",
    "a table of conditions": "条件表", "a table of categories": "人员类别表",
    "an array of tables": "表数组", "a string or a list of strings": "文本或文本列表",
    "a rule id": "规则编号", "a profile id": "政策配置编号", "a date": "日期",
    "a 6-digit region code": "6 位行政区划代码", "a two-digit province code": "2 位省级代码",
    "a whole number of months": "整数个月", "a whole number of days": "整数天",
    f"a whole number of months, at most {MAX_MONTHS}": f"不超过 {MAX_MONTHS} 的整数个月",
    f"a whole number of days, at most {MAX_DAYS}": f"不超过 {MAX_DAYS} 的整数天",
    f"a length in millimetres above zero, at most {MAX_MM}": f"大于 0、不超过 {MAX_MM} 的毫米数",
    f"a text of at most {MAX_TEXT} characters": f"不超过 {MAX_TEXT} 个字符的文本",
    f"at most {MAX_EXTENDS} profiles in an extends chain": f"extends 链最多 {MAX_EXTENDS} 个配置",
    "percentage points from 0 to 100": "0 到 100 的百分点", "a share from 0 to 1": "0 到 1 之间的比例",
    "names in zh and en": "中英文名称", "a name in zh and en": "中英文名称", "a text in zh and en": "中英文文本",
    "long-term or temporary": "long-term 或 temporary", "filing or claim": "filing 或 claim",
    "ratio or self-pay-first": "ratio 或 self-pay-first",
    "at least one source id": "至少一个依据编号", "a list of document ids": "材料编号列表",
    "a list of two-digit province codes": "2 位省级代码列表",
    "a length in millimetres above zero": "大于 0 的毫米数", "a whole number of years": "整数周岁",
    "a size defined under [[sizes]] (here or in a profile it extends)":
        "[[sizes]] 中定义的尺寸（本文件或其继承的配置中）",
    "a list of form names": "表格名称列表", "an entry naming one form": "只列一种表格的条目",
    "no pending without a document": "未写 document 时不能写 pending", "a table: document id → ids": "表：材料编号 → 编号列表",
    "a document id defined under [documents]": "[documents] 中定义的材料编号",
    "a source defined under [sources] (here or in a profile it extends)":
        "[sources] 中定义的依据（本文件或其继承的配置中）",
    "months or days above zero": "大于 0 的月数或天数",
    "a whole number of working days above zero": "大于 0 的整数个工作日", "a list of date strings": "日期列表",
    'a date, or "unknown" when the source gives none': '日期；依据未注明时写 "unknown"',
}
_EXPECTED_PREFIXES = {
    "one of ": "以下之一：", "schema version ": "schema 版本 ",
    "a profile that does not extend this one back (": "不反向继承本配置的政策配置（",
    "a form with a template in templates/forms/: ": "templates/forms/ 中有模板的表格：",
    "the file name's stem ": "与文件名一致：",
}


def _expected(english: str) -> dict[str, str]:
    if english in _EXPECTED_ZH:
        return both(_EXPECTED_ZH[english], english)
    for prefix, chinese in _EXPECTED_PREFIXES.items():
        if english.startswith(prefix):
            return both(chinese + english[len(prefix):], english)
    return both(english, english)


def fail(path: Path, key: str, value: object, expected: str, example: str) -> BadInput:
    shown = repr(value) if not isinstance(value, str) else f'"{value}"'
    if value is None:
        shown = "—"
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return BadInput("profile_invalid", file=str(path), key=key, value=shown,
                    expected=_expected(expected),
                    example=example.replace("\n", "; "))  # one line on the terminal


def _short(path: Path, key: str, value: str) -> str:
    if len(value) > MAX_TEXT:
        raise fail(path, key, value, f"a text of at most {MAX_TEXT} characters", 'name = "…"')
    return value


def texts(path: Path, key: str, value: object, example: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"zh": _short(path, key, value), "en": value}
    if not isinstance(value, dict) or not value or not all(
        k in ("zh", "en") and isinstance(v, str) for k, v in value.items()
    ):
        raise fail(path, key, value, "a table of zh/en texts", example)
    return {k: _short(path, key, v) for k, v in value.items()}


def _strings(path: Path, key: str, value: object, example: str) -> list[str]:
    if isinstance(value, str):
        return [_short(path, key, value)]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(path, key, value, "a string or a list of strings", example)
    return [_short(path, key, v) for v in value]


def keep_role(versions: list[Entry], replaced: list[Entry]) -> None:
    """A deadline that replaces one of the same id stays what it was (the claim deadline, the
    filing's validity) unless it says another role."""
    roles = [entry.data["role"] for entry in replaced if "role" in entry.data]
    for entry in versions:
        if roles and "role" not in entry.data:
            entry.data["role"] = roles[-1]


def check_sizes(path: Path, documents: dict[str, Any], profile: Profile) -> None:
    """A document's `size` names a [[sizes]] rule (checked once every rule is read)."""
    known = profile.rules.get("sizes", {})
    for document_id, raw in documents.items():
        size = raw.get("size") if isinstance(raw, dict) else None
        if size is not None and size not in known:
            raise fail(path, f"documents.{document_id}.size", size,
                        "a size defined under [[sizes]] (here or in a profile it extends)",
                        'size = "card"')


def check_top(path: Path, data: dict[str, Any], profile_id: str) -> None:
    for key in data:
        if key not in _TOP_KEYS:
            raise fail(path, key, data[key], "one of " + ", ".join(sorted(_TOP_KEYS)),
                        'extends = "cn-national"')
    if data.get("schema") != SCHEMA or type(data.get("schema")) is not int:  # not `true`
        raise fail(path, "schema", data.get("schema"), f"schema version {SCHEMA}", "schema = 1")
    if data.get("id") != profile_id:
        raise fail(path, "id", data.get("id"), f'the file name\'s stem "{profile_id}"',
                    f'id = "{profile_id}"')
    if "title" not in data:
        raise fail(path, "title", None, "a title", 'title = { zh = "…", en = "…" }')
    if "extends" in data and not isinstance(data["extends"], str):
        raise fail(path, "extends", data["extends"], "a profile id", 'extends = "cn-national"')


def merge_sources(path: Path, sources: object, profile: Profile) -> None:
    if not isinstance(sources, dict):
        raise fail(path, "sources", sources, "a table of sources", '[sources.seed-000]')
    for source_id, raw in sources.items():
        key = f"sources.{source_id}"
        example = f'[{key}]\ntitle = "…"\nreference = "seeds/000.txt"\nverified = true'
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
            raise fail(path, key, raw, "a table with a title", example)
        unknown = set(raw) - {"title", "issuer", "reference", "date", "verified"}
        if unknown:
            name = sorted(unknown)[0]
            raise fail(path, f"{key}.{name}", raw[name], "title, issuer, reference, date, verified",
                        example)
        if not isinstance(raw.get("issuer", ""), str):
            raise fail(path, f"{key}.issuer", raw["issuer"], "a string", 'issuer = "国家医疗保障局"')
        when = raw.get("date")
        if when is not None and type(when) is not date:
            raise fail(path, f"{key}.date", when, "a date", "date = 2022-07-26")
        verified = raw.get("verified", True)
        if not isinstance(verified, bool):
            raise fail(path, f"{key}.verified", verified, "true or false", "verified = false")
        profile.sources[source_id] = Source(source_id, raw["title"], str(raw.get("reference", "")),
                                            when, verified, raw.get("issuer", ""))


def merge_documents(path: Path, documents: object, profile: Profile) -> None:
    if not isinstance(documents, dict):
        raise fail(path, "documents", documents, "a table of documents", "[documents.receipt]")
    for document_id, raw in documents.items():
        key = f"documents.{document_id}"
        example = f'[{key}]\nzh = "…"\nen = "…"\nwords_zh = ["…"]\nwords_en = ["…"]'
        if not isinstance(raw, dict):
            raise fail(path, key, raw, "a table", example)
        unknown = set(raw) - {"zh", "en", "words_zh", "words_en", "size", "family_zh", "family_en"}
        if unknown:
            name = sorted(unknown)[0]
            raise fail(path, f"{key}.{name}", raw[name],
                        "zh, en, words_zh, words_en, size, family_zh, family_en", example)
        merged = profile.documents.setdefault(document_id, {})
        if "size" in raw:  # a physical object of a known size: a [[sizes]] id (see _check_sizes)
            if not isinstance(raw["size"], str):
                raise fail(path, f"{key}.size", raw["size"], "a string", 'size = "card"')
            merged["size"] = raw["size"]
        for text_key in ("zh", "en", "family_zh", "family_en"):  # family_*: the family sheet's words
            if text_key in raw:
                if not isinstance(raw[text_key], str):
                    raise fail(path, f"{key}.{text_key}", raw[text_key], "a string", example)
                merged[text_key] = raw[text_key]
        for words_key in ("words_zh", "words_en"):
            if words_key in raw:
                merged[words_key] = _strings(path, f"{key}.{words_key}", raw[words_key], example)
        if "zh" not in merged or "en" not in merged:
            raise fail(path, key, raw, "names in zh and en", example)


def merge_categories(path: Path, categories: object, profile: Profile) -> None:
    if not isinstance(categories, dict):
        raise fail(path, "categories", categories, "a table of categories",
                    "[categories.referral]")
    for category_id, raw in categories.items():
        key = f"categories.{category_id}"
        example = f'[{key}]\nclass = "temporary"\nzh = "…"\nen = "…"'
        if not isinstance(raw, dict) or raw.get("class") not in choices(CategoryClass):
            value = raw.get("class") if isinstance(raw, dict) else raw
            raise fail(path, f"{key}.class", value, "long-term or temporary", example)
        for text_key in ("zh", "en"):
            if not isinstance(raw.get(text_key), str):
                raise fail(path, f"{key}.{text_key}", raw.get(text_key), "a string", example)
        unknown = set(raw) - {"class", "zh", "en", "retiree"}
        if unknown:
            name = sorted(unknown)[0]
            raise fail(path, f"{key}.{name}", raw[name], "class, zh, en, retiree", example)
        if not isinstance(raw.get("retiree", False), bool):  # what the unit certificate says
            raise fail(path, f"{key}.retiree", raw["retiree"], "true or false", "retiree = true")
        profile.categories[category_id] = dict(raw)


def read_entry(path: Path, kind: str, index: int, raw: dict[str, Any], profile: Profile) -> Entry:
    where = f"{kind}[{index}]"
    example_id = f'[[{kind}]]\nid = "my-rule"\nsince = 2024-01-01\nsource = "seed-000"'
    allowed = _ENTRY_KEYS | _PAYLOAD_KEYS[kind]
    for key in raw:
        if key not in allowed:
            raise fail(path, f"{where}.{key}", raw[key], "one of " + ", ".join(sorted(allowed)),
                        example_id)
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise fail(path, f"{where}.id", rule_id, "a rule id", example_id)
    where = f"{kind}[{index}] (id {rule_id})"
    since = raw.get("since")
    if since == "unknown":
        since = None
    elif type(since) is not date:
        raise fail(path, f"{where}.since", since, 'a date, or "unknown" when the source gives none',
                    "since = 2022-07-26")
    source_ids = _strings(path, f"{where}.source", raw.get("source"), 'source = "seed-000"')
    if not source_ids:
        raise fail(path, f"{where}.source", [], "at least one source id", 'source = "seed-000"')
    for source_id in source_ids:
        if source_id not in profile.sources:
            raise fail(path, f"{where}.source", source_id,
                        "a source defined under [sources] (here or in a profile it extends)",
                        'source = "seed-000"')
    verified = raw.get("verified")
    if verified is None:
        verified = all(profile.sources[s].verified for s in source_ids)
    elif not isinstance(verified, bool):
        raise fail(path, f"{where}.verified", verified, "true or false", "verified = false")
    note = texts(path, f"{where}.note", raw["note"], 'note = { zh = "…", en = "…" }') \
        if "note" in raw else {}
    when = _when(path, where, raw.get("when", {}), profile)
    data = {key: value for key, value in raw.items() if key in _PAYLOAD_KEYS[kind]}
    _check_payload(path, where, kind, data, profile, rule_id)
    return Entry(kind=kind, id=rule_id, since=since, sources=tuple(source_ids),
                 ref=str(raw.get("ref", "")), verified=verified, when=when, data=data, note=note,
                 profile=profile.id)


def _when(path: Path, where: str, raw: object, profile: Profile) -> dict[str, tuple[Any, ...]]:
    if not isinstance(raw, dict):
        raise fail(path, f"{where}.when", raw, "a table of conditions", 'when = { care = "inpatient" }')
    allowed: dict[str, tuple[str, ...]] = {
        "scope": choices(Scope), "route": choices(Route), "insurance": choices(Insurance),
        "care": choices(Care),
        "category": tuple(profile.categories),
    }
    when: dict[str, tuple[Any, ...]] = {}
    for key, value in raw.items():
        full_key = f"{where}.when.{key}"
        if key not in _SELECTORS:
            raise fail(path, full_key, value, "one of " + ", ".join(sorted(_SELECTORS)),
                        'when = { care = "inpatient" }')
        if key in _BOOL_SELECTORS:
            if not isinstance(value, bool):
                raise fail(path, full_key, value, "true or false", f"when = {{ {key} = true }}")
            when[key] = (value,)
            continue
        values = _strings(path, full_key, value, f'when = {{ {key} = ["…"] }}')
        for item in values:
            if key == "province":
                ok = len(item) == 2 and item.isdigit()
                expected = "a two-digit province code"
            else:
                ok = item in allowed[key]
                expected = "one of " + ", ".join(allowed[key])
            if not ok:
                example = f'when = {{ {key} = "{allowed[key][0] if key in allowed and allowed[key] else "36"}" }}'
                raise fail(path, full_key, item, expected, example)
        when[key] = tuple(values)
    return when


def _check_document_ids(path: Path, key: str, ids: object, profile: Profile) -> list[str]:
    values = _strings(path, key, ids, '["receipt", "expense-list"]')
    for document_id in values:
        if document_id not in profile.documents:
            raise fail(path, key, document_id, "a document id defined under [documents]",
                        '["receipt"]')
    return values


def _check_payload(path: Path, where: str, kind: str, data: dict[str, Any], profile: Profile,
                   rule_id: str) -> None:
    def need(key: str, check: bool, expected: str, example: str) -> None:
        if not check:
            raise fail(path, f"{where}.{key}", data.get(key), expected, example)

    if kind == "planning_areas":
        for key in ("region", "area"):
            value = data.get(key)
            need(key, isinstance(value, str) and len(value) == 6 and value.isdigit(),
                 "a 6-digit region code", f'{key} = "469001"')
    elif kind == "outside_scheme":
        provinces = data.get("provinces")
        need("provinces", isinstance(provinces, list) and all(
            isinstance(code, str) and len(code) == 2 and code.isdigit() for code in provinces),
             "a list of two-digit province codes", 'provinces = ["71", "81", "82"]')
    elif kind == "reasoning":
        if rule_id not in choices(Reasoning):  # a step the code knows how to take
            raise fail(path, f"{where}.id", rule_id, "one of " + ", ".join(choices(Reasoning)),
                        'id = "assumed-manual"')
        need("applies", isinstance(data.get("applies", True), bool), "true or false",
             "applies = false")
    elif kind == "applicants":
        need("unit", isinstance(data.get("unit"), bool), "true or false", "unit = false")
        age = data.get("adult_age")
        need("adult_age", isinstance(age, int) and not isinstance(age, bool) and 0 < age < 150,
             "a whole number of years", "adult_age = 18")
    elif kind == "sizes":
        for key in ("width_mm", "height_mm"):
            value = data.get(key)
            need(key, isinstance(value, int | float) and not isinstance(value, bool)
                 and 0 < value <= MAX_MM, f"a length in millimetres above zero, at most {MAX_MM}",
                 f"{key} = 85.60")
    elif kind == "filing":
        need("required", isinstance(data.get("required"), bool), "true or false", "required = true")
        need("deemed", isinstance(data.get("deemed", False), bool), "true or false", "deemed = true")
    elif kind == "settlement":
        for key in ("direct", "reimbursable"):
            need(key, isinstance(data.get(key, True), bool), "true or false", f"{key} = false")
    elif kind == "checklist":
        need("stage", data.get("stage") in choices(Stage), "filing or claim", 'stage = "claim"')
        need("documents", "documents" in data or "optional" in data, "a list of document ids",
             'documents = ["receipt"]')
        for key in ("documents", "optional"):
            if key in data:
                data[key] = _check_document_ids(path, f"{where}.{key}", data[key], profile)
        alternatives = data.get("alternatives", {})
        need("alternatives", isinstance(alternatives, dict), "a table: document id → ids",
             'alternatives = { residence-certificate = ["commitment-letter"] }')
        for primary, others in alternatives.items():
            _check_document_ids(path, f"{where}.alternatives", [primary], profile)
            alternatives[primary] = _check_document_ids(path, f"{where}.alternatives.{primary}",
                                                         others, profile)
    elif kind == "deadlines":
        months, days = data.get("months", 0), data.get("days", 0)
        need("months", isinstance(months, int) and not isinstance(months, bool)
             and 0 <= months <= MAX_MONTHS, f"a whole number of months, at most {MAX_MONTHS}",
             "months = 1")
        need("days", isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= MAX_DAYS,
             f"a whole number of days, at most {MAX_DAYS}", "days = 30")
        need("months", months or days, "months or days above zero", "months = 1")
        need("after", data.get("after") in choices(Event), "one of " + ", ".join(choices(Event)),
             'after = "discharged"')
        need("roll", isinstance(data.get("roll", True), bool), "true or false", "roll = true")
        need("at_least", isinstance(data.get("at_least", False), bool), "true or false",
             "at_least = true")
        need("role", data.get("role", DeadlineRole.CLAIM) in choices(DeadlineRole),
             "one of " + ", ".join(choices(DeadlineRole)), 'role = "claim"')
        need("visits", data.get("visits", Visits.EACH) in choices(Visits),
             "one of " + ", ".join(choices(Visits)), 'visits = "each"')
        need("name", "name" in data, "a name in zh and en", 'name = { zh = "…", en = "…" }')
        data["name"] = texts(path, f"{where}.name", data["name"], 'name = { zh = "…", en = "…" }')
    elif kind == "processing":  # how long a submitted claim takes to be paid
        working_days = data.get("working_days")
        need("working_days", isinstance(working_days, int) and not isinstance(working_days, bool)
             and working_days > 0, "a whole number of working days above zero", "working_days = 30")
        need("name", "name" in data, "a name in zh and en", 'name = { zh = "…", en = "…" }')
        data["name"] = texts(path, f"{where}.name", data["name"], 'name = { zh = "…", en = "…" }')
    elif kind == "warnings":
        need("text", "text" in data, "a text in zh and en", 'text = { zh = "…", en = "…" }')
        data["text"] = texts(path, f"{where}.text", data["text"], 'text = { zh = "…", en = "…" }')
    elif kind == "adjustments":
        need("mode", data.get("mode") in choices(AdjustmentMode), "ratio or self-pay-first",
             'mode = "ratio"')
        if data["mode"] == "ratio":
            value = data.get("max_points_lower")
            need("max_points_lower", isinstance(value, int) and 0 <= value <= 100,
                 "percentage points from 0 to 100", "max_points_lower = 10")
        else:
            value = data.get("share")
            need("share", isinstance(value, float | int) and 0 <= value <= 1,
                 "a share from 0 to 1", "share = 0.1")
    elif kind == "forms":
        need("forms", "forms" in data or "optional" in data, "a list of form names",
             'forms = ["filing-form"]')
        known = resources.form_templates()
        for key in ("forms", "optional"):
            if key in data:
                data[key] = _strings(path, f"{where}.{key}", data[key], 'forms = ["filing-form"]')
                for name in data[key]:
                    if name not in known:
                        raise fail(path, f"{where}.{key}", name,
                                    "a form with a template in templates/forms/: " + ", ".join(known),
                                    'forms = ["filing-form"]')
        if "document" in data:
            # the checklist document the filled form stands for: one form per entry
            named = data.get("forms", []) + data.get("optional", [])
            need("document", isinstance(data["document"], str), "a string",
                 'document = "unit-certificate"')
            need("document", len(named) == 1, "an entry naming one form",
                 'forms = ["unit-certificate"]')
            _check_document_ids(path, f"{where}.document", [data["document"]], profile)
            need("pending", data.get("pending", "signature") in choices(Pending),
                 "one of " + ", ".join(choices(Pending)), 'pending = "seal"')
        else:
            need("pending", "pending" not in data, "no pending without a document",
                 'document = "unit-certificate"')
