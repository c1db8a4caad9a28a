"""Drill mode under Pilot: a trainee answers the prompts of a shipped script in the form, the
answers are marked by the engine, the after-action report is written and the drill is stored.

Grades worked by hand from the rule in docs/scenarios.md (target 60 s, limit 180 s) and the
plan: hanzheng-mall-night at +0:08 (23:48, 250 m² crowded place) demands 一般 with the night
trigger holding and sets no scale (4.4.2 is silent below major); at +0:25 (00:05, 650 m²) it
demands 特别重大 (major by 1.4, raised by 4.3(3)) with the night trigger and 10+/20+/40+.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import SelectionList

from firedrill.datadir import default_db_path
from firedrill.journal import Journal
from firedrill.models import Level, Trigger
from firedrill.replay.scoring import GradeId, IssueCode
from firedrill.replay.store import load_drill
from firedrill.tui.clock import ManualClock
from firedrill.tui.replay import journal_saver, open_drill
from firedrill.tui.replay.drill import DrillScreen
from firedrill.tui.replay.words import rw
from firedrill.tui.widgets.panel import TextPanel
from tests.tui.conftest import ready
from tests.tui.replay.helpers import MALL, drill_app, drill_screen, notice_texts

SIZE = (120, 40)
LEVELS = list(Level)
TRIGGERS = list(Trigger)
SVG = "{http://www.w3.org/2000/svg}"


def offered_steps(screen: DrillScreen) -> list[str]:
    """The step ids the form's checklist offers, in order."""
    checklist = screen.query_one("#drill-steps", SelectionList)
    return [str(checklist.get_option_at_index(i).value) for i in range(checklist.option_count)]


async def choose_level(pilot: Pilot[object], level: Level) -> None:
    """Open the level select (it has the focus when a prompt comes), go down to ``level``, Enter."""
    await pilot.press("enter", *["down"] * (LEVELS.index(level) + 1), "enter")


async def tick_triggers(pilot: Pilot[object], ticked: set[Trigger]) -> None:
    """Tab through the five boxes from the level select, Space on the ones that hold."""
    for trigger in TRIGGERS:
        await pilot.press("tab")
        if trigger in ticked:
            await pilot.press("space")


async def type_scale(pilot: Pilot[object], counts: tuple[str, str, str] | None) -> None:
    """From the last trigger box: the three counts, or tick 'the plan sets no scale'."""
    for count in counts or ("", "", ""):
        await pilot.press("tab", *count)
    await pilot.press("tab")
    if counts is None:
        await pilot.press("space")


async def test_a_trainee_drill_marked_reported_and_stored(clock: ManualClock, tmp_path: Path) -> None:
    data_dir, out = tmp_path / "data", tmp_path / "reports"
    data_dir.mkdir()
    app = drill_app(MALL, clock, out, save=journal_saver(data_dir, clock))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = drill_screen(pilot)
        await pilot.press("3", "space")  # 60×, play
        clock.advance(seconds=10)  # 10 min of replay, but the clock halts at the prompt at +0:08
        screen.tick()
        await pilot.pause()
        assert screen.current is not None and screen.current.number == 1
        assert "23:48:00" in screen.status_text() and rw("deciding", "zh") in screen.status_text()
        assert screen.form.display and "判断火灾等级与升级情形" in str(screen.query_one("#drill-prompt").render())
        # the plan's demand is not on screen during a drill
        assert not screen.query("LevelBanner") and not any("等级升高" in t for t in notice_texts(screen))
        assert "250" in screen.query_one("#drill-situation", TextPanel).text

        assert not screen.query_one("#drill-steps").display  # no level chosen: no checklist yet
        clock.advance(seconds=30)
        await choose_level(pilot, Level.GENERAL)
        await tick_triggers(pilot, {Trigger.NIGHT})
        await type_scale(pilot, None)
        # the checklist offers the steps of the level chosen: at general only 4.1's two
        assert offered_steps(screen) == ["alarm_received", "forces_dispatched"]
        await pilot.press("tab", "space")  # into the checklist: tick the alarm at 30 s …
        clock.advance(seconds=5)
        await pilot.press("down", "space")  # … and the turn-out at 35 s
        clock.advance(seconds=5)
        await pilot.press("f7")
        await pilot.pause()
        assert screen.current is None and not screen.form.display and screen.player.playing
        assert notice_texts(screen)[-1] == "已提交 #1:用时 40 秒"

        clock.advance(seconds=17)  # 17 s × 60 = +0:17 more: the second prompt at +0:25
        screen.tick()
        await pilot.pause()
        assert screen.current is not None and screen.current.number == 2
        await pilot.press("f5")  # the playbook, as a trainee may: recorded, never penalised
        await pilot.pause()
        assert screen.query_one("#replay-tabs").active == "tab-playbook"
        clock.advance(seconds=90)
        await choose_level(pilot, Level.ESPECIALLY_MAJOR)
        await tick_triggers(pilot, {Trigger.NIGHT})
        steps = offered_steps(screen)  # especially major, raised by a trigger: 4.3's step; no 4.1 (ticked at #1)
        assert "escalation_recorded" in steps and "especially_major_scale_dispatched" in steps
        assert "alarm_received" not in steps and "major_scale_dispatched" not in steps
        await pilot.press("tab", "1", "0", "f7")  # only the stations: refused, not guessed
        await pilot.pause()
        assert screen.current.number == 2 and sorted(screen.marks) == [1]
        assert rw("error_scale", "zh") in str(screen.query_one("#drill-error").render())
        await pilot.press("tab", "2", "0", "tab", "4", "0", "enter")  # Enter in a count submits too
        await pilot.pause()
        assert sorted(screen.marks) == [1, 2]

        clock.advance(seconds=25)  # to the end at +0:50
        screen.tick()
        await pilot.pause()
        result = screen.outcome
        assert result is not None and screen.query_one("#replay-tabs").active == "tab-result"
        shown = screen.query_one("#drill-result", TextPanel).text

    assert [m.grade for m in result.marks] == [GradeId.P, GradeId.S]
    assert [m.seconds for m in result.marks] == [40, 90]
    assert [i.code for i in result.marks[1].issues] == [IssueCode.OVER_TIME_TARGET]
    assert result.marks[1].declared is not None and result.marks[1].declared.opened_playbook
    assert result.marks[0].declared is not None and result.marks[0].declared.dispatch is None
    # The procedure: both 4.1 steps ticked at #1 (P); nothing ticked at #2 where the especially-major
    # steps are due (U). (3 + 2 + 3 + 0) / 12 = 66.7 %; a mean of 2.0 is S.
    first, second = (m.procedure for m in result.marks)
    assert first is not None and first.grade is GradeId.P and first.missed == ()
    assert second is not None and second.grade is GradeId.U and "escalation_recorded" in second.missed
    assert [(t.step, t.at.strftime("%H:%M:%S")) for t in result.ticks] == [
        ("alarm_received", "23:48:30"), ("forces_dispatched", "23:48:35")]  # the prompt + seconds to each tick
    assert result.score == 66.7 and result.overall is GradeId.S
    assert "总评:S" in shown and "66.7%" in shown and "#2 +0:25:00 00:05:00 — 评定 S" in shown
    assert "处置程序:评定 P" in shown and "处置程序:评定 U" in shown

    page, md = sorted(out.iterdir())
    assert md.name == "hanzheng-mall-night-张三-20261124T2340.md" and page.name == md.stem + ".html"
    assert "#1 +0:08:00 23:48:00 — 评定 P" in md.read_text(encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))  # type: ignore[union-attr]
    required = svg.find(f"{SVG}polyline[@class='required']")
    dots = svg.findall(f"{SVG}circle")
    assert required is not None and len(dots) == 2  # one dot per answer
    ys = {float(p.split(",")[1]) for p in required.attrib["points"].split()}
    assert len(ys) == 2 and {float(d.attrib["cy"]) for d in dots} == ys  # declared on the required levels

    with Journal.open(default_db_path(data_dir)) as journal:
        stored = load_drill(journal, screen.run_id or 0)
        rows = journal.read("SELECT inject, grade, seconds, opened_playbook FROM drill_answers ORDER BY inject")
    assert stored == result
    assert [tuple(r) for r in rows] == [(1, "P", 40.0, 0), (2, "S", 90.0, 1)]
    with Journal.open(default_db_path(data_dir)) as journal:
        ticks = journal.read("SELECT inject, step, refused FROM drill_ticks ORDER BY seq")
    assert [tuple(r) for r in ticks] == [(1, "alarm_received", None), (1, "forces_dispatched", None)]


async def test_ending_a_drill_early_marks_the_prompts_left_unanswered(clock: ManualClock, tmp_path: Path) -> None:
    app = drill_app(MALL, clock, tmp_path / "out", lang="en", trainee="Li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = drill_screen(pilot)
        await pilot.press("n")  # step to the first inject: it carries a prompt
        await pilot.pause()
        assert screen.current is not None and screen.current.number == 1
        clock.advance(seconds=200)
        await choose_level(pilot, Level.MAJOR)  # a level above the plan's
        await pilot.press("f7")  # no scale typed: refused
        await pilot.pause()
        assert screen.current.number == 1 and not screen.marks
        await pilot.press(*["tab"] * 6, "6", "tab", "1", "1", "tab", "2", "1", "f7")
        await pilot.pause()
        assert sorted(screen.marks) == [1] and screen.current is None
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        result = screen.outcome
        assert result is not None and screen.run_id is None  # no journal given: not stored, and said so
        assert rw("not_stored", "en") in screen.query_one("#drill-result", TextPanel).text

    first, second = result.marks
    # #1: major declared where general is demanded (at best M), no triggers where night holds (minor),
    # 200 s > 180 s (major): M. The plan sets no scale at general, so 6/11/21 is not rated.
    assert first.grade is GradeId.M
    assert [i.code for i in first.issues] == [IssueCode.LEVEL_ABOVE, IssueCode.TRIGGERS_DIFFER,
                                              IssueCode.OVER_TIME_LIMIT]  # fmt: skip
    assert second.declared is None and second.grade is GradeId.U
    # nothing ticked: the procedure is U at both prompts (4.1's steps at #1, the especially-major ones at #2)
    assert [m.procedure.grade for m in result.marks if m.procedure] == [GradeId.U, GradeId.U]
    assert result.score == round(100 * 1 / 12, 1) and result.overall is GradeId.U  # mean 0.25: no grade above U
    assert len(list((tmp_path / "out").iterdir())) == 2


async def test_open_drill_over_the_console_writes_to_its_data_dir(make_app, clock: ManualClock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = open_drill(app, MALL, "赵六", "zh")
        await pilot.pause()
        assert app.screen is screen and screen is not None and screen.clock is clock
        await pilot.press("f9")  # ended before any answer: both prompts unanswered
        await pilot.pause()
        assert screen.outcome is not None and [m.grade for m in screen.outcome.marks] == [GradeId.U, GradeId.U]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main
    assert sorted(p.suffix for p in (tmp_path / "data" / "reports").iterdir()) == [".html", ".md"]
    with Journal.open(default_db_path(tmp_path / "data")) as journal:
        stored = load_drill(journal, screen.run_id or 0)
    assert stored is not None and stored.trainee == "赵六" and stored.score == 0
