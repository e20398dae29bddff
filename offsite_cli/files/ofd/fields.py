"""Invoice and e-receipt fields of an OFD: from its data first (CustomDatas in OFD.xml, Attachs/*.xml, Tags pointing at text objects), else from the page text.

The names are those the tax-bureau e-invoice (`eInvoice`, 2019 schema) and the financial
e-receipt (财政电子票据) producers write; the page-text patterns are the labels printed on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from offsite_cli.files.ofd.errors import OfdError

if TYPE_CHECKING:
    from offsite_cli.files.ofd.document import OfdDocument

FIELD_NAMES = ("code", "number", "check_code", "date", "payer", "payee", "total", "total_words",
               "fund_paid", "account_paid", "cash_paid", "self_paid", "self_expense")
AMOUNTS = {"total", "fund_paid", "account_paid", "cash_paid", "self_paid", "self_expense"}


@dataclass(frozen=True)
class InvoiceFields:
    """What a clerk reads off the receipt. `sources` says where each field was read (CustomDatas,
    the attachment's path, Tags, or page text); a field not found is None."""

    code: str | None = None  # 票据代码 / 发票代码
    number: str | None = None  # 票据号码 / 发票号码
    check_code: str | None = None  # 校验码, without spaces
    date: date | None = None  # 开票日期
    payer: str | None = None  # 交款人 / 购买方名称
    payee: str | None = None  # 收款单位 / 销售方名称
    total: Decimal | None = None  # 合计 (小写), 价税合计
    total_words: str | None = None  # 合计 (大写)
    fund_paid: Decimal | None = None  # 医保统筹基金支付
    account_paid: Decimal | None = None  # 个人账户支付
    cash_paid: Decimal | None = None  # 个人现金支付
    self_paid: Decimal | None = None  # 个人自付
    self_expense: Decimal | None = None  # 个人自费
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def found(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELD_NAMES if getattr(self, name) is not None}


# Names in CustomDatas (Chinese, as producers write them) and in data XML (element names).
# 合计金额 on a VAT invoice is the amount before tax, not the total: deliberately not mapped.
_CUSTOM = {
    "发票代码": "code", "票据代码": "code", "发票号码": "number", "票据号码": "number", "校验码": "check_code",
    "开票日期": "date", "购买方名称": "payer", "交款人": "payer", "销售方名称": "payee", "收款单位": "payee",
    "价税合计": "total", "金额合计": "total", "金额合计（小写）": "total", "金额合计（大写）": "total_words",
    "价税合计（大写）": "total_words", "医保统筹基金支付": "fund_paid", "统筹基金支付": "fund_paid",
    "个人账户支付": "account_paid", "个人现金支付": "cash_paid", "个人自付": "self_paid", "个人自费": "self_expense",
}
_ELEMENTS = {
    "InvoiceCode": "code", "EInvoiceCode": "code", "InvoiceNo": "number", "InvoiceNumber": "number",
    "EInvoiceNumber": "number", "InvoiceCheckCode": "check_code", "CheckCode": "check_code",
    "RandomNumber": "check_code", "IssueDate": "date", "BuyerName": "payer", "PayerPartyName": "payer",
    "SellerName": "payee", "InvoicingPartyName": "payee", "TaxInclusiveTotalAmount": "total",
    "TotalAmount": "total", "TaxInclusiveTotalAmountWithWords": "total_words",
    "TotalAmountWithWords": "total_words",
}

_WORDS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正"
_AMOUNT = r"[¥￥]?\s*(-?[\d,]+\.\d{1,2})"
_TEXT_PATTERNS = {
    "code": r"(?:票据代码|发票代码)\s*[:：]?\s*(\d{8,12})",
    "number": r"(?:票据号码|发票号码)\s*[:：]?\s*(\d{6,20})",
    "check_code": r"校\s*验\s*码\s*[:：]?\s*([0-9A-Za-z]+(?: [0-9A-Za-z]+)*)",
    "date": r"开票日期\s*[:：]?\s*(\d{4}\s*[年\-./]\s*\d{1,2}\s*[月\-./]\s*\d{1,2}\s*日?)",
    "payer": r"(?:交款人|购买方名称)\s*[:：]\s*(\S+)",
    "payee": r"(?:收款单位|销售方名称)(?:（章）|\(章\))?\s*[:：]\s*(\S+)",
    "total": r"(?:小写|价税合计)[）)]?\s*[:：]?\s*" + _AMOUNT,
    "total_words": r"大写[）)]?\s*[:：]?\s*([" + _WORDS + r"]{2,})",
    "fund_paid": r"(?:医保)?统筹基金支付\s*[:：]?\s*" + _AMOUNT,
    "account_paid": r"个人账户支付\s*[:：]?\s*" + _AMOUNT,
    "cash_paid": r"个人现金支付\s*[:：]?\s*" + _AMOUNT,
    "self_paid": r"个人自付\s*[:：]?\s*" + _AMOUNT,
    "self_expense": r"个人自费\s*[:：]?\s*" + _AMOUNT,
}


def normalise(name: str, raw: str) -> object | None:
    """A field's value from the text a producer wrote; None when it does not read as one."""
    text = raw.strip()
    if not text:
        return None
    if name in ("code", "number", "check_code"):
        text = re.sub(r"\s+", "", text)
        return text if re.fullmatch(r"[0-9A-Za-z]+", text) else None
    if name == "date":
        match = re.search(r"(\d{4})\s*[年\-./]?\s*(\d{1,2})\s*[月\-./]?\s*(\d{1,2})", text)
        if not match:
            return None
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if name in AMOUNTS:
        cleaned = re.sub(r"[¥￥,\s元]", "", text)
        try:
            return Decimal(cleaned).quantize(Decimal("0.01"))
        except InvalidOperation:
            return None
    if name == "total_words":
        cleaned = re.sub(r"\s+", "", text)
        return cleaned if cleaned and all(character in _WORDS for character in cleaned) else None
    return re.sub(r"\s+", " ", text)


def _data_xml(document: OfdDocument) -> list[tuple[str, dict[str, str]]]:
    from offsite_cli.files.ofd.package import local  # (an OFD's: a PDF's text needs no reader)

    found = []
    for attachment in document.attachments:
        if not attachment.file.lower().endswith(".xml"):
            continue
        try:
            root = document.package.xml(attachment.file)
        except OfdError:
            continue  # the reader has said the package's problems; an unreadable attachment adds nothing
        values: dict[str, str] = {}
        for element in root.iter():
            name = _ELEMENTS.get(local(element.tag))
            if name and name not in values and (element.text or "").strip():
                values[name] = element.text
        found.append((attachment.file, values))
    return found


def _tagged(document: OfdDocument) -> dict[str, str]:
    from offsite_cli.files.ofd.textlayout import object_texts

    pages = {page.id: page for page in document.pages}
    texts_by_page: dict[str, dict[str, str]] = {}
    values: dict[str, str] = {}
    for trail, references in document.tags:
        name = _ELEMENTS.get(trail.rsplit("/", 1)[-1])
        if not name or name in values:
            continue
        parts = []
        for page_id, object_id in references:
            if page_id not in pages:
                continue
            if page_id not in texts_by_page:
                texts_by_page[page_id] = object_texts(pages[page_id])
            parts.append(texts_by_page[page_id].get(object_id, ""))
        if "".join(parts).strip():
            values[name] = "".join(parts)
    return values


def _from_text(text: str) -> dict[str, str]:
    values = {}
    for name, pattern in _TEXT_PATTERNS.items():
        for match in re.finditer(pattern, text):
            # An empty field is followed by the next label ("交款人： 统一社会信用代码：…"): not a value.
            if not re.search(r"[:：]", match[1]):
                values[name] = match[1]
                break
    if "payer" not in values and re.search(r"购\s*\n?.*买", text, re.S) and "销" in text:
        # A VAT invoice prints 名称 twice: in the 购买方 box, then in the 销售方 box.
        names = re.findall(r"名\s*称\s*[:：]\s*(\S+)", text)
        if len(names) >= 2:
            values["payer"] = names[0]
            values.setdefault("payee", names[1])
    if "total_words" not in values:
        match = re.search(r"([" + _WORDS + r"]{2,}[整正分角])", text)
        if match:
            values["total_words"] = match[1]
    return values


def fields_from_text(text: str) -> InvoiceFields:
    """The fields a receipt's printed labels give (a PDF e-receipt's text layer, or any page text)."""
    chosen: dict[str, object] = {}
    for name, raw in _from_text(text).items():
        value = normalise(name, raw)
        if value is not None:
            chosen[name] = value
    return InvoiceFields(**chosen, sources={name: "page text" for name in chosen})


def read_fields(document: OfdDocument) -> InvoiceFields:
    """The fields, each from the first source that has it: CustomDatas, attachments, Tags, page text."""
    chosen: dict[str, object] = {}
    sources: dict[str, str] = {}

    def offer(values: dict[str, str], source: str) -> None:
        for name, raw in values.items():
            if name in chosen:
                continue
            value = normalise(name, raw)
            if value is not None:
                chosen[name], sources[name] = value, source

    offer({_CUSTOM[name]: value for name, value in document.custom_data.items() if name in _CUSTOM}, "CustomDatas")
    for path, values in _data_xml(document):
        offer(values, path)
    offer(_tagged(document), "Tags")
    if any(name not in chosen for name in FIELD_NAMES):
        text = "\n".join(document.text(index) for index in range(min(len(document.pages), 3)))
        offer(_from_text(text), "page text")
    return InvoiceFields(**chosen, sources=sources)
