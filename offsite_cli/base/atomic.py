"""Write a file whole or not at all, with the permissions any new file gets (0666 & ~umask).

A temporary file in the same folder is written, flushed to disk and renamed over the target, so a
reader sees the old file or the new one, never half of one. `tempfile.mkstemp` creates its file
with mode 0600; the file is given the usual permissions of a new file before it is renamed, so a
form or a calendar written here reads like one the user saved (0644 under the common umask 022).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from offsite_cli.base.errors import WorkFailed, os_reason


def umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    return 0o666 & ~umask()


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically; any failure is WorkFailed naming the file, and no
    temporary file is left behind."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise WorkFailed("write_failed", file=str(path), reason=os_reason(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            os.chmod(temporary, new_file_mode())  # os.fchmod is not on Windows before 3.13
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WorkFailed("write_failed", file=str(path),
                             reason=os_reason(error)) from None
        raise


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write text atomically, as typed: no newline translation (an .ics keeps its CRLF)."""
    write_bytes(path, text.encode(encoding))
