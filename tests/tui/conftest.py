"""Shared pieces of the console tests: a hand-moved clock, an app on a temporary data dir, and
helpers that drive the intake the way a dispatcher does (focus a field, clear it, type)."""

from __future__ import annotations

import asyncio
import inspect
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from firedrill.tui.app import FiredrillApp, create_app
from firedrill.tui.clock import LOCAL_TZ, ManualClock

# A Wednesday with no holiday (4.3(1)) in the built-in calendar.
EVENING = datetime(2026, 3, 11, 21, 50, tzinfo=LOCAL_TZ)
ENGINE_TIMEOUT = 20


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin is installed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(EVENING)


@pytest.fixture
def make_app(tmp_path: Path, clock: ManualClock):  # type: ignore[no-untyped-def]
    def make(lang: str | None = "zh", data_dir: Path | None = None) -> FiredrillApp:
        return create_app(lang=lang, data_dir=data_dir or tmp_path / "data", clock=clock, blink=False)

    return make


async def ready(pilot: Pilot[object]) -> FiredrillApp:
    """Wait until the engine is loaded and the first incident is on screen."""
    app = pilot.app
    assert isinstance(app, FiredrillApp)
    await asyncio.wait_for(app.engine_ready.wait(), ENGINE_TIMEOUT)
    await pilot.pause()
    return app


async def type_into(pilot: Pilot[object], field: str, text: str, *, leave: bool = True) -> None:
    """Focus ``field``, clear it and type ``text``; Tab away (which records it) unless ``leave`` is False."""
    app = pilot.app
    assert isinstance(app, FiredrillApp)
    app.main.form.focus_field(field)
    await pilot.press("home", "ctrl+k", *text)
    if leave:
        await pilot.press("tab")
    await pilot.pause()


async def enter_value(pilot: Pilot[object], field: str, text: str) -> None:
    """Put ``text`` in ``field`` as a paste would (one change, not one per key) and Tab away."""
    app = pilot.app
    assert isinstance(app, FiredrillApp)
    app.main.form.focus_field(field)
    app.main.query_one(f"#in-{field}", Input).value = text
    await pilot.press("tab")


async def pick_scenario(pilot: Pilot[object], query: str) -> None:
    """F2, type the search text, Enter: as a dispatcher picks the playbook."""
    await pilot.press("f2")
    await pilot.pause()
    await pilot.press(*query, "enter")
    await pilot.pause()


def banner_text(app: FiredrillApp) -> str:
    return app.main.banner.text


def panel_text(app: FiredrillApp, name: str) -> str:
    """What the panel ``name`` shows once the dispatcher opens its tab."""
    app.main.show_panel(name)
    app.main.render_panel(name)
    return app.main.panel(name).text
