"""Clause 4.5's nine combat phases (火情侦察 → … → 战斗结束), shared by every playbook.

``combat_sequence`` lays a playbook's items along the phases from reviewed data
(``data/phase_map.yaml``: each item's citation, its opening words and the phases it serves). A
phase no item is mapped to comes back empty and is shown as "no item mapped" — not as the
playbook being silent, which the map cannot prove.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.playbook.citations import CitedEntry, iter_entries
from firedrill.playbook.schema import Playbook
from firedrill.yamlio import load_model

DATA_FILE = Path(__file__).parent / "data" / "combat_phases.yaml"
MAP_FILE = Path(__file__).parent / "data" / "phase_map.yaml"


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


class MappedItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    opening: str = Field(min_length=1)  # the first words of the item's Chinese text, whitespace removed
    phases: tuple[str, ...]


class PhaseMap(RootModel[dict[str, dict[str, MappedItem]]]):
    """playbook id → item citation → the phases it serves."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _known_phases(self) -> Self:
        known = {p.id for p in load_combat_phases().phases}
        for playbook_id, items in self.root.items():
            for citation, item in items.items():
                unknown = [p for p in item.phases if p not in known]
                if unknown or len(set(item.phases)) != len(item.phases):
                    raise ValueError(f"{playbook_id} {citation}: unknown or repeated phase in {list(item.phases)}")
        return self


@cache
def load_phase_map() -> PhaseMap:
    return load_model(PhaseMap, MAP_FILE)


@dataclass(frozen=True)
class PhaseStep:
    phase: CombatPhase
    entries: tuple[CitedEntry, ...]  # the playbook's items mapped to this phase; empty: no item mapped


def _squash(text: str) -> str:
    return "".join(text.split())


def mapped_phases(playbook: Playbook) -> dict[str, tuple[str, ...]]:
    """Each mapped item's citation and its phases; a playbook the map does not know maps nothing."""
    items = load_phase_map().root.get(playbook.id, {})
    known = {e.citation: e for e in iter_entries(playbook) if e.depth > 0}
    result: dict[str, tuple[str, ...]] = {}
    for citation, item in items.items():
        entry = known.get(citation)
        if entry is None or not _squash(entry.plain("zh")).startswith(item.opening):
            raise InputError(f"'{citation}' ({item.opening}…) is not an item of playbook '{playbook.id}' as mapped",
                             file=MAP_FILE, field=playbook.id)  # fmt: skip
        result[citation] = item.phases
    return result


def combat_sequence(playbook: Playbook) -> tuple[PhaseStep, ...]:
    """The nine phases in order, each with the items of ``playbook`` mapped to it, in the plan's order."""
    mapped = mapped_phases(playbook)
    entries = [e for e in iter_entries(playbook) if e.citation in mapped]
    return tuple(PhaseStep(phase, tuple(e for e in entries if phase.id in mapped[e.citation]))
                 for phase in load_combat_phases().phases)  # fmt: skip
