"""The names of an incident's facts, in the domain's own terms, and how they make an ``Incident``.

A ``fact`` event of the journal changes some of these names at once (``{"changes": {name: value}}``).
Most are the Incident's own fields with the Incident's units; three more say where the fire is
and when it began, which the rules do not read. Standard library only: the console imports this
before its first frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

# The Incident's fields (firedrill.models.Incident) a fact may set; ``calls`` are events of their own.
INCIDENT_FACTS = (
    "reported_at",
    "site_category",
    "scenario",
    "deaths",
    "serious_injuries",
    "direct_loss_yuan",
    "burning_area_m2",
    "hazards",
    "wind_force",
    "wind_speed_ms",
    "gust_force",
    "gust_speed_ms",
    "severe_weather",
    "political_event",
    "sensitive_area",
    "rising_calls",
    "manual_escalation",
)
# Facts the Incident has no field for: the place as told (text), the map point the planner sends
# units to ({"lon", "lat"} and the district when one was named), and the ignition time.
PLACE_FACTS = ("location", "scene", "ignition_at")
FACT_NAMES = frozenset((*INCIDENT_FACTS, *PLACE_FACTS))
TIME_FACTS = frozenset({"reported_at", "ignition_at"})
# The console's wind fields take one form at a time: a force or a speed, the other is cleared.
WIND_KEYS = {"wind": ("wind_force", "wind_speed_ms"), "gust": ("gust_force", "gust_speed_ms")}
WIND_FIELD_OF = {key: field for field, keys in WIND_KEYS.items() for key in keys}


def form_changes(form_field: str, value: Any) -> dict[str, Any]:
    """The fact changes a console form field's parsed value stands for (a wind form sets one key, clears the other)."""
    keys = WIND_KEYS.get(form_field)
    if keys is None:
        return {form_field: value}
    given = value if isinstance(value, Mapping) else {}
    return {key: given.get(key) for key in keys}


def form_value(facts: Mapping[str, Any], form_field: str) -> Any:
    """A console form field's value for these facts (a wind field holds the one form recorded; times in ISO)."""
    keys = WIND_KEYS.get(form_field)
    if keys is not None:
        given = [(k, facts[k]) for k in keys if facts.get(k) is not None]
        return dict(given[:1]) or None
    value = facts.get(form_field)
    return value.isoformat() if form_field in TIME_FACTS and isinstance(value, datetime) else value


def form_fields(names: Iterable[str]) -> list[str]:
    """The console form fields that show these facts, once each, wind fields for their keys."""
    return list(dict.fromkeys(WIND_FIELD_OF.get(name, name) for name in names))


def incident_data(facts: Mapping[str, Any], calls: list[datetime] | tuple[datetime, ...]) -> dict[str, Any]:
    """The Incident fields for these facts (place facts left out, None left out so the default applies)."""
    data = {name: value for name, value in facts.items() if name in INCIDENT_FACTS and value is not None}
    data["calls"] = [c.isoformat() for c in calls]
    return data
