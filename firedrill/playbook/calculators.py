"""Calculators on the plan's numbers: oil-tank cooling water and the epidemic warning zones.

Every number comes from a playbook parameter; how it is applied where the plan is silent comes
from ``data/calculators.yaml`` (see docs/playbooks.md). The theatre collapse window and the metro
team sizes live in ``collapse.py`` and ``teams.py`` and are re-exported here.
"""

from __future__ import annotations

import math
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.playbook.collapse import CollapseResult, WindowStatus, collapse_window, parse_time
from firedrill.playbook.params import ParameterRef, ends, number, require, rounded
from firedrill.playbook.schema import Playbook
from firedrill.playbook.settings import Boundary, Measure, load_settings
from firedrill.playbook.teams import MetroTeamsResult, metro_teams

__all__ = [
    "CollapseResult", "CoolingResult", "MetroTeamsResult", "TankFlow", "WindowStatus", "ZoneBand",
    "ZoneResult", "collapse_window", "metro_teams", "parse_time", "tank_cooling", "warning_zone",
]  # fmt: skip

MEASURE_UNIT = {Measure.WALL_AREA: "m²", Measure.CIRCUMFERENCE: "m"}
MEASURE_SYMBOL = {Measure.WALL_AREA: "π·D·H", Measure.CIRCUMFERENCE: "π·D"}


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class TankFlow(_Result):
    """Cooling water for one kind of tank (the burning one, or the adjacent ones)."""

    count: int
    share: float  # of each tank's wall area or circumference
    measure_each: float  # m² or m actually cooled per tank
    measure_unit: str
    intensity_min: float
    intensity_max: float
    flow_min: float  # L/s for all ``count`` tanks
    flow_max: float


class CoolingResult(_Result):
    calculator: str = "tank_cooling"
    playbook: str
    diameter_m: float
    height_m: float
    neighbours: int
    reading: str
    reading_name: Text
    explanation: Text
    caution: Text
    citation: str
    burning: TankFlow
    adjacent: TankFlow
    total_min: float  # L/s
    total_max: float
    unit: str = "L/s"
    formula: str
    parameters: tuple[ParameterRef, ...]
    assumptions: tuple[Text, ...]


def _positive(value: float, field: str) -> None:
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"must be a positive number of metres (got {number(value)})", field=field)


def tank_cooling(
    playbook: Playbook, diameter_m: float, height_m: float, neighbours: int, reading: str | None = None
) -> CoolingResult:
    """Cooling-water flow for a burning tank and ``neighbours`` adjacent tanks of the same size."""
    settings = load_settings().tank_cooling
    _positive(diameter_m, "diameter")
    _positive(height_m, "height")
    if neighbours < 0:
        raise InputError(f"must be zero or more (got {neighbours})", field="neighbours")
    try:
        chosen = settings.reading(reading or settings.default_reading)
    except ValueError:
        known = ", ".join(r.id for r in settings.readings)
        raise InputError(f"unknown reading '{reading}' (use one of: {known})", field="reading") from None
    burning_p = require(playbook, settings.burning_parameter, calculator="tank cooling",
                        units=settings.accepted_units, both_ends=True)  # fmt: skip
    adjacent_p = require(playbook, settings.adjacent_parameter, calculator="tank cooling",
                         units=settings.accepted_units, both_ends=True)  # fmt: skip
    whole = math.pi * diameter_m * (height_m if chosen.measure is Measure.WALL_AREA else 1)

    def flow(count: int, share: float, intensity: tuple[float, float]) -> TankFlow:
        each = share * whole
        return TankFlow(count=count, share=share, measure_each=each, measure_unit=MEASURE_UNIT[chosen.measure],
                        intensity_min=intensity[0], intensity_max=intensity[1],
                        flow_min=count * each * intensity[0], flow_max=count * each * intensity[1])  # fmt: skip

    burning = flow(1, chosen.burning_share, ends(burning_p))
    adjacent = flow(neighbours, chosen.adjacent_share, ends(adjacent_p))
    total = (burning.flow_min + adjacent.flow_min, burning.flow_max + adjacent.flow_max)
    return CoolingResult(
        playbook=playbook.id, diameter_m=diameter_m, height_m=height_m, neighbours=neighbours,
        reading=chosen.id, reading_name=chosen.name, explanation=chosen.explanation, caution=chosen.caution,
        citation=chosen.citation, burning=burning, adjacent=adjacent, total_min=total[0], total_max=total[1],
        formula=_formula(chosen.measure, diameter_m, height_m, burning, adjacent, total),
        parameters=(ParameterRef.of(burning_p), ParameterRef.of(adjacent_p)), assumptions=settings.assumptions,
    )  # fmt: skip


def _formula(
    measure: Measure, d: float, h: float, burning: TankFlow, adjacent: TankFlow, total: tuple[float, float]
) -> str:
    symbol = MEASURE_SYMBOL[measure]
    values = f"π×{number(d)}×{number(h)}" if measure is Measure.WALL_AREA else f"π×{number(d)}"

    def term(t: TankFlow) -> str:
        return f"{t.count}×{number(t.share)}×{values}×({number(t.intensity_min)}–{number(t.intensity_max)})"

    def span(low: float, high: float) -> str:
        return f"{rounded(low)}–{rounded(high)}"

    return (
        f"Q = 1×{number(burning.share)}×{symbol}×q燃烧罐 + n×{number(adjacent.share)}×{symbol}×q邻近罐"
        f" = {term(burning)} + {term(adjacent)}"
        f" = {span(burning.flow_min, burning.flow_max)} + {span(adjacent.flow_min, adjacent.flow_max)}"
        f" = {span(*total)} L/s"
    )


# A warning zone is the parameter that defines it, quoted and cited as every result does.
ZoneBand = ParameterRef


class ZoneResult(_Result):
    calculator: str = "warning_zone"
    playbook: str
    distance_m: float
    zone: ZoneBand
    on_boundary: bool  # the distance is exactly a limit written in the plan
    bands: tuple[ZoneBand, ...]
    reading: Text
    citation: str
    entrance_officers: ParameterRef | None


def warning_zone(playbook: Playbook, distance_m: float) -> ZoneResult:
    """Which warning zone of 附件7 四(三) a point ``distance_m`` from the pathogen lies in."""
    settings = load_settings().warning_zone
    if not math.isfinite(distance_m) or distance_m < 0:
        raise InputError(f"must be zero or more metres (got {number(distance_m)})", field="distance")
    params = [require(playbook, z, calculator="warning zone", units=settings.accepted_units)
              for z in settings.zones]  # fmt: skip
    for inner, outer in pairwise(params):
        if inner.maximum is None or inner.maximum != outer.minimum:
            raise InputError(
                f"playbook '{playbook.id}': zone '{inner.id}' must end where '{outer.id}' begins",
                field=f"parameters.{inner.id}.maximum",
            )
    if params[-1].maximum is not None:
        raise InputError(f"playbook '{playbook.id}': the outermost zone must be open-ended",
                         field=f"parameters.{params[-1].id}.maximum")  # fmt: skip
    bands = tuple(ZoneBand.of(p) for p in params)
    index = len(bands) - 1
    for i, band in enumerate(bands[:-1]):
        limit = band.maximum if band.maximum is not None else math.inf
        if distance_m < limit or (settings.boundary is Boundary.INNER and distance_m == limit):
            index = i
            break
    officers = None
    if settings.entrance_officers is not None and any(p.id == settings.entrance_officers
                                                       for p in playbook.parameters):  # fmt: skip
        officers = ParameterRef.of(playbook.parameter(settings.entrance_officers))
    return ZoneResult(
        playbook=playbook.id, distance_m=distance_m, zone=bands[index],
        on_boundary=any(distance_m in (b.minimum, b.maximum) for b in bands), bands=bands,
        reading=settings.reading, citation=settings.citation, entrance_officers=officers,
    )  # fmt: skip
