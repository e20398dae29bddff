"""One way through a dossier for every command: case → profile → classification → files → report → forms → PDF.

`dossier check`, `dossier forms`, `dossier build` and `deadlines` call this module; the `cli/`
files parse options, call it, render what it returns and exit with `exit_code`. Nothing here
prints or reads the clock. A dossier's files are read once (`files.reading`), on all cores, and
the build draws from what was read: what `dossier check` shows with ✓ is what goes into the PDF.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import partial
from datetime import date, datetime
from pathlib import Path
from typing import Any

from offsite_cli.base.errors import BadInput, ExitCode, OffsiteError
from offsite_cli.base.i18n import text
from offsite_cli.dossier import agenda, checking, digest
from offsite_cli.dossier import status as claim_status
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

    @property
    def claim(self) -> case_file.Case:
        """The case with the claim's receipts: those typed in case.toml and those read off its
        e-receipt files (what the forms' expense table lists)."""
        if not self.report.receipts:
            return self.case
        return replace(self.case, receipts=[found.receipt for found in self.report.receipts])


def classify(folder: Path, today: date, lang: str, profile_id: str | None = None,
             case: case_file.Case | None = None,
             loaded: dict[str, profiles.Profile] | None = None) -> Classified:
    """Load the case (BadInput for a bad case.toml), its profile, and classify it. `loaded`: the
    profiles already loaded by a run over many dossiers (each is loaded once per run)."""
    case = case if case is not None else case_file.load(folder, today)
    wanted = profile_id or case.profile or profiles.DEFAULT_PROFILE
    profile = loaded.get(wanted) if loaded is not None else None
    if profile is None:
        profile = profiles.load(wanted)
        if loaded is not None:
            loaded[wanted] = profile
    classification = rules.classify(checking.situation_of(case, profile), profile, today, lang)
    return Classified(folder=folder, case=case, profile=profile, classification=classification)


def open_dossier(folder: Path, today: date, lang: str, *, profile_id: str | None = None,
                 passwords: dict[str, str] | None = None, keep: bool = False,
                 case: case_file.Case | None = None, sheets: bool = True,
                 helper: Any = None) -> Dossier:
    """Classify the case and read every file of the folder against its checklist.

    `keep`: hold each file's bytes and opened PDF for `build` (a check alone drops them);
    `sheets`: look for the document's outline in photos (a build --as-taken does not);
    `helper`: a `drawing_helper`, which draws the OFD files.
    """
    classified = classify(folder, today, lang, profile_id, case)
    report = checking.check_files(folder, classified.case, classified.classification,
                                  classified.profile, lang, passwords or {}, keep=keep,
                                  sheets=sheets, helper=helper)
    if not passwords:  # what `ledger` and `--across` need from it, kept (dossier/digest.py)
        digest.remember(report, classified.profile)
    return Dossier(folder=folder, case=classified.case, profile=classified.profile,
                   classification=classified.classification, report=report)


# ----------------------------------------------------------------------------------------- forms


def fill_forms(dossier: Dossier, lang: str, today: date, out_dir: Path, *, font: str | None = None,
               names: list[str] | None = None, include_optional: bool = False,
               write: bool = True, forms_lang: str = "zh", helper: Any = None) -> list[Any]:
    """The forms the case needs, filled in `forms_lang` (the insurance office's language, Chinese
    unless asked), their warnings in `lang` (written to `out_dir` unless `write` is False: then
    for the dossier PDF, whose page numbers stand in for the forms' own); the documents the check
    found are ticked under 所附材料. `helper`: a `drawing_helper`, which fills them (for the PDF).
    """
    from offsite_cli.base.offload import submit
    from offsite_cli.pdf import forms

    classification = classification_in(dossier, lang, forms_lang)
    job = submit(helper if not write else None,  # (the helper writes no file)
                 forms.render_case_forms, dossier.claim, classification, dossier.profile, forms_lang,
                 out_dir, font=font, today=today, names=names, include_optional=include_optional,
                 unit=case_file.unit_of(dossier.case, classification),
                 present=forms.present_documents(dossier.report), write=write, say=lang,
                 numbered=write)
    return job.result()


def classification_in(dossier: Dossier, opened: str, lang: str) -> Any:
    """The dossier's classification with its words (the deadlines' names) in `lang`: the one it
    was `opened` with when that is the same language."""
    if lang == opened:
        return dossier.classification
    return rules.classify(checking.situation_of(dossier.case, dossier.profile), dossier.profile,
                          dossier.classification.today, lang)


def optional_forms(dossier: Dossier, written: list[Any]) -> list[Any]:
    """The optional forms of the case that were not filled (what `dossier forms --all` adds)."""
    from offsite_cli.policy import form_needs

    done = {form.name for form in written}
    return [need for need in form_needs.needed_forms(dossier.classification, dossier.profile)
            if not need.required and need.name not in done]


FAMILY_SHEET = "family-sheet"  # the template of the one page for the patient's family


def family_sheet(classified: Classified, lang: str, today: date, target: Path, *,
                 font: str | None = None, write: bool = True) -> Any:
    """The one page for the patient's family (what to collect and have stamped before
    discharge, and by when), filled from the case alone and written atomically to `target`
    (`write` False: only filled, the PDF in `.data`)."""
    from offsite_cli.base import atomic
    from offsite_cli.pdf import forms

    case = classified.case
    rendered = forms.render_case_forms(case, classified.classification, classified.profile, lang,
                                       target.parent, font=font, today=today, names=[FAMILY_SHEET],
                                       unit=case_file.unit_of(case, classified.classification),
                                       write=False)[0]
    rendered.path = target
    if write:
        atomic.write_bytes(target, rendered.data)
    return rendered


def form_warnings(dossier: Dossier, rendered: list[Any], lang: str, today: date) -> list[str]:
    """The forms' warnings about the case data (receipts that do not add up, …), once each; with
    no form to fill, the same data checks all the same."""
    from offsite_cli.pdf import forms

    warnings = [warning for item in rendered for warning in item.warnings]
    if not rendered:
        warnings += forms.context(dossier.claim, dossier.classification, dossier.profile, lang,
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
    forms_lang: str = "zh"  # the forms' language (the office's), whatever the terminal's
    created: datetime | None = None
    scan_look: str = "auto"  # the copier's look of straightened photos (files.look.LOOKS)
    as_taken: bool = False  # photos as they are: not straightened, not laid out together


def prepare_build(font: str | None) -> None:
    """What a build needs besides the files: `prepare_drawing`'s, and the PDF writer. A batch
    does it once before its workers fork. (Not OpenCV: photos whose sheets were found before
    need none, files.scan.Memo.)"""
    import pypdf  # noqa: F401

    from offsite_cli.pdf import bundle  # noqa: F401

    prepare_drawing(font)


def prepare_drawing(font: str | None) -> None:
    """What drawing the forms and the cover needs: the templates' engine, reportlab and the CJK
    font (not pypdf: the helper returns PDF bytes)."""
    import jinja2.sandbox  # noqa: F401
    import reportlab.platypus  # noqa: F401

    from offsite_cli.base import fonts
    from offsite_cli.pdf import cover, forms, markup  # noqa: F401

    fonts.register(font)


def drawing_helper(font: str | None, fork: bool = True) -> Any:
    """One build's helper process (base/offload.py): forked now, before any thread, it imports
    the PDF engine and parses the font on the other core while this process reads the files,
    then draws the forms and the cover. Where it cannot be used, or not `fork` (a batch's
    worker: the batch has the cores busy already), the engine is readied on a thread here and
    they are drawn here once it is. A context manager."""
    from offsite_cli.base.offload import Offload

    return Offload(partial(prepare_drawing, font), use=None if fork else False)


def prepare_reading() -> None:
    """What reading a dossier's files needs imported: the PDF and image libraries."""
    import PIL.Image  # noqa: F401
    import pypdf  # noqa: F401

    from offsite_cli.files import reading  # noqa: F401


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


def nothing_to_build(dossier: Dossier, lang: str) -> str:
    """Why no PDF is made ("" when there is one to make): a case with no document to collect —
    settled directly by card, local, not reimbursable — has nothing to claim and nothing to
    file, and a "报销材料" over an empty checklist would say otherwise."""
    from offsite_cli.base.i18n import label, text

    if dossier.classification.to_claim:
        return ""
    route = dossier.classification.route.value
    return text("build_nothing", lang, folder=str(dossier.folder), route=label("route", route, lang))


def terminal_notes(dossier: Dossier, rendered: list[Any], lang: str, today: date) -> list[str]:
    """What the build tells the clerk (not the office: the cover states facts): the rules' notes
    and advice, the forms' warnings about the case data, and what to do about a past deadline."""
    from offsite_cli.base.i18n import text

    notes = [notice.text for notice in dossier.classification.warnings]
    notes += form_warnings(dossier, rendered, lang, today)
    handed = claim_status.handed_in(dossier.case.history)  # with the office: late only if it was by then
    if dossier.classification.late.overdue_days or (handed is None and any(
            d.days_left < 0 and not d.at_least for d in dossier.classification.deadlines)):
        notes.append(text("build.overdue_note", lang))
    return list(dict.fromkeys(notes))


def build(dossier: Dossier, request: BuildRequest, lang: str, today: date,
          progress: Any = None, helper: Any = None) -> Any:
    """The dossier PDF (a `bundle.Result`), from the files as `open_dossier(keep=True)` read them
    and the forms filled in memory; `bundle.Incomplete` when a required document is missing.
    `helper`: a `drawing_helper`, which draws the forms and the cover."""
    from offsite_cli.files import reading
    from offsite_cli.pdf import bundle

    target = output_of(dossier, request)
    rendered = fill_forms(dossier, lang, today, dossier.folder / "forms", font=request.font,
                          write=False, forms_lang=request.forms_lang, helper=helper)
    forms = [bundle.FormInput(title=item.title,
                              info=reading.judge(reading.unreadable(item.path, item.path.name, ""),
                                                 item.data, lang, keep=True),
                              document=item.document, pending=item.pending) for item in rendered]
    case, profile = dossier.case, dossier.profile
    office = request.forms_lang  # the PDF is the office's, as the forms are: the terminal's is `lang`
    options = bundle.Options(
        lang=office, say=lang, allow_incomplete=request.allow_incomplete,
        office=None if office == lang else bundle.Office(
            names={document.id: profile.document_name(document.id, office)
                   for document in dossier.report.documents},
            classification=classification_in(dossier, lang, office)),
        include_unmatched=request.include_unmatched, compress=request.compress,
        max_size=request.max_size, font_path=request.font, created=request.created,
        category_name=profile.category_name(case.category, office) if case.category else "",
        unit=case_file.unit_of(case, dossier.classification),
        notes=terminal_notes(dossier, rendered, lang, today),
        skip={dossier.folder / "forms"}, scan_look=request.scan_look, as_taken=request.as_taken,
        helper=helper,
    )
    return bundle.build(dossier.report, forms, target, options, progress)


# ------------------------------------------------------------------------------------- deadlines


def deadlines(roots: list[Path], today: date, lang: str, profile_id: str | None = None,
              within: int | None = None) -> agenda.Agenda:
    """The deadlines of every dossier under the roots, soonest first, as its status leaves them
    (dossier/status.py); `within` keeps those due in N days or overdue. A case.toml that cannot be
    used is listed in `broken`; the rest go on."""
    items: list[agenda.Item] = []
    broken: list[tuple[Path, OffsiteError]] = []
    loaded: dict[str, profiles.Profile] = {}
    for folder in agenda.find_dossiers(roots):
        try:
            classified = classify(folder, today, lang, profile_id, loaded=loaded)
        except OffsiteError as error:
            broken.append((folder, error))
            continue
        history = classified.case.history  # submitted: payment expected; paid…: nothing left
        now = claim_status.current(history)
        for deadline in claim_status.open_deadlines(classified.classification, history,
                                                    classified.profile, today, lang):
            if deadline.at_least and deadline.days_left < 0:
                continue  # a validity that has run out is nothing left to do by a date
            if within is None or deadline.days_left <= within:
                items.append(agenda.Item(folder=folder, name=classified.case.name, deadline=deadline,
                                         status=now))
    items.sort(key=lambda item: (item.deadline.date, str(item.folder), item.deadline.id))
    return agenda.Agenda(items=items, broken=broken)


# ------------------------------------------------------------------------------------ exit codes


def exit_code(*outcomes: object) -> ExitCode:
    """The worst of what the commands found, in one place (CONTRACT.md):
    an error → its own code (2 bad input, 3 work failed); an incomplete dossier (checked, or a
    build refused) → 1; a built PDF over --max-size → 1; an overdue deadline list → 1; an exit
    code already worked out (one dossier of a batch, done in another process) → itself."""
    from offsite_cli.pdf import bundle

    code = ExitCode.OK
    for outcome in outcomes:
        if isinstance(outcome, ExitCode):
            found = outcome
        elif isinstance(outcome, OffsiteError):
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



# ----------------------------------------------------------------------- the claim's progress


def mark(folder: Path, status: str, on: date, today: date, amount: float | None = None,
         note: str = "") -> Any:
    """One more line of the claim's history in case.toml, checked (the steps that may follow,
    dates, the amount paid), as an `edit.Edit` to write; BadInput leaves the file untouched."""
    from offsite_cli.dossier import edit, status as claim_status
    from offsite_cli.policy.values import ClaimStatus

    new = claim_status.parse_status(status)  # an id or a label the tool prints (已提交)
    if new is None:
        raise BadInput("choice", field="STATUS", value=status, expected=claim_status.statuses())
    case = case_file.load(folder, today)
    if new is ClaimStatus.SUBMITTED:
        _has_a_claim(folder, case, today)
    claimed = case.amount if case.amount is not None else (
        sum(receipt.amount for receipt in case.receipts) if case.receipts else None)
    claim_status.check_mark(case.path, case.history, new, on, amount, claimed,
                            case.discharged or case.admitted, today)
    return edit.add_history(folder, {"date": on, "status": new.value, "amount": amount,
                                     "note": note.strip()}, today)


def _has_a_claim(folder: Path, case: Any, today: date) -> None:
    """A case with nothing to claim (settled directly by card, local, not reimbursable: no
    document to collect, no PDF made) is not handed in: BadInput saying so. A case the rules
    cannot classify yet keeps the clerk's word."""
    from offsite_cli.base.i18n import both, label

    try:
        classified = classify(folder, today, "en", case=case)
    except OffsiteError:
        return
    if not classified.classification.to_claim:
        route = classified.classification.route.value
        direct = route == "direct_settlement"  # (settled by card: a manual claim is the other way)
        raise BadInput("mark_nothing_direct" if direct else "mark_nothing_to_claim", file=str(case.path),
                       route=both(label("route", route, "zh"), label("route", route, "en")))


def digested(roots: list[Path], today: date, lang: str, profile_id: str | None,
             broken: list[tuple[Path, OffsiteError]], skip: str | None = None) -> Any:
    """Each dossier under the roots, classified, with the digest of its file report (read again
    only where its files changed); one that cannot be used goes into `broken`. `skip`: a folder
    (its real path) left out."""
    import os

    loaded: dict[str, profiles.Profile] = {}
    for folder in agenda.find_dossiers(roots):
        if skip is not None and os.path.realpath(folder) == skip:
            continue
        try:
            classified = classify(folder, today, lang, profile_id, loaded=loaded)
            found = digest.of_dossier(folder, classified.case, classified.classification,
                                      classified.profile, lang)
        except OffsiteError as error:
            broken.append((folder, error))
            continue
        classified.case.show_receipt_numbers(list(found.numbers))  # read off its e-receipts
        yield classified, found


def ledger(roots: list[Path], today: date, lang: str, profile_id: str | None = None) -> Any:
    """The claims register (a `dossier.ledger.Ledger`): a row for every dossier under the roots,
    from its classification, its history and its file digest — documents are read only where
    they changed since they were last read — and the receipts found in two dossiers. A case.toml
    that cannot be used is listed in `broken`; the rest go on."""
    from offsite_cli.dossier import duplicates
    from offsite_cli.dossier import ledger as register

    rows = []
    broken: list[tuple[Path, OffsiteError]] = []
    for classified, found in digested(roots, today, lang, profile_id, broken):
        profile = classified.profile
        names = tuple(profile.document_name(d, lang) for d in found.missing) + tuple(
            text("ledger.unreadable", lang, name=profile.document_name(d, lang))
            for d in found.unreadable)
        deadlines = claim_status.open_deadlines(classified.classification, classified.case.history,
                                                profile, today, lang)
        rows.append(register.Row(case=classified.case, route=classified.classification.route.value,
                                 digest=found, deadline=register.lead_deadline(deadlines),
                                 missing_names=names,
                                 to_claim=classified.classification.to_claim))
    found_duplicates = duplicates.find([duplicates.claims_of(row.case, row.digest) for row in rows])
    for row in rows:
        row.duplicates = duplicates.involving(row.case.folder, found_duplicates)
    return register.Ledger(rows=rows, broken=broken, duplicates=found_duplicates)


def duplicates_among(roots: list[Path], today: date, lang: str, profile_id: str | None = None
                     ) -> tuple[list[Any], list[tuple[Path, OffsiteError]]]:
    """The receipts found in two or more of the dossiers under the roots (the same number, or a
    file with the same content), from the digests of their file reports (kept in the cache folder
    by the check that just ran: no file is read again), and the dossiers that could not be compared."""
    from offsite_cli.dossier import duplicates

    broken: list[tuple[Path, OffsiteError]] = []
    claims = [duplicates.claims_of(classified.case, found)
              for classified, found in digested(roots, today, lang, profile_id, broken)]
    return duplicates.find(claims), broken


def across(dossier: Dossier, roots: list[Path], today: date, lang: str,
           profile_id: str | None = None) -> tuple[list[Any], list[tuple[Path, OffsiteError]]]:
    """The receipts of an opened dossier that are also in another dossier under the roots (the
    same number, or a file with the same content), and the dossiers that could not be compared."""
    import os

    from offsite_cli.dossier import duplicates

    mine = duplicates.claims_of(dossier.case, digest.of_report(dossier.report))
    broken: list[tuple[Path, OffsiteError]] = []
    others = [duplicates.claims_of(classified.case, found) for classified, found in
              digested(roots, today, lang, profile_id, broken, skip=os.path.realpath(dossier.folder))]
    return duplicates.involving(dossier.folder, duplicates.find([mine, *others])), broken
