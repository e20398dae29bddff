"""Administrative division codes: lookup by code or name, planning areas, and the scope of an episode."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from offsite_cli.base import resources
from offsite_cli.base.errors import BadInput
from offsite_cli.base.i18n import both
from offsite_cli.policy.values import Scope

MUNICIPALITIES = frozenset({"11", "12", "31", "50"})

# Longest first, so that 自治县 is stripped before 县.
_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
    "林区", "地区", "新区", "省", "市", "区", "县", "盟", "旗",
)
_CODE = re.compile(r"\d{6}")
_HEADER = ["代码", "一级行政区", "二级行政区", "名称", "级别", "状态", "启用时间", "变更/弃用时间", "新代码"]


class Region(NamedTuple):
    code: str
    province: str
    prefecture: str  # "" for a province, "直辖" for a county directly under a province-level unit
    name: str
    level: str  # 省级 / 地级 / 县级
    in_use: bool
    since: int | None
    until: int | None
    successors: tuple[str, ...] = ()

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def full_name(self) -> str:
        """Province, prefecture and name, without repeats: 山西省晋城市阳城县."""
        parts = [self.province]
        if self.prefecture and self.prefecture not in ("直辖", self.province):
            parts.append(self.prefecture)
        if self.name not in parts:
            parts.append(self.name)
        return "".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "full_name": self.full_name,
            "level": self.level,
            "in_use": self.in_use,
            "since": self.since,
            "until": self.until,
            "successors": list(self.successors),
        }


# Ethnic groups named in autonomous areas (延边朝鲜族自治州 → 延边, 湘西土家族苗族自治州 → 湘西).
_ETHNIC = tuple(sorted((
    "各", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西",
    "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
    "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
    "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
), key=len, reverse=True))


def short_name(name: str) -> str:
    """晋城市 → 晋城, 徐汇区 → 徐汇, 凉山彝族自治州 → 凉山; never shorter than two characters."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            name = name[: -len(suffix)]
            break
    else:
        return name
    stripped = True
    while stripped and name.endswith("族"):
        stripped = False
        for group in _ETHNIC:
            cut = len(group) + 1
            if name.endswith(group + "族") and len(name) - cut >= 2:
                name, stripped = name[:-cut], True
                break
    return name


def _year(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _successors(text: str) -> tuple[str, ...]:
    """Codes that replaced a retired one; `[YEAR]` entries date boundary changes and are kept too."""
    return tuple(part.split("[")[0] for part in text.split(";") if part.strip())


_STATUS_RANK = {"在用": 0, "弃用": 1, "变更": 2}  # in use, retired, a former name of the code


def _rank(row: list[str]) -> tuple[int, int]:
    """Sort key choosing a code's main row: in use first, then the newest."""
    return (_STATUS_RANK.get(row[5].strip(), 1), -(_year(row[6]) or 0))


def _region(row: list[str]) -> Region:
    status = row[5].strip()
    in_use = status not in ("弃用", "变更")
    return Region(
        code=row[0].strip(), province=row[1].strip(), prefecture=row[2].strip(),
        name=row[3].strip(), level=row[4].strip(), in_use=in_use, since=_year(row[6]),
        until=_year(row[7]), successors=_successors(row[8]) if status == "弃用" else (),
    )


def _read_shipped(path: Path) -> bytes:
    """The shipped table's bytes (our own UTF-8 file), its header checked: it is searched as
    bytes for one code, and decoded whole only when every row is needed (decoding its 470 KB of
    Chinese took a few milliseconds of every command's start)."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise BadInput("regions_unreadable", file=str(path), reason=str(error)) from None
    content = content.removeprefix(b"\xef\xbb\xbf")
    _check_header(path, content.split(b"\n", 1)[0].decode("utf-8", "replace"))
    return b"\n" + content  # (each row, the first too, is found after a line break)


def _read_text(path: Path) -> str:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput("regions_unreadable", file=str(path), reason=str(error)) from None
    _check_header(path, content.split("\n", 1)[0])
    return content


def _check_header(path: Path, first_line: str) -> None:
    header = first_line.strip().split(",")
    if [h.strip() for h in header[: len(_HEADER)]] != _HEADER:
        raise BadInput("bad_file_header", file=str(path), expected=",".join(_HEADER))


def _split(lines: list[str]) -> list[list[str]]:
    """CSV lines into cells: with the csv module where a cell is quoted (a user's file; the
    shipped table has none, and is split faster without it)."""
    if any('"' in line for line in lines):
        import csv

        return list(csv.reader(lines))
    return [line.split(",") for line in lines]


def _parse_rows(path: Path, content: str) -> dict[str, list[list[str]]]:
    """code → its rows, the main one first (see _rank)."""
    split_rows = _split(content.splitlines())
    rows: dict[str, list[list[str]]] = {}
    for line_number, row in enumerate(split_rows[1:], start=2):
        if not row or not row[0].strip():
            continue
        row = (row + [""] * len(_HEADER))[: len(_HEADER)]
        code = row[0].strip()
        if len(code) != 6 or not code.isdigit():
            raise BadInput("bad_region_row", file=str(path), line=line_number, value=code,
                           expected="110105")
        rows.setdefault(code, []).append(row)
    for code_rows in rows.values():
        code_rows.sort(key=_rank)
    return rows


class RegionTable:
    """All codes, shipped and the user's own (which win), with name lookup built on first use."""

    def __init__(self, shipped: bytes, user: dict[str, list[list[str]]] | None = None) -> None:
        # The shipped table stays bytes until a name lookup needs every row: one code is found by
        # searching them, which keeps `offsite check` with codes quick to start.
        self._shipped = shipped
        self._user = user or {}
        self._all_rows: dict[str, list[list[str]]] | None = None
        self._made: dict[str, Region] = {}
        self._by_full_name: dict[str, list[Region]] | None = None
        self._by_short_name: dict[str, list[Region]] = {}

    def _rows(self) -> dict[str, list[list[str]]]:
        if self._all_rows is None:
            self._all_rows = _parse_rows(resources.areacodes_csv(), self._shipped[1:].decode("utf-8"))
            self._all_rows.update(self._user)
        return self._all_rows

    def _code_rows(self, code: str) -> list[list[str]]:
        """Every row of a code, the main one first."""
        if self._all_rows is not None:
            return self._all_rows.get(code, [])
        if code in self._user:
            return self._user[code]
        if not (len(code) == 6 and code.isdigit()):
            return []
        needle = f"\n{code},".encode("ascii")
        found, at = [], self._shipped.find(needle)
        while at >= 0:
            end = self._shipped.find(b"\n", at + 1)
            row = _split([self._shipped[at + 1: end if end >= 0 else None].decode("utf-8")])[0]
            found.append((row + [""] * len(_HEADER))[: len(_HEADER)])
            at = self._shipped.find(needle, at + 1)
        return sorted(found, key=_rank)

    @property
    def by_code(self) -> dict[str, Region]:
        """Every region (builds them all: for name lookups and listings, not for one code)."""
        rows = self._rows()
        if len(self._made) < len(rows):
            for code in rows:
                self.get(code)
        return self._made

    def _names(self) -> dict[str, list[Region]]:
        if self._by_full_name is None:
            self._by_full_name = {}
            for region in self.by_code.values():
                self._by_full_name.setdefault(region.name, []).append(region)
                self._by_short_name.setdefault(short_name(region.name), []).append(region)
            # Former names of a code (rows marked 变更) find it too, after its present names.
            self._by_former_name: dict[str, list[Region]] = {}
            for code, rows in self._rows().items():
                for row in rows[1:]:
                    former = row[3].strip()
                    region = self.by_code[code]
                    for key in {former, short_name(former)}:
                        if key != region.name and region not in self._by_former_name.get(key, []):
                            self._by_former_name.setdefault(key, []).append(region)
        return self._by_full_name

    def get(self, code: str) -> Region | None:
        region = self._made.get(code)
        if region is None:
            rows = self._code_rows(code)
            if not rows:
                return None
            region = self._made[code] = _region(rows[0])
        return region

    def _provinces(self) -> list[Region]:
        return [r for r in self.by_code.values() if r.level == "省级"]
    def find(self, text: str) -> list[Region]:
        """Every region matching a code or a name; in-use ones first."""
        text = text.strip().replace(" ", "")
        if _CODE.fullmatch(text):
            region = self.get(text)
            return [region] if region else []
        matches = self._match_name(text)
        if not matches:
            # 山西省晋城市, 北京朝阳区: a province (or prefecture) prefix narrows the search.
            for province in self._provinces():
                for prefix in (province.name, short_name(province.name)):
                    if text.startswith(prefix) and len(text) > len(prefix):
                        rest = text[len(prefix):]
                        matches = [
                            r for r in self._match_name(rest) if r.code[:2] == province.code[:2]
                        ]
                        if not matches:
                            matches = [
                                r for r in self._match_prefecture_path(rest)
                                if r.code[:2] == province.code[:2]
                            ]
                        break
                if matches:
                    break
            if not matches:
                matches = self._match_prefecture_path(text)
        in_use = [r for r in matches if r.in_use]
        found = sorted(in_use or matches, key=lambda r: r.code)
        # 南昌 is 南昌市 rather than 南昌县 inside it: a prefecture wins over its own counties.
        prefectures = [r for r in found if r.level == "地级"]
        if len(found) > 1 and len(prefectures) == 1 and all(
                r is prefectures[0] or r.code[:4] == prefectures[0].code[:4] for r in found):
            return prefectures
        return found

    def _match_name(self, text: str) -> list[Region]:
        """Full names first (in use before retired), then short names."""
        exact = self._names().get(text, [])
        if any(r.in_use for r in exact):
            return list(exact)
        short = self._by_short_name.get(text, [])
        if any(r.in_use for r in short):
            return list(short)
        former = self._by_former_name.get(text, [])
        if any(r.in_use for r in former):
            return list(former)
        return list(exact or short or former)

    def _match_prefecture_path(self, text: str) -> list[Region]:
        """长春市朝阳区 / 长春朝阳区: a prefecture name followed by a county name."""
        found = []
        for prefecture in (r for r in self.by_code.values() if r.level == "地级" and r.in_use):
            for prefix in (prefecture.name, short_name(prefecture.name)):
                if text.startswith(prefix) and len(text) > len(prefix):
                    rest = text[len(prefix):]
                    found += [
                        r for r in self._match_name(rest)
                        if r.code[:4] == prefecture.code[:4] and r.level == "县级"
                    ]
                    break
        return found

    def resolve(self, text: str, field_name: str) -> Region:
        """Exactly one region, or bad input naming the field, the value and the candidates."""
        value = str(text).strip()
        if not value:
            raise BadInput("region_empty", field=field_name)
        matches = self.find(value)
        if not matches:
            if _CODE.fullmatch(value):
                raise BadInput("region_unknown_code", field=field_name, value=value)
            near = self.similar(value)
            if near:
                listed = [f"{r.full_name} {r.code}" for r in near]
                raise BadInput("region_did_you_mean", field=field_name, value=value,
                               candidates=both("、".join(listed), ", ".join(listed)))
            raise BadInput("region_unknown_name", field=field_name, value=value)
        if len(matches) > 1:
            listed = [f"{r.full_name} {r.code}" for r in matches[:12]]
            raise BadInput("region_ambiguous", field=field_name, value=value,
                           candidates=both("、".join(listed), ", ".join(listed)))
        return matches[0]

    def similar(self, text: str, limit: int = 3) -> list[Region]:
        """In-use regions whose name (full or short) is one typing slip from `text` (two for a
        name of five characters or more): 晋成 → 晋城市. The closest first, at most `limit`."""
        wanted = text.strip().replace(" ", "")
        if not wanted or _CODE.fullmatch(wanted):
            return []
        allowed = 1 if len(wanted) < 5 else 2
        scored: dict[str, tuple[int, Region]] = {}
        for region in self.by_code.values():
            if not region.in_use:
                continue
            for name in {region.name, short_name(region.name)}:
                if abs(len(name) - len(wanted)) > allowed or len(name) < 2:
                    continue
                distance = edit_distance(wanted, name, allowed)
                if distance <= allowed and distance < scored.get(region.code, (99, region))[0]:
                    scored[region.code] = (distance, region)
        ranked = sorted(scored.values(), key=lambda item: (
            item[0], item[1].name[0] != wanted[0], _LEVELS.get(item[1].level, 9), item[1].code))
        return [region for _, region in ranked[:limit]]

    def current(self, region: Region) -> Region:
        """The in-use region a retired code turned into (following successors), or itself."""
        seen = set()
        while not region.in_use and region.successors and region.code not in seen:
            seen.add(region.code)
            successor = self.get(region.successors[0])
            if successor is None:
                break
            region = successor
        return region

    def prefecture_of(self, region: Region) -> Region | None:
        code = region.code[:4] + "00"
        found = self.get(code)
        return found if found is not None and found.level == "地级" else None


_LEVELS = {"省级": 0, "地级": 1, "县级": 2}


def edit_distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance (a character added, dropped or changed), cut short above `limit`."""
    previous = list(range(len(second) + 1))
    for row, left in enumerate(first, start=1):
        current = [row]
        for column, right in enumerate(second, start=1):
            current.append(min(previous[column] + 1, current[column - 1] + 1,
                               previous[column - 1] + (left != right)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@lru_cache(maxsize=1)
def table() -> RegionTable:
    shipped = _read_shipped(resources.areacodes_csv())
    user_file = resources.user_regions_csv()
    user = _parse_rows(user_file, _read_text(user_file)) if user_file.is_file() else None
    return RegionTable(shipped, user)


def planning_area(region: Region, overrides: dict[str, str] | None = None) -> str:
    """The overall planning area (统筹区) code: prefecture by default, a municipality whole,
    a county directly under a province on its own; a profile's overrides win."""
    regions = table()
    current = regions.current(region)
    overrides = overrides or {}
    for code in (current.code, current.code[:4] + "00"):
        if code in overrides:
            return overrides[code]
    if current.code[:2] in MUNICIPALITIES or current.level == "省级":
        return current.code[:2] + "0000"
    if current.level == "地级":
        return current.code
    if current.prefecture == "直辖":
        return current.code
    prefecture = regions.prefecture_of(current)
    return prefecture.code if prefecture else current.code


def scope_of(insured: Region, treatment: Region, overrides: dict[str, str] | None = None,
             outside: frozenset[str] = frozenset()) -> Scope:
    """The scope of an episode; `outside` holds the two-digit province codes outside the
    off-site scheme (a profile's [[outside_scheme]])."""
    regions = table()
    insured_now, treatment_now = regions.current(insured), regions.current(treatment)
    if treatment_now.code[:2] in outside or insured_now.code[:2] in outside:
        return Scope.OUTSIDE_SCHEME
    if planning_area(insured_now, overrides) == planning_area(treatment_now, overrides):
        return Scope.LOCAL
    if insured_now.code[:2] == treatment_now.code[:2]:
        return Scope.INTRA_PROVINCE
    return Scope.CROSS_PROVINCE
