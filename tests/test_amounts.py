"""Capital numerals (大写金额) by the People's Bank of China rules, and figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from offsite_cli.base.amounts import capital, figures, to_cents


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        # the example
        (12873.50, "壹万贰仟捌佰柒拾叁元伍角整"),
        # examples of 《正确填写票据和结算凭证的基本规定》
        (1409.50, "壹仟肆佰零玖元伍角整"),
        (6007.14, "陆仟零柒元壹角肆分"),
        (1680.32, "壹仟陆佰捌拾元零叁角贰分"),
        (107000.53, "壹拾万柒仟元零伍角叁分"),
        (16409.02, "壹万陆仟肆佰零玖元零贰分"),
        (16, "壹拾陆元整"),
        (325.04, "叁佰贰拾伍元零肆分"),
        # 整
        (1, "壹元整"),
        (10, "壹拾元整"),
        (100, "壹佰元整"),
        (1000, "壹仟元整"),
        (10000, "壹万元整"),
        (0.5, "伍角整"),
        (0.05, "伍分"),
        (0.55, "伍角伍分"),
        (0, "零元整"),
        (2.3, "贰元叁角整"),
        # zeros
        (101, "壹佰零壹元整"),
        (1001, "壹仟零壹元整"),
        (1010, "壹仟零壹拾元整"),
        (1100, "壹仟壹佰元整"),
        (100700, "壹拾万零柒佰元整"),
        (1000700, "壹佰万零柒佰元整"),
        (10000001, "壹仟万零壹元整"),
        (100000000, "壹亿元整"),
        (100000001, "壹亿零壹元整"),
        (100010000, "壹亿零壹万元整"),
        (110000000, "壹亿壹仟万元整"),
        (1000001000, "壹拾亿零壹仟元整"),
        (200000.07, "贰拾万元零柒分"),
        (20.1, "贰拾元零壹角整"),
        (999999999999.99, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        # inputs
        ("12873.5", "壹万贰仟捌佰柒拾叁元伍角整"),
        (Decimal("0.10"), "壹角整"),
        (0.125, "壹角叁分"),  # half up
        (1.005, "壹元零壹分"),  # rounded from the decimal text, not the binary float
    ],
)
def test_capital(amount: object, expected: str) -> None:
    assert capital(amount) == expected  # type: ignore[arg-type]


def test_no_zero_or_whole_in_wrong_places() -> None:
    for cents in range(0, 1_000_000, 997):
        text = capital(Decimal(cents) / 100)
        assert "零零" not in text
        assert not text.endswith("分整")
        assert not text.startswith("零") or text == "零元整"
        assert not text.startswith("拾")
        assert "零元" not in text or text == "零元整"
        assert "零万" not in text and "零亿" not in text


@pytest.mark.parametrize("bad", [-1, "abc", float("nan"), float("inf"), 10**12])
def test_bad_amounts(bad: object) -> None:
    with pytest.raises(ValueError):
        capital(bad)  # type: ignore[arg-type]


def test_figures() -> None:
    assert figures(12873.5) == "12,873.50"
    assert figures(0) == "0.00"
    assert figures(1234567.891) == "1,234,567.89"
    assert to_cents("0.015") == 2
