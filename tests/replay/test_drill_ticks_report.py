"""Procedure ticks after the drill: the report's procedure section (Markdown and HTML), the ticks
stored with the drill (schema part ``drill`` version 2, also over a version-1 journal), the
interactive drill asking for ticks, and the shipped answers file using them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.journal import Journal, SchemaPart
from firedrill.procedure import load_catalogue
from firedrill.replay.drill import DrillResult, score_drill
from firedrill.replay.engine import Replay
from firedrill.replay.interactive import run_interactive
from firedrill.replay.parser import load_script
from firedrill.replay.report import to_html, to_markdown
from firedrill.replay.scoring import GradeId
from firedrill.replay.store import DRILL_PART, load_drill, save_drill
from firedrill.timeutil import to_local
from tests.replay.helpers import BASE, replay_of
from tests.replay.test_drill_ticks import GENERAL_STEPS, MAJOR_STEPS, answers, drill
from tests.replay.test_report import Page

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture
def result(tmp_path: Path) -> DrillResult:
    second = [s for s in MAJOR_STEPS if s != "experts_called"] + ["especially_major_scale_dispatched"]
    return drill(tmp_path, answers(GENERAL_STEPS, second))  # type: ignore[no-any-return]


def test_markdown_has_a_procedure_section_per_prompt(result: DrillResult) -> None:
    md = to_markdown(result, "zh")
    sections = [line for line in md.splitlines() if line.startswith("#### 处置程序")]
    assert sections == ["#### 处置程序 (按预案要求等级 一般) — 评定 P (顺利完成)",
                        "#### 处置程序 (按预案要求等级 重大) — 评定 M (完成但有重大问题)"]  # fmt: skip
    # ticked, missed and wrong, each with its clause and title
    assert "| ✓ 已勾选 | alarm_received | 4.1 | 接到火灾报警或者转警 | +0:05:20 |  |" in md
    assert "| ○ 遗漏 | experts_called | 4.4.2 |" in md
    assert "| ✗ 错误 | especially_major_scale_dispatched | 4.4.2 |" in md and "该等级不要求此项" in md
    assert "| 处置程序各级评定数 | P 1 · S 0 · M 1 · U 0 |" in md


def test_html_has_the_same_procedure_section(result: DrillResult) -> None:
    page = Page()
    page.feed(to_html(result, "en"))
    page.close()
    assert page.open == []
    assert sum(1 for tag, attrs in page.tags if tag == "h4" and attrs.get("class") == "procedure") == 2
    text = "".join(page.text)
    assert "Procedure (at the plan's level Major) — Rating M" in text
    assert "experts_called" in text and "Firefighting and rescue experts called to the scene" in text
    assert "✗ wrong" in text and "○ missed" in text and "not asked for at the plan's level" in text


def test_late_ticks_say_their_local_deadline(tmp_path: Path) -> None:
    from tests.replay.test_drill_ticks import SCRIPT

    script = SCRIPT.replace("end: ", "drill: {procedure: {targets: {turn_out: {minutes: 3}}}}\nend: ")
    md = to_markdown(drill(tmp_path, answers(GENERAL_STEPS, MAJOR_STEPS), script=script), "en")
    assert "| ⏱ late | forces_dispatched | 4.1 | Firefighting forces dispatched | +0:05:20 | deadline 14:03:00" in md
    assert "turn_out 3 min ← reported (a local setting, not the plan's)" in md


def test_ticks_stored_with_the_drill(result: DrillResult, tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    with Journal.open(db) as journal:
        run_id = save_drill(journal, result, to_local(result.start))
        assert load_drill(journal, run_id) == result
        assert journal.part_versions()["drill"] == 2
    with sqlite3.connect(db) as conn:
        graded = conn.execute("SELECT inject, procedure_grade, procedure_missed FROM drill_answers "
                              "WHERE run_id = ? ORDER BY inject", (run_id,)).fetchall()  # fmt: skip
        ticks = conn.execute("SELECT inject, step, refused FROM drill_ticks WHERE run_id = ? ORDER BY seq",
                             (run_id,)).fetchall()  # fmt: skip
    assert [(n, g, json.loads(m)) for n, g, m in graded] == [(1, "P", []), (2, "M", ["experts_called"])]
    assert len(ticks) == 2 + len(MAJOR_STEPS)
    assert ("2", "especially_major_scale_dispatched", "not_applicable") in [(str(a), b, c) for a, b, c in ticks]


def test_a_version_1_journal_is_upgraded_and_its_drills_still_load(result: DrillResult, tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    # a result as version 1 stored it: no procedure on the marks, no ticks, counts or targets
    old_json = result.model_dump_json(exclude={"marks": {"__all__": {"procedure"}}, "ticks": True,
                                               "procedure_counts": True, "targets": True})  # fmt: skip
    assert "procedure" not in old_json and "ticks" not in old_json
    with Journal.open(db) as journal:
        journal.ensure_part(SchemaPart("drill", DRILL_PART.migrations[:1]))
        with journal.transaction() as conn:
            conn.execute("INSERT INTO drill_runs (script_id, script_file, title, playbook, trainee, script_start, "
                         "recorded_at, score, overall, result) VALUES ('s', 'f', 't', 'p', 'x', '', '', 0, 'U', ?)",
                         (old_json,))  # fmt: skip
        new_id = save_drill(journal, result, to_local(result.start))  # applies version 2
        assert journal.part_versions()["drill"] == 2
        stored = load_drill(journal, 1)
        assert stored is not None and all(m.procedure is None for m in stored.marks) and stored.ticks == ()
        assert load_drill(journal, new_id) == result


def _feed(values: list[str]) -> Iterator[str]:
    yield from values


def test_interactive_drill_asks_for_ticks(tmp_path: Path) -> None:
    # helpers.BASE: prompts at +00:10 (21:50, major) and +00:30 (22:10, especially major, night)
    replay = replay_of(tmp_path, BASE)
    said: list[str] = []
    typed = _feed(["3", "", "8 15 30", "?", "alarm_received, nope", "alarm_received，forces_dispatched",
                   "4", "night", "10 20 40", ""])  # fmt: skip
    clock = iter([0.0, 10.0, 20.0, 100.0, 110.0, 111.0])  # prompt shown, decision given, ticks given
    result = run_interactive(replay, "王五", lambda _: next(typed), said.append, lambda: next(clock))
    steps = set(load_catalogue().ids())
    listed = [line.split()[0] for line in said if line.strip() and line.split()[0] in steps]
    # '?' lists the steps due at the level just declared (major): 4.1 first, the major scale, no 4.3 step
    assert listed[:2] == ["alarm_received", "forces_dispatched"] and "major_scale_dispatched" in listed
    assert "escalation_recorded" not in listed and "especially_major_scale_dispatched" not in listed
    assert "? alarm_received, nope" in said  # an unknown id: asked again
    assert [(t.step, t.prompt, t.at.strftime("%H:%M:%S")) for t in result.ticks] == [
        ("alarm_received", 1, "21:50:20"), ("forces_dispatched", 1, "21:50:20")]  # fmt: skip
    first = result.marks[0].procedure
    assert first is not None and first.grade is GradeId.U  # 2 of the 24 major steps ticked


def test_the_shipped_answers_file_ticks_without_a_mistake() -> None:
    script = SCENARIOS / "hanzheng-mall-night.yaml"
    result = score_drill(Replay(load_script(script)), SCENARIOS / "answers" / "hanzheng-mall-night.yaml")
    ratings = [m.procedure for m in result.marks]
    assert all(r is not None and r.grade is GradeId.P for r in ratings)
    assert any(t.by for t in result.ticks)  # the example shows who did a step
