"""The intake's parsing: what a dispatcher types becomes the value the engine takes, or a coded error."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firedrill.adapters import validate
from firedrill.facts import form_changes, incident_data
from firedrill.incident.entry import FIELDS, FieldError, default_raw, parse_field, raw_from_value
from firedrill.models import Incident
from firedrill.tui.clock import LOCAL_TZ

NOW = datetime(2026, 3, 11, 1, 30, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(("field", "text", "value"), [
    ("direct_loss_yuan", "5000万", 50_000_000), ("direct_loss_yuan", "1.2亿", 120_000_000),
    ("direct_loss_yuan", "3,000万元", 30_000_000), ("burning_area_m2", " 800 ", 800),
    ("deaths", "12", 12), ("wind", "6级", {"wind_force": 6}), ("gust", "17.2 m/s", {"gust_speed_ms": 17.2}),
    ("reported_at", "2026-03-10 23:10", "2026-03-10T23:10:00+08:00"),
    ("reported_at", "23:10", "2026-03-10T23:10:00+08:00"),  # a clock time after now is yesterday's
    ("reported_at", "0120", "2026-03-11T01:20:00+08:00"),
    ("manual_escalation", "  ", None), ("deaths", "", None),
])  # fmt: skip
def test_values(field: str, text: str, value: object) -> None:
    assert parse_field(field, text, NOW) == value


@pytest.mark.parametrize(("field", "text", "code"), [
    ("deaths", "abc", "count"), ("deaths", "1.5", "count"), ("deaths", "-3", "negative"),
    ("burning_area_m2", "八百", "number"), ("direct_loss_yuan", "5000美元", "money"),
    ("wind", "18级", "wind"), ("wind", "-2m/s", "negative"), ("reported_at", "25:99", "time"),
    ("reported_at", "", "required"), ("reported_at", "21", "time"),
])  # fmt: skip
def test_errors_carry_a_code(field: str, text: str, code: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_field(field, text, NOW)
    assert caught.value.code == code and caught.value.field == field


def test_ignition_clock_time_is_read_against_the_report_time() -> None:
    reported = datetime(2026, 3, 10, 0, 20, tzinfo=LOCAL_TZ)
    assert parse_field("ignition_at", "23:55", NOW, reported) == "2026-03-09T23:55:00+08:00"


def test_an_empty_form_makes_a_valid_incident() -> None:
    raw = default_raw(NOW)
    facts: dict[str, object] = {}
    for f in FIELDS:
        facts.update(form_changes(f.id, parse_field(f.id, raw[f.id], NOW)))
    incident = validate(Incident, incident_data(facts, []))
    assert incident.reported_at == NOW.replace(second=0) and incident.site_category == "ordinary_building"


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False).map(lambda v: round(v, 2)))
def test_money_shown_back_reads_as_the_same_value(value: float) -> None:
    assert parse_field("direct_loss_yuan", raw_from_value("direct_loss_yuan", value), NOW) == pytest.approx(value)


@given(st.integers(min_value=0, max_value=17))
def test_wind_force_round_trips(force: int) -> None:
    shown = raw_from_value("wind", {"wind_force": force})
    assert parse_field("wind", shown, NOW) == {"wind_force": force}
