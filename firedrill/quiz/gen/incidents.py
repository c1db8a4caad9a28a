"""Fires for questions: casualties, loss and area drawn next to the clause 1.4 thresholds.

``grade_values`` is the generators' own reading of the grading table (``minimum <= value < below``,
categories, hazards); it is deliberately not ``assess``, which the verifier uses, so that the two
must agree for a question to pass.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from firedrill.i18n import label
from firedrill.models import Hazard, Incident, Level, SiteCategory, Text
from firedrill.quiz.gen.common import Context, measure_value
from firedrill.quiz.texts import join, tx
from firedrill.rules.schema import Criterion, Grading, Measure

NUMBER_MEASURES = (Measure.DEATHS, Measure.SERIOUS_INJURIES, Measure.DIRECT_LOSS_YUAN, Measure.BURNING_AREA_M2)
COUNTS = (Measure.DEATHS, Measure.SERIOUS_INJURIES)


@dataclass(frozen=True)
class Fire:
    """The grading facts of a drawn fire (no time, no weather)."""

    values: tuple[tuple[Measure, float], ...]
    category: SiteCategory
    hazards: tuple[Hazard, ...]

    def incident(self, reported_at: datetime, **circumstances: Any) -> Incident:
        fields: dict[str, Any] = {m.value: (int(v) if m in COUNTS else v) for m, v in self.values}
        return Incident(
            **fields, site_category=self.category, hazards=self.hazards, reported_at=reported_at, **circumstances
        )

    def describe(self) -> Text:
        parts = []
        for measure, value in self.values:
            if measure is Measure.BURNING_AREA_M2:
                parts.append(
                    tx(
                        "fire.area",
                        site=label("site_category", self.category.value),
                        area=measure_value(measure, value),
                    )
                )
            else:
                parts.append(tx(f"fire.{measure.value}", value=measure_value(measure, value)))
        parts.extend(tx("fire.hazard", hazard=label("hazard", h.value)) for h in self.hazards)
        return join(parts) if parts else tx("fire.nothing")


def _applies(criterion: Criterion, category: SiteCategory) -> bool:
    return criterion.categories is None or category in criterion.categories


def thresholds(grading: Grading, measure: Measure, category: SiteCategory) -> list[float]:
    """Every limit the grading table sets for ``measure`` at a site of ``category``."""
    found = {
        bound
        for c in grading.criteria
        if c.measure is measure and _applies(c, category)
        for bound in (c.minimum, c.below)
        if bound is not None
    }
    return sorted(found)


def _holds(criterion: Criterion, fire: Fire) -> bool:
    if not _applies(criterion, fire.category):
        return False
    if criterion.measure is Measure.HAZARDS:
        return any(h in criterion.hazards for h in fire.hazards)
    value = dict(fire.values).get(criterion.measure, 0.0)
    low_ok = criterion.minimum is None or value >= criterion.minimum
    return low_ok and (criterion.below is None or value < criterion.below)


def grade_values(fire: Fire, grading: Grading) -> tuple[Level, list[Criterion]]:
    """The level the table gives ``fire`` and the criteria that hold, highest level first."""
    holding = sorted((c for c in grading.criteria if _holds(c, fire)), key=lambda c: -c.level.rank)
    return (holding[0].level if holding else Level.GENERAL), holding


def draw_value(rng: random.Random, ctx: Context, measure: Measure, category: SiteCategory) -> float:
    limits = thresholds(ctx.rulebook.grading, measure, category)
    value = max(0.0, rng.choice(limits) + rng.choice(ctx.settings.draw.offsets[measure]))
    return float(int(value)) if measure in COUNTS else value


def draw_fire(rng: random.Random, ctx: Context) -> Fire:
    """One deciding measure next to a threshold, sometimes a second one, rarely a hazard."""
    draw = ctx.settings.draw
    measures = [rng.choice(NUMBER_MEASURES)]
    if rng.random() < draw.second_measure_chance:
        measures.append(rng.choice([m for m in NUMBER_MEASURES if m not in measures]))
    category = rng.choice(list(SiteCategory)) if Measure.BURNING_AREA_M2 in measures else SiteCategory.ORDINARY_BUILDING
    values = tuple((m, draw_value(rng, ctx, m, category)) for m in sorted(measures, key=NUMBER_MEASURES.index))
    hazards = (rng.choice(list(Hazard)),) if rng.random() < draw.hazard_chance else ()
    return Fire(values=values, category=category, hazards=hazards)


def _near_inside(ctx: Context, criterion: Criterion) -> list[float]:
    """Values on and next to the criterion's bounds that still meet it."""
    offsets = ctx.settings.draw.offsets[criterion.measure]
    bounds = [b for b in (criterion.minimum, criterion.below) if b is not None]
    near = {max(0.0, b + o) for b in bounds for o in offsets}
    low = criterion.minimum if criterion.minimum is not None else 0.0
    return sorted(v for v in near if v >= low and (criterion.below is None or v < criterion.below))


def draw_fire_at(rng: random.Random, ctx: Context, level: Level) -> Fire:
    """A fire of ``level`` decided by one measure drawn next to that level's bounds."""
    grading = ctx.rulebook.grading
    if level is Level.GENERAL:
        measure = rng.choice(NUMBER_MEASURES)
        lowest = thresholds(grading, measure, SiteCategory.ORDINARY_BUILDING)[0]
        near = {max(0.0, lowest + o) for o in ctx.settings.draw.offsets[measure]}
        values = sorted(v for v in near if v < lowest) or [0.0]
        return Fire(values=((measure, rng.choice(values)),), category=SiteCategory.ORDINARY_BUILDING, hazards=())
    criteria = [c for c in grading.criteria if c.level is level]
    criterion = rng.choice(criteria)
    category = rng.choice(criterion.categories) if criterion.categories else SiteCategory.ORDINARY_BUILDING
    if criterion.measure is Measure.HAZARDS:
        return Fire(values=(), category=category, hazards=(rng.choice(criterion.hazards),))
    value = rng.choice(_near_inside(ctx, criterion))
    return Fire(values=((criterion.measure, value),), category=category, hazards=())
