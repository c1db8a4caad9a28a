"""A fixed local clock for the journal tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from firedrill.timeutil import LOCAL_TZ

T0 = datetime(2026, 11, 29, 21, 40, tzinfo=LOCAL_TZ)


def at(minutes: float) -> datetime:
    """``minutes`` after T0, the time the test incidents open."""
    return T0 + timedelta(minutes=minutes)
