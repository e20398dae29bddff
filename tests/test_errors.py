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
