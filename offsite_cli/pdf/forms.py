"""Forms: the ones a case needs (policy/form_needs), filled from Jinja templates (user's first) → markup → PDF.

Templates live in `templates/forms/NAME.LANG.j2`, the user's config folder first, then the shipped
ones; a user template can extend a shipped one as `default:forms/NAME.LANG.j2`. Every template runs
in Jinja's sandbox with StrictUndefined, so a misspelt field fails with the file and the line.
"""

from __future__ import annotations

import functools
import hashlib
import io
import time
import traceback
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from offsite_cli.base import amounts, atomic, resources
from offsite_cli.base.errors import BadInput, WorkFailed, os_reason
from offsite_cli.base.i18n import both, label, text
from offsite_cli.dossier.status import entry_key
from offsite_cli.policy.form_needs import FormNeed, needed_forms
from offsite_cli.policy.values import CategoryClass

SUFFIX = resources.FORM_SUFFIX
FOLDER = resources.FORMS_FOLDER
BLANK = "________"
MIN_EXPENSE_ROWS = 4


class Raw(str):
    """Text a template prints as markup (check boxes, blanks), not escaped."""


class Blank(Raw):
    """A value not known, printed as a blank as wide as the value would be (an ID number's 18
    digits, a date's 年月日); false in a template's `{% if %}`, like the None it stands for."""

    def __bool__(self) -> bool:
        return False


# How many markup underscores (about half a character each) a value of a field fills; the
# others get BLANK. A date is 年、月、日 to fill in (a year, a month and a day) in Chinese.
BLANK_WIDTHS = {"id_number": 20, "phone": 14, "bank_account": 24, "bank": 18, "name": 8,
                "sex": 4, "relation": 6, "hospital": 18, "unit": 20, "unit_address": 24,
                "unit_contact": 8, "unit_phone": 14, "region": 16, "care": 8, "days": 4}
DATE_FIELDS = {"admitted", "discharged", "filed_on", "birth_date"}


def _blank_for(key: str, lang: str) -> Blank | None:
    if key in DATE_FIELDS:
        return Blank("______年____月____日" if lang == "zh" else "______________")
    width = BLANK_WIDTHS.get(key)
    return Blank("_" * width) if width else None


def _sized_blanks(values: dict[str, Any], lang: str) -> None:
    """Each unknown value of person, guardian, insured and episode → a blank of its size."""
    for table in ("person", "guardian", "insured", "episode"):
        for key, value in values[table].items():
            if value is None or value == "":
                blank = _blank_for(key, lang)
                if blank is not None:
                    values[table][key] = blank


@dataclass(frozen=True)
class FormTemplate:
    name: str
    lang: str
    path: Path
    origin: str  # user | shipped


@dataclass
class RenderedForm:
    name: str
    title: str
    path: Path
    pages: int
    required: bool
    lang: str
    template: Path
    origin: str
    warnings: list[str] = field(default_factory=list)
    document: str | None = None  # the checklist document it stands for, once signed or sealed
    pending: str = "signature"
    data: bytes = field(default=b"", repr=False)  # the PDF

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "path": str(self.path), "pages": self.pages,
                "required": self.required, "lang": self.lang, "template": str(self.template),
                "origin": self.origin, "document": self.document, "warnings": list(self.warnings)}


# ------------------------------------------------------------------------------------- templates


def available() -> dict[str, dict[str, FormTemplate]]:
    """name → lang → the template in use (the user's copy over the shipped one)."""
    return {name: {lang: FormTemplate(name, lang, path, origin)
                   for lang, (path, origin) in langs.items()}
            for name, langs in resources.form_templates().items()}


def shipped_names() -> list[str]:
    """Every form shipped with offsite, whether or not the user has a copy of it."""
    folder = resources.shipped_templates_dir() / FOLDER
    names = {path.name[: -len(SUFFIX)].rpartition(".")[0] for path in folder.glob(f"*.*{SUFFIX}")}
    return sorted(name for name in names if name and shipped(name))


def shipped(name: str) -> dict[str, Path]:
    folder = resources.shipped_templates_dir() / FOLDER
    return {lang: folder / f"{name}.{lang}{SUFFIX}" for lang in ("zh", "en")
            if (folder / f"{name}.{lang}{SUFFIX}").is_file()}


def title(name: str, lang: str) -> str:
    key = f"form.{name}"
    shown = text(key, lang)
    return name if shown == key else shown


def find(name: str, lang: str) -> FormTemplate:
    templates = available().get(name)
    if not templates:
        raise BadInput("form_unknown", field="form", value=name, known=", ".join(available()))
    if lang not in templates:
        folder = resources.user_templates_dir() / FOLDER
        raise BadInput("form_no_lang", field="form", value=name, lang=lang,
                       file=str(folder / f"{name}.{lang}{SUFFIX}"))
    return templates[lang]


def _environment():  # noqa: ANN202 - a jinja2 SandboxedEnvironment
    """The forms' environment, one per process and template folders: its templates are compiled
    once (jinja keeps them, and compiles one again when its file changes), not once a dossier."""
    return _environment_for(str(resources.shipped_templates_dir()), str(resources.user_templates_dir()))


@functools.lru_cache(maxsize=4)
def _environment_for(shipped_root: str, user_root: str):  # noqa: ANN202
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined

    from offsite_cli.pdf.markup import escape

    def finalize(value: Any) -> str:
        if isinstance(value, Raw):
            return value
        if value is None or value == "":
            return BLANK
        if isinstance(value, float):
            value = f"{value:g}"
        return escape(str(value))

    loader = ChoiceLoader([
        PrefixLoader({"default": FileSystemLoader(shipped_root)}, delimiter=":"),
        FileSystemLoader([user_root, shipped_root]),
    ])
    environment = _bounded_environment_class()(
        loader=loader, undefined=StrictUndefined, finalize=finalize, autoescape=False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        bytecode_cache=_compiled_templates(),
    )
    environment.filters["markup"] = Raw
    environment.globals["range"] = environment.bounded_range
    for name, function in list(environment.filters.items()):  # center(10**8), indent(10**8), …
        environment.filters[name] = _bounded_filter(function)
    return environment


def _compiled_templates():  # noqa: ANN202 - a jinja2 BytecodeCache
    """The templates as jinja compiled them, kept in the cache folder: a command that fills forms
    compiles none again (about 20 ms a template). Jinja keys each to its name and checks it against
    a hash of its source, so an edited template is compiled anew; the folder is named for this
    module and jinja's version (the sandbox and these options shape the compiled code). A cache
    file that is damaged, or is not a regular file, is no cache."""
    from jinja2 import BytecodeCache, __version__ as jinja_version

    from offsite_cli import __version__

    stamp = hashlib.sha256(repr([__version__, jinja_version, *resources.code_stamp(__file__)])
                           .encode()).hexdigest()[:16]

    def file(bucket: Any) -> Path:  # the cache folder of now (OFFSITE_CACHE_DIR may change)
        return resources.cache_dir() / "templates" / stamp / f"{bucket.key}.code"

    class Compiled(BytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            held = atomic.read_cache_bytes(file(bucket), 8 * 1024 * 1024)
            if held is None:
                return
            try:
                bucket.bytecode_from_string(held)
            except Exception:  # noqa: BLE001 - a damaged cache file: compiled again
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            atomic.write_cache(file(bucket), bucket.bytecode_to_string())

    return Compiled()


def _bounded_filter(function: Any) -> Any:
    """A filter whose number arguments are bounded as a call's are (filters bypass `call`)."""

    first = 2 if getattr(function, "jinja_pass_arg", None) else 1  # past the value filtered

    @functools.wraps(function)  # keeps jinja's pass_context/pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[first:], *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
                raise TemplateTooBig("number")
        return function(*args, **kwargs)

    return bounded


# A user's template is bounded: it is a form, not a program (issue 12).
MAX_OUTPUT = 200_000  # characters of markup (a form is a few thousand)
MAX_ITEMS = 20_000  # range() items over one rendering
MAX_NUMBER = 100_000  # the largest number a call or a repetition may take
MAX_SECONDS = 10.0


class TemplateTooBig(Exception):
    """A template went past a bound; `what` says which."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@functools.cache
def _bounded_environment_class():  # noqa: ANN202 - jinja2 is imported only here
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedEnvironment(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def start(self) -> None:
            self.items, self.started = 0, time.monotonic()

        def tick(self) -> None:
            if time.monotonic() - self.started > MAX_SECONDS:
                raise TemplateTooBig("time")

        def bounded_range(self, *args: int) -> range:
            numbers = range(*args)
            self.items += len(numbers)
            if self.items > MAX_ITEMS:
                raise TemplateTooBig("range")
            self.tick()
            return numbers

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            self.tick()
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise TemplateTooBig("power")
            if operator == "*":
                for number, other in ((left, right), (right, left)):
                    if isinstance(number, int) and isinstance(other, (str, list, tuple)) \
                            and number * len(other) > MAX_NUMBER:
                        raise TemplateTooBig("repeat")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            __self.tick()
            for value in (*args, *kwargs.values()):
                if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
                    raise TemplateTooBig("number")
            return super().call(__context, __obj, *args, **kwargs)

    return BoundedEnvironment


def _template_line(error: BaseException, fallback: Path) -> tuple[str, int | str]:
    """The template file and line an error happened at (Jinja rewrites tracebacks to point there)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(SUFFIX):
            return frame.filename, frame.lineno or "?"
    return str(fallback), "?"


def render_markup(template: FormTemplate, context: dict[str, Any]) -> str:
    """The template's markup text; any template error is bad input naming the file and the line."""
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    environment = _environment()
    relative = f"{FOLDER}/{template.name}.{template.lang}{SUFFIX}"
    try:
        if template.origin == "shipped":
            compiled = environment.get_template(f"default:{relative}")
        else:
            compiled = environment.get_template(relative)
        environment.start()
        parts, size = [], 0
        for part in compiled.generate(context):
            size += len(part)
            if size > MAX_OUTPUT:
                raise TemplateTooBig("output")
            environment.tick()
            parts.append(part)
        return "".join(parts)
    except TemplateTooBig as error:
        file, line = _template_line(error, template.path)
        raise BadInput("template_too_big", file=file, line=line,
                       reason=_LIMIT_WORDS[error.what]) from None
    except RecursionError as error:  # self-include, a macro calling itself, deep nesting
        file, line = _template_line(error, template.path)
        raise BadInput("template_error", file=file, line=line,
                       reason=both("嵌套或递归过深", "nested or recursive too deeply")) from None
    except TemplateSyntaxError as error:
        raise BadInput("template_syntax", file=error.filename or str(template.path),
                       line=error.lineno, reason=error.message or "") from None
    except SecurityError as error:
        file, line = _template_line(error, template.path)
        raise BadInput("template_unsafe", file=file, line=line, reason=str(error)) from None
    except UndefinedError as error:
        file, line = _template_line(error, template.path)
        raise BadInput("template_undefined", file=file, line=line,
                       reason=_undefined_name(error, template)) from None
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError,
            ZeroDivisionError, OverflowError, MemoryError) as error:
        # the kind of error only: its message may hold a value (an ID number as a missing key)
        file, line = _template_line(error, template.path)
        raise BadInput("template_error", file=file, line=line, reason=type(error).__name__) from None


_LIMIT_WORDS = {
    "output": both(f"输出超过 {MAX_OUTPUT:,} 个字符", f"the output is over {MAX_OUTPUT:,} characters"),
    "range": both(f"range() 共超过 {MAX_ITEMS:,} 项", f"range() gives over {MAX_ITEMS:,} items in all"),
    "repeat": both(f"重复后超过 {MAX_NUMBER:,} 项", f"a repetition of over {MAX_NUMBER:,} items"),
    "number": both(f"参数超过 {MAX_NUMBER:,}", f"an argument over {MAX_NUMBER:,}"),
    "power": both("乘方的指数过大", "an exponent over 64"),
    "time": both(f"运行超过 {MAX_SECONDS:.0f} 秒", f"it ran over {MAX_SECONDS:.0f} seconds"),
}


def _undefined_name(error: BaseException, template: FormTemplate) -> str:
    """The missing field's name, when the template spells it (a typo); else only that a field is
    missing — never a value used as a key."""
    import re

    names = re.findall(r"'([^']*)'", str(error))
    try:
        source = template.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = ""
    if names and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,40}", names[-1]) and names[-1] in source:
        return str(error)[:200]
    return "?"


# ------------------------------------------------------------------------------------- the context


def _date_text(day: date | None, lang: str) -> str | None:
    if day is None:
        return None
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def _money(value: float | None) -> str | None:
    return None if value is None else amounts.figures(value)


def _capital(value: float | None) -> str | None:
    return None if value is None else amounts.capital(value)


def _checked_amount(value: float | None, field_name: str | dict[str, str]) -> float | None:
    """An amount the forms can print (figures and 大写), else bad input naming the field."""
    if value is not None:
        try:
            amounts.to_cents(value)
        except ValueError:
            raise BadInput("forms_amount_too_large", field=field_name, value=f"{value:.2f}",
                           limit=amounts.figures(amounts.LIMIT - Decimal("0.01"))) from None
    return value


def context(case: Any, classification: Any, profile: Any, lang: str, unit: str, today: date,
            name: str, present: set[str] | None = None, say: str | None = None
            ) -> tuple[dict[str, Any], list[str]]:
    """What a template sees (documented in templates/README.md), and warnings about the data
    (in `say`, the language of the terminal, when it is not the form's `lang`).

    `present` holds the ids of the documents the dossier check found (status ok); None when the
    forms are made without looking at the folder: then `documents[].present` is None.
    """
    warnings: list[str] = []
    _checked_amount(case.amount, "episode.amount")
    for index, receipt in enumerate(case.receipts):
        _checked_amount(receipt.amount, entry_key("receipts", index, "amount"))
    _checked_amount(sum(r.amount for r in case.receipts) if case.receipts else None, "receipts")
    id_number = case.id_number
    sex = None
    if id_number is not None:
        sex = {"zh": {"male": "男", "female": "女"}, "en": {"male": "male", "female": "female"}}[
            lang][id_number.sex]
    category_class = profile.categories.get(case.category, {}).get("class", "")
    age = id_number.age_on(today) if id_number else None
    applicant = classification.applicant  # who applies ([[applicants]]): the unit, or the person
    resident = applicant is not None and not applicant.unit  # the person applies: no unit
    receipts = [
        {"number": r.number or None, "date": _date_text(r.date, lang), "amount": r.amount,
         "amount_figures": amounts.figures(r.amount), "item": r.item or None}
        for r in case.receipts
    ]
    receipts_total = round(sum(r.amount for r in case.receipts), 2) if case.receipts else None
    total = receipts_total if receipts_total is not None else case.amount
    if receipts_total is not None and case.amount is not None \
            and amounts.to_cents(receipts_total) != amounts.to_cents(case.amount):
        warnings.append(text("forms_total_differs", say or lang, receipts=amounts.figures(receipts_total),
                             amount=amounts.figures(case.amount)))
    days = None
    if case.admitted and case.discharged:
        days = (case.discharged - case.admitted).days or 1
    filing = classification.filing
    guardian = case.guardian
    if age is not None and applicant is not None and age < applicant.adult_age and \
            not (guardian and guardian.name):  # the guardian applies and signs for a minor
        warnings.append(text("forms_no_guardian", say or lang, age=age))
    late = classification.late
    values: dict[str, Any] = {
        "lang": lang,
        "today": _date_text(today, lang),
        "form": {"name": name, "title": title(name, lang)},
        "person": {
            "name": case.name or None,
            "id_number": id_number.value if id_number else None,
            "sex": sex,
            "birth_date": _date_text(id_number.birth_date, lang) if id_number else None,
            "age": age,
            "minor": age is not None and applicant is not None and age < applicant.adult_age,
            "resident": resident,
            "insurance": label("insurance", case.insurance, lang) if case.insurance else None,
            "insurance_id": case.insurance or None,
            "category": profile.category_name(case.category, lang) if case.category else None,
            "category_id": case.category or None,
            "long_term": category_class == CategoryClass.LONG_TERM,
            "retiree": profile.is_retiree(case.category) if case.category else False,
            "phone": case.phone or None,
            "bank": case.bank or None,
            "bank_account": case.bank_account or None,
        },
        "insured": {
            "region": case.insured_region.full_name if case.insured_region else None,
            "region_code": case.insured_region.code if case.insured_region else None,
            "unit": None if resident else unit or None,
            **{key: None if resident else value or None
               for key, value in _unit_details(case).items()},
        },
        "guardian": {
            "name": guardian.name or None if guardian else None,
            "id_number": guardian.id_number.value if guardian and guardian.id_number else None,
            "relation": guardian.relation or None if guardian else None,
            "phone": guardian.phone or None if guardian else None,
        },
        "episode": {
            "region": case.treatment_region.full_name if case.treatment_region else None,
            "region_code": case.treatment_region.code if case.treatment_region else None,
            "hospital": case.hospital or None,
            "care": label("care", case.care, lang) if case.care else None,
            "care_id": case.care or None,
            "admitted": _date_text(case.admitted, lang),
            "discharged": _date_text(case.discharged, lang),
            "days": days,
            "filed": case.filed,
            "filed_on": _date_text(case.filed_on, lang),
            "direct_settlement": case.direct_settlement,
        },
        "claim": {
            "receipts": receipts,
            "blank_rows": max(0, MIN_EXPENSE_ROWS - len(receipts)),
            "total": total,
            "total_figures": _money(total),
            "total_capital": _capital(total),
        },
        "scope": {"id": classification.scope.value,
                  "name": label("scope", classification.scope.value, lang)},
        "route": {"id": classification.route.value,
                  "name": label("route", classification.route.value, lang)},
        "filing": {"required": filing.required, "done": filing.done, "deemed": filing.deemed},
        "documents": [{"id": d.id, "name": d.name, "required": d.required, "stage": d.stage,
                       "present": None if present is None else d.id in present,
                       "family": profile.documents.get(d.id, {}).get(f"family_{lang}")}
                      for d in classification.documents],
        "deadlines": [{"id": d.id, "name": d.name, "date": _date_text(d.date, lang),
                       "days_left": d.days_left, "role": d.role}
                      for d in classification.deadlines],
        "late": {"late": late.late, "overdue_days": late.overdue_days,
                 "deadline": _date_text(late.deadline.date, lang) if late.deadline else None,
                 "deadline_name": late.deadline.name if late.deadline else None,
                 "filed_after_admission": late.filed_after_admission,
                 "filed_after_discharge": late.filed_after_discharge, "not_filed": late.not_filed},
        "check": lambda value: Raw("[x]" if value else "[ ]"),
        "date": lambda value: _date_text(value, lang) if isinstance(value, date) else value,
        "money": _money,
        "capital": _capital,
        "blank": lambda width=8: Raw("_" * max(3, int(width))),
    }
    return values, warnings


def _unit_details(case: Any) -> dict[str, str]:
    """The unit's address, contact person and phone: case.toml's [insured], else the config's
    unit.address, unit.contact, unit.phone."""
    from offsite_cli.base import config

    settings = config.load()
    return {"unit_address": case.unit_address or settings.get("unit.address", ""),
            "unit_contact": case.unit_contact or settings.get("unit.contact", ""),
            "unit_phone": case.unit_phone or settings.get("unit.phone", "")}


def _strings(value: Any, path: str) -> list[tuple[str, str]]:
    """Every text in the context with its dotted path (person.name, claim.receipts[0].item)."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        found: list[tuple[str, str]] = []
        for key, item in value.items():
            found += _strings(item, f"{path}.{key}" if path else key)
        return found
    if isinstance(value, list):
        found = []
        for index, item in enumerate(value):
            found += _strings(item, f"{path}[{index}]")
        return found
    return []


MAX_LISTED_GLYPHS = 12


def glyph_warnings(values: dict[str, Any], markup_text: str, font_name: str, form: str,
                   lang: str, say: str | None = None) -> list[str]:
    """One warning per field with characters the font cannot draw, listing them (each character
    is named once per form: at the first field it appears in; the template's own text last)."""
    from offsite_cli.base import fonts

    warnings: list[str] = []
    reported: set[str] = set()
    fields = _strings(values, "") + [(f"{FOLDER}/{form}.{lang}{SUFFIX}", markup_text)]
    for path, value in fields:
        lacking = [c for c in fonts.missing(value, font_name) if c not in reported]
        if not lacking:
            continue
        reported.update(lacking)
        shown = [fonts.describe(c) for c in lacking[:MAX_LISTED_GLYPHS]]
        if len(lacking) > MAX_LISTED_GLYPHS:
            shown.append(text("forms_glyph_more", say or lang, count=len(lacking) - MAX_LISTED_GLYPHS))
        warnings.append(text("forms_glyph_missing", say or lang,
                             chars=("、" if (say or lang) == "zh" else ", ").join(shown),
                             field=path, form=form))
    return warnings


# ---------------------------------------------------------------------------------------- the PDF


def render_pdf(markup_text: str, font_name: str, lang: str, document_title: str,
               template: FormTemplate, numbered: bool = True) -> tuple[bytes, int]:
    """Markup → an A4 PDF in the one embedded font; returns the bytes and the page count.
    `numbered`: each page says its number (not in the dossier PDF, whose pages are numbered
    through: one number on a page, not two)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from offsite_cli.pdf import markup

    try:
        blocks = markup.parse(markup_text)
    except markup.MarkupError as error:
        raise BadInput("template_markup", file=str(template.path), line=error.line,
                       reason=error.message) from None
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=15 * mm,
        bottomMargin=15 * mm, title=document_title, author="", subject=document_title,
        creator="offsite", producer="offsite", invariant=1, initialFontName=font_name,
        lang="zh-CN" if lang == "zh" else "en",
    )

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font_name, 8)
        label_text = text("forms_page", lang, page=doc.page)
        canvas.drawRightString(A4[0] - 20 * mm, 8 * mm, label_text)
        canvas.restoreState()

    # the frame keeps 6 points of padding on each side: tables fill what is left, exactly
    story = markup.flowables(blocks, font_name, lang, document.width - 12)
    if numbered:
        document.build(story, onFirstPage=footer, onLaterPages=footer)
    else:
        document.build(story)
    return buffer.getvalue(), document.page


def present_documents(report: Any) -> set[str]:
    """The ids of the documents a dossier check (checklist.DossierReport) found in the folder:
    status ok with files of their own (not stood in for by an alternative)."""
    return {document.id for document in report.documents
            if str(document.status) == "ok" and not document.satisfied_by}


def render_case_forms(case: Any, classification: Any, profile: Any, lang: str, out_dir: Path,
                      font: str | None = None, today: date | None = None,
                      names: list[str] | None = None, include_optional: bool = False,
                      unit: str | None = None, present: set[str] | None = None,
                      write: bool = True, say: str | None = None,
                      numbered: bool = True) -> list[RenderedForm]:
    """Fill the forms a case needs and write each to `out_dir/NAME.pdf`, atomically (`write`
    False: only filled, each PDF in `RenderedForm.data`, for the build).

    `font` is a font file (see fonts.resolve) or None for the packaged one; `names` picks forms
    (needed or not) instead of the profile's choice; optional forms are written only with
    `include_optional`. `unit` defaults to the case's, then the configured unit.name.
    `lang` is the forms' language; `say` the language of their warnings (the terminal's).
    `present`: the ids of the documents the dossier check found ok (DossierReport.documents with
    status ok); their boxes are ticked under 所附材料 / documents attached. None: all left empty.
    Every form is rendered before any is written, so a template error writes nothing.
    `numbered`: the forms' own page numbers (False for the dossier PDF, which numbers its pages).
    """
    from offsite_cli.dossier import case as case_file
    from offsite_cli.base import fonts

    day = today or classification.today
    needs = needed_forms(classification, profile)
    if names:
        by_name = {need.name: need for need in needs}
        for name in names:
            find(name, lang)
        chosen = [by_name.get(name, FormNeed(name, False, "--form")) for name in dict.fromkeys(names)]
    else:
        chosen = [need for need in needs if need.required or include_optional]
    unit_name = unit if unit is not None else case_file.unit_of(case, classification)
    font_name = fonts.register(font)
    prepared: list[tuple[RenderedForm, bytes]] = []
    for need in chosen:
        template = find(need.name, lang)
        values, warnings = context(case, classification, profile, lang, unit_name, day, need.name,
                                   present, say)
        if not unit_name and (classification.applicant is None or classification.applicant.unit):
            warnings.append(text("forms_no_unit", say or lang))
        _sized_blanks(values, lang)  # after the data checks: a blank is no value of the case
        markup_text = render_markup(template, values)
        warnings += glyph_warnings(values, markup_text, font_name, need.name, lang, say)
        form_title = title(need.name, lang)
        data, pages = render_pdf(markup_text, font_name, lang, form_title, template, numbered)
        rendered = RenderedForm(need.name, form_title, out_dir / f"{need.name}.pdf", pages,
                                need.required, lang, template.path, template.origin,
                                list(dict.fromkeys(warnings)), need.document, need.pending, data)
        prepared.append(rendered)
    if write:
        for rendered in prepared:
            atomic.write_bytes(rendered.path, rendered.data, private=True)  # the full ID
    return prepared


def export(name: str, force: bool = False) -> list[Path]:
    """Copy a shipped form's templates (both languages) to the user's folder to edit them there."""
    sources = shipped(name)
    if not sources:
        raise BadInput("form_unknown", field="NAME", value=name, known=", ".join(shipped_names()))
    target_folder = resources.user_templates_dir() / FOLDER
    targets = {lang: target_folder / path.name for lang, path in sources.items()}
    if not force:
        for target in targets.values():
            if target.exists():
                raise BadInput("form_exists", file=str(target))
    contents = {lang: _read_template(source) for lang, source in sources.items()}
    written = []
    for lang, data in contents.items():
        atomic.write_bytes(targets[lang], data)
        written.append(targets[lang])
    return written


def _read_template(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise WorkFailed("template_unreadable", file=str(path), reason=os_reason(error)) from None
