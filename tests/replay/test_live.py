"""A live exercise without a screen: the controller's deliveries are notes on the exercise
incident, the trainee's ticks are read back from the journal, and a contingency is decided only
when the exercise clock reaches it (a step ticked between two injects still counts)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.incident.desk import Desk
from firedrill.journal import EventKind, Journal
from firedrill.playbook.loader import load_library
from firedrill.replay.engine import Replay
from firedrill.replay.live import INJECT_TAG, LiveExercise
from firedrill.replay.parser import load_script
from firedrill.timeutil import LOCAL_TZ

SCRIPT = Path(__file__).resolve().parents[2] / "scenarios" / "warehouse-loss-revised-roles.yaml"
REAL = datetime(2026, 4, 15, 10, 0, tzinfo=LOCAL_TZ)


def test_a_report_made_after_the_previous_inject_still_stops_the_chase(tmp_path: Path) -> None:
    seconds = [0.0]

    def real() -> datetime:
        return REAL + timedelta(seconds=seconds[0])

    with Journal.open(tmp_path / "j.sqlite3") as journal:
        replay = Replay(load_script(SCRIPT, load_library([])))
        live = LiveExercise.open(replay, Desk(journal), real, clock=lambda: seconds[0])
        trainee = Desk(journal, clock=live.control.clock.now, seat="学员")
        live.command("r")
        seconds[0] = 19 * 60  # +0:19: injects #1 and #2 delivered; the chase (#3, +0:25) not yet decided
        live.step()
        incident = live.incident_id
        trainee.set_facts(incident, {"direct_loss_yuan": 120_000_000})
        for step in ("alarm_received", "forces_dispatched", "situation_reported"):
            trainee.step(incident, step)
        seconds[0] = 22 * 60
        live.step()  # the ticks seen at +0:22
        seconds[0] = 26 * 60
        live.step()
        assert [d.number for d in live.decided() if not d.fired] == [3]
        notes = [str(e.payload["text"]) for e in journal.events(incident, [EventKind.NOTE])]
        assert all(n.startswith(INJECT_TAG) for n in notes)
        assert [n for n in notes if "#1 [" in n] and [n for n in notes if "#2 [" in n]
        assert not [n for n in notes if "#3 [" in n]
        assert [t.step for t in live.control.drive.ticks] == ["alarm_received", "forces_dispatched",
                                                              "situation_reported"]  # fmt: skip


def test_a_controller_reopened_takes_the_exercise_up_where_the_journal_leaves_it(tmp_path: Path) -> None:
    seconds = [0.0]

    def real() -> datetime:
        return REAL + timedelta(seconds=seconds[0])

    with Journal.open(tmp_path / "j.sqlite3") as journal:
        replay = Replay(load_script(SCRIPT, load_library([])))
        first = LiveExercise.open(replay, Desk(journal), real, clock=lambda: seconds[0])
        first.command("send 2")  # #2 (+0:18) sent at +0:00, the clock paused
        first.step()
        first.command("r")
        first.command("x 5")
        seconds[0] = 60  # five exercise minutes on: #1 (+0:05) delivered
        first.step()
        assert first.control.clock.now() == replay.start + timedelta(minutes=5)
        seconds[0] = 120  # the controller closed a minute ago; the exercise's clock went on at 5×
        again = LiveExercise.take_up(replay, Desk(journal), real, clock=lambda: seconds[0])
        assert again is not None and again.incident_id == first.incident_id
        assert again.control.clock.now() == replay.start + timedelta(minutes=10)
        assert again.control.clock.speed == 5.0 and again.control.clock.running
        assert [p.number for p in again.pending()] == [3, 4]  # #1 and #2 delivered already
        assert again.step() == []  # nothing delivered twice
        seconds[0] = 24 * 60
        again.step()
        sent = [e.payload.get("injects") for e in journal.events(first.incident_id, [EventKind.NOTE])]
        assert sorted(n for numbers in sent for n in numbers) == [1, 2, 3, 4]  # each inject once


def test_no_open_exercise_of_the_script_gives_nothing_to_take_up(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        replay = Replay(load_script(SCRIPT, load_library([])))
        desk = Desk(journal)
        desk.open()  # an ordinary incident
        assert LiveExercise.take_up(replay, desk, lambda: REAL) is None


def test_a_speed_out_of_bounds_is_refused_in_one_line_and_not_journaled(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        replay = Replay(load_script(SCRIPT, load_library([])))
        live = LiveExercise.open(replay, Desk(journal), lambda: REAL, clock=lambda: 0.0)
        before = journal.version(live.incident_id)
        with pytest.raises(InputError) as refused:
            live.command("x 5000")
        assert refused.value.one_line() == "field 'speed': the speed is a number above 0 and at most 3600"
        assert journal.version(live.incident_id) == before and live.control.clock.speed == 1.0
