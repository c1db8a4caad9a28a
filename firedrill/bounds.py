"""The bounds of every fact firedrill takes in: no fire has more, so anything beyond is a typing slip.

These are not the plan's thresholds (those live in the rule data with their clauses); they are the
limits of a sane input, chosen far beyond any real fire and far inside what the arithmetic can
take, so that a value a rule cannot use is refused at the door, naming its field, instead of
overflowing somewhere inside. docs/reliability.md lists them with the reason for each.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from firedrill.timeutil import LOCAL_TZ

MAX_PEOPLE = 1_000_000  # deaths or injuries: the plan's top threshold is 100; a city district, not more
MAX_LOSS_YUAN = 10**13  # 10万亿元: beyond any loss ever recorded; the plan's top threshold is 1亿
MAX_AREA_M2 = 10**8  # 100 km²: a forest fire's scale; the plan's top threshold is 2000 m²
MAX_SPEED_MS = 120.0  # the strongest gust ever measured is about 113 m/s (Barrow Island, 1996)
MAX_CALLS = 10_000  # calls logged on one incident
MAX_TEXT = 500  # a free-text fact (a manual escalation's reason)
MAX_NAME = 100  # a short name (a scenario id)
MAX_SEAT = 64  # a seat's name in the journal (a user@host is far shorter)
MAX_TANK_M = 1000.0  # a tank's diameter or height: the largest are about 100 m across, 30 m high
MAX_NEIGHBOURS = 100  # tanks adjacent to a burning one
MAX_NOZZLE_FLOW_LS = 1000.0  # one nozzle's flow: a large monitor gives about 100 L/s
EARLIEST = datetime(2000, 1, 1, tzinfo=LOCAL_TZ)  # exercises may replay old fires, not older
LATEST = datetime(2100, 1, 1, tzinfo=LOCAL_TZ)  # the holiday estimates and every clock end before


def not_a_bool(value: Any) -> Any:
    """JSON's ``true`` is not 1 death: a count or an amount must be written as a number."""
    if isinstance(value, bool):
        raise ValueError("a number is needed, not true/false")
    return value


_DATE_ONLY = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*")


def _a_moment(value: Any) -> Any:
    """``0`` is not a time (Unix seconds would silently become 1970), and a date alone is not a moment:
    it would be read as midnight, inside the night window of 4.3(3), a guess that escalates."""
    if isinstance(value, bool | int | float):
        raise ValueError("a date and time is needed (e.g. 2026-03-10T21:45), not a number")
    if isinstance(value, str) and is_date_only(value):
        raise ValueError(f"a time needs its clock time, e.g. {value.strip()}T21:45")
    return value


def _in_range(value: datetime) -> datetime:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=LOCAL_TZ)
    if not EARLIEST <= aware < LATEST:
        raise ValueError(f"must lie between {EARLIEST.year} and {LATEST.year - 1}")
    return value


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character (a terminal escape, a NUL, a C1 code)."""
    return any((ord(ch) < 32 and ch != "\t") or 0x7F <= ord(ch) < 0xA0 for ch in text)


def is_date_only(text: str) -> bool:
    return _DATE_ONLY.fullmatch(text) is not None


def _no_control(value: str | None) -> str | None:
    if value is not None and has_control(value):
        raise ValueError("must not contain control characters")
    return value


People = Annotated[int, BeforeValidator(not_a_bool), Field(ge=0, le=MAX_PEOPLE)]
Loss = Annotated[float, BeforeValidator(not_a_bool), Field(ge=0, le=MAX_LOSS_YUAN, allow_inf_nan=False)]
Area = Annotated[float, BeforeValidator(not_a_bool), Field(ge=0, le=MAX_AREA_M2, allow_inf_nan=False)]
Speed = Annotated[float, BeforeValidator(not_a_bool), Field(ge=0, le=MAX_SPEED_MS, allow_inf_nan=False)]
Moment = Annotated[datetime, BeforeValidator(_a_moment), AfterValidator(_in_range)]
FreeText = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_no_control)]
ShortName = Annotated[str, Field(max_length=MAX_NAME), AfterValidator(_no_control)]
