"""Custom tags (GB/T 33190 §16): which text objects hold which field, as element paths to (page ID, object ID) references.

Some tax-bureau producers write tag files with an empty namespace prefix (`<:eInvoice xmlns:="">`)
that no XML parser accepts; for those the prefixes are dropped and the file parsed again, still
with defusedxml.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from offsite_cli.files.ofd.content import child, children
from offsite_cli.files.ofd.errors import OfdError, Problem, problem_from
from offsite_cli.files.ofd.package import Package, folder, join, local, parse_xml

_PREFIX = re.compile(rb"<(/?)[A-Za-z0-9_.-]*:")
_NAMESPACE = re.compile(rb"""\s+xmlns(:[A-Za-z0-9_.-]*)?\s*=\s*("[^"]*"|'[^']*')""")


def _lenient(package: Package, path: str) -> Element:
    data = package.read(path)
    try:
        return parse_xml(data, path, package.limits)
    except OfdError as error:
        if "not well-formed" not in error.reason:
            raise
    return parse_xml(_NAMESPACE.sub(b"", _PREFIX.sub(rb"<\1", data)), path, package.limits)


def read_tags(package: Package, path: str, problems: list[Problem]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every tagged element (by its path, e.g. eInvoice/Buyer/BuyerName) and the objects it points at."""
    try:
        index = package.xml(path)
    except OfdError as error:
        problems.append(problem_from(error, path, "custom tags"))
        return []
    found: list[tuple[str, list[tuple[str, str]]]] = []
    for tag in children(index, "CustomTag"):
        location = child(tag, "FileLoc")
        if location is None or not (location.text or "").strip():
            continue
        try:
            part = join(folder(path), location.text)
            root = _lenient(package, part)
        except OfdError as error:
            problems.append(problem_from(error, path, "custom tag"))
            continue
        _collect(root, local(root.tag), found, 0)
    return found


def _collect(element: Element, trail: str, found: list, depth: int) -> None:  # noqa: ANN001
    references = [(item.get("PageRef", ""), (item.text or "").strip())
                  for item in element if local(item.tag) == "ObjectRef"]
    if references:
        found.append((trail, references))
    for item in element:
        if local(item.tag) != "ObjectRef" and depth < 32:
            _collect(item, f"{trail}/{local(item.tag)}", found, depth + 1)
