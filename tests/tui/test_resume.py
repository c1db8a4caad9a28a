"""Nothing lost: kill the console mid-incident (SIGKILL), start it again, resume exactly where it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from firedrill.journal import EventKind
from firedrill.tui.screens.dialogs import ResumeScreen
from tests.tui import crash_child
from tests.tui.conftest import banner_text, panel_text, ready

CHILD = Path(crash_child.__file__)


def _run_child_until_typed(data_dir: Path) -> list[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "TEXTUAL_ANIMATIONS": "none"}  # as conftest.no_animations
    child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    lines: list[str] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == "typed":
                break
        else:
            raise AssertionError(f"child ended early: {lines} {child.stderr.read() if child.stderr else ''}")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    return lines


@pytest.mark.slow
async def test_sigkill_mid_incident_then_resume(make_app, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    said = _run_child_until_typed(data_dir)
    incident = said[0].split()[1]
    assert [s for s in said if s.startswith("recorded")] == [
        "recorded location", "recorded burning_area_m2", "recorded deaths", "recorded direct_loss_yuan",
        "recorded call",
    ]  # fmt: skip

    app = make_app(data_dir=data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ResumeScreen)
        assert incident in app.screen.query_one("#resume-list").content
        await pilot.press("enter")
        await pilot.pause()
        session = app.main.active
        assert session.id == incident
        values = {f: app.main.query_one(f"#in-{f}").value for f in
                  ("location", "burning_area_m2", "deaths", "direct_loss_yuan", "serious_injuries")}  # fmt: skip
        assert values == {"location": "武昌站", "burning_area_m2": "800", "deaths": "2",
                          "direct_loss_yuan": "1.2亿", "serious_injuries": ""}  # fmt: skip
        assert app.main.query_one("#in-scenario").label.plain == "商场(厦)"
        assert app.main.query_one("#calls-count").content == "1"
        # 1.2亿 ≥ 1亿元: especially major by loss (1.4)
        assert "特 别 重 大" in banner_text(app)
        timeline = panel_text(app, "timeline")
        assert "重新启动后恢复" in timeline and "武昌站" in timeline and "1.2亿" in timeline
        kinds = [e.kind for e in app.engine.journal.events(incident)]
        assert kinds.count(EventKind.STATUS) == 2  # opened, resumed
        for field in ("location", "burning_area_m2", "deaths", "direct_loss_yuan"):
            assert app.main.query_one(f"#mark-{field}").has_class("-recorded")
        assert not app.main.query_one("#mark-serious_injuries").has_class("-recorded")


async def test_choosing_new_leaves_open_incidents_open_and_listed(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first = app.main.active.id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.main.active.id != first
        await pilot.press("f3")
        await pilot.pause()
        listed = [app.screen.query_one("#incident-list").get_option_at_index(i).id for i in range(3)]
        assert listed[:2] == [first, app.main.active.id]
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.main.active.id == first and len(app.main.sessions) == 2
