"""Each reason says whether it set the level; money reads in 万/亿; the dispatch section gives 4.4.1
and 4.4.2 whole; calls after the moment assessed are not counted."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from firedrill.adapters import validate
from firedrill.models import Incident, Level, Trigger
from firedrill.rules import assess
from firedrill.rules.report import render_assessment

PLAN = Path("docs/source/wuhan-major-fire-plan-2021.txt").read_text(encoding="utf-8")
NOON = "2026-03-10T12:00"
NIGHT = "2026-03-10T23:00"


def test_a_criterion_below_the_grade_holds_but_is_not_applied() -> None:
    incident = validate(Incident, dict(deaths=12, direct_loss_yuan=1e7, reported_at=NOON))
    assessment = assess(incident)
    assert assessment.accident_grade is Level.MAJOR
    applied = {r.level: r.applied for r in assessment.reasons}
    assert applied == {Level.MAJOR: True, Level.LARGER: False}
    report = render_assessment(assessment)
    assert "已适用" in report and "未适用: 所定等级由更高一级的标准决定" in report


def test_a_trigger_on_a_larger_fire_is_listed_as_not_applied() -> None:
    assessment = assess(validate(Incident, dict(direct_loss_yuan=1e7, reported_at=NIGHT)))
    night = next(r for r in assessment.reasons if r.kind == "escalation")
    assert assessment.response_level is Level.LARGER and Trigger.NIGHT in assessment.triggers
    assert night.applied is False and night.level is Level.ESPECIALLY_MAJOR
    assert "未适用: 4.3升级只适用于重大火灾事故" in render_assessment(assessment)
    assert "not applied: 4.3 applies to major fires only" in render_assessment(assessment, "en")


def test_an_applied_trigger_says_so() -> None:
    assessment = assess(validate(Incident, dict(deaths=12, reported_at=NIGHT)))
    assert all(r.applied for r in assessment.reasons)
    assert assessment.response_level is Level.ESPECIALLY_MAJOR


def test_money_is_shown_exactly_in_wan_and_yi() -> None:
    report = render_assessment(assess(validate(Incident, dict(direct_loss_yuan=99_999_999.99, reported_at=NOON))))
    assert "99999999.99 元(9999.999999万元)" in report
    assert "< 100000000 元(1亿元)" in report
    english = render_assessment(assess(validate(Incident, dict(direct_loss_yuan=1.2e8, reported_at=NOON))), "en")
    assert "120000000 yuan (120 million yuan)" in english


def test_the_neutral_value_for_scripts_stays_a_plain_number() -> None:
    reasons = assess(validate(Incident, dict(direct_loss_yuan=1e8, reported_at=NOON))).reasons
    assert [r.value for r in reasons] == ["100000000"]


def test_calls_after_the_moment_assessed_are_not_counted() -> None:
    start = datetime(2026, 3, 10, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    calls = [start + timedelta(minutes=m) for m in (1, 2, 3, 4)]
    incident = validate(Incident, dict(deaths=12, reported_at=start, calls=calls))
    assert Trigger.RISING_CALLS in assess(incident).triggers  # by default, as of the last call
    assert Trigger.RISING_CALLS not in assess(incident, at=start + timedelta(minutes=3)).triggers
    assert Trigger.RISING_CALLS in assess(incident, at=start + timedelta(minutes=4)).triggers


def test_the_dispatch_section_gives_the_principles_and_4_4_2_whole() -> None:
    assessment = assess(validate(Incident, dict(deaths=12, reported_at=NOON)))
    d = assessment.dispatch
    assert [p.clause for p in d.principles] == [f"4.4.1({n})" for n in range(1, 6)]
    assert all(p.quote in PLAN for p in d.principles)
    assert len(d.clause_text) == 3 and all(paragraph in PLAN for paragraph in d.clause_text)
    report = render_assessment(assessment)
    assert "消防救援站: 6—9 (及所属小型站)" in report
    assert "距离灾害现场30公里以上或者行车时间超过30分钟的单位应当保留适当备勤力量" in report
    for paragraph in d.clause_text:
        assert paragraph in report


def test_the_plans_word_is_marked_as_written() -> None:
    report = render_assessment(assess(validate(Incident, dict(deaths=12, reported_at=NOON))))
    assert "遂警出动" in PLAN and "随警出动" not in PLAN
    assert "“遂警出动”为原文用字(原文如此)" in report


def test_below_major_no_scale_and_no_mark_but_the_principles() -> None:
    d = assess(validate(Incident, dict(direct_loss_yuan=1e7, reported_at=NOON))).dispatch
    assert not d.set_by_plan and d.stations_include is None and d.as_written == ()
    assert d.principles and d.principles[0].clause == "4.4.1(1)"
