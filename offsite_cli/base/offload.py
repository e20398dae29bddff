"""Work done in a forked helper process, on the other core, while this one goes on.

A single build spends a third of its time in code that holds the GIL: importing the PDF engine
and the forms' templates, parsing the CJK font, drawing the forms and the cover. Threads cannot
run that beside the reading of the files; a process forked at the start can. `Offload` forks
once (before any thread is started), lets the child get ready (`prepare`), and then runs the
functions it is given there: `call(function, *args)` pickles the call, the child runs it and
pickles back its result.

Whatever goes wrong on the way is no error: the call is then made here, in this process, as it
would have been without a helper — where there is no fork (Windows, and macOS, where a forked
process may not use every system library), where another thread is running (a fork would copy
its locks), when the child has died, cannot pickle something, raises, or has not answered in
`PATIENCE` seconds. An exception is always raised here, by the call made again, so its
traceback is ours. The child writes nothing (its standard streams go to /dev/null), keeps no
file, and ends when this process closes its end of the pipe or ends itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from offsite_cli.base import stop_signals

PATIENCE = 300.0  # seconds the helper may take for one call before it is stopped
_SIZE = 8  # bytes of each message's length


def available() -> bool:
    """A forked helper can be used: Linux, and no other thread in this process."""
    import threading

    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


class Offload:
    """A forked helper process (or, where there is none, this process, with `prepare` run on a
    thread): `call` runs a function there. Use it as a context manager; `close` ends the helper."""

    def __init__(self, prepare: Callable[[], None] | None = None, use: bool | None = None) -> None:
        self.pid = 0
        self.requests = self.replies = -1
        self._pending: Pending | None = None  # the call sent and not answered yet
        import threading

        self._lock = threading.RLock()  # one call at a time on the pipe
        self._warming: threading.Thread | None = None  # `prepare`, here, where there is no helper
        if not (available() if use is None else use and available()):
            self._prepare_here(prepare)
            return
        import gc

        ends: list[int] = []
        try:
            requests, child_requests = os.pipe()  # (read end, write end)
            ends += [requests, child_requests]
            child_replies, replies = os.pipe()
            ends += [child_replies, replies]
            # the objects there are now are kept out of the garbage collector's rounds, in both
            # processes: a round writes to every object it visits, and each page written to is
            # then copied (the two processes share their memory until one of them writes to it)
            gc.freeze()
            with stop_signals.Held():  # a Ctrl-C now: raised on leaving, in this process alone
                pid = os.fork()
                if pid == 0:  # the helper: its handlers set first (_serve)
                    os.close(child_requests)
                    os.close(child_replies)
                    _serve(requests, replies, prepare)  # never returns
                os.close(requests)
                os.close(replies)
                self.pid, self.requests, self.replies = pid, child_requests, child_replies
        except OSError:  # no descriptors left, no process allowed (EAGAIN, ENOMEM): no helper
            for descriptor in ends:
                os.close(descriptor)
            self._prepare_here(prepare)
            return

    @property
    def forked(self) -> bool:
        return self.pid > 0

    def _prepare_here(self, prepare: Callable[[], None] | None) -> None:
        """No helper: `prepare` runs on a thread of this process meanwhile (the reading of files
        releases the GIL now and then); a call made here waits for it (`_here`)."""
        import threading

        if prepare is not None:
            self._warming = threading.Thread(target=_quietly, args=(prepare,), daemon=True,
                                             name="offsite-prepare")
            self._warming.start()

    def _here(self, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """The call made in this process, once `prepare` is done here (not two threads at once
        in what it readies: reportlab's font registry is not made for them)."""
        if self._warming is not None:
            self._warming.join()
        return function(*args, **kwargs)

    def call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """function(*args, **kwargs), run in the helper; here when it cannot be run there. Safe
        from several threads: their calls take turns (the reader's threads draw OFDs there)."""
        with self._lock:
            pending = self.submit(function, *args, **kwargs)
            if pending.sent:
                return pending.result()
        return pending.result()  # (made here: no need to hold the others up)

    def call_if_free(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """`call` when the helper is free now, else function(*args, **kwargs) here: two threads
        with such work each do some, one there and one here, instead of waiting in turn."""
        if self.forked and self._lock.acquire(blocking=False):
            try:
                return self.call(function, *args, **kwargs)
            finally:
                self._lock.release()
        return self._here(function, args, kwargs)

    def submit(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Pending:
        """The call sent to the helper, which makes it while this process goes on; its
        `result()` waits for it (or, where it cannot be made there, makes it here then). One call
        at a time: a second one first waits for the first."""
        with self._lock:
            if self._pending is not None:
                self._pending.result()
            pending = Pending(self, function, args, kwargs)
            if self.forked:
                pending.sent = self._send(function, args, kwargs)
                if pending.sent:
                    self._pending = pending
            return pending

    def _send(self, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        import pickle

        try:
            message = pickle.dumps((function, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - something that does not pickle: made here
            return False
        try:
            _send(self.requests, message, PATIENCE)
        except OSError:  # the helper has gone, or takes nothing
            self.close()
            return False
        return True

    def _answer(self) -> tuple[bool, Any]:
        import pickle

        self._pending = None
        if not self.forked:
            return False, None
        try:
            reply = _receive(self.replies, PATIENCE)
            if reply is None:  # died, or too slow: no helper from now on
                self.close()
                return False, None
            ok, value = pickle.loads(reply)
        except Exception:  # noqa: BLE001 - a broken pipe, a reply that does not unpickle
            self.close()
            return False, None
        return (True, value) if ok else (False, None)

    def close(self) -> None:
        """End the helper (it ends when its pipe closes; it is stopped if it does not at once)."""
        if not self.forked:
            return
        pid, self.pid = self.pid, 0
        for descriptor in (self.requests, self.replies):
            try:
                os.close(descriptor)
            except OSError:
                pass
        self.requests = self.replies = -1
        import signal
        import time

        # a helper still busy (getting ready, or a call this process no longer waits for) is
        # asked to stop after a second (SIGTERM: it unwinds, leaving no cache file half-written),
        # and stopped outright a second later
        for stop in (signal.SIGTERM, signal.SIGKILL):
            deadline = time.monotonic() + 1.0
            while time.monotonic() <= deadline:
                try:
                    done, _ = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    return
                if done:
                    return
                time.sleep(0.001)
            try:
                os.kill(pid, stop)
            except ProcessLookupError:
                pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass

    def __enter__(self) -> Offload:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Pending:
    """A call made by `Offload.submit`: `result()` is its value, made here when the helper
    could not make it (the exception it raises here, if any, is the call's own)."""

    def __init__(self, helper: Offload | None, function: Callable[..., Any], args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> None:
        self.helper, self.call = helper, (function, args, kwargs)
        self.sent = False
        self.done, self.value = False, None

    def result(self) -> Any:
        if not self.done and self.sent and self.helper is not None:
            with self.helper._lock:
                if not self.done and self.helper._pending is self:
                    self.done, self.value = self.helper._answer()
        if not self.done:  # not sent, or not answered: made here
            function, args, kwargs = self.call
            self.value = self.helper._here(function, args, kwargs) if self.helper is not None else \
                function(*args, **kwargs)
            self.done = True
        return self.value


def submit(helper: Offload | None, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Pending:
    """function(*args, **kwargs) sent to `helper` (`Offload.submit`), or, with none, made here
    when its `result()` is asked for."""
    if helper is not None:
        return helper.submit(function, *args, **kwargs)
    return Pending(None, function, args, kwargs)


def _quietly(prepare: Callable[[], None]) -> None:
    try:
        prepare()
    except Exception:  # noqa: BLE001 - met again, and said, where the call made here needs it
        pass


def _serve(requests: int, replies: int, prepare: Callable[[], None] | None) -> None:
    """The helper's life: quiet, ready, then one call after the other until the pipe closes."""
    code = 0
    try:
        # stopped with this process's group, or by `close`: silently, what it was writing removed
        stop_signals.handle(_stopped)
        stop_signals.release()  # (held since the fork)
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(quiet, stream)
        if quiet > 2:
            os.close(quiet)
        import pickle

        if prepare is not None:
            _quietly(prepare)  # (a failure: each call then fails there and is made here)
        while True:
            message = _receive(requests, None)
            if message is None:
                break
            try:
                function, args, kwargs = pickle.loads(message)
                reply = pickle.dumps((True, function(*args, **kwargs)), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - said as "not done": the caller makes the call itself
                reply = pickle.dumps((False, None))
            _send(replies, reply)
    except BaseException:  # noqa: BLE001 - nothing of the helper's is ever said
        code = 1
    finally:
        os._exit(code)


def _stopped(signum: int, frame: object) -> None:
    """In the helper: a stop signal unwinds it (a cache file it was writing is removed, see
    atomic.write_cache) to its silent exit."""
    raise SystemExit(1)


def _send(descriptor: int, message: bytes, timeout: float | None = None) -> None:
    """One message; with a timeout, OSError (ETIMEDOUT) when the other end has taken none of it
    for that long (a message larger than the pipe holds waits for it to be read)."""
    import errno
    import select
    import time

    data = memoryview(len(message).to_bytes(_SIZE, "big") + message)
    if timeout is None:
        while data:
            data = data[os.write(descriptor, data):]
        return
    deadline = time.monotonic() + timeout
    blocking = os.get_blocking(descriptor)
    os.set_blocking(descriptor, False)  # a blocking write would wait for the whole message
    try:
        while data:
            _, ready, _ = select.select([], [descriptor], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise OSError(errno.ETIMEDOUT, "the helper takes no request")
            try:
                data = data[os.write(descriptor, data):]
            except BlockingIOError:
                continue
    finally:
        os.set_blocking(descriptor, blocking)


def _receive(descriptor: int, timeout: float | None) -> bytes | None:
    """One message, or None when the other end has closed (or, with a timeout, been silent)."""
    head = _read(descriptor, _SIZE, timeout)
    if head is None:
        return None
    return _read(descriptor, int.from_bytes(head, "big"), timeout)


def _read(descriptor: int, size: int, timeout: float | None) -> bytes | None:
    import select
    import time

    deadline = None if timeout is None else time.monotonic() + timeout
    parts: list[bytes] = []
    left = size
    while left:
        if deadline is not None:
            ready, _, _ = select.select([descriptor], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return None
        chunk = os.read(descriptor, min(left, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)
