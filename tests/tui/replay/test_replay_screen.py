"""Replay mode under Pilot: a shipped script stepped inject by inject (banner, messages,
notifications, panels), the clock passing 22:00 at 60×, pause, instant, the palette, and the
screen opened over the console with ``open_replay``.

Levels expected are worked by hand from the plan (and agree with each script's ``why``):
hanzheng-mall-night is a crowded place (1.4: 600 m² major, 1000 m² especially major) burning after
23:40, so the night trigger (4.3(3)) holds throughout but raises only a major fire; the Yangtze
ship (special site) reaches 620 m² (major) at 21:50 and rises to especially major at 22:00.
The replay raises the incident core's night alerts, in the console's words: the mall's
night_trigger_listed at its start and night_trigger when it becomes major, the ship's night_trigger
at 22:00.
"""

from __future__ import annotations

from firedrill.i18n import label
from firedrill.models import Trigger
from firedrill.rules.loader import load_rulebook
from firedrill.tui.clock import ManualClock
from firedrill.tui.replay import open_replay
from firedrill.tui.replay.screen import ReplayScreen
from firedrill.tui.replay.words import rw
from firedrill.tui.widgets.panel import TextPanel
from tests.tui.conftest import ready
from tests.tui.replay.helpers import MALL, SHIP, banner, notice_texts, replay_app, replay_screen

SIZE = (120, 40)


def _big(level_zh: str) -> str:
    """How the banner writes a level in Chinese: its characters spaced out."""
    return " " + " ".join(level_zh) + " "


NIGHT = load_rulebook().escalation.trigger(Trigger.NIGHT)
# The incident core's night alerts (firedrill/incident/alerts.py) in Chinese, from the plan's text.
LISTED = label("console", "alert_night_listed").zh.format(quote=NIGHT.quote)  # night_trigger_listed
APPLIED = label("console", "alert_night_applied").zh.format(quote=NIGHT.quote)  # night_trigger


async def test_mall_fire_stepped_inject_by_inject(clock: ManualClock) -> None:
    app = replay_app(MALL, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = replay_screen(pilot)
        assert banner(screen).startswith(_big("一般"))
        assert "夜间" in banner(screen)  # listed from 23:40, not applied: 80 m² is not a major fire
        assert screen.messages == [f"23:40:00 +00:00:00 ⚠ [{NIGHT.clause}] {LISTED}"]  # night_trigger_listed
        shown = screen.query_one("#replay-messages", TextPanel).text
        assert LISTED in shown and rw("no_messages", "zh") not in shown
        assert notice_texts(screen) == [LISTED]

        await pilot.press("n")
        await pilot.pause()
        first = ["23:48:00 +00:08:00 #1 电话", "  报警人→119指挥中心:报警人称三楼有人被困,浓烟很大"]
        assert screen.messages[:2] == first
        assert "报警人称三楼有人被困,浓烟很大" in screen.query_one("#replay-messages", TextPanel).text
        assert notice_texts(screen) == [LISTED, "#1 报警人称三楼有人被困,浓烟很大"]  # nothing new: still general
        assert banner(screen).startswith(_big("一般"))  # 250 m²: still general
        assert "+00:08:00" in screen.status_text() and "1/3" in screen.status_text()

        await pilot.press("n")
        await pilot.pause()
        assert banner(screen).startswith(_big("特别重大"))  # 650 m² major, at night → especially major
        assert "事故等级:重大 · 火警等级:特别重大" in banner(screen).replace("：", ":")
        assert screen.messages[4:6] == [f"  ⚠ [{NIGHT.clause}] {APPLIED}", "  ▲ 等级 一般 → 特别重大 [1.4; 4.3(3)]"]
        # night_trigger once the fire is major: told after night_trigger_listed, with the inject that made it major
        spread = "#2 火势蔓延至四层,燃烧面积约650平方米"
        assert notice_texts(screen)[2:] == [spread, APPLIED, "等级升高:一般 → 特别重大"]
        dispatch = screen.query_one("#replay-dispatch", TextPanel).text
        assert "10" in dispatch and "20" in dispatch and "40" in dispatch  # 4.4.2: 10+ / 20+ / 40+
        assert "4.3(3)" in screen.query_one("#replay-assessment", TextPanel).text

        await pilot.press("n")
        await pilot.pause()
        assert banner(screen).startswith(_big("特别重大"))  # 1100 m²: especially major by itself
        assert "事故等级:特别重大 · 火警等级:特别重大" in banner(screen).replace("：", ":")
        assert not any("等级降低" in t for t in notice_texts(screen))
        assert notice_texts(screen)[5:] == ["#3 燃烧面积约1100平方米"]  # each night alert is raised once
        assert rw("ended", "zh") in screen.status_text() and "3/3" in screen.status_text()
        timeline = screen.query_one("#replay-timeline", TextPanel).text
        assert timeline.index("+0:50:00") < timeline.index("+0:25:00") < timeline.index("+0:08:00")  # newest first


async def test_the_clock_passing_22_00_raises_the_ship_fire_and_is_announced(clock: ManualClock) -> None:
    app = replay_app(SHIP, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = replay_screen(pilot)
        await pilot.press("3", "space")  # 60×, play
        await pilot.pause()
        assert rw("playing", "zh") in screen.status_text() and "60×" in screen.status_text()
        clock.advance(seconds=20)
        screen.tick()
        assert banner(screen).startswith(_big("重大"))  # 21:50, 620 m²
        clock.advance(seconds=9)
        screen.tick()
        assert "21:59:00" in screen.status_text() and banner(screen).startswith(_big("重大"))
        assert not any(NIGHT.clause in m for m in screen.messages)  # before 22:00: no night alert yet
        clock.advance(seconds=1)
        screen.tick()
        await pilot.pause()
        assert banner(screen).startswith(_big("特别重大"))
        assert screen.messages[0] == f"22:00:00 +00:30:00 ⚠ [{NIGHT.clause}] {APPLIED}"  # night_trigger
        assert "  ▲ 等级 重大 → 特别重大 [1.4; 4.3(3)]" in screen.messages
        assert notice_texts(screen)[-2:] == [APPLIED, "等级升高:重大 → 特别重大"]
        assert LISTED not in notice_texts(screen)  # major when the night begins: applied, never only listed

        await pilot.press("space")  # pause: the wall clock runs on, the replay does not
        await pilot.pause()
        clock.advance(minutes=5)
        screen.tick()
        assert "22:00:00" in screen.status_text() and rw("paused", "zh") in screen.status_text()
        await pilot.press("4", "space")  # instant
        await pilot.pause()
        screen.tick()
        assert rw("ended", "zh") in screen.status_text() and "22:20:00" in screen.status_text()


async def test_english_screen_and_speed_10(clock: ManualClock) -> None:
    app = replay_app(MALL, clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = replay_screen(pilot)
        await pilot.press("2", "space")
        clock.advance(seconds=48)  # 10 × 48 s = 8 min: the first inject
        screen.tick()
        await pilot.pause()
        assert "10×" in screen.status_text() and "23:48:00" in screen.status_text()
        said = "A caller says people are trapped on the third floor; thick smoke"
        assert f"  报警人→119指挥中心: {said}" in screen.messages
        assert banner(screen).startswith(" GENERAL ")


async def test_palette_lists_the_replay_keys_and_runs_them(clock: ManualClock) -> None:
    app = replay_app(MALL, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = replay_screen(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"下一情况")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and "1/3" in screen.status_text()


async def test_open_replay_over_the_console_and_back(make_app, clock: ManualClock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert open_replay(app, tmp_path / "missing.yaml", "zh") is None
        await pilot.pause()
        assert app.screen is app.main and "missing.yaml" in next(iter(app._notifications)).message
        screen = open_replay(app, MALL, "zh")
        await pilot.pause()
        assert isinstance(screen, ReplayScreen) and app.screen is screen and screen.clock is clock
        await pilot.press("n", "n")
        await pilot.pause()
        assert banner(screen).startswith(_big("特别重大"))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main
