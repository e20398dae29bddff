"""Which document a file is: by sub-folder, by words in its name, by words in a PDF's text.

Words come from the profile (`words_zh`, `words_en` of each document, plus the id itself). A word
found inside a longer word of another document does not count ("id card" beats "card"); when two
documents still match, the file is ambiguous and nobody guesses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from offsite_cli.policy.profiles import Profile

_SEPARATORS = re.compile(r"[\s_\-.+,;:()\[\]{}【】《》、，。·#&=~/\\]+")
_LEADING_NUMBER = re.compile(r"^\d{1,3} ")
TITLE_LINES = 3  # a PDF's title zone: where "出院小结" or "医疗收费票据" is printed
TITLE_CHARS = 80


def normalize(value: str) -> str:
    """NFKC (full-width → half-width), lower case, separators → one space."""
    value = unicodedata.normalize("NFKC", value).lower()
    return _SEPARATORS.sub(" ", value).strip()


@dataclass(frozen=True)
class Vocabulary:
    """The words and names of every document of a profile, normalized once."""

    words: tuple[tuple[str, str, bool], ...]  # (document id, word, ascii word)
    names: dict[str, str]  # normalized id / zh name / en name → document id
    ids: tuple[tuple[str, str], ...]  # (normalized id, document id), longest first

    def documents_in(self, value: str) -> set[str]:
        """The documents whose words occur in a text, longer overlapping words winning."""
        spans: list[tuple[int, int, str]] = []
        for document_id, word, is_ascii in self.words:
            start = value.find(word)
            while start >= 0:
                end = start + len(word)
                if not is_ascii or (_boundary(value, start - 1) and _boundary(value, end)):
                    spans.append((start, end, document_id))
                start = value.find(word, start + 1)
        found = set()
        for start, end, document_id in spans:
            inside_longer = any(
                other != document_id and s <= start and end <= e and (e - s) > (end - start)
                for s, e, other in spans
            )
            if not inside_longer:
                found.add(document_id)
        return found

    def folder_documents(self, component: str) -> set[str]:
        """A folder named by a document's id or name (optionally numbered, optionally followed by
        more words: "05-receipt-发票"), else by its words."""
        value = _LEADING_NUMBER.sub("", normalize(component))
        if value in self.names:
            return {self.names[value]}
        for normalized_id, document_id in self.ids:
            if value.startswith(normalized_id + " "):
                return {document_id}
        for name, document_id in self.names.items():
            if len(name) > 3 and value.startswith(name):
                return {document_id}
        return self.documents_in(value)


def _boundary(value: str, index: int) -> bool:
    return index < 0 or index >= len(value) or not ("a" <= value[index] <= "z")


@lru_cache(maxsize=8)
def _vocabulary(key: tuple[tuple[str, tuple[str, ...], str, str], ...]) -> Vocabulary:
    words: list[tuple[str, str, bool]] = []
    names: dict[str, str] = {}
    ids: list[tuple[str, str]] = []
    for document_id, document_words, zh_name, en_name in key:
        seen = set()
        for word in (*document_words, document_id):
            normalized = normalize(word)
            if normalized and normalized not in seen:
                seen.add(normalized)
                words.append((document_id, normalized, normalized.isascii()))
        ids.append((normalize(document_id), document_id))
        for name in (document_id, zh_name, en_name):
            if name:
                names.setdefault(normalize(name), document_id)
    ids.sort(key=lambda pair: -len(pair[0]))
    return Vocabulary(words=tuple(words), names=names, ids=tuple(ids))


def vocabulary(profile: Profile) -> Vocabulary:
    key = tuple(
        (document_id, tuple(data.get("words_zh", [])) + tuple(data.get("words_en", [])),
         str(data.get("zh", "")), str(data.get("en", "")))
        for document_id, data in profile.documents.items()
    )
    return _vocabulary(key)


def by_folder(relative: str, words: Vocabulary) -> set[str]:
    """The nearest enclosing sub-folder that names a document decides."""
    parts = relative.split("/")[:-1]
    for component in reversed(parts):
        found = words.folder_documents(component)
        if found:
            return found
    return set()


def by_name(relative: str, words: Vocabulary) -> set[str]:
    name = relative.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    return words.documents_in(normalize(stem))


def by_title(content: str, words: Vocabulary) -> set[str]:
    """The documents a PDF's title names: the first of its top lines that names one."""
    lines = [normalize(line) for line in content.splitlines()]
    for line in [line for line in lines if line][:TITLE_LINES]:
        title = words.documents_in(line[:TITLE_CHARS])
        if title:
            return title
    return set()


def misfiled(relative: str, folder: set[str], content: str, words: Vocabulary) -> set[str]:
    """The other documents a file in a document's folder clearly is, by its name or its PDF
    title ("病案首页.jpg" among the receipts, "备案截图.png" among the diagnosis certificates):
    empty when the name and the title name nothing, or name the folder's document too."""
    named = by_name(relative, words)
    if named and not named & folder:
        return named
    if named:
        return set()
    titled = by_title(content, words) if content else set()
    return titled if titled and not titled & folder else set()


def by_text(content: str, words: Vocabulary) -> set[str]:
    """The title (the first of the top lines naming a document); else the one document clearly
    most named in the first pages."""
    lines = [normalize(line) for line in content.splitlines()]
    lines = [line for line in lines if line][:TITLE_LINES]
    if not lines:
        return set()
    title = by_title(content, words)
    if title:
        return title
    value = " ".join(normalize(line) for line in content.splitlines())
    counts: dict[str, int] = {}
    for document_id, word, is_ascii in words.words:
        hits = value.count(word) if not is_ascii else len(
            re.findall(rf"(?<![a-z]){re.escape(word)}(?![a-z])", value))
        if hits:
            counts[document_id] = counts.get(document_id, 0) + hits
    if not counts:
        return set()
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return {ranked[0][0]}
    return {document_id for document_id, _ in ranked[:2]}
