"""The user's settings (config.toml in the config folder): read, check, set and unset, atomically."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from offsite_cli.base import toml_text
from offsite_cli.base import atomic, resources
from offsite_cli.base.errors import BadInput, toml_reason

# key → example; every key is "table.name" with a string value.
KEYS: dict[str, str] = {
    "unit.name": 'offsite config set unit.name "晋城市某某有限公司"',
    "unit.address": 'offsite config set unit.address "晋城市城区某某路1号"',
    "unit.contact": 'offsite config set unit.contact "李四"',
    "unit.phone": "offsite config set unit.phone 0356-1234567",
    "font.path": "offsite config set font.path /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "forms.lang": "offsite config set forms.lang zh",
}
CHOICES = {"forms.lang": ("zh", "en")}  # keys with a fixed set of values
PATH_KEYS = {"font.path"}  # stored as absolute paths


def _check_key(key: str) -> None:
    if key not in KEYS:
        raise BadInput("config_key", setting=key, known=", ".join(KEYS))


def load() -> dict[str, str]:
    """Every known setting that is set, as {"unit.name": "…"}; a broken file is bad input."""
    path = resources.config_file()
    if not path.is_file():
        return {}
    try:
        data = toml_text.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise BadInput("config_syntax", file=str(path), reason=toml_reason(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput("config_unreadable", file=str(path), reason=str(error)) from None
    values: dict[str, str] = {}
    for table, entries in data.items():
        if not isinstance(entries, dict):
            raise BadInput("config_invalid", file=str(path), setting=table, value=repr(entries)[:60],
                           known=", ".join(KEYS))
        for name, value in entries.items():
            key = f"{table}.{name}"
            if key not in KEYS or not isinstance(value, str):
                raise BadInput("config_invalid", file=str(path), setting=key, value=repr(value)[:60],
                               known=", ".join(KEYS))
            values[key] = value
    return values


def get(key: str) -> str | None:
    _check_key(key)
    return load().get(key)


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    for character in "\b\t\n\f\r":
        escaped = escaped.replace(character, f"\\u{ord(character):04x}")
    return f'"{escaped}"'


def dumps(values: dict[str, str]) -> str:
    lines = ["# offsite settings: offsite config set KEY VALUE"]
    tables: dict[str, dict[str, str]] = {}
    for key in KEYS:
        if key in values:
            table, name = key.split(".", 1)
            tables.setdefault(table, {})[name] = values[key]
    for table, entries in tables.items():
        lines += ["", f"[{table}]"]
        lines += [f"{name} = {_quote(value)}" for name, value in entries.items()]
    return "\n".join(lines) + "\n"


def set_value(key: str, value: str, check: Callable[[str], None] | None = None) -> str:
    """Store a setting and return the value as stored (a path made absolute).

    `check` is called with the value to store and raises BadInput for a bad one: the font check,
    which the command passes for font.path (the settings know nothing of fonts)."""
    _check_key(key)
    value = value.strip()
    if not value:
        raise BadInput("config_empty", setting=key, example=KEYS[key])
    if key in CHOICES and value not in CHOICES[key]:
        raise BadInput("choice", field=key, value=value, expected=" | ".join(CHOICES[key]))
    if key in PATH_KEYS:
        value = str(Path(value).expanduser().resolve())
    if check is not None:
        check(value)
    values = load()
    values[key] = value
    atomic.write_text(resources.config_file(), dumps(values))
    return value


def unset(key: str) -> bool:
    """Remove a setting; False when it was not set."""
    _check_key(key)
    values = load()
    if key not in values:
        return False
    del values[key]
    atomic.write_text(resources.config_file(), dumps(values))
    return True
