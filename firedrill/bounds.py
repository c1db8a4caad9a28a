"""The bounds of every fact firedrill takes in: no fire has more, so anything beyond is a typing slip.

These are not the plan's thresholds (those live in the rule data with their clauses); they are the
limits of a sane input, chosen far beyond any real fire and far inside what the arithmetic can
take, so that a value a rule cannot use is refused at the door, naming its field, instead of
overflowing somewhere inside. docs/reliability.md lists them with the reason for each.

Plain values and checks only, so the console's first screen can use them without pydantic; the
validated types built on them are in ``firedrill.bounded``.
"""

from __future__ import annotations

import re
from datetime import datetime

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


_DATE_ONLY = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*")


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character (a terminal escape, a NUL, a C1 code)."""
    return any((ord(ch) < 32 and ch != "\t") or 0x7F <= ord(ch) < 0xA0 for ch in text)


def is_date_only(text: str) -> bool:
    return _DATE_ONLY.fullmatch(text) is not None
