"""`offsite profiles new ID --extends PARENT`: a commented starter profile for a local region.

What it writes loads as it is and changes nothing yet: the claim deadline and the
intra-province filing rule are the parent's, copied under the same ids (so that a local value
replaces the parent's rule when the clerk edits it); the extra and dropped documents are
commented examples. Every rule cites one local source, to be filled in: `PLACEHOLDER` marks what
is still to fill, and `profiles check` counts the marks that are left.
"""

from __future__ import annotations

import json
import re
from typing import Any

from offsite_cli.base.errors import BadInput
from offsite_cli.policy.profile_model import Entry, Profile
from offsite_cli.policy.values import DeadlineRole, Scope

PLACEHOLDER = "（待填写）"
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def check_id(profile_id: str) -> None:
    if not _ID.fullmatch(profile_id):
        raise BadInput("choice", field="ID", value=profile_id,
                       expected="lower-case letters, digits and -, e.g. cn-shanxi-jincheng")


def _value(value: Any) -> str:
    """A TOML value (strings, numbers, booleans, lists, inline tables of those)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_value(item)}" for key, item in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def _when(entry: Entry) -> str:
    return _value({key: values[0] if len(values) == 1 else list(values)
                   for key, values in entry.when.items()})


def _claim_deadline(parent: Profile) -> Entry | None:
    for versions in parent.rules.get("deadlines", {}).values():
        latest = versions[-1]
        if latest.data.get("role") == DeadlineRole.CLAIM:
            return latest
    return None


def _intra_province_filing(parent: Profile) -> Entry | None:
    for versions in parent.rules.get("filing", {}).values():
        latest = versions[-1]
        if latest.when.get("scope") == (Scope.INTRA_PROVINCE.value,) and "province" not in latest.when:
            return latest
    return None


def starter_text(profile_id: str, parent: Profile) -> str:
    """The starter profile's text (comments in Chinese and English)."""
    source = "local-notice"
    lines = [
        f"# 地方政策配置 {profile_id}：以 {parent.id} 为基础，只写本地与之不同的规定。",
        f"# A local profile {profile_id}: it extends {parent.id}; write only what differs here.",
        "#",
        "# 每条规则都写明依据（source，引用下面 [sources] 中的编号）和生效日期（since，不知道时写",
        '# "unknown"）；没能核对原文的写 verified = false，offsite 会提示。与上级同 id 的规则替换上级的规则。',
        "# Every rule names its source (an id under [sources]) and the date it takes effect (since,",
        '# or "unknown"); verified = false where the text could not be checked. A rule with the id of',
        "# one of the parent's replaces it.",
        f"# 填好后检查 / check it: offsite profiles check {profile_id}.toml",
        f"# 使用 / use it: offsite check --profile {profile_id} …，或在 case.toml 写 profile = \"{profile_id}\"",
        "",
        "schema = 1",
        f'id = "{profile_id}"',
        f'extends = "{parent.id}"',
        f'title = {{ zh = "{PLACEHOLDER}地区名称", en = "{PLACEHOLDER}region name" }}',
        "",
        "# ---- 依据 / sources: one table per document the rules below rest on",
        f"[sources.{source}]",
        f'title = "{PLACEHOLDER}文件名称，例如 某市医疗保障局关于异地就医零星报销的通知"',
        f'reference = "{PLACEHOLDER}文号或网址，例如 X医保发〔2025〕X号"',
        "# date = 2025-01-01                 # 文件日期 / the document's date",
        "verified = false                    # 核对原文后改为 true / true once checked against the text",
        "",
    ]
    deadline = _claim_deadline(parent)
    if deadline is not None:
        data = deadline.data
        lines += [
            "# ---- 报销申请期限 / the claim deadline",
            f"# 上级（{parent.id}）：{data['name'].get('zh', '')}，{data['after']} 后 "
            f"{data.get('months', 0)} 个月 {data.get('days', 0)} 天。改 months / days 为本地规定，"
            "例如 months = 3。",
            f"# The parent's: {data.get('months', 0)} month(s) {data.get('days', 0)} day(s) after "
            f"{data['after']}; change months / days to the local rule.",
            "[[deadlines]]",
            f'id = "{deadline.id}"                 # 同 id：替换上级规则 / same id: replaces the parent\'s',
            f"name = {_value(data['name'])}",
        ]
        if deadline.when:
            lines.append(f"when = {_when(deadline)}")
        if data.get("months"):
            lines.append(f"months = {data['months']}")
        if data.get("days"):
            lines.append(f"days = {data['days']}")
        lines += [f'after = "{data["after"]}"', 'since = "unknown"', f'source = "{source}"',
                  f'ref = "{PLACEHOLDER}条款，例如 第X条：出院后X个月内申请"', ""]
    filing = _intra_province_filing(parent)
    if filing is not None:
        note = filing.note or {"zh": "", "en": ""}
        lines += [
            "# ---- 省内异地就医是否备案 / filing for treatment elsewhere in the province",
            f"# 上级：required = {_value(bool(filing.data.get('required')))}。本省要求备案时改为 true，并改写 note。",
            "# The parent's value as above; set true where the province asks for filing, and reword the note.",
            "[[filing]]",
            f'id = "{filing.id}"',
            f"when = {_when(filing)}",
            f"required = {_value(bool(filing.data.get('required')))}",
            'since = "unknown"',
            f'source = "{source}"',
            f"note = {_value({'zh': note.get('zh', ''), 'en': note.get('en', '')})}",
            "",
        ]
    document_ids = ", ".join(sorted(parent.documents))
    lines += [
        "# ---- 本地另要的材料 / a document the local office also asks for (remove the # to use):",
        f"# 材料编号 / document ids: {document_ids}",
        "# 新的材料先在 [documents.ID] 定义名称和文件名用词 / a new document is defined first:",
        "# [documents.hospital-invoice-list]",
        '# zh = "住院发票汇总表"',
        '# en = "Summary of the hospital invoices"',
        '# words_zh = ["发票汇总"]',
        '# words_en = ["invoice summary"]',
        "#",
        "# [[checklist]]",
        '# id = "local-extra"',
        '# stage = "claim"',
        '# when = { route = "manual_reimbursement" }',
        '# documents = ["bank-card"]           # 必需 / required',
        '# optional = ["hospital-invoice-list"] # 可选 / optional',
        '# since = "unknown"',
        f'# source = "{source}"',
        "",
        "# ---- 本地不要的材料 / a document the local office does not ask for:",
        f"# 用上级清单规则的 id 重写它，去掉不要的材料（offsite profiles show {parent.id} 列出各规则）。",
        f"# Rewrite the parent's checklist rule under its id without the document (see offsite",
        f"# profiles show {parent.id}); e.g. no medical-record copy for employees' inpatient claims:",
    ]
    record = parent.rules.get("checklist", {}).get("claim-employee-record")
    example = record[-1] if record else None
    if example is not None:
        lines += [
            "# [[checklist]]",
            f'# id = "{example.id}"',
            f'# stage = "{example.data["stage"]}"',
            f"# when = {_when(example)}",
            "# documents = []",
            "# optional = " + _value(list(example.data.get("documents", []))),
            '# since = "unknown"',
            f'# source = "{source}"',
        ]
    return "\n".join(lines) + "\n"


def placeholders(text: str) -> int:
    """How many places of a starter profile are still to fill (outside comments)."""
    return sum(line.count(PLACEHOLDER) for line in text.splitlines()
               if not line.lstrip().startswith("#"))
