"""The command centre at a glance: the time now on screen, why the level (in the banner), calls
against the rule of 4.3(4), each step's time left or overdue, and a board of the open incidents and
the units by status (F3)."""

from __future__ import annotations

from pathlib import Path

from firedrill.tui.app import create_app
from firedrill.tui.screens.dialogs import IncidentsScreen
from tests.tui.conftest import banner_text, enter_value, ready
from tests.tui.test_stations_panel import network, order


async def test_time_now_reasons_and_calls_are_on_screen(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert "现在 21:50:00" in str(app.main.query_one("#incident-bar").content)
        await enter_value(pilot, "deaths", "12")
        assert "等级依据：" in banner_text(app) and "[1.4]" in banner_text(app).split("等级依据：")[1]
        assert "同址来电" not in banner_text(app)  # no other call yet: nothing to count
        clock.advance(minutes=1)
        await pilot.press("f4", "f4")
        await pilot.pause()
        assert "同址来电：近10分钟 3 次(含首报),本地读法 5 次即按4.3(4)升级" in banner_text(app)
        clock.advance(minutes=12)  # the first report and both calls are now older than the window
        app.main.tick()
        await pilot.pause()
        assert "现在 22:03:00" in str(app.main.query_one("#incident-bar").content)
        assert "近10分钟 0 次" in banner_text(app)


async def test_a_step_with_a_local_target_counts_down_then_says_overdue(tmp_path: Path, clock) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("procedure:\n  targets:\n    turn_out: {minutes: 2}\n", encoding="utf-8")
    app = create_app(lang="zh", data_dir=tmp_path / "data", config=config, clock=clock, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "deaths", "3")
        app.main.show_panel("procedure")
        await pilot.pause()
        panel = app.main.checklist_panel
        panel.highlight("alarm_received")
        await pilot.press("ctrl+t")  # the alarm is taken: sending forces is due now
        await pilot.pause()
        assert "时限(本地设定) 21:52 (还剩 00:02:00)" in panel.row_text("forces_dispatched")
        clock.advance(minutes=3)
        app.main.tick()
        app.main.render_checklist()
        row = panel.row_text("forces_dispatched")
        assert row.startswith("! ") and "21:52 (已超时 00:01:00)" in row


async def test_f3_is_a_board_of_open_incidents_and_units_by_status(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "location", "江汉路")
        await enter_value(pilot, "scene", "114.27,30.58")
        await enter_value(pilot, "deaths", "12")
        await network(app)
        await order(pilot)
        clock.advance(minutes=5)
        first = app.main.active.id
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, IncidentsScreen)
        options = app.screen.query_one("#incident-list")
        line = str(options.get_option_at_index(0).prompt)
        assert line.startswith(first) and "江汉路" in line and "重大" in line and "+00:05:00" in line
        units = app.screen.query_one("#board-units").text
        assert units.startswith("力量：出动 ") and f"{first[-4:]}：" in units and "出动" in units.split("\n")[1]
