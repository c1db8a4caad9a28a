"""Hypothesis properties of the engine: monotone in the facts, deterministic, always cited."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from firedrill.adapters import to_json
from firedrill.models import Hazard, Incident, SiteCategory, Source
from firedrill.rules import assess

BASE = datetime(2026, 1, 5)

incidents = st.builds(
    Incident,
    deaths=st.integers(0, 60),
    serious_injuries=st.integers(0, 200),
    direct_loss_yuan=st.floats(0, 3e8, allow_nan=False),
    burning_area_m2=st.floats(0, 5000, allow_nan=False),
    site_category=st.sampled_from(list(SiteCategory)),
    hazards=st.lists(st.sampled_from(list(Hazard)), max_size=2).map(tuple),
    reported_at=st.integers(0, 400 * 24 * 60).map(lambda m: BASE + timedelta(minutes=m)),
    wind_force=st.none() | st.integers(0, 12),
    gust_force=st.none() | st.integers(0, 12),
    severe_weather=st.booleans(),
    political_event=st.booleans(),
)

COUNTS = ("deaths", "serious_injuries", "direct_loss_yuan", "burning_area_m2")


@settings(max_examples=300, deadline=None)
@given(incidents, st.sampled_from(COUNTS), st.floats(0, 1e8, allow_nan=False))
def test_raising_a_count_or_area_never_lowers_the_level(incident: Incident, field: str, more: float) -> None:
    bump = int(more) if field in ("deaths", "serious_injuries") else more
    raised = replace(incident, **{field: getattr(incident, field) + bump})
    assert assess(raised).level.rank >= assess(incident).level.rank
    assert assess(raised).base_level.rank >= assess(incident).base_level.rank


@settings(max_examples=150, deadline=None)
@given(incidents, st.sampled_from(list(Hazard)))
def test_adding_a_hazard_never_lowers_the_level(incident: Incident, hazard: Hazard) -> None:
    worse = replace(incident, hazards=(*incident.hazards, hazard))
    assert assess(worse).level.rank >= assess(incident).level.rank


@settings(max_examples=150, deadline=None)
@given(incidents)
def test_assessment_is_deterministic(incident: Incident) -> None:
    assert to_json(assess(incident)) == to_json(assess(incident))


def _clause_in_plan(clause: str, plan_text: str) -> bool:
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(\((\d+)\))?", clause)
    if match is None:
        return False
    heading = re.search(rf"^{re.escape(match.group(1))} ", plan_text, flags=re.M)
    if heading is None:
        return False
    if match.group(3) is None:
        return True
    rest = plan_text[heading.end():]
    next_heading = re.search(r"^\d+\.\d+ ", rest, flags=re.M)
    section = rest[: next_heading.start()] if next_heading else rest
    return f"({match.group(3)})" in section


@settings(max_examples=200, deadline=None)
@given(incident=incidents)
def test_every_reason_cites_a_clause_of_the_plan_or_the_national_standard(incident: Incident, plan_text: str) -> None:
    for reason in assess(incident).reasons:
        if reason.source is Source.PLAN:
            assert _clause_in_plan(reason.clause, plan_text), reason.clause
            assert re.sub(r"\s+", "", reason.quote) in re.sub(r"\s+", "", plan_text)
        else:
            assert reason.clause == "公消〔2007〕234号"
