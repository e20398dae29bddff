"""`offsite regions find TEXT`: look up a region by code or Chinese name."""

from typing import Annotated

import typer

from offsite_cli.cli.common import NoInputOption, JsonOption, LangOption, emit_json, finish, guarded, resolve_lang
from offsite_cli.base.errors import BadInput, ExitCode
from offsite_cli.base.i18n import label, text

app = typer.Typer(no_args_is_help=True, help="Administrative division codes and planning areas.")


@app.command("find")
def find(
    query: Annotated[str, typer.Argument(metavar="TEXT", help="A 6-digit code or a Chinese name (晋城, 徐汇区, 北京朝阳区).")],
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Look up regions by code or name; retired codes show what replaced them. Exit 1 if none.

    Example: offsite regions find 朝阳区
    """
    guarded(_find)(query, json_output, lang=lang)


def _find(query: str, json_output: bool, lang: str | None) -> None:
    from offsite_cli.policy import regions

    language = resolve_lang(lang)
    if not query.strip():
        raise BadInput("regions_empty_query")
    table = regions.table()
    matches = table.find(query)
    rows = []
    for region in matches:
        row = region.as_dict()
        row["planning_area"] = regions.planning_area(region)
        current = table.current(region)
        row["current"] = current.code if current.code != region.code else None
        rows.append(row)
    if json_output:
        emit_json(rows)
    else:
        from rich.table import Table

        from offsite_cli.cli import render

        screen = render.console()
        if not rows:
            screen.print(text("regions.none", language, text=query), markup=False)
        else:
            out = Table(show_edge=False, pad_edge=False)
            for key in ("code", "name", "level", "area", "status"):
                out.add_column(text(f"regions.{key}", language))
            for region, row in zip(matches, rows):
                status = text("regions.in_use", language) if region.in_use else text(
                    "regions.retired", language, year=region.until or "?",
                    successors=", ".join(region.successors) or "—")
                out.add_row(region.code, region.full_name, label("level", region.level, language),
                            str(row["planning_area"]),
                            status)
            screen.print(out)
    if not rows:
        finish(ExitCode.FINDING)
