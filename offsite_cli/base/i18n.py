"""Every message and label in Chinese (the default) and English."""

from __future__ import annotations

import os
import re

LANGS = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # ---- errors: one line naming the field, the value and what is expected
    "choice": {
        "zh": "{field}：值 “{value}” 无效，应为 {expected}",
        "en": "{field}: '{value}' is not valid; expected {expected}",
    },
    "missing_option": {
        "zh": "缺少 {option}（非交互模式下不会提问）",
        "en": "missing {option} (nothing is asked without a terminal or with --no-input)",
    },
    "bad_date": {
        "zh": "{field}：“{value}” 不是日期，应按 年-月-日 写，例如 {forms}",
        "en": "{field}: '{value}' is not a date; expected year, month and day, e.g. {forms}",
    },
    "date_no_such_day": {
        "zh": "{field}：日期 “{value}” 不存在，请核对年、月、日（年份应在 {first} 至 {last} 之间）",
        "en": "{field}: there is no such day as '{value}'; check the year, month and day (a year from {first} to {last})",
    },
    "date_future": {
        "zh": "{field}：{what} {value} 晚于今天（{today}），不可能是将来的日期；请核对年份",
        "en": "{field}: the {what} {value} is after today ({today}) and cannot be in the future; check the year",
    },
    "date.admitted": {"zh": "入院（就诊）日期", "en": "admission (visit) date"},
    "date.discharged": {"zh": "出院日期", "en": "discharge date"},
    "date.filed_on": {"zh": "备案日期", "en": "filing date"},
    "date.receipt": {"zh": "收据日期", "en": "receipt date"},
    "warn_long_stay": {
        "zh": "注意：{field}：住院 {days} 天（{admitted} 至 {discharged}），超过一年；请核对年份",
        "en": "note: {field}: a stay of {days} {days|day|days} ({admitted} to {discharged}), over a year; check the year",
    },
    "warn_filed_long_before": {
        "zh": "注意：{field}：备案日期 {filed_on} 比入院日期 {admitted} 早 {years} 年以上；请核对年份（长期备案可不理会）",
        "en": "note: {field}: filed on {filed_on}, over {years} {years|year|years} before the admission on {admitted}; check the year (fine for a long-term filing)",
    },
    "warn_date_long_ago": {
        "zh": "注意：{field}：{what} {value} 距今天（{today}）已超过 {years} 年；请核对年份",
        "en": "note: {field}: the {what} {value} is over {years} {years|year|years} before today ({today}); check the year",
    },
    "warn_receipt_outside_stay": {
        "zh": "注意：{field}：收据日期 {value} 不在就医期间（{first} 至 {last}）；请核对日期，或是否为本次就医的收据",
        "en": "note: {field}: the receipt date {value} is outside the stay ({first} to {last}); check the date, or whether the receipt is for this stay",
    },
    "admission_after_discharge": {
        "zh": "{field}：入院日期 {value} 晚于出院日期 {discharged}",
        "en": "{field}: {value} is after the discharge date {discharged}",
    },
    "discharge_before_admission": {
        "zh": "{field}：出院日期 {value} 早于入院日期 {admitted}",
        "en": "{field}: {value} is before the admission date {admitted}",
    },
    "bad_lang": {
        "zh": "--lang：值 “{value}” 无效，应为 zh 或 en",
        "en": "--lang: '{value}' is not valid; expected zh or en",
    },
    "region_empty": {
        "zh": "{field}：地区为空，应为 6 位行政区划代码或中文名称，例如 140500 或 晋城市",
        "en": "{field}: empty region; expected a 6-digit code or a Chinese name, e.g. 140500 or 晋城市",
    },
    "region_unknown_code": {
        "zh": "{field}：未知的行政区划代码 {value}；新设地区可添加到配置目录的 regions.csv",
        "en": "{field}: unknown region code {value}; newer codes can be added to regions.csv in the config folder",
    },
    "region_unknown_name": {
        "zh": "{field}：找不到地区 “{value}”，应为 6 位代码或中文名称，例如 晋城市、徐汇区",
        "en": "{field}: no region named '{value}'; expected a 6-digit code or a Chinese name, e.g. 晋城市, 徐汇区",
    },
    "region_did_you_mean": {
        "zh": "{field}：找不到地区 “{value}”，是否想输入：{candidates}",
        "en": "{field}: no region named '{value}'; did you mean {candidates}",
    },
    "region_ambiguous": {
        "zh": "{field}：“{value}” 有多个地区，请用代码或加上上级名称：{candidates}",
        "en": "{field}: '{value}' is ambiguous; give the code or the parent's name: {candidates}",
    },
    "regions_unreadable": {
        "zh": "{file}：无法读取地区代码表：{reason}",
        "en": "{file}: cannot read the region codes: {reason}",
    },
    "bad_file_header": {
        "zh": "{file}：表头不符，应为 {expected}",
        "en": "{file}: wrong header; expected {expected}",
    },
    "bad_region_row": {
        "zh": "{file} 第 {line} 行：代码 “{value}” 无效，应为 6 位数字，例如 {expected}",
        "en": "{file} line {line}: code '{value}' is not valid; expected 6 digits, e.g. {expected}",
    },
    "id_shape": {
        "zh": "{field}：身份证号码 {value}（{length} 位）格式错误，应为 18 位：17 位数字加 1 位校验码（数字或 X）",
        "en": "{field}: {value} ({length} characters) is not an 18-character ID number (17 digits and a check digit or X)",
    },
    "phone_shape": {
        "zh": "{field}：电话号码 “{value}” 无效，应为 7 至 20 位数字，可带区号和 -，例如 13800000000 或 0356-1234567",
        "en": "{field}: '{value}' is not a phone number; expected 7 to 20 digits, with - if needed, e.g. 13800000000 or 0356-1234567",
    },
    "account_shape": {
        "zh": "{field}：银行账号 {value}（{length} 位）无效，应为 8 至 32 位数字（可带空格）",
        "en": "{field}: the bank account {value} ({length} characters) is not valid; expected 8 to 32 digits (spaces allowed)",
    },
    "id_check": {
        "zh": "{field}：身份证号码 {value} 校验码 “{got}” 不正确，请核对是否录入有误",
        "en": "{field}: the check character '{got}' of {value} is wrong; look for a typo",
    },
    # the birth date and the masked number together are the whole number: only the date is shown
    "id_birth": {
        "zh": "{field}：身份证号码中的出生日期 {birth} 不存在，请核对第 7–14 位",
        "en": "{field}: the birth date {birth} in the ID number is not a real date; look at digits 7-14",
    },
    "id_birth_range": {
        "zh": "{field}：身份证号码中的出生日期 {birth} 不可能（晚于今天或早于 1880 年），请核对第 7–14 位",
        "en": "{field}: the birth date {birth} in the ID number is impossible (after today or before 1880); look at digits 7-14",
    },
    "id_region": {
        "zh": "{field}：身份证号码 {value} 的地区代码 {code} 不属于任何省份",
        "en": "{field}: the region code {code} of {value} belongs to no province",
    },
    "calendar_file": {
        "zh": "{file}：无法读取节假日安排：{reason}",
        "en": "{file}: cannot read the holiday schedule: {reason}",
    },
    "calendar_key": {
        "zh": "{file}：{key} = {value} 无效，应为日期列表，例如 {key} = [2027-01-01]",
        "en": "{file}: {key} = {value} is not valid; expected a list of dates, e.g. {key} = [2027-01-01]",
    },
    "calendar_year": {
        "zh": "{file}：{key} 中的 {value} 不属于该文件的年份",
        "en": "{file}: {value} in {key} is not in the file's year",
    },
    "statutory_days": {
        "zh": "无法推算 {year} 年的法定节假日：{holiday}依法放假 {days} 天，holidays 包给出 {found} 天；请在配置目录 calendar/{year}.toml 中写明该年的节假日",
        "en": "cannot work out the statutory holidays of {year}: {holiday} is {days} {days|day|days} by law, the holidays package gives {found}; add calendar/{year}.toml in the config folder",
    },
    "profile_invalid": {
        "zh": "{file}：{key} = {value} 无效，应为 {expected}；示例：{example}",
        "en": "{file}: {key} = {value} is not valid; expected {expected}; e.g. {example}",
    },
    "profile_syntax": {
        "zh": "{file}：TOML 语法错误：{reason}",
        "en": "{file}: TOML syntax error: {reason}",
    },
    "profile_unreadable": {
        "zh": "{file}：无法读取：{reason}",
        "en": "{file}: cannot be read: {reason}",
    },
    "profile_unknown": {
        "zh": "{field}：没有名为 “{value}” 的政策配置，可用：{known}",
        "en": "{field}: no profile '{value}'; available: {known}",
    },
    "profile_cycle": {
        "zh": "{field}：政策配置循环继承：{value}",
        "en": "{field}: profiles extend each other in a loop: {value}",
    },
    "profile_gap": {
        "zh": "{file}：没有 {date} 生效的适用于 {value} 的 {key} 规则（最早自 {earliest} 起）；请核对入院日期或换用其他政策配置",
        "en": "{file}: no {key} rule for {value} was in force on {date} (the earliest starts {earliest}); check the admission date or use another profile",
    },
    "case_invalid": {
        "zh": "{file}：{key} = {value} 无效，应为 {expected}",
        "en": "{file}: {key} = {value} is not valid; expected {expected}",
    },
    # an entry of an array of tables in case.toml, counted from 1 as a person counts them
    "case.entry": {"zh": "{table} 第 {number} 条 {key}", "en": "{table} entry {number}, {key}"},
    "case_missing": {
        "zh": "{file}：找不到案卷文件；可用 offsite dossier new 新建",
        "en": "{file}: no case file; start one with offsite dossier new",
    },
    "case_syntax": {
        "zh": "{file}：TOML 语法错误：{reason}",
        "en": "{file}: TOML syntax error: {reason}",
    },
    "case_encoding": {
        "zh": "{file}：不是 UTF-8 编码的文本",
        "en": "{file}: not UTF-8 text",
    },
    "case_unreadable": {
        "zh": "{file}：无法读取：{reason}",
        "en": "{file}: cannot be read: {reason}",
    },
    # ---- the claim's progress, the register, receipts (issue 10)
    "mark_refused": {
        "zh": "{file}：不能记为 {value}，可记为：{expected}",
        "en": "{file}: cannot mark {value}; it may be marked {expected}",
    },
    "mark_future": {
        "zh": "--on：日期 {value} 晚于今天（{today}）",
        "en": "--on: {value} is after today ({today})",
    },
    "mark_amount_not_paid": {
        "zh": "--amount：{value} 仅在记为 paid（已到账）时填写",
        "en": "--amount: {value} goes only with paid",
    },
    "mark_amount_over": {
        "zh": "--amount：到账金额 {value} 超过申请金额 {claimed}",
        "en": "--amount: {value} paid is more than the {claimed} claimed",
    },
    "bad_yuan": {
        "zh": "{field}：金额 “{value}” 无效，应为不小于 0、最多两位小数的元数，例如 12873.50",
        "en": "{field}: '{value}' is not an amount; expected yuan, 0 or more, at most two decimals, e.g. 12873.50",
    },
    "receipt_number_empty": {
        "zh": "--number：票据号为空，应为发票或收据上的号码，例如 No.00123456",
        "en": "--number: empty; expected the number on the receipt, e.g. No.00123456",
    },
    "receipt_amount": {
        "zh": "{field}：金额 “{value}” 无效，应为 {expected}",
        "en": "{field}: '{value}' is not valid; expected {expected}",
    },
    "receipt_duplicate": {
        "zh": "--number：票据号 {value} 已在 {file} 中（{date}，{amount} 元）",
        "en": "--number: {value} is already in {file} ({date}, {amount} yuan)",
    },
    "receipt_unknown": {
        "zh": "NUMBER：{file} 中没有票据号 {value}，现有：{known}",
        "en": "NUMBER: no receipt {value} in {file}; there are: {known}",
    },
    "receipt_future": {
        "zh": "--date：票据日期 {value} 晚于今天（{today}）",
        "en": "--date: {value} is after today ({today})",
    },
    "ledger_bad_suffix": {
        "zh": "-o：{value} 应以 .xlsx 或 .csv 结尾",
        "en": "-o: {value} should end in .xlsx or .csv",
    },
    "folder_missing": {

        "zh": "{field}：文件夹 {value} 不存在",
        "en": "{field}: the folder {value} does not exist",
    },
    "folder_not_dir": {
        "zh": "{field}：{value} 不是文件夹",
        "en": "{field}: {value} is not a folder",
    },
    "usage_error": {
        "zh": "错误：{what}（用法见 {command} --help）",
        "en": "error: {what} (see {command} --help)",
    },
    "usage_no_such_option": {"zh": "没有选项 {option}", "en": "no such option {option}"},
    "usage_did_you_mean": {"zh": "，是否想用 {options}", "en": "; did you mean {options}"},
    "usage_missing": {"zh": "缺少 {name}", "en": "missing {name}"},
    "usage_no_such_command": {"zh": "没有命令 {name}", "en": "no such command {name}"},
    "usage_needs_value": {"zh": "选项 {name} 需要一个值", "en": "option {name} needs a value"},
    "usage_at_least": {"zh": "应不小于 {value}", "en": "expected {value} or more"},
    "usage_integer": {"zh": "应为整数", "en": "expected a whole number"},
    "usage_number": {"zh": "应为数字", "en": "expected a number"},
    "usage_extra": {"zh": "多余的参数 {name}", "en": "unexpected extra {count|argument|arguments} {name}"},
    "usage_bad_value": {"zh": "{name} 的值无效：{detail}", "en": "{name}: {detail}"},
    "internal_error": {
        "zh": "内部错误（{kind}，位于 {where}）。设置 OFFSITE_DEBUG=1 可查看完整信息。",
        "en": "internal error ({kind} at {where}). Set OFFSITE_DEBUG=1 to see the details.",
    },
    # ---- forms (issue 4)
    "form.filing-form": {"zh": "异地就医备案表", "en": "Off-site medical treatment filing form"},
    "form.commitment-letter": {"zh": "个人承诺书", "en": "Personal commitment letter"},
    "form.unit-certificate": {"zh": "参保单位证明", "en": "Certificate of the insured unit"},
    "form.reimbursement-application": {"zh": "医疗费用报销申请表", "en": "Medical expense reimbursement application"},
    "form.authorization": {"zh": "委托书", "en": "Authorisation"},
    "form.late-explanation": {"zh": "情况说明", "en": "Explanation (情况说明)"},
    "form.family-sheet": {"zh": "给家属的出院前材料提醒", "en": "Before discharge: for the family"},
    "form_unknown": {
        "zh": "{field}：没有名为 “{value}” 的表格，可用：{known}",
        "en": "{field}: no form named '{value}'; available: {known}",
    },
    "form_no_lang": {
        "zh": "{field}：表格 “{value}” 没有 {lang} 语言的模板，可添加 {file}",
        "en": "{field}: form '{value}' has no {lang} template; add {file}",
    },
    "form_exists": {
        "zh": "{file}：已存在，不会覆盖（加 --force 覆盖）",
        "en": "{file}: already exists and is left as it is (add --force to overwrite)",
    },
    "template_syntax": {
        "zh": "{file} 第 {line} 行：模板语法错误：{reason}",
        "en": "{file} line {line}: template syntax error: {reason}",
    },
    "template_undefined": {
        "zh": "{file} 第 {line} 行：模板字段不存在：{reason}（可用字段见 templates/README.md）",
        "en": "{file} line {line}: no such template field: {reason} (fields: templates/README.md)",
    },
    "template_unsafe": {
        "zh": "{file} 第 {line} 行：模板访问被沙箱拒绝：{reason}",
        "en": "{file} line {line}: the sandbox refused: {reason}",
    },
    "template_too_big": {
        "zh": "{file} 第 {line} 行：模板超出限制：{reason}（表单模板应简短）",
        "en": "{file} line {line}: the template went past a limit: {reason} (a form template is short)",
    },
    "template_error": {
        "zh": "{file} 第 {line} 行：模板出错：{reason}",
        "en": "{file} line {line}: template error: {reason}",
    },
    "template_markup": {
        "zh": "{file}：输出第 {line} 行标记有误：{reason}（标记说明见 templates/README.md）",
        "en": "{file}: output line {line}: bad markup: {reason} (markup: templates/README.md)",
    },
    "font_missing": {
        "zh": "{field}：字体文件 {value} 不存在",
        "en": "{field}: font file {value} does not exist",
    },
    "font_not_chinese": {
        "zh": "{field}：字体 {value} 缺少常用汉字（{missing}），不能用于中文表格；应为含中文的 TrueType 字体，如文泉驿、宋体",
        "en": "{field}: the font {value} lacks common Chinese characters ({missing}); expected a TrueType font with Chinese, such as WenQuanYi or SimSun",
    },
    "font_unusable": {
        "zh": "{field}：无法嵌入字体 {value}（{reason}）；应为 TrueType 轮廓字体（.ttf/.ttc），如文泉驿、宋体",
        "en": "{field}: cannot embed the font {value} ({reason}); expected a TrueType-outline font (.ttf/.ttc)",
    },
    "config_key": {
        "zh": "KEY：没有设置项 “{setting}”，可用：{known}",
        "en": "KEY: no setting '{setting}'; known: {known}",
    },
    "config_empty": {
        "zh": "{setting}：值为空；示例：{example}",
        "en": "{setting}: empty value; e.g. {example}",
    },
    "config_syntax": {
        "zh": "{file}：TOML 语法错误：{reason}",
        "en": "{file}: TOML syntax error: {reason}",
    },
    "config_unreadable": {
        "zh": "{file}：无法读取：{reason}",
        "en": "{file}: cannot be read: {reason}",
    },
    "config_invalid": {
        "zh": "{file}：{setting} = {value} 无效，应为以下设置项之一（字符串）：{known}",
        "en": "{file}: {setting} = {value} is not valid; expected a string setting, one of {known}",
    },
    "write_failed": {
        "zh": "{file}：无法写入：{reason}（未留下不完整的文件）",
        "en": "{file}: cannot be written: {reason} (nothing half-written is left)",
    },
    "forms_glyph_missing": {
        "zh": "表格 {form}：字体缺少 {chars}（字段 {field}），这些字在表格上印成空白；请打印后手写补上，或用 --font 指定包含这些字的字体",
        "en": "form {form}: the font has no glyph for {chars} (field {field}); they print as blank space on the form: write them in by hand, or pick a font that has them with --font",
    },
    "forms_glyph_more": {"zh": "另 {count} 个字", "en": "{count} more"},
    "forms_amount_too_large": {
        "zh": "{field}：金额 {value} 元过大，表格最多可填 {limit} 元",
        "en": "{field}: the amount {value} yuan is too large; the forms take at most {limit} yuan",
    },
    "template_unreadable": {
        "zh": "{file}：无法读取模板：{reason}",
        "en": "{file}: cannot read the template: {reason}",
    },
    "forms_total_differs": {
        "zh": "收据合计 {receipts} 元与 episode.amount {amount} 元不一致，表格按收据合计填写",
        "en": "the receipts add up to {receipts} yuan but episode.amount is {amount}; the forms use the receipts' total",
    },
    "forms_no_guardian": {
        "zh": "参保人未成年（{age} 岁），申请人应为监护人：case.toml 没有 [guardian]，表格中监护人一栏留空；可在 [guardian] 填写 name、id_number、relation、phone",
        "en": "The person is a minor ({age}): the guardian applies, but case.toml has no [guardian] and the form leaves it blank; fill in [guardian] name, id_number, relation, phone",
    },
    "forms_no_unit": {
        "zh": "未设置参保单位名称，表格中留空；可在 case.toml 的 [insured] unit 填写，或 offsite config set unit.name …",
        "en": "no unit name: left blank on the form; give [insured] unit in case.toml or run offsite config set unit.name …",
    },
    "forms_page": {"zh": "第 {page} 页", "en": "page {page}"},
    "forms_wrote": {"zh": "已写入 {path}　{title}（{pages} 页）", "en": "wrote {path}  {title} ({pages} {pages|page|pages})"},
    "forms_none": {
        "zh": "该案卷无需填写表格（{route}）",
        "en": "No forms are needed for this case ({route})",
    },
    "forms_optional": {
        "zh": "可选表格未生成：{name}（{title}）；需要时加 --optional 或 --form {name}",
        "en": "optional form not written: {name} ({title}); add --optional or --form {name} if needed",
    },
    "forms.name": {"zh": "名称", "en": "Name"},
    "forms.title": {"zh": "表格", "en": "Form"},
    "forms.langs": {"zh": "语言", "en": "Languages"},
    "forms.origin": {"zh": "来源", "en": "Origin"},
    "forms.origin.user": {"zh": "用户", "en": "user"},
    "forms.origin.shipped": {"zh": "内置", "en": "shipped"},
    "forms_exported": {"zh": "已导出 {path}，修改后即替代内置模板", "en": "exported {path}; edit it and it replaces the shipped one"},
    "config.not_set": {"zh": "（未设置）", "en": "(not set)"},
    "config_set": {"zh": "{setting} = {value}", "en": "{setting} = {value}"},
    "config_unset": {"zh": "已删除 {setting}", "en": "removed {setting}"},
    "config_was_unset": {"zh": "{setting} 未设置", "en": "{setting} was not set"},
    # ---- build (issue 5)
    "build_file_unreadable": {"zh": "{file}：无法读取：{reason}", "en": "{file}: cannot be read: {reason}"},
    "build_file_empty": {"zh": "{file}：空文件（0 字节）", "en": "{file}: empty file (0 bytes)"},
    "build_file_kind": {
        "zh": "{file}：无法放入 PDF 的文件类型；可用 PDF、JPEG、PNG、WebP、TIFF、BMP、HEIC",
        "en": "{file}: a kind of file that cannot go into the PDF; use PDF, JPEG, PNG, WebP, TIFF, BMP or HEIC",
    },
    "build_file_changed": {
        "zh": "{file}：文件在生成过程中被改动，请重新生成",
        "en": "{file}: the file changed while the dossier was being built; build again",
    },
    "build_image_bomb": {
        "zh": "{file}：图像像素过多（超过 {limit} 像素），疑似解压炸弹，拒绝处理",
        "en": "{file}: too many pixels (over {limit}); refused as a possible decompression bomb",
    },
    "build_image_damaged": {"zh": "{file}：图像已损坏：{reason}", "en": "{file}: damaged image: {reason}"},
    "build_heic_missing": {
        "zh": "{file}：HEIC 照片需要 pillow-heif 软件包（pip install pillow-heif），或先转存为 JPEG",
        "en": "{file}: HEIC photos need the pillow-heif package (pip install pillow-heif), or save it as JPEG",
    },
    "build_pdf_crypto": {
        "zh": "{file}：该 PDF 使用 AES 加密，需要 cryptography 软件包（pip install cryptography）",
        "en": "{file}: the PDF is AES-encrypted and needs the cryptography package (pip install cryptography)",
    },
    "build_pdf_password": {
        "zh": "{file}：PDF 设有打开密码；请用 --password {file}=密码 提供",
        "en": "{file}: the PDF needs a password; give it with --password {file}=PASSWORD",
    },
    "build_pdf_wrong_password": {
        "zh": "{file}：--password 给出的 PDF 密码不正确",
        "en": "{file}: the password given with --password is wrong",
    },
    "build_pdf_damaged": {
        "zh": "{file}：PDF 已损坏且无法修复：{reason}",
        "en": "{file}: damaged PDF that cannot be repaired: {reason}",
    },
    "build_pdf_no_pages": {"zh": "{file}：没有页面", "en": "{file}: no pages"},
    "build_file_failed": {
        "zh": "{file}：无法放入 PDF（{reason}）；请把此文件和 OFFSITE_DEBUG=1 的输出报告给开发者",
        "en": "{file}: could not be put into the PDF ({reason}); please report this file with the output of OFFSITE_DEBUG=1",
    },
    "build_incomplete": {
        "zh": "{folder}：材料不全，未生成 PDF：{what}；补齐后重试，或加 --allow-incomplete",
        "en": "{folder}: dossier incomplete, no PDF written: {what}; add what is missing, or use --allow-incomplete",
    },
    "build_missing_list": {"zh": "缺少 {count} 项：{documents}", "en": "{count} missing: {documents}"},
    "build_unreadable_list": {"zh": "无法读取 {count} 项：{documents}", "en": "{count} unreadable: {documents}"},
    "build_and_more": {"zh": "等", "en": "and {count} more"},
    "build_skipped": {
        "zh": "{file}：无法读取，未放入 PDF（已在封面列出）：{reason}",
        "en": "{file}: cannot be read, left out of the PDF (listed on the cover): {reason}",
    },
    "build_output_is_folder": {
        "zh": "{option} {value}：这是一个文件夹，需要 PDF 文件的路径，例如 {example}",
        "en": "{option} {value}: is a folder; give the path of a PDF file, e.g. {example}",
    },
    "build_output_no_folder": {
        "zh": "{option} {value}：文件夹 {folder} 不存在；请先建立该文件夹，或换一个路径",
        "en": "{option} {value}: the folder {folder} does not exist; create it first or give another path",
    },
    "output_not_regular": {
        "zh": "{option} {value}：不是普通文件（管道或设备），不会被替换；请换一个文件路径",
        "en": "{option} {value}: is not a regular file (a pipe or a device) and is never replaced; give another path",
    },
    "output_name_too_long": {
        "zh": "{option} {value}：文件名 {length} 字节，超过文件系统允许的 {limit} 字节；请用短一些的名字",
        "en": "{option} {value}: the file name is {length} bytes, more than the {limit} a file system allows; give a shorter name",
    },
    "build_output_unwritable": {
        "zh": "{file}：无法写入：{reason}（未留下不完整的文件）",
        "en": "{file}: cannot be written: {reason} (nothing half-written is left)",
    },
    "build_output_is_input": {
        "zh": "-o：{file} 是案卷中的材料文件，不能作为输出",
        "en": "-o: {file} is one of the dossier's own files and cannot be the output",
    },
    "build_size_option": {
        "zh": "--max-size：“{value}” 无效，应为大小，例如 20MB、500KB",
        "en": "--max-size: '{value}' is not a size; expected e.g. 20MB or 500KB",
    },
    "build_over_size": {
        "zh": "压缩后仍为 {size}，超过 --max-size {limit}",
        "en": "still {size} after compression, over --max-size {limit}",
    },
    "build_done": {"zh": "已生成 {path}：{pages} 页，{size}", "en": "wrote {path}: {pages} {pages|page|pages}, {size}"},
    "build_straightened": {
        "zh": "已拉正照片 {count} 页（第 {pages} 页）；要原样放入请加 --as-taken",
        "en": "Straightened photos on {count} {count|page|pages} ({pages}); --as-taken leaves them as taken",
    },
    "build_compressed": {
        "zh": "照片压缩（{count} 张，{dpi} dpi）：{before} → {after}",
        "en": "photos compressed ({count}, {dpi} dpi): {before} → {after}",
    },
    "build_warn_incomplete": {
        "zh": "注意：材料不全（{what}），封面已用红字注明",
        "en": "note: the dossier is incomplete ({what}); the cover sheet says so in red",
    },
    "build_repaired": {"zh": "{file}：PDF 有损坏，已尽量修复：{reason}", "en": "{file}: damaged PDF, repaired as far as possible: {reason}"},
    "build_progress": {"zh": "正在生成", "en": "Building"},
    "build.title": {"zh": "异地就医费用报销材料", "en": "Off-site medical claim dossier"},
    "build.title_filing": {"zh": "异地就医备案材料", "en": "Off-site treatment filing dossier"},
    "build_nothing": {
        "zh": "{folder}：{route}，无需报销或备案，不生成 PDF",
        "en": "{folder}: {route}: nothing to claim and nothing to file, no PDF written",
    },
    "build.generated": {"zh": "生成日期 {date}", "en": "made on {date}"},
    "build.person": {"zh": "参保人", "en": "Person"},
    "build.id_number": {"zh": "身份证号", "en": "ID number"},
    "build.insurance": {"zh": "险种／类别", "en": "Insurance"},
    "build.unit": {"zh": "参保单位", "en": "Unit"},
    "build.hospital": {"zh": "就医医院", "en": "Hospital"},
    "build.care": {"zh": "就医类型", "en": "Kind of care"},
    "build.dates": {"zh": "就医日期", "en": "Dates"},
    "build.amount": {"zh": "医疗费用", "en": "Amount"},
    "build.yuan": {"zh": "{amount} 元", "en": "CNY {amount}"},
    "build.reminders": {"zh": "期限提醒", "en": "Deadline reminders"},
    "build.checklist": {"zh": "材料清单", "en": "Checklist"},
    "build.continued": {"zh": "（续）", "en": " (continued)"},
    "build.col.document": {"zh": "材料", "en": "Document"},
    "build.col.needed": {"zh": "要求", "en": "Needed"},
    "build.col.status": {"zh": "状态", "en": "Status"},
    "build.col.files": {"zh": "文件数", "en": "Files"},
    "build.col.page": {"zh": "起始页", "en": "Page"},
    "build.status.ok": {"zh": "齐全", "en": "present"},
    "build.status.missing": {"zh": "缺少", "en": "MISSING"},
    "build.status.unreadable": {"zh": "无法读取", "en": "UNREADABLE"},
    "build.status.not_provided": {"zh": "可选，未提供", "en": "optional, not provided"},
    "build.status.instead": {"zh": "已有替代材料", "en": "alternative given"},
    "build.skipped": {"zh": "未放入 PDF 的文件（无法读取）", "en": "Files left out of the PDF (cannot be read)"},
    "build.status.filled": {"zh": "已填写", "en": "filled in"},
    "build.status.filled_seal": {"zh": "已生成，待盖章", "en": "filled in, needs the seal"},
    "build.status.filled_signature": {"zh": "已生成，待签字", "en": "filled in, needs signing"},
    "build.status.included": {"zh": "附后", "en": "attached"},
    "build.straightened": {"zh": "照片经透视校正（拉正）的页：第 {pages} 页",
                           "en": "Pages showing photos straightened (perspective corrected): {pages}"},
    "layout.front": {"zh": "正面", "en": "Front"},
    "layout.back": {"zh": "反面", "en": "Back"},
    "build.form": {"zh": "表格：{title}", "en": "Form: {title}"},
    "build.forms": {"zh": "填写的表格", "en": "Forms"},
    "build.unmatched": {"zh": "其他文件（未归类）", "en": "Other files (not matched)"},
    "build.cover": {"zh": "封面与材料清单", "en": "Cover sheet and checklist"},
    "build.incomplete": {"zh": "材料不全：{what}", "en": "INCOMPLETE: {what}"},
    "build.overdue_note": {"zh": "已过期限，请尽快联系经办机构", "en": "past the deadline: contact the agency at once"},
    "build.stamp": {"zh": "第 {page} 页 / 共 {pages} 页", "en": "page {page} of {pages}"},
    "build.subject": {"zh": "{care}，{hospital}，{dates}", "en": "{care}, {hospital}, {dates}"},
    # ---- many dossiers at once (issue 10)
    "batch_no_folder": {
        "zh": "缺少 DIR（案卷文件夹），或用 --all ROOT 处理 ROOT 下的所有案卷；见 offsite {command} --help",
        "en": "missing DIR (a dossier folder), or --all ROOT for every dossier under ROOT; see offsite {command} --help",
    },
    "batch_output_many": {
        "zh": "-o/--output：只能用于一个案卷；处理多个案卷时每个 PDF 写入各自的 DIR/dossier.pdf",
        "en": "-o/--output: only with one dossier; with several, each PDF goes to its DIR/dossier.pdf",
    },
    "batch_not_begun": {"zh": "批处理已被停止，此案卷没有开始处理", "en": "the batch was stopped before this dossier was begun"},
    "batch.none": {"zh": "注意：{root} 下没有案卷（含 case.toml 的文件夹）", "en": "note: no dossier (folder with a case.toml) under {root}"},
    "batch.progress": {"zh": "处理案卷", "en": "Dossiers"},
    "batch.col.folder": {"zh": "案卷", "en": "Folder"},
    "batch.col.person": {"zh": "参保人", "en": "Person"},
    "batch.col.result": {"zh": "结果", "en": "Result"},
    "batch.col.detail": {"zh": "页数／缺少的材料", "en": "Pages or what is missing"},
    "batch.result.ok": {"zh": "齐全", "en": "complete"},
    "batch.result.incomplete": {"zh": "不全", "en": "incomplete"},
    "batch.result.built": {"zh": "已生成", "en": "built"},
    "batch.result.built_incomplete": {"zh": "已生成（不全）", "en": "built, incomplete"},
    "batch.result.refused": {"zh": "未生成", "en": "not built"},
    "batch.result.filled": {"zh": "已填写", "en": "filled"},
    "batch.result.error": {"zh": "出错", "en": "failed"},
    "batch.result.nothing": {"zh": "无需报销材料", "en": "nothing to claim"},
    "batch.result.none_needed": {"zh": "无需填写", "en": "none needed"},
    "batch.missing": {"zh": "缺少：{what}", "en": "missing: {what}"},
    "batch.advice_all": {"zh": "（全部 {count} 个案卷）", "en": " (all {count} dossiers)"},
    "batch.advice_both": {"zh": "（两个案卷都是）", "en": " (both dossiers)"},
    "batch.advice_some": {"zh": "（{count} 个案卷：{folders}）", "en": " ({count} dossiers: {folders})"},
    "batch.deadline": {"zh": "{name} {date} {when}", "en": "{name} {date} {when}"},
    "batch.pages": {"zh": "{pages} 页，{size}", "en": "{pages} {pages|page|pages}, {size}"},
    "batch.forms": {"zh": "{count}份：{names}", "en": "{count}: {names}"},
    "batch.total": {"zh": "共 {count} 个案卷：", "en": "{count} {count|dossier|dossiers}:"},
    # ---- dossier import (issue 10)
    "roster_not_file": {"zh": "{file}：不是文件", "en": "{file}: not a file"},
    "roster_kind": {
        "zh": "{file}：不支持的花名册格式（{kind}），应为 .xlsx 或 .csv",
        "en": "{file}: a roster must be .xlsx or .csv, not {kind}",
    },
    "roster_too_big": {"zh": "{file}：文件过大（上限 {limit} MB）", "en": "{file}: too large (the limit is {limit} MB)"},
    "roster_unreadable": {"zh": "{file}：无法读取：{reason}", "en": "{file}: cannot be read: {reason}"},
    "roster_encrypted": {
        "zh": "{file}：工作簿设有打开密码；请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后另存再导入",
        "en": "{file}: the workbook is password-protected; remove the password in Excel (File → Info → Protect Workbook) and save it again",
    },
    "roster_old_excel": {
        "zh": "{file}：这是旧版 Excel（.xls）文件；请另存为 .xlsx 或 .csv 后再导入",
        "en": "{file}: an old Excel (.xls) file; save it as .xlsx or .csv",
    },
    "roster_damaged": {
        "zh": "{file}：无法作为 .xlsx 打开（文件损坏或不是 Excel 工作簿）",
        "en": "{file}: cannot be opened as .xlsx (damaged, or not an Excel workbook)",
    },
    "roster_encoding": {"zh": "{file}：无法识别文字编码，应为 UTF-8 或 GBK", "en": "{file}: unknown text encoding; expected UTF-8 or GBK"},
    "roster_csv": {"zh": "{file}：CSV 格式错误：{reason}", "en": "{file}: bad CSV: {reason}"},
    "roster_no_sheet": {"zh": "--sheet：{file} 中没有工作表“{value}”，应为 {names}", "en": "--sheet: {file} has no sheet '{value}'; expected {names}"},
    "roster_empty": {
        "zh": "{file}：工作表“{sheet}”没有数据（第一行应为表头，如 姓名、身份证号、参保地，下面每行一人）",
        "en": "{file}: the sheet '{sheet}' has no data (a header row such as 姓名, 身份证号, 参保地 first, then one row per person)",
    },
    "roster_no_header": {
        "zh": "{file} 第 {row} 行：认不出表头，应为 {example} 等",
        "en": "{file} row {row}: no known header; expected {example} and the like",
    },
    "roster_duplicate_column": {
        "zh": "{file} 第 {row} 行：“{column}”列重复出现",
        "en": "{file} row {row}: the column '{column}' appears twice",
    },
    "roster_missing_column": {
        "zh": "{file}：缺少“{column}”列（也可写作 {aliases}）",
        "en": "{file}: no column '{column}' (also accepted: {aliases})",
    },
    "roster_merged": {
        "zh": "{file} 第 {row} 行：合并单元格 {range}；请取消合并，每行填写自己的值后再导入",
        "en": "{file} row {row}: merged cells {range}; unmerge them and give each row its own value",
    },
    "roster_bad_value": {
        "zh": "{where}：“{value}” 无效，应为 {expected}",
        "en": "{where}: '{value}' is not valid; expected {expected}",
    },
    "roster_empty_cell": {"zh": "{where}：不能为空", "en": "{where}: must not be empty"},
    "roster_id_as_number": {
        "zh": "{where}：身份证号被存成了数字，末几位已丢失；请把该列设为“文本”后重新录入",
        "en": "{where}: the ID number is stored as a number and its last digits are lost; format the column as Text and type it again",
    },
    "roster_duplicate": {
        "zh": "{file} 第 {row} 行：与第 {other} 行是同一人同一次就医（{name} {id}，{date}）",
        "en": "{file} row {row}: the same person and episode as row {other} ({name} {id}, {date})",
    },
    "checklist_hint": {
        "zh": "打印后交给患者家属：出院前逐项办好、盖好章",
        "en": "Print it for the patient's family: each item done and stamped before discharge",
    },
    "late_form": {
        "zh": "逾期或备案不及时：表格中已加入“情况说明”，请写明原因，由参保人签字（单位盖章）后随材料提交",
        "en": "late claim or late filing: the forms include an Explanation (情况说明); write the reason, have it signed (and sealed by the unit) and hand it in with the papers",
    },
    "late_overdue": {
        "zh": "{name} {date} 已过 {days} 天：逾期申请能否受理由参保地经办机构决定，请先电话询问",
        "en": "{name} {date} passed {days} {days|day|days} ago: whether a late claim is accepted is for the insured place's agency to decide; phone them first",
    },
    "late_supplementary": {
        "zh": "补办备案（{mark}，{profile}）：{text}（依据：{source}）",
        "en": "supplementary filing (补办备案; {mark}, {profile}): {text} (source: {source})",
    },
    "late_unverified": {"zh": "政策配置标明未经核实", "en": "the profile marks this unverified"},
    "late_verified": {"zh": "政策配置", "en": "from the profile"},
    "profile_exists": {"zh": "{file}：文件已存在；如要覆盖请加 --force", "en": "{file}: the file exists; add --force to overwrite it"},
    "profile_file_name": {
        "zh": "{field}：“{value}” 的文件名须与编号一致，例如 {example}",
        "en": "{field}: the file name of '{value}' must be the id, e.g. {example}",
    },
    "profiles_written": {"zh": "已写入 {path}（以 {parent} 为基础）", "en": "wrote {path} (extends {parent})"},
    "profiles_next": {
        "zh": "填写标有（待填写）的地方，然后运行：\n  offsite profiles check {path}",
        "en": "fill in the places marked （待填写）, then run:\n  offsite profiles check {path}",
    },
    "profiles_ok": {
        "zh": "✓ {path}：政策配置 {id} 可以使用（{chain}；本文件 {own} 条规则，其中 {unverified} 条未经核实）",
        "en": "✓ {path}: profile {id} loads ({chain}; {own} rules of its own, {unverified} unverified)",
    },
    "profiles_placeholders": {
        "zh": "注意：还有 {count} 处标有（待填写）",
        "en": "note: {count} places are still marked （待填写） (to fill in)",
    },
    "profiles_not_installed": {
        "zh": "注意：这个文件不在配置目录中，offsite 不会使用它；要使用请放到 {folder}/",
        "en": "note: this file is not in the config folder, so offsite does not use it; put it in {folder}/ to use it",
    },
    "import_ignored": {"zh": "注意：以下列未导入：{headers}", "en": "note: these columns were not imported: {headers}"},
    "import.col.row": {"zh": "行", "en": "Row"},
    "import.result.created": {"zh": "已建立", "en": "created"},
    "import.result.updated": {"zh": "已合并", "en": "updated"},
    "import.result.unchanged": {"zh": "无变化", "en": "unchanged"},
    "import.result.exists": {"zh": "已存在，未改动（--update 可合并）", "en": "exists, left alone (--update merges)"},
    "import.total": {"zh": "共 {count} 行：", "en": "{count} rows: "},
    "import.next": {
        "zh": "把扫描件放入各案卷的子文件夹，然后运行：\n  offsite dossier check --all {root}",
        "en": "Put the scans into each dossier's sub-folders, then run:\n  offsite dossier check --all {root}",
    },
    # ---- warnings
    "warn_filed_unknown": {
        "zh": "未说明是否已备案，按未备案处理。",
        "en": "Filing status not given: taken as not filed.",
    },
    "warn_assumed_manual": {
        "zh": "未说明是否已在医院持卡直接结算：按未直接结算（个人已垫付，须手工报销）处理，所列为报销所需材料；如已持卡直接结算，则无需报销。",
        "en": "Not said whether the bill was settled directly by card: taken as not settled (the person paid and claims manually), and the claim's documents are listed; if it was settled by card, there is nothing to claim.",
    },
    "warn_assumed_direct": {
        "zh": "未说明是否已直接结算：按本政策配置，备案无误的按持卡直接结算处理；如个人已全额垫付，则须手工报销。",
        "en": "Settlement not said: under this profile a case with its filing in order is taken as settled directly by card; if the person paid in full, it is a manual claim.",
    },
    "warn_file_for_later_visits": {
        "zh": "今后在当地就医：先办理异地就医备案（需{documents}），备案后可持卡直接结算，临时备案有效期至少 6 个月。",
        "en": "For later visits there: file first (with {documents}); once filed, the card settles directly, and a temporary filing lasts at least 6 months.",
    },
    "warn_file_before_discharge": {
        "zh": "尚未出院：在出院结算前补办备案，医院即可直接结算（规程第十六条）；否则出院后须手工报销。",
        "en": "Not yet discharged: file before the discharge settlement and the hospital settles directly (规程 art. 16); otherwise claim manually after discharge.",
    },
    "warn_no_deadline_rule": {
        "zh": "该政策配置未规定此类报销的申请期限，请向参保地经办机构确认。",
        "en": "The profile sets no claim deadline for this case; ask the insured place's agency.",
    },
    "warn_provisional": {
        "zh": "{year} 年国务院节假日安排尚未收录，期限 {date} 按周末和法定节假日推算，调休未计（暂定）；可在配置目录 calendar/{year}.toml 中添加。",
        "en": "No State Council holiday schedule for {year} yet: {date} is counted over weekends and the statutory holidays, without bridging or make-up days (provisional); add calendar/{year}.toml in the config folder.",
    },
    "warn_ratio": {
        "zh": "支付比例可比参保地低，最多低 {points} 个百分点。",
        "en": "The reimbursement ratio may be up to {points} percentage points lower than at the insured place.",
    },
    "warn_self_pay": {
        "zh": "须先行自付 {share}% 后再按参保地比例报销。",
        "en": "The person first pays {share}% (先行自付), then the insured place's ratio applies.",
    },
    "warn_unverified": {
        "zh": "用到 {count} 条未能核对官方原文的规则，仅供参考（offsite profiles show {profile} 可查看）。",
        "en": "{count} of the rules used could not be checked against the official text; treat them as indicative (see offsite profiles show {profile}).",
    },
    "warn_no_date_discharged": {
        "zh": "未给出出院日期，无法计算“{deadline}”。",
        "en": "No discharge date given: “{deadline}” cannot be computed.",
    },
    "warn_no_date_admitted": {
        "zh": "未给出入院（就诊）日期，无法计算“{deadline}”。",
        "en": "No admission date given: “{deadline}” cannot be computed.",
    },
    "warn_no_date_filed_on": {
        "zh": "未给出备案日期（filed_on），无法计算“{deadline}”。",
        "en": "No filing date (filed_on) given: “{deadline}” cannot be computed.",
    },
    "warn_filed_after_admission": {
        "zh": "备案日期 {filed_on} 晚于入院（就诊）日期：入院后、出院结算前补办备案的，医院可直接结算（规程第十六条）。",
        "en": "Filed on {filed_on}, after admission: filed before the discharge settlement, the hospital can still settle directly (规程 art. 16).",
    },
    "warn_filed_after_discharge": {
        "zh": "备案日期 {filed_on} 晚于出院日期：属出院后补办备案，按参保地规定手工报销。",
        "en": "Filed on {filed_on}, after discharge: a supplementary filing; claim manually under the insured place's rules.",
    },
    "warn_filing_lapsed": {
        "zh": "临时备案有效期（至少至 {date}）早于入院日期：备案可能已过期，请核实是否需要重新备案。",
        "en": "The temporary filing was valid (at least) until {date}, before the admission: it may have lapsed; check whether to file again.",
    },
    "warn_direct_without_filing": {
        "zh": "说明已持卡直接结算但尚未备案：跨省直接结算须先备案（急诊抢救除外），请核实；如出院结算前已补办备案，则按已备案处理。",
        "en": "Settled directly but not filed: cross-province direct settlement needs filing (except emergencies); check; if filing was done before the discharge settlement, it counts as filed.",
    },
    # ---- labels
    "scope.local": {"zh": "本地（参保统筹区内）", "en": "Local (inside the planning area)"},
    "scope.intra_province": {"zh": "省内异地", "en": "Off-site, same province"},
    "scope.cross_province": {"zh": "跨省异地", "en": "Off-site, another province"},
    "scope.outside_scheme": {"zh": "港澳台（不在异地就医范围）", "en": "Hong Kong, Macao, Taiwan (outside the scheme)"},
    "route.local": {"zh": "本地结算", "en": "Local settlement"},
    "route.direct_settlement": {"zh": "异地直接结算（持卡）", "en": "Direct settlement off-site (by card)"},
    "route.manual_reimbursement": {"zh": "手工（零星）报销", "en": "Manual reimbursement"},
    "route.not_reimbursable": {"zh": "不予报销", "en": "Not reimbursable"},
    "insurance.employee": {"zh": "职工医保", "en": "Employees' insurance"},
    "insurance.resident": {"zh": "城乡居民医保", "en": "Residents' insurance"},
    "care.inpatient": {"zh": "住院", "en": "Inpatient"},
    "care.special-outpatient": {"zh": "门诊慢特病（门特）", "en": "Special/chronic outpatient"},
    "care.emergency-observation": {"zh": "急诊留观", "en": "Emergency observation"},
    "care.outpatient": {"zh": "普通门诊", "en": "General outpatient"},
    "care.pharmacy": {"zh": "药店购药", "en": "Pharmacy purchase"},
    "stage.filing": {"zh": "备案材料", "en": "For filing"},
    "stage.claim": {"zh": "报销材料", "en": "For the claim"},
    "label.scope": {"zh": "范围", "en": "Scope"},
    "label.filing": {"zh": "备案", "en": "Filing"},
    "label.route": {"zh": "结算方式", "en": "Route"},
    "label.documents": {"zh": "所需材料", "en": "Documents"},
    "label.deadlines": {"zh": "期限", "en": "Deadlines"},
    "label.warnings": {"zh": "提示", "en": "Notes"},
    "label.profile": {"zh": "政策配置", "en": "Profile"},
    "label.insured": {"zh": "参保地", "en": "Insured place"},
    "label.treatment": {"zh": "就医地", "en": "Treatment place"},
    "label.required": {"zh": "必需", "en": "required"},
    "label.optional": {"zh": "可选", "en": "optional"},
    "label.or": {"zh": "或", "en": "or"},
    "label.document": {"zh": "材料", "en": "Document"},
    "label.stage": {"zh": "用途", "en": "For"},
    "label.needed": {"zh": "要求", "en": "Needed"},
    "label.date": {"zh": "日期", "en": "Date"},
    "label.days_left": {"zh": "剩余天数", "en": "Days left"},
    "label.name": {"zh": "名称", "en": "Name"},
    "label.overdue": {"zh": "已逾期 {days} 天", "en": "overdue by {days} {days|day|days}"},
    "label.in_days": {"zh": "还有 {days} 天", "en": "{days} {days|day|days} left"},
    "label.today": {"zh": "今天到期", "en": "due today"},
    "label.provisional": {"zh": "暂定", "en": "provisional"},
    "label.at_least": {"zh": "至少至", "en": "at least until"},
    "label.rolled": {"zh": "遇节假日顺延，原为 {date}", "en": "moved past rest days from {date}"},
    "label.none": {"zh": "无", "en": "none"},
    "label.unverified": {"zh": "期限未经依据核实", "en": "period not confirmed by a source"},
    "label.for_visit": {"zh": "{name}（{date} 就诊）", "en": "{name} (visit of {date})"},
    "filing.required_done": {"zh": "需要备案 — 已备案", "en": "Filing required — done"},
    "filing.required_not_done": {"zh": "需要备案 — 尚未备案", "en": "Filing required — NOT done"},
    "filing.deemed": {"zh": "视同已备案，无需事先备案", "en": "Treated as filed; nothing to file beforehand"},
    "filing.not_required": {"zh": "无需备案", "en": "No filing needed"},
    "weekday": {"zh": "一二三四五六日", "en": "Mon Tue Wed Thu Fri Sat Sun"},
    "prompt.insured_region": {"zh": "参保地（代码或名称）", "en": "Insured place (code or name)"},
    "prompt.treatment_region": {"zh": "就医地（代码或名称）", "en": "Treatment place (code or name)"},
    "prompt.insurance": {"zh": "险种", "en": "Insurance"},
    "prompt.category": {"zh": "人员类别", "en": "Person category"},
    "prompt.care": {"zh": "就医类型", "en": "Kind of care"},
    "prompt.admitted": {"zh": "入院（就诊）日期，可留空", "en": "Admission (visit) date, may be empty"},
    "prompt.discharged": {"zh": "出院日期，可留空", "en": "Discharge date, may be empty"},
    "prompt.choose": {"zh": "请从列出的选项中选择一个", "en": "Please choose one of the options shown"},
    "prompt.yes_no": {"zh": "请回答 y（是）或 n（否）", "en": "Please answer y or n"},
    "prompt.enter_to_skip": {"zh": "（不清楚可按回车跳过）", "en": " (Enter to skip)"},
    "prompt.filed": {"zh": "是否已备案", "en": "Filed already"},
    "prompt.suffix": {"zh": "：", "en": ": "},
    "prompt.region_candidates": {"zh": "“{value}” 有多个地区：", "en": "'{value}' names several regions:"},
    "prompt.region_number": {"zh": "请输入编号（1–{last}），回车重新输入地区",
                             "en": "Number (1–{last}), or Enter to type the place again"},
    "prompt.bad_number": {"zh": "“{value}” 不是 1–{last} 的编号", "en": "'{value}' is not a number from 1 to {last}"},
    "prompt.choose_number": {"zh": "请输入编号（1–{last}）、代码或名称", "en": "Number (1–{last}), id or name"},
    "prompt.bad_choice": {"zh": "“{value}” 不是列出的选项，应为 1–{last} 的编号、代码或名称",
                          "en": "'{value}' is not one of the options; expected a number from 1 to {last}, the id or the name"},
    "profiles.id": {"zh": "编号", "en": "ID"},
    "profiles.title": {"zh": "名称", "en": "Title"},
    "profiles.extends": {"zh": "继承", "en": "Extends"},
    "profiles.origin": {"zh": "来源", "en": "Origin"},
    "profiles.origin.shipped": {"zh": "内置", "en": "shipped"},
    "profiles.origin.user": {"zh": "用户", "en": "user"},
    "profiles.rule": {"zh": "规则", "en": "Rule"},
    "profiles.since": {"zh": "生效", "en": "Since"},
    "profiles.source": {"zh": "依据", "en": "Source"},
    "profiles.issuer": {"zh": "发布机构", "en": "Issuer"},
    "profiles.deadline": {"zh": "{name}：{after}后 {period}", "en": "{name}: {period} after {after}"},
    "profiles.months": {"zh": "{months} 个月", "en": "{months} {months|month|months}"},
    "profiles.days": {"zh": "{days} 天", "en": "{days} {days|day|days}"},
    "profiles.after.discharged": {"zh": "出院", "en": "discharge"},
    "profiles.after.admitted": {"zh": "入院（就诊）", "en": "admission (visit)"},
    "profiles.after.filed_on": {"zh": "备案", "en": "filing"},
    "profiles.role.claim": {"zh": "报销期限", "en": "the claim deadline"},
    "profiles.role.filing-validity": {"zh": "备案有效期", "en": "the filing's validity"},
    "profiles.off": {"zh": "（已关闭）", "en": " (switched off)"},
    "reasoning.assumed-manual": {"zh": "未说明结算方式时按个人已垫付处理（关闭：按直接结算）",
                                 "en": "settlement not said: taken as paid by the person (off: as direct)"},
    "reasoning.file-for-later-visits": {"zh": "未备案不予报销时，另行提示今后先备案可直接结算",
                                        "en": "not reimbursable unfiled: advise filing for later visits, on its own line"},
    "reasoning.file-before-discharge": {"zh": "未备案且尚未出院：出院结算前补办备案可直接结算",
                                        "en": "not filed, not yet discharged: file before the discharge settlement"},
    "reasoning.filed-after-admission": {"zh": "备案晚于入院时提示", "en": "warn when filed after admission"},
    "reasoning.filed-after-discharge": {"zh": "备案晚于出院时提示", "en": "warn when filed after discharge"},
    "reasoning.filing-lapsed": {"zh": "备案有效期早于入院时提示", "en": "warn when the filing's validity ended before admission"},
    "reasoning.direct-without-filing": {"zh": "说明已直接结算但未备案时提示", "en": "warn when settled directly without the filing it needs"},
    "reasoning.count-from-admission": {"zh": "没有出院日期时，从出院起算的期限改从入院（就诊）日起算",
                                       "en": "no discharge date: a deadline counted from discharge counts from the visit"},
    "profiles.broken": {"zh": "有错误，见上", "en": "broken, see above"},
    "profiles.unverified": {"zh": "未核实", "en": "unverified"},
    "profiles.undated": {"zh": "未注明", "en": "undated"},
    "profiles.when": {"zh": "条件", "en": "When"},
    "profiles.value": {"zh": "内容", "en": "Value"},
    "ics_not_calendar": {
        "zh": "{option} {value}：该文件已存在且不是日历文件，不会覆盖；请换一个文件名",
        "en": "{option} {value}: exists and is not a calendar file; it is not overwritten — give another name",
    },
    "deadlines.case": {"zh": "案卷", "en": "Dossier"},
    "deadlines.person": {"zh": "姓名", "en": "Person"},
    "deadlines.none": {"zh": "没有找到期限。", "en": "No deadlines found."},
    "level.省级": {"zh": "省级", "en": "province"},
    "level.地级": {"zh": "地级", "en": "prefecture"},
    "level.县级": {"zh": "县级", "en": "county"},
    "regions.code": {"zh": "代码", "en": "Code"},
    "regions.name": {"zh": "名称", "en": "Name"},
    "regions.level": {"zh": "级别", "en": "Level"},
    "regions.status": {"zh": "状态", "en": "Status"},
    "regions.area": {"zh": "统筹区", "en": "Planning area"},
    "regions.in_use": {"zh": "在用", "en": "in use"},
    "regions.retired": {"zh": "已撤销（{year}）→ {successors}", "en": "retired ({year}) → {successors}"},
    "regions.none": {"zh": "没有匹配 “{text}” 的地区", "en": "no region matches '{text}'"},
    "regions_empty_query": {
        "zh": "TEXT：查询内容为空，应为 6 位行政区划代码或中文名称，例如 140500 或 晋城",
        "en": "TEXT: empty query; expected a 6-digit code or a Chinese name, e.g. 140500 or 晋城",
    },
    # ---- dossier (issue 3)
    # (`field`, not `key`: i18n.text's own first parameter is named key)
    "case_field_missing": {
        "zh": "{file}：缺少 {field}，例如 {example}",
        "en": "{file}: {field} is missing; e.g. {example}",
    },
    "case_exists": {
        "zh": "{file}：案卷已存在；如要覆盖请加 --force",
        "en": "{file}: a case already exists; add --force to overwrite it",
    },
    "bad_amount": {
        "zh": "{field}：金额 “{value}” 无效，应为不小于 0 的数字（元），例如 12873.50",
        "en": "{field}: '{value}' is not a valid amount; expected yuan, 0 or more, e.g. 12873.50",
    },
    "password_no_file": {
        "zh": "注意：--password {file}：{folder} 中没有这个文件，此密码未使用（FILE 应为相对案卷文件夹的路径或文件名）",
        "en": "note: --password {file}: no such file in {folder}, the password is not used (FILE: a path relative to the folder, or a file name)",
    },
    "bad_password_option": {
        "zh": "--password：“{value}” 无效，应为 文件=密码，例如 scans/发票.pdf=123456（* 表示所有文件）",
        "en": "--password: '{value}' is not valid; expected FILE=PASSWORD, e.g. scans/receipt.pdf=123456 (* for every file)",
    },
    "file.os_error": {"zh": "无法读取：{reason}", "en": "cannot be read: {reason}"},
    "file.empty": {"zh": "空文件（0 字节）", "en": "empty file (0 bytes)"},
    "file.unsupported": {
        "zh": "无法放入 PDF 的文件类型（{kind}）；可用 PDF、OFD、JPEG、PNG、WebP、TIFF、BMP、GIF、HEIC",
        "en": "a kind of file that cannot go into the PDF ({kind}); use PDF, OFD, JPEG, PNG, WebP, TIFF, BMP, GIF or HEIC",
    },
    "file.truncated": {"zh": "文件不完整（已被截断）", "en": "the file is incomplete (truncated)"},
    "receipt.twice": {"zh": "票据 {number} 出现两次：{file} 与 {other}", "en": "receipt {number} appears twice: {file} and {other}"},
    "receipt.unmatched": {
        "zh": "{file}（票据号码 {number}）：case.toml 中有未填号码的收据，无法确定是否同一张，未计入",
        "en": "{file} (receipt {number}): case.toml has receipts without a number, so it cannot tell whether this is one of them; not counted",
    },
    "receipt.not_counted": {
        "zh": "{file}（票据号码 {number}）：可能不是本次就医的收据，未计入报销金额；确认后请在 case.toml 的 [[receipts]] 中填写",
        "en": "{file} (receipt {number}): may not be a receipt of this person's stay, not counted in the claim; if it is, add it to case.toml's [[receipts]]",
    },
    "receipt.sum_differs": {
        "zh": "收据合计 {total} 元，与 episode.amount 的 {amount} 元不一致",
        "en": "the receipts add up to {total} yuan, not the {amount} yuan of episode.amount",
    },
    "receipt.payer": {
        "zh": "票据 {receipt}（{file}）：交款人为“{payer}”，不是参保人 {name}",
        "en": "receipt {receipt} ({file}): paid by “{payer}”, not by the insured person {name}",
    },
    "receipt.outside_stay": {
        "zh": "票据 {receipt}（{file}）：开票日期 {date} 不在就医期间 {first} 至 {last} 内",
        "en": "receipt {receipt} ({file}): dated {date}, outside the stay from {first} to {last}",
    },
    "receipt.words_differ": {
        "zh": "票据 {receipt}（{file}）：大写金额“{words}”与小写 {figures} 不符",
        "en": "receipt {receipt} ({file}): the amount in words “{words}” is not the figures {figures}",
    },
    "receipt.differs": {
        "zh": "票据 {number}：case.toml 的 {key} 为 {typed}，{file} 上为 {found}（以 case.toml 为准）",
        "en": "receipt {number}: case.toml says {key} {typed}, {file} says {found} (case.toml is used)",
    },
    "file.ofd_unreadable": {"zh": "OFD 文件无法读取：{reason}", "en": "the OFD file cannot be read: {reason}"},
    "file.ofd_not_faithful": {
        "zh": "OFD 文件有 {count} 处无法如实绘制（如 {what}），不放入 PDF；请用开具方的版式文件阅读器另存为 PDF",
        "en": "{count} things in the OFD file cannot be drawn as they are (e.g. {what}); left out of the PDF — save it as PDF with the issuer's OFD reader",
    },
    "problem.ofd_note": {"zh": "OFD 文件本身缺少：{what}（按常规阅读器的方式绘制）",
                         "en": "the OFD file itself lacks: {what} (drawn as a viewer draws it)"},
    "problem.ofd_more_notes": {"zh": "另有 {count} 处同类情况", "en": "and {count} more of the kind"},
    "file.not_regular": {
        "zh": "不是普通文件（管道、设备或套接字），不予读取",
        "en": "not a regular file (a pipe, device or socket); not read",
    },
    "file.too_big": {
        "zh": "文件过大（{size} MB，上限 {limit} MB），不予读取",
        "en": "file too large ({size} MB, the limit is {limit} MB); not read",
    },
    "file.too_many_pages": {
        "zh": "PDF 页数过多（{pages} 页，上限 {limit} 页）",
        "en": "too many pages ({pages}, at most {limit})",
    },
    "file.bad_page_size": {
        "zh": "PDF 页面尺寸无效（MediaBox/CropBox 为空、颠倒或超出范围）",
        "en": "a PDF page has no valid size (MediaBox/CropBox empty, inverted or out of range)",
    },
    "file.heic_missing": {
        "zh": "HEIC 照片需要 pillow-heif 软件包（pip install pillow-heif），或先转存为 JPEG",
        "en": "HEIC photos need the pillow-heif package (pip install pillow-heif), or save it as JPEG",
    },
    "file.corrupt": {"zh": "文件已损坏，无法打开：{reason}", "en": "damaged, cannot be opened: {reason}"},
    "file.encrypted": {"zh": "PDF 设有打开密码", "en": "the PDF is password-protected"},
    "file.wrong_password": {"zh": "PDF 密码不正确", "en": "wrong password for the PDF"},
    "file.no_pages": {"zh": "PDF 没有页面", "en": "the PDF has no pages"},
    "file.too_coarse": {
        "zh": "图像太小，无法辨认（{width}×{height} 像素，{at}约 {dpi} dpi）",
        "en": "too small to read ({width}×{height} pixels, about {dpi} dpi {at})",
    },
    "file.too_large": {
        "zh": "图像过大（{pixels} 亿像素，超过 {limit} 亿像素的上限），拒绝处理",
        "en": "image too large ({pixels} million pixels, over the limit of {limit} million); refused",
    },
    "file.too_large_plain": {
        "zh": "图像过大（像素数超过上限），拒绝处理",
        "en": "image too large (more pixels than the limit); refused",
    },
    "size.a4": {"zh": "按 A4 ", "en": "at A4"},
    "size.object": {"zh": "按实物尺寸（{width}×{height} mm）", "en": "at its real size ({width}×{height} mm)"},
    "file.link_outside": {
        "zh": "符号链接指向文件夹之外（{target}），不予读取",
        "en": "a symbolic link pointing outside the folder ({target}); not read",
    },
    "file.link_broken": {"zh": "符号链接的目标不存在（{target}）", "en": "a symbolic link to nothing ({target})"},
    "file.is_folder": {"zh": "是文件夹而不是文件", "en": "a folder, not a file"},
    "file.folder_unreadable": {"zh": "文件夹无法读取（没有权限）", "en": "a folder that cannot be read (no permission)"},
    "problem.low_dpi": {
        "zh": "分辨率偏低（{width}×{height} 像素，{at}约 {dpi} dpi，建议不低于 {minimum} dpi）",
        "en": "low resolution ({width}×{height} pixels, about {dpi} dpi {at}; {minimum} dpi or more is advised)",
    },
    "problem.duplicate": {"zh": "与 {other} 内容完全相同", "en": "same content as {other}"},
    "problem.no_sheet": {"zh": "未找到纸张边缘，照片将原样放入",
                         "en": "no paper edges found: the photo goes in as taken"},
    "problem.no_sheet_dark": {"zh": "照片太暗，未找到纸张边缘，将原样放入",
                              "en": "too dark to find the paper's edges: the photo goes in as taken"},
    "problem.unreadable": {"zh": "{path}：{reason}", "en": "{path}: {reason}"},
    "problem.unreadable_skipped": {
        "zh": "{path}：无法读取，不会放入 PDF（{reason}）",
        "en": "{path}: cannot be read, left out of the PDF ({reason})",
    },
    "problem.misfiled": {
        "zh": "{path}：看来是{name}（{other}），可能放错了文件夹，不计入本项",
        "en": "{path}: looks like {name} ({other}), probably misfiled; not counted here",
    },
    "dossier.next.misfiled": {
        "zh": "把放错的文件移到对应材料的文件夹，或在 case.toml [documents] 中指定",
        "en": "move the misfiled file to its document's folder, or list it in case.toml [documents]",
    },
    "build_misfiled": {
        "zh": "{file}：看来是{name}（{other}），可能放错了文件夹，未计入{document}，未放入 PDF",
        "en": "{file}: looks like {name} ({other}), probably misfiled; not counted as {document}, left out of the PDF",
    },
    "problem.listed_missing": {
        "zh": "case.toml [documents] 列出的 {path} 不存在",
        "en": "{path}, listed in case.toml [documents], does not exist",
    },
    "status.ok": {"zh": "齐全", "en": "ok"},
    "status.missing": {"zh": "缺少", "en": "missing"},
    "status.unreadable": {"zh": "无法读取", "en": "unreadable"},
    "status.not_required": {"zh": "可选，未提供", "en": "optional, not provided"},
    "dossier.col.files": {"zh": "文件", "en": "Files"},
    "dossier.col.status": {"zh": "状态", "en": "Status"},
    "dossier.col.reason": {"zh": "情况", "en": "Reason"},
    "dossier.col.next": {"zh": "下一步", "en": "What to do next"},
    "dossier.pages": {"zh": "{pages} 页", "en": "{pages} p."},
    "dossier.by.documents": {"zh": "case.toml 指定", "en": "listed in case.toml"},
    "dossier.by.folder": {"zh": "按子文件夹", "en": "by sub-folder"},
    "dossier.by.name": {"zh": "按文件名", "en": "by file name"},
    "dossier.by.text": {"zh": "按 PDF 内容", "en": "by PDF text"},
    "dossier.sheet.found": {"zh": "将拉正", "en": "to be straightened"},
    "dossier.layout.card": {"zh": "实物大小，正反同页", "en": "at real size, both sides on one page"},
    "dossier.layout.slip": {"zh": "与其他小票同页", "en": "several to a page"},
    "dossier.reason.none": {"zh": "未找到文件", "en": "no file found"},
    "dossier.reason.optional": {"zh": "可选，未提供", "en": "optional, not provided"},
    "dossier.reason.alternative": {"zh": "以 {other} 代替", "en": "replaced by {other}"},
    "dossier.next.missing_folder": {
        "zh": "扫描或拍照后放入 {folder}/",
        "en": "scan or photograph it into {folder}/",
    },
    "dossier.next.form": {
        "zh": "可用 offsite dossier forms 填写（{form}），签字或盖章后交",
        "en": "offsite dossier forms can fill it in ({form}); sign or seal it before handing it in",
    },
    "dossier.next.missing": {
        "zh": "扫描或拍照后放入本文件夹，文件名含“{word}”",
        "en": "scan or photograph it into the folder, with “{word}” in the file name",
    },
    "dossier.next.listed_missing": {
        "zh": "改正 case.toml [documents] 中的路径",
        "en": "correct the path in case.toml [documents]",
    },
    "dossier.next.unreadable": {
        "zh": "重新扫描或另存为 PDF／JPEG 后替换",
        "en": "scan again, or save as PDF or JPEG, and replace it",
    },
    "dossier.next.encrypted": {
        "zh": "去掉 PDF 密码，或用 --password 文件=密码 提供",
        "en": "remove the PDF's password, or give it with --password FILE=PASSWORD",
    },
    "dossier.next.problems": {"zh": "建议查看并重新扫描", "en": "have a look; scan again if needed"},
    "dossier.next.skipped": {
        "zh": "无法读取的文件请换成 PDF 或图片，或移出本文件夹",
        "en": "replace the unreadable file with a PDF or an image, or move it out of the folder",
    },
    "dossier.unmatched": {"zh": "未能归类的文件", "en": "Files that match no document"},
    "dossier.unmatched_hint": {
        "zh": "放入对应材料的子文件夹，或在 case.toml 的 [documents] 中指定，例如 receipt = [\"{path}\"]",
        "en": "move them into a document's sub-folder, or list them in case.toml [documents], e.g. receipt = [\"{path}\"]",
    },
    "dossier.ambiguous": {"zh": "可归入多种材料的文件（未自动归类）", "en": "Files that match several documents (not guessed)"},
    "dossier.ambiguous_hint": {
        "zh": "改名、移入对应子文件夹，或在 case.toml [documents] 中指定",
        "en": "rename them, move them into a document's sub-folder, or list them in case.toml [documents]",
    },
    "dossier.extra": {"zh": "本案不需要的材料", "en": "Documents this case does not need"},
    "dossier.complete": {"zh": "必需材料齐全", "en": "All required documents are present"},
    "dossier.incomplete": {"zh": "必需材料不全：{what}", "en": "Required documents incomplete: {what}"},
    "dossier.missing_count": {"zh": "缺少 {count} 项", "en": "{count} missing"},
    "dossier.unreadable_count": {"zh": "无法读取 {count} 项", "en": "{count} unreadable"},
    "dossier.summary": {
        "zh": "{folder}：必需材料 {ok}/{total}",
        "en": "{folder}: {ok}/{total} required documents",
    },
    "dossier.summary_error": {"zh": "{folder}：案卷有误", "en": "{folder}: bad case file"},
    "dossier.person": {"zh": "参保人", "en": "Person"},
    "dossier.no_deadline": {"zh": "无申请期限", "en": "no claim deadline"},
    "dossier.created": {"zh": "已建立案卷：{folder}", "en": "Dossier started: {folder}"},
    "dossier.updated": {"zh": "已覆盖案卷：{folder}", "en": "Dossier overwritten: {folder}"},
    "dossier.wrote": {"zh": "已写入：{files}", "en": "Wrote: {files}"},
    "dossier.folders": {"zh": "材料子文件夹", "en": "Sub-folders for the documents"},
    "dossier.next_step": {
        "zh": "把扫描件或照片放入各子文件夹，然后运行：\n  offsite dossier check {folder}",
        "en": "Put the scans or photos into the sub-folders, then run:\n  offsite dossier check {folder}",
    },
    # ---- the claim's progress (issue 10)
    "claim.none": {"zh": "尚无记录", "en": "nothing recorded"},
    "claim.submitted": {"zh": "已提交", "en": "submitted"},
    "claim.returned": {"zh": "已退回补正", "en": "returned"},
    "claim.paid": {"zh": "已到账", "en": "paid"},
    "claim.rejected": {"zh": "不予支付", "en": "rejected"},
    "claim.withdrawn": {"zh": "已撤回", "en": "withdrawn"},
    "claim.after": {"zh": "{allowed}（当前：{previous}）", "en": "{allowed} (now: {previous})"},
    "claim.final": {"zh": "无（“{status}”之后不能再记录）", "en": "nothing (no status follows '{status}')"},
    "claim.label": {"zh": "办理状态", "en": "Status"},
    "claim.marked": {"zh": "{folder}：已记为{status}（{date}）", "en": "{folder}: marked {status} on {date}"},
    "claim.amount": {"zh": "到账 {amount} 元", "en": "{amount} yuan paid"},
    "claim.no_amount": {
        "zh": "注意：{folder}：未记录到账金额，台账的到账合计按 0.00 计；到账金额用 --amount 记录（现在可在 {file} 最后一条 [[history]] 加上 amount = 到账金额）",
        "en": "note: {folder}: no amount was recorded, so the register counts 0.00 paid; --amount records it (now: add amount = the yuan paid to the last [[history]] entry of {file})",
    },
    "claim.expected": {"zh": "{name} {date}", "en": "{name} {date}"},
    "claim.unchanged": {
        "zh": "未写入任何文件：{count} 个案卷有误",
        "en": "nothing written: {count} {count|dossier|dossiers} refused",
    },
    "receipt.added": {"zh": "{file}：已添加票据 {number}（{date}，{amount} 元）", "en": "{file}: receipt {number} added ({date}, {amount} yuan)"},
    "receipt.removed": {"zh": "{file}：已删除票据 {number}", "en": "{file}: receipt {number} removed"},
    "receipt.none": {"zh": "{file}：没有票据记录", "en": "{file}: no receipts"},
    "receipt.number": {"zh": "票据号", "en": "Number"},
    "receipt.date": {"zh": "日期", "en": "Date"},
    "receipt.amount": {"zh": "金额（元）", "en": "Amount (yuan)"},
    "receipt.item": {"zh": "项目", "en": "Item"},
    "receipt.total": {"zh": "合计", "en": "Total"},
    "receipt.claimed": {
        "zh": "票据合计 {total} 元，与 episode.amount {claimed} 元不符",
        "en": "receipts add up to {total} yuan, episode.amount says {claimed}",
    },
    "duplicates.title": {"zh": "同一票据出现在多个案卷中", "en": "The same receipt in several dossiers"},
    "duplicates.number": {"zh": "票据号 {number} 也在：{cases}", "en": "receipt number {number} is also in {cases}"},
    "duplicates.file": {"zh": "{file} 与 {others} 内容相同", "en": "{file} has the same content as {others}"},
    "duplicates.broken": {
        "zh": "{folder}：案卷有误，未参与重复票据比对",
        "en": "{folder}: bad case file, not compared for duplicate receipts",
    },
    "ledger.case": {"zh": "案卷", "en": "Dossier"},
    "ledger.name": {"zh": "姓名", "en": "Name"},
    "ledger.id_number": {"zh": "身份证号", "en": "ID number"},
    "ledger.unit": {"zh": "单位", "en": "Unit"},
    "ledger.insured": {"zh": "参保地", "en": "Insured place"},
    "ledger.treatment": {"zh": "就医地", "en": "Treatment place"},
    "ledger.hospital": {"zh": "医院", "en": "Hospital"},
    "ledger.admitted": {"zh": "入院日期", "en": "Admitted"},
    "ledger.discharged": {"zh": "出院日期", "en": "Discharged"},
    "ledger.care": {"zh": "就医类型", "en": "Care"},
    "ledger.route": {"zh": "结算方式", "en": "Route"},
    "ledger.amount": {"zh": "申请金额（元）", "en": "Claimed (yuan)"},
    "ledger.receipts": {"zh": "票据号", "en": "Receipts"},
    "ledger.receipt_count": {"zh": "票据张数", "en": "Receipt count"},
    "ledger.receipt_total": {"zh": "票据金额（元）", "en": "Receipts (yuan)"},
    "ledger.complete": {"zh": "材料", "en": "Documents"},
    "ledger.missing": {"zh": "缺少材料", "en": "Missing"},
    "ledger.deadline": {"zh": "期限", "en": "Deadline"},
    "ledger.deadline_date": {"zh": "期限日期", "en": "Due"},
    "ledger.days_left": {"zh": "剩余天数", "en": "Days left"},
    "ledger.status": {"zh": "办理状态", "en": "Status"},
    "ledger.status_on": {"zh": "状态日期", "en": "Status date"},
    "ledger.submitted": {"zh": "提交日期", "en": "Submitted"},
    "ledger.paid_on": {"zh": "到账日期", "en": "Paid on"},
    "ledger.paid": {"zh": "到账金额（元）", "en": "Paid (yuan)"},
    "ledger.paid_short": {"zh": "到账金额", "en": "Paid"},
    "ledger.payment_due": {"zh": "预计到账", "en": "payment due"},
    "ledger.status_none": {"zh": "未提交", "en": "to submit"},
    "ledger.nothing": {"zh": "无需报销", "en": "nothing to claim"},
    "mark_nothing_to_claim": {
        "zh": "{file}：结算方式为“{route}”，没有要提交的报销申请，不能记为 submitted",
        "en": "{file}: the route is “{route}”: there is no claim to hand in, so it cannot be marked submitted",
    },
    "mark_nothing_direct": {
        "zh": "{file}：结算方式为“{route}”，没有要提交的报销申请，不能记为 submitted；如个人已垫付、需手工报销，请在 case.toml 中设 direct_settlement = false",
        "en": "{file}: the route is “{route}”: there is no claim to hand in, so it cannot be marked submitted; if the person paid and claims manually, set direct_settlement = false in case.toml",
    },
    "ledger.missing_count": {"zh": "缺 {count} 项", "en": "{count} missing"},
    "ledger.missing_title": {"zh": "缺少材料", "en": "Missing documents"},
    "ledger.duplicates": {"zh": "重复票据", "en": "Duplicate receipts"},
    "ledger.total": {"zh": "合计（{count} 个案卷）", "en": "Total ({count} {count|dossier|dossiers})"},
    "ledger.complete_yes": {"zh": "齐全", "en": "complete"},
    "ledger.complete_no": {"zh": "不全", "en": "incomplete"},
    "ledger.not_checked": {"zh": "（已提交，未再检查）", "en": "(handed in, not checked)"},
    "ledger.written": {"zh": "已写入台账：{file}（{count} 个案卷）", "en": "Ledger written: {file} ({count} {count|dossier|dossiers})"},
    "ledger.amount_short": {"zh": "申请金额", "en": "Claimed"},
    "ledger.title": {"zh": "台账", "en": "Ledger"},
    "ledger.unreadable": {"zh": "{name}（无法读取）", "en": "{name} (unreadable)"},
    "ledger.none": {"zh": "没有找到案卷（case.toml）", "en": "No dossiers (case.toml) found"},
    "profiles.processing": {
        "zh": "{name}：提交后 {days} 个工作日", "en": "{name}: {days} working days after submission",
    },
    "readme.title": {"zh": "异地就医报销案卷", "en": "Off-site medical claim dossier"},
    "readme.intro": {
        "zh": "本文件由 offsite dossier new 生成。请把下列材料的扫描件或照片（PDF、JPEG、PNG、WebP、TIFF、BMP、HEIC）放入对应的子文件夹。",
        "en": "Written by offsite dossier new. Put scans or photos (PDF, JPEG, PNG, WebP, TIFF, BMP, HEIC) of the documents below into their sub-folders.",
    },
    "readme.nothing_offsite": {
        "zh": "参保地与就医地在同一统筹区，属于本地就医：无需办理异地就医报销，不必收集材料；费用按本地规定在医院持卡结算。",
        "en": "The insured place and the place of treatment are in the same planning area: this is local care. Nothing needs claiming off-site and no documents need collecting; the hospital settles the bill by card under local rules.",
    },
    "readme.nothing_to_collect": {
        "zh": "本案没有需要收集的材料。",
        "en": "This case needs no documents.",
    },
    "readme.required": {"zh": "必需材料", "en": "Required documents"},
    "readme.optional": {"zh": "可选材料", "en": "Optional documents"},
    "readme.folder": {"zh": "放入", "en": "into"},
    "readme.check": {
        "zh": "放好后运行 offsite dossier check {folder} 检查是否齐全。",
        "en": "Then run offsite dossier check {folder} to see whether anything is missing.",
    },
    "readme.case": {"zh": "案情：{facts}", "en": "Case: {facts}"},
    "readme.deadline": {"zh": "申请期限：{name} {date}", "en": "Deadline: {name} {date}"},
    "prompt.name": {"zh": "参保人姓名，可留空", "en": "Insured person's name, may be empty"},
    "prompt.id_number": {"zh": "身份证号码，可留空", "en": "ID number, may be empty"},
    "prompt.hospital": {"zh": "就医医院，可留空", "en": "Hospital, may be empty"},
    "prompt.amount": {"zh": "医疗费用总额（元），可留空", "en": "Total amount (yuan), may be empty"},
    "prompt.direct_settlement": {"zh": "是否已持卡直接结算", "en": "Settled directly by card"},
    "prompt.phone": {"zh": "联系电话，可留空", "en": "Phone number, may be empty"},
    "prompt.bank": {"zh": "开户银行（报销款收款），可留空", "en": "Bank the claim is paid into, may be empty"},
    "prompt.bank_account": {"zh": "银行账号，可留空", "en": "Bank account number, may be empty"},
    "prompt.guardian_name": {"zh": "未成年人的监护人姓名，可留空", "en": "The minor's guardian, may be empty"},
    "prompt.guardian_id_number": {"zh": "监护人身份证号码，可留空", "en": "Guardian's ID number, may be empty"},
    "prompt.guardian_relation": {"zh": "监护人与参保人关系（如 父子、母女），可留空",
                                 "en": "Guardian's relation to the person, may be empty"},
    "prompt.guardian_phone": {"zh": "监护人联系电话，可留空", "en": "Guardian's phone number, may be empty"},
}


_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def text(message_key: str, lang: str = "zh", /, **params: object) -> str:
    """The message in a language, formatted; an unknown key is returned as it is (literal text).
    Positional-only, so that a message may have parameters called `key` or `lang`.
    `{days|day|days}` in a message is the word for the number `days`: 1 day, 2 days."""
    entry = MESSAGES.get(message_key)
    template = (entry.get(lang) or entry["zh"]) if entry else message_key
    # A parameter may itself be said in both languages (see `both`).
    params = {name: (value.get(lang) or value.get("zh", "")) if isinstance(value, dict)
              and set(value) <= set(LANGS) and value else value for name, value in params.items()}
    template = _PLURAL.sub(lambda found: found.group(2) if str(params.get(found.group(1))) in
                           ("1", "-1") else found.group(3), template)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def both(zh: str, en: str) -> dict[str, str]:
    """A message parameter in both languages; `text` picks the one asked for."""
    return {"zh": zh, "en": en}


def names_list(names: list[str], lang: str) -> str:
    """Document names in one line: 、 between them in Chinese; "; " in English, whose names have
    commas of their own ("Medical-insurance card copy, front and back")."""
    return ("、" if lang == "zh" else "; ").join(names)


def label(prefix: str, value: str, lang: str) -> str:
    return text(f"{prefix}.{value}", lang) if f"{prefix}.{value}" in MESSAGES else value


def weekday(day_index: int, lang: str) -> str:
    names = MESSAGES["weekday"][lang]
    if lang == "zh":
        return "星期" + names[day_index]
    return names.split()[day_index]


def default_lang(environ: dict[str, str] | None = None) -> str:
    """$OFFSITE_LANG, else the locale (the first of LC_ALL, LC_MESSAGES, LANG that is set):
    English for en_*, Chinese otherwise."""
    environ = dict(os.environ) if environ is None else environ
    if environ.get("OFFSITE_LANG") in LANGS:
        return environ["OFFSITE_LANG"]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"
