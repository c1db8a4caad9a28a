"""A live exercise without a screen: the controller's deliveries are notes on the exercise
incident, the trainee's ticks are read back from the journal, and a contingency is decided only
when the exercise clock reaches it (a step ticked between two injects still counts)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

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
