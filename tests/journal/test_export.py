"""The after-action record: JSON that parses into the documented shape, Markdown listing every event."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.incident.export import export_data, to_json, to_markdown
from firedrill.journal import Event, Journal
from firedrill.journal.labels import labels
from firedrill.models import Source
from firedrill.timeutil import format_elapsed

from .clock import T0, at

PLAN = Path(__file__).resolve().parents[2] / "docs" / "source" / "wuhan-major-fire-plan-2021.txt"


@pytest.fixture
def recorded(journal: Journal) -> tuple[Journal, str, list[Event]]:
    incident = journal.create_incident("武昌高层住宅火灾 | 3栋", "high_rise", T0)
    j, i = journal, incident.id
    j.append(i, "fact", {"changes": {"burning_area_m2": 700}, "typed": {"burning_area_m2": "700平"}}, at(2),
             actor="值班员甲")  # fmt: skip
    j.append(i, "assessment", {"level": "major", "base_level": "major"}, at(3))
    j.append(i, "call", {"call_at": at(4), "location": "3栋"}, at(4))
    j.append(i, "assessment", {"level": "especially_major", "base_level": "major", "triggers": ["night"]}, at(21))
    j.append(i, "order", {"text": "调集10个消防救援站\n通知灭火救援专家到场"}, at(22))
    j.append(i, "procedure", {"step": "附件1 一(五)1", "state": "done", "note": "已侦察"}, at(25))
    j.append(i, "alert", {"text": "当日22时至次日凌晨6时", "code": "night_trigger"}, at(26))
    j.append(i, "note", {"text": "第二中队到场"}, at(30))
    j.close_incident(i, at(26 * 60 + 5), reason="应急状态终止")
    return j, i, j.events(i)


def test_json_export_parses_into_the_documented_shape(recorded: tuple[Journal, str, list[Event]]) -> None:
    journal, incident_id, events = recorded
    data = json.loads(to_json(journal, incident_id))
    assert (data["format"], data["version"]) == ("firedrill-journal", 1)
    assert set(data) == {"format", "version", "incident", "events", "facts", "calls"}
    assert data["incident"]["id"] == incident_id and data["incident"]["status"] == "closed"
    assert data["incident"]["opened_at"] == "2026-11-29T21:40:00+08:00"
    assert [e["seq"] for e in data["events"]] == [e.seq for e in events]
    assert set(data["events"][0]) == {"seq", "at", "kind", "actor", "payload", "elapsed_seconds"}
    by_kind = {e["kind"]: e for e in data["events"]}
    assert by_kind["fact"]["elapsed_seconds"] == 120 and by_kind["fact"]["actor"] == "值班员甲"
    assert data["events"][-1]["elapsed_seconds"] == (26 * 60 + 5) * 60
    assert data["facts"] == {"burning_area_m2": 700}
    assert data["calls"] == ["2026-11-29T21:44:00+08:00"]
    assert export_data(journal, incident_id) == data  # the text is exactly the dict, nothing lost


def test_markdown_lists_every_event_with_time_and_elapsed(recorded: tuple[Journal, str, list[Event]]) -> None:
    journal, incident_id, events = recorded
    text = to_markdown(journal, incident_id)
    event_lines = [line for line in text.splitlines() if line.startswith("- **#")]
    assert len(event_lines) == len(events)
    for line, event in zip(event_lines, events, strict=True):
        # The clock time, with the date only on another day than the report's.
        shown = f"{event.at:%H:%M:%S}" if event.at.date() == T0.date() else f"{event.at:%m-%d %H:%M:%S}"
        assert line.startswith(f"- **#{event.seq}** {shown} (")
    assert "(+00:02:00)" in event_lines[1]
    assert "11-30 23:45:00 (+1d 02:05:00)" in event_lines[-1]
    # Chinese labels with English beside; what was typed is kept, multi-line text stays in its item.
    assert "**事实 Fact**" in event_lines[1] and "记录人 by: 值班员甲" in event_lines[1]
    assert "燃烧面积 Burning area: 700 m²" in event_lines[1]
    assert "录入原文 as typed: 燃烧面积 Burning area “700平”" in event_lines[1]
    assert "特别重大火灾事故 especially major fire" in text and "(4.3(3))" in text
    # A change of level is said by the level before it (the journal's previous_level), in the reader's words.
    raised = next(line for line in event_lines if "特别重大火灾事故" in line)
    assert "原值 was: 重大火灾事故 major fire" in raised
    first = next(line for line in event_lines if "等级研判" in line)
    assert "原值 was" not in first  # the first decision has no level before it
    assert "调集10个消防救援站\n  通知灭火救援专家到场" in text
    assert "| 标题 Title | 武昌高层住宅火灾 \\| 3栋 |" in text  # a pipe cannot break the header table
    assert "- 21:44:00 (+00:04:00)" in text  # the call time under its own heading


def test_markdown_in_english(recorded: tuple[Journal, str, list[Event]]) -> None:
    journal, incident_id, _ = recorded
    text = to_markdown(journal, incident_id, lang="en")
    assert "**Fact**" in text and "事实" not in text
    assert "was: major fire" in text and "as typed: Burning area “700平”" in text
    with pytest.raises(InputError) as info:
        to_markdown(journal, incident_id, lang="fr")
    assert info.value.field == "lang"


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0, "+00:00:00"), (59, "+00:00:59"), (3_661, "+01:01:01"), (90_061, "+1d 01:01:01")]
)
def test_elapsed_format(seconds: int, shown: str) -> None:
    assert format_elapsed(seconds) == shown


def test_labels_taken_from_the_plan_quote_it_exactly() -> None:
    plan = PLAN.read_text(encoding="utf-8")
    names = labels()
    plan_levels = [c for c in names.levels.values() if c.source is Source.PLAN]
    assert len(plan_levels) == 3, "larger, major and especially major are named by the plan"
    for level in plan_levels:
        assert level.quote in plan, f"not in the plan: {level.quote}"
        assert level.text.zh in level.quote  # the label is the plan's own name for the level
    for trigger in names.triggers.values():
        item = re.fullmatch(r"4\.3\((\d)\)", trigger.clause)
        assert item is not None, trigger.clause
        assert f"({item.group(1)}) {trigger.quote}" in plan, f"not clause {trigger.clause}: {trigger.quote}"
