"""Parse the quantities dispatchers type: money with 万/亿, speeds with m/s, plain numbers.

Every parser raises InputError naming the field, so the CLI and the console report it the same way.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from firedrill.errors import InputError

MONEY_UNITS: dict[str, int] = {"": 1, "元": 1, "万": 10**4, "万元": 10**4, "亿": 10**8, "亿元": 10**8}
SPEED_UNITS = ("m/s", "米/秒", "mps")
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"


def _strip(text: str) -> str:
    return text.strip().replace(",", "").replace("，", "").replace(" ", "")


def parse_number(text: str, field: str, *, integer: bool = False) -> float:
    """A non-negative number; ``integer`` also refuses fractions."""
    raw = _strip(text)
    if not re.fullmatch(_NUMBER, raw):
        raise InputError(f"not a number: {text!r}", field=field)
    value = float(raw)
    if not math.isfinite(value):  # 1e400, a thousand digits: no fact of a fire is that large
        raise InputError(f"too large to be a real value: {text[:40]!r}", field=field)
    if value < 0:
        raise InputError(f"must not be negative: {text!r}", field=field)
    if integer and value != int(value):
        raise InputError(f"must be a whole number: {text!r}", field=field)
    return value


def parse_count(text: str, field: str) -> int:
    return int(parse_number(text, field, integer=True))


def parse_money(text: str, field: str = "direct_loss_yuan") -> float:
    """Yuan from '5000万', '1.2亿', '80000000' or '3,000万元'."""
    raw = _strip(text)
    match = re.fullmatch(rf"({_NUMBER})(万元|亿元|万|亿|元)?", raw)
    if match is None:
        raise InputError(f"not an amount of money (e.g. 5000万, 1.2亿, 80000000): {text!r}", field=field)
    parse_number(match.group(1), field)  # refuses what is not a finite, non-negative number
    # In decimal, so that 0.3亿 is 30000000 yuan, not 30000000.000000004.
    value = float(Decimal(match.group(1)) * MONEY_UNITS[match.group(2) or ""])
    if not math.isfinite(value):
        raise InputError(f"too large to be a real value: {text[:40]!r}", field=field)
    return value


def exact_digits(value: float | Decimal) -> str:
    """Every digit the value has, never an exponent: 99999999.99 stays 99999999.99, not 1e+08."""
    if isinstance(value, float):
        text = repr(value)  # the shortest digits that read back as the value
        if "e" not in text and "n" not in text:  # no exponent, not inf/nan: already every digit
            return text.rstrip("0").rstrip(".") if "." in text else text
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_in_wan(value: float) -> tuple[str, str] | None:
    """The amount in the units a Chinese report reads, exactly: ('9999.999999万元', '99.99999999 million
    yuan') for 99999999.99; ('1.2亿元', '120 million yuan') for 120000000. None below 1万."""
    yuan = Decimal(repr(value))
    if yuan < MONEY_UNITS["万"]:
        return None
    unit = "亿" if yuan >= MONEY_UNITS["亿"] else "万"
    zh = f"{exact_digits(yuan / MONEY_UNITS[unit])}{unit}元"
    return zh, f"{exact_digits(yuan / 10**6)} million yuan"


def parse_speed(text: str, field: str) -> float:
    """Metres per second from '8.5m/s', '8.5 米/秒' or '8.5'."""
    raw = _strip(text)
    for unit in SPEED_UNITS:
        if raw.lower().endswith(unit):
            raw = raw[: -len(unit)]
            break
    return parse_number(raw, field)


def parse_beaufort(text: str, field: str, maximum: int = 17) -> int:
    """A Beaufort force 0–17, accepting '6', '6级'."""
    raw = _strip(text).removesuffix("级")
    value = parse_count(raw, field)
    if value > maximum:
        raise InputError(f"Beaufort force runs 0–{maximum}: {text!r}", field=field)
    return value
