"""Drawing the circumstances of clause 4.3: a date (holiday or not), a clock time (night or day), wind.

Times and forces are drawn on and next to the plan's limits (22:00, 06:00, force 5, gust 6) so
that the question turns on 以上 and on where the night window starts and ends. Which side of a limit
a drawn value is on is the generator's own reading of the rule data; the verifier asks ``assess``.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from functools import cache

import holidays

from firedrill.models import Text
from firedrill.quiz.texts import tx
from firedrill.rules.holidays_cn import holiday_block
from firedrill.rules.schema import NightRule

MINUTES_PER_DAY = 24 * 60
ZH_NAMES, EN_NAMES = "zh_CN", "en_US"  # the holidays package's languages for China
# How the holidays package marks days off that are not the festival itself, and a holiday moved to a weekday.
SUBSTITUTE_PREFIX, OBSERVED = "Day off", (" (observed)", "（补假）")
ONE_DAY = timedelta(days=1)


@cache
def _days(year: int) -> tuple[tuple[date, ...], tuple[date, ...]]:
    """(ordinary days, days inside an official holiday block) of ``year``."""
    first = date(year, 1, 1)
    days = [first + ONE_DAY * i for i in range((date(year + 1, 1, 1) - first).days)]
    holidays = tuple(d for d in days if holiday_block(d) is not None)
    return tuple(d for d in days if d not in holidays), holidays


def draw_date(rng: random.Random, year: int, holiday: bool, avoid: frozenset[date] = frozenset()) -> date:
    """A day inside an official holiday block, or an ordinary one that is not in ``avoid``."""
    ordinary, holidays = _days(year)
    return rng.choice(holidays if holiday else [d for d in ordinary if d not in avoid])


@cache
def _names(year: int, language: str) -> dict[date, str]:
    found = holidays.country_holidays("CN", years=range(year - 1, year + 2), language=language)
    return {d: str(n) for d, n in found.items()}


def holiday_name(day: date) -> Text | None:
    """The name of the official holiday block ``day`` lies in, in both languages, or None."""
    block = holiday_block(day)
    return None if block is None else block.name


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def is_night(minute: int, night: NightRule) -> bool:
    """The generator's reading of 4.3(3): from ``starts`` (included) to ``ends`` next morning (excluded)."""
    starts, ends = _minutes(night.starts), _minutes(night.ends)
    if starts > ends:
        return minute >= starts or minute < ends
    return starts <= minute < ends


@cache
def _all_minutes(night: NightRule, want_night: bool) -> tuple[int, ...]:
    return tuple(m for m in range(MINUTES_PER_DAY) if is_night(m, night) == want_night)


def draw_clock(
    rng: random.Random, night: NightRule, want_night: bool, offsets: tuple[int, ...], boundary_chance: float
) -> time:
    """A clock time inside (``want_night``) or outside the night window, often right at its ends."""
    if rng.random() < boundary_chance:
        ends = (_minutes(night.starts), _minutes(night.ends))
        near = sorted({(e + o) % MINUTES_PER_DAY for e in ends for o in offsets})
        candidates = [m for m in near if is_night(m, night) == want_night]
        if candidates:
            minute = rng.choice(candidates)
            return time(minute // 60, minute % 60)
    minute = rng.choice(_all_minutes(night, want_night))
    return time(minute // 60, minute % 60)


def draw_moment(
    rng: random.Random,
    year: int,
    night: NightRule,
    *,
    holiday: bool,
    want_night: bool,
    offsets: tuple[int, ...],
    boundary_chance: float,
    avoid: frozenset[date] = frozenset(),
) -> datetime:
    day = draw_date(rng, year, holiday, avoid)
    return datetime.combine(day, draw_clock(rng, night, want_night, offsets, boundary_chance))


def draw_force(rng: random.Random, threshold: int, offsets: tuple[int, ...], reaches: bool, floor: int = 0) -> int:
    """A Beaufort force next to ``threshold``: at or above it (``reaches``) or below it, never below ``floor``."""
    candidates = [threshold + o for o in offsets if (o >= 0) == reaches and threshold + o >= floor]
    return rng.choice(candidates) if candidates else (threshold if reaches else max(floor, threshold - 1))


def moment_text(moment: datetime) -> Text:
    weekday = tx(f"weekday.d{moment.weekday()}")
    return tx("moment.at", date=moment.strftime("%Y-%m-%d"), weekday=weekday, clock=moment.strftime("%H:%M"))
