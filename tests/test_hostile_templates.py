"""User templates are bounded in time and size, and their errors never echo a value (issue 12,
4 and 8): every failure is bad input naming the template and the line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from dossier_fixtures import ID_NUMBER, TODAY, run, write_case

from offsite_cli.base import resources

HOSTILE = {
    "nested range": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "string repetition": "{{ 'x' * 10**8 }}",
    "repetition the other way": "{{ 10**8 * 'x' }}",
    "list repetition": "{% set a = [0] * 10**7 %}{{ a | length }}",
    "huge power": "{{ 7 ** (10 ** 10) }}",
    "50k-row table": "{% for i in range(50000) %}| {{ i }} | x |\n{% endfor %}",
    "blank(10**9)": "{{ blank(10**9) }}",
    "long output": "{% for i in range(19000) %}{{ 'y' * 90000 }}{% endfor %}",
    "self-include": '{% include "forms/authorization.zh.j2" %}',
    "macro recursion": "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
    "deep nesting": "{% if true %}" * 600 + "x" + "{% endif %}" * 600,
    "value as a key": "{{ {}[person.id_number] }}",
    "value in an error": "{{ person.id_number | int(base=7) + 'x' }}",
    "value as an attribute": "{{ person[person.id_number] }}",
    "division": "{{ person.id_number | int / 0 }}",
    "center": "{{ person.id_number | center(10**8) }}",
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_user_template_is_bad_input_with_its_line_quickly(tmp_path: Path, body: str) -> None:
    path = resources.user_templates_dir() / "forms" / "authorization.zh.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# 委托书\n\n" + body + "\n", encoding="utf-8")
    folder = write_case(tmp_path / "d").parent
    started = time.monotonic()
    result = run("dossier", "forms", str(folder), "--form", "authorization", "--today", TODAY,
                 "--lang", "zh")
    assert time.monotonic() - started < 20
    assert result.exit_code == 2, result.output
    line = result.output.strip()
    assert len(line.splitlines()) == 1 and len(line) < 300, line
    assert "authorization.zh.j2" in line and " 第 " in line
    assert ID_NUMBER not in line and ID_NUMBER[6:14] not in line
    assert not (folder / "forms").exists()


def test_a_large_value_through_a_filter_is_still_fine(tmp_path: Path) -> None:
    path = resources.user_templates_dir() / "forms" / "authorization.zh.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# 委托书\n\n{{ 2000000 | int }} {{ 'x' | center(20) }}\n", encoding="utf-8")
    folder = write_case(tmp_path / "d").parent
    result = run("dossier", "forms", str(folder), "--form", "authorization", "--today", TODAY)
    assert result.exit_code == 0, result.output
