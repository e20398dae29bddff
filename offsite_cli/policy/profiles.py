"""Policy profiles: dated, sourced rules in TOML; loading, validation, `extends`, and lookup by date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from offsite_cli.base import resources
from offsite_cli.base.errors import BadInput, WorkFailed, toml_reason
from offsite_cli.base.i18n import both
from offsite_cli.policy.values import (
    AdjustmentMode, Care, CategoryClass, DeadlineRole, Event, Insurance, Pending, Reasoning, Route,
    Scope, Stage, choices,
)

SCHEMA = 1
DEFAULT_PROFILE = "cn-national"

# Document ids of CONTRACT.md: a profile may add ids, never rename these.
CONTRACT_DOCUMENTS = (
    "card-copy", "id-copy", "filing-form", "discharge-certificate", "diagnosis-certificate",
    "special-outpatient-approval", "expense-list", "receipt", "medical-record", "unit-certificate",
    "referral-certificate", "residence-certificate", "admission-notice", "commitment-letter",
    "hospitalization-statement", "bank-card",
)

RULE_KINDS = ("planning_areas", "outside_scheme", "filing", "settlement", "checklist", "deadlines",
              "warnings", "adjustments", "forms", "reasoning", "applicants", "sizes")
_TOP_KEYS = {"schema", "id", "title", "description", "extends", "sources", "documents",
             "categories", *RULE_KINDS}
_ENTRY_KEYS = {"id", "since", "source", "ref", "verified", "when", "note"}
_PAYLOAD_KEYS = {
    "planning_areas": {"region", "area"},
    "outside_scheme": {"provinces"},
    "filing": {"required", "deemed"},
    "settlement": {"direct", "reimbursable"},
    "checklist": {"stage", "documents", "optional", "alternatives"},
    "deadlines": {"months", "days", "after", "roll", "at_least", "name", "role"},
    "warnings": {"text"},
    "adjustments": {"mode", "max_points_lower", "share"},
    "forms": {"forms", "optional", "document", "pending"},
    "reasoning": {"applies"},
    "applicants": {"unit", "adult_age"},
    "sizes": {"width_mm", "height_mm"},
}
_SELECTORS = {"scope", "route", "insurance", "category", "care", "province", "filing_required",
              "filed", "direct_settlement"}
_BOOL_SELECTORS = {"filing_required", "filed", "direct_settlement"}


class Source(NamedTuple):
    id: str
    title: str
    reference: str  # a seed file, a notice number, a URL-less citation
    date: date | None
    verified: bool


class Entry(NamedTuple):
    """One version of one rule: selectors (`when`), payload, and where it comes from."""

    kind: str
    id: str
    since: date | None  # None: the source gives no date ("unknown")
    sources: tuple[str, ...]
    ref: str
    verified: bool
    when: dict[str, tuple[Any, ...]]
    data: dict[str, Any]
    note: dict[str, str]
    profile: str  # the profile file that defined it

    def matches(self, facts: dict[str, Any]) -> bool:
        for key, allowed in self.when.items():
            if key not in facts or facts[key] is None or facts[key] not in allowed:
                return False
        return True

    @property
    def specificity(self) -> int:
        return len(self.when)


@dataclass
class Profile:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    path: Path
    origin: str  # "shipped" or "user"
    chain: list[str]  # this profile and its ancestors, nearest first
    sources: dict[str, Source] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)

    def effective(self, kind: str, on: date) -> list[Entry]:
        """For each rule id of a kind, the version in force on a date (newest `since` not after it)."""
        chosen = []
        for versions in self.rules.get(kind, {}).values():
            in_force = [v for v in versions if v.since is None or v.since <= on]
            if in_force:
                chosen.append(max(in_force, key=lambda v: v.since or date.min))
        return chosen

    def matching(self, kind: str, facts: dict[str, Any], on: date) -> list[Entry]:
        return [entry for entry in self.effective(kind, on) if entry.matches(facts)]

    def pick(self, kind: str, facts: dict[str, Any], on: date) -> Entry | None:
        """The most specific matching rule; on a tie, the one defined last (a child's over a parent's)."""
        found = self.matching(kind, facts, on)
        if not found:
            return None
        return max(enumerate(found), key=lambda pair: (pair[1].specificity, pair[0]))[1]

    def source_text(self, entry: Entry) -> str:
        cited = []
        for source_id in entry.sources:
            source = self.sources[source_id]
            cited.append(f"{source.title} ({source.reference})" if source.reference else source.title)
        text = f"{entry.profile} {entry.kind}/{entry.id}: " + "; ".join(cited)
        if entry.ref:
            text += f", {entry.ref}"
        return text

    def document_name(self, document_id: str, lang: str) -> str:
        document = self.documents.get(document_id, {})
        return str(document.get(lang) or document.get("zh") or document_id)

    def category_name(self, category_id: str, lang: str) -> str:
        category = self.categories.get(category_id, {})
        return str(category.get(lang) or category.get("zh") or category_id)

    def is_retiree(self, category_id: str) -> bool:
        """Whether people of a category are retirees (the unit certificate says so)."""
        return bool(self.categories.get(category_id, {}).get("retiree", False))

    def size_rule(self, document_id: str, on: date | None = None) -> Entry | None:
        """The [[sizes]] rule a document's `size` names, in force on a date (default: the newest)."""
        size_id = self.documents.get(document_id, {}).get("size")
        if size_id is None:
            return None
        return next((e for e in self.effective("sizes", on or date.max) if e.id == size_id), None)

    def physical_size(self, document_id: str, on: date | None = None) -> tuple[float, float] | None:
        """(width, height) in millimetres of a document that is a physical object of a known
        size (a card: ISO/IEC 7810 ID-1), else None: it is judged as a page."""
        rule = self.size_rule(document_id, on)
        if rule is None:
            return None
        return float(rule.data["width_mm"]), float(rule.data["height_mm"])

    def outside_scheme(self, on: date) -> frozenset[str]:
        """The two-digit province codes outside the off-site scheme on a date."""
        return frozenset(code for entry in self.effective("outside_scheme", on)
                         for code in entry.data["provinces"])

    def reasoning(self, step: str, facts: dict[str, Any], on: date) -> Entry | None:
        """The [[reasoning]] entry that switches a step of the code's reasoning on for these
        facts, or None (no entry, or `applies = false`)."""
        for entry in self.matching("reasoning", facts, on):
            if entry.id == step:
                return entry if entry.data.get("applies", True) else None
        return None


# ---------------------------------------------------------------------------- loading


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
    "months or days above zero": "大于 0 的月数或天数", "a list of date strings": "日期列表",
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


def _fail(path: Path, key: str, value: object, expected: str, example: str) -> BadInput:
    shown = repr(value) if not isinstance(value, str) else f'"{value}"'
    if value is None:
        shown = "—"
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return BadInput("profile_invalid", file=str(path), key=key, value=shown,
                    expected=_expected(expected),
                    example=example.replace("\n", "; "))  # one line on the terminal


def _texts(path: Path, key: str, value: object, example: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"zh": value, "en": value}
    if not isinstance(value, dict) or not value or not all(
        k in ("zh", "en") and isinstance(v, str) for k, v in value.items()
    ):
        raise _fail(path, key, value, "a table of zh/en texts", example)
    return dict(value)


def _strings(path: Path, key: str, value: object, example: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, key, value, "a string or a list of strings", example)
    return list(value)


def find_profile_file(profile_id: str) -> tuple[Path, str]:
    """The user's profile of that id first, then the shipped one."""
    for folder, origin in ((resources.user_profiles_dir(), "user"),
                           (resources.shipped_profiles_dir(), "shipped")):
        path = folder / f"{profile_id}.toml"
        if path.is_file():
            return path, origin
    known = ", ".join(sorted(available()))
    raise BadInput("profile_unknown", field="profile", value=profile_id, known=known)


def available() -> dict[str, tuple[Path, str]]:
    found: dict[str, tuple[Path, str]] = {}
    for folder, origin in ((resources.shipped_profiles_dir(), "shipped"),
                           (resources.user_profiles_dir(), "user")):
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                found[path.stem] = (path, origin)
    return found


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only when the cached profile is stale

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise BadInput("profile_syntax", file=str(path), reason=toml_reason(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput("profile_unreadable", file=str(path), reason=str(error)) from None


def load(profile_id: str = DEFAULT_PROFILE) -> Profile:
    """The profile with its ancestors merged; a checked copy is cached until any file changes."""
    cached = _cache_get(profile_id)
    if cached is not None:
        return cached
    profile = _load(profile_id, [])
    _cache_put(profile)
    return profile


def _fingerprint(paths: list[Path]) -> tuple[object, ...]:
    parts: list[object] = [SCHEMA, Path(__file__).stat().st_mtime_ns]
    # [[forms]] entries are checked against the templates there are: adding or removing one
    # (a folder's mtime changes) must rebuild the cache too.
    for folder in (resources.shipped_templates_dir(), resources.user_templates_dir()):
        for sub in (folder, folder / "forms"):
            parts.append(sub.stat().st_mtime_ns if sub.is_dir() else None)
    for path in paths:
        stat = path.stat()
        parts += [str(path), stat.st_mtime_ns, stat.st_size]
    return tuple(parts)


def _cache_file(profile_id: str) -> Path:
    return resources.cache_dir() / "profiles" / f"{profile_id}.pickle"


def _cache_get(profile_id: str) -> Profile | None:
    """The cached profile if every file of its chain is unchanged (and still the one chosen)."""
    import pickle

    try:
        with _cache_file(profile_id).open("rb") as handle:
            fingerprint, profile = pickle.load(handle)
        paths = [find_profile_file(link)[0] for link in profile.chain]
        if fingerprint == _fingerprint(paths) and isinstance(profile, Profile):
            return profile
    except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt
        return None
    return None


def _cache_put(profile: Profile) -> None:
    import pickle

    from offsite_cli.base import atomic

    try:
        paths = [find_profile_file(link)[0] for link in profile.chain]
        data = pickle.dumps((_fingerprint(paths), profile))
        atomic.write_bytes(_cache_file(profile.id), data)
    except (OSError, WorkFailed):
        pass  # no cache: the next run parses again


def _load(profile_id: str, seen: list[str]) -> Profile:
    if profile_id in seen:
        raise BadInput("profile_cycle", field="extends", value=" → ".join([*seen, profile_id]))
    path, origin = find_profile_file(profile_id)
    data = _read(path)
    _check_top(path, data, profile_id)
    parent_id = data.get("extends")
    if parent_id:
        if parent_id in [*seen, profile_id]:
            raise _fail(path, "extends", parent_id,
                        "a profile that does not extend this one back (" +
                        " → ".join([*seen, profile_id, parent_id]) + ")", 'extends = "cn-national"')
        if parent_id not in available():
            raise _fail(path, "extends", parent_id,
                        "one of " + ", ".join(sorted(available())), 'extends = "cn-national"')
        base = _load(parent_id, [*seen, profile_id])
        profile = Profile(
            id=profile_id, title={}, description={}, path=path, origin=origin,
            chain=[profile_id, *base.chain], sources=dict(base.sources),
            documents={k: dict(v) for k, v in base.documents.items()},
            categories={k: dict(v) for k, v in base.categories.items()},
            rules={kind: dict(entries) for kind, entries in base.rules.items()},
        )
    else:
        profile = Profile(id=profile_id, title={}, description={}, path=path, origin=origin,
                          chain=[profile_id])
    profile.title = _texts(path, "title", data["title"], 'title = { zh = "…", en = "…" }')
    if "description" in data:
        profile.description = _texts(path, "description", data["description"],
                                     'description = { zh = "…", en = "…" }')
    _merge_sources(path, data.get("sources", {}), profile)
    _merge_documents(path, data.get("documents", {}), profile)
    _merge_categories(path, data.get("categories", {}), profile)
    for kind in RULE_KINDS:
        entries = data.get(kind, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise _fail(path, kind, entries, "an array of tables", f"[[{kind}]]")
        replaced: dict[str, list[Entry]] = {}
        for index, raw in enumerate(entries):
            entry = _entry(path, kind, index, raw, profile)
            replaced.setdefault(entry.id, []).append(entry)
        kind_rules = profile.rules.setdefault(kind, {})
        for rule_id, versions in replaced.items():
            if kind == "deadlines":
                _keep_role(versions, kind_rules.get(rule_id, []))
            kind_rules.pop(rule_id, None)  # a child's rule replaces all of the parent's versions
            kind_rules[rule_id] = versions
    _check_sizes(path, data.get("documents", {}), profile)
    return profile


def _keep_role(versions: list[Entry], replaced: list[Entry]) -> None:
    """A deadline that replaces one of the same id stays what it was (the claim deadline, the
    filing's validity) unless it says another role."""
    roles = [entry.data["role"] for entry in replaced if "role" in entry.data]
    for entry in versions:
        if roles and "role" not in entry.data:
            entry.data["role"] = roles[-1]


def _check_sizes(path: Path, documents: dict[str, Any], profile: Profile) -> None:
    """A document's `size` names a [[sizes]] rule (checked once every rule is read)."""
    known = profile.rules.get("sizes", {})
    for document_id, raw in documents.items():
        size = raw.get("size") if isinstance(raw, dict) else None
        if size is not None and size not in known:
            raise _fail(path, f"documents.{document_id}.size", size,
                        "a size defined under [[sizes]] (here or in a profile it extends)",
                        'size = "card"')


def _check_top(path: Path, data: dict[str, Any], profile_id: str) -> None:
    for key in data:
        if key not in _TOP_KEYS:
            raise _fail(path, key, data[key], "one of " + ", ".join(sorted(_TOP_KEYS)),
                        'extends = "cn-national"')
    if data.get("schema") != SCHEMA:
        raise _fail(path, "schema", data.get("schema"), f"schema version {SCHEMA}", "schema = 1")
    if data.get("id") != profile_id:
        raise _fail(path, "id", data.get("id"), f'the file name\'s stem "{profile_id}"',
                    f'id = "{profile_id}"')
    if "title" not in data:
        raise _fail(path, "title", None, "a title", 'title = { zh = "…", en = "…" }')
    if "extends" in data and not isinstance(data["extends"], str):
        raise _fail(path, "extends", data["extends"], "a profile id", 'extends = "cn-national"')


def _merge_sources(path: Path, sources: object, profile: Profile) -> None:
    if not isinstance(sources, dict):
        raise _fail(path, "sources", sources, "a table of sources", '[sources.seed-000]')
    for source_id, raw in sources.items():
        key = f"sources.{source_id}"
        example = f'[{key}]\ntitle = "…"\nreference = "seeds/000.txt"\nverified = true'
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
            raise _fail(path, key, raw, "a table with a title", example)
        unknown = set(raw) - {"title", "reference", "date", "verified"}
        if unknown:
            name = sorted(unknown)[0]
            raise _fail(path, f"{key}.{name}", raw[name], "title, reference, date, verified",
                        example)
        when = raw.get("date")
        if when is not None and type(when) is not date:
            raise _fail(path, f"{key}.date", when, "a date", "date = 2022-07-26")
        verified = raw.get("verified", True)
        if not isinstance(verified, bool):
            raise _fail(path, f"{key}.verified", verified, "true or false", "verified = false")
        profile.sources[source_id] = Source(source_id, raw["title"], str(raw.get("reference", "")),
                                            when, verified)


def _merge_documents(path: Path, documents: object, profile: Profile) -> None:
    if not isinstance(documents, dict):
        raise _fail(path, "documents", documents, "a table of documents", "[documents.receipt]")
    for document_id, raw in documents.items():
        key = f"documents.{document_id}"
        example = f'[{key}]\nzh = "…"\nen = "…"\nwords_zh = ["…"]\nwords_en = ["…"]'
        if not isinstance(raw, dict):
            raise _fail(path, key, raw, "a table", example)
        unknown = set(raw) - {"zh", "en", "words_zh", "words_en", "size"}
        if unknown:
            name = sorted(unknown)[0]
            raise _fail(path, f"{key}.{name}", raw[name], "zh, en, words_zh, words_en, size",
                        example)
        merged = profile.documents.setdefault(document_id, {})
        if "size" in raw:  # a physical object of a known size: a [[sizes]] id (see _check_sizes)
            if not isinstance(raw["size"], str):
                raise _fail(path, f"{key}.size", raw["size"], "a string", 'size = "card"')
            merged["size"] = raw["size"]
        for text_key in ("zh", "en"):
            if text_key in raw:
                if not isinstance(raw[text_key], str):
                    raise _fail(path, f"{key}.{text_key}", raw[text_key], "a string", example)
                merged[text_key] = raw[text_key]
        for words_key in ("words_zh", "words_en"):
            if words_key in raw:
                merged[words_key] = _strings(path, f"{key}.{words_key}", raw[words_key], example)
        if "zh" not in merged or "en" not in merged:
            raise _fail(path, key, raw, "names in zh and en", example)


def _merge_categories(path: Path, categories: object, profile: Profile) -> None:
    if not isinstance(categories, dict):
        raise _fail(path, "categories", categories, "a table of categories",
                    "[categories.referral]")
    for category_id, raw in categories.items():
        key = f"categories.{category_id}"
        example = f'[{key}]\nclass = "temporary"\nzh = "…"\nen = "…"'
        if not isinstance(raw, dict) or raw.get("class") not in choices(CategoryClass):
            value = raw.get("class") if isinstance(raw, dict) else raw
            raise _fail(path, f"{key}.class", value, "long-term or temporary", example)
        for text_key in ("zh", "en"):
            if not isinstance(raw.get(text_key), str):
                raise _fail(path, f"{key}.{text_key}", raw.get(text_key), "a string", example)
        unknown = set(raw) - {"class", "zh", "en", "retiree"}
        if unknown:
            name = sorted(unknown)[0]
            raise _fail(path, f"{key}.{name}", raw[name], "class, zh, en, retiree", example)
        if not isinstance(raw.get("retiree", False), bool):  # what the unit certificate says
            raise _fail(path, f"{key}.retiree", raw["retiree"], "true or false", "retiree = true")
        profile.categories[category_id] = dict(raw)


def _entry(path: Path, kind: str, index: int, raw: dict[str, Any], profile: Profile) -> Entry:
    where = f"{kind}[{index}]"
    example_id = f'[[{kind}]]\nid = "my-rule"\nsince = 2024-01-01\nsource = "seed-000"'
    allowed = _ENTRY_KEYS | _PAYLOAD_KEYS[kind]
    for key in raw:
        if key not in allowed:
            raise _fail(path, f"{where}.{key}", raw[key], "one of " + ", ".join(sorted(allowed)),
                        example_id)
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise _fail(path, f"{where}.id", rule_id, "a rule id", example_id)
    where = f"{kind}[{index}] (id {rule_id})"
    since = raw.get("since")
    if since == "unknown":
        since = None
    elif type(since) is not date:
        raise _fail(path, f"{where}.since", since, 'a date, or "unknown" when the source gives none',
                    "since = 2022-07-26")
    source_ids = _strings(path, f"{where}.source", raw.get("source"), 'source = "seed-000"')
    if not source_ids:
        raise _fail(path, f"{where}.source", [], "at least one source id", 'source = "seed-000"')
    for source_id in source_ids:
        if source_id not in profile.sources:
            raise _fail(path, f"{where}.source", source_id,
                        "a source defined under [sources] (here or in a profile it extends)",
                        'source = "seed-000"')
    verified = raw.get("verified")
    if verified is None:
        verified = all(profile.sources[s].verified for s in source_ids)
    elif not isinstance(verified, bool):
        raise _fail(path, f"{where}.verified", verified, "true or false", "verified = false")
    note = _texts(path, f"{where}.note", raw["note"], 'note = { zh = "…", en = "…" }') \
        if "note" in raw else {}
    when = _when(path, where, raw.get("when", {}), profile)
    data = {key: value for key, value in raw.items() if key in _PAYLOAD_KEYS[kind]}
    _check_payload(path, where, kind, data, profile, rule_id)
    return Entry(kind=kind, id=rule_id, since=since, sources=tuple(source_ids),
                 ref=str(raw.get("ref", "")), verified=verified, when=when, data=data, note=note,
                 profile=profile.id)


def _when(path: Path, where: str, raw: object, profile: Profile) -> dict[str, tuple[Any, ...]]:
    if not isinstance(raw, dict):
        raise _fail(path, f"{where}.when", raw, "a table of conditions", 'when = { care = "inpatient" }')
    allowed: dict[str, tuple[str, ...]] = {
        "scope": choices(Scope), "route": choices(Route), "insurance": choices(Insurance),
        "care": choices(Care),
        "category": tuple(profile.categories),
    }
    when: dict[str, tuple[Any, ...]] = {}
    for key, value in raw.items():
        full_key = f"{where}.when.{key}"
        if key not in _SELECTORS:
            raise _fail(path, full_key, value, "one of " + ", ".join(sorted(_SELECTORS)),
                        'when = { care = "inpatient" }')
        if key in _BOOL_SELECTORS:
            if not isinstance(value, bool):
                raise _fail(path, full_key, value, "true or false", f"when = {{ {key} = true }}")
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
                raise _fail(path, full_key, item, expected, example)
        when[key] = tuple(values)
    return when


def _check_document_ids(path: Path, key: str, ids: object, profile: Profile) -> list[str]:
    values = _strings(path, key, ids, '["receipt", "expense-list"]')
    for document_id in values:
        if document_id not in profile.documents:
            raise _fail(path, key, document_id, "a document id defined under [documents]",
                        '["receipt"]')
    return values


def _check_payload(path: Path, where: str, kind: str, data: dict[str, Any], profile: Profile,
                   rule_id: str) -> None:
    def need(key: str, check: bool, expected: str, example: str) -> None:
        if not check:
            raise _fail(path, f"{where}.{key}", data.get(key), expected, example)

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
            raise _fail(path, f"{where}.id", rule_id, "one of " + ", ".join(choices(Reasoning)),
                        'id = "assumed-direct"')
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
            need(key, isinstance(value, int | float) and not isinstance(value, bool) and value > 0,
                 "a length in millimetres above zero", f"{key} = 85.60")
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
        need("months", isinstance(months, int) and not isinstance(months, bool) and months >= 0,
             "a whole number of months", "months = 1")
        need("days", isinstance(days, int) and not isinstance(days, bool) and days >= 0,
             "a whole number of days", "days = 30")
        need("months", months or days, "months or days above zero", "months = 1")
        need("after", data.get("after") in choices(Event), "one of " + ", ".join(choices(Event)),
             'after = "discharged"')
        need("roll", isinstance(data.get("roll", True), bool), "true or false", "roll = true")
        need("at_least", isinstance(data.get("at_least", False), bool), "true or false",
             "at_least = true")
        need("role", data.get("role", DeadlineRole.CLAIM) in choices(DeadlineRole),
             "one of " + ", ".join(choices(DeadlineRole)), 'role = "claim"')
        need("name", "name" in data, "a name in zh and en", 'name = { zh = "…", en = "…" }')
        data["name"] = _texts(path, f"{where}.name", data["name"], 'name = { zh = "…", en = "…" }')
    elif kind == "warnings":
        need("text", "text" in data, "a text in zh and en", 'text = { zh = "…", en = "…" }')
        data["text"] = _texts(path, f"{where}.text", data["text"], 'text = { zh = "…", en = "…" }')
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
                        raise _fail(path, f"{where}.{key}", name,
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
