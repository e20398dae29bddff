"""Questions in a terminal, shared by `offsite check` and `offsite dossier new`.

Asked on standard error (standard output stays for the result, JSON included), in the chosen
language. A wrong answer gets a one-line message and the question again. Yes/no questions about
facts (filed? settled directly?) have no default: the clerk answers them, or — when the question
is optional — presses Enter to leave the fact unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from offsite_cli.errors import OffsiteError
from offsite_cli.i18n import text

YES_NO = ("filed", "direct_settlement")
_YES = ("y", "yes", "是", "是的", "对", "有")
_NO = ("n", "no", "否", "不", "不是", "没有", "无")


def screen():  # noqa: ANN201 - a rich Console
    from offsite_cli.render import console

    return console(stderr=True)


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
    return prompt(default=None) if optional else prompt()


def ask_region(question: str, option: str, lang: str) -> str:
    """A region by code or name, asked until it resolves to exactly one; the region it resolved
    to is echoed (→ 山西省晋城市 140500) so a wrong guess is seen at once. Returns the code."""
    from rich.prompt import Prompt

    from offsite_cli import regions
    from offsite_cli.cli.common import error_line

    console = screen()
    while True:
        value = Prompt.ask(question, console=console)
        try:
            region = regions.table().resolve(value, option)
        except OffsiteError as error:
            console.print(error_line(error, lang), style="red", markup=False)
            continue
        echo_region(region)
        return region.code


def echo_region(region: Any) -> None:
    screen().print(f"→ {region.full_name} {region.code}", style="cyan", markup=False,
                   highlight=False)


def ask_values(values: dict[str, Any], keys: Iterable[str], lang: str,
               parsers: dict[str, Callable[[str, str], Any]], optional_yes_no: bool) -> None:
    """Ask for each key whose value is still None: text keys may be left empty (Enter), the
    YES_NO keys are answered y/n (or skipped with Enter when `optional_yes_no`)."""
    from rich.prompt import Prompt

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
            answer = Prompt.ask(question, default="", show_default=False, console=console).strip()
            if not answer:
                break
            try:
                values[key] = parsers[key](answer, "--" + key.replace("_", "-"))
                break
            except OffsiteError as error:
                console.print(error_line(error, lang), style="red", markup=False)
