"""Write a file whole or not at all; files that hold an ID number readable by their owner only.

A temporary file beside the target (`.NAME.HOST.PID.part`, created owner-only) is written, flushed
to disk and renamed over the target, so a reader sees the old file or the new one, never half of
one. A run that is stopped (Ctrl-C, SIGTERM, SIGHUP: see __main__) removes its part file as it
unwinds; one that is killed outright leaves it, and the next write into that folder removes the
part files of processes of this host that are no longer alive (and those of other hosts a day
old) — never a live process's file.

An ordinary file is given the permissions any new file gets (0666 & ~umask, 0644 under the common
umask 022); a `private` one (the dossier PDF, the forms, the calendar: they hold the full ID
number) is 0600 whatever the umask. A special file (a FIFO, a device) is never replaced.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path
from typing import Any

from offsite_cli.base.errors import BadInput, WorkFailed, os_reason

PRIVATE_MODE = 0o600
STALE_OTHER_HOST = 24 * 3600  # seconds: a part file of another host this old is left over
NAME_MAX = 255  # bytes in one file name (most file systems)
# .NAME.HOST.PID.part, .NAME.HOST.PID-N.part (N: a second file of the same run), and the
# .NAME.PID.part of earlier versions (taken as this host's)
_PART = (r"^\..+?(?:\.(?P<host>[A-Za-z0-9-]*[A-Za-z-][A-Za-z0-9-]*))?"
         r"\.(?P<pid>\d{1,10})(?:-\d+)?\.part$")  # (compiled where it is used: re caches it)


def umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    return 0o666 & ~umask()


def _host() -> str:
    import socket  # here: only a write needs it, and every command would import it for nothing

    name = re.sub(r"[^A-Za-z0-9-]", "", socket.gethostname().split(".")[0])[:32]
    return name or "host"


def part_path(path: Path, serial: int = 0) -> Path:
    """The temporary file for `path`: beside it, hidden, named after the target, this host and
    this process; the target's name is shortened so that the whole stays a valid file name."""
    suffix = f".{_host()}.{os.getpid()}" + (f"-{serial}" if serial else "") + ".part"
    name = path.name
    while len(("." + name + suffix).encode("utf-8", "surrogateescape")) > NAME_MAX:
        name = name[:-1]
    return path.with_name("." + name + suffix)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's live process (or a number we cannot ask about): keep
    return True


def remove_stale(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the part files in `folder` left by runs that were killed: of this host, whose
    process is gone; of another host, a day old. Returns what was removed."""
    removed: list[Path] = []
    now = time.time() if now is None else now
    host = _host()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = re.match(_PART, entry.name)
        if not found:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if found["host"] in (host, None):
                stale = not _alive(int(found["pid"]))
            else:
                stale = now - info.st_mtime > STALE_OTHER_HOST
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def refuse_special(path: Path, option: str = "FILE") -> None:
    """An existing target that is not a regular file (a FIFO, a device, a socket) is never
    replaced: bad input naming it."""
    try:
        info = os.stat(path)
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise BadInput("output_not_regular", option=option, value=str(path))


def open_part(path: Path, private: bool = False) -> tuple[int, Path]:
    """Create the part file for `path` (exclusively, owner-only while written); returns its
    descriptor and path. Stale part files of the folder are removed first."""
    remove_stale(path.parent)
    for serial in range(100):
        temporary = part_path(path, serial)
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                                 | getattr(os, "O_NOFOLLOW", 0), PRIVATE_MODE)
            return descriptor, temporary
        except FileExistsError:
            continue
    raise FileExistsError(str(part_path(path)))


def finish_part(descriptor: int, temporary: Path, path: Path, private: bool) -> None:
    """Flush the part file, give it its mode and rename it over `path`."""
    os.fsync(descriptor)
    mode = PRIVATE_MODE if private else new_file_mode()
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:  # pragma: no cover - Windows before 3.13
        os.chmod(temporary, mode)
    refuse_special(path)
    os.replace(temporary, path)


class WriteBehind:
    """A file being written that is sent to the disk while it is written: each time another
    `every` bytes have been written, a thread flushes them (fdatasync) while the writer goes on,
    so the fsync that ends the file waits for its last part only, not for all of it. (A dossier
    PDF is over 100 MB; sent to the disk only at the end, that took about 65 ms of waiting.)
    `write`, `tell` and `flush` as a file's. `finish` waits for the thread and raises the error
    it met: Linux reports a failed write-back once, to the first sync that asks, so the fsync
    that ends the file would not see it. A writer that fails or is stopped does not call
    `finish` (nor wait for the disk): its file is removed anyway."""

    def __init__(self, handle: Any, every: int = 16 << 20) -> None:
        self.handle, self.every = handle, every
        self.written = self.sent = 0
        self.error: OSError | None = None  # what the thread's sync met
        self._thread: Any = None

    def write(self, data: bytes) -> int:
        if self.error is not None:
            raise self.error
        written = self.handle.write(data)
        self.written += len(data)
        if self.written - self.sent >= self.every and (self._thread is None or not self._thread.is_alive()):
            import threading

            self.handle.flush()  # (into the system's cache: the thread sends it on)
            self.sent = self.written
            thread = threading.Thread(target=self._send, args=(self.handle.fileno(),), daemon=True,
                                      name="offsite-write-behind")
            thread.start()
            self._thread = thread  # (only once started: a Ctrl-C in start() leaves none to wait for)
        return written

    def _send(self, descriptor: int) -> None:
        try:
            _datasync(descriptor)
        except OSError as error:
            self.error = self.error or error

    def tell(self) -> int:
        return self.handle.tell()

    def flush(self) -> None:
        self.handle.flush()

    def finish(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self.error is not None:
            raise self.error
        self.handle.flush()


def _datasync(descriptor: int) -> None:
    os.fdatasync(descriptor) if hasattr(os, "fdatasync") else os.fsync(descriptor)


def write_bytes(path: Path, data: bytes, private: bool = False) -> None:
    """Write `data` to `path` atomically (`private`: 0600); any failure is WorkFailed naming the
    file, and no temporary file is left behind."""
    path = Path(path)
    refuse_special(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = open_part(path, private)
    except OSError as error:
        raise WorkFailed("write_failed", file=str(path), reason=os_reason(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            finish_part(stream.fileno(), temporary, path, private)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WorkFailed("write_failed", file=str(path),
                             reason=os_reason(error)) from None
        raise


def write_text(path: Path, text: str, encoding: str = "utf-8", private: bool = False) -> None:
    """Write text atomically, as typed: no newline translation (an .ics keeps its CRLF)."""
    write_bytes(path, text.encode(encoding), private)


def write_cache(path: Path, content: str | bytes) -> bool:
    """A cache file kept whole or not at all (a temporary file renamed over it) but not flushed
    to the disk: a cache lost in a crash is only made again, and a register of 2,000 dossiers
    should not wait for 2,000 flushes. Whatever is in its place (a FIFO too) is replaced: the
    cache folder is ours. False (and nothing left behind) when it cannot be written."""
    import tempfile

    temporary = None
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
        return True
    except BaseException as error:  # Ctrl-C, a stopped helper (base/offload.py): nothing left either
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            return False
        raise


class NotRegular(Exception):
    """What read_regular met is not a regular file (a FIFO, a device, a folder)."""


class TooLarge(Exception):
    """A file larger than read_regular's limit; `size`: its size in bytes as the file system
    stated it (`stated`), or as far as it was read."""

    def __init__(self, size: int, stated: bool) -> None:
        super().__init__(size)
        self.size, self.stated = size, stated


def read_regular(path: Path, limit: int, follow: bool = True) -> bytes:
    """A regular file's bytes, at most `limit` of them: opened without blocking (a FIFO put in
    its place would hang a plain open) and, unless `follow`, not through a symbolic link.
    NotRegular, TooLarge or OSError otherwise; the file is always closed again."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    descriptor = os.open(path, flags)
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):
            raise NotRegular(path)
        if opened.st_size > limit:
            raise TooLarge(opened.st_size, True)
        with os.fdopen(descriptor, "rb", closefd=True) as handle:
            descriptor = -1
            # as many bytes as the file says it has, and one more to see that it has not grown:
            # asking for `limit` at once would have a buffer of that size made for every file
            data = handle.read(opened.st_size + 1)
            if len(data) > opened.st_size:  # grown since: the rest, up to the limit
                data += handle.read(limit + 1 - len(data))
        if len(data) > limit:  # grown since, or a size the file system did not tell
            raise TooLarge(len(data), False)
        return data
    finally:
        if descriptor >= 0:
            os.close(descriptor)


def read_cache_bytes(path: Path, limit: int = 256 * 1024 * 1024) -> bytes | None:
    """A cache file's bytes, or None when there is none to trust: not a regular file, larger
    than `limit`, or unreadable (read_regular)."""
    try:
        return read_regular(path, limit)
    except (OSError, NotRegular, TooLarge):
        return None


def unpickled(data: bytes) -> Any:
    """A cache's pickle loaded by CPython's unpickler itself: the pickle module around it took a
    millisecond of every command's start (profiles, holiday schedules)."""
    try:
        from _pickle import loads
    except ImportError:  # pragma: no cover - another Python
        from pickle import loads
    return loads(data)


def read_cache(path: Path, limit: int = 64 * 1024 * 1024) -> str | None:
    """A cache file's text (read_cache_bytes), or None; None too when it is not UTF-8."""
    data = read_cache_bytes(path, limit)
    try:
        return data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:
        return None
