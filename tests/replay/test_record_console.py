"""Record → script → replay on a journal the real console wrote (through the Desk): a night mall fire
worked with the keyboard (report time typed after the opening, an area typed, cleared and typed
again, wind as a Beaufort force then in m/s, calls with F4, an order with F7) replays to the same
decisions at the same times."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from firedrill.cli import replay as replay_cli
from firedrill.journal import Event, EventKind, Journal
from firedrill.replay.engine import Replay
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import load_script
from firedrill.replay.record import script_from_journal
from firedrill.tui.app import create_app
from firedrill.tui.clock import LOCAL_TZ, ManualClock
from firedrill.tui.screens.dialogs import OrderScreen
from tests.replay.cli import run
from tests.tui.conftest import enter_value, pick_scenario, ready, type_into

# A Thursday morning with no holiday (4.3(1)): the console is opened after the night window, so
# only the report time typed (23:40 the evening before) makes the night trigger hold.
OPENED = datetime(2026, 3, 12, 6, 20, tzinfo=LOCAL_TZ)


async def _work_the_fire(data_dir: Path) -> str:
    """The dispatcher's keystrokes, the clock moved by hand between them; returns the incident id."""
    clock = ManualClock(OPENED)
    app = create_app(lang="zh", data_dir=data_dir, clock=clock, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        steps: list[tuple[float, Any]] = [
            (0.5, lambda: type_into(pilot, "reported_at", "23:40")),
            (1, lambda: pick_scenario(pilot, "商场")),
            (1, lambda: enter_value(pilot, "location", "江汉路某商场")),  # as pasted: one change
            (1, lambda: type_into(pilot, "burning_area_m2", "300")),
            (2, lambda: type_into(pilot, "burning_area_m2", "")),  # cleared: the fire is not measured any more
            (2, lambda: type_into(pilot, "burning_area_m2", "800")),
            (1, lambda: pilot.press("f4")),
            (1, lambda: pilot.press("f4")),
            (1, lambda: type_into(pilot, "wind", "6")),  # Beaufort 6: 4.3(2) holds
            (1, lambda: enter_value(pilot, "wind", "5m/s")),  # 5 m/s (Beaufort 3) replaces the force: off
            (1, lambda: pilot.press("f7")),
        ]  # fmt: skip
        for minutes, action in steps:
            clock.advance(minutes=minutes)
            await action()
            await pilot.pause()
        assert isinstance(app.screen, OrderScreen)
        await pilot.press("escape")
        await pilot.pause()
        session = app.main.active
        assert session is not None
        return session.id


@pytest.fixture(scope="module")
def console_journal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    data_dir = tmp_path_factory.mktemp("console") / "data"
    incident_id = asyncio.run(_work_the_fire(data_dir))
    return data_dir, incident_id


def _events(data_dir: Path, incident_id: str) -> list[Event]:
    with Journal.open(data_dir / "firedrill.sqlite3") as journal:
        return journal.events(incident_id)


def _decision(payload: dict[str, Any]) -> tuple[str, str, list[str]]:
    return payload["level"], payload["base_level"], list(payload["triggers"])


def test_the_console_journal_has_what_the_recorder_must_read(console_journal: tuple[Path, str]) -> None:
    """Guard: the keystrokes above did produce the facts this test is about, as the console writes them."""
    events = _events(*console_journal)
    opened = events[0].at
    facts = [(e.at, e.payload["changes"], e.payload["typed"]) for e in events if e.kind is EventKind.FACT]
    changed = [(name, value) for _, changes, _ in facts for name, value in changes.items()]
    assert any(at > opened and str(changes.get("reported_at", "")).startswith("2026-03-11T23:40")
               for at, changes, _ in facts)  # fmt: skip
    assert ("burning_area_m2", None) in changed
    # a wind field records one form: the force, then the speed with the force cleared
    assert [(changes, typed) for _, changes, typed in facts if "wind" in typed] == [
        ({"wind_force": 6}, {"wind": "6"}), ({"wind_force": None, "wind_speed_ms": 5.0}, {"wind": "5m/s"})]  # fmt: skip
    assert ("scenario", "shopping-mall") in changed
    assert sum(e.kind is EventKind.CALL for e in events) == 2
    assert sum(e.kind is EventKind.ORDER for e in events) == 1


def test_replaying_the_recorded_script_gives_every_recorded_decision_at_its_time(
    console_journal: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, incident_id = console_journal
    out = tmp_path / "recorded.yaml"
    assert run(replay_cli, "--record", incident_id, "--data-dir", str(data_dir), "--out", str(out)) == 0
    replay = Replay(load_script(out))
    recorded = [e for e in _events(data_dir, incident_id) if e.kind is EventKind.ASSESSMENT]
    assert len({e.at for e in recorded}) == len(recorded) >= 5  # one decision per moment: every one is checked
    for event in recorded:
        state = replay.state_at(event.at)
        replayed = (state.decision.level.value, state.decision.base_level.value,
                    [t.value for t in state.decision.triggers])  # fmt: skip
        assert replayed == _decision(event.payload), f"journal event #{event.seq} at {event.at:%H:%M:%S}"
    # The report time typed after the opening is what makes this a night fire: at the opening the
    # console saw a day fire, from the correction on a night one; the replay says the same.
    assert _decision(recorded[0].payload)[2] == [] and "night" in _decision(recorded[-1].payload)[2]
    assert any("severe_weather" in _decision(e.payload)[2] for e in recorded)
    assert "severe_weather" not in _decision(recorded[-1].payload)[2]
    results = check_replay(replay)
    assert len(results) == len(recorded) and all(r.passed for r in results)
    assert run(replay_cli, str(out), "--check") == 0


def test_the_recorded_script_says_what_the_console_did(console_journal: tuple[Path, str]) -> None:
    data_dir, incident_id = console_journal
    with Journal.open(data_dir / "firedrill.sqlite3") as journal:
        data = script_from_journal(journal, incident_id)
    injects = data["injects"]
    assert data["playbook"] == "shopping-mall" and data["location"] == "江汉路某商场"
    assert data["incident"]["reported_at"] == OPENED.isoformat()  # what the form held at the opening
    assert [i["reported_at"] for i in injects if "reported_at" in i] == ["2026-03-11T23:40:00+08:00"]
    assert [i["incident"]["burning_area_m2"] for i in injects if "burning_area_m2" in i.get("incident", {})] == [
        300, 0, 800]  # fmt: skip
    assert [i["weather"] for i in injects if "weather" in i] == [
        {"wind_force": 6}, {"wind_force": None, "wind_speed_ms": 5.0}]  # fmt: skip
    # no ignition time typed: the console counts from the report time, and so does the script
    assert data["ignition"] == "2026-03-11T23:40:00+08:00"
    assert any("expected_action" in i and "调度令" in i["expected_action"] for i in injects)
    assert "not replayed" not in data["description"] and "superseded" not in data["description"]
