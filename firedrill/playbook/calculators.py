"""Calculators on the plan's numbers, in one place: the epidemic warning zones live here; oil-tank
cooling, the theatre collapse window and the metro team sizes live in ``cooling.py``,
``collapse.py`` and ``teams.py`` and are re-exported.

Every number comes from a playbook parameter; how it is applied where the plan is silent comes
from ``data/calculators.yaml`` (see docs/playbooks.md).
"""

from __future__ import annotations

import math
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.playbook.collapse import CollapseResult, WindowStatus, collapse_window, parse_time
from firedrill.playbook.cooling import CoolingResult, Neighbour, TankFlow, tank_cooling
from firedrill.playbook.params import ParameterRef, number, require
from firedrill.playbook.schema import Playbook
from firedrill.playbook.settings import Boundary, load_settings
from firedrill.playbook.teams import MetroTeamsResult, metro_teams

__all__ = [
    "CollapseResult", "CoolingResult", "MetroTeamsResult", "Neighbour", "TankFlow", "WindowStatus", "ZoneBand",
    "ZoneResult", "collapse_window", "metro_teams", "parse_time", "tank_cooling", "warning_zone",
]  # fmt: skip


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


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
