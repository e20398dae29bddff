"""Where packaged and user data live: profiles/, templates/, region codes, calendars, config."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "offsite"
CONFIG_ENV = "OFFSITE_CONFIG_DIR"


def _package_root() -> Path:
    # The package is always installed as files on disk (never zipped); __file__ is cheaper to ask
    # than importlib.resources, which costs start-up time on every command.
    return Path(__file__).resolve().parent.parent


def _shipped(name: str) -> Path:
    """A top-level data folder: inside the installed package, or beside it in a source checkout."""
    inside = _package_root() / name
    if inside.is_dir():
        return inside
    return _package_root().parent / name


def shipped_profiles_dir() -> Path:
    return _shipped("profiles")


def shipped_templates_dir() -> Path:
    return _shipped("templates")


def areacodes_csv() -> Path:
    return _package_root() / "data" / "areacodes" / "result.csv"


def statutory_holidays_toml() -> Path:
    return _package_root() / "data" / "statutory-holidays.toml"


_SHARED_BY = 1  # processes of one batch that share the cores (share_cores)


def cores() -> int:
    """How many cores this process may run on (its CPU affinity where the system tells it),
    divided among the processes of a batch that run at once (`share_cores`)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        count = os.cpu_count() or 1
    return max(1, count // _SHARED_BY)


def share_cores(processes: int) -> None:
    """This process is one of `processes` that run at once (a batch's workers): its own thread
    pools take its share of the cores, not all of them (two workers × two threads on two cores
    only wait on each other)."""
    global _SHARED_BY
    _SHARED_BY = max(1, processes)


def folder_cache_file(kind: str, folder: Path, suffix: str = ".json") -> Path:
    """The cache file of `kind` (digests, sheets) kept for one dossier folder: named by a hash of
    its real path, so that no name of a person or a file is in the cache folder's listing."""
    import hashlib

    name = hashlib.sha256(os.path.realpath(folder).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir() / kind / f"{name}{suffix}"


def code_stamp(*files: str | None) -> list[object]:
    """Each source file's mtime and size: what a cache keyed on it (with the package's version)
    is made again for when that code changes (a file that cannot be read counts as None)."""
    stamp: list[object] = []
    for file in files:
        try:
            stat = os.stat(file or "")
            stamp += [stat.st_mtime_ns, stat.st_size]
        except OSError:
            stamp.append(None)
    return stamp


def config_dir() -> Path:
    """The user's config folder: $OFFSITE_CONFIG_DIR, else the platform's (platformdirs)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where derived data is kept to start faster: $OFFSITE_CACHE_DIR, else the platform's."""
    override = os.environ.get("OFFSITE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def user_profiles_dir() -> Path:
    return config_dir() / "profiles"


def user_templates_dir() -> Path:
    return config_dir() / "templates"


def user_regions_csv() -> Path:
    return config_dir() / "regions.csv"


def user_calendar_dir() -> Path:
    return config_dir() / "calendar"


def config_file() -> Path:
    return config_dir() / "config.toml"


FORM_SUFFIX = ".j2"
FORMS_FOLDER = "forms"


def form_templates() -> dict[str, dict[str, tuple[Path, str]]]:
    """Form name → lang → (template file, "user" | "shipped"): the user's copy over the shipped
    one. The profiles check their [[forms]] against it; the PDF layer renders from it."""
    found: dict[str, dict[str, tuple[Path, str]]] = {}
    for folder, origin in ((shipped_templates_dir() / FORMS_FOLDER, "shipped"),
                           (user_templates_dir() / FORMS_FOLDER, "user")):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"*.*{FORM_SUFFIX}")):
            name, _, lang = path.name[: -len(FORM_SUFFIX)].rpartition(".")
            if name and lang in ("zh", "en"):
                found.setdefault(name, {})[lang] = (path, origin)
    return dict(sorted(found.items()))
