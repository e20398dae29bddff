"""Text as it reaches a person's screen: ID numbers masked, one line, no control sequences.

Every line printed for people passes through `line` (errors, notes, table cells): a value from a
case file or a file name can hold an ID number, a line break or a terminal escape sequence
(`\\x1b]0;…\\x07` retitles the window, `\\x1b[2J` clears it). JSON for scripts is not made here:
it keeps the real values (json.dumps escapes control characters itself).
"""

from __future__ import annotations

import re

# An ID-number-shaped run: 17 digits and a digit or X, not inside a longer run of digits. A longer
# run (a bank card, an ID with a digit stuck to it) is masked as a whole but for its ends.
# (Patterns, compiled by `re` where first used and kept there: a command that shows no text
# pays nothing for them at its start.)
_ID_RUN = r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])"
_LONG_RUN = r"[0-9]{15,}[0-9Xx]?"
# C0 and C1 controls, DEL, and the Unicode marks that reorder or hide text (bidi overrides and
# isolates, zero-width joiners, line and paragraph separators, the BOM).
_CONTROL = ("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff"
            "\udc80-\udcff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


_AS_IS: set[str] = set()  # long numbers a case records as what they are: its receipt numbers


def show_as_is(numbers: object, unless: object = ()) -> None:
    """Numbers that are shown as they are, though long enough to look like an ID or a card: the
    receipt numbers a case records (typed or read off its e-receipts), which the clerk must be able
    to read and copy (`receipt remove NUMBER`). Never one of `unless` (the person's own ID number,
    the guardian's), whatever it was typed as. For the run of one command (forget_as_is)."""
    kept = {str(number).upper() for number in unless if number}  # type: ignore[attr-defined]
    for number in numbers:  # type: ignore[attr-defined]
        value = str(number).strip()
        if len(value) >= 15 and value.upper() not in kept:
            _AS_IS.add(value)


def forget_as_is() -> None:
    _AS_IS.clear()


def mask_ids(text: str) -> str:
    """Every ID-number-shaped run masked as policy.ids.mask does (region and the last four stay);
    a longer run of digits keeps only its first and last four. A receipt number the case records
    (show_as_is) is shown as it is."""
    def id_run(found: re.Match[str]) -> str:
        value = found.group()
        return value if value in _AS_IS else value[:6] + "*" * 8 + value[14:]

    def long_run(found: re.Match[str]) -> str:
        value = found.group()
        return value if value in _AS_IS else value[:4] + "*" * (len(value) - 8) + value[-4:]

    return re.sub(_LONG_RUN, long_run, re.sub(_ID_RUN, id_run, text))


def _escaped(found: re.Match[str]) -> str:
    character = found.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Control characters written out (`\\n`, `\\x1b`, `\\u202e`): the text stays on one line
    and no sequence reaches the terminal."""
    return re.sub(_CONTROL, _escaped, text)


def line(text: object) -> str:
    """What a person may be shown of `text`: IDs masked, control characters written out."""
    return escape_controls(mask_ids(str(text)))


def lines(text: object) -> str:
    """`line` for each of the text's own lines, its line breaks kept (a block of lines: a note
    on standard error, what Rich draws of a table)."""
    return "\n".join(line(part) for part in str(text).split("\n"))


def has_controls(text: str) -> bool:
    return re.search(_CONTROL, text) is not None
