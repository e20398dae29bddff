"""`offsite dossier import ROSTER ROOT`: one dossier folder per row of the clerk's roster."""

from pathlib import Path
from typing import Annotated

import typer

from offsite_cli.base.errors import ExitCode
from offsite_cli.base.i18n import text
from offsite_cli.cli.common import (
    JsonOption, LangOption, NoInputOption, ProfileOption, TodayOption, emit_json, error_line, guarded,
    resolve_lang, today_or,
)


def import_command(
    roster: Annotated[Path, typer.Argument(metavar="ROSTER", help="The roster: an .xlsx (first sheet) or a .csv file.")],
    root: Annotated[Path, typer.Argument(metavar="ROOT", help="The folder the dossiers are made in (made if needed).")],
    update: Annotated[
        bool, typer.Option("--update", help="Merge the roster's values into dossiers that exist (their other keys and comments stay).")
    ] = False,
    sheet: Annotated[str | None, typer.Option("--sheet", metavar="NAME", help="The sheet of an .xlsx to read; default: the first.")] = None,
    today: TodayOption = None,
    profile: ProfileOption = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Make one dossier (case.toml, README.txt, sub-folders) per row of a roster.

    Headers in Chinese or English: 姓名 (name), 身份证号 (id_number), 险种 (insurance), 人员类别
    (category), 参保地 (insured_region), 单位 (unit), 就医地 (treatment_region), 医院 (hospital),
    就医类型 (care), 入院日期 (admitted), 出院日期 (discharged), 是否备案 (filed), 备案日期
    (filed_on), 直接结算 (direct_settlement), 金额 (amount), 联系电话 (phone), 政策配置 (profile);
    姓名, 险种, 人员类别, 参保地, 就医地 and 就医类型 are required. Values as people write them:
    职工医保 / 城乡居民, 退休 / 转诊 / 急诊, 住院 / 门特, 是 / 否, dates as Excel dates, 2026-11-05,
    2026/11/5 or 2026年11月5日.

    Every row is checked first; with any bad row, each problem is one line on standard error
    (row, column, value, what is expected), nothing is made, exit 2. Folders are named
    姓名-YYYY-MM (the month of discharge, else admission); rows that would share a folder get the
    admission day, then the last 4 characters of the ID number. A dossier that exists is never
    overwritten: it is left as it is, or merged with --update.

    Example: offsite dossier import 2026-11.xlsx ~/claims/2026-11

    Example: offsite dossier import 2026-11.csv ~/claims/2026-11 --update --json
    """
    guarded(_import)(roster, root, update, sheet, today, profile, json_output, lang=lang)


def _import(roster: Path, root: Path, update: bool, sheet: str | None, today: str | None,
            profile: str | None, json_output: bool, lang: str | None) -> None:
    from offsite_cli.base.errors import BadInput
    from offsite_cli.dossier import roster as roster_import
    from offsite_cli.files import sheet as sheet_file

    language = resolve_lang(lang)
    day = today_or(today)
    if root.exists() and not root.is_dir():
        raise BadInput("folder_not_dir", field="ROOT", value=str(root))
    cells = sheet_file.read(roster, sheet)
    try:
        plan = roster_import.plan(cells, root, day, language, profile, update)
    except roster_import.RosterInvalid as invalid:
        for problem in invalid.problems:
            typer.echo(error_line(problem, language), err=True)
        if json_output:
            emit_json({"roster": str(roster), "imported": False,
                       "errors": [text(p.message, language, **p.params) for p in invalid.problems]})
        raise typer.Exit(int(ExitCode.BAD_INPUT)) from None
    roster_import.write(plan)
    if plan.ignored:
        typer.echo(text("import_ignored", language, headers="、".join(plan.ignored)), err=True)
    if json_output:
        emit_json([{"row": item.row, "case": str(item.folder), "name": item.name,
                    "id_number": item.id_number or None, "result": item.outcome.value}
                   for item in plan.rows])
        return
    from rich.table import Table

    from offsite_cli.cli import render

    table = Table(show_edge=False, pad_edge=False)
    for header in ("import.col.row", "batch.col.folder", "batch.col.person", "batch.col.result"):
        table.add_column(text(header, language), overflow="fold")
    for item in plan.rows:
        table.add_row(str(item.row), str(item.folder), item.name,
                      text(f"import.result.{item.outcome.value}", language))
    counted: dict[str, int] = {}
    for item in plan.rows:
        counted[item.outcome.value] = counted.get(item.outcome.value, 0) + 1
    table.caption = text("import.total", language, count=len(plan.rows)) + (
        "、" if language == "zh" else ", ").join(
        f"{text('import.result.' + key, language)} {value}" for key, value in counted.items())
    table.caption_justify = "left"
    screen = render.console()
    screen.print(table)
    screen.print(text("import.next", language, root=str(root)), markup=False)
