"""base.atomic.WriteBehind: a large file is sent to the disk while it is written, and comes out
byte for byte as written straight."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from offsite_cli.base import atomic


def test_the_file_holds_what_was_written_and_tell_counts_it(tmp_path: Path) -> None:
    pieces = [os.urandom(size) for size in (10, 4096, 70_000, 1, 250_000, 3)]
    with open(tmp_path / "out.bin", "wb") as handle:
        behind = atomic.WriteBehind(handle, every=64 << 10)
        positions = []
        for piece in pieces:
            positions.append(behind.tell())
            assert behind.write(piece) == len(piece)
        behind.finish()
    assert (tmp_path / "out.bin").read_bytes() == b"".join(pieces)
    assert positions == [sum(len(p) for p in pieces[:i]) for i in range(len(pieces))]


def test_what_is_written_is_flushed_to_disk_on_the_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []  # the file's size each time its data were sent to the disk

    def datasync(descriptor: int) -> None:
        synced.append(os.fstat(descriptor).st_size)

    monkeypatch.setattr(os, "fdatasync", datasync, raising=False)
    with open(tmp_path / "out.bin", "wb") as handle:
        behind = atomic.WriteBehind(handle, every=1000)
        for _ in range(10):
            behind.write(b"x" * 600)
            if behind._thread is not None:
                behind._thread.join()  # (one at a time: a write does not wait for the disk)
        behind.finish()
    # every 1000 bytes at least, and what was flushed was in the file when its sync began
    assert synced == [1200, 2400, 3600, 4800, 6000]


def test_a_small_file_is_not_synced_on_the_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fdatasync", lambda descriptor: pytest.fail("synced"), raising=False)
    with open(tmp_path / "out.bin", "wb") as handle:
        behind = atomic.WriteBehind(handle)
        behind.write(b"%PDF-1.7\n")
        behind.finish()
    assert (tmp_path / "out.bin").read_bytes() == b"%PDF-1.7\n"


def test_a_pdf_written_through_it_is_the_same_pdf(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    straight = io.BytesIO()
    writer.write(straight)
    with open(tmp_path / "out.pdf", "wb") as handle:
        behind = atomic.WriteBehind(handle, every=100)
        writer.write(behind)
        behind.finish()
    assert (tmp_path / "out.pdf").read_bytes() == straight.getvalue()


def test_a_failed_write_back_the_thread_met_is_raised_by_finish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux reports a write-back error once, to the sync that asks first: the thread's own."""
    failures = [OSError(28, "No space left on device")]

    def datasync(descriptor: int) -> None:
        if failures:
            raise failures.pop()

    monkeypatch.setattr(os, "fdatasync", datasync, raising=False)
    with open(tmp_path / "out.bin", "wb") as handle:
        behind = atomic.WriteBehind(handle, every=1000)
        behind.write(b"x" * 1500)
        behind._thread.join()
        with pytest.raises(OSError, match="No space left"):
            behind.write(b"y")  # the next write says it at once
        with pytest.raises(OSError, match="No space left"):
            behind.finish()


def test_a_ctrl_c_while_a_thread_starts_leaves_none_to_wait_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    def interrupted(self: threading.Thread) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(threading.Thread, "start", interrupted)
    with open(tmp_path / "out.bin", "wb") as handle:
        behind = atomic.WriteBehind(handle, every=10)
        with pytest.raises(KeyboardInterrupt):
            behind.write(b"x" * 20)
        behind.finish()  # (not "cannot join thread before it is started")
