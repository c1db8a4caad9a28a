"""A console drill closed before its end still writes and stores what was answered."""

from __future__ import annotations

from pathlib import Path

from firedrill.models import Level
from firedrill.replay.drill import DrillResult
from firedrill.tui.clock import ManualClock
from tests.tui.replay.helpers import MALL, drill_app, drill_screen
from tests.tui.replay.test_drill_screen import SIZE, choose_level


async def test_closing_a_drill_early_writes_the_prompts_answered(clock: ManualClock, tmp_path: Path) -> None:
    stored: list[DrillResult] = []

    def save(result: DrillResult) -> int:
        stored.append(result)
        return 7

    app = drill_app(MALL, clock, tmp_path / "out", save=save, lang="en", trainee="Li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = drill_screen(pilot)
        await pilot.press("n")
        await pilot.pause()
        await choose_level(pilot, Level.MAJOR)
        await pilot.press(*["tab"] * 6, "6", "tab", "1", "1", "tab", "2", "1", "f7")
        await pilot.pause()
        assert sorted(screen.marks) == [1]
        await pilot.press("escape")
        await pilot.pause()
    (result,) = stored
    assert [m.number for m in result.marks] == [1] and result.not_reached == (2,)
    md = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "Ended early" in md and "#2" in md


async def test_a_console_drill_asks_only_the_prompts_of_the_roles_played(clock: ManualClock, tmp_path: Path) -> None:
    from firedrill.tui.replay.app import ReplayApp
    from firedrill.tui.replay.drill import DrillScreen
    from tests.replay.helpers import replay_of
    from tests.replay.test_roles_review import ROLES

    replay = replay_of(tmp_path, ROLES)
    app = ReplayApp(lambda a: DrillScreen(replay, "Li", "en", a.clock, out_dir=tmp_path / "out", roles=("office",)),
                    clock=clock, lang="en", blink=False)  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = drill_screen(pilot)
        assert [p.number for p in screen.asked] == [2]  # #1 goes to the dispatcher, whom the script plays
        await pilot.press("f9")
        await pilot.pause()
    result = screen.outcome
    assert result is not None and result.roles == ("office",) and [m.number for m in result.marks] == [2]
