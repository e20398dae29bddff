"""Amounts in yuan: figures with thousands separators and Chinese capital numerals (大写金额).

The capital form follows the People's Bank of China rules for filling in bills
(《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》), taking the first form where the
rules allow two:

- 整 after 元 when there are no 角 and 分, and after 角 when there are no 分; never after 分.
- 壹拾 is written in full (¥16.00 → 壹拾陆元整), also at the start.
- A run of zeros between non-zero digits is one 零 (¥6007.14 → 陆仟零柒元壹角肆分).
- A zero 万 digit followed by a non-zero 千 digit needs no 零 (¥107000.53 → 壹拾万柒仟元零伍角叁分);
  a zero 千 digit after a non-zero higher group does (¥100700 → 壹拾万零柒佰元整).
- A zero 元 digit followed by a non-zero 角 writes 零 after 元 (¥1680.32 → 壹仟陆佰捌拾元零叁角贰分).
- A zero 角 with a non-zero 分 writes 零 after 元 (¥16409.02 → 壹万陆仟肆佰零玖元零贰分).
- Below one yuan no 元 is written (¥0.50 → 伍角整, ¥0.05 → 伍分); zero is 零元整.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿")
LIMIT = Decimal("1000000000000")  # 一万亿: beyond any medical bill


def to_cents(amount: float | int | str | Decimal) -> int:
    """Round an amount in yuan to whole fen (half up); negative or non-numbers are a ValueError."""
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValueError(f"not an amount: {amount!r}") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"not an amount in yuan, 0 or more: {amount!r}")
    if value >= LIMIT:
        raise ValueError(f"amount too large: {amount!r}")
    return int(value * 100)


def figures(amount: float | int | str | Decimal) -> str:
    """12873.5 → 12,873.50"""
    cents = to_cents(amount)
    return f"{cents // 100:,}.{cents % 100:02d}"


def _group(number: int) -> str:
    """0-9999 in capitals without leading 零: 1009 → 壹仟零玖, 10 → 壹拾."""
    digits = f"{number:04d}"
    out: list[str] = []
    pending_zero = False
    for index, character in enumerate(digits):
        digit = int(character)
        place = _PLACES[3 - index]
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(DIGITS[digit] + place)
    return "".join(out)


def _integer(number: int) -> str:
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    out: list[str] = []
    gap = False  # a whole group of zeros since the last non-zero group
    for level in range(len(groups) - 1, -1, -1):
        value = groups[level]
        if value == 0:
            gap = bool(out)
            continue
        if out and (value < 1000 or gap):
            out.append("零")
        out.append(_group(value) + _GROUPS[level])
        gap = False
    return "".join(out)


def capital(amount: float | int | str | Decimal) -> str:
    """12873.50 → 壹万贰仟捌佰柒拾叁元伍角整"""
    cents = to_cents(amount)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "零元整"
    out = ""
    if yuan:
        out = _integer(yuan) + "元"
    if jiao:
        if yuan and yuan % 10 == 0:
            out += "零"
        out += DIGITS[jiao] + "角"
    elif fen and yuan:
        out += "零"
    if fen:
        out += DIGITS[fen] + "分"
    else:
        out += "整"
    return out


def parse_yuan(written: str) -> float:
    """An amount as a clerk types it — 12873.50, 12,873.5, ¥12873.50, 12873.50元 — in yuan; at most
    two decimals, 0 or more. Anything else is a ValueError."""
    import re

    value = written.strip().removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
    if not re.fullmatch(r"(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?|\.\d{1,2}", value):
        raise ValueError(f"not an amount in yuan: {written!r}")
    cents = to_cents(value.replace(",", ""))
    return cents / 100
