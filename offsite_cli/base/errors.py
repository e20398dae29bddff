"""Exit codes and the one base exception that the command layer turns into a message."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit status offsite uses (CONTRACT.md)."""

    OK = 0  # done, nothing to report
    FINDING = 1  # done, and there is something the script should act on
    BAD_INPUT = 2  # bad input or usage; nothing written
    FAILED = 3  # the work failed part-way; nothing half-written left behind


class OffsiteError(Exception):
    """An error a user can fix; rendered as one line naming the field, the value and what is expected.

    `message` is a key of i18n.MESSAGES (or literal text), formatted with `params`.
    """

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class BadInput(OffsiteError):
    exit_code = ExitCode.BAD_INPUT


class WorkFailed(OffsiteError):
    exit_code = ExitCode.FAILED


# The operating system's reasons that a clerk meets, in both languages (errno → zh, en).
_OS_REASONS = {
    "ENOENT": ("文件或文件夹不存在", "no such file or folder"),
    "EACCES": ("没有权限", "permission denied"),
    "EPERM": ("不允许的操作", "operation not permitted"),
    "ENOSPC": ("磁盘空间不足", "no space left on the disk"),
    "EROFS": ("只读文件系统", "read-only file system"),
    "EISDIR": ("这是一个文件夹", "is a folder"),
    "ENOTDIR": ("路径中有一部分不是文件夹", "a part of the path is not a folder"),
    "EEXIST": ("已存在", "already exists"),
    "EBUSY": ("正被占用", "in use"),
    "ENAMETOOLONG": ("文件名太长", "file name too long"),
}


def os_reason(error: OSError) -> dict[str, str] | str:
    """Why an operation failed, as a message parameter in both languages where it is a common
    reason (see i18n.both); else the system's own words."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    if name in _OS_REASONS:
        zh, en = _OS_REASONS[name]
        return {"zh": zh, "en": en}
    return error.strerror or type(error).__name__


# Every message tomllib's parser gives (Lib/tomllib/_parser.py, each `suffixed_err`), read as a
# pattern → Chinese; {0} is what the pattern caught (a key, a character). tests/test_errors.py
# reads the parser's source and checks that each of its messages is here.
_TOML_REASONS = (
    (r"Expected newline or end of document after a statement",
     "一行只能写一条 键 = 值（文本要加引号，日期写成 2026-11-22）"),
    (r"Expected '\]' at the end of a table declaration", "表名后缺少 ]"),
    (r"Expected '\]\]' at the end of an array declaration", "表数组名后缺少 ]]"),
    (r"Expected '=' after a key in a key/value pair", "键后缺少 ="),
    (r"Expected (.+)", "缺少 {0}（字符串没有结束）"),
    (r"Found invalid character (.+)", "非法字符 {0}"),
    (r"Invalid value", "值无效（文本要加引号，日期写成 2026-11-22）"),
    (r"Invalid date or datetime", "日期无效，应写成 2026-11-22"),
    (r"Invalid statement", "无效的语句（应为 键 = 值 或 [表名]）"),
    (r"Invalid initial character for a key part", "键的首字符无效"),
    (r"Invalid hex value", "\\u 或 \\U 后的十六进制数无效"),
    (r"Illegal character (.+)", "非法字符 {0}"),
    (r"Unclosed array", "数组缺少 ]"),
    (r"Unclosed inline table", "内联表缺少 }}"),
    (r"Unterminated string", "字符串缺少结束引号"),
    (r"Unescaped '\\' in a string", "字符串中的 \\ 未转义（路径写成 \\\\ 或 /，或用单引号）"),
    (r"Escaped character is not a Unicode scalar value", "转义的字符不是有效的 Unicode 字符"),
    (r"Cannot declare (.+) twice", "表 {0} 重复声明"),
    (r"Cannot overwrite a value", "重复的键（同一个值写了两次）"),
    (r"Cannot mutate immutable namespace (.+)", "{0} 已整体写定（内联表或数组），不能再添加"),
    (r"Cannot redefine namespace (.+)", "不能重新定义 {0}"),
    (r"Duplicate inline table key (.+)", "内联表中重复的键 {0}"),
    (r"Nested too deeply", "数组或表嵌套过深"),
)


def toml_reason(error: Exception) -> dict[str, str]:
    """A TOML syntax error in both languages, with its line and column (or "at the end")."""
    import re

    message = str(error)
    found = re.search(r"\(at (?:line (\d+), column (\d+)|end of document)\)$", message)
    detail = message[: found.start()].strip() if found else message
    zh = detail
    for pattern, chinese in _TOML_REASONS:
        matched = re.fullmatch(pattern, detail)
        if matched:
            zh = chinese.format(*(_key_text(group) for group in matched.groups()))
            break
    if found and found.group(1):
        line, column = found.groups()
        return {"zh": f"第 {line} 行第 {column} 列：{zh}", "en": f"line {line}, column {column}: {detail}"}
    if found:
        return {"zh": f"文件末尾：{zh}", "en": f"at the end of the file: {detail}"}
    return {"zh": zh, "en": detail}


def _key_text(caught: str) -> str:
    """tomllib names a key as a tuple, ('person', 'name'): say it as written, person.name."""
    import re

    if caught.startswith("(") and caught.endswith(")"):
        return ".".join(re.findall(r"'([^']*)'", caught)) or caught
    return caught
