"""TOML read with a bound on nesting: tomllib recurses once per level of arrays and inline
tables, and a file 400-1,000 levels deep would end in a RecursionError (an internal error) or
hand deeply nested data to code that walks it. Deeper than MAX_DEPTH is a syntax error like any
other, so each reader says which file is wrong (exit 2)."""

from __future__ import annotations

import tomllib
from typing import Any

MAX_DEPTH = 32  # levels of tables and arrays; offsite's own files use fewer than 6


class TooDeep(tomllib.TOMLDecodeError):
    """Nesting deeper than MAX_DEPTH (a TOMLDecodeError, so every reader's handler takes it)."""

    def __init__(self, message: str) -> None:
        ValueError.__init__(self, message)  # the signature of TOMLDecodeError changed in 3.14


def _depth(value: Any) -> int:
    deepest, pending = 0, [(value, 0)]
    while pending:
        current, level = pending.pop()
        if isinstance(current, dict):
            children = current.values()
        elif isinstance(current, list):
            children = current
        else:
            continue
        level += 1
        if level > MAX_DEPTH:
            return level
        deepest = max(deepest, level)
        pending.extend((child, level) for child in children)
    return deepest


def loads(text: str) -> dict[str, Any]:
    """tomllib.loads, with nesting deeper than MAX_DEPTH refused as a TOMLDecodeError."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise TooDeep(f"Nested too deeply (more than {MAX_DEPTH} levels)") from None
    if _depth(data) > MAX_DEPTH:
        raise TooDeep(f"Nested too deeply (more than {MAX_DEPTH} levels)")
    return data
