"""`dossier import`: a roster's rows (files/sheet.py) → one validated case per row → dossier folders.

Every row is checked before anything is written, and every problem is kept (row, column, value,
what is expected), so that the clerk fixes the sheet once. Folders are named `姓名-YYYY-MM` (the
month of discharge, else of admission); rows that would share a name get the admission day
(`姓名-YYYY-MM-DD`), and then the last four characters of the ID number. An existing dossier is
never overwritten: it is left alone, or with `update` the roster's values are merged into its
case.toml (tomlkit: the clerk's comments, order and other keys stay).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from offsite_cli.base import atomic
from offsite_cli.base.errors import BadInput, OffsiteError, WorkFailed, os_reason
from offsite_cli.base.i18n import both, label
from offsite_cli.dossier import case as case_file
from offsite_cli.dossier import scaffold
from offsite_cli.dossier.checking import situation_of
from offsite_cli.dossier.roster_cells import (
    amount_of, cell_date, choice_of, stored_as_number, text_of, yes_no,
)
from offsite_cli.files.sheet import Sheet
from offsite_cli.policy import ids, profiles, regions, rules
from offsite_cli.policy.values import Care, Event, Insurance, choices

# field → (table in case.toml, key, the headers it is known by: Chinese first, then English)
COLUMNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "name": ("person", "name", ("姓名", "参保人", "参保人姓名", "name")),
    "id_number": ("person", "id_number", ("身份证号", "身份证号码", "公民身份号码", "证件号码",
                                          "id_number", "id number", "id")),
    "insurance": ("person", "insurance", ("险种", "参保类型", "参保险种", "insurance")),
    "category": ("person", "category", ("人员类别", "备案类别", "category")),
    "phone": ("person", "phone", ("联系电话", "电话", "手机", "手机号", "phone")),
    "insured_region": ("insured", "region", ("参保地", "参保地区", "insured_region", "insured region")),
    "unit": ("insured", "unit", ("单位", "参保单位", "工作单位", "unit")),
    "treatment_region": ("episode", "region", ("就医地", "就医地区", "treatment_region",
                                               "treatment region")),
    "hospital": ("episode", "hospital", ("医院", "就医医院", "定点医院", "hospital")),
    "care": ("episode", "care", ("就医类型", "医疗类别", "就诊类型", "care")),
    "admitted": ("episode", "admitted", ("入院日期", "就诊日期", "入院时间", "admitted")),
    "discharged": ("episode", "discharged", ("出院日期", "出院时间", "discharged")),
    "filed": ("episode", "filed", ("是否备案", "已备案", "备案", "filed")),
    "filed_on": ("episode", "filed_on", ("备案日期", "filed_on", "filed on")),
    "direct_settlement": ("episode", "direct_settlement", ("直接结算", "是否直接结算",
                                                          "direct_settlement", "direct settlement")),
    "amount": ("episode", "amount", ("金额", "医疗费用", "费用总额", "总金额", "amount")),
    "profile": ("", "profile", ("政策配置", "profile")),
}
REQUIRED = ("name", "insured_region", "treatment_region", "insurance", "category", "care")
QUIET_HEADERS = {"序号", "编号", "no", "no.", "#", "备注", "note", "notes"}  # ignored without a word
_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{5,22}")


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    EXISTS = "exists"  # an existing dossier, left alone (no --update)


class RosterInvalid(BadInput):
    """Some rows are bad: every problem, one line each; nothing was written."""

    def __init__(self, problems: list[OffsiteError]) -> None:
        super().__init__(problems[0].message, **problems[0].params)
        self.problems = problems


@dataclass
class RowPlan:
    row: int
    folder: Path
    name: str
    id_number: str  # masked
    tables: dict[str, dict[str, Any]]  # what the row says, as case.toml tables
    profile: str | None
    given: dict[str, dict[str, Any]]  # only the cells the row filled (what --update merges)
    outcome: Outcome = Outcome.CREATED
    scaffold: scaffold.Plan | None = None
    merged_text: str = ""  # the case.toml after --update
    made: list[Path] = field(default_factory=list)  # folders this run made (taken away on failure)


@dataclass
class ImportPlan:
    roster: Path
    rows: list[RowPlan]
    ignored: list[str] = field(default_factory=list)  # headers nothing reads


# ------------------------------------------------------------------------------------ the headers


def _normal_header(value: Any) -> str:
    return re.sub(r"[\s*＊:：()（）]+", "", str(value or "")).lower().replace("_", "")


def _columns(sheet: Sheet) -> tuple[int, dict[str, int], list[str]]:
    """The header row's number, field → column index, and the headers nothing reads."""
    known = {_normal_header(header): name for name, (_, _, headers) in COLUMNS.items()
             for header in headers}
    for number, cells in sheet.rows:
        if not any(text_of(cell) for cell in cells):
            continue
        found: dict[str, int] = {}
        ignored = []
        for index, cell in enumerate(cells):
            header = _normal_header(cell)
            if not header:
                continue
            name = known.get(header)
            if name is None:
                if header not in QUIET_HEADERS:
                    ignored.append(str(cell).strip())
                continue
            if name in found:
                raise BadInput("roster_duplicate_column", file=str(sheet.path), row=number,
                               column=str(cell).strip())
            found[name] = index
        if not found:
            raise BadInput("roster_no_header", file=str(sheet.path), row=number,
                           example="姓名, 身份证号, 险种, 人员类别, 参保地, 就医地, 就医类型")
        return number, found, ignored
    raise BadInput("roster_empty", file=str(sheet.path), sheet=sheet.name or sheet.path.name)


# ------------------------------------------------------------------------------------- the rows


def _where(sheet: Sheet, row: int, header: str) -> dict[str, str]:
    return both(f"{sheet.path.name} 第 {row} 行“{header}”", f"{sheet.path.name} row {row}, {header}")


def plan(sheet: Sheet, root: Path, today: date, lang: str, profile_id: str | None,
         update: bool) -> ImportPlan:
    """Every row checked and its folder chosen; RosterInvalid with every problem, or the plan."""
    problems: list[OffsiteError] = []
    first = next((number for number, cells in sheet.rows if any(text_of(cell) for cell in cells)), 0)
    _refuse_merged(sheet, [ref for ref in sheet.merged if _span(ref)[1] <= first <= _span(ref)[3]])
    header_row, columns, ignored = _columns(sheet)
    read = {index + 1 for index in columns.values()}  # the columns read, counted from 1 as A is
    _refuse_merged(sheet, [ref for ref in sheet.merged if _span(ref)[3] > header_row
                           and read & set(range(_span(ref)[0], _span(ref)[2] + 1))])
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise RosterInvalid([BadInput("roster_missing_column", file=str(sheet.path),
                                      column=COLUMNS[name][2][0],
                                      aliases="、".join(COLUMNS[name][2][1:]))
                             for name in missing])
    headers = {name: str(sheet.rows[header_row - 1][1][index]).strip()
               for name, index in columns.items()} if sheet.rows else {}
    default_profile = profiles.load(profile_id or profiles.DEFAULT_PROFILE)
    table = regions.table()
    planned: list[RowPlan] = []
    for number, cells in sheet.rows:
        if number <= header_row or not any(text_of(cell) for cell in cells):
            continue
        row_problems: list[OffsiteError] = []
        values = _row_values(sheet, number, cells, columns, headers, default_profile, profile_id,
                             table, today, row_problems)
        if row_problems:
            problems += row_problems
            continue
        planned.append(_row_plan(number, values, root))
    if not planned and not problems:
        raise BadInput("roster_empty", file=str(sheet.path), sheet=sheet.name or sheet.path.name)
    _duplicates(sheet, planned, problems)
    if problems:
        raise RosterInvalid(problems)
    _name_folders(planned, root)
    for item in planned:
        _existing(item, update, today, lang)
    return ImportPlan(roster=sheet.path, rows=planned, ignored=ignored)


def _refuse_merged(sheet: Sheet, merged: list[str]) -> None:
    """A merged cell in the header row or in a column that is read leaves the rows below it
    empty: said, never guessed. One in a column nothing reads (备注) is no matter."""
    if merged:
        raise RosterInvalid([BadInput("roster_merged", file=str(sheet.path), range=ref,
                                      row=(re.findall(r"\d+", ref) or ["?"])[0])
                             for ref in merged])


def _span(ref: str) -> tuple[int, int, int, int]:
    """A range such as "B2:C4" (or one cell, "B2") as first column, first row, last column, last
    row, counted from 1; what cannot be read spans everything (and so is said)."""
    corners = []
    for corner in ref.upper().replace("$", "").split(":")[:2]:
        found = re.fullmatch(r"([A-Z]{1,3})(\d+)", corner.strip())
        if found is None:
            return 1, 1, 1 << 14, 1 << 20
        column = 0
        for letter in found.group(1):
            column = column * 26 + ord(letter) - ord("A") + 1
        corners.append((column, int(found.group(2))))
    (left, top), (right, bottom) = corners[0], corners[-1]
    return min(left, right), min(top, bottom), max(left, right), max(top, bottom)


def _row_values(sheet: Sheet, number: int, cells: list[Any], columns: dict[str, int],
                headers: dict[str, str], default_profile: Any, profile_id: str | None, table: Any,
                today: date, problems: list[OffsiteError]) -> dict[str, Any]:
    def cell(name: str) -> Any:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def bad(name: str, value: Any, expected: dict[str, str]) -> None:
        shown = ids.mask(text_of(value)) if name == "id_number" else text_of(value)
        problems.append(BadInput("roster_bad_value", where=_where(sheet, number, headers[name]),
                                 value=shown[:60], expected=expected))

    values: dict[str, Any] = {}
    policy = default_profile
    written_profile = text_of(cell("profile"))
    if written_profile:
        try:
            policy = profiles.load(written_profile)
            values["profile"] = written_profile
        except OffsiteError:
            bad("profile", written_profile, both(
                "已有的政策配置编号（offsite profiles list）", "a profile id (offsite profiles list)"))
    elif profile_id:
        values["profile"] = profile_id
    for name in REQUIRED:
        if not text_of(cell(name)):
            problems.append(BadInput("roster_empty_cell", where=_where(sheet, number, headers[name])))
    values["name"] = text_of(cell("name"))
    for name in ("unit", "hospital"):
        if text_of(cell(name)):
            values[name] = text_of(cell(name))
    raw_id = cell("id_number")
    if stored_as_number(raw_id):  # an Excel number, or one written out in a CSV (1.40502E+17)
        problems.append(BadInput("roster_id_as_number", where=_where(sheet, number, headers["id_number"])))
    elif text_of(raw_id):
        try:
            values["id_number"] = ids.parse(text_of(raw_id), _where(sheet, number, headers["id_number"]),
                                            today).value  # type: ignore[arg-type]
        except OffsiteError as error:
            problems.append(error)
    phone = text_of(cell("phone"))
    if phone:
        if _PHONE.fullmatch(phone):
            values["phone"] = phone
        else:
            bad("phone", phone, both("电话号码，例如 13800000000 或 0356-1234567",
                                          "a phone number, e.g. 13800000000 or 0356-1234567"))
    for name in ("insured_region", "treatment_region"):
        if text_of(cell(name)):
            try:
                values[name] = table.resolve(text_of(cell(name)), _where(sheet, number, headers[name])).code
            except OffsiteError as error:
                problems.append(error)
    option_sets = {
        "insurance": {key: [label("insurance", key, "zh"), label("insurance", key, "en")]
                      for key in choices(Insurance)},
        "category": {key: [policy.category_name(key, "zh"), policy.category_name(key, "en")]
                     for key in policy.categories},
        "care": {key: [label("care", key, "zh"), label("care", key, "en")] for key in choices(Care)},
    }
    for name, options in option_sets.items():
        if text_of(cell(name)):
            try:
                values[name] = choice_of(text_of(cell(name)), options)
            except ValueError:
                listed = "、".join(f"{names[0]}（{key}）" for key, names in options.items())
                listed_en = ", ".join(options)
                bad(name, cell(name), both(f"以下之一：{listed}", f"one of {listed_en}"))
    for name in choices(Event):  # the episode's dates are the days a deadline may count from
        try:
            day = cell_date(cell(name))
        except (ValueError, OverflowError):
            bad(name, cell(name), both("日期，例如 2026-11-05、2026/11/5 或 2026年11月5日",
                                            "a date, e.g. 2026-11-05, 2026/11/5 or 2026年11月5日"))
            continue
        if day is not None and not 1900 <= day.year <= 2200:
            bad(name, cell(name), both("1900 至 2200 年之间的日期", "a date between 1900 and 2200"))
        elif day is not None:
            values[name] = day
    for name in ("filed", "direct_settlement"):
        try:
            answer = yes_no(cell(name))
        except ValueError:
            bad(name, cell(name), both("是 或 否", "yes or no (是/否)"))
            continue
        if answer is not None:
            values[name] = answer
    try:
        amount = amount_of(cell("amount"))
        if amount is not None:
            values["amount"] = amount
    except ValueError:
        if "amount" in headers:
            bad("amount", cell("amount"), both("不小于 0 的金额（元），例如 12873.50",
                                                    "yuan, 0 or more, e.g. 12873.50"))
    admitted, discharged = values.get("admitted"), values.get("discharged")
    if admitted and discharged and discharged < admitted:
        bad("discharged", discharged.isoformat(), both(
            f"不早于入院日期 {admitted.isoformat()} 的日期", f"a date not before admission ({admitted.isoformat()})"))
    if values.get("filed_on") and values.get("filed") is False:
        bad("filed", "否", both("给出备案日期时应为 是", "yes when a filing date is given"))
    if values.get("category") and policy and values["category"] not in policy.categories:
        bad("category", cell("category"), both("政策配置中的人员类别", "a category of the profile"))
    return values


def _tables(values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {"person": {}, "insured": {}, "episode": {}}
    for name, (table_name, key, _) in COLUMNS.items():
        if table_name and name in values:
            tables[table_name][key] = values[name]
    return tables


def _row_plan(number: int, values: dict[str, Any], root: Path) -> RowPlan:
    tables = _tables(values)
    given = {name: dict(table) for name, table in tables.items()}
    masked = ids.mask(values["id_number"]) if values.get("id_number") else ""
    return RowPlan(row=number, folder=root, name=values["name"], id_number=masked, tables=tables,
                   profile=values.get("profile"), given=given)


def _duplicates(sheet: Sheet, planned: list[RowPlan], problems: list[OffsiteError]) -> None:
    """The same person (ID number, else name) and the same episode (admission, else discharge)."""
    seen: dict[tuple[str, str], RowPlan] = {}
    for item in planned:
        person = item.tables["person"].get("id_number") or item.name
        episode = item.tables["episode"]
        when = episode.get("admitted") or episode.get("discharged")
        key = (person, when.isoformat() if when else "")
        if key in seen:
            problems.append(BadInput("roster_duplicate", file=sheet.path.name, row=item.row,
                                     other=seen[key].row, name=item.name,
                                     id=item.id_number or "—", date=key[1] or "—"))
        else:
            seen[key] = item


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _name_folders(planned: list[RowPlan], root: Path) -> None:
    def month(item: RowPlan, day_too: bool = False) -> str:
        episode = item.tables["episode"]
        when = episode.get("discharged") or episode.get("admitted")
        if day_too:
            when = episode.get("admitted") or episode.get("discharged")
        if when is None:
            return ""
        return when.isoformat() if day_too else when.strftime("%Y-%m")

    def base(item: RowPlan, level: int) -> str:
        name = _UNSAFE.sub("_", item.name).strip(". ") or "dossier"
        parts = [name, month(item, day_too=level >= 1)]
        if level >= 2:
            parts.append((item.tables["person"].get("id_number") or f"row{item.row}")[-4:])
        return "-".join(part for part in parts if part)

    def folder_at(item: RowPlan, level: int) -> Path:
        return root / (base(item, level) + (f"-row{item.row}" if level >= 3 else ""))

    levels = {id(item): 0 for item in planned}
    for _ in range(8):  # a level goes up at most 3 times per row
        changed = False
        names: dict[str, list[RowPlan]] = {}
        for item in planned:
            names.setdefault(folder_at(item, levels[id(item)]).name.lower(), []).append(item)
        for group in names.values():  # rows of the roster that would share a folder
            if len(group) > 1:
                for item in group:
                    if levels[id(item)] < 3:
                        levels[id(item)] += 1
                        changed = True
        for item in planned:  # a folder already holding another person's or episode's dossier
            while levels[id(item)] < 3 and _someone_else(folder_at(item, levels[id(item)]), item):
                levels[id(item)] += 1
                changed = True
        if not changed:
            break
    for item in planned:
        item.folder = folder_at(item, levels[id(item)])


def _someone_else(folder: Path, item: RowPlan) -> bool:
    """Whether the folder holds the dossier of another person or another episode than the row's
    (ID number, else name; admission, else discharge): then the row gets a folder of its own."""
    try:
        data = tomllib.loads((folder / case_file.CASE_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # none, or one that cannot be read: `_existing` says what it is
    person = data.get("person", {}) if isinstance(data.get("person"), dict) else {}
    episode = data.get("episode", {}) if isinstance(data.get("episode"), dict) else {}
    row_id = item.tables["person"].get("id_number")
    their_id = str(person.get("id_number", "")).strip().upper()
    if row_id and their_id:
        if row_id != their_id:
            return True
    elif str(person.get("name", "")).strip() != item.name:
        return True
    row_episode = item.tables["episode"]
    mine = row_episode.get("admitted") or row_episode.get("discharged")
    theirs = episode.get("admitted") or episode.get("discharged")
    return bool(mine and theirs and mine != theirs)


def _existing(item: RowPlan, update: bool, today: date, lang: str) -> None:
    """Plan what happens to the row's folder: new, left alone, or merged (--update)."""
    target = item.folder / case_file.CASE_FILE
    if item.folder.exists() and not item.folder.is_dir():
        raise BadInput("folder_not_dir", field="DIR", value=str(item.folder))
    if not target.exists():
        item.outcome = Outcome.CREATED
        case_text = case_file.dumps(item.tables, item.profile, [])
        case = case_file.parse(tomllib.loads(case_text), item.folder, target, today)
        policy = profiles.load(item.profile or profiles.DEFAULT_PROFILE)
        classification = rules.classify(situation_of(case, policy), policy, today, lang)
        item.scaffold = scaffold.plan(item.folder, item.tables, item.profile, [], classification,
                                      policy, lang, False, case)
        return
    if not update:
        item.outcome = Outcome.EXISTS
        return
    item.merged_text = merge(target, item.given, item.profile, today)
    original = target.read_text(encoding="utf-8")
    item.outcome = Outcome.UNCHANGED if item.merged_text == original else Outcome.UPDATED


def merge(path: Path, given: dict[str, dict[str, Any]], profile_id: str | None, today: date) -> str:
    """The case.toml with the roster's cells written into it, the rest (comments, order, other
    keys, receipts, documents) as the clerk left it; checked as `dossier check` will read it."""
    import tomlkit

    try:
        original = path.read_text(encoding="utf-8")
        document = tomlkit.parse(original)
    except OSError as error:
        raise WorkFailed("case_unreadable", file=str(path), reason=os_reason(error)) from None
    except Exception:  # noqa: BLE001 - tomlkit's parse errors; tomllib words them for the clerk
        case_file.load(path.parent, today)  # raises the loader's own message
        raise
    if profile_id and document.get("profile") != profile_id:
        document["profile"] = profile_id
    for table_name, values in given.items():
        if not values:
            continue
        if table_name not in document:
            document[table_name] = tomlkit.table()
        table = document[table_name]
        for key, value in values.items():
            if table.get(key) != value:
                table[key] = value
    text = tomlkit.dumps(document)
    case_file.parse(tomllib.loads(text), path.parent, path, today)  # what is written must load
    return text


# ------------------------------------------------------------------------------------- writing


def write(import_plan: ImportPlan) -> None:
    """Create the new dossiers and merge the updated ones; on a failure, the dossiers this run
    created are taken away again and the case files it merged are put back (WorkFailed)."""
    created: list[RowPlan] = []
    restored: list[tuple[Path, str]] = []
    try:
        for item in import_plan.rows:
            if item.outcome is Outcome.CREATED and item.scaffold is not None:
                item.made = [parent for parent in [item.folder, *item.folder.parents]
                             if not parent.exists()]
                scaffold.write(item.scaffold)
                created.append(item)
            elif item.outcome is Outcome.UPDATED:
                target = item.folder / case_file.CASE_FILE
                original = target.read_text(encoding="utf-8")
                atomic.write_text(target, item.merged_text)
                restored.append((target, original))
    except (OffsiteError, OSError) as error:
        for item in reversed(created):
            _remove(item)
        for target, original in restored:
            try:
                atomic.write_text(target, original)
            except OSError:
                pass
        if isinstance(error, OffsiteError):
            raise
        raise WorkFailed("write_failed", file=str(error.filename or import_plan.roster),
                         reason=os_reason(error)) from None


def _remove(item: RowPlan) -> None:
    folder = item.folder
    for name in (case_file.CASE_FILE, scaffold.README_FILE):
        (folder / name).unlink(missing_ok=True)
    for name in item.scaffold.sub_folders if item.scaffold else []:
        try:
            (folder / name).rmdir()
        except OSError:
            pass
    for path in item.made:
        try:
            path.rmdir()
        except OSError:
            pass
