"""The small line-based markup that form templates produce, and its reportlab flowables.

A template renders to text in this markup; `parse` turns it into blocks and `flowables` into
reportlab flowables drawn with the one embedded CJK font. One line is one instruction:

    # TITLE                 the form's title, centred and large
    ## HEADING              a section heading
    @subtitle TEXT          a centred line in smaller type (under the title)
    @center TEXT            a centred line
    @right TEXT             a right-aligned line (编号：____, dates of signing)
    @note TEXT              small print (notes at the foot of a form)
    @p TEXT                 a paragraph whose first line is indented by two characters (letters)
    TEXT                    a paragraph; following lines join it until a blank line or an instruction
    (blank line)            ends a paragraph
    @space N                N millimetres of vertical space
    @lines N                N ruled lines across the page, to write on by hand
    @sign LABEL | LABEL …   a row of signature or seal boxes, one per label, each with a date line
    @table W W …            a ruled table whose columns have these relative widths, e.g. 2 3 2 3;
                            its rows follow, and `@end` closes it
    | a | b | c |           a table row: cells between bars (a missing last bar is fine)
    @height N               (inside a table) the next row is at least N millimetres high
    @end                    closes a table

Cells of a table row:

    *TEXT                   a label cell: centred (the captions of a form)
    =TEXT                   centred
    >TEXT                   right-aligned (amounts)
    <                       (alone) merged with the cell on its left
    ^                       (alone) merged with the cell above

Inside any text:

    [ ]  [x]                a check box, empty or ticked (☐ ☑; □ ■ where the font lacks those)
    ___                     three or more underscores: a blank of that width to fill by hand
    \\X                      the character X as it is (\\| \\[ \\_ \\* \\\\ …)

Lines starting with `;;` are comments. Values that templates print with `{{ … }}` are escaped
by `forms.py`, so a name containing `|` or `_` prints as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


class MarkupError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class Block:
    kind: str  # title heading subtitle center right note para space lines sign table
    text: str = ""
    line: int = 0
    indent: bool = False
    number: float = 0.0
    labels: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)


_DIRECTIVES = {"subtitle", "center", "right", "note", "p", "space", "lines", "sign", "table",
               "height", "end"}
_ESCAPABLE = set("\\|[]_*#@<>^=;")
MERGE_LEFT = "<"
MERGE_UP = "^"


def escape(value: str) -> str:
    """Make a value print as typed: markup characters get a backslash; a line break becomes a space."""
    value = " ".join(str(value).splitlines())
    return "".join("\\" + character if character in _ESCAPABLE else character for character in value)


def _split_cells(line: str, number: int) -> list[str]:
    body = line.strip()[1:]
    cells: list[str] = []
    current = ""
    index = 0
    while index < len(body):
        character = body[index]
        if character == "\\" and index + 1 < len(body):
            current += body[index:index + 2]
            index += 2
            continue
        if character == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += character
        index += 1
    if current.strip():
        cells.append(current.strip())
    if not cells:
        raise MarkupError(number, "a table row with no cells")
    return cells


def _number(value: str, number: int, directive: str) -> float:
    try:
        result = float(value)
    except ValueError:
        raise MarkupError(number, f"@{directive} needs a number, not '{value}'") from None
    if result < 0 or result > 1000:
        raise MarkupError(number, f"@{directive} needs a number from 0 to 1000, not '{value}'")
    return result


def _joined(first: str, second: str) -> str:
    """Join two wrapped lines: a space between Latin words, nothing between Chinese characters."""
    if not first:
        return second
    if first[-1].isascii() and second[:1].isascii():
        return first + " " + second
    return first + second


def parse(text: str) -> list[Block]:
    """The blocks of a markup text; a mistake is a MarkupError naming the line."""
    blocks: list[Block] = []
    table: Block | None = None
    paragraph: Block | None = None
    pending_height: float | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip(" \t\r")  # not U+3000: templates space Chinese labels with it
        if line.startswith(";;"):
            continue
        if table is not None:
            if not line:
                continue
            if line.startswith("|"):
                cells = _split_cells(line, number)
                if len(cells) != len(table.widths):
                    raise MarkupError(number, f"a row of {len(cells)} cells in a table of "
                                              f"{len(table.widths)} columns")
                if pending_height is not None:
                    table.heights[len(table.rows)] = pending_height
                    pending_height = None
                for column, cell in enumerate(cells):
                    if cell == MERGE_LEFT and column == 0:
                        raise MarkupError(number, "'<' in the first column: no cell on its left")
                    if cell == MERGE_UP and not table.rows:
                        raise MarkupError(number, "'^' in the first row: no cell above")
                table.rows.append(cells)
                continue
            if line.startswith("@height"):
                pending_height = _number(line[7:].strip(), number, "height")
                continue
            if line == "@end":
                if not table.rows:
                    raise MarkupError(table.line, "a table with no rows")
                blocks.append(table)
                table = None
                continue
            raise MarkupError(number, "inside @table only rows (| … |), @height and @end are allowed")
        if not line:
            paragraph = None
            continue
        if line.startswith("#"):
            paragraph = None
            level = len(line) - len(line.lstrip("#"))
            if level > 2 or not line[level:].startswith(" "):
                raise MarkupError(number, "a title is '# TEXT', a heading '## TEXT'")
            blocks.append(Block("title" if level == 1 else "heading", line[level:].strip(), number))
            continue
        if line.startswith("@"):
            paragraph = None
            directive, _, rest = line[1:].partition(" ")
            rest = rest.strip()
            if directive not in _DIRECTIVES:
                raise MarkupError(number, f"unknown instruction @{directive}; known: "
                                          + ", ".join("@" + d for d in sorted(_DIRECTIVES)))
            if directive in ("subtitle", "center", "right", "note"):
                blocks.append(Block(directive, rest, number))
            elif directive == "p":
                paragraph = Block("para", rest, number, indent=True)
                blocks.append(paragraph)
            elif directive in ("space", "lines"):
                blocks.append(Block(directive, line=number, number=_number(rest, number, directive)))
            elif directive == "sign":
                labels = [label.strip() for label in re.split(r"(?<!\\)\|", rest)]
                if not rest or not all(labels):
                    raise MarkupError(number, "@sign needs labels: @sign 申请人（签字） | 单位（盖章）")
                blocks.append(Block("sign", line=number, labels=labels))
            elif directive == "table":
                try:
                    widths = [float(width) for width in rest.split()]
                except ValueError:
                    widths = []
                if not widths or any(width <= 0 for width in widths):
                    raise MarkupError(number, "@table needs column widths above 0, e.g. @table 2 3 2 3")
                table = Block("table", line=number, widths=widths)
            else:
                raise MarkupError(number, f"@{directive} outside a table")
            continue
        if line.startswith("|"):
            raise MarkupError(number, "a table row outside @table … @end")
        if paragraph is None:
            paragraph = Block("para", line, number)
            blocks.append(paragraph)
        else:
            paragraph.text = _joined(paragraph.text, line)
    if table is not None:
        raise MarkupError(table.line, "@table without @end")
    return blocks


# ------------------------------------------------------------------------------------ inline text

_BLANK = re.compile(r"_{3,}")


def inline(text: str, checked: str = "☑", unchecked: str = "☐") -> str:
    """Markup text → reportlab paragraph XML: escapes, check boxes and blanks to fill by hand."""
    out: list[str] = []
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\\" and index + 1 < len(text):
            out.append(_xml(text[index + 1]))
            index += 2
            continue
        if text.startswith("[ ]", index):
            out.append(unchecked)
            index += 3
            continue
        if text.startswith("[x]", index) or text.startswith("[X]", index):
            out.append(checked)
            index += 3
            continue
        blank = _BLANK.match(text, index)
        if blank:
            out.append("<u>" + "\u00a0" * (2 * len(blank.group())) + "</u>")
            index = blank.end()
            continue
        if character == "\u3000":  # reportlab would collapse it like an ASCII space
            out.append("\u00a0\u00a0")
        else:
            out.append(_xml(character))
        index += 1
    return "".join(out)


def _xml(character: str) -> str:
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(character, character)


def plain(text: str) -> str:
    """Markup text as a reader sees it (for checks): escapes removed, boxes as ☐/☑."""
    return re.sub(r"<[^>]+>", "", inline(text)).replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&amp;", "&").replace("\u00a0", " ")


# -------------------------------------------------------------------------------------- flowables

SIZES = {"title": 18.0, "heading": 12.0, "subtitle": 10.5, "body": 10.5, "note": 8.5, "cell": 10.0}
_SIGN_DATE = {"zh": "年\u3000\u3000月\u3000\u3000日", "en": "Date: ____________"}


def flowables(blocks: list[Block], font_name: str, lang: str = "zh",
              width: float | None = None) -> list[Any]:
    """reportlab flowables for the blocks, in one font; `width` is the frame width in points."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from offsite_cli import fonts

    width = width or A4[0] - 40 * mm
    wrap = "CJK" if lang == "zh" else None
    checked = "☑" if fonts.covers(font_name, "☑") else "■"
    unchecked = "☐" if fonts.covers(font_name, "☐") else "□"

    def style(name: str, size: float, align: int = TA_LEFT, **extra: Any) -> ParagraphStyle:
        extra.setdefault("leading", size * 1.45)
        return ParagraphStyle(name, fontName=font_name, fontSize=size, alignment=align,
                              wordWrap=wrap, bulletFontName=font_name, **extra)

    hang = SIZES["cell"] * 0.5 if lang == "zh" else 0
    styles = {
        "title": style("title", SIZES["title"], TA_CENTER, spaceBefore=2 * mm, spaceAfter=3 * mm,
                       leading=SIZES["title"] * 1.3),
        "heading": style("heading", SIZES["heading"], spaceBefore=3 * mm, spaceAfter=1.5 * mm),
        "subtitle": style("subtitle", SIZES["subtitle"], TA_CENTER, spaceAfter=3 * mm),
        "center": style("center", SIZES["body"], TA_CENTER, spaceAfter=1.5 * mm),
        "right": style("right", SIZES["body"], TA_RIGHT, spaceAfter=1.5 * mm),
        "note": style("note", SIZES["note"], spaceBefore=1 * mm, spaceAfter=0.5 * mm),
        "para": style("para", SIZES["body"], spaceAfter=2 * mm),
        "indented": style("indented", SIZES["body"], firstLineIndent=2 * SIZES["body"],
                          spaceAfter=2 * mm, leading=SIZES["body"] * 1.8),
        # CJK wrapping lets closing punctuation hang past the line's end: keep room for it
        "cell": style("cell", SIZES["cell"], rightIndent=hang),
        "cell-center": style("cell-center", SIZES["cell"], TA_CENTER, rightIndent=hang),
        "cell-right": style("cell-right", SIZES["cell"], TA_RIGHT, rightIndent=hang),
    }

    def para(text: str, style_name: str) -> Any:
        return Paragraph(inline(text, checked, unchecked), styles[style_name])

    out: list[Any] = []
    for block in blocks:
        if block.kind in ("title", "heading", "subtitle", "center", "right", "note"):
            out.append(para(block.text, block.kind))
        elif block.kind == "para":
            out.append(para(block.text, "indented" if block.indent else "para"))
        elif block.kind == "space":
            out.append(Spacer(1, block.number * mm))
        elif block.kind == "lines":
            out.append(_ruled_lines(int(block.number), width, 9 * mm))
        elif block.kind == "sign":
            out.append(_sign_row(block.labels, width, para, styles, lang, colors, Table, TableStyle,
                                 Spacer, mm, font_name))
        elif block.kind == "table":
            out.append(_table(block, width, para, colors, Table, TableStyle, mm, font_name))
    return out


def _table(block: Block, width: float, para: Any, colors: Any, table_class: Any,
           style_class: Any, mm: float, font_name: str) -> Any:
    total = sum(block.widths)
    widths = [width * w / total for w in block.widths]
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font_name),  # empty cells too: never a standard font
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    # each cell's span origin: merged cells point back to the cell they extend
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for row_index, row in enumerate(block.rows):
        cells: list[Any] = []
        for column, cell in enumerate(row):
            if cell == "<":
                origin[(row_index, column)] = origin[(row_index, column - 1)]
                cells.append("")
                continue
            if cell == "^":
                origin[(row_index, column)] = origin[(row_index - 1, column)]
                cells.append("")
                continue
            origin[(row_index, column)] = (row_index, column)
            if _BLANK.fullmatch(cell):
                cell = ""  # a blank to fill by hand: the ruled cell is the box already
            if cell.startswith("*") or cell.startswith("="):
                cells.append(para(cell[1:].strip(), "cell-center"))
            elif cell.startswith(">"):
                cells.append(para(cell[1:].strip(), "cell-right"))
            else:
                cells.append(para(cell, "cell"))
        data.append(cells)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (row_index, column), start in origin.items():
        end = spans.get(start, start)
        spans[start] = (max(end[0], row_index), max(end[1], column))
    for start, end in spans.items():
        if start != end:
            commands.append(("SPAN", (start[1], start[0]), (end[1], end[0])))
    heights = [block.heights[index] * mm if index in block.heights else None
               for index in range(len(block.rows))]
    table = table_class(data, colWidths=widths, rowHeights=heights, repeatRows=0)
    table.setStyle(style_class(commands))
    return table


def _sign_row(labels: list[str], width: float, para: Any, styles: dict[str, Any], lang: str,
              colors: Any, table_class: Any, style_class: Any, spacer: Any, mm: float,
              font_name: str) -> Any:
    from reportlab.platypus import Paragraph

    date_line = Paragraph(inline(_SIGN_DATE.get(lang, _SIGN_DATE["en"])), styles["cell-right"])
    cells = [[para(label, "cell"), spacer(1, 14 * mm), date_line] for label in labels]
    gap = 4 * mm
    # one box takes half the width, on the right, where a signature goes on a letter
    column = width / 2 if len(labels) == 1 else (width - gap * (len(labels) - 1)) / len(labels)
    widths: list[float] = []
    row: list[Any] = []
    commands: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, -1), font_name),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("TOPPADDING", (0, 0), (-1, -1), 4),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    for index, cell in enumerate(cells):
        if index:
            widths.append(gap)
            row.append("")
        position = len(row)
        widths.append(column)
        row.append(cell)
        commands.append(("BOX", (position, 0), (position, 0), 0.8, colors.black))
    table = table_class([row], colWidths=widths, hAlign="RIGHT" if len(labels) == 1 else "CENTER")
    table.setStyle(style_class(commands))
    table.spaceBefore = 4 * mm
    return table


def _ruled_lines(count: int, width: float, gap: float) -> Any:
    from reportlab.platypus import Flowable

    class RuledLines(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return width, count * gap

        def draw(self) -> None:
            self.canv.setLineWidth(0.5)
            for index in range(count):
                y = (count - index - 1) * gap
                self.canv.line(0, y, width, y)

    return RuledLines()
