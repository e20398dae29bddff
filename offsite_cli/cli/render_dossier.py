"""Rich output of `dossier check` and `dossier new` for people (JSON comes from the core)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from offsite_cli.dossier.checklist import DocumentResult, DossierReport, Status
from offsite_cli.base.i18n import label, text
from offsite_cli.base.shown import line as shown_line
from offsite_cli.cli.render import days_text, deadline_line

_MARKS = {Status.OK: ("✓", "green"), Status.MISSING: ("✗", "bold red"),
          Status.UNREADABLE: ("✗", "bold red"), Status.NOT_REQUIRED: ("–", "dim")}


def _mark(result: DocumentResult) -> Text:
    if result.status is Status.OK and result.problems:  # there, with something to look at
        return Text("✓!", style="bold yellow")
    if not result.required and result.status is not Status.OK:
        return Text("–", style="dim")
    symbol, style = _MARKS[result.status]
    return Text(symbol, style=style)


def _files(result: DocumentResult, lang: str) -> Text:
    cell = Text()
    for index, info in enumerate(result.files):
        if index:
            cell.append("\n")
        shown = info.relative
        if result.folder and shown.startswith(result.folder + "/"):
            shown = shown[len(result.folder) + 1:]  # the folder is the document's own: just the name
        cell.append(shown_line(shown), style="" if info.readable else "red")
        details = []
        if (info.readable and info.kind == "pdf") or info.pages > 1:
            details.append(text("dossier.pages", lang, pages=info.pages))
        how = result.matched_by.get(info.relative)
        if how and not (how == "folder" and shown != info.relative):  # its own folder: obvious
            details.append(text(f"dossier.by.{how}", lang))
        if details:
            cell.append(f" ({', '.join(details)})", style="dim")
    return cell


def _reason(result: DocumentResult, lang: str) -> Text:
    if result.satisfied_by:
        return Text(text("dossier.reason.alternative", lang, other=result.satisfied_by), style="green")
    if result.problems:
        style = "yellow" if result.status is Status.OK else "red"
        prefix = result.folder + "/" if result.folder else None
        shown = [p[len(prefix):] if prefix and p.startswith(prefix) else p for p in result.problems]
        return Text("\n".join(shown_line(p) for p in shown), style=style)
    if result.status is Status.MISSING:
        return Text(text("dossier.reason.none", lang), style="red")
    if result.status is Status.NOT_REQUIRED:
        return Text(text("dossier.reason.optional", lang), style="dim")
    return Text(label("status", result.status.value, lang), style="green")


def next_step(result: DocumentResult, words: dict[str, str], lang: str) -> str:
    """What the clerk does about one document ("" when nothing)."""
    if result.status is Status.MISSING and result.required:
        if any(p for p in result.problems):
            return text("dossier.next.listed_missing", lang)
        if result.form:  # the tool fills it: `dossier build` puts the filled form in
            from offsite_cli.pdf.forms import title

            return text("dossier.next.form", lang, form=title(result.form, lang))
        if result.folder:
            return text("dossier.next.missing_folder", lang, folder=result.folder)
        return text("dossier.next.missing", lang, word=words.get(result.id, result.id))
    unreadable = [info for info in result.files if not info.readable]
    if unreadable and any(info.encrypted or "密码" in info.reason or "password" in info.reason
                          for info in unreadable):
        return text("dossier.next.encrypted", lang)
    if result.status is Status.UNREADABLE:
        return text("dossier.next.unreadable", lang)
    if result.status is Status.OK and unreadable:
        return text("dossier.next.skipped", lang)
    if result.status is Status.OK and result.problems:
        return text("dossier.next.problems", lang)
    return ""


def _file_list(title: str, hint: str, rows: list[tuple[str, str]]) -> Text:
    block = Text(title + "\n", style="bold")
    for path, note in rows:
        block.append(f" • {shown_line(path)}")
        if note:
            block.append(f"  {shown_line(note)}", style="dim")
        block.append("\n")
    block.append(f"   {hint}", style="italic")
    return block


NARROW = 100  # below this many columns the next step goes under the reason, in one column


def _documents_table(report: DossierReport, steps: list[str], lang: str,
                     width: int | None) -> Table:
    """One row per document. What is wrong and what to do are never cut: every column folds, and
    when the table is wider than the screen, the reason and next-step columns get the most room."""
    merged = bool(width and width < NARROW and any(steps))
    table = Table(title=f"{text('label.documents', lang)} — {report.case.folder}",
                  title_justify="left", title_style="bold", show_edge=False, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(text("label.document", lang), overflow="fold", ratio=3)
    table.add_column("", no_wrap=True)
    table.add_column(text("dossier.col.files", lang), overflow="fold", ratio=3)
    reason_title = text("dossier.col.reason", lang)
    if merged:
        reason_title += " / " + text("dossier.col.next", lang)
    table.add_column(reason_title, overflow="fold", ratio=5 if merged else 4, min_width=12)
    if any(steps) and not merged:
        table.add_column(text("dossier.col.next", lang), overflow="fold", ratio=3, min_width=12)
    for number, (result, step) in enumerate(zip(report.documents, steps), start=1):
        name = Text(result.name)
        name.append(f"  {result.id}", style="dim")
        if not result.required:
            name.append(f"  ({text('label.optional', lang)})", style="dim")
        reason = _reason(result, lang)
        cells: list[object] = [str(number), name, _mark(result), _files(result, lang)]
        if merged:
            if step:
                reason.append("\n→ " + step, style="bold")
            cells.append(reason)
        else:
            cells += [reason, *([step] if any(steps) else [])]
        table.add_row(*cells)
    if width:
        import io

        from rich.console import Console

        measuring = Console(width=width, color_system=None, file=io.StringIO())
        if table.__rich_measure__(measuring, measuring.options).maximum > width:
            table.expand = True  # share the width by the ratios instead of cropping text
    return table


def report_view(report: DossierReport, words: dict[str, str], lang: str,
                width: int | None = None) -> Group:
    """The checklist against the folder: one row per document, then loose files and the verdict.
    `width`: the screen's columns, to lay the table out so that nothing is cut."""
    case = report.case
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold cyan", no_wrap=True)
    head.add_column()
    person = " ".join(p for p in (case.name, case.id_number.masked if case.id_number else "") if p)
    if person:
        head.add_row(text("dossier.person", lang), person)
    head.add_row(text("label.route", lang), label("route", report.classification.route.value, lang))
    if report.classification.deadlines:
        head.add_row(text("label.deadlines", lang),
                     Text("\n").join(deadline_line(d, lang) for d in report.classification.deadlines))
    head.add_row(text("label.profile", lang), report.classification.profile)

    steps = [next_step(result, words, lang) for result in report.documents]
    parts: list[object] = [head, Text("")]
    if report.documents:
        parts.append(_documents_table(report, steps, lang, width))
    else:
        from offsite_cli.dossier.scaffold import nothing_to_collect

        parts.append(Text(text(nothing_to_collect(report.classification) or
                               "readme.nothing_to_collect", lang), style="bold yellow"))

    if report.unmatched:
        rows = [(info.relative, info.reason) for info in report.unmatched]
        parts += [Text(""), _file_list(text("dossier.unmatched", lang),
                                       text("dossier.unmatched_hint", lang,
                                            path=report.unmatched[0].relative), rows)]
    if report.ambiguous:
        rows = [(path, " | ".join(ids)) for path, ids in report.ambiguous.items()]
        parts += [Text(""), _file_list(text("dossier.ambiguous", lang),
                                       text("dossier.ambiguous_hint", lang), rows)]
    if report.extra:
        rows = [(info.relative, document_id)
                for document_id, files in report.extra.items() for info in files]
        block = Text(text("dossier.extra", lang) + "\n", style="bold")
        block.append("\n".join(f" • {path}  {document_id}" for path, document_id in rows),
                     style="dim")
        parts += [Text(""), block]
    parts += [Text(""), verdict(report, lang)]
    return Group(*parts)  # type: ignore[arg-type]


def counts(report: DossierReport) -> tuple[int, int, int, int]:
    """Required documents: total, ok, missing, unreadable."""
    required = [d for d in report.documents if d.required]
    ok = sum(d.status is Status.OK for d in required)
    missing = sum(d.status is Status.MISSING for d in required)
    unreadable = sum(d.status is Status.UNREADABLE for d in required)
    return len(required), ok, missing, unreadable


def verdict(report: DossierReport, lang: str) -> Text:
    _, _, missing, unreadable = counts(report)
    if report.complete:
        return Text("✓ " + text("dossier.complete", lang), style="bold green")
    return Text("✗ " + text("dossier.incomplete", lang, missing=missing, unreadable=unreadable),
                style="bold red")


def summary_line(folder: Path, report: DossierReport | None, error: str, lang: str) -> Text:
    """One line per folder when several are checked."""
    if report is None:
        line = Text("✗ ", style="bold red")
        line.append(text("dossier.summary_error", lang, folder=str(folder)) + f"  {error}")
        return line
    total, ok, missing, unreadable = counts(report)
    line = Text("✓ " if report.complete else "✗ ",
                style="bold green" if report.complete else "bold red")
    line.append(text("dossier.summary", lang, folder=str(folder), ok=ok, total=total))
    if not report.complete:
        line.append("  " + text("dossier.incomplete", lang, missing=missing, unreadable=unreadable),
                    style="red")
    deadline = report.deadline
    if deadline:
        line.append(f"  {deadline.name} {deadline.date.isoformat()} ")
        line.append_text(days_text(deadline.days_left, lang))
    return line


def new_view(folder: Path, written: list[str], sub_folders: list[str], replaced: bool,
             lang: str, nothing: str = "") -> Group:
    """What `dossier new` made; `nothing`: the message key when the case needs no documents."""
    head = Text(text("dossier.updated" if replaced else "dossier.created", lang, folder=str(folder)),
                style="bold green")
    files = Text(text("dossier.wrote", lang, files=("、" if lang == "zh" else ", ").join(written)))
    parts: list[object] = [head, files]
    if sub_folders:
        block = Text(text("dossier.folders", lang) + "\n", style="bold")
        block.append("\n".join(f" • {name}/" for name in sub_folders))
        parts.append(block)
    if nothing:
        parts.append(Text(text(nothing, lang), style="bold yellow"))
    else:
        parts.append(Text(text("dossier.next_step", lang, folder=str(folder)), style="italic"))
    return Group(*parts)  # type: ignore[arg-type]

