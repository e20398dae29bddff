#!/usr/bin/env python3
"""Regenerate the example dossier examples/zhang-wei-2026-11 (a made-up person, made-up papers).

Run from the repository root:  python examples/make_example.py
The output is deterministic (fixed dates, reportlab's invariant mode), so regenerating it gives the
same files. The case: 张伟, insured by a unit in 晋城市 (140500), stationed in Shanghai, admitted to a
hospital in 徐汇区 (310104), filed, paid in full, and now claiming manually.

The files show every way `offsite dossier check` matches a file to a document: the sub-folders
made by `dossier new`, a file name (银行卡.jpg), the text of a PDF (scan-0007.pdf) and case.toml's
[documents] table (scans/p3.png).
"""

from __future__ import annotations

import io
import shutil
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from offsite_cli.dossier import case as case_file  # noqa: E402
from offsite_cli.policy import ids, profiles, rules
from offsite_cli.dossier import scaffold  # noqa: E402
from offsite_cli.dossier.checking import situation_of  # noqa: E402

NAME = "zhang-wei-2026-11"
TODAY = date(2026, 11, 20)  # the day the dossier was started
PERSON = "张伟"
ID_FIRST17 = "14050219850314123"  # 晋城市城区, born 1985-03-14; made up
HOSPITAL = "上海市示例医院"
UNIT = "晋城市示例机械有限公司"


def _font(size: int):  # noqa: ANN202 - a PIL font
    from PIL import ImageFont

    try:
        from importlib.resources import files

        path = files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"
        return ImageFont.truetype(str(path), size)
    except (ImportError, OSError):
        return ImageFont.load_default(size)


def photo(path: Path, size: tuple[int, int], lines: list[tuple[str, int]], quality: int = 55,
          kind: str = "JPEG") -> None:
    """A phone photo or scan of a paper: off-white page, a frame, lines of text."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (246, 244, 236))
    draw = ImageDraw.Draw(image)
    margin = size[0] // 16
    draw.rectangle((margin // 2, margin // 2, size[0] - margin // 2, size[1] - margin // 2),
                   outline=(120, 120, 120), width=3)
    y = margin
    for content, font_size in lines:
        draw.text((margin, y), content, fill=(30, 30, 30), font=_font(font_size))
        y += int(font_size * 1.6)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "JPEG":
        image.save(path, "JPEG", quality=quality, optimize=True, dpi=(150, 150))
    else:
        image.convert("L").quantize(8).save(path, kind, optimize=True, dpi=(150, 150))


def text_pdf(path: Path, pages: list[list[str]]) -> None:
    """A PDF with a text layer, as hospitals print them (first line: the title)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from offsite_cli.base import fonts

    font = fonts.register()  # embedded, so the example reads the same on every machine
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=1, initialFontName=font)
    sheet.setTitle(pages[0][0])
    for lines in pages:
        sheet.setFont(font, 18)
        sheet.drawCentredString(A4[0] / 2, A4[1] - 72, lines[0])
        sheet.setFont(font, 11)
        y = A4[1] - 110
        for line in lines[1:]:
            sheet.drawString(60, y, line)
            y -= 18
        sheet.showPage()
    sheet.save()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def main() -> None:
    import os

    os.chdir(ROOT.parent)  # paths in README.txt read as typed: examples/NAME
    folder = Path(ROOT.name) / NAME
    if folder.exists():
        shutil.rmtree(folder)
    id_number = ID_FIRST17 + ids.check_character(ID_FIRST17)
    tables: dict[str, dict[str, object]] = {
        "person": {"name": PERSON, "id_number": id_number, "insurance": "employee",
                   "category": "stationed-worker"},
        "insured": {"region": "140500", "unit": UNIT},
        "episode": {"region": "310104", "hospital": HOSPITAL, "care": "inpatient",
                    "admitted": date(2026, 11, 2), "discharged": date(2026, 11, 13),
                    "filed": True, "filed_on": date(2026, 3, 2), "direct_settlement": False,
                    "amount": 12873.50},
        "documents": {"medical-record": ["scans/p3.png"]},
    }
    receipts = [
        case_file.Receipt(number="3100260001234567", date=date(2026, 11, 13), amount=11606.20,
                          item="住院医疗费"),
        case_file.Receipt(number="3100260001234568", date=date(2026, 11, 13), amount=1267.30,
                          item="住院医疗费（自费药品）"),
    ]
    policy = profiles.load()
    import tomllib

    text = case_file.dumps(tables, None, receipts)
    case = case_file.parse(tomllib.loads(text), folder, folder / case_file.CASE_FILE, TODAY)
    classification = rules.classify(situation_of(case, policy), policy, TODAY, "zh")
    scaffold.write(scaffold.plan(folder, tables, None, receipts, classification, policy, "zh",
                                 False, case))

    def sub(document_id: str) -> Path:
        return folder / scaffold.folder_name(document_id, policy, "zh")

    masked = ids.mask(id_number)
    photo(sub("card-copy") / "社保卡正面.jpg", (1500, 950), [
        ("中华人民共和国社会保障卡", 64), ("", 30), (f"姓名  {PERSON}", 52),
        (f"社会保障号码  {masked}", 44), ("卡号  J14050000（示例）", 44),
        ("山西省晋城市人力资源和社会保障局", 40)])
    photo(sub("card-copy") / "社保卡反面.jpg", (1500, 950), [
        ("说明", 56), ("1. 本卡仅限持卡人本人使用。", 40), ("2. 本卡具有医疗保险结算功能。", 40),
        ("3. 示例卡片，并非真实证件。", 40)])
    text_pdf(sub("filing-form") / "备案表.pdf", [[
        "异地就医备案表（跨省）",
        f"姓名：{PERSON}    证件号码：{masked}",
        f"参保地：山西省晋城市    参保单位：{UNIT}",
        "就医地：上海市徐汇区    人员类别：常驻异地工作人员",
        "备案日期：2026-03-02    有效期：长期",
        "参保地经办机构意见：同意备案（示例）",
    ]])
    expense_rows = [f"{day:02d}  床位费 / 检查费 / 药品费        {amount:>9.2f}"
                    for day, amount in zip(range(2, 14), (812.4, 1520.0, 960.3, 1288.0, 730.5,
                                                          1105.2, 987.6, 1199.0, 840.8, 1020.0,
                                                          1207.7, 1202.0))]
    text_pdf(sub("expense-list") / "住院费用明细清单.pdf", [
        ["住院费用明细清单", f"患者：{PERSON}   住院号：2026110201   科室：骨科",
         "日期  项目                              金额（元）", *expense_rows[:6]],
        ["住院费用明细清单（续）", *expense_rows[6:], "合计：12873.50 元"],
    ])
    for index, (number, amount) in enumerate((("3100260001234567", "11606.20"),
                                              ("3100260001234568", "1267.30")), start=1):
        photo(sub("receipt") / f"IMG_20261113_09{index:02d}.jpg", (1240, 1754), [
            ("上海市医疗门诊住院收费票据（电子）", 48), (f"票据号码：{number}", 36),
            (f"交款人：{PERSON}", 36), (f"收款单位：{HOSPITAL}", 36), ("项目：住院医疗费", 36),
            (f"金额：{amount} 元", 40), ("开票日期：2026-11-13", 36),
            ("（背面由报销人签名）", 32)], quality=45)
    text_pdf(sub("discharge-certificate") / "出院小结.pdf", [[
        "出院小结", f"姓名：{PERSON}  性别：男  年龄：41", "入院日期：2026-11-02  出院日期：2026-11-13",
        "入院诊断：右胫骨骨折", "出院诊断：右胫骨骨折术后", "出院医嘱：休息六周，定期复查。",
        f"医院：{HOSPITAL}（示例）",
    ]])
    text_pdf(sub("medical-record") / "病案首页.pdf", [[
        "住院病案首页", f"姓名：{PERSON}   病案号：0026110201", "入院科室：骨科   出院科室：骨科",
        "主要诊断：右胫骨骨折", "手术及操作：右胫骨骨折切开复位内固定术",
    ]])
    photo(folder / "scans" / "p3.png", (1240, 1754), [
        ("手术记录", 48), ("手术日期：2026-11-03", 36), ("手术名称：切开复位内固定术", 36),
        ("麻醉方式：腰硬联合麻醉", 36), ("术者：（示例）", 36)], kind="PNG")
    photo(folder / "银行卡.jpg", (1500, 950), [
        ("银行卡（示例）", 64), (f"户名：{PERSON}", 48), ("卡号：6222 **** **** 0000", 48)])
    text_pdf(folder / "scan-0007.pdf", [[
        "诊断证明书", f"姓名：{PERSON}  性别：男", "诊断：右胫骨骨折术后", "建议：休息六周。",
        f"{HOSPITAL}（示例）  2026-11-13",
    ]])
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"{folder}: {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
