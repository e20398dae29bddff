"""The build's helper process (base/offload.py): calls run there, or here when they cannot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from offsite_cli.base import offload

needs_fork = pytest.mark.skipif(not offload.available(), reason="no fork here (or other threads)")


def _pid() -> int:
    return os.getpid()


def _boom() -> int:
    raise ValueError(f"raised in {os.getpid()}")


def _die() -> int:
    if os.environ.get("OFFLOAD_TEST_HERE") != str(os.getpid()):
        os._exit(3)
    return os.getpid()


def _slow() -> int:
    if os.environ.get("OFFLOAD_TEST_HERE") != str(os.getpid()):
        time.sleep(30)
    return os.getpid()


@needs_fork
def test_a_call_runs_in_the_helper_and_its_result_comes_back() -> None:
    with offload.Offload() as helper:
        assert helper.forked
        there = helper.call(_pid)
        assert there != os.getpid()
        assert helper.call(divmod, 17, 5) == (3, 2)
        assert helper.call(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]
    assert not helper.forked
    with pytest.raises(ChildProcessError):
        os.waitpid(there, os.WNOHANG)  # reaped: no zombie left


@needs_fork
def test_what_fails_there_is_done_here_so_an_error_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFFLOAD_TEST_HERE", str(os.getpid()))
    with offload.Offload() as helper:
        with pytest.raises(ValueError, match=f"raised in {os.getpid()}$"):  # made again here
            helper.call(_boom)
        assert helper.call(lambda: os.getpid()) == os.getpid()  # a lambda does not pickle
        assert helper.forked  # neither ends the helper
        assert helper.call(_die) == os.getpid()  # the helper died: made here
        assert not helper.forked and helper.call(_pid) == os.getpid()  # and here from now on


@needs_fork
def test_a_helper_that_does_not_answer_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFFLOAD_TEST_HERE", str(os.getpid()))
    monkeypatch.setattr(offload, "PATIENCE", 0.3)
    with offload.Offload() as helper:
        started = time.monotonic()
        assert helper.call(_slow) == os.getpid()
        assert time.monotonic() - started < 10 and not helper.forked


def test_without_a_fork_every_call_is_made_here() -> None:
    with offload.Offload(use=False) as helper:
        assert not helper.forked and helper.call(_pid) == os.getpid()


@needs_fork
def test_the_helper_ends_when_its_process_is_killed(tmp_path: Path) -> None:
    """A build killed (SIGKILL: no cleanup at all) leaves no helper behind: its pipe closes."""
    script = ("import os, sys\nfrom offsite_cli.base import offload\n"
              "helper = offload.Offload()\nprint(helper.pid, flush=True)\nos._exit(0)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    pid = int(done.stdout.strip())
    for _ in range(200):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        status = Path(f"/proc/{pid}/status")
        if status.is_file() and "zombie" in status.read_text():
            return  # ended, waiting for init to reap it
        time.sleep(0.05)
    raise AssertionError(f"helper {pid} still running")


def _built_with_and_without_helper(folder: Path, tmp_path: Path) -> dict[str, tuple[str, bytes]]:
    from dossier_fixtures import TODAY

    script = (
        "import sys\nfrom offsite_cli import __main__ as entry\n"
        "from offsite_cli.base import offload\n"
        "use = sys.argv.pop(1) == '1'\n"
        "if not use:\n    offload.available = lambda: False\n"
        "try:\n    entry.main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', 'jinja2' in sys.modules, 'reportlab.platypus' in sys.modules, file=sys.stderr)\n")
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1793000000")
    outputs = {}
    for use in ("1", "0"):
        output = tmp_path / f"out-{use}.pdf"
        done = subprocess.run([sys.executable, "-c", script, use, "dossier", "build", str(folder),
                               "-o", str(output), "--json", "--today", TODAY],
                              capture_output=True, text=True, env=environment, timeout=120)
        assert json.loads(done.stdout)["pages"] > 4, done.stderr
        loaded = [line for line in done.stderr.splitlines() if line.startswith("LOADED")][-1]
        outputs[use] = (loaded, output.read_bytes())
    return outputs


@needs_fork
def test_a_build_draws_forms_and_cover_in_the_helper_the_same_pdf(tmp_path: Path) -> None:
    """One `dossier build` process does not load the forms' engine or reportlab's page layout
    (its helper does), and the PDF is byte for byte the one drawn without a helper."""
    from dossier_fixtures import REQUIRED, make_pdf, write_case

    folder = tmp_path / "case"
    write_case(folder)
    for document in REQUIRED:
        make_pdf(folder / document / "scan.pdf", document)
    outputs = _built_with_and_without_helper(folder, tmp_path)
    assert outputs["1"][0] == "LOADED False False"  # drawn in the helper
    assert outputs["0"][0] == "LOADED True True"  # drawn here
    assert outputs["1"][1] == outputs["0"][1]


def test_build_notes_into_a_pipe_are_plain_lines_with_no_id_number(capsys: pytest.CaptureFixture[str]) -> None:
    """What the build says on standard error (cli/common.say_on_stderr): into a pipe one plain
    line each, without loading Rich, and an ID number in a file name or reason masked."""
    from offsite_cli.cli.common import say_on_stderr

    say_on_stderr([("140522198001011231.pdf: 无法读取\n第二行", "yellow"), ("注意", "bold red")])
    said = capsys.readouterr().err.splitlines()
    assert said == ["140522********1231.pdf: 无法读取", "第二行", "注意"]
    assert not any("\x1b" in line for line in said)


@needs_fork
def test_a_submitted_call_runs_while_this_process_goes_on() -> None:
    with offload.Offload() as helper:
        first = helper.submit(divmod, 17, 5)
        assert first.sent  # sent: the helper is working on it
        second = helper.submit(_pid)  # one at a time: the first is answered before
        assert first.done and first.result() == (3, 2)
        assert second.result() not in (None, os.getpid())
    here = offload.Pending(None, divmod, (9, 4), {})  # no helper: made when asked for
    assert not here.done and here.result() == (2, 1)


def test_a_build_draws_every_photo_and_nothing_of_a_file_left_out(tmp_path: Path) -> None:
    """The files' drawings made before the plan (bundle.prepare) that the PDF does not draw from
    — the card photos laid out on one page, a stray PDF left out — are not in the file: their
    identical copies on the pages stay (pypdf's dedup had pointed the page at the unreferenced
    copy and then removed it: the card page was blank), and a file left out leaves no image."""
    import pikepdf
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from dossier_fixtures import TODAY, complete_dossier, make_image, run
    from pdf_checks import dangling

    folder = complete_dossier(tmp_path / "case")
    stray = make_image(tmp_path / "stray.jpg", (400, 300), seed=42)
    sheet = canvas.Canvas(str(folder / "other-person.pdf"), pagesize=A4, invariant=1)
    sheet.drawImage(str(stray), 72, 300, 400, 300)
    sheet.showPage()
    sheet.save()
    output = tmp_path / "out.pdf"
    result = run("dossier", "build", str(folder), "-o", str(output), "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    with pikepdf.open(output) as document:
        assert dangling(document) == []
        sizes = sorted((int(o.Width), int(o.Height)) for o in document.objects
                       if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image")
    # two card photos, the receipt photo, the PNG page; not the stray PDF's 400×300 image
    assert sizes == [(1240, 1754), (1240, 1754), (1500, 950), (1500, 950)]


@pytest.mark.parametrize("failing", ["fork", "pipe"])
def test_a_fork_or_pipe_that_fails_is_no_helper(monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    """A system that refuses the process (EAGAIN at the process limit, ENOMEM) or the pipe
    (EMFILE): the calls are made here, as where there is no fork (the build failed with an
    internal error, exit 3), and no descriptor is left open."""
    def refused(*args: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(offload, "available", lambda: True)
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    monkeypatch.setattr(os, failing, refused)
    with offload.Offload() as helper:
        assert not helper.forked and helper.call(_pid) == os.getpid()
    monkeypatch.undo()
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before


@needs_fork
def test_a_signal_the_caller_ignores_is_ignored_by_the_helper_too() -> None:
    """Under nohup (SIGHUP ignored) the helper does not die of a hang-up its parent survives."""
    import signal

    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with offload.Offload() as helper:
            assert helper.call(signal.getsignal, signal.SIGHUP) == signal.SIG_IGN
            assert helper.call(signal.getsignal, signal.SIGTERM) is offload._stopped  # (it unwinds)
    finally:
        signal.signal(signal.SIGHUP, before)


def test_a_message_nobody_reads_is_not_waited_for_forever() -> None:
    """A request larger than the pipe holds, to a helper that reads nothing, gives up."""
    read, write = os.pipe()
    try:
        started = time.monotonic()
        with pytest.raises(OSError):
            offload._send(write, b"x" * (1 << 20), timeout=0.3)
        assert time.monotonic() - started < 5
    finally:
        os.close(read)
        os.close(write)


@needs_fork
def test_ofd_receipts_drawn_there_and_here_make_the_same_pdf(tmp_path: Path) -> None:
    """The OFD e-receipts are drawn by the helper when it is free and by the build itself when
    it is not (files.reading.draw_ofd, Offload.call_if_free): the PDF is the one drawn with no
    helper at all, byte for byte."""
    import shutil

    from dossier_fixtures import REQUIRED, make_pdf, write_case

    folder = tmp_path / "case"
    write_case(folder)
    for document in REQUIRED:
        if document != "receipt":
            make_pdf(folder / document / "scan.pdf", document)
    samples = Path(__file__).parent / "data" / "ofd"
    (folder / "receipt").mkdir(exist_ok=True)
    for index, name in enumerate(["1.ofd", "999.ofd", "draw_param_ref.ofd"] * 2):
        shutil.copy(samples / name, folder / "receipt" / f"r{index}.ofd")
    outputs = _built_with_and_without_helper(folder, tmp_path)
    assert outputs["1"][1] == outputs["0"][1]


@needs_fork
def test_a_call_if_free_is_made_here_while_the_helper_is_busy() -> None:
    import threading

    with offload.Offload() as helper:
        started, answered = threading.Event(), []

        def busy() -> None:
            with helper._lock:  # (the lock call() takes: held from here, however slow the machine)
                started.set()
                answered.append(helper.call(time.sleep, 0.2))

        worker = threading.Thread(target=busy)
        worker.start()
        started.wait()  # the worker's call is under way in the helper
        assert helper.call_if_free(_pid) == os.getpid()  # busy: made here
        worker.join()
        assert helper.call_if_free(_pid) != os.getpid()  # free again: made there


def test_without_a_helper_prepare_runs_on_a_thread_and_a_call_waits_for_it() -> None:
    done: list[str] = []

    def prepare() -> None:
        time.sleep(0.2)
        done.append("ready")

    with offload.Offload(prepare, use=False) as helper:
        assert not helper.forked
        assert helper.call(lambda: list(done)) == ["ready"]  # made after prepare, here
    assert offload.submit(None, divmod, 7, 2).result() == (3, 1)


def _writes_a_cache_slowly(path: Path) -> None:
    """The helper getting ready: stopped in the middle of writing a cache file."""
    from offsite_cli.base import atomic

    real = os.fdopen

    def slow(*args: object, **kwargs: object):  # noqa: ANN202
        stream = real(*args, **kwargs)
        time.sleep(30)  # the temporary file exists now
        return stream

    os.fdopen = slow  # (in the helper only: it is a process of its own)
    atomic.write_cache(path, b"cache")


@needs_fork
def test_a_helper_still_writing_a_cache_when_closed_leaves_no_part_of_it(tmp_path: Path) -> None:
    from functools import partial

    folder = tmp_path / "cache"
    started = time.monotonic()
    with offload.Offload(partial(_writes_a_cache_slowly, folder / "font.pickle")) as helper:
        pid = helper.pid
        while not (folder.is_dir() and list(folder.iterdir())) and time.monotonic() - started < 10:
            time.sleep(0.01)
        assert [p.name.startswith(".font.pickle.") for p in folder.iterdir()] == [True]
        closing = time.monotonic()
    assert time.monotonic() - closing < 1.9  # asked to stop after 1 s (SIGTERM), not killed at 2
    assert list(folder.iterdir()) == []
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
