"""Oil-tank cooling water: 附件2 三(四)2, “按燃烧罐 0.60—0.8 升/秒·平方米,邻近罐 0.35—0.7 …”.

The plan's two ranges are read as tank types (fixed or floating roof; an adjacent tank above
ground, or insulated or buried), each taking one end of the range; the default reading is per
metre of circumference, the literal per-square-metre reading is kept for comparison. Every
number comes from the playbook parameters and ``data/calculators.yaml`` (docs/playbooks.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from firedrill.bounds import MAX_NEIGHBOURS, MAX_NOZZLE_FLOW_LS, MAX_TANK_M
from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.playbook.params import ParameterRef, ends, number, require, rounded
from firedrill.playbook.schema import Playbook
from firedrill.playbook.settings import CoolingReading, Measure, RangeEnd, TankCooling, TankType, load_settings

MEASURE_UNIT = {Measure.WALL_AREA: "m²", Measure.CIRCUMFERENCE: "m"}
MEASURE_SYMBOL = {Measure.WALL_AREA: "π·D·H", Measure.CIRCUMFERENCE: "π·D"}


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class Neighbour(_Result):
    """An adjacent tank to cool: its own diameter and, if known, its type (id or alias)."""

    diameter_m: float
    tank_type: str | None = None


class TankFlow(_Result):
    """Cooling water for one tank: the burning one, or one adjacent tank."""

    role: str  # "burning" or "adjacent"
    diameter_m: float
    tank_type: str
    type_name: Text
    type_given: bool  # False: the default type (the top of the range) was taken
    share: float  # of the wall area or circumference cooled
    measure_each: float  # m² or m cooled
    measure_unit: str
    intensity: float  # for this tank type
    intensity_min: float  # the plan's range
    intensity_max: float
    flow: float  # L/s at the type's intensity
    flow_min: float  # L/s across the plan's range
    flow_max: float


class CoolingResult(_Result):
    calculator: str = "tank_cooling"
    playbook: str
    diameter_m: float
    height_m: float | None
    neighbours: int
    reading: str
    reading_name: Text
    explanation: Text
    caution: Text
    citation: str
    type_reading: Text
    burning: TankFlow
    adjacent: tuple[TankFlow, ...]
    total: float  # L/s at the tank types' intensities
    total_min: float  # L/s across the plan's whole ranges
    total_max: float
    unit: str = "L/s"
    intensity_unit: str
    branch_flow_ls: float | None
    branches: int | None  # at branch_flow_ls per branch
    branch_note: Text
    formula: str
    parameters: tuple[ParameterRef, ...]
    assumptions: tuple[Text, ...]
    warnings: tuple[Text, ...]


def _positive(value: float | None, field: str, limit: float = MAX_TANK_M, unit: str = "metres") -> None:
    """Positive and within the bound of a sane input (beyond it the warnings would compute nonsense)."""
    if value is None or not math.isfinite(value) or value <= 0:
        shown = "nothing" if value is None else number(value)
        raise InputError(f"must be a positive number of {unit} (got {shown})", field=field)
    if value > limit:
        raise InputError(f"at most {number(limit)} {unit}: no tank or nozzle comes near (got {value:g})", field=field)


def _reading(settings: TankCooling, reading: str | None) -> CoolingReading:
    try:
        return settings.reading(reading or settings.default_reading)
    except ValueError:
        known = ", ".join(r.id for r in settings.readings)
        raise InputError(f"unknown reading '{reading}' (use one of: {known})", field="reading") from None


def _type(settings: TankCooling, text: str | None, *, burning: bool, field: str) -> tuple[TankType, bool]:
    default = settings.default_burning_type if burning else settings.default_adjacent_type
    try:
        return settings.tank_type(text or default, burning=burning), text is not None
    except ValueError:
        kinds = settings.burning_types if burning else settings.adjacent_types
        known = ", ".join(k.id for k in kinds)
        raise InputError(f"unknown tank type '{text}' (use one of: {known})", field=field) from None


def _warn(settings: TankCooling, key: str, value: float) -> list[Text]:
    if value <= getattr(settings.plausible, key):
        return []
    template: Text = getattr(settings.warnings, key)
    shown = number(round(value, 1))
    return [Text(zh=template.zh.format(value=shown), en=template.en.format(value=shown))]


def tank_cooling(
    playbook: Playbook,
    diameter_m: float,
    height_m: float | None = None,
    neighbours: int = 0,
    reading: str | None = None,
    *,
    tank_type: str | None = None,
    neighbour_tanks: Sequence[Neighbour] = (),
    branch_flow_ls: float | None = None,
) -> CoolingResult:
    """Cooling water for a burning tank and its neighbours.

    ``neighbours`` adds that many adjacent tanks of the burning tank's diameter and the default
    type; ``neighbour_tanks`` adds tanks each with its own diameter and type. The height is
    needed only by the per-square-metre reading.
    """
    settings = load_settings().tank_cooling
    chosen = _reading(settings, reading)
    _positive(diameter_m, "diameter")
    if chosen.measure is Measure.WALL_AREA and height_m is None:
        raise InputError(f"the {chosen.id} reading needs the tank height", field="height")
    if height_m is not None:
        _positive(height_m, "height")
    if not 0 <= neighbours <= MAX_NEIGHBOURS:
        raise InputError(f"from 0 to {MAX_NEIGHBOURS} (got {neighbours})", field="neighbours")
    if len(neighbour_tanks) > MAX_NEIGHBOURS:
        raise InputError(f"at most {MAX_NEIGHBOURS} neighbours", field="neighbour")
    for i, tank in enumerate(neighbour_tanks, start=1):
        _positive(tank.diameter_m, f"neighbour {i} diameter")
    if branch_flow_ls is not None:
        _positive(branch_flow_ls, "nozzle-flow", MAX_NOZZLE_FLOW_LS, "L/s")
    burning_p = require(playbook, settings.burning_parameter, calculator="tank cooling",
                        units=settings.accepted_units, both_ends=True)  # fmt: skip
    adjacent_p = require(playbook, settings.adjacent_parameter, calculator="tank cooling",
                         units=settings.accepted_units, both_ends=True)  # fmt: skip

    def flow(
        role: str, diameter: float, kind: TankType, given: bool, share: float, span: tuple[float, float]
    ) -> TankFlow:
        each = share * math.pi * diameter * ((height_m or 0) if chosen.measure is Measure.WALL_AREA else 1)
        intensity = span[1] if kind.end is RangeEnd.MAXIMUM else span[0]
        return TankFlow(role=role, diameter_m=diameter, tank_type=kind.id, type_name=kind.name, type_given=given,
                        share=share, measure_each=each, measure_unit=MEASURE_UNIT[chosen.measure],
                        intensity=intensity, intensity_min=span[0], intensity_max=span[1], flow=each * intensity,
                        flow_min=each * span[0], flow_max=each * span[1])  # fmt: skip

    kind, given = _type(settings, tank_type, burning=True, field="tank-type")
    burning = flow("burning", diameter_m, kind, given, chosen.burning_share, ends(burning_p))
    specs = [Neighbour(diameter_m=diameter_m)] * neighbours + list(neighbour_tanks)
    adjacent = []
    for i, spec in enumerate(specs, start=1):
        kind, given = _type(settings, spec.tank_type, burning=False, field=f"neighbour {i} type")
        adjacent.append(flow("adjacent", spec.diameter_m, kind, given, chosen.adjacent_share, ends(adjacent_p)))
    tanks = [burning, *adjacent]
    total = sum(t.flow for t in tanks)
    branches = math.ceil(total / branch_flow_ls - 1e-9) if branch_flow_ls else None
    warnings = [*_warn(settings, "diameter_m", max(t.diameter_m for t in tanks)),
                *(_warn(settings, "height_m", height_m) if height_m is not None else []),
                *_warn(settings, "neighbours", len(adjacent)), *_warn(settings, "total_flow_ls", total),
                *(_warn(settings, "branch_flow_ls", branch_flow_ls) if branch_flow_ls else [])]  # fmt: skip
    notes = [settings.default_type_note] if not all(t.type_given for t in tanks) else []
    return CoolingResult(
        playbook=playbook.id, diameter_m=diameter_m, height_m=height_m, neighbours=len(adjacent),
        reading=chosen.id, reading_name=chosen.name, explanation=chosen.explanation, caution=chosen.caution,
        citation=chosen.citation, type_reading=settings.type_reading, burning=burning, adjacent=tuple(adjacent),
        total=total, total_min=sum(t.flow_min for t in tanks), total_max=sum(t.flow_max for t in tanks),
        intensity_unit=chosen.intensity_unit, branch_flow_ls=branch_flow_ls, branches=branches,
        branch_note=settings.branch_flow.note if branch_flow_ls else settings.branch_flow.not_given,
        formula=_formula(chosen.measure, height_m, tanks, total),
        parameters=(ParameterRef.of(burning_p), ParameterRef.of(adjacent_p)),
        assumptions=(*notes, *settings.assumptions), warnings=tuple(warnings),
    )  # fmt: skip


def grouped(tanks: Sequence[TankFlow]) -> list[tuple[int, TankFlow]]:
    """Runs of identical tanks as (count, tank), so fifty like neighbours read as one line."""
    groups: list[tuple[int, TankFlow]] = []
    for tank in tanks:
        if groups and groups[-1][1] == tank:
            groups[-1] = (groups[-1][0] + 1, tank)
        else:
            groups.append((1, tank))
    return groups


def _formula(measure: Measure, height_m: float | None, tanks: Sequence[TankFlow], total: float) -> str:
    symbol = MEASURE_SYMBOL[measure]

    def term(count: int, t: TankFlow) -> str:
        size = f"π×{number(t.diameter_m)}" + (f"×{number(height_m or 0)}" if measure is Measure.WALL_AREA else "")
        return f"{count}×{number(t.share)}×{size}×{number(t.intensity)}"

    groups = grouped(tanks)
    return (f"Q = Σ n×share×{symbol}×q = " + " + ".join(term(n, t) for n, t in groups)
            + " = " + " + ".join(rounded(n * t.flow) for n, t in groups) + f" = {rounded(total)} L/s")  # fmt: skip
