"""Every Incident that validates can be assessed and reported: the bounds keep out what would overflow."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from firedrill import bounds
from firedrill.adapters import to_json, validate
from firedrill.models import Hazard, Incident, SiteCategory
from firedrill.rules import assess
from firedrill.rules.report import render_assessment

moments = st.datetimes(
    min_value=bounds.EARLIEST.replace(tzinfo=None), max_value=bounds.LATEST.replace(tzinfo=None) - timedelta(seconds=1)
)
printable = st.characters(exclude_categories=("Cc", "Cs"))
edgy_floats = st.one_of(st.floats(min_value=0, allow_nan=False, allow_infinity=False), st.sampled_from([0.0, 5e-324]))

incidents = st.builds(
    Incident,
    deaths=st.integers(min_value=0, max_value=bounds.MAX_PEOPLE),
    serious_injuries=st.integers(min_value=0, max_value=bounds.MAX_PEOPLE),
    direct_loss_yuan=edgy_floats.filter(lambda v: v <= bounds.MAX_LOSS_YUAN),
    burning_area_m2=edgy_floats.filter(lambda v: v <= bounds.MAX_AREA_M2),
    site_category=st.sampled_from(list(SiteCategory)),
    hazards=st.lists(st.sampled_from(list(Hazard)), max_size=4).map(tuple),
    reported_at=moments,
    wind_force=st.none() | st.integers(min_value=0, max_value=17),
    gust_force=st.none() | st.integers(min_value=0, max_value=17),
    wind_speed_ms=st.none() | st.floats(min_value=0, max_value=bounds.MAX_SPEED_MS),
    gust_speed_ms=st.none() | st.floats(min_value=0, max_value=bounds.MAX_SPEED_MS),
    severe_weather=st.booleans(),
    political_event=st.booleans(),
    sensitive_area=st.booleans(),
    rising_calls=st.none() | st.booleans(),
    calls=st.lists(moments, max_size=30).map(tuple),
    manual_escalation=st.none() | st.text(alphabet=printable, max_size=bounds.MAX_TEXT),
)


@settings(max_examples=300, deadline=None)
@given(incident=incidents, later=st.none() | moments)
def test_any_valid_incident_is_assessed_and_reported(incident: Incident, later: datetime | None) -> None:
    assessment = assess(incident, at=later)
    for lang in ("zh", "en"):
        assert render_assessment(assessment, lang)
    assert assessment.response_level.rank >= assessment.accident_grade.rank
    to_json(assessment)


def test_the_extremes_of_every_bound_are_assessed() -> None:
    top = validate(Incident, dict(
        deaths=bounds.MAX_PEOPLE, serious_injuries=bounds.MAX_PEOPLE, direct_loss_yuan=bounds.MAX_LOSS_YUAN,
        burning_area_m2=bounds.MAX_AREA_M2, wind_speed_ms=bounds.MAX_SPEED_MS, gust_speed_ms=bounds.MAX_SPEED_MS,
        reported_at=bounds.LATEST - timedelta(seconds=1),
        calls=tuple(bounds.LATEST - timedelta(seconds=s) for s in range(1, 200)),
    ))
    assert assess(top).accident_grade.value == "especially_major"
    assert assess(validate(Incident, dict(reported_at=bounds.EARLIEST))).accident_grade.value == "general"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("deaths", True),
        ("deaths", bounds.MAX_PEOPLE + 1),
        ("direct_loss_yuan", float("inf")),
        ("direct_loss_yuan", float("nan")),
        ("direct_loss_yuan", 1e300),
        ("burning_area_m2", False),
        ("wind_speed_ms", 1e309),
        ("reported_at", 0),
        ("reported_at", "9999-12-31T23:59:59+08:00"),
        ("reported_at", "1970-01-01T00:00"),
        ("manual_escalation", "\x1b[2J"),
        ("manual_escalation", "x" * (bounds.MAX_TEXT + 1)),
    ],
)
def test_a_value_beyond_its_bound_is_refused_naming_the_field(field: str, value: object) -> None:
    facts: dict[str, object] = {"reported_at": "2026-03-10T12:00", field: value}
    with pytest.raises(ValidationError) as caught:
        validate(Incident, facts)
    assert caught.value.errors()[0]["loc"][0] == field
