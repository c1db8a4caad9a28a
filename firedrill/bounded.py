"""The Incident's facts as validated types: the bounds of ``firedrill.bounds``, applied by pydantic when
it validates outside data (``firedrill.constraints``: declared here without importing pydantic)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from firedrill.bounds import (
    EARLIEST,
    LATEST,
    MAX_AREA_M2,
    MAX_LOSS_YUAN,
    MAX_NAME,
    MAX_PEOPLE,
    MAX_SPEED_MS,
    MAX_TEXT,
    has_control,
    is_date_only,
)
from firedrill.constraints import Check
from firedrill.timeutil import LOCAL_TZ


def not_a_bool(value: Any) -> Any:
    """JSON's ``true`` is not 1 death: a count or an amount must be written as a number."""
    if isinstance(value, bool):
        raise ValueError("a number is needed, not true/false")
    return value


def _a_moment(value: Any) -> Any:
    """``0`` is not a time (Unix seconds would silently become 1970), and a date alone is not a moment:
    it would be read as midnight, inside the night window of 4.3(3), a guess that escalates."""
    if isinstance(value, (bool, int, float)):  # a tuple is quicker than a union, and every call time passes here
        raise ValueError("a date and time is needed (e.g. 2026-03-10T21:45), not a number")
    if isinstance(value, str) and is_date_only(value):
        raise ValueError(f"a time needs its clock time, e.g. {value.strip()}T21:45")
    return value


def _in_range(value: datetime) -> datetime:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=LOCAL_TZ)
    if not EARLIEST <= aware < LATEST:
        raise ValueError(f"must lie between {EARLIEST.year} and {LATEST.year - 1}")
    return value


def _no_control(value: str | None) -> str | None:
    if value is not None and has_control(value):
        raise ValueError("must not contain control characters")
    return value


People = Annotated[int, Check(before=not_a_bool, ge=0, le=MAX_PEOPLE)]
Loss = Annotated[float, Check(before=not_a_bool, ge=0, le=MAX_LOSS_YUAN, allow_inf_nan=False)]
Area = Annotated[float, Check(before=not_a_bool, ge=0, le=MAX_AREA_M2, allow_inf_nan=False)]
Speed = Annotated[float, Check(before=not_a_bool, ge=0, le=MAX_SPEED_MS, allow_inf_nan=False)]
Moment = Annotated[datetime, Check(before=_a_moment, after=_in_range)]
FreeText = Annotated[str, Check(max_length=MAX_TEXT, after=_no_control)]
ShortName = Annotated[str, Check(max_length=MAX_NAME, after=_no_control)]
