"""Reading the drill form into the engine's ``Declaration`` (no Textual).

Readings (docs/scenarios.md, "In the console"):

* A level must be chosen; triggers are the boxes ticked (none ticked = no trigger holds).
* The dispatch scale is all three counts, whole numbers ≥ 0, or the box "the plan sets no scale"
  with the three boxes empty. One or two counts only, or numbers with the box ticked, are refused
  rather than guessed: the engine would rate a missing count as outside the plan's range.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from firedrill.models import Level, Trigger
from firedrill.replay.answers import Declaration, DispatchDeclared

SCALE_FIELDS = ("stations", "formations", "engines")


@dataclass(frozen=True)
class FormValues:
    """What the form holds, as typed."""

    level: str | None
    triggers: tuple[str, ...]
    scale: tuple[str, str, str]  # stations, formations, engines as typed
    plan_sets_none: bool


class Refused(ValueError):
    """The form cannot be read; ``key`` names the message (a replay_console label)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _count(text: str) -> int:
    raw = text.strip()
    if not raw.isdecimal():  # digits only (full-width ones from a Chinese input method too): no sign, no fraction
        raise Refused("error_scale")
    return int(raw)


def read_scale(scale: Iterable[str], plan_sets_none: bool) -> DispatchDeclared | None:
    typed = [s for s in scale if s.strip()]
    if plan_sets_none:
        if typed:
            raise Refused("error_scale_both")
        return None
    parts = tuple(scale)
    if len(typed) != len(SCALE_FIELDS):
        raise Refused("error_scale")
    counts = dict(zip(SCALE_FIELDS, (_count(p) for p in parts), strict=True))
    return DispatchDeclared(**counts)


def read_form(values: FormValues, opened_playbook: bool) -> Declaration:
    """The trainee's declaration, or ``Refused`` naming what is wrong."""
    if values.level is None or values.level not in {lv.value for lv in Level}:
        raise Refused("error_level")
    return Declaration(
        level=Level(values.level),
        triggers=tuple(Trigger(t) for t in values.triggers),
        dispatch=read_scale(values.scale, values.plan_sets_none),
        opened_playbook=opened_playbook,
    )
