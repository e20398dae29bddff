"""The system's reasons for a failed file operation are said in both languages."""

from __future__ import annotations

import errno

from offsite_cli.base.errors import WorkFailed, os_reason
from offsite_cli.base.i18n import text


def test_common_reasons_in_both_languages() -> None:
    error = WorkFailed("write_failed", file="/x/y.pdf",
                       reason=os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")))
    assert "不存在" in text(error.message, "zh", **error.params)
    assert "no such file or folder" in text(error.message, "en", **error.params)
    assert "No such file" not in text(error.message, "zh", **error.params)


def test_an_uncommon_reason_keeps_the_system_words() -> None:
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"


def _tomllib_messages() -> list[str]:
    """Every message tomllib's parser can give, read from its source: the text of each
    `suffixed_err(src, pos, "…")`, with an f-string's {…} filled in as a key or a character."""
    import inspect
    import re
    import tomllib._parser as parser

    source = inspect.getsource(parser)
    found = re.findall(r'suffixed_err\(\s*src,\s*\w+,\s*f?("(?:[^"\\]|\\.)*")', source)
    messages = []
    for literal in found:
        message = literal[1:-1].encode().decode("unicode_escape")
        message = re.sub(r"\{expect!r\}", "\"'\"", message)
        message = re.sub(r"\{[^}]*!r\}", "'x'", message)
        messages.append(re.sub(r"\{[^}]*\}", "('person', 'name')", message))
    return messages


def test_every_tomllib_message_is_said_in_chinese() -> None:
    import re

    from offsite_cli.base.errors import toml_reason

    messages = _tomllib_messages()
    assert len(messages) >= 20 and "Expected newline or end of document after a statement" in messages
    for message in messages:
        reason = toml_reason(ValueError(f"{message} (at line 3, column 7)"))
        assert reason["zh"].startswith("第 3 行第 7 列：") and reason["en"].endswith(message)
        chinese = reason["zh"].removeprefix("第 3 行第 7 列：")
        assert re.search(r"[\u4e00-\u9fff]", chinese) and message not in chinese, message
        assert "('person', 'name')" not in chinese  # a key as written: person.name


def test_a_syntax_error_at_the_end_of_the_file_is_said_in_chinese(tmp_path) -> None:
    import pytest

    from offsite_cli.base.errors import BadInput
    from offsite_cli.dossier import case as case_file

    (tmp_path / "case.toml").write_text('schema = 1\n[person]\nname = "张伟', encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        case_file.load(tmp_path)
    said = text(caught.value.message, "zh", **caught.value.params)
    assert said.endswith("TOML 语法错误：文件末尾：字符串缺少结束引号"), said
    (tmp_path / "case.toml").write_text('schema = 1 [person]\n', encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        case_file.load(tmp_path)
    said = text(caught.value.message, "zh", **caught.value.params)
    assert "第 1 行第 12 列：一行只能写一条 键 = 值" in said and "Expected" not in said
