"""Two levels, named apart: the accident grade of 1.4 (reported and investigated) and the response
level after 4.3 (activation and dispatch); and the hazard reading flagged wherever it decides the grade."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from firedrill.adapters import to_json, to_jsonable, validate
from firedrill.models import Hazard, Incident
from firedrill.rules import assess
from firedrill.rules.grading import HAZARD_READING
from firedrill.rules.report import render_assessment
from firedrill.tui.widgets.banner import LevelBanner

iso = datetime.fromisoformat  # a report time as written

NIGHT_MAJOR = validate(Incident, dict(deaths=12, reported_at=iso("2026-03-10T23:00")))
DAY_MAJOR = validate(Incident, dict(deaths=12, reported_at=iso("2026-03-10T12:00")))
BOILOVER = validate(
    Incident, dict(hazards=(Hazard.BOILOVER,), burning_area_m2=300, reported_at=iso("2026-03-10T12:00"))
)


def _banner(incident: Incident, lang: str) -> str:
    assessment = assess(incident)
    widget = LevelBanner()
    widget.show(assessment, lang, stale_fields=[], reported_at=None, now=assessment.assessed_at)
    return widget.text


def test_escalation_raises_the_response_level_not_the_accident_grade() -> None:
    a = assess(NIGHT_MAJOR)
    assert (a.accident_grade, a.response_level) == (a.base_level, a.level) == ("major", "especially_major")
    data = json.loads(to_json(a))
    assert (data["accident_grade"], data["response_level"]) == ("major", "especially_major")
    assert (data["base_level"], data["level"], data["readings"]) == ("major", "especially_major", [])


def test_an_unescalated_fire_has_the_same_level_twice() -> None:
    data = to_jsonable(assess(DAY_MAJOR))
    assert data["accident_grade"] == data["response_level"] == "major"


@pytest.mark.parametrize(
    ("incident", "zh", "en"),
    [
        (
            NIGHT_MAJOR,
            "事故等级：重大 · 火警等级：特别重大 · 已升级",
            "Accident grade: Major · Response level: Especially major",
        ),
        (DAY_MAJOR, "事故等级：重大 · 火警等级：重大 · 未升级", "Accident grade: Major · Response level: Major"),
    ],
)
def test_the_banner_names_both_levels(incident: Incident, zh: str, en: str) -> None:
    assert zh in _banner(incident, "zh") and "基础等级" not in _banner(incident, "zh")
    assert en in _banner(incident, "en") and "Base level" not in _banner(incident, "en")


def test_the_hazard_reading_is_flagged_where_it_decides_the_grade() -> None:
    a = assess(BOILOVER)
    assert a.accident_grade == "especially_major"
    [reading] = a.readings
    assert (reading.code, reading.clause, reading.doc) == (HAZARD_READING, "1.4", "docs/rules.md#14-grading")
    assert "随时或者已经发生爆炸、倒塌、沸溢、毒气扩散等险情的火灾" in reading.text.zh
    assert "依据解读: [1.4] 险情句" in render_assessment(a, "zh")
    assert "Reading applied: [1.4] The hazard sentence" in render_assessment(a, "en")
    assert "依据解读：[1.4]" in _banner(BOILOVER, "zh") and "docs/rules.md#14-grading" in _banner(BOILOVER, "zh")
    assert "Reading applied: [1.4]" in _banner(BOILOVER, "en")


@pytest.mark.parametrize(
    "incident",
    [
        validate(
            Incident, dict(hazards=(Hazard.BOILOVER,), deaths=40, reported_at=iso("2026-03-10T12:00"))
        ),  # 30人以上死亡 decides
        validate(
            Incident, dict(hazards=(Hazard.COLLAPSE,), burning_area_m2=2500, reported_at=iso("2026-03-10T12:00"))
        ),  # 2000 m² decides
        validate(Incident, dict(deaths=12, reported_at=iso("2026-03-10T12:00"))),
    ],
)
def test_no_reading_when_the_plan_words_decide(incident: Incident) -> None:
    a = assess(incident)
    assert a.readings == ()
    assert "依据解读" not in render_assessment(a, "zh") and "依据解读" not in _banner(incident, "zh")
