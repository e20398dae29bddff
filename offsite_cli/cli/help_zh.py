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
    "The language of the whole run, as OFFSITE_LANG; a command's own --lang wins.":
        "整个运行所用的语言，与 OFFSITE_LANG 相同；命令自己的 --lang 优先。",
    "Install completion for the current shell.": "为当前的 shell 安装命令补全（Tab 键）。",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前 shell 的补全脚本，可复制或自行安装。",
    "Show this message and exit.": "显示此帮助后退出。",
    "Dossier folders: a case.toml and the person's scans.": "案卷文件夹：一个 case.toml 和参保人的扫描件。",
    "The policy profiles that are available.": "可用的政策配置。",
    "Administrative division codes and planning areas.": "行政区划代码与统筹区。",
    "Form templates: the shipped ones and your edited copies in the config folder.":
        "表格模板：内置模板和配置目录中你修改过的副本。",
    "Settings in config.toml in the config folder: unit.name, unit.address, unit.contact, unit.phone, font.path, forms.lang.":
        "配置目录中 config.toml 的设置：unit.name、unit.address、unit.contact、unit.phone、font.path、forms.lang。",
    # ---- shared options
    "Print one JSON document on standard output.": "在标准输出打印一个 JSON 文档。",
    "Language of everything printed; default: the locale, else zh (forms: --forms-lang).":
        "输出和表格的语言；默认随系统语言，否则为中文（zh）。",
    "Policy profile (see: offsite profiles list).": "政策配置（见 offsite profiles list）。",
    "Never ask; a missing value is an error naming its option.": "从不提问；缺少的值按错误处理并指出对应选项。",
    "The date to count days from (2026-11-22, 2026/11/22 or 2026年11月22日); default: today.":
        "计算剩余天数所依据的日期（2026-11-22、2026/11/22 或 2026年11月22日）；默认今天。",
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
    "The person's phone number.": "参保人联系电话。",
    "The bank the claim is paid into (开户银行).": "报销款收款的开户银行。",
    "The bank account number (银行账号; shown masked).": "银行账号（显示时打码）。",
    "A minor's guardian.": "未成年人的监护人姓名。",
    "The guardian's ID number (checked; shown masked).": "监护人身份证号码（会校验；显示时打码）。",
    "The guardian's relation to the person (父子, 母女…).": "监护人与参保人的关系（父子、母女…）。",
    "The guardian's phone number.": "监护人联系电话。",
    "The unit's address; default: the config's unit.address.": "单位地址；默认取配置中的 unit.address。",
    "The unit's contact person; default: the config's unit.contact.": "单位经办人；默认取配置中的 unit.contact。",
    "The unit's phone; default: the config's unit.phone.": "单位联系电话；默认取配置中的 unit.phone。",
    "Overwrite an existing case.toml (its values are kept unless given).": "覆盖已有的 case.toml（未给出的值保留原值）。",
    # ---- dossier check
    "Check a dossier's files against the checklist of its case; nothing in the folder is changed.\n\nFiles are matched to documents by case.toml [documents], then by sub-folder, then by words in the file name, then by words in a PDF's text. A document is ok when at least one of its files can be read; files that cannot are listed under its problems. Exit 0: complete; 1: a required document is missing or unreadable; 2: a bad case file.\n\n--json, one DIR: one object — \"case\", \"complete\", \"documents\" (an object keyed by document id, e.g. \"receipt\": {\"status\": \"ok|missing|unreadable|not_required\", \"files\": [...], \"problems\": [...]}), \"unmatched\", \"ambiguous\", \"deadline\", \"days_left\", \"deadlines\", \"warnings\", \"status\" (where the claim stands: \"current\", \"date\", \"history\", and for a claim handed in \"payment_expected\"); with --across, \"duplicates\" (each receipt also in another dossier: \"kind\" number or file, \"cases\"). Several DIRs: a list with one such object per DIR, in order; a DIR whose case file is bad gives the same keys, empty, plus \"error\" and \"exit_code\". One DIR with a bad case file: nothing on standard output, the error on standard error, exit 2. A receipt found in another dossier with --across is exit 1 as well.\n\nExample: offsite dossier check examples/zhang-wei-2026-11\n\nExample: offsite dossier check ~/claims/张伟-2026-11 --across ~/claims\n\nExample: offsite dossier check --json examples/zhang-wei-2026-11 > report.json":
        "按案卷的材料清单检查文件夹中的文件；不会改动文件夹中的任何内容。\n\n文件与材料的对应依次按 case.toml 的 [documents]、子文件夹、文件名中的词语、PDF 文字中的词语确定。某种材料只要有一个文件可读即为齐全，不可读的文件列在其问题中。退出码 0：齐全；1：缺少必需材料或无法读取；2：案卷文件有误。\n\n--json，一个 DIR：一个对象——\"case\"、\"complete\"、\"documents\"（按材料编号的对象，如 \"receipt\": {\"status\": \"ok|missing|unreadable|not_required\", \"files\": [...], \"problems\": [...]}）、\"unmatched\"、\"ambiguous\"、\"deadline\"、\"days_left\"、\"deadlines\"、\"warnings\"、\"status\"（办理状态：\"current\"、\"date\"、\"history\"，已提交的还有 \"payment_expected\"）；加 --across 时还有 \"duplicates\"（也出现在其他案卷中的票据：\"kind\" 为 number 或 file，\"cases\"）。多个 DIR：按顺序每个 DIR 一个这样的对象组成列表；案卷文件有误的 DIR 给出相同的键（为空）以及 \"error\" 和 \"exit_code\"。一个 DIR 且案卷文件有误：标准输出为空，错误在标准错误，退出码 2。--across 发现票据也在其他案卷中时，退出码同样为 1。\n\n示例：offsite dossier check examples/zhang-wei-2026-11\n\n示例：offsite dossier check ~/claims/张伟-2026-11 --across ~/claims\n\n示例：offsite dossier check --json examples/zhang-wei-2026-11 > report.json",
    "Also look for the same receipts (number or file) in every dossier under ROOT; repeatable.":
        "同时在 ROOT 下的所有案卷中查找相同的票据（票据号或文件）；可重复。",
    "One or more dossier folders, each with a case.toml.": "一个或多个案卷文件夹，各含一个 case.toml。",
    "Only one line per folder: complete or not, what is missing, the deadline.":
        "每个文件夹只显示一行：是否齐全、缺少什么、期限。",
    # ---- dossier forms
    "Fill the forms the case needs (filing form, commitment letter, unit certificate, reimbursement application) as PDFs in DIR/forms/, with the Chinese font embedded. The documents `dossier check` finds in DIR are ticked on the reimbursement application. The forms are in Chinese (the insurance office's language) unless --forms-lang or the setting forms.lang says otherwise; what is printed follows --lang.\n\nExample: offsite dossier forms examples/zhang-wei-2026-11 --lang en --forms-lang en":
        "填写案卷所需的表格（备案表、承诺书、参保单位证明、报销申请表），以嵌入中文字体的 PDF 保存在 DIR/forms/。`dossier check` 在 DIR 中找到的材料会在报销申请表上打勾。表格使用中文（经办机构的语言），除非 --forms-lang 或设置项 forms.lang 另有指定；屏幕输出随 --lang。\n\n示例：offsite dossier forms examples/zhang-wei-2026-11 --lang en --forms-lang en",
    "The language of what goes to the insurance office (the forms; in dossier build the cover and the bookmarks too): Chinese unless asked, whatever --lang says; default: the setting forms.lang, else zh.":
        "交给经办机构的内容的语言（表格；dossier build 还包括封面和书签）：不论 --lang 如何，默认中文；默认取设置项 forms.lang，否则为 zh。",
    "Check a dossier's files against the checklist of its case; nothing in the folder is changed.\n\nFiles are matched to documents by case.toml [documents], then by sub-folder, then by words in the file name, then by words in a PDF's text. A document is ok when at least one of its files can be read; files that cannot are listed under its problems. Exit 0: complete; 1: a required document is missing or unreadable; 2: a bad case file.\n\n--json, one DIR: one object — \"case\", \"complete\", \"documents\" (an object keyed by document id, e.g. \"receipt\": {\"status\": \"ok|missing|unreadable|not_required\", \"files\": [...], \"problems\": [...]}), \"unmatched\", \"ambiguous\", \"deadline\", \"days_left\", \"deadlines\", \"warnings\". Several DIRs: a list with one such object per DIR, in order; a DIR whose case file is bad gives the same keys, empty, plus \"error\" and \"exit_code\". One DIR with a bad case file: nothing on standard output, the error on standard error, exit 2.\n\nSeveral DIRs or --all ROOT: checked --jobs at a time, a progress bar on a terminal, then one table (folder, person, result, what is missing); the exit code is the worst of them.\n\nExample: offsite dossier check examples/zhang-wei-2026-11\n\nExample: offsite dossier check --json examples/zhang-wei-2026-11 > report.json\n\nExample: offsite dossier check --all ~/claims/2026-11 --jobs 4":
        "按案卷的材料清单检查文件夹中的文件；不会改动文件夹中的任何内容。\n\n文件与材料的对应依次按 case.toml 的 [documents]、子文件夹、文件名中的词语、PDF 文字中的词语确定。某种材料只要有一个文件可读即为齐全，不可读的文件列在其问题中。退出码 0：齐全；1：缺少必需材料或无法读取；2：案卷文件有误。\n\n--json，一个 DIR：一个对象——\"case\"、\"complete\"、\"documents\"（按材料编号的对象，如 \"receipt\": {\"status\": \"ok|missing|unreadable|not_required\", \"files\": [...], \"problems\": [...]}）、\"unmatched\"、\"ambiguous\"、\"deadline\"、\"days_left\"、\"deadlines\"、\"warnings\"。多个 DIR：按顺序每个 DIR 一个这样的对象组成列表；案卷文件有误的 DIR 给出相同的键（为空）以及 \"error\" 和 \"exit_code\"。一个 DIR 且案卷文件有误：标准输出为空，错误在标准错误，退出码 2。\n\n多个 DIR 或 --all ROOT：按 --jobs 同时检查，终端上显示一个进度条，最后一张汇总表（案卷、参保人、结果、缺少的材料）；退出码取其中最严重的。\n\n示例：offsite dossier check examples/zhang-wei-2026-11\n\n示例：offsite dossier check --json examples/zhang-wei-2026-11 > report.json\n\n示例：offsite dossier check --all ~/claims/2026-11 --jobs 4",
    "One or more dossier folders, each with a case.toml.": "一个或多个案卷文件夹，各含一个 case.toml。",
    "Every dossier (folder with a case.toml) under ROOT, as well as the DIRs given.":
        "ROOT 下的所有案卷（含 case.toml 的文件夹），以及给出的 DIR。",
    "Dossiers worked on at once, one process each; default: the number of cores.":
        "同时处理的案卷数，每个一个进程；默认等于 CPU 核数。",
    # ---- dossier forms
    "Fill the forms the case needs (filing form, commitment letter, unit certificate, reimbursement application) as PDFs in DIR/forms/, with the Chinese font embedded. The documents `dossier check` finds in DIR are ticked on the reimbursement application.\n\nSeveral DIRs or --all ROOT: --jobs at a time, then one table (folder, person, result, the forms written); --json gives a list of the one-DIR documents; the exit code is the worst.\n\nExample: offsite dossier forms examples/zhang-wei-2026-11 --lang en\n\nExample: offsite dossier forms --all ~/claims/2026-11 --optional":
        "填写案卷所需的表格（备案表、承诺书、参保单位证明、报销申请表），以嵌入中文字体的 PDF 保存在 DIR/forms/。`dossier check` 在 DIR 中找到的材料会在报销申请表上打勾。\n\n多个 DIR 或 --all ROOT：按 --jobs 同时处理，最后一张汇总表（案卷、参保人、结果、写入的表格）；--json 给出由单个 DIR 的文档组成的列表；退出码取最严重的。\n\n示例：offsite dossier forms examples/zhang-wei-2026-11 --lang en\n\n示例：offsite dossier forms --all ~/claims/2026-11 --optional",
    "A dossier folder with a case.toml.": "含 case.toml 的案卷文件夹。",
    "A dossier folder with a case.toml; several may be given.": "含 case.toml 的案卷文件夹；可给出多个。",
    "Fill this form even if the case does not need it (repeatable).": "即使案卷不需要也填写此表（可重复）。",
    "Also fill the forms that are optional for the case (the authorisation; the commitment letter for a temporary trip where local rules ask).":
        "同时填写可选的表格（委托书；临时外出就医在当地要求时的个人承诺书）。",
    # ---- dossier import (issue 10)
    "Make one dossier (case.toml, README.txt, sub-folders) per row of a roster.\n\nHeaders in Chinese or English: 姓名 (name), 身份证号 (id_number), 险种 (insurance), 人员类别 (category), 参保地 (insured_region), 单位 (unit), 就医地 (treatment_region), 医院 (hospital), 就医类型 (care), 入院日期 (admitted), 出院日期 (discharged), 是否备案 (filed), 备案日期 (filed_on), 直接结算 (direct_settlement), 金额 (amount), 联系电话 (phone), 政策配置 (profile); 姓名, 险种, 人员类别, 参保地, 就医地 and 就医类型 are required. Values as people write them: 职工医保 / 城乡居民, 退休 / 转诊 / 急诊, 住院 / 门特, 是 / 否, dates as Excel dates, 2026-11-05, 2026/11/5 or 2026年11月5日.\n\nEvery row is checked first; with any bad row, each problem is one line on standard error (row, column, value, what is expected), nothing is made, exit 2. Folders are named 姓名-YYYY-MM (the month of discharge, else admission); rows that would share a folder get the admission day, then the last 4 characters of the ID number. A dossier that exists is never overwritten: it is left as it is, or merged with --update.\n\nExample: offsite dossier import 2026-11.xlsx ~/claims/2026-11\n\nExample: offsite dossier import 2026-11.csv ~/claims/2026-11 --update --json":
        "按花名册每行建立一个案卷（case.toml、README.txt、子文件夹）。\n\n表头可用中文或英文：姓名（name）、身份证号（id_number）、险种（insurance）、人员类别（category）、参保地（insured_region）、单位（unit）、就医地（treatment_region）、医院（hospital）、就医类型（care）、入院日期（admitted）、出院日期（discharged）、是否备案（filed）、备案日期（filed_on）、直接结算（direct_settlement）、金额（amount）、联系电话（phone）、政策配置（profile）；姓名、险种、人员类别、参保地、就医地和就医类型必填。值按平常的写法：职工医保／城乡居民，退休／转诊／急诊，住院／门特，是／否，日期可为 Excel 日期、2026-11-05、2026/11/5 或 2026年11月5日。\n\n先检查每一行；有错误的行时，每个问题在标准错误输出一行（行号、列、值、应为什么），不建立任何案卷，退出码 2。文件夹命名为 姓名-YYYY-MM（出院月份，否则入院月份）；会重名的行加上入院日，再加身份证号后 4 位。已有的案卷从不覆盖：保持原样，或用 --update 合并。\n\n示例：offsite dossier import 2026-11.xlsx ~/claims/2026-11\n\n示例：offsite dossier import 2026-11.csv ~/claims/2026-11 --update --json",
    "The roster: an .xlsx (first sheet) or a .csv file.":
        "花名册：.xlsx（第一个工作表）或 .csv 文件。",
    "The folder the dossiers are made in (made if needed).":
        "在其中建立案卷的文件夹（不存在时新建）。",
    "Merge the roster's values into dossiers that exist (their other keys and comments stay).":
        "把花名册的值合并到已有案卷（其他键和注释保留）。",
    "The sheet of an .xlsx to read; default: the first.":
        "要读取的 .xlsx 工作表；默认第一个。",
    # ---- dossier build
    "Bundle cover sheet, deadline reminders, forms and documents into one PDF.\n\nOrder: cover sheet → forms → required documents in checklist order → optional ones → (with --include-unmatched) the other files. Every page is A4 and upright, stamped \"第 n 页 / 共 N 页\" with the person's name. Refuses (exit 1, nothing written) when a required document is missing or a file cannot be read, unless --allow-incomplete. With SOURCE_DATE_EPOCH set, two builds of the same folder give identical bytes. The forms, the cover and the bookmarks go to the insurance office: Chinese unless --forms-lang (or the setting forms.lang) says otherwise, whatever --lang makes the terminal speak. A case with nothing to claim and nothing to file (settled directly by card, local, not reimbursable) gets no PDF: the build says so and exits 0.\n\nExample: offsite dossier build examples/zhang-wei-2026-11 --compress":
        "把封面（含期限提醒）、表格和全部材料合成一个 PDF。\n\n顺序：封面 → 表格 → 按清单顺序的必需材料 → 可选材料 →（加 --include-unmatched 时）其他文件。每页均为 A4 且方向正确，页脚印有“第 n 页 / 共 N 页”和参保人姓名。缺少必需材料或文件无法读取时拒绝生成（退出码 1，不写任何文件），除非加 --allow-incomplete。设置 SOURCE_DATE_EPOCH 时，同一文件夹两次生成的文件逐字节相同。表格、封面和书签是交给经办机构的：默认中文，除非 --forms-lang（或设置项 forms.lang）另有指定，不论 --lang 让终端说哪种语言。无需报销也无需备案的案卷（已持卡直接结算、本地就医、不予报销）不生成 PDF，只说明原因并以 0 退出。\n\n示例：offsite dossier build examples/zhang-wei-2026-11 --compress",
    "Bundle cover sheet, deadline reminders, forms and documents into one PDF.\n\nOrder: cover sheet → forms → required documents in checklist order → optional ones → (with --include-unmatched) the other files. Every page is A4 and upright, stamped \"第 n 页 / 共 N 页\" with the person's name. Refuses (exit 1, nothing written) when a required document is missing or a file cannot be read, unless --allow-incomplete. With SOURCE_DATE_EPOCH set, two builds of the same folder give identical bytes.\n\nSeveral DIRs or --all ROOT: each PDF goes to its DIR/dossier.pdf, --jobs at a time, a progress bar on a terminal, then one table (folder, person, result, pages or what is missing); a dossier that fails does not stop the others; the exit code is the worst of them; --json gives a list of the one-DIR documents, each with \"case\".\n\nExample: offsite dossier build examples/zhang-wei-2026-11 --compress\n\nExample: offsite dossier build --all ~/claims/2026-11 --jobs 4":
        "把封面（含期限提醒）、表格和全部材料合成一个 PDF。\n\n顺序：封面 → 表格 → 按清单顺序的必需材料 → 可选材料 →（加 --include-unmatched 时）其他文件。每页均为 A4 且方向正确，页脚印有“第 n 页 / 共 N 页”和参保人姓名。缺少必需材料或文件无法读取时拒绝生成（退出码 1，不写任何文件），除非加 --allow-incomplete。设置 SOURCE_DATE_EPOCH 时，同一文件夹两次生成的文件逐字节相同。\n\n多个 DIR 或 --all ROOT：每个 PDF 写入各自的 DIR/dossier.pdf，按 --jobs 同时生成，终端上显示一个进度条，最后一张汇总表（案卷、参保人、结果、页数或缺少的材料）；某个案卷出错不影响其他案卷；退出码取最严重的；--json 给出由单个 DIR 的文档组成的列表，各带 \"case\"。\n\n示例：offsite dossier build examples/zhang-wei-2026-11 --compress\n\n示例：offsite dossier build --all ~/claims/2026-11 --jobs 4",
    "The dossier folder (with its case.toml).": "案卷文件夹（含 case.toml）。",
    "The dossier folder (with its case.toml); several may be given.": "案卷文件夹（含 case.toml）；可给出多个。",
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
    "List the deadlines of every dossier under the folders, soonest first, with the person's name.\n\nA claim marked submitted (offsite dossier mark) is listed by the day its payment is expected (the profile's processing time, in working days) instead of its claim deadline; a returned one by its claim deadline again; a paid, rejected or withdrawn one not at all. --json: a list of {\"case\", \"id\", \"name\" (the deadline's), \"date\", \"days_left\", \"role\", \"person\": {\"name\"}, \"status\", \"status_date\"}.\n\nExit 0: nothing overdue; 1: something is overdue (even if a case.toml could not be used); 2: nothing overdue but a case.toml could not be used (each is named on standard error; the others are still listed). A filing validity that has run out is not listed, and a payment later than expected does not count as overdue.\n\nExample: offsite deadlines ~/claims --within 14 --ics claims.ics":
        "列出各文件夹下所有案卷的期限，最近的在前，并写明参保人姓名。\n\n已记为提交（offsite dossier mark）的申请改按预计到账日列出（政策配置中的办理时限，按工作日计）；被退回的重新按申请期限列出；已到账、不予支付或已撤回的不再列出。--json：列表，每项为 {\"case\", \"id\", \"name\"（期限名称）, \"date\", \"days_left\", \"role\", \"person\": {\"name\"}, \"status\", \"status_date\"}。\n\n退出码 0：没有逾期；1：有逾期（即使有 case.toml 无法使用）；2：没有逾期，但有 case.toml 无法使用（每个都在标准错误中指出，其余照常列出）。已过期的备案有效期不列出；超过预计到账日仍未到账不算逾期。\n\n示例：offsite deadlines ~/claims --within 14 --ics claims.ics",
    "Folders to search for dossiers (case.toml); default: the current folder.": "查找案卷（case.toml）的文件夹；默认当前文件夹。",
    "Keep deadlines due in N days or less (and overdue ones).": "只列出 N 天内到期的（以及已逾期的）。",
    "Also write the deadlines as calendar events (.ics).": "同时把期限写成日历事件（.ics）。",
    "Put the person's name in the calendar events too (left out by default: calendars are synced elsewhere).":
        "日历事件中也写上参保人姓名（默认不写：日历会同步到别处）。",
    # ---- profiles
    "List shipped and user profiles (a user profile of the same id wins).\n\nExample: offsite profiles list --json":
        "列出内置和用户的政策配置（同名时用户的优先）。\n\n示例：offsite profiles list --json",
    "Show a profile's rules with their sources and effective dates.\n\nExample: offsite profiles show cn-national":
        "显示政策配置的规则及其依据和生效日期。\n\n示例：offsite profiles show cn-national",
    "A profile id, e.g. cn-national.": "政策配置编号，如 cn-national。",
    # ---- dossier checklist, profiles new / check (issue 10)
    "Also write DIR/forms/family-sheet.pdf: one page for the patient's family (see dossier checklist).":
        "同时写出 DIR/forms/family-sheet.pdf：给患者家属的一页提醒（见 dossier checklist）。",
    "Print one page for the patient's family: the papers to get at the hospital before discharge, where each is stamped, and the claim deadline, in plain words (Chinese by default).\n\nThe words for each document are the profile's ([documents] family_zh / family_en); the page is the form template family-sheet (offsite forms export family-sheet to edit it). The files in DIR are not looked at.\n\nExample: offsite dossier checklist examples/zhang-wei-2026-11":
        "生成给患者家属的一页提醒：出院前要在医院办理的材料、各在哪里盖章，以及报销申请期限，用平实的话写（默认中文）。\n\n各材料的说明来自政策配置（[documents] family_zh / family_en）；页面是表格模板 family-sheet（用 offsite forms export family-sheet 导出后修改）。不查看 DIR 中的文件。\n\n示例：offsite dossier checklist examples/zhang-wei-2026-11",
    "Where to write the PDF; default DIR/forms/family-sheet.pdf.":
        "PDF 的保存位置；默认 DIR/forms/family-sheet.pdf。",
    "Write a commented starter profile for a region: the claim deadline, filing for treatment elsewhere in the province, extra or dropped documents, and a place for each source.\n\nAs written it loads and changes nothing: the deadline and the filing rule are the parent's, under the same ids, for you to change; the documents are commented examples. Then fill in the places marked （待填写） and run offsite profiles check on the file.\n\nExample: offsite profiles new cn-shanxi-jincheng --extends cn-national":
        "写出一个带注释的地方政策配置初稿：报销申请期限、省内异地就医是否备案、另要或不要的材料，以及每条规则的依据位置。\n\n初稿可以直接加载且不改变任何规则：期限和备案规则照抄上级、用相同编号，供你修改；材料部分是注释掉的示例。填写标有（待填写）的地方后，用 offsite profiles check 检查该文件。\n\n示例：offsite profiles new cn-shanxi-jincheng --extends cn-national",
    "The new profile's id, e.g. cn-shanxi-jincheng.":
        "新政策配置的编号，如 cn-shanxi-jincheng。",
    "The profile it builds on.":
        "作为基础的政策配置。",
    "Where to write it; default: profiles/ID.toml in the config folder.":
        "保存位置；默认配置目录中的 profiles/ID.toml。",
    "Overwrite a file that exists.":
        "覆盖已有的文件。",
    "Check a profile file as offsite would load it (its id is the file name's stem; extends must name a profile that is available); exit 0 when it loads, 2 with the loader's message (the file, the key and a valid example) when not. Places still marked （待填写） are counted.\n\nExample: offsite profiles check ~/.config/offsite/profiles/cn-shanxi-jincheng.toml":
        "按 offsite 加载的方式检查一个政策配置文件（编号即文件名，extends 须为已有的政策配置）；能加载时退出码 0，否则退出码 2 并给出加载器的说明（文件、键和正确示例）。会统计仍标有（待填写）的地方。\n\n示例：offsite profiles check ~/.config/offsite/profiles/cn-shanxi-jincheng.toml",
    "A profile file (.toml), anywhere.":
        "政策配置文件（.toml），可在任何位置。",
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
    # ---- dossier mark, dossier receipt, ledger (issue 10)
    'Record what happened to a claim — submitted, returned, paid, rejected, withdrawn — in case.toml.\n\nEach mark adds a [[history]] entry (date, status, amount, note) at the end of case.toml; the rest of the file, comments included, stays as it was. The steps that may follow: submitted → returned, paid, rejected or withdrawn; returned → submitted or withdrawn; nothing after paid, rejected or withdrawn (withdrawn is allowed before submitting). A mark that does not follow, a date before the last entry or after today, or --amount without paid is refused (exit 2) and no case.toml is changed — with several DIRs, none is changed unless all can be. STATUS is the id or the label offsite prints for it, in Chinese or English (已提交 is submitted).\n\nA submitted claim leaves `offsite deadlines` and comes back as the day its payment is expected; a returned one comes back with its claim deadline; a paid, rejected or withdrawn one leaves it.\n\nExample: offsite dossier mark ~/claims/张伟-2026-11 submitted --on 2026-11-25 --note 市医保中心窗口\n\nExample: offsite dossier mark ~/claims/张伟-2026-11 paid --on 2027-01-06 --amount 10234.50':
        '记录一项申请的办理情况——已提交、被退回、已到账、不予支付、已撤回——写入 case.toml。\n\n每次记录在 case.toml 末尾添加一条 [[history]]（日期、状态、金额、备注）；文件的其余部分（包括注释）保持原样。可接续的步骤：submitted（已提交）之后可记 returned、paid、rejected 或 withdrawn；returned（退回）之后可记 submitted 或 withdrawn；paid、rejected、withdrawn 之后不能再记录（提交前也可撤回）。不能接续的状态、早于上一条记录或晚于今天的日期、不是 paid 却给了 --amount，都会被拒绝（退出码 2），不改动任何 case.toml——给出多个 DIR 时，只要有一个不能记录，就都不改动。STATUS 可写编号，也可写 offsite 显示的中文或英文名称（已提交 即 submitted）。\n\n已提交的申请不再按申请期限列在 `offsite deadlines` 中，而改列预计到账日；被退回的重新按申请期限列出；已到账、不予支付或已撤回的不再列出。\n\n示例：offsite dossier mark ~/claims/张伟-2026-11 submitted --on 2026-11-25 --note 市医保中心窗口\n\n示例：offsite dossier mark ~/claims/张伟-2026-11 paid --on 2027-01-06 --amount 10234.50',
    'submitted (已提交), returned (已退回补正), paid (已到账), rejected (不予支付) or withdrawn (已撤回): the id or the label.':
        'submitted（已提交）、returned（已退回补正）、paid（已到账）、rejected（不予支付）或 withdrawn（已撤回）：写编号或中文名称均可。',
    'The day it happened: 2026-11-30, 2026/11/30, 2026.11.30, 2026年11月30日 or 20261130; default: today.':
        '发生的日期：2026-11-30、2026/11/30、2026.11.30、2026年11月30日 或 20261130；默认今天。',
    'The amount paid, in yuan (with paid only).':
        '到账金额，单位元（仅用于 paid）。',
    'A note kept with the entry (where it was handed in, why it was returned).':
        '随记录保存的备注（在哪里提交、为何退回等）。',
    'The receipts of a dossier (case.toml [[receipts]]): add, list, remove.':
        '案卷的票据（case.toml 的 [[receipts]]）：添加、列出、删除。',
    'A dossier folder with a case.toml.':
        '含 case.toml 的案卷文件夹。',
    'The number printed on the receipt or invoice.':
        '收据或发票上印的号码。',
    "The receipt's date: 2026-11-05, 2026/11/5, 2026.11.5, 2026年11月5日 or 20261105.":
        '票据日期：2026-11-05、2026/11/5、2026.11.5、2026年11月5日 或 20261105。',
    "The receipt's amount in yuan, e.g. 11606.20.":
        '票据金额，单位元，例如 11606.20。',
    'What it is for, e.g. 住院医疗费.':
        '费用项目，例如 住院医疗费。',
    'Add a receipt to case.toml; its comments and layout stay as they were.\n\nThe receipt is checked as case.toml is read (a date, an amount in yuan with at most two decimals, more than 0 and at most 10,000,000), its date may not be after today, and a number already in the dossier is refused (exit 2, case.toml unchanged). A date outside the stay or years ago is added with a warning on standard error. The same receipt in another dossier is found by offsite ledger and offsite dossier check DIR --across ROOT.\n\nExample: offsite dossier receipt add ~/claims/张伟-2026-11 --number 3100260001234567 --date 2026-11-13 --amount 11606.20 --item 住院医疗费':
        '在 case.toml 中添加一张票据；文件的注释和排版保持原样。\n\n票据按读取 case.toml 时的规则检查（日期、以元为单位且最多两位小数、大于 0 且不超过 10,000,000 的金额），日期不能晚于今天，案卷中已有的票据号会被拒绝（退出码 2，case.toml 不变）。日期不在就医期间或距今已有数年时照常添加，并在标准错误输出警告。同一票据出现在其他案卷中，由 offsite ledger 和 offsite dossier check DIR --across ROOT 查出。\n\n示例：offsite dossier receipt add ~/claims/张伟-2026-11 --number 3100260001234567 --date 2026-11-13 --amount 11606.20 --item 住院医疗费',
    'List the receipts of case.toml, with their total against episode.amount.\n\n--json: {"case", "receipts": [{"number", "date", "amount", "item"}], "total", "claimed"}.\n\nExample: offsite dossier receipt list ~/claims/张伟-2026-11':
        '列出 case.toml 中的票据，以及合计与 episode.amount 的比较。\n\n--json：{"case", "receipts": [{"number", "date", "amount", "item"}], "total", "claimed"}。\n\n示例：offsite dossier receipt list ~/claims/张伟-2026-11',
    "The receipt's number, as receipt list shows it.":
        '票据号，与 receipt list 显示的一致。',
    'Remove a receipt from case.toml by its number; the rest of the file stays as it was.\n\nA number that is not there is refused (exit 2) with the numbers that are.\n\nExample: offsite dossier receipt remove ~/claims/张伟-2026-11 3100260001234567':
        '按票据号从 case.toml 中删除一张票据；文件的其余部分保持原样。\n\n票据号不存在时拒绝（退出码 2），并列出现有的票据号。\n\n示例：offsite dossier receipt remove ~/claims/张伟-2026-11 3100260001234567',
    'Write the register to FILE.xlsx or FILE.csv (UTF-8 with BOM).':
        '把台账写入 FILE.xlsx 或 FILE.csv（带 BOM 的 UTF-8）。',
    'Full ID numbers instead of masked ones.':
        '显示完整身份证号码，而不是遮盖后的号码。',
    'The claims register: one row per dossier under the folders, with totals.\n\nEach row: person, ID number (masked unless --show-id), unit, insured place, place of treatment, hospital, dates, kind of care, route, amount claimed, receipts, documents complete or what is missing, the open deadline and days left, status and its dates, amount paid, and any receipt also claimed in another dossier (the same number, or a file with the same content). Documents are read only where they changed since a dossier check or ledger last read them. .xlsx: IDs and receipt numbers as text, amounts as numbers, dates as dates, a frozen bold header with filters, a totals row; --json: {"dossiers", "totals", "duplicates"}.\n\nExit 0: done; 1: a receipt is in two dossiers; 2: a case.toml could not be used (named on standard error; nothing written); 3: FILE could not be written (nothing half-written).\n\nExample: offsite ledger ~/claims -o 台账-2026-11.xlsx\n\nExample: offsite ledger ~/claims --json > ledger.json':
        '报销台账：各文件夹下每个案卷一行，并有合计。\n\n每行：参保人、身份证号（遮盖，--show-id 时完整）、单位、参保地、就医地、医院、日期、就医类型、结算方式、申请金额、票据、材料是否齐全或缺少什么、未了结的期限及剩余天数、办理状态及日期、到账金额，以及也在其他案卷中报销的票据（相同票据号，或内容相同的文件）。只有自上次 dossier check 或 ledger 读取后有改动的材料才会重新读取。.xlsx：身份证号和票据号为文本，金额为数字，日期为日期，表头加粗并冻结、带筛选，末行为合计；--json：{"dossiers", "totals", "duplicates"}。\n\n退出码 0：完成；1：有票据出现在两个案卷中；2：有 case.toml 无法使用（在标准错误中指出；不写入任何文件）；3：FILE 无法写入（不会留下写了一半的文件）。\n\n示例：offsite ledger ~/claims -o 台账-2026-11.xlsx\n\n示例：offsite ledger ~/claims --json > ledger.json',
    "unit.name, unit.address, unit.contact, unit.phone or font.path.":
        "unit.name（单位名称）、unit.address（地址）、unit.contact（经办人）、unit.phone（电话）或 font.path（字体）。",
    # ---- dossier build and check, as merged (one folder, several, --all)
    'Bundle cover sheet, deadline reminders, forms and documents into one PDF.\n\nOrder: cover sheet → forms → required documents in checklist order → optional ones →\n(with --include-unmatched) the other files. Every page is A4 and upright, stamped\n"第 n 页 / 共 N 页" with the person\'s name. Refuses (exit 1, nothing written) when a required\ndocument is missing or a file cannot be read, unless --allow-incomplete. With\nSOURCE_DATE_EPOCH set, two builds of the same folder give identical bytes. The forms, the cover\nand the bookmarks go to the insurance office: Chinese unless --forms-lang (or the setting\nforms.lang) says otherwise, whatever --lang makes the terminal speak. A case with nothing to claim and nothing to file (settled directly by card, local, not\nreimbursable) gets no PDF: the build says so and exits 0.\n\nSeveral DIRs or --all ROOT: each PDF goes to its DIR/dossier.pdf, --jobs at a time, a\nprogress bar on a terminal, then one table (folder, person, result, pages or what is\nmissing); a dossier that fails does not stop the others; the exit code is the worst of them;\n--json gives a list of the one-DIR documents, each with "case".\n\nExample: offsite dossier build examples/zhang-wei-2026-11 --compress\n\nExample: offsite dossier build --all ~/claims/2026-11 --jobs 4':
        '把封面（含期限提醒）、表格和全部材料合成一个 PDF。\n\n顺序：封面 → 表格 → 按清单顺序的必需材料 → 可选材料 →（加 --include-unmatched 时）其余文件。每页均为 A4、方向正确，并加盖“第 n 页 / 共 N 页”和参保人姓名。缺少必需材料或有文件无法读取时拒绝生成（退出码 1，不写入任何文件），除非加 --allow-incomplete。设置 SOURCE_DATE_EPOCH 时，同一文件夹两次生成的字节完全相同。表格、封面和书签是交给经办机构的：默认中文，除非 --forms-lang（或设置项 forms.lang）另有指定，不论 --lang 让终端说哪种语言。既无需报销也无需备案的案卷（持卡直接结算、本地就医、不予报销）不生成 PDF：会说明原因并以 0 退出。\n\n多个 DIR 或 --all ROOT：每个 PDF 写到各自的 DIR/dossier.pdf，同时处理 --jobs 个，终端上显示进度条，最后一张表（文件夹、参保人、结果、页数或缺少的材料）；某个案卷出错不影响其他案卷；退出码取最严重的；--json 给出由单个 DIR 的文档组成的列表，每项含 "case"。\n\n示例：offsite dossier build examples/zhang-wei-2026-11 --compress\n\n示例：offsite dossier build --all ~/claims/2026-11 --jobs 4',
    'Check a dossier\'s files against the checklist of its case; nothing in the folder is changed.\n\nFiles are matched to documents by case.toml [documents], then by sub-folder, then by words in\nthe file name, then by words in a PDF\'s text. A document is ok when at least one of its files\ncan be read; files that cannot are listed under its problems. Exit 0: complete; 1: a required\ndocument is missing or unreadable; 2: a bad case file.\n\n--json, one DIR: one object — "case", "complete", "documents" (an object keyed by document\nid, e.g. "receipt": {"status": "ok|missing|unreadable|not_required", "files": [...],\n"problems": [...]}), "unmatched", "ambiguous", "deadline", "days_left", "deadlines",\n"warnings", "status" (where the claim stands: "current", "date", "history", and for a claim\nhanded in "payment_expected"); with --across,\n"duplicates" (each receipt also in another dossier: "kind" number or file, "cases").\nSeveral DIRs (or --all): a list with one such object per DIR, in order, each with\n"duplicates" (a receipt also in another of them or under --across); a DIR whose case file is bad\ngives the same keys, empty, plus "error" and "exit_code". One DIR with a bad case\nfile: nothing on standard output, the error on standard error, exit 2. A receipt found in\nanother dossier with --across is exit 1 as well.\n\nSeveral DIRs or --all ROOT: checked --jobs at a time, a progress bar on a terminal, then one\ntable (folder, person, result, what is missing) — the summary; a receipt found in two of them\nis named on standard error (exit 1); the exit code is the worst of them. --summary, one DIR:\nonly its one line.\n\nExample: offsite dossier check examples/zhang-wei-2026-11\n\nExample: offsite dossier check ~/claims/张伟-2026-11 --across ~/claims\n\nExample: offsite dossier check --json examples/zhang-wei-2026-11 > report.json\n\nExample: offsite dossier check --all ~/claims/2026-11 --jobs 4':
        '按案卷的材料清单检查文件夹中的文件；不会改动文件夹中的任何内容。\n\n文件与材料的对应依次按 case.toml 的 [documents]、子文件夹、文件名中的词、PDF 文本中的词确定。某项材料只要有一个文件可读即为齐全；无法读取的文件列在该材料的问题中。退出码 0：齐全；1：缺少必需材料或无法读取；2：case 文件有误。\n\n--json，单个 DIR：一个对象——"case"、"complete"、"documents"（按材料编号索引的对象，例如 "receipt": {"status": "ok|missing|unreadable|not_required", "files": [...], "problems": [...]}）、"unmatched"、"ambiguous"、"deadline"、"days_left"、"deadlines"、"warnings"、"status"（申请办理到哪一步："current"、"date"、"history"，已提交的还有 "payment_expected"）；加 --across 时还有 "duplicates"（在其他案卷中也出现的票据："kind" 为 number 或 file，"cases"）。多个 DIR（或 --all）：每个 DIR 一个这样的对象，按顺序组成列表，每个都有 "duplicates"（也出现在其中另一个案卷或 --across 下的票据）；case 文件有误的 DIR 给出同样但为空的键，另加 "error" 和 "exit_code"。单个 DIR 的 case 文件有误：标准输出为空，错误写在标准错误，退出码 2。用 --across 在其他案卷中找到相同票据时退出码也为 1。\n\n多个 DIR 或 --all ROOT：同时检查 --jobs 个，终端上显示进度条，最后一张表（文件夹、参保人、结果、缺少的材料）——即汇总；两个案卷中出现相同票据时在标准错误中指明（退出码 1）；退出码取最严重的。--summary，单个 DIR：只显示其一行。\n\n示例：offsite dossier check examples/zhang-wei-2026-11\n\n示例：offsite dossier check ~/claims/张伟-2026-11 --across ~/claims\n\n示例：offsite dossier check --json examples/zhang-wei-2026-11 > report.json\n\n示例：offsite dossier check --all ~/claims/2026-11 --jobs 4',
    "Fill the forms the case needs (filing form, commitment letter, unit certificate,\nreimbursement application) as PDFs in DIR/forms/, with the Chinese font embedded.\nThe documents `dossier check` finds in DIR are ticked on the reimbursement application.\nThe forms are in Chinese (the insurance office's language) unless --forms-lang or the\nsetting forms.lang says otherwise; what is printed follows --lang.\n\nSeveral DIRs or --all ROOT: --jobs at a time, then one table (folder, person, result, the\nforms written); --json gives a list of the one-DIR documents; the exit code is the worst.\n\nExample: offsite dossier forms examples/zhang-wei-2026-11 --lang en --forms-lang en\n\nExample: offsite dossier forms --all ~/claims/2026-11 --optional":
        '填写案卷所需的表格（备案表、承诺书、参保单位证明、报销申请表），以嵌入中文字体的 PDF 保存在 DIR/forms/。`dossier check` 在 DIR 中找到的材料会在报销申请表上打勾。表格为中文（经办机构的语言），除非 --forms-lang 或设置项 forms.lang 另有指定；屏幕上的文字跟随 --lang。\n\n多个 DIR 或 --all ROOT：同时处理 --jobs 个，最后一张表（文件夹、参保人、结果、已填写的表格）；--json 给出由单个 DIR 的文档组成的列表；退出码取最严重的。\n\n示例：offsite dossier forms examples/zhang-wei-2026-11 --lang en --forms-lang en\n\n示例：offsite dossier forms --all ~/claims/2026-11 --optional',
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
