"""`offsite profiles list`, `show ID`, `new ID` (a starter for a region) and `check FILE`."""

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from offsite_cli.cli.common import (
    JsonOption, LangOption, NoInputOption, emit_json, error_line, finish, guarded, resolve_lang,
)
from offsite_cli.base.errors import ExitCode, OffsiteError
from offsite_cli.base.i18n import text

app = typer.Typer(no_args_is_help=True, help="The policy profiles that are available.")


@app.command("list")
def list_profiles(json_output: JsonOption = False, lang: LangOption = None,
        no_input: NoInputOption = False) -> None:
    """List shipped and user profiles (a user profile of the same id wins).

    Example: offsite profiles list --json
    """
    guarded(_list)(json_output, lang=lang)


def _list(json_output: bool, lang: str | None) -> None:
    from offsite_cli.policy import profiles

    language = resolve_lang(lang)
    rows = []
    broken = False
    for profile_id, (path, origin) in sorted(profiles.available().items()):
        try:
            loaded = profiles.load(profile_id)
        except OffsiteError as error:  # one broken profile does not hide the others
            typer.echo(error_line(error, language), err=True)
            broken = True
            rows.append({"id": profile_id, "title": "", "extends": None, "origin": origin,
                         "path": str(path), "error": text(error.message, language, **error.params)})
            continue
        rows.append({
            "id": profile_id, "title": loaded.title.get(language, ""),
            "extends": loaded.chain[1] if len(loaded.chain) > 1 else None,
            "origin": origin, "path": str(path),
        })
    if json_output:
        emit_json(rows)
    else:
        _print_list(rows, language)
    if broken:
        finish(ExitCode.BAD_INPUT)


def _print_list(rows: list[dict[str, Any]], language: str) -> None:
    from rich.table import Table

    from offsite_cli.cli import render

    table = Table(show_edge=False, pad_edge=False)
    for key in ("id", "title", "extends", "origin"):
        table.add_column(text(f"profiles.{key}", language))
    for row in rows:
        title = row["title"] if "error" not in row else "✗ " + text("profiles.broken", language)
        table.add_row(row["id"], title, row["extends"] or "—",
                      text(f"profiles.origin.{row['origin']}", language))
    render.console().print(table)


@app.command("show")
def show(
    profile_id: Annotated[str, typer.Argument(metavar="ID", help="A profile id, e.g. cn-national.")],
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Show a profile's rules with their sources and effective dates.

    Example: offsite profiles show cn-national
    """
    guarded(_show)(profile_id, json_output, lang=lang)


def _when_text(when: dict[str, tuple[Any, ...]]) -> str:
    return ", ".join(f"{key}={'|'.join(str(v).lower() for v in values)}" for key, values in when.items())


def _value_text(kind: str, data: dict[str, Any], lang: str, rule_id: str = "") -> str:
    if kind == "reasoning":  # a step of the code's reasoning: what it does
        return text(f"reasoning.{rule_id}", lang) + \
            ("" if data.get("applies", True) else text("profiles.off", lang))
    if kind == "checklist":
        parts = [f"{data['stage']}: " + ", ".join(data.get("documents", []))]
        if data.get("optional"):
            parts.append("(" + ", ".join(data["optional"]) + ")")
        return " ".join(parts)
    if kind == "deadlines":
        period = [text(f"profiles.{unit}", lang, **{unit: data.get(unit, 0)})
                  for unit in ("months", "days") if data.get(unit, 0)]
        shown = text("profiles.deadline", lang, name=data["name"].get(lang, ""),
                     period=" ".join(period) or text("profiles.days", lang, days=0),
                     after=text(f"profiles.after.{data['after']}", lang))
        if data.get("role"):
            shown += ("（" if lang == "zh" else " (") + text(f"profiles.role.{data['role']}", lang) \
                + ("）" if lang == "zh" else ")")
        return shown
    if kind == "warnings":
        return str(data["text"].get(lang, ""))
    if kind == "processing":
        return text("profiles.processing", lang, name=data["name"].get(lang, ""),
                    days=data["working_days"])
    return ", ".join(f"{k}={v}" for k, v in data.items())


def _show(profile_id: str, json_output: bool, lang: str | None) -> None:
    from offsite_cli.policy import profiles

    language = resolve_lang(lang)
    profile = profiles.load(profile_id)

    def since(value: date | None) -> str | None:
        return value.isoformat() if value else None

    document = {
        "id": profile.id, "title": profile.title, "description": profile.description,
        "chain": profile.chain, "path": str(profile.path), "origin": profile.origin,
        "sources": {
            s.id: {"title": s.title, "issuer": s.issuer, "reference": s.reference, "date": since(s.date),
                   "verified": s.verified}
            for s in profile.sources.values()
        },
        "documents": profile.documents,
        "categories": profile.categories,
        "rules": {
            kind: [
                {"id": e.id, "since": since(e.since), "source": list(e.sources), "ref": e.ref,
                 "verified": e.verified, "when": {k: list(v) for k, v in e.when.items()},
                 "profile": e.profile, **e.data}
                for versions in entries.values() for e in versions
            ]
            for kind, entries in profile.rules.items() if entries
        },
    }
    if json_output:
        emit_json(document)
        return
    from rich.table import Table
    from rich.text import Text

    from offsite_cli.cli import render

    screen = render.console()
    screen.print(Text(f"{profile.id} — {profile.title.get(language, '')}", style="bold"))
    if profile.description:
        screen.print(profile.description.get(language, ""))
    screen.print(f"{' → '.join(profile.chain)}   {profile.path}", style="dim")
    from offsite_cli.cli.folding import table_or_records

    for kind, entries in profile.rules.items():
        if not entries:
            continue
        rows: list[list[Any]] = []
        for versions in entries.values():
            for entry in versions:
                source = ", ".join(entry.sources)
                if not entry.verified:
                    source += f" ({text('profiles.unverified', language)})"
                rows.append([entry.id, _when_text(entry.when),
                             _value_text(kind, entry.data, language, entry.id),
                             since(entry.since) or text("profiles.undated", language),
                             Text(source, style="yellow" if not entry.verified else "")])
        headings = [text(f"profiles.{key}", language) for key in ("rule", "when", "value", "since", "source")]
        screen.print(table_or_records(kind, headings, rows, screen.width))
    rows = []
    for source in profile.sources.values():
        flag = "" if source.verified else f" ({text('profiles.unverified', language)})"
        rows.append([source.id, source.title + flag, source.issuer or "—",
                     since(source.date) or text("profiles.undated", language)])
    # sources as people know them: their titles and issuers; the file names are in --json
    headings = [text(f"profiles.{key}", language) for key in ("id", "title", "issuer", "since")]
    screen.print(table_or_records("sources", headings, rows, screen.width))


@app.command("new")
def new(
    profile_id: Annotated[str, typer.Argument(metavar="ID", help="The new profile's id, e.g. cn-shanxi-jincheng.")],
    extends: Annotated[str, typer.Option("--extends", metavar="ID", help="The profile it builds on.")] = "cn-national",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="FILE", help="Where to write it; default: profiles/ID.toml in the config folder."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a file that exists.")] = False,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,  # nothing is asked; accepted as every command does
) -> None:
    """Write a commented starter profile for a region: the claim deadline, filing for treatment
    elsewhere in the province, extra or dropped documents, and a place for each source.

    As written it loads and changes nothing: the deadline and the filing rule are the parent's,
    under the same ids, for you to change; the documents are commented examples. Then fill in
    the places marked （待填写） and run offsite profiles check on the file.

    Example: offsite profiles new cn-shanxi-jincheng --extends cn-national
    """
    guarded(_new)(profile_id, extends, output, force, json_output, lang=lang)


def _new(profile_id: str, extends: str, output: Path | None, force: bool, json_output: bool,
         lang: str | None) -> None:
    from offsite_cli.base import atomic, resources
    from offsite_cli.base.errors import BadInput
    from offsite_cli.policy import profile_starter, profiles

    language = resolve_lang(lang)
    profile_starter.check_id(profile_id)
    parent = profiles.load(extends)
    target = output if output is not None else resources.user_profiles_dir() / f"{profile_id}.toml"
    if output is not None and output.stem != profile_id:
        raise BadInput("profile_file_name", field="-o/--output", value=str(output),
                       example=str(output.with_name(f"{profile_id}.toml")))
    if target.is_dir():
        raise BadInput("folder_not_dir", field="-o/--output", value=str(target))
    if target.exists() and not force:
        raise BadInput("profile_exists", file=str(target))
    starter = profile_starter.starter_text(profile_id, parent)
    atomic.write_text(target, starter)
    loaded = profiles.load_file(target)  # what is written loads as it is
    if json_output:
        emit_json({"id": loaded.id, "path": str(target), "extends": extends, "chain": loaded.chain,
                   "placeholders": profile_starter.placeholders(starter)})
        return
    typer.echo(text("profiles_written", language, path=str(target), parent=extends))
    typer.echo(text("profiles_next", language, path=str(target)), err=True)


@app.command("check")
def check_file(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A profile file (.toml), anywhere.")],
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,  # nothing is asked; accepted as every command does
) -> None:
    """Check a profile file as offsite would load it (its id is the file name's stem; extends
    must name a profile that is available); exit 0 when it loads, 2 with the loader's message
    (the file, the key and a valid example) when not. Places still marked （待填写） are counted.

    Example: offsite profiles check ~/.config/offsite/profiles/cn-shanxi-jincheng.toml
    """
    guarded(_check_file)(file, json_output, lang=lang)


def _check_file(file: Path, json_output: bool, lang: str | None) -> None:
    from offsite_cli.base.errors import BadInput
    from offsite_cli.policy import profile_starter, profiles

    language = resolve_lang(lang)
    if not file.is_file():
        raise BadInput("folder_missing" if not file.exists() else "roster_not_file",
                       field="FILE", value=str(file), file=str(file))
    loaded = profiles.load_file(file)
    try:
        left = profile_starter.placeholders(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        left = 0
    rules = sum(len(versions) for kind in loaded.rules.values() for versions in kind.values())
    own = sum(1 for kind in loaded.rules.values() for versions in kind.values()
              for entry in versions if entry.profile == loaded.id)
    unverified = sum(1 for kind in loaded.rules.values() for versions in kind.values()
                     for entry in versions if entry.profile == loaded.id and not entry.verified)
    if json_output:
        emit_json({"path": str(file), "id": loaded.id, "chain": loaded.chain, "rules": rules,
                   "own_rules": own, "unverified": unverified, "placeholders": left,
                   "installed": file.resolve() == profiles.find_profile_file(loaded.id)[0].resolve()
                   if loaded.id in profiles.available() else False})
        return
    typer.echo(text("profiles_ok", language, path=str(file), id=loaded.id,
                    chain=" → ".join(loaded.chain), own=own, unverified=unverified))
    if left:
        typer.echo(text("profiles_placeholders", language, count=left), err=True)
    if loaded.id not in profiles.available() or \
            profiles.find_profile_file(loaded.id)[0].resolve() != file.resolve():
        from offsite_cli.base import resources

        typer.echo(text("profiles_not_installed", language,
                        folder=str(resources.user_profiles_dir())), err=True)
