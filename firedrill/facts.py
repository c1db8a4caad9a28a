"""The console's facts as Incident data: how a form's values (the ``fact`` events' field names and
values, docs/console.md) become the fields of an ``Incident``.

One place for the console (``firedrill.tui.fields``, which re-exports these names) and for the
journal readers that must decide as the console did (``firedrill.replay.record``). Standard library
only: the console imports this before its first frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

# Form fields the Incident model has no field for: where the fire is (text and map point) and when
# it began (the console's collapse-window alert reads it; the rules do not).
CONSOLE_ONLY = frozenset({"location", "scene", "ignition_at"})
# A wind field holds one form, ``{"wind_force": 6}`` or ``{"wind_speed_ms": 10.8}``: typing one form
# drops the other, since the Incident is rebuilt from the field's value alone.
WIND_KEYS = {"wind": ("wind_force", "wind_speed_ms"), "gust": ("gust_force", "gust_speed_ms")}


def incident_data(values: Mapping[str, Any], calls: list[datetime]) -> dict[str, Any]:
    """The Incident fields for the form's parsed values (console-only fields left out).

    A value of None (a cleared field) is left out, so the Incident's default applies."""
    data: dict[str, Any] = {}
    for field, value in values.items():
        if field in CONSOLE_ONLY or value is None:
            continue
        if field in WIND_KEYS:
            data.update(value)
        else:
            data[field] = value
    data["calls"] = [c.isoformat() for c in calls]
    return data
