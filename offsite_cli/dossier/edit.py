"""Changes to an existing case.toml that keep the clerk's comments and layout: a line of [[history]],
a receipt added or removed. The text is edited with tomlkit (imported here only: the commands that
write are the only ones that pay for it) and the result is read back by the loader before it is
written, so that a change is refused with the loader's own message and the file left as it was."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from offsite_cli.base import atomic
from offsite_cli.base.errors import BadInput, WorkFailed, os_reason, toml_reason
from offsite_cli.dossier import case as case_file
from offsite_cli.dossier.duplicates import normal_number


@dataclass(frozen=True)
class Edit:
    """A case.toml as it is and as it will be once `write` is called."""

    path: Path
    before: str
    after: str
    case: case_file.Case  # the case as `after` says it (checked by the loader)

    def write(self) -> None:
        if self.after != self.before:
            atomic.write_text(self.path, self.after)  # WorkFailed (exit 3) if it cannot


def read_text(folder: Path, today: date | None = None) -> tuple[case_file.Case, str]:
    """The case (checked: a folder without a good case.toml is bad input) and its text as it is."""
    case = case_file.load(folder, today)
    try:
        return case, case.path.read_bytes().decode("utf-8")
    except OSError as error:
        raise WorkFailed("case_unreadable", file=str(case.path), reason=os_reason(error)) from None


def _document(text: str, path: Path) -> Any:
    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        return tomlkit.parse(text)
    except ParseError as error:  # tomllib read it: tomlkit should too
        raise BadInput("case_syntax", file=str(path), reason=toml_reason(error)) from None


def _finish(folder: Path, path: Path, before: str, document: Any, today: date | None) -> Edit:
    import tomlkit

    after = tomlkit.dumps(document)
    if not after.endswith("\n"):
        after += "\n"
    if "\r\n" in before:  # a file saved on Windows: the new lines end as its lines do
        after = after.replace("\r\n", "\n").replace("\n", "\r\n")
    try:
        data = tomllib.loads(after)
    except tomllib.TOMLDecodeError as error:
        raise BadInput("case_syntax", file=str(path), reason=toml_reason(error)) from None
    return Edit(path=path, before=before, after=after,
                case=case_file.parse(data, folder, path, today))


def _append(document: Any, key: str, values: dict[str, object]) -> None:
    """One more table in the array of tables `key` (made at the end of the file when there is
    none), after a blank line; the comments and blank lines that followed the last entry (they
    belong to what comes after it) stay after the new one."""
    import tomlkit
    from tomlkit.items import Float, Trivia

    table = tomlkit.table()
    table.trivia.indent = "\n"
    for name, value in values.items():
        if value is None or value == "":
            continue
        if isinstance(value, float):  # yuan, written with two decimals as a clerk writes them
            value = Float(value, Trivia(), f"{value:.2f}")
        table.add(name, value)
    if key not in document:
        document.append(key, tomlkit.aot())
    array = document[key]
    trailing: list[Any] = []
    if len(array):
        body = array[-1].value.body
        while body and body[-1][0] is None:  # whitespace and comments: no key
            trailing.insert(0, body.pop())
    array.append(table)
    array[-1].value.body.extend(trailing)


def add_history(folder: Path, entry: dict[str, object], today: date | None = None) -> Edit:
    """One more [[history]] entry (date, status, amount, note), checked by the loader."""
    case, before = read_text(folder, today)
    document = _document(before, case.path)
    _append(document, "history", entry)
    return _finish(folder, case.path, before, document, today)


def add_receipt(folder: Path, entry: dict[str, object], today: date | None = None) -> Edit:
    """One more [[receipts]] entry (number, date, amount, item), checked by the loader."""
    case, before = read_text(folder, today)
    document = _document(before, case.path)
    _append(document, "receipts", entry)
    return _finish(folder, case.path, before, document, today)


def remove_receipt(folder: Path, number: str, today: date | None = None) -> Edit:
    """The [[receipts]] entries whose number is `number` taken out; none is bad input."""
    case, before = read_text(folder, today)
    wanted = normal_number(number)
    known = [receipt.number for receipt in case.receipts if receipt.number]
    if not any(normal_number(other) == wanted for other in known):
        raise BadInput("receipt_unknown", file=str(case.path), value=number,
                       known=", ".join(known) or "—")
    document = _document(before, case.path)
    receipts = document["receipts"]
    for index in reversed(range(len(receipts))):
        if normal_number(str(receipts[index].get("number", ""))) == wanted:
            del receipts[index]
    if not len(receipts):
        del document["receipts"]
    return _finish(folder, case.path, before, document, today)
