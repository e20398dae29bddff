"""Generated OFD packages for the OFD tests: a minimal valid document to vary, and hostile ones (zip bomb, traversal, entity bomb, missing parts, huge pages)."""

from __future__ import annotations

import io
import zipfile

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'

OFD_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD {NS} DocType="OFD" Version="1.0"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID>{{custom}}</ofd:DocInfo>
<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"""

DOCUMENT_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID>
<ofd:PageArea><ofd:PhysicalBox>0 0 {{width}} {{height}}</ofd:PhysicalBox></ofd:PageArea>
<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{{common}}</ofd:CommonData>
<ofd:Pages>{{pages}}</ofd:Pages>{{document}}</ofd:Document>"""

PUBLIC_RES = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res {NS} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts>{{res}}</ofd:Res>"""

PAGE_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page {NS}><ofd:Content><ofd:Layer ID="2">{{objects}}</ofd:Layer></ofd:Content></ofd:Page>"""


def text_object(identifier: int, x: float, y: float, text: str, size: float = 3.5) -> str:
    return (f'<ofd:TextObject ID="{identifier}" Boundary="{x} {y} 150 {size * 1.5}" Font="1" Size="{size}">'
            f'<ofd:TextCode X="0" Y="{size}">{text}</ofd:TextCode></ofd:TextObject>')


def zipped(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return buffer.getvalue()


def parts(objects: str = "", *, custom: str = "", common: str = "", document: str = "", res: str = "",
          pages: int = 1, width: float = 210, height: float = 297) -> dict[str, bytes | str]:
    """The parts of a small valid OFD, each page with the same objects."""
    page_list = "".join(f'<ofd:Page ID="{100 + index}" BaseLoc="Pages/Page_{index}/Content.xml"/>'
                        for index in range(pages))
    found: dict[str, bytes | str] = {
        "OFD.xml": OFD_XML.format(custom=custom),
        "Doc_0/Document.xml": DOCUMENT_XML.format(width=width, height=height, common=common, pages=page_list,
                                                  document=document),
        "Doc_0/PublicRes.xml": PUBLIC_RES.format(res=res),
    }
    for index in range(pages):
        found[f"Doc_0/Pages/Page_{index}/Content.xml"] = PAGE_XML.format(objects=objects)
    return found


def package(objects: str = "", **options: object) -> bytes:
    return zipped(parts(objects, **options))  # type: ignore[arg-type]


def medical_receipt(with_data: bool) -> bytes:
    """A 医疗收费电子票据 as hospital systems lay it out, with the fields in CustomDatas or only on the page."""
    lines = [
        (20, 15, "江苏省医疗收费电子票据"),
        (10, 28, "票据代码：32060122"), (110, 28, "票据号码：0012345678"),
        (10, 35, "交款人统一社会信用代码："), (110, 35, "校验码：a1b2c3"),
        (10, 42, "交款人：李四"), (110, 42, "开票日期：2026-10-08"),
        (10, 60, "项目名称 金额（元） 备注"), (10, 67, "西药费 1,234.50"), (10, 74, "检查费 200.00"),
        (10, 90, "金额合计（大写）壹仟肆佰叁拾肆元伍角整"), (110, 90, "（小写）1434.50"),
        (10, 100, "医保统筹基金支付：800.00"), (70, 100, "个人账户支付：134.50"), (130, 100, "个人现金支付：500.00"),
        (10, 107, "个人自付：300.00"), (70, 107, "个人自费：200.00"),
        (10, 125, "收款单位（章）：南京市第一医院"), (110, 125, "复核人：王五"),
    ]
    objects = "".join(text_object(10 + index, x, y, text) for index, (x, y, text) in enumerate(lines))
    custom = ""
    if with_data:
        custom = ("<ofd:CustomDatas><ofd:CustomData Name=\"票据代码\">32060122</ofd:CustomData>"
                  "<ofd:CustomData Name=\"票据号码\">0099999999</ofd:CustomData></ofd:CustomDatas>")
    return package(objects, custom=custom, width=210, height=140)


def zip_bomb() -> bytes:
    """One member that unpacks to 40 MB of zeros from about 40 KB: under the size limit, far over the ratio."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts(text_object(10, 10, 10, "x")).items():
            archive.writestr(name, content)
        with archive.open("Doc_0/Res/bomb.bin", "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(40):
                member.write(block)
    return buffer.getvalue()


def traversal(name: str) -> bytes:
    found = parts(text_object(10, 10, 10, "x"))
    found[name] = "owned"
    return zipped(found)


def entity_bomb() -> bytes:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{level} "{("&lol" + (str(level - 1) if level > 1 else "") + ";") * 10}">'
                      for level in range(1, 10))
            + f']><ofd:Document {NS}>&lol9;</ofd:Document>')
    found = parts()
    found["Doc_0/Document.xml"] = bomb
    return zipped(found)


def deep_nesting(levels: int) -> bytes:
    found = parts()
    found["Doc_0/Pages/Page_0/Content.xml"] = (
        f'<ofd:Page {NS}><ofd:Content><ofd:Layer ID="2">' + "<ofd:PageBlock>" * levels
        + "</ofd:PageBlock>" * levels + "</ofd:Layer></ofd:Content></ofd:Page>")
    return zipped(found)


def many_objects(count: int) -> bytes:
    """A page of `count` objects: a grid of short texts and lines."""
    objects = []
    for index in range(count):
        x, y = 5 + (index % 40) * 5, 5 + (index // 40) % 280
        if index % 2:
            objects.append(f'<ofd:PathObject ID="{index + 10}" Boundary="{x} {y} 4 1"><ofd:AbbreviatedData>'
                           "M 0 0 L 4 0</ofd:AbbreviatedData></ofd:PathObject>")
        else:
            objects.append(f'<ofd:TextObject ID="{index + 10}" Boundary="{x} {y} 5 2" Font="1" Size="1.5">'
                           f'<ofd:TextCode X="0" Y="1.5">{index % 100}</ofd:TextCode></ofd:TextObject>')
    return package("".join(objects))


def with_images(pictures: dict[str, bytes]) -> bytes:
    """A page with one ImageObject per picture, each a MultiMedia resource of its own."""
    media = "".join(f'<ofd:MultiMedia ID="{50 + index}" Type="Image"><ofd:MediaFile>{name}</ofd:MediaFile>'
                    "</ofd:MultiMedia>" for index, name in enumerate(pictures))
    objects = "".join(f'<ofd:ImageObject ID="{10 + index}" Boundary="{10 + 40 * index} 10 30 30" '
                      f'CTM="30 0 0 30 0 0" ResourceID="{50 + index}"/>' for index in range(len(pictures)))
    found = parts(objects, res=f"<ofd:MultiMedias>{media}</ofd:MultiMedias>")
    for name, data in pictures.items():
        found[f"Doc_0/Res/{name}"] = data
    return zipped(found)


def composite_amplifier(references: int, unit_objects: int) -> bytes:
    """A composite unit of many texts, drawn by many CompositeObjects: small file, huge page."""
    unit = "".join(text_object(1000 + index, 0, index % 50, "重复" * 20, 1) for index in range(unit_objects))
    res = (f'<ofd:CompositeGraphicUnits><ofd:CompositeGraphicUnit ID="900" Width="100" Height="100">'
           f"<ofd:Content>{unit}</ofd:Content></ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits>")
    objects = "".join(f'<ofd:CompositeObject ID="{10 + index}" Boundary="0 0 100 100" ResourceID="900"/>'
                      for index in range(references))
    return package(objects, res=res)
