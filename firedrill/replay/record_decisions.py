"""Record → script: the decisions recorded live (``assessment`` events) as the script's
expectations, so that replaying the script re-checks each decision taken live."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from firedrill.journal import Event
from firedrill.replay.timespec import format_offset


def _expectation(event: Event, start: datetime) -> dict[str, Any]:
    p = event.payload
    return {
        "at": format_offset(max(event.at, start) - start), "level": p["level"], "base_level": p["base_level"],
        "triggers": list(p.get("triggers", [])), "why": f"recorded live (journal event #{event.seq})",
    }  # fmt: skip


def _key(event: Event) -> tuple[Any, ...]:
    return event.payload["level"], event.payload["base_level"], tuple(event.payload.get("triggers", []))


def record_decisions(
    moment: list[Event], start: datetime, expectations: list[dict[str, Any]], superseded: list[str]
) -> None:
    """The decisions of one moment as expectations. The replay sees a moment after all its facts, so a
    decision replaced within the same second by a different one cannot be checked: it is listed instead."""
    for event in moment:
        if _key(event) == _key(moment[-1]):
            expectations.append(_expectation(event, start))
        else:
            superseded.append(f"#{event.seq}")
