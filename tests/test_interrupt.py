"""SIGINT, SIGTERM, SIGHUP and SIGKILL at moments of `dossier build` and `dossier forms`: no
partial output, no temporary data, inputs unchanged (issue 12, 13 and 15). bench/interrupt runs
many more moments."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader
import interrupting
from interrupting import environment, interrupt, make_dossier

from offsite_cli.base import atomic
from offsite_cli.cli import batch

RUNS = [("build", "SIGTERM", 0.9), ("build", "SIGHUP", 1.2), ("build", "SIGINT", 1.0),
        ("build", "SIGKILL", 1.1), ("forms", "SIGTERM", 0.8), ("forms", "SIGKILL", 0.9)]


def test_signals_at_moments_of_build_and_forms_leave_nothing_behind(tmp_path: Path) -> None:
    def one(run: tuple[str, str, float]) -> object:
        command, signal_name, delay = run
        folder = make_dossier(tmp_path / f"{command}-{signal_name}")
        return interrupt(folder, command, signal_name, delay, tmp_path / f"home-{command}-{signal_name}")

    with ThreadPoolExecutor(max_workers=3) as pool:
        outcomes = list(pool.map(one, RUNS))
    for outcome in outcomes:
        assert not outcome.problems, (outcome, outcome.output)


def test_a_part_file_of_a_killed_run_is_removed_by_the_next_and_a_live_one_is_kept(tmp_path: Path) -> None:
    folder = make_dossier(tmp_path / "d", photos=0)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    host = atomic.part_path(folder / "dossier.pdf").name.split(".")[-3]
    stale = folder / f".dossier.pdf.{host}.{dead}.part"
    stale.write_bytes(b"%PDF-1.7 half")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = folder / f".dossier.pdf.{host}.{sleeper.pid}.part"
        live.write_bytes(b"%PDF-1.7 being written")
        other_host = folder / f".dossier.pdf.elsewhere.{dead}.part"
        other_host.write_bytes(b"%PDF")
        result = subprocess.run([sys.executable, "-m", "offsite_cli", "dossier", "build", str(folder),
                                 "--today", "2026-11-20"], capture_output=True,
                                env=environment(tmp_path / "home"))
        assert result.returncode == 0, result.stderr
        assert not stale.exists()
        assert live.exists() and other_host.exists()  # a live process's; another host's, too new
        os.utime(other_host, (time.time() - 2 * 86400,) * 2)
        atomic.remove_stale(folder)
        assert not other_host.exists() and live.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_the_part_file_is_owner_only_while_it_is_written(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        descriptor, temporary = atomic.open_part(tmp_path / "dossier.pdf", private=True)
        os.close(descriptor)
        assert oct(temporary.stat().st_mode & 0o777) == oct(0o600)
    finally:
        os.umask(old)
        temporary.unlink()


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_a_signal_in_the_first_40_ms_prints_no_traceback(tmp_path: Path, signal_name: str) -> None:
    import signal

    env = environment(tmp_path / "home")
    for delay in (0.0, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04):
        process = subprocess.Popen([sys.executable, "-m", "offsite_cli", "regions", "find", "晋城"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        time.sleep(delay)
        process.send_signal(getattr(signal, signal_name))
        _, err = process.communicate(timeout=30)
        # CPython's own start-up (runpy, site) runs before any code of ours and may still say
        # KeyboardInterrupt; from the first line of offsite on, nothing is said
        assert not re.search(rb'File "[^"]*offsite_cli[/\\][^"]*\.py"', err), (delay, err.decode())
        assert process.returncode in (0, 1, -2, -15, 130, 143), process.returncode


def test_debug_keeps_the_exit_code_of_an_internal_error(tmp_path: Path) -> None:
    code = ("import sys; sys.argv = ['offsite', 'regions', 'find', 'x'];"
            "import offsite_cli.cli.regions as r; r.regions = None;"
            "from offsite_cli.__main__ import main;"
            "import offsite_cli.policy.regions as pr; pr.table = lambda: 1 / 0; main()")
    env = environment(tmp_path / "home")
    for debug in ("", "1"):
        env["OFFSITE_DEBUG"] = debug
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env)
        assert result.returncode == 3, result.stderr
        assert (b"Traceback" in result.stderr) == bool(debug)


needs_fork = pytest.mark.skipif(not batch._forks(), reason="the held build reaches the workers by fork")


def _alive(group: int) -> list[str]:
    """The processes still in a process group (a batch's, started in its own session)."""
    alive = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.getpgid(int(entry)) == group:
                alive.append(entry)
        except OSError:
            pass
    return alive


def _ended(process: subprocess.Popen[bytes], seconds: float = 20) -> bool:
    """The batch's process and every worker of it gone within `seconds`."""
    started = time.monotonic()
    while _alive(process.pid) and time.monotonic() - started < seconds:
        time.sleep(0.05)
    return not _alive(process.pid)


def _held_until_begun(tmp_path: Path, names: list[str], hold: list[str], before: str = "",
                      photos: int = 2) -> tuple[subprocess.Popen[bytes], list[Path], Path]:
    folders = [make_dossier(tmp_path / name, photos=photos) for name in names]
    marks = tmp_path / "marks"
    process = interrupting.held_batch(folders, hold, marks, environment(tmp_path / "home"), before)
    started = time.monotonic()
    while time.monotonic() - started < 60 and process.poll() is None and not all(
            (marks / f"{name}.begun").exists() for name in hold):
        time.sleep(0.005)
    assert process.poll() is None, process.communicate()[1].decode()
    return process, folders, marks


def _whole_or_none(folders: list[Path]) -> None:
    for folder in folders:
        assert not [name for name in interrupting.snapshot(folder) if name.endswith(".part")], folder
        if (folder / "dossier.pdf").exists():
            assert len(PdfReader(folder / "dossier.pdf").pages) > 1


@needs_fork
@pytest.mark.parametrize("signal_name,to", [("SIGINT", "process"), ("SIGINT", "group"), ("SIGTERM", "group")])
def test_a_stopped_batch_begins_no_dossier_it_had_queued(tmp_path: Path, signal_name: str, to: str) -> None:
    """`--jobs 2` over three dossiers, stopped while the first two are built: the pool had
    already handed the third to a worker, which must not begin it (SIGINT: Ctrl-C, to the
    batch's process alone or to its group as a terminal sends it; SIGTERM: to its whole group,
    as a terminal's kill does). The first two are held until the batch is stopped
    (interrupting.held_batch), so the signal always lands while the third is queued: a
    free-running build let a slow machine finish the first dossier, and begin the third, before
    the test had seen the first one begun."""
    import signal

    process, folders, marks = _held_until_begun(tmp_path, ["a", "b", "c"], ["a", "b"])
    number = getattr(signal, signal_name)
    if to == "process":
        process.send_signal(number)
    else:
        os.killpg(process.pid, number)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 128 + number, err.decode()
    assert not (marks / "c.begun").exists()
    assert not (folders[2] / "dossier.pdf").exists()
    # Ctrl-C: the dossiers in hand are finished, whole; SIGTERM to the group: they unwind
    for folder in folders[:2]:
        assert (folder / "dossier.pdf").exists() == (signal_name == "SIGINT")
    _whole_or_none(folders)
    assert b"Traceback" not in out + err and b"Exception ignored" not in out + err
    assert _ended(process)


@needs_fork
def test_a_ctrl_c_while_the_workers_are_forked_stops_the_batch(tmp_path: Path) -> None:
    """Ctrl-C at the moment the pool forks its first worker (sent from an at-fork hook): it was
    raised inside the hook, where Python prints and ignores it, and the whole batch was built."""
    before = ("import os, signal; fired = [];"
              "os.register_at_fork(before=lambda: fired or fired.append(os.kill(os.getpid(), signal.SIGINT)))")
    folders = [make_dossier(tmp_path / f"d{index}", photos=1) for index in range(6)]
    marks = tmp_path / "marks"
    # every dossier held until the batch is stopped: a worker that began one before the flag was
    # set cannot have finished it and begun another, however slow the machine
    process = interrupting.held_batch(folders, [folder.name for folder in folders], marks,
                                      environment(tmp_path / "home"), before)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in out + err and b"Exception ignored" not in out + err, err.decode()
    begun = sorted(path.name for path in marks.glob("*.begun"))
    assert len(begun) <= 2, begun  # at most the one each worker took before the flag was set
    _whole_or_none(folders)
    assert _ended(process)


@needs_fork
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_signal_to_the_group_with_a_worker_idle_ends_the_batch_without_a_traceback(
        tmp_path: Path, signal_name: str) -> None:
    """One worker holds a dossier, the other has finished its own and waits for work: the
    signal reaches both (the group); the idle one printed multiprocessing's traceback."""
    import signal

    process, folders, marks = _held_until_begun(tmp_path, ["a", "b"], ["a"], photos=0)
    started = time.monotonic()
    while not (folders[1] / "dossier.pdf").exists() and time.monotonic() - started < 60:
        time.sleep(0.01)
    time.sleep(0.3)  # (the worker of b back waiting for work)
    number = getattr(signal, signal_name)
    os.killpg(process.pid, number)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 128 + number, err.decode()
    assert b"Traceback" not in out + err, err.decode()
    assert not (folders[0] / "dossier.pdf").exists()  # unwound
    _whole_or_none(folders)
    assert _ended(process)


@needs_fork
@pytest.mark.parametrize("second", ["SIGINT", "SIGTERM"])
def test_a_second_signal_ends_the_batch_and_its_workers_at_once(tmp_path: Path, second: str) -> None:
    """Ctrl-C, then Ctrl-C (or a kill) again: the batch's process ends at once, and its workers
    with it (the kernel tells them: PR_SET_PDEATHSIG), instead of waiting for work for ever and
    holding the pipes of a `| tee` open; what they had in hand unwinds."""
    import signal

    process, folders, _ = _held_until_begun(tmp_path, ["a", "b", "c"], ["a", "b"], photos=6)
    process.send_signal(signal.SIGINT)
    time.sleep(0.05)
    os.kill(process.pid, getattr(signal, second))
    out, err = process.communicate(timeout=30)
    assert process.returncode in (-getattr(signal, second), 128 + getattr(signal, second)), err.decode()
    assert _ended(process, 20), _alive(process.pid)
    assert not (folders[2] / "dossier.pdf").exists()
    _whole_or_none(folders)
    assert b"Traceback" not in out + err


@needs_fork
def test_a_ctrl_c_while_a_build_forks_its_helper_stops_the_build(tmp_path: Path) -> None:
    """Ctrl-C at the moment one build forks its drawing helper (base/offload.py; sent from an
    at-fork hook): it was raised inside the hook, ignored there, and the build went on to write
    the PDF it had been told to stop."""
    from dossier_fixtures import TODAY

    folder = make_dossier(tmp_path / "d", photos=1)
    code = ("import os, signal, sys; fired = [];"
            "os.register_at_fork(before=lambda: fired or fired.append(os.kill(os.getpid(), signal.SIGINT)));"
            f"sys.argv = ['offsite', 'dossier', 'build', {str(folder)!r}, '--today', {TODAY!r}, '--lang', 'en'];"
            "from offsite_cli.__main__ import main; main()")
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=environment(tmp_path / "home"), start_new_session=True)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in out + err and b"Exception ignored" not in out + err, err.decode()
    assert not (folder / "dossier.pdf").exists()
    _whole_or_none([folder])
    assert _ended(process)
