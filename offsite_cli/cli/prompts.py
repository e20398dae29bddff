"""Questions in a terminal, shared by `offsite check` and `offsite dossier new`.

Asked on standard error (standard output stays for the result, JSON included), in the chosen
language. A wrong answer gets a one-line message and the question again. Yes/no questions about
facts (filed? settled directly?) have no default: the clerk answers them, or — when the question
is optional — presses Enter to leave the fact unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from offsite_cli.base.errors import BadInput, OffsiteError
from offsite_cli.base.i18n import text

YES_NO = ("filed", "direct_settlement")
_YES = ("y", "yes", "是", "是的", "对", "有")
_NO = ("n", "no", "否", "不", "不是", "没有", "无")


def screen():  # noqa: ANN201 - a rich Console
    from offsite_cli.cli.render import console

    return console(stderr=True)


def _asker(question: str, lang: str, **options: Any) -> Any:
    """A Rich question on standard error ending in "：" in Chinese (": " in English)."""
    from rich.prompt import Prompt

    prompt = Prompt(question, console=screen(), **options)
    prompt.prompt_suffix = text("prompt.suffix", lang)
    return prompt


def _yes_no_prompt():  # noqa: ANN202 - the class is made on first use: rich loads only when asking
    from rich.prompt import Confirm, InvalidResponse

    class YesNo(Confirm):
        """y/n, also 是/否; Enter alone only when a default (None: unknown) is given."""

        def process_response(self, value: str) -> bool:
            answer = value.strip().lower()
            if answer in _YES:
                return True
            if answer in _NO:
                return False
            raise InvalidResponse(self.validate_error_message)

    return YesNo


def ask_yes_no(question: str, lang: str, optional: bool = False) -> bool | None:
    """A yes or a no, never assumed; with `optional`, Enter alone gives None (not known)."""
    if optional:
        question += text("prompt.enter_to_skip", lang)
    prompt = _yes_no_prompt()(question, console=screen())
    prompt.validate_error_message = "[prompt.invalid]" + text("prompt.yes_no", lang)
    prompt.prompt_suffix = text("prompt.suffix", lang)
    return prompt(default=None) if optional else prompt()


def ask_region(question: str, option: str, lang: str) -> str:
    """A region by code or name, asked until it resolves to exactly one; the region it resolved
    to is echoed (→ 山西省晋城市 140500) so a wrong guess is seen at once. A name of several
    regions lists them numbered, to pick one by number (or to type another name). Returns the
    code."""
    from offsite_cli.policy import regions
    from offsite_cli.cli.common import error_line

    console = screen()
    while True:
        value = _asker(question, lang)()
        try:
            region = regions.table().resolve(value, option)
        except OffsiteError as error:
            if error.message == "region_ambiguous":
                region = _pick_region(regions.table().find(value), value, lang)
                if region is not None:
                    echo_region(region)
                    return region.code
                continue
            console.print(error_line(error, lang), style="red", markup=False)
            continue
        echo_region(region)
        return region.code


def _pick_region(candidates: list[Any], value: str, lang: str) -> Any:
    """One of several regions of a name, by its number; None (ask the place again) on Enter."""
    console = screen()
    console.print(text("prompt.region_candidates", lang, value=value.strip()), markup=False,
                  highlight=False)
    for number, region in enumerate(candidates, start=1):
        console.print(f"  {number} {region.full_name} {region.code}", markup=False, highlight=False)
    while True:
        answer = _asker(text("prompt.region_number", lang, last=len(candidates)), lang,
                        show_default=False)(default="").strip()
        if not answer:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(candidates):
            return candidates[int(answer) - 1]
        console.print(text("prompt.bad_number", lang, value=answer, last=len(candidates)),
                      style="red", markup=False, highlight=False)


def ask_choice(question: str, choices: list[tuple[str, str]], lang: str,
               lookup: Callable[[str], str | None] | None = None) -> str:
    """One of `choices` (id, label), listed numbered with their labels (1 住院 (inpatient));
    the number, the id or the label is accepted — and what `lookup` knows (short forms: 居民,
    门特) — anything else is said and asked again. The choice is echoed (→ 住院 (inpatient)).
    Returns the id."""
    console = screen()
    console.print(question, style="bold", markup=False, highlight=False)
    for number, (choice_id, name) in enumerate(choices, start=1):
        console.print(f"  {number} {_shown(choice_id, name)}", markup=False, highlight=False)
    accepted: dict[str, str] = {}
    for number, (choice_id, name) in enumerate(choices, start=1):
        for key in (str(number), choice_id, name):
            accepted.setdefault(key.strip().lower(), choice_id)
    names = dict(choices)
    while True:
        answer = _asker(text("prompt.choose_number", lang, last=len(choices)), lang)().strip()
        chosen = accepted.get(answer.lower())
        if chosen is None and lookup is not None and answer:
            chosen = lookup(answer)
        if chosen is not None and chosen in names:
            console.print(f"→ {_shown(chosen, names[chosen])}", style="cyan", markup=False,
                          highlight=False)
            return chosen
        console.print(text("prompt.bad_choice", lang, value=answer, last=len(choices)),
                      style="red", markup=False, highlight=False)


def _shown(choice_id: str, name: str) -> str:
    return name if name == choice_id else f"{name} ({choice_id})"


def check_dates(key: str, value: Any, values: dict[str, Any]) -> None:
    """An admission or discharge date answered against the other one already known."""
    if key == "discharged" and value and values.get("admitted") and value < values["admitted"]:
        raise BadInput("discharge_before_admission", field="--discharged", value=value.isoformat(),
                       admitted=values["admitted"].isoformat())
    elif key == "admitted" and value and values.get("discharged") and values["discharged"] < value:
        raise BadInput("admission_after_discharge", field="--admitted", value=value.isoformat(),
                       discharged=values["discharged"].isoformat())


def echo_region(region: Any) -> None:
    screen().print(f"→ {region.full_name} {region.code}", style="cyan", markup=False,
                   highlight=False)


def ask_values(values: dict[str, Any], keys: Iterable[str], lang: str,
               parsers: dict[str, Callable[[str, str], Any]], optional_yes_no: bool,
               today: Any = None) -> None:
    """Ask for each key whose value is still None: text keys may be left empty (Enter), the
    YES_NO keys are answered y/n (or skipped with Enter when `optional_yes_no`). Each answer is
    checked when given (a discharge date not before the admission) and asked again if wrong."""
    from offsite_cli.cli.common import error_line

    console = screen()
    for key in keys:
        if values.get(key) is not None:
            continue
        question = text(f"prompt.{key}", lang)
        if key in YES_NO:
            values[key] = ask_yes_no(question, lang, optional=optional_yes_no)
            continue
        while True:
            answer = _asker(question, lang, show_default=False)(default="").strip()
            if not answer:
                break
            try:
                value = parsers[key](answer, "--" + key.replace("_", "-"))
                check_dates(key, value, values)
                from offsite_cli.policy.values import Event, choices

                if today is not None and key in choices(Event):
                    from offsite_cli.policy import episode_dates

                    episode_dates.check(today, {key: "--" + key.replace("_", "-")}, **{key: value})
                values[key] = value
                break
            except OffsiteError as error:
                console.print(error_line(error, lang), style="red", markup=False)
