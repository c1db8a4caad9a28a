"""Shared pieces of the console tests: a hand-moved clock, an app on a temporary data dir, and
helpers that drive the intake the way a dispatcher does (focus a field, clear it, type)."""

from __future__ import annotations

import asyncio
import gc
import inspect
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from firedrill.incident.fold import fold
from firedrill.journal import Journal
from firedrill.tui.app import FiredrillApp, create_app
from firedrill.tui.clock import LOCAL_TZ, ManualClock

# A Wednesday with no holiday (4.3(1)) in the built-in calendar.
EVENING = datetime(2026, 3, 11, 21, 50, tzinfo=LOCAL_TZ)
ENGINE_TIMEOUT = 20
FULL_COLLECTION_EVERY = 50  # gc threshold 2 while these tests run (Python's default: 10)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin is installed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True, scope="package")
def fewer_full_collections() -> Iterator[None]:
    """Python's full garbage collections, rarer while these tests run (see ``settled_heap``)."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], FULL_COLLECTION_EVERY)
    yield
    gc.set_threshold(*before)
    gc.unfreeze()


@pytest.fixture(autouse=True, scope="module")
def settled_heap(fewer_full_collections: None) -> None:
    """Collect, then freeze what is alive, once per test module (gc.freeze).

    The engine's caches (playbooks, rules, the road network) and the imported modules are a few
    hundred thousand long-lived objects; Python's full collections would scan them again and again,
    about 20 s of this suite. Frozen after a collection they are no longer scanned, and full
    collections come after 50 middle ones instead of 10; what each test leaves behind is still
    collected.
    """
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apps made in these tests run without Textual's animations (as TEXTUAL_ANIMATIONS=none would).

    A tab switch animates its underline for a fraction of a second, and Pilot.pause waits until the
    process is idle, so every pause after a switch would wait for the animation; the end state is the same.
    """
    import textual.constants

    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


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


async def palette(pilot: Pilot[object], query: str) -> None:
    """Ctrl+P, the query pasted in (one search, not one per key), Enter on the best hit."""
    from textual.command import CommandInput

    await pilot.press("ctrl+p")
    await pilot.pause()
    pilot.app.screen.query_one(CommandInput).value = query
    await pilot.pause(0.3)  # the palette gathers its hits in the background
    await pilot.press("enter")
    await pilot.pause()


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


def recorded_facts(journal: Journal, incident_id: str) -> dict[str, object]:
    """The incident's facts as the journal holds them (through the incident core's fold)."""
    return dict(fold(journal.incident(incident_id), journal.events(incident_id)).facts)
