"""The policy profile as loaded: sources, dated rules (entries) and the lookups the rules use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple


class Source(NamedTuple):
    id: str
    title: str
    reference: str  # a seed file, a notice number, a URL-less citation
    date: date | None
    verified: bool
    issuer: str = ""  # who issued it, as people name them

    def citation(self) -> str:
        """The source as people know it: its own title, then its issuer and date where known (no
        file names: those stay in `offsite profiles show --json`)."""
        known = [part for part in (self.issuer, self.date.isoformat() if self.date else "") if part]
        return f"{self.title} ({', '.join(known)})" if known else self.title


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
        cited = [self.sources[source_id].citation() for source_id in entry.sources]
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
