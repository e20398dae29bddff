"""The wheel carries profiles, templates and region data; the README and CI run the same commands."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("offsite_cli-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "offsite_cli/profiles/cn-national.toml" in names
    assert "offsite_cli/data/areacodes/result.csv" in names
    assert "offsite_cli/data/areacodes/LICENSE" in names
    assert "offsite_cli/data/statutory-holidays.toml" in names
    shipped_templates = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*")
                               if p.is_file())
    for template in shipped_templates:
        assert f"offsite_cli/{template}" in names


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [line.strip() for line in readme.split("```")[1].splitlines() if line.strip()]
    main_job, tests = blocks[0], blocks[1]
    assert "offsite dossier build examples/" in main_job
    assert "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()
