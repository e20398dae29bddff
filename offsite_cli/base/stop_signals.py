"""The stop signals — Ctrl-C, SIGTERM and SIGHUP — handled (`handle`), and held back (pending,
not lost) across a fork (`Held`, `release`).

A stop signal that lands while a process forks is raised wherever Python is then: inside an
at-fork hook, which prints and ignores it (the run goes on as if it had not come); in the child
before it has set its own handlers (the child then unwinds the parent's code, traceback and
all); or in the pool's thread between its making and its start. Held across the fork, the signal
arrives in the parent on leaving (`Held`), where the code is ready for it; the child starts with
it held and lets it through once its handlers are set (`release`).
"""

from __future__ import annotations

try:  # the C module: `signal` wraps each number in an enum (and imports enum for it)
    import _signal as signal
except ImportError:  # pragma: no cover - not CPython
    import signal  # type: ignore[no-redef]

NAMES = ("SIGINT", "SIGTERM", "SIGHUP")


def _numbers() -> set[int]:
    return {getattr(signal, name) for name in NAMES if hasattr(signal, name)}


def handle(handler: object, names: tuple[str, ...] = NAMES) -> dict[int, object]:
    """Set `handler` for the named signals where they are not ignored (nohup, a background job:
    one ignored stays ignored); returns the handlers there were."""
    before: dict[int, object] = {}
    for name in names:
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            current = signal.getsignal(number)
            if current == signal.SIG_IGN:
                continue
            signal.signal(number, handler)  # type: ignore[arg-type]
            before[number] = current
        except (ValueError, OSError):  # not the main thread, or not on this system
            pass
    return before


class Held:
    """A context manager: the stop signals held inside it (where the system can hold them)."""

    def __enter__(self) -> Held:
        self.previous: set[int] | None = None
        try:
            self.previous = set(signal.pthread_sigmask(signal.SIG_BLOCK, _numbers()))
        except (AttributeError, OSError, ValueError):  # not on this system
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.previous)  # what came meanwhile: now


def release() -> None:
    """In a child forked inside `Held`, its handlers set: the stop signals let through."""
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _numbers())
    except (AttributeError, OSError, ValueError):
        pass
