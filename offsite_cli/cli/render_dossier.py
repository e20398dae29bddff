"""Rich output of `dossier check` and `dossier new` for people (JSON comes from the core)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from offsite_cli.dossier.checklist import DocumentResult, DossierReport, Status
from offsite_cli.base.i18n import label, text
from offsite_cli.cli.folding import Folded, fit_columns
from offsite_cli.base.shown import line as shown_line
from offsite_cli.cli.render import days_text, deadline_line
from offsite_cli.policy.values import DeadlineRole

_MARKS = {Status.OK: ("✓", "green"), Status.MISSING: ("✗", "bold red"),
          Status.UNREADABLE: ("✗", "bold red"), Status.NOT_REQUIRED: ("–", "dim")}


def _mark(result: DocumentResult) -> Text:
    if result.status is Status.OK and result.problems:  # there, with something to look at
        return Text("✓!", style="bold yellow")
    if not result.required and result.status is not Status.OK:
        return Text("–", style="dim")
    symbol, style = _MARKS[result.status]
    return Text(symbol, style=style)


def _files(result: DocumentResult, lang: str) -> Folded:
    """The files of a document, one a line, each name kept whole when the cell folds."""
    cell = Text()
    names: list[tuple[int, int]] = []
    for index, info in enumerate(result.files):
        if index:
            cell.append("\n")
        shown = info.relative
        if result.folder and shown.startswith(result.folder + "/"):
            shown = shown[len(result.folder) + 1:]  # the folder is the document's own: just the name
        safe = shown_line(shown)  # an ID in a file name masked, control characters written out
        names.append((len(cell.plain), len(cell.plain) + len(safe)))
        cell.append(safe, style="" if info.readable else "red")
        details = []
        if (info.readable and info.kind == "pdf") or info.pages > 1:
            details.append(text("dossier.pages", lang, pages=info.pages))
        if info.readable and info.sheet is not None and info.sheet.found:
            details.append(text("dossier.sheet.found", lang))
        if info.readable and info.arrangement:
            details.append(text(f"dossier.layout.{info.arrangement}", lang))
        how = result.matched_by.get(info.relative)
        if how and not (how == "folder" and shown != info.relative):  # its own folder: obvious
            details.append(text(f"dossier.by.{how}", lang))
        if details:
            cell.append(f" ({', '.join(details)})", style="dim")
    return Folded(cell, whole=names)


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
    if result.misfiled:  # a file of its folder is probably another document
        return text("dossier.next.misfiled", lang)
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
                     width: int | None) -> Table | Group:
    """One row per document. What is wrong and what to do are never cut: every column folds at
    words, a file name or an id stays whole; when the table is wider than the screen, the reason
    and next-step columns get the most room, and when even so the names do not fit (80 columns),
    one record per document, its files and reason under its name (`_documents_records`)."""
    merged = bool(width and width < NARROW and any(steps))
    table = Table(title=f"{text('label.documents', lang)} — {report.case.folder}",
                  title_justify="left", title_style="bold", show_edge=False, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(text("label.document", lang), overflow="fold", ratio=3)
    table.add_column(text("dossier.col.status", lang), no_wrap=True)
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
        cells: list[object] = [str(number), Folded(name), _mark(result),
                               _files(result, lang)]
        if merged:
            if step:
                reason.append("\n→ " + step, style="bold")
            cells.append(Folded(reason))
        else:
            cells += [Folded(reason), *([Folded(Text(step))] if any(steps) else [])]
        table.add_row(*cells)
    if width and not fit_columns(table, width, prose=(1, 4, 5)):
        return _documents_records(report, steps, lang)
    return table


def _documents_records(report: DossierReport, steps: list[str], lang: str) -> Group:
    """The documents for a narrow screen: `5 ✗ Discharge certificate  discharge-certificate`,
    then under it its files, the reason and what to do, each folded at words."""
    title = Text(f"{text('label.documents', lang)} — {report.case.folder}", style="bold")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for number, (result, step) in enumerate(zip(report.documents, steps), start=1):
        body = Text(result.name, style="bold")
        body.append(f"  {result.id}", style="dim")
        if not result.required:
            body.append(f"  ({text('label.optional', lang)})", style="dim")
        files = _files(result, lang)
        whole = []
        if files.text.plain:
            body.append("\n")
            whole = [(low + len(body.plain), high + len(body.plain)) for low, high in files.whole]
            body.append_text(files.text)
        body.append("\n").append_text(_reason(result, lang))
        if step:
            body.append("\n→ " + step, style="bold")
        grid.add_row(str(number), _mark(result), Folded(body, whole=whole))
    return Group(title, grid)


def report_view(report: DossierReport, words: dict[str, str], lang: str,
                width: int | None = None, expected: object = None) -> Group:
    """The checklist against the folder: one row per document, then loose files and the verdict.
    `width`: the screen's columns, to lay the table out so that nothing is cut; `expected`: the
    day payment is expected (a rules.Deadline) of a claim handed in."""
    case = report.case
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold cyan", no_wrap=True)
    head.add_column()
    person = " ".join(p for p in (case.name, case.id_number.masked if case.id_number else "") if p)
    if person:
        head.add_row(text("dossier.person", lang), person)
    head.add_row(text("label.route", lang), label("route", report.classification.route.value, lang))
    if case.history:  # where the claim stands (dossier mark)
        from offsite_cli.dossier.status import said

        head.add_row(text("claim.label", lang), Text("\n").join(
            Text(f"{said(event.status, lang)} {event.on.isoformat()}"
                 + (f"  {event.amount:,.2f}" if event.amount is not None else "")
                 + (f"  {event.note}" if event.note else ""),
                 style="bold" if index == len(case.history) - 1 else "dim")
            for index, event in enumerate(case.history)))
        if expected is not None:
            head.add_row("", deadline_line(expected, lang))  # type: ignore[arg-type]
    # the deadlines the claim still has where it stands (none once handed in: the day payment is
    # expected is said under the status above)
    left = report.classification.deadlines if report.open_deadlines is None else \
        [d for d in report.open_deadlines if d.role != DeadlineRole.PAYMENT]
    if left:
        head.add_row(text("label.deadlines", lang), Text("\n").join(deadline_line(d, lang) for d in left))
    head.add_row(text("label.profile", lang), report.classification.profile)

    steps = [next_step(result, words, lang) for result in report.documents]
    parts: list[object] = [head, Text("")]
    if report.documents:
        parts.append(_documents_table(report, steps, lang, width))
    else:
        from offsite_cli.dossier.scaffold import nothing_to_collect

        parts.append(Text(text(nothing_to_collect(report.classification) or
                               "readme.nothing_to_collect", lang), style="bold yellow"))
        from offsite_cli.cli.render import bullets

        # why (not reimbursable), and advice
        parts.append(bullets([notice.text for notice in report.classification.warnings]))

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


def gaps(report: DossierReport, lang: str) -> str:
    """缺少 2 项，无法读取 1 项 — the counts that are not 0 (缺少 0 项 says nothing)."""
    _, _, missing, unreadable = counts(report)
    parts = [text(key, lang, count=count) for key, count in
             (("dossier.missing_count", missing), ("dossier.unreadable_count", unreadable)) if count]
    return ("，" if lang == "zh" else ", ").join(parts)


def verdict(report: DossierReport, lang: str) -> Text:
    if report.complete:
        return Text("✓ " + text("dossier.complete", lang), style="bold green")
    return Text("✗ " + text("dossier.incomplete", lang, what=gaps(report, lang)), style="bold red")


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
    if not report.complete:  # (the count says "required documents" already)
        line.append("  " + gaps(report, lang), style="red")
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



def duplicates_view(found: list, folder: Path, lang: str) -> Text:  # noqa: ANN001 - duplicates.Duplicate
    """The receipts of `folder` found in other dossiers too (dossier check --across)."""
    block = Text("✗ " + text("duplicates.title", lang) + "\n", style="bold red")
    from offsite_cli.dossier.duplicates import describe

    lines = [" • " + describe(duplicate, folder, lang) for duplicate in found]
    block.append("\n".join(lines), style="red")
    return block
