"""Times in a scenario script: an offset from the start (``+00:12``, ``+1:05:30``), a clock time
(``23:52``: its first occurrence at or after the start) or an absolute local date-time.

Offsets are written ``+H:MM`` or ``+H:MM:SS``; hours may exceed 24 and a day may be given as
``+1d 02:00``. A minus sign is allowed where the script permits a time before the start (ignition).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, TypeVar

from pydantic import PlainSerializer, PlainValidator
from pydantic_core import PydanticCustomError

from firedrill.timeutil import to_local

_OFFSET = re.compile(r"^([+-])\s*(?:(\d+)d\s*)?(\d+):([0-5]\d)(?::([0-5]\d))?$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
_DURATION = re.compile(r"^(?:(\d+)d\s*)?(\d+):([0-5]\d)(?::([0-5]\d))?$")
ONE_DAY = timedelta(days=1)
# A bound of the software, not of the plan: no exercise runs longer than a year, and a larger
# offset would overflow the date arithmetic.
MAX_SPAN = timedelta(days=366)


@dataclass(frozen=True)
class When:
    """One time as the script writes it; ``resolve`` turns it into a local date-time."""

    text: str
    offset: timedelta | None = None
    clock: time | None = None
    absolute: datetime | None = None

    def resolve(self, start: datetime) -> datetime:
        if self.offset is not None:
            return start + self.offset
        if self.clock is not None:
            moment = datetime.combine(start.date(), self.clock, tzinfo=start.tzinfo)
            return moment if moment >= start else moment + ONE_DAY
        assert self.absolute is not None  # one of the three is always set by parse_when
        return self.absolute

    @classmethod
    def after(cls, delta: timedelta) -> When:
        return cls(text=format_offset(delta), offset=delta)


def _span(days: str | None, hours: str, minutes: str, seconds: str | None) -> timedelta:
    if len(days or "") > 4 or len(hours) > 5:
        raise PydanticCustomError("too_far", "too far", {"limit": "366d"})
    delta = timedelta(days=int(days or 0), hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
    if delta > MAX_SPAN:
        raise PydanticCustomError("too_far", "too far", {"limit": "366d"})
    return delta


def parse_when(value: Any) -> When:
    """Accept an offset, a clock time, an ISO date-time string or a YAML timestamp."""
    if isinstance(value, When):
        return value
    return _read_once(value, _READ, _read_when)


# Scripts write the same few times and lengths again and again; both are immutable, so each text is
# read once. Bounded.
_READ: dict[str, When] = {}
_LENGTHS: dict[str, timedelta] = {}
_READ_KEPT = 4096
_READ_TEXT_KEPT = 64
R = TypeVar("R")


def _read_once(value: Any, kept: dict[str, R], read: Callable[[Any], R]) -> R:
    """``read(value)``, kept in ``kept`` for a short text (an error is raised again each time)."""
    if not isinstance(value, str) or len(value) > _READ_TEXT_KEPT:
        return read(value)
    found = kept.get(value)
    if found is None:
        found = read(value)
        if len(kept) >= _READ_KEPT:
            kept.clear()
        kept[value] = found
    return found


def _read_when(value: Any) -> When:
    if isinstance(value, datetime):
        return When(text=value.isoformat(), absolute=to_local(value))
    if isinstance(value, date):
        raise PydanticCustomError("date_only", "a date alone is not a time", {"got": str(value)})
    if not isinstance(value, str):
        raise PydanticCustomError("time", "not a time", {"got": value})
    text = value.strip()
    match = _OFFSET.match(text)
    if match:
        sign, days, hours, minutes, seconds = match.groups()
        delta = _span(days, hours, minutes, seconds)
        return When(text=text, offset=-delta if sign == "-" else delta)
    match = _CLOCK.match(text)
    if match:
        hours, minutes, seconds = match.groups()
        return When(text=text, clock=time(int(hours), int(minutes), int(seconds or 0)))
    try:
        return When(text=text, absolute=to_local(datetime.fromisoformat(text)))
    except ValueError:
        raise PydanticCustomError("time", "not a time", {"got": text}) from None


def parse_duration(value: Any) -> timedelta:
    """A positive length of time written ``H:MM`` or ``H:MM:SS`` (optionally ``Nd H:MM``)."""
    if isinstance(value, timedelta):
        return value
    return _read_once(value, _LENGTHS, _read_duration)


def _read_duration(value: Any) -> timedelta:
    text = value.strip().lstrip("+") if isinstance(value, str) else None
    match = _DURATION.match(text) if text is not None else None
    if match is None:
        raise PydanticCustomError("duration", "not a duration", {"got": value})
    delta = _span(*match.groups())
    if delta <= timedelta(0):
        raise PydanticCustomError("duration_zero", "a duration must be longer than zero", {"got": value})
    return delta


def format_offset(delta: timedelta) -> str:
    """``+H:MM:SS`` (hours may exceed 24), ``-`` before the start."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def format_duration(delta: timedelta) -> str:
    return format_offset(delta).lstrip("+")


WhenField = Annotated[When, PlainValidator(parse_when), PlainSerializer(lambda w: w.text, return_type=str)]
Duration = Annotated[timedelta, PlainValidator(parse_duration), PlainSerializer(format_duration, return_type=str)]
