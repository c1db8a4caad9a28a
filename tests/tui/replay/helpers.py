"""Shared pieces of the replay and drill console tests: shipped scripts, an app hosting one screen on
a hand-moved clock, and readers of what the screens show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from firedrill.replay.drill import DrillResult
from firedrill.tui.clock import ManualClock
from firedrill.tui.replay import load_replay
from firedrill.tui.replay.app import ReplayApp
from firedrill.tui.replay.drill import DrillScreen
from firedrill.tui.replay.screen import ReplayScreen
from firedrill.tui.widgets.banner import LevelBanner

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
MALL = SCENARIOS / "hanzheng-mall-night.yaml"  # 23:40 start: the night trigger holds from the first minute
SHIP = SCENARIOS / "yangtze-ship-night.yaml"  # 21:30 start: the clock passes 22:00 at +0:30


def replay_app(path: Path, clock: ManualClock, lang: str = "zh") -> ReplayApp:
    replay = load_replay(path)
    return ReplayApp(lambda app: ReplayScreen(replay, lang, app.clock), clock=clock, lang=lang, blink=False)


def drill_app(path: Path, clock: ManualClock, out_dir: Path, save: Callable[[DrillResult], int] | None = None,
              lang: str = "zh", trainee: str = "张三") -> ReplayApp:  # fmt: skip
    replay = load_replay(path)
    return ReplayApp(lambda app: DrillScreen(replay, trainee, lang, app.clock, out_dir=out_dir, save=save),
                     clock=clock, lang=lang, blink=False)  # fmt: skip


def replay_screen(pilot: Pilot[object]) -> ReplayScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReplayScreen)
    return screen


def drill_screen(pilot: Pilot[object]) -> DrillScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DrillScreen)
    return screen


def banner(screen: ReplayScreen) -> str:
    return screen.query_one(LevelBanner).text


def notice_texts(screen: ReplayScreen | DrillScreen) -> list[str]:
    return [n.text for n in screen.notices]
