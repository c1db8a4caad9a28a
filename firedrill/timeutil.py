"""Local time for Wuhan: every rule about the clock is read in Asia/Shanghai."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def to_local(value: datetime) -> datetime:
    """A naive time is taken as Asia/Shanghai; an aware one is converted to it."""
    if value.tzinfo is None:
        return value.replace(tzinfo=LOCAL_TZ)
    return value.astimezone(LOCAL_TZ)


def now_local() -> datetime:
    return datetime.now(LOCAL_TZ)


SECONDS_PER_DAY = 86_400
SECONDS_PER_HOUR = 3_600
SECONDS_PER_MINUTE = 60


def format_elapsed(seconds: int) -> str:
    """``+HH:MM:SS``, with a day count in front once an incident has run past a day."""
    days, rest = divmod(seconds, SECONDS_PER_DAY)
    hours, rest = divmod(rest, SECONDS_PER_HOUR)
    minutes, secs = divmod(rest, SECONDS_PER_MINUTE)
    clock = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"+{days}d {clock}" if days else f"+{clock}"
