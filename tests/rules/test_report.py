"""The readable report speaks one language at a time: no Chinese in the English report and back."""

from __future__ import annotations

import re
from datetime import datetime

from firedrill.adapters import validate
from firedrill.models import Hazard, Incident, SiteCategory
from firedrill.rules import assess
from firedrill.rules.report import render_assessment

iso = datetime.fromisoformat  # a report time as written

CJK = re.compile(r"[\u3400-\u9fff]")


def _busy_incident() -> Incident:
    return validate(
        Incident,
        dict(
            deaths=12,
            serious_injuries=60,
            direct_loss_yuan=6e7,
            burning_area_m2=700,
            site_category=SiteCategory.HIGH_RISE,
            hazards=(Hazard.BOILOVER,),
            reported_at=iso("2026-10-03T23:30"),
            wind_speed_ms=11,
            gust_force=7,
            severe_weather=True,
            sensitive_area=True,
            rising_calls=True,
        ),
    )


def test_english_report_has_no_chinese() -> None:
    report = render_assessment(assess(_busy_incident()), "en")
    assert "National Day" in report and "wind force 6" in report and "12 persons" in report
    assert CJK.findall(report) == []


def test_chinese_report_says_values_in_chinese() -> None:
    report = render_assessment(assess(_busy_incident()), "zh")
    for phrase in ("国庆节", "风力6级", "阵风7级", "12 人", "700 平方米", "沸溢", "政治敏感区域"):
        assert phrase in report
    assert "wind force" not in report and "persons" not in report


def test_reason_values_stay_neutral_for_scripts() -> None:
    reasons = {r.criterion: r for r in assess(_busy_incident()).reasons}
    assert reasons["deaths_major"].value == "12"
    assert reasons["deaths_major"].threshold == "≥ 10, < 30"
    assert reasons["severe_weather"].value == "wind_force=6; gust_force=7; severe_weather"
