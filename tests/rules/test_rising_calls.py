"""4.3(4) 报告同一地点火警的电话持续增多: the window reading (default), latched until cleared, and the
bucket reading still selectable (docs/rules.md, rules.rising_calls)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from firedrill.adapters import validate
from firedrill.models import Assessment, Incident, Level, Trigger
from firedrill.replay.expect import check_replay
from firedrill.replay.timeline import ChangeKind
from firedrill.rules import assess
from firedrill.rules.calls import counted_calls, rising_held
from firedrill.rulesconfig import RisingCallsRule, RulesConfig
from tests.replay.helpers import BASE, replay_of

MAJOR = {"deaths": 10}  # a major base level (clause 1.4)
REPORTED = datetime.fromisoformat("2026-03-04T12:00:00+08:00")  # a Wednesday noon, no other trigger
BUCKETS = RulesConfig(rising_calls=RisingCallsRule(method="buckets"))


def _at(minutes: float) -> datetime:
    return REPORTED + timedelta(minutes=minutes)


def _assess(calls: list[datetime], config: RulesConfig | None = None, **fields: Any) -> Assessment:
    incident = validate(Incident, {**MAJOR, "reported_at": REPORTED, "calls": calls, **fields})
    return assess(incident, at=max([REPORTED, *calls]), config=config)


def _calls_reason(assessment: Assessment) -> Any:
    return next(r for r in assessment.reasons if r.criterion == "rising_calls")


def test_defaults_are_five_calls_within_ten_minutes() -> None:
    rule = RulesConfig().rising_calls
    assert (rule.method, rule.calls, rule.window_minutes) == ("window", 5, 10)
    assert (rule.bucket_minutes, rule.buckets) == (10, 3)  # the bucket reading's settings stay


def test_a_burst_of_twelve_calls_within_six_minutes_escalates() -> None:
    # 0→0→12 per 10-minute bucket: the former reading missed it.
    burst = [_at(i * 0.5) for i in range(12)]  # 12:00:00 … 12:05:30
    assessment = _assess(burst)
    assert Trigger.RISING_CALLS in assessment.triggers and assessment.level is Level.ESPECIALLY_MAJOR
    reason = _calls_reason(assessment)
    # the count and the rule, in both languages: 5 calls (12:00—12:02) reach 5 within 10 minutes
    assert reason.value_text.zh.startswith("10分钟内来电 5 次,至 2026-03-04 12:02(设定:10分钟内 5 次以上")
    assert reason.value_text.en.startswith("5 calls within 10 min by 2026-03-04 12:02 (setting: 5 or more")
    assert reason.threshold == "≥ 5 calls within 10 min (first report included), latched"
    assert reason.clause == "4.3(4)"
    assert Trigger.RISING_CALLS not in _assess(burst, BUCKETS).triggers  # 0→0→12 is not strictly rising


def test_three_calls_in_eleven_minutes_do_not_escalate() -> None:
    # The report at 12:00 (the first call), then 12:10 and 12:11: 3 calls, below 5 within 10 minutes.
    slow = [REPORTED, _at(10), _at(11)]
    assert Trigger.RISING_CALLS not in _assess(slow).triggers
    assert _assess(slow).level is Level.MAJOR
    # The bucket reading, still selectable, reads 0→1→2 as rising.
    assessment = _assess(slow, BUCKETS)
    assert Trigger.RISING_CALLS in assessment.triggers
    assert _calls_reason(assessment).value.startswith("0→1→2")


def test_the_first_report_counts_as_a_call_once() -> None:
    four_more = [_at(m) for m in (1, 2, 3, 4)]
    assert counted_calls(four_more, REPORTED) == [REPORTED, *four_more]
    assert Trigger.RISING_CALLS in _assess(four_more).triggers  # the report + 4 calls = 5 within 4 minutes
    recorded = [REPORTED, _at(1), _at(2), _at(3)]  # the report recorded as a call: not counted twice
    assert counted_calls(recorded, REPORTED) == recorded
    assert Trigger.RISING_CALLS not in _assess(recorded).triggers


def test_the_trigger_is_latched_a_later_call_does_not_turn_it_off() -> None:
    burst = [_at(m) for m in range(5)]
    later = [*burst, _at(40)]  # alone in its window
    assessment = _assess(later)
    assert Trigger.RISING_CALLS in assessment.triggers and assessment.level is Level.ESPECIALLY_MAJOR
    held = rising_held(later, REPORTED, RulesConfig().rising_calls)
    assert held is not None and held.at == _at(4) and held.count == 5
    # the bucket reading is latched too: 0→1→2 at 12:11, then 12:25 makes the buckets 1→0→1
    slow = [REPORTED, _at(10), _at(11), _at(25)]
    assert Trigger.RISING_CALLS in _assess(slow, BUCKETS).triggers


def test_a_dispatcher_clears_the_trigger() -> None:
    # `firedrill incident set ID rising_calls=false`, the reason journaled with `firedrill incident note`.
    burst = [_at(m) for m in range(12)]
    assessment = _assess(burst, rising_calls=False)
    assert Trigger.RISING_CALLS not in assessment.triggers and assessment.level is Level.MAJOR
    assert Trigger.RISING_CALLS not in _assess(burst, BUCKETS, rising_calls=False).triggers
    assert Trigger.RISING_CALLS in _assess([], rising_calls=True).triggers


def test_the_method_is_a_setting() -> None:
    config = validate(RulesConfig, {"rising_calls": {"method": "buckets", "bucket_minutes": 5}})
    assert config.rising_calls.method == "buckets" and config.rising_calls.bucket_minutes == 5
    with pytest.raises(ValidationError):
        validate(RulesConfig, {"rising_calls": {"method": "rising"}})
    with pytest.raises(ValidationError):
        validate(RulesConfig, {"rising_calls": {"calls": 1}})


# A day-time crowded-place fire, major (700 m²) from 10:00: the report is a call, 4 more calls at
# +5, +6, +7 and +8 raise it (5 within 8 minutes); one later call at +40 is alone in its window.
LATCHED = (
    BASE.replace("2026-11-24T21:40:00", "2026-11-24T10:00:00")
    .replace('  - at: "+00:10"\n    seq: 1', '  - at: "+00:05"\n    seq: 1')
    .replace("  burning_area_m2: 100", "  burning_area_m2: 700\n  calls: [2026-11-24T10:00:00]")
    .replace("    incident: {burning_area_m2: 700}", '    calls: {count: 4, over: "0:04"}')
    .replace('at: "+00:30"', 'at: "+00:40"')
    .replace("    message: 无变化", "    calls: 1")
    .replace(
        '  - at: "+00:10"\n    level: major',
        '  - at: "+00:14"\n    level: especially_major\n    triggers: [rising_calls]\n'
        "    why: 5 calls within 10 minutes\n"
        '  - at: "+00:40"\n    level: especially_major\n    triggers: [rising_calls]\n'
        "    why: latched; one later call does not lower the level",
    )
)


def test_a_replay_with_one_later_call_keeps_the_level(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, LATCHED)
    assert replay.state_at(replay.start + 7 * timedelta(minutes=1)).decision.level is Level.MAJOR
    end = replay.state_at(replay.start + 40 * timedelta(minutes=1))
    assert end.calls == 6 and end.decision.level is Level.ESPECIALLY_MAJOR
    assert Trigger.RISING_CALLS in end.decision.triggers
    changes = [c for e in replay.timeline for c in e.changes]
    assert not [c for c in changes if c.kind is ChangeKind.TRIGGER_OFF]
    assert [(c.before, c.after) for c in changes if c.kind is ChangeKind.LEVEL] == [("major", "especially_major")]
    assert [r.passed for r in check_replay(replay)] == [True, True]  # the script's own expectations


def _first_held_by_definition(calls: list[datetime], rule: RisingCallsRule) -> tuple[datetime, int] | None:
    """The window rule as written: at each call, count the calls in the window ending at it."""
    counted = counted_calls(calls, REPORTED)
    width = timedelta(minutes=rule.window_minutes)
    for moment in dict.fromkeys(counted):
        count = sum(1 for c in counted if moment - width <= c <= moment)
        if count >= rule.calls:
            return moment, count
    return None


@given(
    minutes=st.lists(st.integers(min_value=-30, max_value=90), max_size=25),
    calls=st.integers(min_value=2, max_value=8),
    window=st.integers(min_value=1, max_value=30),
)
def test_the_quick_window_agrees_with_the_rule_as_written(minutes: list[int], calls: int, window: int) -> None:
    rule = RisingCallsRule(calls=calls, window_minutes=window)
    times = [_at(m) for m in minutes]
    held = rising_held(times, REPORTED, rule)
    expected = _first_held_by_definition(times, rule)
    assert (None if held is None else (held.at, held.count)) == expected
