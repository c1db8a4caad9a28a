"""Load the procedure catalogue: read steps.yaml, expand the 4.5 combat phases, check the graph.

The nine combat phases are not copied here: they come from the playbook's clause-4.5 data
(``firedrill.playbook.phases``), so the checklist and the playbooks always name the same phases.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import ValidationError

from firedrill.errors import InputError
from firedrill.playbook.phases import CombatPhases, load_combat_phases
from firedrill.procedure.schema import Catalogue, PhaseBlock, RawCatalogue, Step
from firedrill.yamlio import PathKey, describe_validation_error, read_mapping

DATA_FILE = Path(__file__).parent / "data" / "steps.yaml"


def _expand(block: PhaseBlock, phases: CombatPhases, where: str) -> list[Step]:
    known = {p.id for p in phases.phases}
    for phase_id, deps in block.phase_depends_on.items():
        unknown = [p for p in (phase_id, *deps) if p not in known]
        if unknown:
            names = ", ".join(sorted(known))
            raise ValueError(f"{where}: unknown combat phase(s) {', '.join(unknown)}; known: {names}")
    missing = [p.name.zh for p in phases.phases if p.name.zh not in block.quote]
    if missing:
        raise ValueError(f"{where}: the quote does not name the phase(s) {', '.join(missing)}")
    shared = block.model_dump(exclude={"expand", "id_prefix", "phase_depends_on", "depends_on"})
    return [
        Step(
            **shared,
            id=f"{block.id_prefix}{phase.id}",
            title=phase.name,
            depends_on=(
                *block.depends_on,
                *(f"{block.id_prefix}{d}" for d in block.phase_depends_on.get(phase.id, ())),
            ),
        )
        for phase in phases.phases
    ]


def build_catalogue(raw: RawCatalogue, phases: CombatPhases) -> Catalogue:
    """The catalogue with every phase block expanded into steps; ValueError if the graph is wrong."""
    steps: list[Step] = []
    for index, entry in enumerate(raw.steps):
        if isinstance(entry, PhaseBlock):
            steps.extend(_expand(entry, phases, f"steps[{index}]"))
        else:
            steps.append(entry)
    return Catalogue(plan=raw.plan, actors=raw.actors, stages=raw.stages, steps=tuple(steps))


def _line_of(message: str, raw: RawCatalogue, lines: dict[PathKey, int]) -> int | None:
    """The line of the entry a graph error is about: ``steps[i]`` or a quoted step id in the message."""
    for index, entry in enumerate(raw.steps):
        name = entry.id if isinstance(entry, Step) else entry.id_prefix
        if f"steps[{index}]" in message or f"'{name}" in message:
            return lines.get(("steps", index))
    return lines.get(("steps",))


def load_catalogue_from(path: Path, text: str | None = None) -> Catalogue:
    """Load a procedure file; any problem is one InputError naming file, line and field."""
    data, lines = read_mapping(path, text)
    try:
        raw = RawCatalogue.model_validate(data)
    except ValidationError as exc:
        raise describe_validation_error(exc, path, lines) from None
    try:
        return build_catalogue(raw, load_combat_phases())
    except ValidationError as exc:
        message = describe_validation_error(exc).message
    except ValueError as exc:
        message = str(exc)
    raise InputError(message, field="steps", file=path, line=_line_of(message, raw, lines))


@cache
def load_catalogue() -> Catalogue:
    """The built-in procedure of the 2021 plan, loaded once per process."""
    return load_catalogue_from(DATA_FILE)
