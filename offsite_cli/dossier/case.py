"""`case.toml`: load and validate a dossier's case, and write a new one."""

from __future__ import annotations

import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from offsite_cli.dossier import status as claim_status
from offsite_cli.base import toml_text
from offsite_cli.policy import ids, regions
from offsite_cli.base import dates
from offsite_cli.base.errors import BadInput, WorkFailed, os_reason, toml_reason
from offsite_cli.base.i18n import both
from offsite_cli.base import shown
from offsite_cli.base.shown import has_controls, mask_ids
from offsite_cli.policy import choosing, episode_dates, ids, regions
from offsite_cli.policy.values import Care, Event, Insurance, choices

CASE_FILE = "case.toml"
SCHEMA = 1
_DOCUMENT_ID = re.compile(r"[a-z][a-z0-9-]*")

_SHAPE: dict[str, dict[str, tuple[type | tuple[type, ...], str]]] = {
    "": {"schema": (int, "schema = 1"), "profile": (str, 'profile = "cn-national"')},
    "person": {
        "name": (str, 'name = "张三"'),
        "id_number": (str, 'id_number = "14052219800101123X"'),
        "insurance": (str, 'insurance = "employee"'),
        "category": (str, 'category = "stationed-worker"'),
        "phone": ((str, int), 'phone = "13800000000"'),
        "bank": (str, 'bank = "中国银行晋城分行"'),
        "bank_account": ((str, int), 'bank_account = "6217000000000000000"'),
    },
    "insured": {
        "region": ((str, int), 'region = "140500"'), "unit": (str, 'unit = "晋城市某某有限公司"'),
        "unit_address": (str, 'unit_address = "晋城市城区某某路1号"'),
        "unit_contact": (str, 'unit_contact = "李四"'),
        "unit_phone": ((str, int), 'unit_phone = "0356-1234567"'),
    },
    "guardian": {  # who acts for a minor on residents' insurance
        "name": (str, 'name = "张父"'),
        "id_number": (str, 'id_number = "14052219800101123X"'),
        "relation": (str, 'relation = "父子"'),
        "phone": ((str, int), 'phone = "13800000000"'),
    },
    "episode": {
        "region": ((str, int), 'region = "310104"'),
        "hospital": (str, 'hospital = "某某医院"'),
        "care": (str, 'care = "inpatient"'),
        "admitted": (date, "admitted = 2026-10-08"),
        "discharged": (date, "discharged = 2026-10-20"),
        "filed": (bool, "filed = true"),
        "filed_on": (date, "filed_on = 2026-09-30"),
        "direct_settlement": (bool, "direct_settlement = false"),
        "amount": ((int, float), "amount = 12873.50"),
    },
}
_RECEIPT_SHAPE: dict[str, tuple[type | tuple[type, ...], str]] = {
    "number": (str, 'number = "No.00123456"'),
    "date": (date, "date = 2026-10-20"),
    "amount": ((int, float), "amount = 12873.50"),
    "item": (str, 'item = "住院医疗费"'),
}
_TABLES = {"person", "insured", "episode", "guardian", "documents", "receipts", "history"}


@dataclass
class Receipt:
    number: str
    date: date | None
    amount: float
    item: str = ""


@dataclass
class Guardian:
    """The guardian who acts for a minor: name, ID number, relation to the person, phone."""

    name: str = ""
    id_number: ids.IdNumber | None = None
    relation: str = ""
    phone: str = ""


@dataclass
class Case:
    """A dossier's case as written in its case.toml (regions resolved, values checked)."""

    folder: Path
    profile: str | None = None
    name: str = ""
    id_number: ids.IdNumber | None = None
    insurance: str = ""
    category: str = ""
    phone: str = ""
    insured_region: regions.Region | None = None
    unit: str = ""
    treatment_region: regions.Region | None = None
    hospital: str = ""
    care: str = ""
    admitted: date | None = None
    discharged: date | None = None
    filed: bool | None = None
    filed_on: date | None = None
    direct_settlement: bool | None = None
    amount: float | None = None
    documents: dict[str, list[str]] = field(default_factory=dict)
    receipts: list[Receipt] = field(default_factory=list)
    history: list[claim_status.Event] = field(default_factory=list)  # [[history]]: dossier mark
    # what the forms need besides the episode (all optional)
    phone: str = ""
    bank: str = ""
    bank_account: str = ""
    unit_address: str = ""
    unit_contact: str = ""
    unit_phone: str = ""
    guardian: Guardian | None = None
    notes: list[episode_dates.DateNote] = field(default_factory=list)  # implausible dates

    @property
    def path(self) -> Path:
        return self.folder / CASE_FILE

    def show_receipt_numbers(self, numbers: list[str]) -> None:
        """Receipt numbers of this case are shown as they are (base.shown.show_as_is), never the
        person's or the guardian's ID number, whatever a receipt says."""
        guardian = self.guardian.id_number if self.guardian else None
        shown.show_as_is(numbers, unless=[who.value for who in (self.id_number, guardian) if who])


_TYPE_NAMES = {str: ("文本", "text"), int: ("整数", "whole number"), float: ("数字", "number"),
               bool: ("true 或 false", "true or false"), date: ("日期", "date")}


MAX_TEXT = 200  # characters in a text value (a name, a hospital): what a form's line can hold
MAX_PATH = 1024  # characters in a path under [documents]
# yuan on one receipt: a stay's whole bill is rarely over a million, so more than ten million is
# a slip of the keyboard (an extra digit or two), not a bill — refused as case.toml is read and
# by `dossier receipt add` alike (receipt_amount_expected)
MAX_RECEIPT_YUAN = 10_000_000


def _fail(path: Path, key: str | dict[str, str], value: object,
          expected: str | dict[str, str]) -> BadInput:
    """Bad input naming the key (a text, or both languages' words for an entry of an array:
    status.entry_key); a table or a list is never echoed (it may hold the ID number under any
    key), and any ID-shaped run in what is shown is masked (base/shown.py)."""
    shown = value if isinstance(value, str) else repr(value)
    if isinstance(value, date):
        shown = value.isoformat()
    if isinstance(value, dict):
        shown = "{…}"
    elif isinstance(value, list):
        shown = "[{…}]" if any(isinstance(item, dict) for item in value) else f"[… {len(value)}]"
    named = key if isinstance(key, str) else key["en"]
    if named.endswith("id_number"):  # however it was written, an ID number is shown masked
        shown = ids.mask(str(value))
    if named.endswith("bank_account"):
        shown = ids.mask_account(str(value))
    shown = str(shown)
    shown = shown[:60] + ("…" if len(shown) > 60 else "")
    return BadInput("case_invalid", file=str(path), key=key, value=mask_ids(shown), expected=expected)


def _typed(path: Path, key: str | dict[str, str], value: object, kind: type | tuple[type, ...], example: str) -> Any:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if kinds == (date,) and type(value) is str:  # a quoted date, written as people write them
        try:
            value = dates.parse(value)
        except ValueError:
            raise _fail(path, key, value, both(f"日期，例如 {example}（或 {dates.FORMS['zh']}）",
                                               f"a date, e.g. {example} (or {dates.FORMS['en']})")) from None
    # bool is an int in Python; a date-time is not a date here.
    ok = any(type(value) is k or (k is float and type(value) is int) for k in kinds)
    if not ok:
        zh = "或".join(_TYPE_NAMES[k][0] for k in kinds)
        en = " or ".join(_TYPE_NAMES[k][1] for k in kinds)
        raise _fail(path, key, value, both(f"{zh}，例如 {example}", f"a {en}, e.g. {example}"))
    if type(value) is str and has_controls(value.strip()):  # a line break or an escape sequence
        raise _fail(path, key, value, both(f"一行文本，不含控制字符，例如 {example}",
                                           f"one line of text without control characters, e.g. {example}"))
    if type(value) is str and len(value) > MAX_TEXT:
        raise _fail(path, key, value, both(f"不超过 {MAX_TEXT} 个字符的文本", f"a text of at most {MAX_TEXT} characters"))
    if type(value) is float and not math.isfinite(value):
        raise _fail(path, key, value, both(f"一个数字，例如 {example}", f"a number, e.g. {example}"))
    if type(value) is date and not 1900 <= value.year <= 2200:
        raise _fail(path, key, value, both(f"1900 至 2200 年之间的日期，例如 {example}",
                                           f"a date between 1900 and 2200, e.g. {example}"))
    return value


def load(folder: Path, today: date | None = None) -> Case:
    """Read and check `folder/case.toml`; every error names the file, the key and the value."""
    if not folder.exists():
        raise BadInput("folder_missing", field="DIR", value=str(folder))
    if not folder.is_dir():
        raise BadInput("folder_not_dir", field="DIR", value=str(folder))
    path = folder / CASE_FILE
    if not path.is_file():
        raise BadInput("case_missing", file=str(path))
    try:
        data = toml_text.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise BadInput("case_syntax", file=str(path), reason=toml_reason(error)) from None
    except UnicodeDecodeError:
        raise BadInput("case_encoding", file=str(path)) from None
    except OSError as error:
        raise WorkFailed("case_unreadable", file=str(path), reason=os_reason(error)) from None
    return parse(data, folder, path, today)


def parse(data: dict[str, Any], folder: Path, path: Path, today: date | None = None) -> Case:
    for key, value in data.items():
        if key not in _TABLES and key not in _SHAPE[""]:
            names = "schema, profile, " + ", ".join(sorted(_TABLES))
            raise _fail(path, key, value, both(f"以下之一：{names}", f"one of {names}"))
    schema = data.get("schema")
    if schema != SCHEMA or type(schema) is not int:  # `schema = true` is not 1
        raise _fail(path, "schema", "—" if schema is None else schema,
                    both(f"文件开头写 schema = {SCHEMA}", f"schema = {SCHEMA} at the top"))
    case = Case(folder=folder)
    if "profile" in data:
        case.profile = _typed(path, "profile", data["profile"], str, 'profile = "cn-national"')
        from offsite_cli.policy import profiles

        known = profiles.available()
        if case.profile not in known:
            names = ", ".join(sorted(known))
            raise _fail(path, "profile", case.profile, both(f"以下之一：{names}", f"one of {names}"))
    tables: dict[str, dict[str, Any]] = {}
    for table_name in ("person", "insured", "episode", "guardian"):
        table = data.get(table_name, {})
        if not isinstance(table, dict):
            raise _fail(path, table_name, table, both(f"表 [{table_name}]", f"a table [{table_name}]"))
        checked = {}
        for key, value in table.items():
            shape = _SHAPE[table_name].get(key)
            if shape is None:
                names = ", ".join(_SHAPE[table_name])
                raise _fail(path, f"{table_name}.{key}", value,
                            both(f"以下之一：{names}", f"one of {names}"))
            checked[key] = _typed(path, f"{table_name}.{key}", value, *shape)
        tables[table_name] = checked
    person, insured, episode = tables["person"], tables["insured"], tables["episode"]

    case.name = person.get("name", "").strip()
    if "id_number" in person:
        case.id_number = ids.parse(person["id_number"], f"{path}: person.id_number", today)
    case.insurance = _choice(path, "person.insurance", "insurance", person.get("insurance", ""), case)
    case.category = _choice(path, "person.category", "category", person.get("category", ""), case)
    if "region" in insured:
        case.insured_region = regions.table().resolve(str(insured["region"]),
                                                      f"{path}: insured.region")
    case.unit = insured.get("unit", "").strip()
    if "region" in episode:
        case.treatment_region = regions.table().resolve(str(episode["region"]),
                                                        f"{path}: episode.region")
    case.hospital = episode.get("hospital", "").strip()
    case.care = _choice(path, "episode.care", "care", episode.get("care", ""), case)
    case.admitted = episode.get("admitted")
    case.discharged = episode.get("discharged")
    if case.admitted and case.discharged and case.discharged < case.admitted:
        raise _fail(path, "episode.discharged", case.discharged,
                    both(f"不早于 episode.admitted（{case.admitted.isoformat()}）的日期",
                         f"a date not before episode.admitted ({case.admitted.isoformat()})"))
    case.filed = episode.get("filed")
    case.filed_on = episode.get("filed_on")
    if case.filed_on and case.filed is False:
        raise _fail(path, "episode.filed", False,
                    both("给出 episode.filed_on 时应为 true", "true when episode.filed_on is given"))
    case.direct_settlement = episode.get("direct_settlement")
    if "amount" in episode:
        case.amount = float(episode["amount"])
        if case.amount < 0:
            raise _fail(path, "episode.amount", episode["amount"],
                        both("不小于 0 的金额（元）", "an amount in yuan, 0 or more"))
    case.documents = _documents(path, data.get("documents", {}))
    case.receipts = _receipts(path, data.get("receipts", []))
    case.history = claim_status.read(path, data.get("history", []), case.discharged or case.admitted)
    _contacts(case, path, person, insured, tables["guardian"], today)
    case.show_receipt_numbers([receipt.number for receipt in case.receipts])
    if today is not None:
        case.notes = episode_dates.check(
            today, {kind: f"{path}: episode.{kind}" for kind in choices(Event)},
            case.admitted, case.discharged, case.filed_on,
            [(claim_status.entry_key("receipts", index, "date", f"{path}: "), receipt.date)
             for index, receipt in enumerate(case.receipts)])
    return case


def _choice(path: Path, key: str, kind: str, value: str, case: Case) -> str:
    """A choice by id, label or short form (城乡居民医保, 居民, 异地转诊人员) → its id. A category
    that is not an id is looked up in the case's profile (loaded only then); an unknown category
    id is left to the rules, which know the profile the command uses."""
    value = value.strip()
    if not value:
        return ""
    profile = None
    if kind == "category":
        from offsite_cli.policy import profiles

        profile = profiles.load(case.profile or profiles.DEFAULT_PROFILE)
        if value in profile.categories:
            return value
    found = choosing.lookup(kind, value, profile)
    if found is None:
        if kind == "category":
            return value
        raise _fail(path, key, value, choosing.expected(kind))
    return found


def _contacts(case: Case, path: Path, person: dict[str, Any], insured: dict[str, Any],
              guardian: dict[str, Any], today: date | None) -> None:
    """Phone numbers, the bank account and the guardian: normalised, checked, each error naming
    its key (an account and an ID number shown masked)."""
    def phone(value: object, key: str) -> str:
        return ids.parse_phone(str(value), f"{path}: {key}") if str(value).strip() else ""

    case.phone = phone(person.get("phone", ""), "person.phone")
    case.bank = person.get("bank", "").strip()
    if str(person.get("bank_account", "")).strip():
        case.bank_account = ids.parse_account(str(person["bank_account"]),
                                              f"{path}: person.bank_account")
    case.unit_address = insured.get("unit_address", "").strip()
    case.unit_contact = insured.get("unit_contact", "").strip()
    case.unit_phone = phone(insured.get("unit_phone", ""), "insured.unit_phone")
    if guardian:
        case.guardian = Guardian(
            name=guardian.get("name", "").strip(), relation=guardian.get("relation", "").strip(),
            phone=phone(guardian.get("phone", ""), "guardian.phone"),
            id_number=ids.parse(guardian["id_number"], f"{path}: guardian.id_number", today)
            if str(guardian.get("id_number", "")).strip() else None)


def unit_of(case: Case, classification: Any = None) -> str:
    """The insured person's unit: case.toml's insured.unit, else the configured unit.name, else ""
    (CONTRACT.md) — "" too where the profile's [[applicants]] say the person applies, not a unit
    (residents' insurance): the clerk's unit is not theirs. The forms and the dossier's cover and
    metadata all take it from here. `classification` (rules.Classification) carries who applies;
    without it the case's profile is asked."""
    if case.unit:
        return case.unit
    if classification is not None:
        by_unit = classification.applicant is None or classification.applicant.unit
    else:
        by_unit = _applied_by_unit(case)
    if not by_unit:
        return ""
    from offsite_cli.base import config

    return config.load().get("unit.name", "").strip()


def _applied_by_unit(case: Case) -> bool:
    """Whether a unit applies for the case, by its profile's [[applicants]] rules (for a caller
    that has no classification at hand)."""
    from offsite_cli.policy import profiles

    profile = profiles.load(case.profile or profiles.DEFAULT_PROFILE)
    facts = {key: value for key, value in (("insurance", case.insurance),
                                           ("category", case.category), ("care", case.care))
             if value}
    rule = profile.pick("applicants", facts, case.admitted or case.discharged or date.max)
    return rule is None or bool(rule.data["unit"])


def _documents(path: Path, table: object) -> dict[str, list[str]]:
    if not isinstance(table, dict):
        raise _fail(path, "documents", table, both('表，例如 [documents] receipt = ["scans/r1.jpg"]',
                                                   'a table, e.g. [documents] receipt = ["scans/r1.jpg"]'))
    documents: dict[str, list[str]] = {}
    for document_id, files in table.items():
        key = f"documents.{document_id}"
        if not _DOCUMENT_ID.fullmatch(document_id):
            raise _fail(path, key, document_id, both("材料编号，例如 receipt、expense-list",
                                                     "a document id such as receipt or expense-list"))
        if isinstance(files, str):
            files = [files]
        if not isinstance(files, list) or not files or not all(isinstance(f, str) for f in files):
            raise _fail(path, key, files, both('文件路径列表，例如 ["scans/receipt-1.jpg"]',
                                               'a list of file paths, e.g. ["scans/receipt-1.jpg"]'))
        for name in files:
            if len(name) > MAX_PATH:
                raise _fail(path, key, name, both(f"不超过 {MAX_PATH} 个字符的路径",
                                                  f"a path of at most {MAX_PATH} characters"))
            if not is_inside(name):
                raise _fail(path, key, name, both("文件夹内的相对路径（不含 ..）",
                                                  "a path inside the folder (relative, without ..)"))
        documents[document_id] = list(files)
    return documents


def is_inside(name: str) -> bool:
    """A relative path that cannot climb out of the folder (either kind of slash)."""
    if not name.strip():
        return False
    for pure in (PurePosixPath(name), PureWindowsPath(name)):
        if pure.is_absolute() or pure.anchor or ".." in pure.parts:
            return False
    return True


def _receipts(path: Path, items: object) -> list[Receipt]:
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise _fail(path, "receipts", items, both('表数组，例如 [[receipts]] number = "…"',
                                                  'an array of tables, e.g. [[receipts]] number = "…"'))
    receipts = []
    for index, item in enumerate(items):
        def where(key: str) -> dict[str, str]:
            return claim_status.entry_key("receipts", index, key)

        checked: dict[str, Any] = {}  # the values as typed-checked (a quoted date made a date)
        for key, value in item.items():
            shape = _RECEIPT_SHAPE.get(key)
            if shape is None:
                names = ", ".join(_RECEIPT_SHAPE)
                raise _fail(path, where(key), value, both(f"以下之一：{names}", f"one of {names}"))
            checked[key] = _typed(path, where(key), value, *shape)
        if "amount" not in checked:
            raise _fail(path, where("amount"), "—",
                        both("金额，例如 amount = 1200.00", "an amount, e.g. amount = 1200.00"))
        expected = receipt_amount_expected(checked["amount"])
        if expected is not None:
            raise _fail(path, where("amount"), checked["amount"], expected)
        receipts.append(Receipt(number=checked.get("number", "").strip(), date=checked.get("date"),
                                amount=float(checked["amount"]), item=checked.get("item", "").strip()))
    return receipts


def receipt_amount_expected(amount: float) -> dict[str, str] | None:
    """What a receipt's amount in yuan should be, in both languages, when `amount` is not that
    (None: it is): more than 0 and at most MAX_RECEIPT_YUAN. The one rule of case.toml's
    [[receipts]] and of `dossier receipt add --amount`."""
    if 0 < amount <= MAX_RECEIPT_YUAN:
        return None
    limit = f"{MAX_RECEIPT_YUAN:,}"
    return both(f"大于 0、不超过 {limit} 元的金额，例如 12873.50",
                f"an amount in yuan more than 0 and at most {limit}, e.g. 12873.50")


# ---------------------------------------------------------------------------------------- writing


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return f"{value:.2f}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    escaped = json.dumps(str(value), ensure_ascii=False)  # JSON string escapes are TOML's too
    return escaped.replace("\x7f", "\\u007f")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def dumps(values: dict[str, dict[str, object]], profile: str | None = None,
          receipts: list[Receipt] | None = None) -> str:
    """A case.toml text from tables of plain values (None values are left out)."""
    lines = [f"schema = {SCHEMA}"]
    if profile:
        lines.append(f"profile = {_toml_value(profile)}")
    for table in ("person", "insured", "episode", "guardian", "documents"):
        entries = {k: v for k, v in values.get(table, {}).items() if v is not None and v != ""}
        if not entries and table in ("guardian", "documents"):
            continue
        lines += ["", f"[{table}]"]
        for key, value in entries.items():
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for receipt in receipts or []:
        lines += ["", "[[receipts]]"]
        if receipt.number:
            lines.append(f"number = {_toml_value(receipt.number)}")
        if receipt.date:
            lines.append(f"date = {receipt.date.isoformat()}")
        lines.append(f"amount = {_toml_value(float(receipt.amount))}")
        if receipt.item:
            lines.append(f"item = {_toml_value(receipt.item)}")
    return "\n".join(lines) + "\n"


def values_of(case: Case) -> dict[str, dict[str, object]]:
    """The tables of a loaded case, as `dumps` takes them (regions as codes)."""
    return {
        "person": {"name": case.name, "id_number": case.id_number.value if case.id_number else None,
                   "insurance": case.insurance, "category": case.category, "phone": case.phone,
                   "bank": case.bank, "bank_account": case.bank_account},
        "insured": {"region": case.insured_region.code if case.insured_region else None,
                    "unit": case.unit, "unit_address": case.unit_address,
                    "unit_contact": case.unit_contact, "unit_phone": case.unit_phone},
        "episode": {
            "region": case.treatment_region.code if case.treatment_region else None,
            "hospital": case.hospital, "care": case.care, "admitted": case.admitted,
            "discharged": case.discharged, "filed": case.filed, "filed_on": case.filed_on,
            "direct_settlement": case.direct_settlement, "amount": case.amount,
        },
        "guardian": {} if case.guardian is None else {
            "name": case.guardian.name,
            "id_number": case.guardian.id_number.value if case.guardian.id_number else None,
            "relation": case.guardian.relation, "phone": case.guardian.phone},
        "documents": dict(case.documents),
    }
