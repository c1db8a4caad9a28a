"""Roles (each inject to one or more roles, a trainee playing some, deliveries acknowledged and
timed) and evaluators (notes, a rating changed with a reason, the evaluation and improvement plan
in the after-action report)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from firedrill.replay.drill import score_drill
from firedrill.replay.interactive import run_interactive
from firedrill.replay.problems import FileProblems
from firedrill.replay.report import to_html, to_markdown
from firedrill.replay.scoring import GradeId
from tests.replay.helpers import line_with, replay_of, write

ROLES = """\
id: roles-script
title: 三个角色
author: tests
playbook: shopping-mall
start: 2026-11-24T14:00:00
location: 测试地点
roles:
  - {id: dispatcher, name: {zh: 119指挥中心调度员, en: 119 dispatcher}, unit: 市消防救援指挥中心}
  - {id: office, name: 指挥部办公室, unit: 指挥部办公室}
  - {id: commander, name: 现场指挥员, unit: 现场指挥部}
incident:
  burning_area_m2: 100
injects:
  - {at: "+00:10", seq: 1, to: dispatcher, method: phone, incident: {burning_area_m2: 700}, prompt: 判断等级}
  - {at: "+00:20", seq: 2, to: [office, commander], method: radio, message: 火势扩大, prompt: 再次判断}
  - {at: "+00:25", seq: 3, to: [指挥部办公室], method: message, message: 通报}
end: "+00:30"
"""


def test_injects_go_to_one_or_more_roles(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, ROLES)
    assert replay.loaded.inject_roles == (("dispatcher",), ("office", "commander"), ("office",))
    second = next(e for e in replay.timeline if e.injects and e.injects[0].number == 2)
    assert second.injects[0].to == "指挥部办公室、现场指挥员"


@pytest.mark.parametrize(
    ("edit", "marker", "field"),
    [
        (lambda t: t.replace("to: [office, commander]", "to: [office, 消防员]"), "消防员", "injects.1.to.1"),
        (lambda t: t.replace("unit: 现场指挥部", "unit: 消防队"), "消防队", "roles.2.unit"),
    ],
)
def test_an_unknown_role_or_unit_is_an_error(tmp_path: Path, edit: object, marker: str, field: str) -> None:
    text = edit(ROLES)  # type: ignore[operator]
    with pytest.raises(FileProblems) as caught:
        replay_of(tmp_path, text)
    assert (caught.value.field, caught.value.line) == (field, line_with(text, marker))


def test_a_trainee_playing_one_role_is_asked_only_its_prompts(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, ROLES)
    text = "roles: [office]\nanswers:\n  - {inject: 2, level: major, seconds: 20,\n"
    text += "     dispatch: {stations: 6, formations: 11, engines: 21}}\nacks:\n  - {inject: 2, seconds: 4}\n"
    result = score_drill(replay, write(tmp_path, text, "answers.yaml"))
    assert [m.number for m in result.marks] == [2] and result.roles == ("office",)
    assert [(d.number, d.to, d.acknowledged, d.seconds) for d in result.deliveries] == [
        (2, ("office",), True, 4.0), (3, ("office",), False, None)]  # fmt: skip
    md = to_markdown(result, "zh")
    assert "## 情况送达与确认" in md and "| #3 | +0:25:00 14:25:00 | 指挥部办公室 | 信息 | ✗ 未确认 |" in md
    assert "| 受训人扮演的角色 | 指挥部办公室 |" in md


def test_an_ack_for_an_inject_not_delivered_to_the_trainee_is_an_error(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, ROLES)
    text = "roles: [office]\nanswers: []\nacks:\n  - {inject: 1, seconds: 4}\n"
    with pytest.raises(FileProblems) as caught:
        score_drill(replay, write(tmp_path, text, "answers.yaml"))
    assert caught.value.field == "acks.0.inject"


def test_a_two_role_interactive_drill_acknowledges_and_times_each_delivery(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, ROLES)
    typed = iter(["", "3", "", "6 11 21", "", "", "3", "", "6 11 21", "", ""])
    clock = iter([0.0, 2.5, 10.0, 30.0, 31.0, 40.0, 46.0, 50.0, 70.0, 71.0, 80.0, 83.0])
    asked: list[str] = []

    def ask(text: str) -> str:
        asked.append(text)
        return next(typed)

    result = run_interactive(replay, "张三", ask, lambda _: None, lambda: next(clock), roles=("dispatcher", "office"))
    assert [m.number for m in result.marks] == [1, 2]
    assert [(d.number, d.seconds) for d in result.deliveries] == [(1, 2.5), (2, 6.0), (3, 3.0)]
    assert asked[0].startswith("#1 → 119指挥中心调度员") and asked[5].startswith("#2 → 指挥部办公室")


REVIEWED = """\
answers:
  - inject: 1
    level: major
    seconds: 200
    dispatch: {stations: 6, formations: 11, engines: 21}
    note: 判断正确,但用时过长
    override: {grade: S, reason: 用时超限系通信中断所致, by: 李评估}
    ticks: [{step: alarm_received, note: 记录完整}]
notes:
  - {inject: 3, note: 通报未传达到现场指挥员, by: 李评估}
  - {step: forces_dispatched, note: 出动命令未复述}
evaluation:
  evaluator: 李评估
  strengths: [等级判断准确]
  improvements: [出动命令复述不规范]
  plan:
    - {issue: 出动命令复述不规范, action: 组织调度员复述训练, unit: 市消防救援指挥中心, due: 2027-01-31}
"""


def test_an_evaluator_override_notes_and_improvement_plan_in_the_report(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, ROLES)
    result = score_drill(replay, write(tmp_path, "roles: [dispatcher]\n" + REVIEWED, "answers.yaml"))
    (first,) = result.marks
    assert first.rule_grade is GradeId.M and first.grade is GradeId.S  # 200 s > 180 s: M by the rule, changed
    assert first.override is not None and first.override.reason == "用时超限系通信中断所致"
    md = to_markdown(result, "zh")
    assert "评估员改定 (李评估): M → S — 用时超限系通信中断所致" in md
    assert "- **评估员备注**: 判断正确,但用时过长" in md
    assert "| #3 | 通报未传达到现场指挥员 | 李评估 |" in md and "| alarm_received | 记录完整 |  |" in md
    assert "### 优点" in md and "- 等级判断准确" in md and "### 待改进之处" in md
    assert "| 出动命令复述不规范 | 组织调度员复述训练 | 市消防救援指挥中心 | 2027-01-31 |" in md
    html = to_html(result, "en")
    assert '<h3 class="plan">Improvement plan</h3>' in html and "Corrective action" in html
    # the score counts the override: decision S (2), procedure rated too
    assert result.counts[GradeId.S] == 1


def test_an_override_needs_a_reason_and_a_plan_a_known_unit(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, ROLES)
    bad = REVIEWED.replace(", reason: 用时超限系通信中断所致", "").replace("unit: 市消防救援指挥中心", "unit: 某某科")
    with pytest.raises(FileProblems) as caught:
        score_drill(replay, write(tmp_path, bad, "answers.yaml"))
    assert [p.field for p in caught.value.problems] == ["answers.0.override.reason"]
    no_unit = REVIEWED.replace("unit: 市消防救援指挥中心", "unit: 某某科")
    with pytest.raises(FileProblems) as second:
        score_drill(replay, write(tmp_path, no_unit, "answers.yaml"))
    assert [p.field for p in second.value.problems] == ["evaluation.plan.0.unit"]


def test_the_chart_has_clock_times_and_stops_at_an_unanswered_prompt(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, ROLES)
    result = score_drill(replay, write(tmp_path, "roles: [dispatcher, office]\n" + REVIEWED, "answers.yaml"))
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", to_html(result, "zh"), re.S).group(0))  # type: ignore[union-attr]
    ns = "{http://www.w3.org/2000/svg}"
    ticks = [t.text for t in svg.iter(f"{ns}text") if t.get("class") == "tick"]
    assert ticks[0] == "14:00" and ticks[-1] == "14:30"
    (declared,) = [p for p in svg.iter(f"{ns}polyline") if p.get("class") == "declared"]
    xs = [float(p.split(",")[0]) for p in (declared.get("points") or "").split()]
    rings = [c for c in svg.iter(f"{ns}circle") if c.get("class") == "unanswered"]
    assert len(rings) == 1 and max(xs) == float(rings[0].get("cx") or 0)  # the line stops at prompt #2
