"""Text that folds as Chinese and English are read: Chinese between any two characters, English
and numbers, file names and ids at spaces only (`long-term-resident`, `IMG_20261125_0930.jpg`,
`2026-11-22` stay whole), no closing punctuation at the start of a line and no opening one at the
end. Rich wraps at spaces and cuts a longer "word" anywhere, which is every Chinese sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CLOSING = "，。、；：！？）》〉」』】〕”’…％,.;:!?)]}"
OPENING = "（《〈「『【〔“‘([{"
# a run of spaces; one CJK character; a run of anything else (a Latin word, a number, a path)
_TOKEN = re.compile(rf"\s+|[{_CJK}]|[^\s{_CJK}]+")


def _units(plain: str, whole: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of the pieces a line may break between: a CJK character or a Latin word
    with the punctuation glued to it (closing after, opening before), or a run of spaces; each
    `whole` range (a file name: 住院费用明细清单.pdf) is one piece."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(plain)]
    units: list[list[int]] = []
    pending_open: int | None = None
    for start, end in tokens:
        piece = plain[start:end]
        if piece.isspace():
            if pending_open is not None:  # an opening bracket before a space: let it go
                units.append([pending_open, start])
                pending_open = None
            units.append([start, end])
            continue
        if piece in OPENING or (len(piece) == 1 and piece in OPENING):
            pending_open = start if pending_open is None else pending_open
            continue
        if piece[0] in CLOSING and units and not plain[units[-1][0]:units[-1][1]].isspace() \
                and pending_open is None:
            units[-1][1] = end  # 。 stays with the character before it
            continue
        units.append([pending_open if pending_open is not None else start, end])
        pending_open = None
    if pending_open is not None:
        units.append([pending_open, len(plain)])
    for low, high in whole or []:
        inside = [unit for unit in units if unit[0] < high and unit[1] > low]
        if len(inside) > 1:
            merged = [inside[0][0], inside[-1][1]]
            units = [unit for unit in units if unit not in inside]
            units.append(merged)
            units.sort()
    return [(start, end) for start, end in units]


def break_offsets(plain: str, width: int, whole: list[tuple[int, int]] | None = None) -> list[int]:
    """Where to break `plain` (one paragraph, no newlines) into lines of at most `width` cells;
    a piece wider than a whole line is cut (the only case a word is cut)."""
    offsets: list[int] = []
    used = 0
    line_start = 0
    for start, end in _units(plain, whole):
        piece = plain[start:end]
        size = cell_len(piece)
        if piece.isspace():
            used += size
            continue
        if used + size > width and start > line_start:
            offsets.append(start)
            line_start, used = start, 0
        if size > width:  # longer than a line: cut it, a cell at a time
            position, room = start, width - used
            for index, character in enumerate(piece):
                character_size = cell_len(character)
                if character_size > room and start + index > line_start:
                    offsets.append(start + index)
                    line_start, room = start + index, width
                room -= character_size
            used = width - room
            continue
        used += size
    return offsets


def fold_lines(text: Text, width: int, whole: list[tuple[int, int]] | None = None) -> list[Text]:
    """`text` folded to `width` cells, styles kept; its own newlines kept; `whole`: ranges of
    `text` never broken (unless wider than a line)."""
    lines: list[Text] = []
    at = 0
    for paragraph in text.split("\n", allow_blank=True):
        size = len(paragraph.plain)
        inside = [(max(low, at) - at, min(high, at + size) - at) for low, high in whole or []
                  if low < at + size and high > at]
        at += size + 1
        offsets = break_offsets(paragraph.plain, max(1, width), inside)
        for line in paragraph.divide(offsets) if offsets else [paragraph]:
            line.rstrip()
            if line.plain.startswith(" ") and lines and offsets:
                line = line[len(line.plain) - len(line.plain.lstrip(" ")):]
            lines.append(line)
    return lines


class Folded:
    """A Rich renderable: `text` folded by `fold_lines` at the width it is given."""

    def __init__(self, text: Text | str, style: str = "",
                 whole: list[tuple[int, int]] | None = None) -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)
        self.whole = whole or []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = fold_lines(self.text, options.max_width, self.whole)
        joined = Text("\n").join(lines)
        joined.no_wrap = True
        joined.overflow = "crop"
        yield joined

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        widest = max((cell_len(line) for line in plain.split("\n")), default=0)
        longest = max((cell_len(plain[start:end]) for start, end in _units(plain, self.whole)
                       if not plain[start:end].isspace()), default=0)
        return Measurement(min(longest, widest), widest).clamp(max_width=options.max_width)


def folded_cells(cells: Iterable[object]) -> list[object]:
    """Texts made Folded, other renderables as they are."""
    return [Folded(cell) if isinstance(cell, Text) else cell for cell in cells]


def table_or_records(title: str, headings: list[str], rows: list[list[Text | str]],
                     width: int | None) -> object:
    """A table whose cells fold at words (a value such as `reimbursable=False` or
    `category=resettled-retiree` is never cut); when even so its columns do not fit in `width`,
    each row as a record instead: the first cell, then `heading  value` lines under it."""
    import io

    from rich.console import Group
    from rich.table import Table

    def cell(value: Text | str) -> Text:
        return value if isinstance(value, Text) else Text(str(value))

    table = Table(title=title, title_justify="left", title_style="bold cyan", show_edge=False,
                  pad_edge=False)
    for heading in headings:
        table.add_column(heading)
    for row in rows:
        table.add_row(*(Folded(cell(value)) for value in row))
    if width is None:
        return table
    measuring = Console(width=10_000, color_system=None, file=io.StringIO())
    if table.__rich_measure__(measuring, measuring.options).minimum <= width:
        return table
    parts: list[object] = [Text(title, style="bold cyan")]
    label_width = max(cell_len(heading) for heading in headings[1:])
    for row in rows:
        parts.append(Text("• ").append_text(cell(row[0]).copy().stylize("bold") or cell(row[0])))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(width=label_width + 2, no_wrap=True, style="dim")
        grid.add_column()
        for heading, value in zip(headings[1:], row[1:]):
            if cell(value).plain.strip():
                grid.add_row("  " + heading, Folded(cell(value)))
        parts.append(grid)
    return Group(*parts)


PROSE_LEAST = 12  # cells a prose column gets at least (报销申请截止, "claim due"), else another layout
READABLE = 24  # the width a folding prose column gets first, when there is room


def fit_columns(table: object, width: int, prose: tuple[int, ...] = ()) -> bool:
    """Give each column of `table` a width: at least its longest word (so that no name or id is
    cut); the room left goes first to the `prose` columns, up to READABLE, then to every column
    by how much more it would like. False when even the longest words do not fit in `width`
    (the caller shows the rows another way)."""
    import io

    from rich.table import Table

    assert isinstance(table, Table)
    measuring = Console(width=10_000, color_system=None, file=io.StringIO())
    options = measuring.options
    lows, highs = [], []
    for column in table.columns:
        cells = [column.header, *column.cells]
        measured = [Measurement.get(measuring, options, cell) for cell in cells if cell is not None]
        low = max((m.minimum for m in measured), default=1)
        high = max((m.maximum for m in measured), default=1)
        if column.no_wrap:
            low = high
        elif len(lows) in prose:  # a prose column narrower than a few words is no longer read
            low = max(low, min(high, PROSE_LEAST))
        lows.append(low)
        highs.append(max(low, high))
    from rich.padding import Padding

    _, right, _, left = Padding.unpack(table.padding)
    edges = 0 if table.pad_edge else left + right  # no padding outside the first and last
    chrome = (len(table.columns) - 1) * (1 if table.box else 0) + \
        (left + right) * len(table.columns) - edges + (2 if table.box and table.show_edge else 0)
    room = width - chrome
    if sum(lows) > room:
        return False
    spare = room - sum(lows)
    widths = list(lows)
    prose = tuple(i for i in prose if i < len(lows))
    for i in prose:  # first, prose columns wide enough to read (they fold, the others do not)
        extra = min(max(0, min(highs[i], READABLE) - widths[i]), spare)
        widths[i] += extra
        spare -= extra
    wants = [high - width for high, width in zip(highs, widths)]
    total = sum(wants)
    for i, want in enumerate(wants):  # then what is left, by what each would like more
        widths[i] += want if total <= spare else spare * want // total if total else 0
    for column, column_width in zip(table.columns, widths):
        column.width = column_width
        column.ratio = None
    table.expand = False
    return True
