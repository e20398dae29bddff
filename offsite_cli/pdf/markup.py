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
    @head                   (inside a table) the rows above are its header: when the table goes
                            on to another page, they are repeated at the top of that page
    @keep                   (inside a table) the next row stays on the same page as the row
                            above it (totals with the last line of a list, and with each other)
    @end                    closes a table
    @columns N              the lines that follow, up to `@end`, are items laid out in N columns
                            without rules, left to right (check boxes with their labels: an
                            item's label wraps under itself, never away from its box)

Cells of a table row:

    *TEXT                   a label cell: centred (the captions of a form)
    =TEXT                   centred
    >TEXT                   right-aligned, never wrapped (amounts): when the text is wider
                            than the cell, its type is made smaller until it fits on one line
    <                       (alone) merged with the cell on its left
    ^                       (alone) merged with the cell above

Inside any text:

    [ ]  [x]                a check box, empty or ticked (☐ ☑; □ ■ where the font lacks those);
                            a space after it does not break: the box stays with its label
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
    head: int = 0  # table: how many rows repeat at the top of each page it continues on
    keep: set[int] = field(default_factory=set)  # table: rows kept on the page of the row above


_DIRECTIVES = {"subtitle", "center", "right", "note", "p", "space", "lines", "sign", "table",
               "height", "head", "keep", "end", "columns"}
MAX_COLUMNS = 6
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
    pending_keep = False
    columns: Block | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip(" \t\r")  # not U+3000: templates space Chinese labels with it
        if line.startswith(";;"):
            continue
        if columns is not None:
            if not line:
                continue
            if line == "@end":
                blocks.append(columns)
                columns = None
                continue
            if line.startswith("@") or line.startswith("|") or line.startswith("#"):
                raise MarkupError(number, "inside @columns only items (one a line) and @end are allowed")
            columns.rows.append([line])
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
                if pending_keep:
                    table.keep.add(len(table.rows))
                    pending_keep = False
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
            if line == "@head":
                if not table.rows:
                    raise MarkupError(number, "@head comes after the header rows of a table")
                table.head = len(table.rows)
                continue
            if line == "@keep":
                if not table.rows:
                    raise MarkupError(number, "@keep in the first row: no row above to keep with")
                pending_keep = True
                continue
            if line == "@end":
                if not table.rows:
                    raise MarkupError(table.line, "a table with no rows")
                if pending_keep:
                    raise MarkupError(number, "@keep with no row after it")
                blocks.append(table)
                table = None
                continue
            raise MarkupError(number, "inside @table only rows (| … |), @height, @head, @keep and "
                                      "@end are allowed")
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
            elif directive == "columns":
                count = _number(rest, number, "columns")
                if count != int(count) or not 1 <= count <= MAX_COLUMNS:
                    raise MarkupError(number, f"@columns needs a whole number from 1 to {MAX_COLUMNS}, "
                                              f"not '{rest}'")
                columns = Block("columns", line=number, number=count)
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
    if columns is not None:
        raise MarkupError(columns.line, "@columns without @end")
    return blocks


# ------------------------------------------------------------------------------------ inline text

_BLANK = re.compile(r"_{3,}")
# Han characters and CJK punctuation, full-width forms: a text with any wraps by CJK rules
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")


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
        box = _box_at(text, index)
        if box is not None:
            out.append(checked if box else unchecked)
            index += 3
            if text.startswith(" ", index):  # a no-break space: the box stays with its label
                out.append("\u00a0")
                index += 1
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


def _box_at(text: str, index: int) -> bool | None:
    """True for a ticked box at `index`, False for an empty one, None for no box."""
    if text.startswith("[ ]", index):
        return False
    if text.startswith("[x]", index) or text.startswith("[X]", index):
        return True
    return None


def _xml(character: str) -> str:
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(character, character)


def plain(text: str) -> str:
    """Markup text as a reader sees it (for checks): escapes removed, boxes as ☐/☑."""
    return re.sub(r"<[^>]+>", "", inline(text)).replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&amp;", "&").replace("\u00a0", " ")


# -------------------------------------------------------------------------------------- flowables

SIZES = {"title": 18.0, "heading": 12.0, "subtitle": 10.5, "body": 10.5, "note": 8.5, "cell": 10.0,
         "item": 10.0}
CELL_LEADING = 1.3  # lines in a ruled cell: tighter than running text
MIN_AMOUNT_SIZE = 5.0  # an amount's type is made smaller than this only by wrapping it
CELL_PADDING = {"TOP": 2.5, "BOTTOM": 3.5, "LEFT": 4.0, "RIGHT": 4.0}
_SIGN_DATE = {"zh": "年\u3000\u3000月\u3000\u3000日", "en": "Date: ____________"}


# Chinese closing punctuation that reportlab's CJK wrapping (reportlab.lib.textsplit) lets start a
# line: "，" after a blank or a full line began the next one on the forms.
CANNOT_START_LINE = "，；：！？》〉”’…—％·"


def _no_line_starts_with_closing_punctuation() -> None:
    """Add CANNOT_START_LINE to what reportlab's CJK line splitter hangs at a line's end instead
    of starting the next line with it (its table holds Japanese usage: 。、）」 but not ，；：！？)."""
    from reportlab.platypus import paragraph

    missing = "".join(c for c in CANNOT_START_LINE if c not in paragraph.ALL_CANNOT_START)
    if missing:
        paragraph.ALL_CANNOT_START = paragraph.ALL_CANNOT_START + missing


def flowables(blocks: list[Block], font_name: str, lang: str = "zh",
              width: float | None = None) -> list[Any]:
    """reportlab flowables for the blocks, in one font; `width` is the frame width in points."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    from offsite_cli.base import fonts

    _no_line_starts_with_closing_punctuation()
    width = width or A4[0] - 40 * mm
    # A text with Chinese in it wraps by character with no closing punctuation at the start of a
    # line, in the English forms too (hospital names, expense items); a text without wraps by
    # words (reportlab's CJK wrapping may cut a long Latin word): see `chosen`
    wrap = None
    checked = "☑" if fonts.covers(font_name, "☑") else "■"
    unchecked = "☐" if fonts.covers(font_name, "☐") else "□"

    def style(name: str, size: float, align: int = TA_LEFT, **extra: Any) -> ParagraphStyle:
        extra.setdefault("leading", size * 1.45)
        return ParagraphStyle(name, fontName=font_name, fontSize=size, alignment=align,
                              wordWrap=wrap, bulletFontName=font_name, **extra)

    hang = 0.0  # see `chosen`
    cell_leading = SIZES["cell"] * CELL_LEADING
    styles = {
        "title": style("title", SIZES["title"], TA_CENTER, spaceBefore=1 * mm, spaceAfter=2.5 * mm,
                       leading=SIZES["title"] * 1.3, keepWithNext=1),
        "heading": style("heading", SIZES["heading"], spaceBefore=2.5 * mm, spaceAfter=1.2 * mm,
                         leading=SIZES["heading"] * 1.3),
        "subtitle": style("subtitle", SIZES["subtitle"], TA_CENTER, spaceAfter=2 * mm),
        "center": style("center", SIZES["body"], TA_CENTER, spaceAfter=1.5 * mm),
        "right": style("right", SIZES["body"], TA_RIGHT, spaceAfter=1.5 * mm),
        "note": style("note", SIZES["note"], spaceBefore=0.5 * mm, spaceAfter=0.5 * mm,
                      leading=SIZES["note"] * 1.35),
        "para": style("para", SIZES["body"], spaceAfter=1.5 * mm),
        "indented": style("indented", SIZES["body"], firstLineIndent=2 * SIZES["body"],
                          spaceAfter=2 * mm, leading=SIZES["body"] * 1.8),
        "cell": style("cell", SIZES["cell"], rightIndent=hang, leading=cell_leading),
        "cell-center": style("cell-center", SIZES["cell"], TA_CENTER, rightIndent=hang,
                             leading=cell_leading),
        "cell-right": style("cell-right", SIZES["cell"], TA_RIGHT, rightIndent=hang,
                            leading=cell_leading),
        "item": style("item", SIZES["item"], leading=SIZES["item"] * 1.4, rightIndent=hang),
    }

    cjk_styles: dict[str, ParagraphStyle] = {}

    def chosen(text: str, style_name: str) -> ParagraphStyle:
        """The style, made to wrap by CJK rules for a text with Chinese in it in an English form."""
        base = styles[style_name]
        if not _CJK.search(text):
            return base
        if style_name not in cjk_styles:
            # CJK wrapping lets closing punctuation hang past the line's end: keep room for it
            extra = {"rightIndent": base.rightIndent + SIZES["cell"] * 0.5} \
                if style_name.startswith(("cell", "item")) else {}
            cjk_styles[style_name] = ParagraphStyle(f"{style_name}-cjk", parent=base, wordWrap="CJK",
                                                    **extra)
        return cjk_styles[style_name]

    def para(text: str, style_name: str) -> Any:
        return Paragraph(inline(text, checked, unchecked), chosen(text, style_name))

    def fitted(text: str, room: float) -> Any:
        """A right-aligned cell on one line: smaller type when the text is wider than `room`."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        shown = plain(text)
        base = styles["cell-right"]
        needed = stringWidth(shown, font_name, base.fontSize)
        available = room - base.rightIndent - base.leftIndent
        if needed <= available or not shown:
            return para(text, "cell-right")
        size = max(MIN_AMOUNT_SIZE, int(base.fontSize * available / needed * 10) / 10)
        smaller = ParagraphStyle(f"cell-right-{size}", parent=base, fontSize=size,
                                 leading=base.leading)
        return Paragraph(inline(text, checked, unchecked), smaller)

    def item(text: str) -> Any:
        """A @columns item; one starting with a check box wraps its label under itself."""
        box = _box_at(text, 0)
        if box is None:
            return para(text, "item")
        from reportlab.pdfbase.pdfmetrics import stringWidth

        mark = checked if box else unchecked
        indent = stringWidth(mark + "\u00a0", font_name, SIZES["item"])
        boxed = ParagraphStyle("item-box", parent=chosen(text, "item"), leftIndent=indent,
                               bulletIndent=0)
        return Paragraph(inline(text[3:].lstrip(" "), checked, unchecked), boxed, bulletText=mark)

    out: list[Any] = []
    headings: set[int] = set()  # positions in `out` of the section headings
    for block in blocks:
        if block.kind == "heading":
            headings.add(len(out))
        if block.kind in ("title", "heading", "subtitle", "center", "right", "note"):
            out.append(para(block.text, block.kind))
        elif block.kind == "para":
            out.append(para(block.text, "indented" if block.indent else "para"))
        elif block.kind == "space":
            out.append(Spacer(1, block.number * mm))
        elif block.kind == "lines":
            out.append(_ruled_lines(int(block.number), width, 9 * mm))
        elif block.kind == "sign":
            row = _sign_row(block.labels, width, para, styles, lang, colors, Table, TableStyle,
                            Spacer, mm, font_name)
            if out and isinstance(out[-1], Paragraph) and len(out) - 1 not in headings:
                # the signatures stay on the page of what they sign (the declaration above)
                row = KeepTogether([out.pop(), row])
            out.append(row)
        elif block.kind == "table":
            out.append(_table(block, width, para, fitted, colors, Table, TableStyle, mm, font_name))
        elif block.kind == "columns" and block.rows:
            out.append(_columns(block, width, item, Table, TableStyle, font_name, mm))
    return _headings_kept(out, headings, width)


def _headings_kept(out: list[Any], headings: set[int], width: float) -> list[Any]:
    """A heading never ends a page: before each, a page break when the heading and the start of
    what follows (a table's header and first row, a short block whole) would not fit.

    Not KeepTogether: that would move a long table whole to the next page instead of breaking it.
    """
    from reportlab.platypus import CondPageBreak, Table

    kept: list[Any] = []
    for index, flowable in enumerate(out):
        if index in headings and index + 1 < len(out):
            _, heading_height = flowable.wrap(width, 10_000)
            heading_height += flowable.getSpaceBefore() + flowable.getSpaceAfter()
            following = out[index + 1]
            _, height = following.wrap(width, 10_000)
            if isinstance(following, Table) and getattr(following, "repeatRows", 0):
                rows = following._rowHeights[: following.repeatRows + 1]
                height = min(height, sum(rows))
            kept.append(CondPageBreak(heading_height + min(height, 60 * 2.8346)))
        kept.append(flowable)
    return kept


def _columns(block: Block, width: float, item: Any, table_class: Any, style_class: Any,
             font_name: str, mm: float) -> Any:
    """Items in N unruled columns; each column as wide as its longest item when they all fit on
    one line (the room left shared out), else equal columns in which the items wrap."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    count = int(block.number)
    texts = [row[0] for row in block.rows]
    rows = [texts[start:start + count] for start in range(0, len(texts), count)]
    rows[-1] += [""] * (count - len(rows[-1]))
    padding = 8.0  # between columns
    natural = [0.0] * count
    for row in rows:
        for column, text in enumerate(row):
            natural[column] = max(natural[column],
                                  stringWidth(plain(text), font_name, SIZES["item"]) + padding + 2)
    if sum(natural) <= width:
        spare = (width - sum(natural)) / count
        widths = [need + spare for need in natural]
    else:
        padding = 4.0
        widths = [width / count] * count
    cells = [[item(text) if text else "" for text in row] for row in rows]
    table = table_class(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(style_class([
        ("FONTNAME", (0, 0), (-1, -1), font_name),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    table.spaceAfter = 1.5 * mm
    return table


def _table(block: Block, width: float, para: Any, fitted: Any, colors: Any, table_class: Any,
           style_class: Any, mm: float, font_name: str) -> Any:
    total = sum(block.widths)
    widths = [width * w / total for w in block.widths]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font_name),  # empty cells too: never a standard font
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    commands += [(f"{side}PADDING", (0, 0), (-1, -1), points) for side, points in CELL_PADDING.items()]
    # each cell's span origin: merged cells point back to the cell they extend
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for row_index, row in enumerate(block.rows):
        for column, cell in enumerate(row):
            if cell == MERGE_LEFT:
                origin[(row_index, column)] = origin[(row_index, column - 1)]
            elif cell == MERGE_UP:
                origin[(row_index, column)] = origin[(row_index - 1, column)]
            else:
                origin[(row_index, column)] = (row_index, column)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (row_index, column), start in origin.items():
        end = spans.get(start, start)
        spans[start] = (max(end[0], row_index), max(end[1], column))
    for start, end in spans.items():
        if start != end:
            commands.append(("SPAN", (start[1], start[0]), (end[1], end[0])))
    data: list[list[Any]] = []
    for row_index, row in enumerate(block.rows):
        cells: list[Any] = []
        for column, cell in enumerate(row):
            if origin[(row_index, column)] != (row_index, column):
                cells.append("")
                continue
            if _BLANK.fullmatch(cell):
                cell = ""  # a blank to fill by hand: the ruled cell is the box already
            if cell.startswith("*") or cell.startswith("="):
                cells.append(para(cell[1:].strip(), "cell-center"))
            elif cell.startswith(">"):
                last = spans[(row_index, column)][1]
                room = sum(widths[column:last + 1]) - CELL_PADDING["LEFT"] - CELL_PADDING["RIGHT"]
                cells.append(fitted(cell[1:].strip(), room))
            else:
                cells.append(para(cell, "cell"))
        data.append(cells)
    # rows kept with the row above: one NOSPLIT over each run of rows joined that way
    for row_index in sorted(block.keep):
        if row_index - 1 in block.keep:
            continue
        last = row_index
        while last + 1 in block.keep:
            last += 1
        commands.append(("NOSPLIT", (0, row_index - 1), (-1, last)))
    heights = [block.heights[index] * mm if index in block.heights else None
               for index in range(len(block.rows))]
    table = table_class(data, colWidths=widths, rowHeights=heights, repeatRows=block.head)
    table.setStyle(style_class(commands))
    return table


def _sign_row(labels: list[str], width: float, para: Any, styles: dict[str, Any], lang: str,
              colors: Any, table_class: Any, style_class: Any, spacer: Any, mm: float,
              font_name: str) -> Any:
    from reportlab.platypus import Paragraph

    date_line = Paragraph(inline(_SIGN_DATE.get(lang, _SIGN_DATE["en"])), styles["cell-right"])
    cells = [[para(label, "cell"), spacer(1, 12 * mm), date_line] for label in labels]
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
    table.spaceBefore = 3 * mm
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
