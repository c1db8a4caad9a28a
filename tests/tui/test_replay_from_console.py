"""Replays and drills from the console: a shipped scenario script picked in the command palette or
with Ctrl+R, replayed and stepped, or drilled by a named trainee up to the first prompt; back to the
incidents as they were. An installation without the scripts says so.

hanzheng-mall-night starts at 23:40 as a general fire, so the replay opens on the incident core's
night_trigger_listed alert (4.3(3), in the console's words); its first inject (+0:08, 23:48) is a
caller's phone report and carries the first prompt (the script's own text, read from the file below)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from firedrill.i18n import label
from firedrill.models import Trigger
from firedrill.rules.loader import load_rulebook
from firedrill.tui import scenarios
from firedrill.tui.app import FiredrillApp
from firedrill.tui.replay.drill import DrillScreen
from firedrill.tui.replay.screen import ReplayScreen
from firedrill.tui.screens.commands import ConsoleCommands
from firedrill.tui.screens.main import MainScreen
from firedrill.tui.screens.scenario_run import ScenarioRunScreen, TraineeScreen
from tests.tui.conftest import enter_value, palette, ready

MALL = scenarios.SCENARIOS_DIR / "hanzheng-mall-night.yaml"
SCRIPT = yaml.safe_load(MALL.read_text(encoding="utf-8"))
FIRST = SCRIPT["injects"][0]
NIGHT = load_rulebook().escalation.trigger(Trigger.NIGHT)
LISTED = label("console", "alert_night_listed").zh.format(quote=NIGHT.quote)


def test_the_shipped_scripts_are_listed_with_their_titles(tmp_path: Path) -> None:
    listed = scenarios.shipped_scenarios()
    assert [s.path for s in listed] == sorted(scenarios.SCENARIOS_DIR.glob("*.yaml"))
    mall = next(s for s in listed if s.path == MALL)
    assert (mall.title("zh"), mall.title("en")) == (SCRIPT["title"]["zh"], SCRIPT["title"]["en"])
    (tmp_path / "b-broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (tmp_path / "a-untitled.yaml").write_text("id: x\n", encoding="utf-8")
    assert [(s.title("zh"), s.title("en")) for s in scenarios.shipped_scenarios(tmp_path)] == [
        ("a-untitled", "a-untitled"), ("b-broken", "b-broken")]  # fmt: skip
    assert scenarios.shipped_scenarios(tmp_path / "absent") == ()


async def test_palette_opens_a_replay_that_steps_and_comes_back(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "location", "江汉路商场")
        incident, values = app.main.active.id, dict(app.main.active.values)
        await palette(pilot, f"回放脚本: {SCRIPT['title']['zh']}")
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        assert replay.messages == [f"23:40:00 +00:00:00 ⚠ [{NIGHT.clause}] {LISTED}"]  # night_trigger_listed
        await pilot.press("n")  # one step: to the first inject
        await pilot.pause()
        assert replay.messages[0].startswith("23:48:00 +00:08:00 #1")
        assert FIRST["message"]["zh"] in replay.messages[1]
        assert replay.messages[-1] == f"23:40:00 +00:00:00 ⚠ [{NIGHT.clause}] {LISTED}"  # nothing more raised
        assert sum(NIGHT.clause in m for m in replay.messages) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.main.active.id == incident and app.main.active.values == values


async def test_ctrl_r_drills_a_named_trainee_to_the_first_prompt(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ScenarioRunScreen)
        index = [s.path for s in dialog.scenarios].index(MALL)
        await pilot.press(*["down"] * index, "d")  # D: a drill on the highlighted script
        await pilot.pause()
        assert isinstance(app.screen, TraineeScreen)
        assert SCRIPT["title"]["zh"] in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("enter")  # no name: refused, said, still asking
        await pilot.pause()
        assert isinstance(app.screen, TraineeScreen)
        assert "请填写受训人姓名" in str(app.screen.query_one("#trainee-error").render())
        await pilot.press(*"张三", "enter")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen) and drill.trainee == "张三"
        assert drill.current is None
        await pilot.press("n")  # to the first inject: it carries the first prompt
        await pilot.pause()
        assert drill.current is not None and drill.current.number == 1
        assert drill.form.display and FIRST["prompt"]["zh"] in str(drill.query_one("#drill-prompt").render())


async def test_palette_drill_in_english_asks_the_name_under_the_english_title(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await palette(pilot, f"Drill: {SCRIPT['title']['en']}")
        assert isinstance(app.screen, TraineeScreen)
        assert f"Drill: {SCRIPT['title']['en']}" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")  # changed one's mind
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_without_the_scripts_ctrl_r_says_so_and_the_palette_lists_none(
    make_app: Callable[..., FiredrillApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    absent = tmp_path / "site-packages" / "scenarios"  # as in an installed wheel
    monkeypatch.setattr(scenarios, "SCENARIOS_DIR", absent)
    app = make_app(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [title for title, _, _ in ConsoleCommands(app.main)._commands()]
        assert not [t for t in titles if t.startswith(("Replay: ", "Drill: "))]
        assert "Replay/drill (^R)" in titles
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ScenarioRunScreen)
        said = str(dialog.query_one("#run-none").render())
        assert "No scenario scripts" in said and str(absent) in said
        assert dialog.query_one("#run-replay").disabled and dialog.query_one("#run-drill").disabled
        await pilot.press("d")  # nothing to drill on
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
