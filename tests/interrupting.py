"""Stop `offsite dossier build` / `dossier forms` with a signal at a moment and say what was left:
used by tests/test_interrupt.py (a handful of runs) and bench/interrupt (many)."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from dossier_fixtures import CASE_TEXT, ID_NUMBER, REQUIRED, TODAY, make_pdf, write_case

COMMANDS = {"build": ["dossier", "build"], "forms": ["dossier", "forms"]}
SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGKILL")


def make_dossier(folder: Path, photos: int = 3) -> Path:
    """A complete dossier with a few PDFs and photos (enough work for a signal to land in)."""
    from PIL import Image

    write_case(folder, CASE_TEXT)
    for document in REQUIRED:
        make_pdf(folder / document / f"{document}.pdf", document, pages=2)
    for number in range(photos):
        image = Image.effect_noise((1600, 1200), 60).convert("RGB")
        image.save(folder / "medical-record" / f"photo-{number}.jpg", quality=90)
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) → its SHA-256."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@dataclass
class Outcome:
    command: str
    signal: str
    delay: float
    code: int
    output: str
    problems: list[str]
    startup_traceback: bool = False  # CPython's own, before the first line of offsite ran


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(HOME=str(home), OFFSITE_CONFIG_DIR=str(home / "config"),
               OFFSITE_CACHE_DIR=str(home / "cache"), TMPDIR=str(home / "tmp"), LANG="C.UTF-8")
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    return env


def interrupt(folder: Path, command: str, signal_name: str, delay: float, home: Path) -> Outcome:
    """Run the command, send the signal after `delay` seconds, and check: no partial output, no
    part file, nothing in TMPDIR, the inputs unchanged, no traceback, no ID number printed; after
    SIGKILL, a follow-up run that leaves nothing behind either."""
    env = environment(home)
    inputs = {name: digest for name, digest in snapshot(folder).items()
              if not name.startswith(("forms/", "dossier.pdf"))}
    arguments = [sys.executable, "-m", "offsite_cli", *COMMANDS[command], str(folder),
                 "--today", TODAY, "--lang", "en"]
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    time.sleep(delay)
    process.send_signal(getattr(signal, signal_name))
    out, err = process.communicate(timeout=120)
    output = (out + err).decode("utf-8", "replace")
    problems = _left_over(folder, home, inputs, output, process.returncode, signal_name)
    if signal_name == "SIGKILL":
        again = subprocess.run(arguments, capture_output=True, env=env, timeout=120)
        output += (again.stdout + again.stderr).decode("utf-8", "replace")
        if again.returncode != 0:
            problems.append(f"the follow-up run exited {again.returncode}")
        problems += _left_over(folder, home, inputs, output, again.returncode, "")
    return Outcome(command, signal_name, delay, process.returncode, output, problems,
                   "Traceback" in output and not problems)


def _left_over(folder: Path, home: Path, inputs: dict[str, str], output: str, code: int,
               signal_name: str) -> list[str]:
    problems = []
    now = snapshot(folder)
    parts = [name for name in now if name.endswith((".part", ".tmp"))]
    if parts and signal_name != "SIGKILL":
        problems.append(f"left behind: {parts}")
    for name, digest in inputs.items():
        if now.get(name) != digest:
            problems.append(f"input changed: {name}")
    if list((home / "tmp").iterdir()):
        problems.append(f"TMPDIR not empty: {list((home / 'tmp').iterdir())}")
    if re.search(r'File "[^"]*offsite_cli[/\\][^"]*\.py"', output):
        problems.append("a traceback through offsite was printed")
    if ID_NUMBER in output:
        problems.append("the ID number was printed")
    if code == 0 or signal_name == "SIGKILL":
        problems += _whole(folder)
    elif code not in (-9, -2, -1, -15, 129, 130, 143):
        # 128 + n: stopped and cleaned up; -n: ended by the signal itself (before the handlers
        # were set, after they were put back, or -2: a KeyboardInterrupt that Python itself
        # re-raised as SIGINT); either way what is checked below must hold
        problems.append(f"exit code {code}")
    else:  # stopped: whatever output there is was there before, or is whole
        problems += _whole(folder)
    return problems


def _whole(folder: Path) -> list[str]:
    """The outputs that exist open as PDFs with every page."""
    from pypdf import PdfReader

    problems = []
    for path in [folder / "dossier.pdf", *sorted((folder / "forms").glob("*.pdf"))]:
        if path.exists():
            try:
                if len(PdfReader(path).pages) < 1:
                    problems.append(f"{path.name}: no pages")
            except Exception as error:  # noqa: BLE001 - any failure to open is the finding
                problems.append(f"{path.name}: partial ({type(error).__name__})")
    return problems


# A batch held at a known moment (tests/test_interrupt.py): `held_batch` runs `dossier build` as
# the program does, with each dossier's build (cli/dossier_build.build_one) replaced in the forked
# workers by `held_build`, which marks that the dossier was begun and then holds the dossiers
# named in HOLD until the batch is stopped. A signal sent once they are all begun lands while the
# pool has the next dossier queued, however slow the machine.
HOLD: tuple[str, ...] = ()
MARKS: Path | None = None
_BUILD = None


def held_build(folder: Path, settings: object) -> object:
    from offsite_cli.cli import batch

    assert MARKS is not None and _BUILD is not None
    (MARKS / f"{folder.name}.begun").write_text(repr(time.time()))
    if folder.name in HOLD:
        waited = time.monotonic()
        while not batch._STOP.is_set() and time.monotonic() - waited < 60:
            time.sleep(0.005)
    return _BUILD(folder, settings)


def held_batch(folders: list[Path], hold: list[str], marks: Path, env: dict[str, str],
               before: str = "") -> subprocess.Popen[bytes]:
    """`offsite dossier build FOLDERS --jobs 2`, in its own session, its build held as above;
    `before`: Python run in it first."""
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r});" + (before and before + ";") +
            f"sys.argv = ['offsite', 'dossier', 'build', *{[str(folder) for folder in folders]!r},"
            f" '--jobs', '2', '--today', {TODAY!r}, '--lang', 'en'];"
            "from offsite_cli.__main__ import main;"
            "import interrupting; from pathlib import Path;"
            "import offsite_cli.cli.dossier_build as build;"
            f"interrupting.HOLD = {tuple(hold)!r}; interrupting.MARKS = Path({str(marks)!r});"
            "interrupting._BUILD = build.build_one; build.build_one = interrupting.held_build;"
            "main()")
    marks.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, start_new_session=True)
