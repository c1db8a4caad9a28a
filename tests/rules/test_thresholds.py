"""Every numeric threshold of clause 1.4 at the value just below it and exactly at it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from firedrill.adapters import validate
from firedrill.models import Incident, SiteCategory
from firedrill.rules import assess, load_rulebook
from firedrill.rules.schema import Criterion, Measure

iso = datetime.fromisoformat  # a report time as written

NUMERIC = [c for c in load_rulebook().grading.criteria if c.measure is not Measure.HAZARDS]
STEP = {Measure.DEATHS: 1, Measure.SERIOUS_INJURIES: 1, Measure.DIRECT_LOSS_YUAN: 0.01, Measure.BURNING_AREA_M2: 0.1}


def _incident(criterion: Criterion, value: float) -> Incident:
    site = criterion.categories[0] if criterion.categories else SiteCategory.ORDINARY_BUILDING
    fields: dict[str, Any] = {criterion.measure.value: value, "site_category": site, "reported_at": "2026-03-04T12:00"}
    return validate(Incident, fields)


def _met(criterion: Criterion, value: float) -> bool:
    return criterion.id in {r.criterion for r in assess(_incident(criterion, value)).reasons}


@pytest.mark.parametrize("criterion", NUMERIC, ids=[c.id for c in NUMERIC])
def test_minimum_is_included_and_just_below_is_not(criterion: Criterion) -> None:
    assert criterion.minimum is not None
    assert _met(criterion, criterion.minimum), "以上 includes the number itself"
    assert not _met(criterion, criterion.minimum - STEP[criterion.measure])


@pytest.mark.parametrize("criterion", [c for c in NUMERIC if c.below is not None], ids=lambda c: c.id)
def test_upper_bound_is_excluded(criterion: Criterion) -> None:
    assert criterion.below is not None
    assert _met(criterion, criterion.below - STEP[criterion.measure])
    assert not _met(criterion, criterion.below), "以下 excludes the number itself"


def test_the_plan_thresholds_are_the_ones_in_the_data() -> None:
    """The numbers of 1.4 and the 2007 national grading, written out from the texts."""
    bounds = {c.id: (c.minimum, c.below) for c in NUMERIC}
    assert bounds == {
        "deaths_especially_major": (30, None),
        "injuries_especially_major": (100, None),
        "loss_especially_major": (1e8, None),
        "area_especially_major_ordinary": (2000, None),
        "area_especially_major_other": (1000, None),
        "deaths_major": (10, 30),
        "injuries_major": (50, 100),
        "loss_major": (5e7, 1e8),
        "area_major_ordinary": (1000, 2000),
        "area_major_other": (600, 1000),
        "deaths_larger": (3, 10),
        "injuries_larger": (10, 50),
        "loss_larger": (1e7, 5e7),
    }


@pytest.mark.parametrize("category", [c for c in SiteCategory if c is not SiteCategory.ORDINARY_BUILDING])
def test_every_stricter_category_uses_600_and_1000(category: SiteCategory) -> None:
    def level(area: float) -> str:
        return assess(
            validate(Incident, dict(burning_area_m2=area, site_category=category, reported_at=iso("2026-03-04T12:00")))
        ).level

    assert (level(599), level(600), level(999), level(1000)) == ("general", "major", "major", "especially_major")
