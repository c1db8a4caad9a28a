"""Clause 1.4: the base level of a fire from its casualties, loss, area and hazards.

Every criterion is evaluated and every one that holds becomes a Reason; the highest level wins.
Below major the national grading of 2007 applies (the plan grades only major and above).
"""

from __future__ import annotations

from functools import cache

from firedrill.models import Incident, Level, Reason
from firedrill.rules.schema import Criterion, Grading, Measure

UNITS: dict[Measure, str] = {
    Measure.DEATHS: "人",
    Measure.SERIOUS_INJURIES: "人",
    Measure.DIRECT_LOSS_YUAN: "元",
    Measure.BURNING_AREA_M2: "m²",
    Measure.HAZARDS: "",
}


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


@cache
def threshold_text(criterion: Criterion) -> str:
    """A language-neutral statement of the criterion's bounds, e.g. "≥ 10 人, < 30 人"."""
    if criterion.measure is Measure.HAZARDS:
        return "any of: " + ", ".join(h.value for h in criterion.hazards)
    unit = UNITS[criterion.measure]
    parts = []
    if criterion.minimum is not None:
        parts.append(f"≥ {_number(criterion.minimum)} {unit}".rstrip())
    if criterion.below is not None:
        parts.append(f"< {_number(criterion.below)} {unit}".rstrip())
    return ", ".join(parts)


def _holds(criterion: Criterion, incident: Incident) -> str | None:
    """The value that meets the criterion, as text, or None when it does not hold."""
    if criterion.categories is not None and incident.site_category not in criterion.categories:
        return None
    if criterion.measure is Measure.HAZARDS:
        present = [h.value for h in incident.hazards if h in criterion.hazards]
        return ", ".join(present) if present else None
    value = float(getattr(incident, criterion.measure.value))
    if criterion.minimum is not None and value < criterion.minimum:
        return None
    if criterion.below is not None and value >= criterion.below:
        return None
    return f"{_number(value)} {UNITS[criterion.measure]}".rstrip()


def grade(incident: Incident, grading: Grading) -> tuple[Level, list[Reason]]:
    """The base level and every grading criterion that holds, highest level first."""
    reasons: list[Reason] = []
    for criterion in grading.criteria:
        value = _holds(criterion, incident)
        if value is None:
            continue
        reasons.append(
            Reason(
                kind="grading",
                criterion=criterion.id,
                clause=criterion.clause,
                source=criterion.source,
                level=criterion.level,
                description=criterion.description,
                value=value,
                threshold=threshold_text(criterion),
                quote=criterion.quote,
            )
        )
    reasons.sort(key=lambda r: -r.level.rank)
    level = reasons[0].level if reasons else Level.GENERAL
    return level, reasons
