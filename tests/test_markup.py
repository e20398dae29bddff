"""The form markup: parsing, errors with line numbers, inline text, escaping, flowables."""

from __future__ import annotations

import io

import pytest

from offsite_cli.base import fonts
from offsite_cli.pdf import markup
from offsite_cli.pdf.markup import MarkupError, escape, inline, parse, plain


def test_blocks() -> None:
    blocks = parse("""# 标题
@subtitle 副标题
## 小节
第一行
second line

@p 缩进段落
接续
@right 日期：___
@note 注
@space 4
@lines 2
@sign 申请人（签字） | 单位（盖章）
;; a comment
@table 1 2
| *姓名 | 张三 |
@height 20
| *地址 | ^ |
@end
""")
    kinds = [b.kind for b in blocks]
    assert kinds == ["title", "subtitle", "heading", "para", "para", "right", "note", "space",
                     "lines", "sign", "table"]
    assert blocks[3].text == "第一行second line"
    assert blocks[4].indent and blocks[4].text == "缩进段落接续"
    assert blocks[9].labels == ["申请人（签字）", "单位（盖章）"]
    table = blocks[10]
    assert table.widths == [1, 2] and table.rows == [["*姓名", "张三"], ["*地址", "^"]]
    assert table.heights == {1: 20}


def test_latin_lines_join_with_a_space() -> None:
    [block] = parse("one\ntwo\n")
    assert block.text == "one two"
    [block] = parse("中文\n继续\n")
    assert block.text == "中文继续"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("# ok\n@bogus x\n", 2, "@bogus"),
        ("@table 1 1\n| a | b | c |\n@end\n", 2, "3 cells"),
        ("@table 1 1\n| a | b |\n", 1, "without @end"),
        ("@table\n", 1, "widths"),
        ("@table 1 x\n", 1, "widths"),
        ("| a |\n", 1, "outside"),
        ("@space many\n", 1, "number"),
        ("@sign\n", 1, "labels"),
        ("@table 1 1\n| < | b |\n@end\n", 2, "first column"),
        ("@table 1 1\n| ^ | b |\n@end\n", 2, "first row"),
        ("@table 1\n@end\n", 1, "no rows"),
        ("@end\n", 1, "outside a table"),
        ("###### too deep\n", 1, "title"),
        ("@table 1\n| a |\nplain\n@end\n", 3, "inside @table"),
        ("@table 1\n@head\n| a |\n@end\n", 2, "@head"),
        ("@table 1\n@keep\n| a |\n@end\n", 2, "@keep"),
        ("@table 1\n| a |\n@keep\n@end\n", 4, "@keep"),
        ("@columns 2\n[ ] a\n", 1, "without @end"),
        ("@columns 0\n@end\n", 1, "whole number"),
        ("@columns 2.5\n@end\n", 1, "whole number"),
        ("@columns 2\n| a |\n@end\n", 2, "@columns"),
    ],
)
def test_errors_name_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(MarkupError) as caught:
        parse(text)
    assert caught.value.line == line and fragment in caught.value.message


def test_inline() -> None:
    # the space after a box does not break: the box stays with its label
    assert inline("[ ] a [x] b [X]") == "☐\u00a0a ☑\u00a0b ☑"
    assert plain("[ ] a") == "☐ a"
    assert inline("a < b & c") == "a &lt; b &amp; c"
    assert inline("名___字") == "名<u>" + "\u00a0" * 6 + "</u>字"
    assert inline("年\u3000月") == "年\u00a0\u00a0月"
    assert inline("\\[x\\] \\_\\_\\_") == "[x] ___"
    assert inline("[ ]", checked="■", unchecked="□") == "□"


@pytest.mark.parametrize("value", ["A|B", "[x] done", "___", "*star", "#1", "@home", "<", "^",
                                   "a\\b", "=x", ">y", ";;z", "line\nbreak"])
def test_escaped_values_print_as_typed(value: str) -> None:
    escaped = escape(value)
    assert plain(escaped) == value.replace("\n", " ")
    [block] = parse(escaped)
    assert plain(block.text) == value.replace("\n", " ")
    [table] = parse(f"@table 1 1\n| {escaped} | x |\n@end\n")
    assert plain(table.rows[0][0]) == value.replace("\n", " ")


def test_escaped_bar_splits_no_cell() -> None:
    [table] = parse("@table 1 1\n| a\\|b | c |\n@end\n")
    assert table.rows == [["a\\|b", "c"]]


def test_flowables_build_a_pdf_in_the_embedded_font() -> None:
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    font = fonts.register()
    blocks = parse("""# 标题
@table 1 2 1
| *a | 很长的医院名称很长的医院名称很长的医院名称很长的医院名称很长的医院名称 | < |
| *b | ^ | >1.00 |
| *c | [x] 是 [ ] 否 | ___ |
@end
@sign 甲 | 乙 | 丙
@lines 2
""")
    story = markup.flowables(blocks, font, "zh")
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, initialFontName=font, invariant=1).build(story)
    reader = PdfReader(buffer)
    text = reader.pages[0].extract_text()
    assert "标题" in text and "■ 是" in text and "□ 否" in text  # the packaged font lacks ☐ ☑
    for font_object in reader.pages[0]["/Resources"]["/Font"].values():
        assert "/FontFile2" in font_object.get_object()["/FontDescriptor"].get_object()


def test_head_keep_and_columns() -> None:
    [table, columns] = parse("""@table 1 1
| *No. | *Amount |
@head
| 1 | >1.00 |
@keep
| *Total | >1.00 |
@keep
| *Words | x |
@end
@columns 2
;; a comment
[ ] one
[x] two

three
@end
""")
    assert table.head == 1 and table.keep == {2, 3}
    assert columns.kind == "columns" and columns.number == 2
    assert columns.rows == [["[ ] one"], ["[x] two"], ["three"]]
    [empty] = parse("@columns 3\n@end\n")
    assert empty.rows == [] and markup.flowables([empty], fonts.register(), "zh") == []


def test_tables_repeat_their_head_and_keep_rows_together() -> None:
    font = fonts.register()
    [table] = parse("@table 1 1\n| *a | *b |\n@head\n| 1 | 2 |\n| 3 | 4 |\n@keep\n| 5 | 6 |\n"
                    "@keep\n| 7 | 8 |\n@end\n")
    [flowable] = markup.flowables([table], font, "zh")
    assert flowable.repeatRows == 1
    nosplit = [command for command in flowable._nosplitCmds]
    assert [(start, stop) for _, start, stop in nosplit] == [((0, 2), (-1, 4))]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_amounts_shrink_to_stay_on_one_line(lang: str) -> None:
    font = fonts.register()
    [table] = parse("@table 3 1\n| *a | >¥999,999,999,999.99 |\n| *b | >1.00 |\n@end\n")
    [flowable] = markup.flowables([table], font, lang, width=400)
    big, small = flowable._cellvalues[0][1], flowable._cellvalues[1][1]
    assert small.style.fontSize == markup.SIZES["cell"]
    assert markup.MIN_AMOUNT_SIZE <= big.style.fontSize < markup.SIZES["cell"]
    room = 400 / 4 - 8  # the column less its padding
    big.wrap(room, 1000)
    assert len(big.blPara.lines) == 1


def test_columns_keep_each_box_with_its_label() -> None:
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    font = fonts.register()
    items = "\n".join(f"[ ] Detailed list of medical expenses number {n}" for n in range(7))
    story = markup.flowables(parse(f"@columns 2\n{items}\n@end\n"), font, "en")
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, initialFontName=font, invariant=1).build(story)
    lines = PdfReader(buffer).pages[0].extract_text().splitlines()
    assert sum(line.count("□") for line in lines) == 7
    assert not any(line.rstrip().endswith("□") for line in lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chinese_in_any_form_never_starts_a_line_with_punctuation(lang: str) -> None:
    """An expense item in Chinese wraps by CJK rules in the English forms too; English words stay whole."""
    from pypdf import PdfReader
    from reportlab.platypus import SimpleDocTemplate

    font = fonts.register(None)
    item = "住院医疗费（含自费药品、特殊医用材料及检查检验费用）"
    blocks = parse(f"@table 1 1\n| {escape(item)} | Designated institution of the treatment |\n@end\n")
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, initialFontName=font).build(markup.flowables(blocks, font, lang, 200))
    shown = PdfReader(buffer).pages[0].extract_text()
    lines = [line.strip() for line in shown.splitlines() if line.strip()]
    assert len(lines) > 3, lines
    assert not any(line[:1] in "、，。）：；" for line in lines), lines
    assert "institution" in shown.split()
