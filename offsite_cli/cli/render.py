"""Rich output of core results for people: the only module that knows the screen."""

from __future__ import annotations

from datetime import date

from rich.console import Console, Group
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from offsite_cli.base import shown
from offsite_cli.base.i18n import label, text
from offsite_cli.cli.folding import Folded
from offsite_cli.policy.regions import Region
from offsite_cli.policy.rules import Classification, Deadline, deadline_words


class _ShownConsole(Console):
    """A console that shows no ID number and lets no control sequence through: text from files
    (names, file names, reasons) is written out by base.shown before the terminal sees it. Line
    breaks stay (tables and blocks are made of lines); a value's own breaks are escaped where it
    is put into a cell (render_dossier)."""

    def render(self, renderable, options=None):  # type: ignore[no-untyped-def,override]
        for segment in super().render(renderable, options):
            if segment.control or segment.text == "\n" or not segment.text:
                yield segment
            else:
                yield Segment(shown.lines(segment.text), segment.style, segment.control)


def console(stderr: bool = False) -> Console:
    # Colour only on a terminal (Rich's own detection); never wrap JSON, which does not come here.
    return _ShownConsole(stderr=stderr, highlight=False, soft_wrap=False)


def days_text(days_left: int, lang: str) -> Text:
    if days_left < 0:
        return Text(text("label.overdue", lang, days=-days_left), style="bold red")
    if days_left == 0:
        return Text(text("label.today", lang), style="bold yellow")
    style = "yellow" if days_left <= 7 else "green"
    return Text(text("label.in_days", lang, days=days_left), style=style)


def deadline_line(deadline: Deadline, lang: str) -> Text:
    when, _, marks = deadline_words(deadline, lang)
    line = Text()
    line.append(f"{deadline.name}  ", style="bold")
    line.append(when + "  ")
    line.append_text(days_text(deadline.days_left, lang))
    if marks:
        line.append("  (" + "; ".join(marks) + ")", style="dim")
    return line


def filing_text(classification: Classification, lang: str) -> Text:
    filing = classification.filing
    if filing.deemed:
        return Text(text("filing.deemed", lang), style="green")
    if not filing.required:
        return Text(text("filing.not_required", lang), style="green")
    if filing.done:
        return Text(text("filing.required_done", lang), style="green")
    return Text(text("filing.required_not_done", lang), style="bold red")


def region_text(region: Region) -> str:
    return f"{region.full_name} {region.code}"


def classification(result: Classification, insured: Region, treatment: Region, lang: str) -> Group:
    """The summary of `offsite check`: verdicts first, then the numbered checklist and the notes."""
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold cyan", no_wrap=True)
    head.add_column(overflow="fold")  # Chinese has no spaces to wrap at
    head.add_row(text("label.insured", lang), region_text(insured))
    head.add_row(text("label.treatment", lang), region_text(treatment))
    head.add_row(text("label.scope", lang), label("scope", result.scope.value, lang))
    filing_cell = filing_text(result, lang)
    if result.filing.note:
        filing_cell.append(f"  {result.filing.note}", style="dim")
    head.add_row(text("label.filing", lang), Folded(filing_cell))
    route_style = "bold red" if result.route.value == "not_reimbursable" else "bold"
    head.add_row(text("label.route", lang), Text(label("route", result.route.value, lang),
                                                  style=route_style))
    if result.deadlines:
        lines = [deadline_line(d, lang) for d in result.deadlines]
        head.add_row(text("label.deadlines", lang), Text("\n").join(lines))
    else:
        head.add_row(text("label.deadlines", lang), text("label.none", lang))
    head.add_row(text("label.profile", lang), result.profile)
    parts: list[object] = [head]

    if result.documents:
        checklist = Table(title=text("label.documents", lang), title_justify="left",
                          title_style="bold", show_edge=False, pad_edge=False)
        checklist.add_column("#", justify="right", no_wrap=True)
        checklist.add_column(text("label.document", lang), overflow="fold")
        checklist.add_column(text("label.stage", lang), no_wrap=True)
        checklist.add_column(text("label.needed", lang), no_wrap=True)
        names = {d.id: d.name for d in result.documents}
        for number, document in enumerate(result.documents, start=1):
            name = Text(document.name)
            name.append(f"  {document.id}", style="dim")
            if document.alternatives:
                others = f" {text('label.or', lang)} ".join(names.get(a, a) for a in document.alternatives)
                name.append(f"\n  {text('label.or', lang)} {others}", style="italic")
            needed = Text(text("label.required", lang), style="bold") if document.required \
                else Text(text("label.optional", lang), style="dim")
            checklist.add_row(str(number), Folded(name), label("stage", document.stage, lang), needed)
        parts += [Text(""), checklist]
    if result.warnings:
        parts += [Text(""), Text(text("label.warnings", lang), style="bold"),
                  bullets([warning.text for warning in result.warnings])]
    return Group(*parts)  # type: ignore[arg-type]


def bullets(items: list[str | Text], indent: int = 0, style: str = "") -> Table:
    """A list with its bullets hanging: each item folds under itself, never a lone "•" over a
    line with no space to break at (Chinese)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=style)
    grid.add_column(overflow="fold", style=style)
    for item in items:
        grid.add_row(" " * indent + "•", Folded(item if isinstance(item, Text) else Text(item)))
    return grid


def short_date(day: date | None) -> str:
    return day.isoformat() if day else "—"
