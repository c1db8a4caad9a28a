"""Run the YAML rule cases in tests/rules/cases/ through the engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from firedrill.adapters import validate
from firedrill.models import Incident
from firedrill.rules import assess

CASES_DIR = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return params


@pytest.mark.parametrize("case", _cases())
def test_rule_case(case: dict[str, Any]) -> None:
    incident = validate(Incident, case["incident"])
    at = case.get("assess_at")
    assessment = assess(incident, at=validate(Incident, {"reported_at": at}).reported_at if at else None)
    expect = case["expect"]
    if "level" in expect:
        assert assessment.level.value == expect["level"]
    if "base_level" in expect:
        assert assessment.base_level.value == expect["base_level"]
    if "escalated" in expect:
        assert assessment.escalated is expect["escalated"]
    if "triggers" in expect:
        assert [t.value for t in assessment.triggers] == expect["triggers"]
    if "level_source" in expect:
        assert assessment.level_source.value == expect["level_source"]
    if "criteria" in expect:
        assert [r.criterion for r in assessment.reasons if r.kind == "grading"] == expect["criteria"]
