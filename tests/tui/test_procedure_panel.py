"""The response procedure as a checklist tab: ticks go to the journal first, refusals go nowhere,
a level change says what it adds, and the declaration and aftermath close the incident."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input

from firedrill.journal import EventKind, IncidentStatus
from firedrill.tui.clock import LOCAL_TZ
from firedrill.tui.screens.step import StepScreen
from firedrill.tui.screens.terminate import TerminateScreen
from tests.tui.conftest import banner_text, enter_value, pick_scenario, ready

AFTERNOON = datetime(2026, 3, 11, 14, 0, tzinfo=LOCAL_TZ)


def procedure_events(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    events = app.engine.journal.events(app.main.active.id, kinds=[EventKind.PROCEDURE])
    return [(e.payload["step"], e.payload["state"]) for e in events]


async def tick(pilot, clock, step: str) -> None:  # type: ignore[no-untyped-def]
    """A minute later, the dispatcher puts the cursor on ``step`` and presses Ctrl+T."""
    clock.advance(minutes=1)
    pilot.app.main.checklist_panel.highlight(step)
    await pilot.press("ctrl+t")
    await pilot.pause()


async def test_a_major_fire_from_report_to_termination_and_aftermath(make_app, clock) -> None:
    clock.set(AFTERNOON)  # no 22:00 crossing (4.3(3)) while the test runs
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await enter_value(pilot, "burning_area_m2", "700")
        await pilot.press("ctrl+t")  # the first press only brings the checklist to the front
        await pilot.pause()
        panel = app.main.checklist_panel
        assert procedure_events(app) == [] and panel.highlighted_step == "alarm_received"
        assert "等级：重大" in panel.head_text
        assert panel.row_text("commander_on_scene").startswith("… ")  # waits for the level decision
        assert "本等级不适用" in panel.row_text("office_staff_on_scene")  # 4.2: larger fires only

        for step in ("alarm_received", "forces_dispatched", "situation_reported", "level_determined"):
            await tick(pilot, clock, step)
        assert procedure_events(app) == [(s, "done") for s in ("alarm_received", "forces_dispatched",
                                                               "situation_reported", "level_determined")]  # fmt: skip
        row = panel.row_text("level_determined")
        assert row.startswith("✓ 研究确定火灾事故等级 [4.2]")
        assert "14:04:00 接警后+00:04:00" in row and "记录人：指挥部办公室" in row
        assert panel.row_text("commander_on_scene").startswith("○ ")  # now due
        assert panel.highlighted_step == "activation_proposed"  # the cursor moves on to the next step due

        # Termination asks first, naming the steps of clause 5 it records with it and those still due.
        before = len(app.engine.journal.events(app.main.active.id))
        await tick(pilot, clock, "termination_declared")
        assert isinstance(app.screen, TerminateScreen)
        asked = app.screen.query_one("#terminate-list").text
        assert "一并记录" in asked and "指挥部办公室确认险情得到控制或者基本排除" in asked and "向指挥部报告" in asked
        assert "仍未办理的步骤" in asked and "提出启动" in asked  # activation_proposed is due
        assert app.screen.focused is app.screen.query_one("#term-back")  # Enter would go back
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, TerminateScreen)
        assert len(app.engine.journal.events(app.main.active.id)) == before
        assert "程序：指挥部宣布应急状态终止" not in app.main.panel("timeline").text

        await tick(pilot, clock, "activation_proposed")
        # A note on a recorded step, through the dialog (Ctrl+O).
        panel.highlight("level_determined")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        app.screen.query_one("#step-text", Input).value = "副指挥长电话确认"
        await pilot.press("enter")
        await pilot.pause()
        notes = app.engine.journal.events(app.main.active.id, kinds=[EventKind.NOTE])
        assert [(n.payload["step"], n.payload["text"]) for n in notes] == [("level_determined", "副指挥长电话确认")]
        assert "备注：副指挥长电话确认" in panel.row_text("level_determined")

        # An active hazard holds the office's confirmation back (clause 5).
        app.main.query_one("#hz-collapse").toggle()
        await pilot.pause()
        await tick(pilot, clock, "control_confirmed")
        assert "现存险情(倒塌)" in panel.status_text
        assert ("control_confirmed", "done") not in procedure_events(app)
        app.main.query_one("#hz-collapse").toggle()
        await pilot.pause()
        # Aftermath before termination: refused.
        await tick(pilot, clock, "recovery_plan")
        assert "不能记录 实施恢复计划" in panel.status_text

        # A hazard still checked: the declaration is asked, then refused at the office's confirmation.
        app.main.query_one("#hz-collapse").toggle()
        await pilot.pause()
        await tick(pilot, clock, "termination_declared")
        await pilot.press("y")
        await pilot.pause()
        assert "现存险情(倒塌)" in panel.status_text and not app.main.active.ended
        app.main.query_one("#hz-collapse").toggle()
        await pilot.pause()
        # One Ctrl+T and Y: the confirmation, the report and the declaration, in the plan's order.
        await tick(pilot, clock, "termination_declared")
        await pilot.press("y")
        await pilot.pause()
        assert procedure_events(app)[-3:] == [("control_confirmed", "done"), ("termination_reported", "done"),
                                              ("termination_declared", "done")]  # fmt: skip
        assert app.main.active.ended and not app.main.active.closed
        assert "应急状态已终止" in banner_text(app)
        assert app.main.query_one("#in-burning_area_m2", Input).disabled  # the facts stay as recorded
        assert app.engine.journal.incident(app.main.active.id).status is IncidentStatus.OPEN

        for step in ("recovery_plan", "loss_assessed", "handed_over"):
            await tick(pilot, clock, step)
        incident = app.engine.journal.incident(app.main.active.id)
        assert incident.status is IncidentStatus.CLOSED and app.main.active.closed
        assert "事件记录已结束" in banner_text(app)
        assert app.engine.journal.open_incidents() == []
        last = app.engine.journal.events(incident.id)[-1]
        assert last.kind is EventKind.STATUS and last.payload["state"] == "closed"
        timeline = app.main.panel("timeline").text
        assert "事件结束" in timeline
        assert "14:10:00 +00:10:00  程序：指挥部宣布应急状态终止 [5] — 已完成 · 指挥部" in timeline
        assert "已结束" in str(app.main.query_one("#incident-bar").content)


async def test_escalation_to_especially_major_makes_the_commanders_attendance_due(make_app, clock) -> None:
    clock.set(AFTERNOON)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "deaths", "3")  # 较大 under the national standard
        await pilot.press("ctrl+t")
        for step in ("alarm_received", "forces_dispatched", "situation_reported", "level_determined"):
            await tick(pilot, clock, step)
        panel = app.main.checklist_panel
        assert "本等级不适用" in panel.row_text("commander_on_scene")
        assert panel.row_text("office_staff_on_scene").startswith("○ ")

        await enter_value(pilot, "deaths", "30")  # 1.4: 30 deaths and more is especially major
        app.main.render_checklist()
        assert "等级：特别重大" in panel.head_text
        assert "等级变化：较大 → 特别重大" in panel.head_text and "程序新增" in panel.head_text
        assert panel.row_text("commander_on_scene").startswith("○ 指挥长或者副指挥长赶赴现场")
        change = [line for line in app.main.panel("timeline").text.splitlines() if "较大 → 特别重大" in line]
        assert len(change) == 1 and "指挥长或者副指挥长赶赴现场" in change[0]
        assert "不再要求：指挥部办公室派人赶赴现场" in change[0]
        assert any("指挥长或者副指挥长赶赴现场" in text for text in app.announcements)


def test_procedure_panel_snapshot_zh_wide(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    clock.set(AFTERNOON)

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        app = await ready(pilot)
        app.main.choose_scenario("shopping-mall")
        app.main.query_one("#in-burning_area_m2", Input).value = "700"
        await pilot.pause()
        app.main.flush_now()
        await pilot.press("ctrl+t")
        for step in ("alarm_received", "forces_dispatched", "situation_reported", "level_determined"):
            await tick(pilot, clock, step)
        await tick(pilot, clock, "handed_over")  # refused: shown on the status line
        app.main.checklist_panel.highlight("alarm_received")  # back to the top of the list
        app.main.tick()  # the banner's elapsed time as of the clock now, not as of the 1 s timer
        await pilot.pause()  # notifications arrive as messages: let them in before clearing them
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run)
