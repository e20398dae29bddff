"""`dossier new` without the screen: the case text, README.txt, one sub-folder per document, written
all or nothing (temporary files renamed into place; folders made by a failed run removed)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from offsite_cli.base import atomic
from offsite_cli.dossier import case as case_file
from offsite_cli.base.errors import BadInput, WorkFailed
from offsite_cli.base.i18n import label, text
from offsite_cli.policy.profiles import Profile
from offsite_cli.policy.rules import Classification

README_FILE = "README.txt"
_UNSAFE = str.maketrans({c: "_" for c in '/\\:*?"<>|'})


def folder_name(document_id: str, profile: Profile, lang: str) -> str:
    """`receipt-医疗费用收据（发票）原件` in Chinese, `receipt` in English; matching knows both."""
    if lang != "zh":
        return document_id
    name = profile.document_name(document_id, "zh").translate(_UNSAFE).strip()
    return f"{document_id}-{name}" if name and name != document_id else document_id


@dataclass
class Plan:
    """What `dossier new` will write: the folder, the case text, README text, sub-folders."""

    folder: Path
    case_text: str
    readme_text: str
    sub_folders: list[str]
    replacing: bool
    written: list[str] = field(default_factory=list)


def plan(folder: Path, values: dict[str, dict[str, object]], profile_id: str | None,
         receipts: list[case_file.Receipt], classification: Classification, profile: Profile,
         lang: str, force: bool, today_case: case_file.Case) -> Plan:
    """Check everything before anything is written; refuse an existing case without force."""
    if folder.exists() and not folder.is_dir():
        raise BadInput("folder_not_dir", field="DIR", value=str(folder))
    target = folder / case_file.CASE_FILE
    replacing = target.exists()
    if replacing and not force:
        raise BadInput("case_exists", file=str(target))
    case_text = case_file.dumps(values, profile_id, receipts)
    sub_folders = []
    for document in classification.documents:
        if document.required:
            name = folder_name(document.id, profile, lang)
            if name not in sub_folders:
                sub_folders.append(name)
    readme = readme_text(today_case, classification, profile, lang, folder, sub_folders)
    return Plan(folder=folder, case_text=case_text, readme_text=readme, sub_folders=sub_folders,
                replacing=replacing)


def nothing_to_collect(classification: Classification) -> str:
    """The message key when the case needs no documents (local care above all), else ""."""
    if classification.route.value == "local":
        return "readme.nothing_offsite"
    if not any(document.required for document in classification.documents):
        return "readme.nothing_to_collect"
    return ""


def readme_text(case: case_file.Case, classification: Classification, profile: Profile, lang: str,
                folder: Path, sub_folders: list[str]) -> str:
    nothing = nothing_to_collect(classification)
    lines = [text("readme.title", lang), "=" * 40, "", text(nothing or "readme.intro", lang), ""]
    facts = []
    if case.name:
        facts.append(case.name)
    if case.id_number:
        facts.append(case.id_number.masked)
    if case.insured_region and case.treatment_region:
        facts.append(f"{case.insured_region.full_name} → {case.treatment_region.full_name}")
    facts.append(label("care", case.care, lang))
    facts.append(label("route", classification.route.value, lang))
    lines.append(text("readme.case", lang, facts=" · ".join(facts)))
    for deadline in classification.deadlines:
        lines.append(text("readme.deadline", lang, name=deadline.name, date=deadline.date.isoformat()))
    seen: set[str] = set()
    for required, heading in ((True, "readme.required"), (False, "readme.optional")):
        entries = [d for d in classification.documents if d.required is required and d.id not in seen]
        if not entries:
            continue
        lines += ["", text(heading, lang)]
        for number, document in enumerate(entries, start=1):
            seen.add(document.id)
            line = f"  {number}. {document.name} ({document.id})"
            name = folder_name(document.id, profile, lang)
            if name in sub_folders:
                line += f"  → {text('readme.folder', lang)} {name}/"
            if document.alternatives:
                others = f" {text('label.or', lang)} ".join(
                    profile.document_name(other, lang) for other in document.alternatives)
                line += f"  ({text('label.or', lang)} {others})"
            lines.append(line)
    if not nothing:
        lines += ["", text("readme.check", lang, folder=str(folder))]
    warnings = classification.warnings
    if warnings:
        lines += ["", text("label.warnings", lang)]
        lines += [f"  - {getattr(warning, 'text', warning)}" for warning in warnings]
    return "\n".join(lines) + "\n"


def write(plan_: Plan) -> Plan:
    """Make the folder and sub-folders, then put case.toml and README.txt in place atomically.
    On failure, what this run made is removed and WorkFailed is raised."""
    made: list[Path] = []
    temporary: list[Path] = []
    current = plan_.folder
    try:
        missing_parents = []
        while not current.exists():
            missing_parents.append(current)
            current = current.parent
        for path in reversed(missing_parents):
            path.mkdir()
            made.append(path)
        for name in plan_.sub_folders:
            path = plan_.folder / name
            if not path.exists():
                path.mkdir()
                made.append(path)
        staged = []
        for name, content in ((README_FILE, plan_.readme_text), (case_file.CASE_FILE, plan_.case_text)):
            descriptor, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp",
                                                     dir=plan_.folder)
            temporary.append(Path(temp_name))
            os.chmod(temp_name, atomic.new_file_mode())  # mkstemp makes 0600; a case file is not secret
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((Path(temp_name), plan_.folder / name))
        for temp_path, final in staged:  # case.toml last: a folder with it is a whole dossier
            os.replace(temp_path, final)
            plan_.written.append(final.name)
        temporary.clear()
    except OSError as error:
        for path in temporary:
            path.unlink(missing_ok=True)
        for path in reversed(made):
            try:
                path.rmdir()
            except OSError:
                pass
        where = error.filename or plan_.folder
        raise WorkFailed("write_failed", file=str(where),
                         reason=error.strerror or type(error).__name__) from None
    return plan_
