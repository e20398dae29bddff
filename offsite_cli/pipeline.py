"""One way through a dossier for every command: case → profile → classification → files → report → forms → PDF.

`dossier check`, `dossier forms`, `dossier build` and `deadlines` call this module; the `cli/`
files parse options, call it, render what it returns and exit with `exit_code`. Nothing here
prints or reads the clock. A dossier's files are read once (`files.reading`), on all cores, and
the build draws from what was read: what `dossier check` shows with ✓ is what goes into the PDF.
"""

from __future__ import annotations

import os

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from offsite_cli.base.errors import BadInput, ExitCode, OffsiteError
from offsite_cli.dossier import agenda, checking
from offsite_cli.dossier import case as case_file
from offsite_cli.dossier.checklist import DossierReport
from offsite_cli.policy import profiles, rules


@dataclass(frozen=True)
class Classified:
    """A case and what its rules say, without its files (all `deadlines` needs)."""

    folder: Path
    case: case_file.Case
    profile: profiles.Profile
    classification: rules.Classification


@dataclass(frozen=True)
class Dossier(Classified):
    """An opened dossier: the case classified and every file read and matched."""

    report: DossierReport = field(default=None)  # type: ignore[assignment]

    @property
    def complete(self) -> bool:
        return self.report.complete


def classify(folder: Path, today: date, lang: str, profile_id: str | None = None,
             case: case_file.Case | None = None) -> Classified:
    """Load the case (BadInput for a bad case.toml), its profile, and classify it."""
    case = case if case is not None else case_file.load(folder, today)
    profile = profiles.load(profile_id or case.profile or profiles.DEFAULT_PROFILE)
    classification = rules.classify(checking.situation_of(case, profile), profile, today, lang)
    return Classified(folder=folder, case=case, profile=profile, classification=classification)


def open_dossier(folder: Path, today: date, lang: str, *, profile_id: str | None = None,
                 passwords: dict[str, str] | None = None, keep: bool = False,
                 case: case_file.Case | None = None) -> Dossier:
    """Classify the case and read every file of the folder against its checklist.

    `keep`: hold each file's bytes and opened PDF for `build` (a check alone drops them).
    """
    classified = classify(folder, today, lang, profile_id, case)
    report = checking.check_files(folder, classified.case, classified.classification,
                                  classified.profile, lang, passwords or {}, keep=keep)
    return Dossier(folder=folder, case=classified.case, profile=classified.profile,
                   classification=classified.classification, report=report)


# ----------------------------------------------------------------------------------------- forms


def fill_forms(dossier: Dossier, lang: str, today: date, out_dir: Path, *, font: str | None = None,
               names: list[str] | None = None, include_optional: bool = False,
               write: bool = True) -> list[Any]:
    """The forms the case needs, filled (written to `out_dir` unless `write` is False); the
    documents the check found are ticked under 所附材料."""
    from offsite_cli.pdf import forms

    return forms.render_case_forms(dossier.case, dossier.classification, dossier.profile, lang,
                                   out_dir, font=font, today=today, names=names,
                                   include_optional=include_optional,
                                   unit=case_file.unit_of(dossier.case, dossier.classification),
                                   present=forms.present_documents(dossier.report), write=write)


def optional_forms(dossier: Dossier, written: list[Any]) -> list[Any]:
    """The optional forms of the case that were not filled (what `dossier forms --all` adds)."""
    from offsite_cli.policy import form_needs

    done = {form.name for form in written}
    return [need for need in form_needs.needed_forms(dossier.classification, dossier.profile)
            if not need.required and need.name not in done]


def form_warnings(dossier: Dossier, rendered: list[Any], lang: str, today: date) -> list[str]:
    """The forms' warnings about the case data (receipts that do not add up, …), once each; with
    no form to fill, the same data checks all the same."""
    from offsite_cli.pdf import forms

    warnings = [warning for item in rendered for warning in item.warnings]
    if not rendered:
        warnings += forms.context(dossier.case, dossier.classification, dossier.profile, lang,
                                  case_file.unit_of(dossier.case, dossier.classification), today, "")[1]
    return list(dict.fromkeys(warnings))


# ----------------------------------------------------------------------------------------- build


@dataclass
class BuildRequest:
    output: Path | None = None  # default DIR/dossier.pdf
    allow_incomplete: bool = False
    include_unmatched: bool = False
    compress: bool = False
    max_size: int | None = None
    font: str | None = None  # a font file, or None for the packaged one
    created: datetime | None = None


class WarmUp:
    """What the build needs besides the files — the PDF libraries imported, the form templates'
    engine, the CJK font parsed (or taken from the cache) — made ready on a thread while the
    dossier's files are read (hashing and inflating release the GIL: both cores are busy)."""

    def __init__(self, font: str | None) -> None:
        import threading

        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(font,), name="offsite-warm-up",
                                       daemon=True)
        self.thread.start()

    def _run(self, font: str | None) -> None:
        try:
            import jinja2.sandbox  # noqa: F401 - imported now, used by the forms
            import pypdf  # noqa: F401
            import reportlab.platypus  # noqa: F401

            from offsite_cli.pdf import bundle, fonts, markup  # noqa: F401

            fonts.register(font)
        except BaseException as error:  # noqa: BLE001 - said again where it is used, on the main thread
            self.failure = error

    def wait(self) -> None:
        """Joined before the forms are filled; a failure is left for the main thread to meet."""
        self.thread.join()


def output_of(dossier: Dossier, request: BuildRequest) -> Path:
    """Where the PDF goes. Never over a file of the dossier (its case.toml, README.txt, any scan):
    inside DIR only dossier.pdf, or a file that does not exist yet, may be the output."""
    folder = dossier.folder
    target = (request.output if request.output is not None else folder / "dossier.pdf").absolute()
    inputs = {Path(os.path.realpath(info.path)) for info in dossier.report.files}  # loops too
    inside = folder.resolve() in target.resolve().parents
    if target.resolve() in inputs or (inside and target.exists()
                                      and target.resolve() != (folder / "dossier.pdf").resolve()):
        raise BadInput("build_output_is_input", file=str(target))
    return target


def build(dossier: Dossier, request: BuildRequest, lang: str, today: date,
          progress: Any = None) -> Any:
    """The dossier PDF (a `bundle.Result`), from the files as `open_dossier(keep=True)` read them
    and the forms filled in memory; `bundle.Incomplete` when a required document is missing."""
    from offsite_cli.files import reading
    from offsite_cli.pdf import bundle

    target = output_of(dossier, request)
    rendered = fill_forms(dossier, lang, today, dossier.folder / "forms", font=request.font, write=False)
    forms = [bundle.FormInput(title=item.title,
                              info=reading.judge(reading.unreadable(item.path, item.path.name, ""),
                                                 item.data, lang, keep=True),
                              document=item.document, pending=item.pending) for item in rendered]
    case, profile = dossier.case, dossier.profile
    options = bundle.Options(
        lang=lang, allow_incomplete=request.allow_incomplete,
        include_unmatched=request.include_unmatched, compress=request.compress,
        max_size=request.max_size, font_path=request.font, created=request.created,
        category_name=profile.category_name(case.category, lang) if case.category else "",
        unit=case_file.unit_of(case, dossier.classification), notes=form_warnings(dossier, rendered, lang, today),
        skip={dossier.folder / "forms"},
    )
    return bundle.build(dossier.report, forms, target, options, progress)


# ------------------------------------------------------------------------------------- deadlines


def deadlines(roots: list[Path], today: date, lang: str, profile_id: str | None = None,
              within: int | None = None) -> agenda.Agenda:
    """The deadlines of every dossier under the roots, soonest first; `within` keeps those due in
    N days or overdue. A case.toml that cannot be used is listed in `broken`; the rest go on."""
    items: list[agenda.Item] = []
    broken: list[tuple[Path, OffsiteError]] = []
    for folder in agenda.find_dossiers(roots):
        try:
            classified = classify(folder, today, lang, profile_id)
        except OffsiteError as error:
            broken.append((folder, error))
            continue
        for deadline in classified.classification.deadlines:
            if deadline.at_least and deadline.days_left < 0:
                continue  # a validity that has run out is nothing left to do by a date
            if within is None or deadline.days_left <= within:
                items.append(agenda.Item(folder=folder, name=classified.case.name, deadline=deadline))
    items.sort(key=lambda item: (item.deadline.date, str(item.folder), item.deadline.id))
    return agenda.Agenda(items=items, broken=broken)


# ------------------------------------------------------------------------------------ exit codes


def exit_code(*outcomes: object) -> ExitCode:
    """The worst of what the commands found, in one place (CONTRACT.md):
    an error → its own code (2 bad input, 3 work failed); an incomplete dossier (checked, or a
    build refused) → 1; a built PDF over --max-size → 1; an overdue deadline list → 1."""
    from offsite_cli.pdf import bundle

    code = ExitCode.OK
    for outcome in outcomes:
        if isinstance(outcome, OffsiteError):
            found = ExitCode(outcome.exit_code)
        elif isinstance(outcome, Dossier):
            found = ExitCode.OK if outcome.complete else ExitCode.FINDING
        elif isinstance(outcome, bundle.Result):
            found = ExitCode.FINDING if outcome.over_size else ExitCode.OK
        elif isinstance(outcome, agenda.Agenda):
            found = ExitCode.FINDING if outcome.overdue else \
                (ExitCode.BAD_INPUT if outcome.broken else ExitCode.OK)
        else:
            raise TypeError(f"no exit code for {type(outcome).__name__}")
        code = max(code, found)
    return code

