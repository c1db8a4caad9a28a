"""Values in scripts and answers files written as the console and the CLI accept them.

A dispatcher types ``1.2亿``, ``5000万元``, ``６级``, ``8.5m/s`` or ``特别重大``; a script or an
answers file may say the same. Numbers go through the console's own parsers
(``firedrill.incident.entry.parse_field`` and ``firedrill.units``), names of levels, triggers,
hazards and site categories through the shared labels (``firedrill/labels.yaml``) in either
language. A value that does not read raises a ``PydanticCustomError`` whose type is a problem code
of ``labels.yaml`` (``problem:``), so the message is given in the user's language later.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from firedrill.errors import InputError
from firedrill.i18n import t
from firedrill.incident.entry import FieldError, parse_field
from firedrill.models import Beaufort, Count, Hazard, Level, NonNegative, SiteCategory, Trigger
from firedrill.timeutil import now_local
from firedrill.units import parse_beaufort, parse_speed

_AREA_UNITS = ("平方米", "m²", "m2", "㎡")
_LABEL_GROUPS: dict[type[StrEnum], str] = {
    Level: "level", Trigger: "trigger", Hazard: "hazard", SiteCategory: "site_category",
}  # fmt: skip


@cache
def _names(enum: type[StrEnum]) -> dict[str, StrEnum]:
    """Every way a member may be written: its id, its Chinese and its English label (any case)."""
    group = _LABEL_GROUPS[enum]
    found: dict[str, StrEnum] = {}
    for member in enum:
        for text in (member.value, t(group, member.value, "zh"), t(group, member.value, "en")):
            found[text.strip().casefold()] = member
    return found


def _named(enum: type[StrEnum]) -> Any:
    def read(value: Any) -> Any:
        if isinstance(value, str):
            member = _names(enum).get(value.strip().casefold())
            if member is None:
                accepted = ", ".join(f"{m.value} ({t(_LABEL_GROUPS[enum], m.value, 'zh')})" for m in enum)
                raise PydanticCustomError("choice", "not one of: {accepted}", {"accepted": accepted, "got": value})
            return member
        return value

    return read


def _typed(field: str) -> Any:
    """Text read the way the console's form reads ``field`` (万/亿, full-width digits, separators)."""

    def read(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str):
            return value
        text = value
        if field == "burning_area_m2":
            for unit in _AREA_UNITS:
                text = text.strip().removesuffix(unit)
        try:
            parsed = parse_field(field, text, now_local())
        except FieldError as exc:
            raise PydanticCustomError(exc.code, "not readable as {field}", {"field": field, "got": value}) from None
        if parsed is None:
            raise PydanticCustomError("empty", "no value given", {"got": value})
        return parsed

    return read


def _beaufort(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_beaufort(value, "wind")
        except InputError:
            raise PydanticCustomError("wind", "not a Beaufort force", {"got": value}) from None
    return value


def _speed(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_speed(value, "wind")
        except InputError:
            raise PydanticCustomError("speed", "not a speed", {"got": value}) from None
    return value


def _time(value: Any) -> Any:
    """A date-time written as the console shows it (``2026-11-24 23:35``) as well as ISO 8601."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("datetime", "not a date-time", {"got": value}) from None
    return value


LevelIn = Annotated[Level, BeforeValidator(_named(Level))]
TriggerIn = Annotated[Trigger, BeforeValidator(_named(Trigger))]
HazardIn = Annotated[Hazard, BeforeValidator(_named(Hazard))]
SiteIn = Annotated[SiteCategory, BeforeValidator(_named(SiteCategory))]
DeathsIn = Annotated[Count, BeforeValidator(_typed("deaths"))]
InjuriesIn = Annotated[Count, BeforeValidator(_typed("serious_injuries"))]
MoneyIn = Annotated[NonNegative, BeforeValidator(_typed("direct_loss_yuan"))]
AreaIn = Annotated[NonNegative, BeforeValidator(_typed("burning_area_m2"))]
CountIn = Annotated[Count, BeforeValidator(_typed("deaths"))]  # any whole number ≥ 0, as the form reads a count
BeaufortIn = Annotated[Beaufort, BeforeValidator(_beaufort)]
SpeedIn = Annotated[NonNegative, BeforeValidator(_speed)]
TimeIn = Annotated[datetime, BeforeValidator(_time)]
