"""`offsite config set/get/unset/show`: the user's settings (the unit's name, address, contact and phone; font.path)."""

from typing import Annotated

import typer

from offsite_cli.cli.common import NoInputOption, JsonOption, LangOption, emit_json, guarded, resolve_lang
from offsite_cli.base.i18n import text

app = typer.Typer(no_args_is_help=True,
                  help="Settings in config.toml in the config folder: unit.name, unit.address, "
                       "unit.contact, unit.phone, font.path, forms.lang.")

KeyArgument = Annotated[str, typer.Argument(
    metavar="KEY", help="unit.name, unit.address, unit.contact, unit.phone or font.path.")]


@app.command("set")
def set_value(
    key: KeyArgument,
    value: Annotated[str, typer.Argument(metavar="VALUE")],
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Store a setting (a font is checked before it is stored).

    Example: offsite config set unit.name "晋城市某某有限公司"
    """
    guarded(_set)(key, value, json_output, lang=lang)


def _set(key: str, value: str, json_output: bool, lang: str | None) -> None:
    from offsite_cli.base import config

    language = resolve_lang(lang)
    check = None
    if key == "font.path":
        from pathlib import Path

        from offsite_cli.base import fonts

        def check(path: str) -> None:
            fonts.check_font(Path(path), field="font.path")
    elif key == "unit.phone":
        from offsite_cli.policy import ids

        def check(value: str) -> None:
            ids.parse_phone(value, "unit.phone")

    stored = config.set_value(key, value, check)
    if json_output:
        emit_json({"key": key, "value": stored})
    else:
        typer.echo(text("config_set", language, setting=key, value=stored))


@app.command("get")
def get_value(key: KeyArgument, json_output: JsonOption = False, lang: LangOption = None,
        no_input: NoInputOption = False) -> None:
    """Print a setting's value (an empty line when it is not set).

    Example: offsite config get unit.name
    """
    guarded(_get)(key, json_output, lang=lang)


def _get(key: str, json_output: bool, lang: str | None) -> None:
    from offsite_cli.base import config

    resolve_lang(lang)
    value = config.get(key)
    if json_output:
        emit_json({"key": key, "value": value})
    else:
        typer.echo(value or "")


@app.command("unset")
def unset(key: KeyArgument, json_output: JsonOption = False, lang: LangOption = None,
        no_input: NoInputOption = False) -> None:
    """Remove a setting.

    Example: offsite config unset font.path
    """
    guarded(_unset)(key, json_output, lang=lang)


def _unset(key: str, json_output: bool, lang: str | None) -> None:
    from offsite_cli.base import config

    language = resolve_lang(lang)
    removed = config.unset(key)
    if json_output:
        emit_json({"key": key, "removed": removed})
    else:
        typer.echo(text("config_unset" if removed else "config_was_unset", language, setting=key))


@app.command("show")
def show(json_output: JsonOption = False, lang: LangOption = None,
        no_input: NoInputOption = False) -> None:
    """Show every setting and the config file's path.

    Example: offsite config show --json
    """
    guarded(_show)(json_output, lang=lang)


def _show(json_output: bool, lang: str | None) -> None:
    from offsite_cli.base import config, resources

    language = resolve_lang(lang)
    values = config.load()
    if json_output:
        emit_json({"file": str(resources.config_file()),
                   "settings": {key: values.get(key) for key in config.KEYS}})
        return
    typer.echo(str(resources.config_file()))
    for key in config.KEYS:
        typer.echo(f"{key} = {values.get(key) or text('config.not_set', language)}")
