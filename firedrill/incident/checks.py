"""Checking fact changes before they are recorded: known names, values of the right kind, a report
time that is not after the moment it is recorded, and nothing after the emergency is declared over.

Each problem is one InputError naming the fact (``facts.deaths``). Values are taken in the
domain's own types: a count is an integer (``true`` is not one death), a quantity a finite
number, a flag a boolean, a time a date-time with its zone (naive ones are Asia/Shanghai).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from firedrill.adapters import validate
from firedrill.bounds import MAX_TEXT, has_control, is_date_only
from firedrill.errors import InputError
from firedrill.facts import FACT_NAMES, TIME_FACTS, incident_data
from firedrill.models import Incident
from firedrill.timeutil import to_local
from firedrill.yamlio import describe_validation_error

COUNTS = frozenset({"deaths", "serious_injuries", "wind_force", "gust_force"})
QUANTITIES = frozenset({"direct_loss_yuan", "burning_area_m2", "wind_speed_ms", "gust_speed_ms"})
FLAGS = frozenset({"severe_weather", "political_event", "sensitive_area", "rising_calls"})
TEXTS = frozenset({"location", "manual_escalation", "scenario", "site_category"})
REQUIRED = frozenset({"reported_at", "site_category"})
LON_LIMIT, LAT_LIMIT = 180.0, 90.0


class FactsFrozenError(InputError):
    """The emergency is declared over (clause 5): the incident's facts no longer change."""

    def __init__(self, incident_id: str) -> None:
        super().__init__(f"incident {incident_id!r}: the emergency is declared over (5); its facts no longer change",
                         field="facts")  # fmt: skip


def _bad(name: str, message: str) -> InputError:
    return InputError(message, field=f"facts.{name}")


def _time(name: str, value: Any) -> datetime:
    if isinstance(value, str):
        if is_date_only(value):
            raise _bad(name, f"a time needs its clock time, e.g. {value.strip()}T21:45")
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise _bad(name, f"not an ISO 8601 date-time: {value!r}") from None
    if not isinstance(value, datetime):
        raise _bad(name, "expected a date-time")
    return to_local(value).replace(microsecond=0)


def _place(name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise _bad(name, "expected a map point {lon, lat}")
    lon, lat = value.get("lon"), value.get("lat")
    for axis, number, limit in (("lon", lon, LON_LIMIT), ("lat", lat, LAT_LIMIT)):
        if isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(number) \
                or abs(number) > limit:  # fmt: skip
            raise _bad(name, f"{axis} must be a number within ±{limit:g} degrees")
    return dict(value)


def _value(name: str, value: Any) -> Any:
    """The value in its domain type, or an InputError saying what kind the fact takes."""
    if name not in FACT_NAMES:
        raise InputError(f"unknown fact {name!r}; facts are {', '.join(sorted(FACT_NAMES))}", field="facts")
    if value is None:
        if name in REQUIRED:
            raise _bad(name, "cannot be cleared")
        return None
    if name in TIME_FACTS:
        return _time(name, value)
    if name in COUNTS:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _bad(name, "expected a whole number")
        return value
    if name in QUANTITIES:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise _bad(name, "expected a finite number")
        return value
    if name in FLAGS:
        if not isinstance(value, bool):
            raise _bad(name, "expected true or false")
        return value
    if name in TEXTS:
        if not isinstance(value, str):
            raise _bad(name, "expected text")
        if has_control(value):
            raise _bad(name, "must not contain control characters")
        if len(value) > MAX_TEXT:
            raise _bad(name, f"at most {MAX_TEXT} characters")
        return value.strip() or None
    if name == "hazards":
        if not isinstance(value, list | tuple) or not all(isinstance(h, str) for h in value):
            raise _bad(name, "expected a list of hazards")
        return list(dict.fromkeys(value))
    return _place(name, value)


def check_facts(current: Mapping[str, Any], changes: Mapping[str, Any], at: datetime) -> dict[str, Any]:
    """The changes that differ from ``current``, in domain types; an InputError for the first bad one."""
    if not isinstance(changes, Mapping):
        raise InputError("facts must be a mapping of fact names to values", field="facts")
    new = {}
    for name, value in changes.items():
        checked = _value(str(name), value)
        if name == "reported_at" and checked is not None and checked > to_local(at):
            moment = to_local(at).isoformat()
            raise _bad(name, f"{checked.isoformat()} is after the moment it is recorded ({moment}); "
                             "a report time cannot be in the future")  # fmt: skip
        if checked != current.get(name):
            new[name] = checked
    merged = {**current, **new}
    data = incident_data(merged, [])
    data.setdefault("reported_at", at)
    try:
        validate(Incident, data)
    except ValidationError as exc:
        problem = describe_validation_error(exc)
        raise InputError(problem.message, field=f"facts.{problem.field}" if problem.field else "facts") from None
    return new


def stored(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes as the journal stores them (times in ISO 8601 with their offset)."""
    return {name: value.isoformat() if isinstance(value, datetime) else value for name, value in changes.items()}
