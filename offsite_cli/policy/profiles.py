"""Policy profiles: finding the file (the user's first), `extends`, and a checked copy kept in the cache.

What a profile may say is checked in profile_schema; what a loaded one is, in profile_model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from offsite_cli.base import resources
from offsite_cli.base.errors import BadInput, WorkFailed, toml_reason
from offsite_cli.policy.profile_model import Entry, Profile, Source

__all__ = ["DEFAULT_PROFILE", "Entry", "Profile", "Source", "available",
           "find_profile_file", "load", "load_file"]

DEFAULT_PROFILE = "cn-national"


def find_profile_file(profile_id: str) -> tuple[Path, str]:
    """The user's profile of that id first, then the shipped one."""
    for folder, origin in ((resources.user_profiles_dir(), "user"),
                           (resources.shipped_profiles_dir(), "shipped")):
        path = folder / f"{profile_id}.toml"
        if path.is_file():
            return path, origin
    known = ", ".join(sorted(available()))
    raise BadInput("profile_unknown", field="profile", value=profile_id, known=known)


def available() -> dict[str, tuple[Path, str]]:
    found: dict[str, tuple[Path, str]] = {}
    for folder, origin in ((resources.shipped_profiles_dir(), "shipped"),
                           (resources.user_profiles_dir(), "user")):
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                found[path.stem] = (path, origin)
    return found


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only when the cached profile is stale

    from offsite_cli.base import toml_text

    try:
        return toml_text.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise BadInput("profile_syntax", file=str(path), reason=toml_reason(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput("profile_unreadable", file=str(path), reason=str(error)) from None


def load(profile_id: str = DEFAULT_PROFILE) -> Profile:
    """The profile with its ancestors merged; a checked copy is cached until any file changes."""
    cached = _cache_get(profile_id)
    if cached is not None:
        return cached
    profile = _load(profile_id, [])
    _cache_put(profile)
    return profile


def load_file(path: Path) -> Profile:
    """A profile from a file anywhere (`offsite profiles check FILE`), checked as `load` checks
    it once it sits in the config folder: its id is the file name's stem; no cache."""
    return _load(path.stem, [], path)


def _fingerprint(paths: list[Path]) -> tuple[object, ...]:
    here = Path(__file__).parent  # the loader's own code: a change to it rebuilds the cache
    # (profile_schema.py's own mtime stands for its SCHEMA: the checker is imported only to parse)
    parts: list[object] = [2, *((here / name).stat().st_mtime_ns for name in
                                     ("profiles.py", "profile_schema.py", "profile_model.py",
                                      "values.py"))]
    # [[forms]] entries are checked against the templates there are: adding or removing one
    # (a folder's mtime changes) must rebuild the cache too.
    for folder in (resources.shipped_templates_dir(), resources.user_templates_dir()):
        for sub in (folder, folder / "forms"):
            parts.append(sub.stat().st_mtime_ns if sub.is_dir() else None)
    for path in paths:
        stat = path.stat()
        parts += [str(path), stat.st_mtime_ns, stat.st_size]
    return tuple(parts)


def _cache_file(profile_id: str) -> Path:
    return resources.cache_dir() / "profiles" / f"{profile_id}.pickle"


def _cache_get(profile_id: str) -> Profile | None:
    """The cached profile if every file of its chain is unchanged (and still the one chosen)."""
    from offsite_cli.base.atomic import read_cache_bytes, unpickled

    try:
        held = read_cache_bytes(_cache_file(profile_id))  # (a FIFO put there is no cache, not a hang)
        if held is None:
            return None
        fingerprint, profile = unpickled(held)
        paths = [find_profile_file(link)[0] for link in profile.chain]
        if fingerprint == _fingerprint(paths) and isinstance(profile, Profile):
            return profile
    except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt
        return None
    return None


def _cache_put(profile: Profile) -> None:
    import pickle

    from offsite_cli.base import atomic

    try:
        paths = [find_profile_file(link)[0] for link in profile.chain]
        data = pickle.dumps((_fingerprint(paths), profile))
        atomic.write_cache(_cache_file(profile.id), data)
    except (OSError, WorkFailed):
        pass  # no cache: the next run parses again


def _load(profile_id: str, seen: list[str], file: Path | None = None) -> Profile:
    from offsite_cli.policy import profile_schema as schema  # (parsing only: a cached profile needs none)
    from offsite_cli.policy.profile_schema import RULE_KINDS

    if profile_id in seen:
        raise BadInput("profile_cycle", field="extends", value=" → ".join([*seen, profile_id]))
    path, origin = (file, "file") if file is not None else find_profile_file(profile_id)
    data = _read(path)
    schema.check_top(path, data, profile_id)
    parent_id = data.get("extends")
    if parent_id and len(seen) + 1 >= schema.MAX_EXTENDS:
        raise schema.fail(path, "extends", parent_id,
                          f"at most {schema.MAX_EXTENDS} profiles in an extends chain",
                          'extends = "cn-national"')
    if parent_id:
        if parent_id in [*seen, profile_id]:
            raise schema.fail(path, "extends", parent_id,
                        "a profile that does not extend this one back (" +
                        " → ".join([*seen, profile_id, parent_id]) + ")", 'extends = "cn-national"')
        if parent_id not in available():
            raise schema.fail(path, "extends", parent_id,
                        "one of " + ", ".join(sorted(available())), 'extends = "cn-national"')
        base = _load(parent_id, [*seen, profile_id])
        profile = Profile(
            id=profile_id, title={}, description={}, path=path, origin=origin,
            chain=[profile_id, *base.chain], sources=dict(base.sources),
            documents={k: dict(v) for k, v in base.documents.items()},
            categories={k: dict(v) for k, v in base.categories.items()},
            rules={kind: dict(entries) for kind, entries in base.rules.items()},
        )
    else:
        profile = Profile(id=profile_id, title={}, description={}, path=path, origin=origin,
                          chain=[profile_id])
    profile.title = schema.texts(path, "title", data["title"], 'title = { zh = "…", en = "…" }')
    if "description" in data:
        profile.description = schema.texts(path, "description", data["description"],
                                     'description = { zh = "…", en = "…" }')
    schema.merge_sources(path, data.get("sources", {}), profile)
    schema.merge_documents(path, data.get("documents", {}), profile)
    schema.merge_categories(path, data.get("categories", {}), profile)
    for kind in RULE_KINDS:
        entries = data.get(kind, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise schema.fail(path, kind, entries, "an array of tables", f"[[{kind}]]")
        replaced: dict[str, list[Entry]] = {}
        for index, raw in enumerate(entries):
            entry = schema.read_entry(path, kind, index, raw, profile)
            replaced.setdefault(entry.id, []).append(entry)
        kind_rules = profile.rules.setdefault(kind, {})
        for rule_id, versions in replaced.items():
            if kind == "deadlines":
                schema.keep_role(versions, kind_rules.get(rule_id, []))
            kind_rules.pop(rule_id, None)  # a child's rule replaces all of the parent's versions
            kind_rules[rule_id] = versions
    schema.check_sizes(path, data.get("documents", {}), profile)
    return profile
