"""Libraries keep quiet: what Pillow, libtiff and pypdf say about a damaged file is the tool's
to say (as a reason or a repair note of that file), never their raw lines on standard error.

Python-level warnings (Pillow's "Corrupt EXIF data") and pypdf's log records are silenced where
the reader does not collect them; libtiff writes its own warnings ("LZWDecode: Strip 74 not
terminated") to file descriptor 2 from C, past Python, so while a TIFF is decoded fd 2 points at
an unnamed temporary file (created already unlinked: nothing is left behind). The file's verdict
(readable, or the reason it is not) is what the clerk reads.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_saved: int | None = None
_capture: int | None = None

logging.getLogger("pypdf").addHandler(logging.NullHandler())  # no lastResort lines on stderr


def quiet_warnings() -> None:
    """Pillow's warnings about odd files ignored from here on (the reader judges the file)."""
    warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL(\..*)?$")
    warnings.filterwarnings("ignore", message=r"(?i).*(corrupt exif|truncated|metadata)")


@contextmanager
def c_stderr_captured(lines: list[str] | None = None) -> Iterator[None]:
    """While inside, what C libraries write to fd 2 goes to a temporary file; its lines are
    appended to `lines` (when given). Nested and concurrent uses share one capture."""
    global _depth, _saved, _capture
    try:
        with _lock:
            if _depth == 0:
                capture = tempfile.TemporaryFile()
                _capture = os.dup(capture.fileno())
                capture.close()
                _saved = os.dup(2)
                os.dup2(_capture, 2)
            _depth += 1
            start = os.lseek(_capture, 0, os.SEEK_END) if _capture is not None else 0
    except OSError:  # no fd 2 to redirect (closed): nothing to capture
        yield
        return
    try:
        yield
    finally:
        with _lock:
            if lines is not None and _capture is not None:
                end = os.lseek(_capture, 0, os.SEEK_END)
                said = os.pread(_capture, min(end - start, 4096), start)
                lines += [line.strip() for line in said.decode("utf-8", "replace").splitlines()
                          if line.strip()]
            _depth -= 1
            if _depth == 0 and _saved is not None and _capture is not None:
                os.dup2(_saved, 2)
                os.close(_saved)
                os.close(_capture)
                _saved = _capture = None
