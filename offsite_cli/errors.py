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
