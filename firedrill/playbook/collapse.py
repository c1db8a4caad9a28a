"""The theatre roof-collapse window: 附件5 一(五)1, “注意屋面、吊顶的塌落迹象(起火后 20—30 分钟)”.

Given the ignition time and a time of interest, says whether the fire is before, inside or past
the window and when the window opens and closes. Both ends count as inside (docs/playbooks.md).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.playbook.params import ParameterRef, ends, require
from firedrill.playbook.schema import Playbook
from firedrill.playbook.settings import load_settings
from firedrill.timeutil import to_local

MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)
CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")  # 9:30, 09:30, 21:05:30


class WindowStatus(StrEnum):
    BEFORE = "before"
    INSIDE = "inside"
    PAST = "past"


class CollapseResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    calculator: str = "collapse_window"
    playbook: str
    ignition: datetime
    at: datetime
    elapsed_min: float
    status: WindowStatus
    opens_at: datetime
    closes_at: datetime
    minutes_to_open: float | None  # before the window
    minutes_to_close: float | None  # inside the window
    parameter: ParameterRef
    reading: Text
    note: Text | None  # past the window: the plan does not say the danger is over
    caution: Text | None  # before the window: collapse can come earlier than the window


def parse_time(text: str, field: str, day: datetime) -> tuple[datetime, bool]:
    """``HH:MM`` on ``day``'s date, or an ISO date-time; returns the time and whether it was a clock time."""
    raw = text.strip()
    found = CLOCK.fullmatch(raw)
    if found is not None:
        hour, minute, second = (int(g) if g else 0 for g in found.groups())
        try:
            clock = time(hour, minute, second)
        except ValueError:
            raise InputError(f"not a time of day: '{text}' (use HH:MM, 00:00 to 23:59)", field=field) from None
        return to_local(datetime.combine(to_local(day).date(), clock)), True
    try:
        return to_local(datetime.fromisoformat(raw)), False
    except ValueError:
        raise InputError(f"not a time: '{text}' (use HH:MM or YYYY-MM-DDTHH:MM)", field=field) from None


def resolve_times(
    ignition_text: str, at_text: str | None, now: datetime, *, overnight: bool = False
) -> tuple[datetime, datetime]:
    """Ignition and time of interest from user text.

    A clock-time ignition later than the time asked is refused, unless ``overnight`` states that
    the fire started the day before (23:50 ignition asked about at 00:10): a typing slip such as
    ignition 21:05 asked at 21:04 must not read as a fire burning for 23 h 59 min.
    """
    at, _ = parse_time(at_text, "at", now) if at_text else (to_local(now), False)
    ignition, ignition_clock = parse_time(ignition_text, "ignition", at)
    if overnight:
        if not ignition_clock:
            raise InputError("--overnight applies to a clock time (HH:MM) only", field="ignition")
        ignition -= DAY
    elif at < ignition:
        hint = "; if the fire started the day before, say so (--overnight)" if ignition_clock else ""
        raise InputError(f"the ignition ({ignition:%Y-%m-%d %H:%M}) is after the time asked about "
                         f"({at:%Y-%m-%d %H:%M}){hint}", field="ignition")  # fmt: skip
    return ignition, at


def collapse_window(playbook: Playbook, ignition: datetime, at: datetime) -> CollapseResult:
    """Where ``at`` stands against the collapse window of a fire that started at ``ignition``."""
    settings = load_settings().collapse_window
    parameter = require(playbook, settings.parameter, calculator="collapse window",
                        units=settings.accepted_units, both_ends=True)  # fmt: skip
    ignition, at = to_local(ignition), to_local(at)
    if at < ignition:
        raise InputError("the time asked about is before the ignition", field="at")
    first, last = ends(parameter)
    opens, closes = ignition + first * MINUTE, ignition + last * MINUTE
    if at < opens:
        status = WindowStatus.BEFORE
    elif at <= closes:
        status = WindowStatus.INSIDE
    else:
        status = WindowStatus.PAST
    return CollapseResult(
        playbook=playbook.id, ignition=ignition, at=at, elapsed_min=(at - ignition) / MINUTE, status=status,
        opens_at=opens, closes_at=closes,
        minutes_to_open=(opens - at) / MINUTE if status is WindowStatus.BEFORE else None,
        minutes_to_close=(closes - at) / MINUTE if status is WindowStatus.INSIDE else None,
        parameter=ParameterRef.of(parameter), reading=settings.reading,
        note=settings.after_window if status is WindowStatus.PAST else None,
        caution=settings.before_window if status is WindowStatus.BEFORE else None,
    )  # fmt: skip
