"""Clause 4.5's nine combat phases (火情侦察 → … → 战斗结束), shared by every playbook.

``combat_sequence`` lays a playbook's items along the phases: an item serves a phase when the
phase's name appears in its heading or text. A phase no item names is returned with no items, so
the console can say the playbook is silent on it rather than invent a step.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.models import Text
from firedrill.playbook.citations import CitedEntry, iter_entries
from firedrill.playbook.schema import Playbook
from firedrill.yamlio import load_model

DATA_FILE = Path(__file__).parent / "data" / "combat_phases.yaml"


class CombatPhase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    name: Text


class CombatPhases(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    clause: str
    quote: str
    phases: tuple[CombatPhase, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _in_quote_in_order(self) -> Self:
        position = -1
        for phase in self.phases:
            found = self.quote.find(phase.name.zh, position + 1)
            if found < 0:
                raise ValueError(f"phase '{phase.id}' ({phase.name.zh}) is not in the quote after the one before")
            position = found
        return self


@cache
def load_combat_phases() -> CombatPhases:
    return load_model(CombatPhases, DATA_FILE)


@dataclass(frozen=True)
class PhaseStep:
    phase: CombatPhase
    entries: tuple[CitedEntry, ...]  # the playbook's items naming this phase; empty: the playbook is silent


def _squash(text: str) -> str:
    return "".join(text.split())


def combat_sequence(playbook: Playbook) -> tuple[PhaseStep, ...]:
    """The nine phases in order, each with the items of ``playbook`` that name it."""
    entries = [e for e in iter_entries(playbook) if e.depth > 0]
    steps = []
    for phase in load_combat_phases().phases:
        name = _squash(phase.name.zh)
        hits = tuple(e for e in entries if any(t is not None and name in _squash(t.zh) for t in (e.heading, e.text)))
        steps.append(PhaseStep(phase, hits))
    return tuple(steps)
