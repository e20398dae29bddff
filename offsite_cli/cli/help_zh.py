"""The --help texts in Chinese: English text (paragraphs, white space folded) → Chinese.

The commands are written with English help; `translate_help` swaps in these texts when the
language is Chinese. tests/test_help.py checks that every help text of every command is here.
"""

from __future__ import annotations

from typing import Any

from offsite_cli.base.i18n import label
from offsite_cli.policy.values import Care, choices


def normalise(text: str) -> str:
    """Paragraphs kept, white space inside each folded: the key of a help text."""
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


HELP_ZH: dict[str, str] = {normalise(english): chinese for english, chinese in {
    # ---- the application and its groups
    "Off-site medical-insurance claims (异地就医) for work-unit HR clerks: filing, route, documents, deadlines, forms and one PDF.":
        "单位经办人办理异地就医医保报销：是否备案、结算方式、所需材料、期限、表格和一份 PDF。",
    "Print the version and exit.": "显示版本号后退出。",
    "Show this message and exit.": "显示此帮助后退出。",
    "Dossier folders: a case.toml and the person's scans.": "案卷文件夹：一个 case.toml 和参保人的扫描件。",
    "The policy profiles that are available.": "可用的政策配置。",
    "Administrative division codes and planning areas.": "行政区划代码与统筹区。",
    "Form templates: the shipped ones and your edited copies in the config folder.":
        "表格模板：内置模板和配置目录中你修改过的副本。",
    "Settings in config.toml in the config folder: unit.name, font.path.":
        "配置目录中 config.toml 的设置：unit.name、font.path。",
    # ---- shared options
    "Print one JSON document on standard output.": "在标准输出打印一个 JSON 文档。",
    "Language of everything printed and of the forms; default: the locale, else zh.":
        "输出和表格的语言；默认随系统语言，否则为中文（zh）。",
    "Policy profile (see: offsite profiles list).": "政策配置（见 offsite profiles list）。",
    "Never ask; a missing value is an error naming its option.": "从不提问；缺少的值按错误处理并指出对应选项。",
    "The date to count days from (ISO 8601); default: today.": "计算剩余天数所依据的日期（ISO 8601）；默认今天。",
    "Open password of a PDF (FILE relative to DIR, or * for every file); repeatable.":
        "PDF 的打开密码（FILE 为相对 DIR 的路径，* 表示所有文件）；可重复。",
    "A TrueType font (.ttf/.ttc) to embed instead of the packaged WenQuanYi Micro Hei; default: the config's font.path.":
        "嵌入的 TrueType 字体（.ttf/.ttc），代替内置的文泉驿微米黑；默认取配置中的 font.path。",
    "Insured place: 6-digit code or Chinese name (晋城市).": "参保地：6 位代码或中文名称（晋城市）。",
    "Place of treatment: code or name (徐汇区).": "就医地：代码或名称（徐汇区）。",
    "Insurance scheme.": "险种。",
    "Person category, one of the profile's (offsite profiles show ID).":
        "人员类别，取政策配置中的类别之一（见 offsite profiles show ID）。",
    ", ".join(choices(Care)[:-1]) + f" or {choices(Care)[-1]}.":  # cli/common.CARE_HELP
        "就医类型：" + "、".join(f"{care}（{label('care', care, 'zh')}）" for care in choices(Care)[:-1])
        + f"或 {choices(Care)[-1]}（{label('care', choices(Care)[-1], 'zh')}）。",
    "Admission or visit date.": "入院（就诊）日期。",
    "Discharge date.": "出院日期。",
    "Whether filing (备案) was done.": "是否已办理备案。",
    "The day filing was done (for its validity).": "备案日期（用于计算备案有效期）。",
    "Whether the bill was settled by card at the hospital.": "是否已在医院持卡直接结算。",
    # ---- check
    "Classify one situation: scope, whether filing is needed, the route, documents and deadlines.\n\nExample: offsite check --insured-region 晋城市 --treatment-region 徐汇区 --insurance employee --category stationed-worker --care inpatient --admitted 2026-10-08 --discharged 2026-10-20 --filed\n\nExample: offsite check examples/zhang-wei-2026-11 --today 2026-11-20\n\nIn a terminal, what is missing is asked; admission and discharge dates and direct settlement are asked too, and may be skipped with Enter.":
        "判断一次就医：范围、是否需要备案、结算方式、所需材料和期限。\n\n示例：offsite check --insured-region 晋城市 --treatment-region 徐汇区 --insurance employee --category stationed-worker --care inpatient --admitted 2026-10-08 --discharged 2026-10-20 --filed\n\n示例：offsite check examples/zhang-wei-2026-11 --today 2026-11-20\n\n在终端中会询问缺少的信息；也会询问入院、出院日期和是否直接结算，可按回车跳过。",
    "A dossier folder: its case.toml gives the situation; options override it.":
        "案卷文件夹：按其中的 case.toml 判断，命令行选项优先。",
    "Exit 1 when filing is required and has not been done.": "需要备案但尚未备案时以 1 退出。",
    # ---- dossier new
    "Start a dossier folder: case.toml, a README.txt listing the documents, one sub-folder each.\n\nIn a terminal it asks for what is missing; with --no-input (or no terminal) a missing value is an error naming its option. An existing case is kept unless --force.\n\nExample: offsite dossier new 张伟-2026-11 --insured-region 晋城市 --treatment-region 徐汇区 --insurance employee --category stationed-worker --care inpatient --admitted 2026-11-02 --discharged 2026-11-13 --filed --no-direct-settlement --name 张伟\n\nThen: offsite dossier check 张伟-2026-11 (a filled-in one: examples/zhang-wei-2026-11)":
        "新建案卷文件夹：case.toml、列出所需材料的 README.txt，每种材料一个子文件夹。\n\n在终端中会询问缺少的信息；使用 --no-input（或没有终端）时，缺少的值按错误处理并指出对应选项。已有案卷不会被覆盖，除非加 --force。\n\n示例：offsite dossier new 张伟-2026-11 --insured-region 晋城市 --treatment-region 徐汇区 --insurance employee --category stationed-worker --care inpatient --admitted 2026-11-02 --discharged 2026-11-13 --filed --no-direct-settlement --name 张伟\n\n然后：offsite dossier check 张伟-2026-11（已填好的示例：examples/zhang-wei-2026-11）",
    "The dossier folder to start (made if needed).": "要新建的案卷文件夹（不存在则创建）。",
    "The insured person's name.": "参保人姓名。",
    "18-character resident ID number (checked; shown masked).": "18 位居民身份证号码（会校验；显示时打码）。",
    "The hospital of the episode.": "就医的医院。",
    "Total amount paid, in yuan (12873.50).": "已付总金额，单位元（12873.50）。",
    "The insured unit (work unit).": "参保单位。",
    "Overwrite an existing case.toml (its values are kept unless given).": "覆盖已有的 case.toml（未给出的值保留原值）。",
    # ---- dossier check
    "Check a dossier's files against the checklist of its case; nothing in the folder is changed.\n\nFiles are matched to documents by case.toml [documents], then by sub-folder, then by words in the file name, then by words in a PDF's text. A document is ok when at least one of its files can be read; files that cannot are listed under its problems. Exit 0: complete; 1: a required document is missing or unreadable; 2: a bad case file.\n\n--json, one DIR: one object — \"case\", \"complete\", \"documents\" (an object keyed by document id, e.g. \"receipt\": {\"status\": \"ok|missing|unreadable|not_required\", \"files\": [...], \"problems\": [...]}), \"unmatched\", \"ambiguous\", \"deadline\", \"days_left\", \"deadlines\", \"warnings\". Several DIRs: a list with one such object per DIR, in order; a DIR whose case file is bad gives the same keys, empty, plus \"error\" and \"exit_code\". One DIR with a bad case file: nothing on standard output, the error on standard error, exit 2.\n\nExample: offsite dossier check examples/zhang-wei-2026-11\n\nExample: offsite dossier check --json examples/zhang-wei-2026-11 > report.json":
        "按案卷的材料清单检查文件夹中的文件；不会改动文件夹中的任何内容。\n\n文件与材料的对应依次按 case.toml 的 [documents]、子文件夹、文件名中的词语、PDF 文字中的词语确定。某种材料只要有一个文件可读即为齐全，不可读的文件列在其问题中。退出码 0：齐全；1：缺少必需材料或无法读取；2：案卷文件有误。\n\n--json，一个 DIR：一个对象——\"case\"、\"complete\"、\"documents\"（按材料编号的对象，如 \"receipt\": {\"status\": \"ok|missing|unreadable|not_required\", \"files\": [...], \"problems\": [...]}）、\"unmatched\"、\"ambiguous\"、\"deadline\"、\"days_left\"、\"deadlines\"、\"warnings\"。多个 DIR：按顺序每个 DIR 一个这样的对象组成列表；案卷文件有误的 DIR 给出相同的键（为空）以及 \"error\" 和 \"exit_code\"。一个 DIR 且案卷文件有误：标准输出为空，错误在标准错误，退出码 2。\n\n示例：offsite dossier check examples/zhang-wei-2026-11\n\n示例：offsite dossier check --json examples/zhang-wei-2026-11 > report.json",
    "One or more dossier folders, each with a case.toml.": "一个或多个案卷文件夹，各含一个 case.toml。",
    # ---- dossier forms
    "Fill the forms the case needs (filing form, commitment letter, unit certificate, reimbursement application) as PDFs in DIR/forms/, with the Chinese font embedded. The documents `dossier check` finds in DIR are ticked on the reimbursement application.\n\nExample: offsite dossier forms examples/zhang-wei-2026-11 --lang en":
        "填写案卷所需的表格（备案表、承诺书、参保单位证明、报销申请表），以嵌入中文字体的 PDF 保存在 DIR/forms/。`dossier check` 在 DIR 中找到的材料会在报销申请表上打勾。\n\n示例：offsite dossier forms examples/zhang-wei-2026-11 --lang en",
    "A dossier folder with a case.toml.": "含 case.toml 的案卷文件夹。",
    "Fill this form even if the case does not need it (repeatable).": "即使案卷不需要也填写此表（可重复）。",
    "Also fill the forms that are optional for the case (the authorisation; the commitment letter for a temporary trip where local rules ask).":
        "同时填写可选的表格（委托书；临时外出就医在当地要求时的个人承诺书）。",
    # ---- dossier build
    "Bundle cover sheet, deadline reminders, forms and documents into one PDF.\n\nOrder: cover sheet → forms → required documents in checklist order → optional ones → (with --include-unmatched) the other files. Every page is A4 and upright, stamped \"第 n 页 / 共 N 页\" with the person's name. Refuses (exit 1, nothing written) when a required document is missing or a file cannot be read, unless --allow-incomplete. With SOURCE_DATE_EPOCH set, two builds of the same folder give identical bytes.\n\nExample: offsite dossier build examples/zhang-wei-2026-11 --compress":
        "把封面（含期限提醒）、表格和全部材料合成一个 PDF。\n\n顺序：封面 → 表格 → 按清单顺序的必需材料 → 可选材料 →（加 --include-unmatched 时）其他文件。每页均为 A4 且方向正确，页脚印有“第 n 页 / 共 N 页”和参保人姓名。缺少必需材料或文件无法读取时拒绝生成（退出码 1，不写任何文件），除非加 --allow-incomplete。设置 SOURCE_DATE_EPOCH 时，同一文件夹两次生成的文件逐字节相同。\n\n示例：offsite dossier build examples/zhang-wei-2026-11 --compress",
    "The dossier folder (with its case.toml).": "案卷文件夹（含 case.toml）。",
    "Where to write the PDF; default DIR/dossier.pdf.": "PDF 的保存位置；默认 DIR/dossier.pdf。",
    "Build even with a required document missing or unreadable; the cover says so in red (exit 0).":
        "缺少必需材料或无法读取时也生成；封面用红字注明（退出码 0）。",
    "Append the files that match no document.": "附上未对应任何材料的文件。",
    "Downsample photos to 150 dpi at A4 (JPEG) and report the size before and after.":
        "把照片按 A4 缩到 150 dpi（JPEG），并报告压缩前后的大小。",
    "A copier's look for photos whose sheet was found and straightened: white paper, even contrast (auto: gray, or color where there is coloured ink such as a red seal; never on a sheet that is mainly a picture). --compress applies after it.":
        "给找到纸张边缘并已拉正的照片加上复印件效果：纸面变白、对比均匀（auto：灰度，有彩色印迹如红色公章时保留彩色；以图片为主的不处理）。--compress 在其后生效。",
    "Photos as they were taken: none straightened, no copier's look, cards and receipts one per page.":
        "照片原样放入：不拉正、不加复印件效果，卡片和小票各占一页。",
    "Compress as far as needed to stay under SIZE (e.g. 20MB, decimal units); exit 1 if it cannot.":
        "按需压缩，使文件不超过 SIZE（如 20MB，十进制单位）；做不到时以 1 退出。",
    # ---- deadlines
    "List the deadlines of every dossier under the folders, soonest first.\n\nExit 0: nothing overdue; 1: something is overdue (even if a case.toml could not be used); 2: nothing overdue but a case.toml could not be used (each is named on standard error; the others are still listed). A filing validity that has run out is not listed.\n\nExample: offsite deadlines ~/claims --within 14 --ics claims.ics":
        "列出各文件夹下所有案卷的期限，最近的在前。\n\n退出码 0：没有逾期；1：有逾期（即使有 case.toml 无法使用）；2：没有逾期，但有 case.toml 无法使用（每个都在标准错误中指出，其余照常列出）。已过期的备案有效期不列出。\n\n示例：offsite deadlines ~/claims --within 14 --ics claims.ics",
    "Folders to search for dossiers (case.toml); default: the current folder.": "查找案卷（case.toml）的文件夹；默认当前文件夹。",
    "Keep deadlines due in N days or less (and overdue ones).": "只列出 N 天内到期的（以及已逾期的）。",
    "Also write the deadlines as calendar events (.ics).": "同时把期限写成日历事件（.ics）。",
    # ---- profiles
    "List shipped and user profiles (a user profile of the same id wins).\n\nExample: offsite profiles list --json":
        "列出内置和用户的政策配置（同名时用户的优先）。\n\n示例：offsite profiles list --json",
    "Show a profile's rules with their sources and effective dates.\n\nExample: offsite profiles show cn-national":
        "显示政策配置的规则及其依据和生效日期。\n\n示例：offsite profiles show cn-national",
    "A profile id, e.g. cn-national.": "政策配置编号，如 cn-national。",
    # ---- regions
    "Look up regions by code or name; retired codes show what replaced them. Exit 1 if none.\n\nExample: offsite regions find 朝阳区":
        "按代码或名称查找地区；已撤销的代码显示其替代代码。找不到时以 1 退出。\n\n示例：offsite regions find 朝阳区",
    "A 6-digit code or a Chinese name (晋城, 徐汇区, 北京朝阳区).": "6 位代码或中文名称（晋城、徐汇区、北京朝阳区）。",
    # ---- forms
    "List the forms, their languages and where each template comes from (user copies win).\n\nExample: offsite forms list --json":
        "列出表格、其语言和模板来源（用户副本优先）。\n\n示例：offsite forms list --json",
    "Copy a shipped form's templates (zh and en) to the config folder, to edit them there; the edited copies then replace the shipped ones.\n\nExample: offsite forms export reimbursement-application":
        "把内置表格的模板（中英文）复制到配置目录以便修改；修改后的副本将取代内置模板。\n\n示例：offsite forms export reimbursement-application",
    "A form name from: offsite forms list.": "表格名称，见 offsite forms list。",
    "Overwrite copies already in the config folder.": "覆盖配置目录中已有的副本。",
    # ---- config
    "Print a setting's value (an empty line when it is not set).\n\nExample: offsite config get unit.name":
        "显示一项设置的值（未设置时为空行）。\n\n示例：offsite config get unit.name",
    "Store a setting (a font is checked before it is stored).\n\nExample: offsite config set unit.name \"晋城市某某有限公司\"":
        "保存一项设置（字体会先检查再保存）。\n\n示例：offsite config set unit.name \"晋城市某某有限公司\"",
    "Remove a setting.\n\nExample: offsite config unset font.path": "删除一项设置。\n\n示例：offsite config unset font.path",
    "Show every setting and the config file's path.\n\nExample: offsite config show --json":
        "显示全部设置和配置文件的位置。\n\n示例：offsite config show --json",
    "unit.name or font.path.": "unit.name 或 font.path。",
}.items()}


def translate_help(command: Any) -> None:
    """Put the Chinese help into a Click command tree (names, options and arguments unchanged)."""
    # Rich text, not Markdown: a table cell folds Chinese (which has no spaces) only as text.
    if hasattr(command, "rich_markup_mode"):
        command.rich_markup_mode = "rich"
    for attribute in ("help", "short_help"):
        value = getattr(command, attribute, None)
        if value:
            setattr(command, attribute, HELP_ZH.get(normalise(value), value))
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            param.help = HELP_ZH.get(normalise(param.help), param.help)
    _translate_help_option(command)
    _translate_usage(command)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


USAGE_ZH = "用法："


def _translate_help_option(command: Any) -> None:
    """Click makes the --help option per command when help is shown (get_help_option), with
    its English text: translate it as it is made."""
    made = getattr(command, "get_help_option", None)
    if made is None:
        return

    def get_help_option(context: Any) -> Any:
        option = made(context)
        if option is not None and getattr(option, "help", None):
            option.help = HELP_ZH.get(normalise(option.help), option.help)
        return option

    command.get_help_option = get_help_option


def _translate_usage(command: Any) -> None:
    """The usage line starts "用法：" instead of Click's "Usage: " (the rest is names)."""
    if not hasattr(command, "collect_usage_pieces"):
        return

    def format_usage(context: Any, formatter: Any) -> None:
        formatter.write_usage(context.command_path, " ".join(command.collect_usage_pieces(context)),
                              prefix=USAGE_ZH)

    command.format_usage = format_usage
