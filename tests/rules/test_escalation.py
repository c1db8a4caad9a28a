"""Clause 4.3: each trigger on and off at its edges, holiday blocks, time zones, config periods."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from firedrill.adapters import validate
from firedrill.models import Incident, Level, Trigger
from firedrill.rules import assess
from firedrill.rules.calls import bucket_counts, calls_rising
from firedrill.rules.holidays_cn import holiday_block
from firedrill.rulesconfig import Period, RisingCallsRule, RulesConfig

iso = datetime.fromisoformat  # a report time as written

MAJOR = {"deaths": 10}  # a major base level (clause 1.4)
WEEKDAY_NOON = "2026-03-04T12:00"  # a Wednesday, no holiday


def _triggers(**fields: Any) -> tuple[Trigger, ...]:
    data = {**MAJOR, "reported_at": WEEKDAY_NOON, **fields}
    return assess(validate(Incident, data)).triggers


@pytest.mark.parametrize(
    ("reported_at", "night"),
    [
        ("2026-03-04T21:59:59", False),
        ("2026-03-04T22:00:00", True),
        ("2026-03-05T00:30:00", True),
        ("2026-03-05T05:59:59", True),
        ("2026-03-05T06:00:00", False),
        ("2026-03-04T14:00:00Z", True),  # 22:00 in Wuhan
        ("2026-03-04T13:59:59Z", False),
        ("2026-03-04T23:30:00+09:00", True),  # 22:30 in Wuhan
        ("2026-03-05T07:30:00+09:00", False),  # 06:30 in Wuhan
    ],
)
def test_night_window_edges_and_time_zones(reported_at: str, night: bool) -> None:
    assert (Trigger.NIGHT in _triggers(reported_at=reported_at)) is night


def test_the_clock_passing_22_during_an_open_incident_switches_night_on() -> None:
    incident = validate(Incident, dict(deaths=10, reported_at=iso("2026-03-04T21:40")))
    before = assess(incident, at=datetime.fromisoformat("2026-03-04T21:59:59"))
    after = assess(incident, at=datetime.fromisoformat("2026-03-04T22:00:00"))
    assert (before.level, after.level) == (Level.MAJOR, Level.ESPECIALLY_MAJOR)
    assert Trigger.NIGHT in after.triggers


@pytest.mark.parametrize(
    ("fields", "on"),
    [
        ({"wind_force": 4}, False),
        ({"wind_force": 5}, True),
        ({"gust_force": 5}, False),
        ({"gust_force": 6}, True),
        ({"wind_speed_ms": 7.9}, False),
        ({"wind_speed_ms": 8.0}, True),  # GB/T 28591-2012: force 5 starts at 8.0 m/s
        ({"gust_speed_ms": 10.7}, False),
        ({"gust_speed_ms": 10.8}, True),  # force 6 starts at 10.8 m/s
        ({"severe_weather": True}, True),
        ({"wind_force": 3, "wind_speed_ms": 8.2}, True),  # the stronger reading counts
    ],
)
def test_wind_and_weather(fields: dict[str, Any], on: bool) -> None:
    assert (Trigger.SEVERE_WEATHER in _triggers(**fields)) is on


@pytest.mark.parametrize(
    ("day", "in_block"),
    [
        (date(2026, 2, 14), False),  # Saturday, a make-up working day
        (date(2026, 2, 15), True),
        (date(2026, 2, 17), True),
        (date(2026, 2, 21), True),
        (date(2026, 2, 23), True),
        (date(2026, 2, 24), False),
        (date(2026, 9, 30), False),
        (date(2026, 10, 1), True),
        (date(2026, 10, 4), True),  # a Sunday inside the block
        (date(2026, 10, 7), True),
        (date(2026, 10, 8), False),
        (date(2026, 10, 10), False),  # Saturday, make-up working day
        (date(2026, 3, 7), False),  # an ordinary weekend
    ],
)
def test_holiday_blocks_2026(day: date, in_block: bool) -> None:
    assert (holiday_block(day) is not None) is in_block


def test_spring_festival_block_runs_feb_15_to_23() -> None:
    block = holiday_block(date(2026, 2, 18))
    assert block is not None
    assert block[:2] == (date(2026, 2, 15), date(2026, 2, 23))


def test_holiday_trigger_and_flags() -> None:
    assert Trigger.HOLIDAY_OR_POLITICAL in _triggers(reported_at=iso("2026-10-05T10:00"))
    assert Trigger.HOLIDAY_OR_POLITICAL not in _triggers(reported_at=iso("2026-10-08T10:00"))
    assert Trigger.HOLIDAY_OR_POLITICAL in _triggers(political_event=True)
    assert Trigger.HOLIDAY_OR_POLITICAL in _triggers(sensitive_area=True)


def test_political_event_periods_come_from_config_only() -> None:
    incident = validate(Incident, dict(deaths=10, reported_at=iso("2026-05-20T10:00")))
    assert assess(incident).level is Level.MAJOR
    config = RulesConfig(political_events=(Period(name="某重要会议", start=date(2026, 5, 19), end=date(2026, 5, 20)),))
    assessment = assess(incident, config=config)
    assert assessment.level is Level.ESPECIALLY_MAJOR
    assert "某重要会议" in next(r.value for r in assessment.reasons if r.criterion == "holiday_or_political")
    later = validate(Incident, dict(deaths=10, reported_at=iso("2026-05-21T10:00")))
    assert assess(later, config=config).level is Level.MAJOR  # dates include the whole last day only


def test_rising_calls_rule() -> None:
    # The former reading, still selectable (rules.rising_calls.method: buckets).
    rule = RisingCallsRule(method="buckets", bucket_minutes=10, buckets=3)
    t = lambda hm: datetime.fromisoformat(f"2026-03-04T{hm}")  # noqa: E731
    rising = [t("12:05"), t("12:16"), t("12:18"), t("12:26"), t("12:28"), t("12:30")]
    assert bucket_counts(rising, rule) == [1, 2, 3]
    assert calls_rising(rising, rule)
    flat = [t("12:05"), t("12:16"), t("12:28")]
    assert bucket_counts(flat, rule) == [1, 1, 1]
    assert not calls_rising(flat, rule)
    assert not calls_rising([], rule)
    buckets = RulesConfig(rising_calls=rule)
    incident = validate(Incident, {**MAJOR, "reported_at": WEEKDAY_NOON, "calls": [c.isoformat() for c in rising]})
    assert Trigger.RISING_CALLS in assess(incident, config=buckets).triggers
    # The default reading (5 calls within 10 minutes, the 12:00 report counted): at most 3 in any 10 minutes.
    assert Trigger.RISING_CALLS not in _triggers(calls=[c.isoformat() for c in rising])
    burst = [t(f"12:{m:02d}") for m in (20, 21, 22, 23, 24)]
    assert Trigger.RISING_CALLS in _triggers(calls=[c.isoformat() for c in burst])
    assert Trigger.RISING_CALLS not in _triggers(calls=[c.isoformat() for c in burst], rising_calls=False)
    assert Trigger.RISING_CALLS in _triggers(rising_calls=True)


def test_manual_escalation_needs_a_reason() -> None:
    assert Trigger.MANUAL in _triggers(manual_escalation="现场指挥员要求")
    assert Trigger.MANUAL not in _triggers(manual_escalation="   ")
    assert _triggers() == ()


@pytest.mark.parametrize("base", [{"deaths": 3}, {"deaths": 0}, {"deaths": 31}])
def test_escalation_never_applies_below_or_above_major(base: dict[str, int]) -> None:
    incident = validate(Incident, {**base, "reported_at": "2026-10-02T23:00", "wind_force": 9})
    assessment = assess(incident)
    assert not assessment.escalated
    assert assessment.level is assessment.base_level
    assert set(assessment.triggers) == {Trigger.HOLIDAY_OR_POLITICAL, Trigger.NIGHT, Trigger.SEVERE_WEATHER}
