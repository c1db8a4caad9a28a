"""An exercise incident's clock as its journal holds it: the opened event's offset is the first anchor,
each ``clock`` event (pause, resume, a speed, a jump) a new one; entries are accepted up to the
exercise's time now; a bad clock change is refused in one line, and nothing is written."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.incident.desk import Desk
from firedrill.incident.exercise_clock import first_anchor
from firedrill.incident.fold import fold
from firedrill.journal import EventKind, Journal
from firedrill.timeutil import LOCAL_TZ, now_local

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REAL = datetime(2026, 4, 15, 10, 0, tzinfo=LOCAL_TZ)  # the real time the exercise is opened at
SCENE = datetime(2026, 6, 18, 14, 10, tzinfo=LOCAL_TZ)  # its scenario time then


def real(seconds: float) -> datetime:
    return REAL + timedelta(seconds=seconds)


def scene(seconds: float) -> datetime:
    return SCENE + timedelta(seconds=seconds)


def _exercise(desk: Desk) -> str:
    return desk.open(at=SCENE, exercise_offset_s=(SCENE - REAL).total_seconds(), exercise_script="x.yaml").state.id


def test_the_opened_offset_is_the_first_anchor_in_real_time(journal: Journal) -> None:
    desk = Desk(journal)
    state = desk.load(_exercise(desk))
    anchor = state.exercise_clock
    assert anchor is not None and anchor.running and anchor.speed == 1.0
    assert anchor.at(real(0)) == SCENE and anchor.at(real(90)) == scene(90)
    assert state.exercise_offset_s == (SCENE - REAL).total_seconds() and state.exercise_script == "x.yaml"


def test_pause_speed_and_jump_each_set_the_anchor_the_fold_gives(journal: Journal) -> None:
    desk = Desk(journal)
    incident = _exercise(desk)
    desk.set_exercise_clock(incident, scene(60), 0.0, real_at=real(60), change="pause")
    paused = desk.load(incident).exercise_clock
    assert paused is not None and not paused.running
    assert paused.at(real(600)) == scene(60)  # paused: nine real minutes later it is still +1:00
    desk.set_exercise_clock(incident, scene(60), 2.0, 2.0, real_at=real(600), change="resume")
    resumed = desk.load(incident).exercise_clock
    assert resumed is not None and resumed.at(real(630)) == scene(120)  # twice as fast
    desk.set_exercise_clock(incident, scene(120 + 300), 2.0, real_at=real(630), change="jump")
    jumped = desk.load(incident).exercise_clock
    assert jumped is not None and jumped.at(real(640)) == scene(440)
    desk.set_exercise_clock(incident, scene(440), 0.0, real_at=real(640), change="pause")
    assert desk.load(incident).exercise_clock.speed == 2.0  # type: ignore[union-attr]  # kept while paused
    clocks = [e for e in journal.events(incident) if e.kind is EventKind.CLOCK]
    # Each change is recorded at the scenario time it was made at (before a jump, the time jumped from).
    assert [e.at for e in clocks] == [scene(60), scene(60), scene(120), scene(440)]
    # The state as it stood at an earlier moment has the clock it had then.
    earlier = fold(journal.incident(incident), journal.events(incident), until=scene(100))
    assert earlier.exercise_clock == resumed


def test_a_journal_with_only_the_opened_offset_folds_as_before(journal: Journal) -> None:
    """As older code wrote it (the Journal API, an opened context with the offset and nothing after)."""
    offset = (SCENE - REAL).total_seconds()
    record = journal.create_incident("演练", None, SCENE, "导调", {"exercise": True, "exercise_offset_s": offset})
    state = fold(record, journal.events(record.id))
    assert state.exercise and state.exercise_offset_s == offset and state.exercise_script is None
    assert state.exercise_clock == first_anchor(SCENE, offset)
    assert state.exercise_clock.at(real(3600)) == real(3600) + timedelta(seconds=offset)


def test_incidents_of_a_schema_1_journal_have_no_exercise_clock(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal_v1.sqlite", path)
    with Journal.open(path) as old:
        desk = Desk(old)
        states = [desk.load(r.id) for r in old.incidents()]
    assert states and all(s.exercise_clock is None and not s.exercise for s in states)


def test_entries_are_accepted_up_to_the_exercise_time_now(journal: Journal) -> None:
    now = now_local()
    desk = Desk(journal)
    incident = desk.open(at=SCENE, exercise_offset_s=(SCENE - now).total_seconds()).state.id
    desk.set_exercise_clock(incident, SCENE, 0.0, real_at=now - timedelta(hours=1))  # paused at SCENE
    desk.note(incident, "at the paused clock", at=SCENE + timedelta(minutes=1))
    with pytest.raises(InputError, match="in the future") as refused:
        desk.note(incident, "ten minutes on, while paused", at=SCENE + timedelta(minutes=10))
    assert SCENE.isoformat() in refused.value.one_line()  # the time now it names is the exercise's
    # Resumed at 60 times, ten real seconds ago: the exercise is ten minutes on.
    desk.set_exercise_clock(incident, SCENE + timedelta(minutes=1), 60.0, real_at=now_local() - timedelta(seconds=10))
    desk.note(incident, "ten minutes on", at=SCENE + timedelta(minutes=10))


@pytest.mark.parametrize(("rate", "speed", "field", "said"), [
    (5000.0, None, "rate", "from 0 (paused) to 3600"),
    (-1.0, None, "rate", "from 0 (paused) to 3600"),
    (0.0, 0.0, "speed", "above 0 and at most 3600"),
    (2.0, 5.0, "rate", "0 (paused) or the speed 5"),
])  # fmt: skip
def test_a_bad_clock_change_is_refused_in_one_line(journal: Journal, rate: float, speed: float | None, field: str,
                                                    said: str) -> None:  # fmt: skip
    desk = Desk(journal)
    incident = _exercise(desk)
    before = journal.version(incident)
    with pytest.raises(InputError) as refused:
        desk.set_exercise_clock(incident, scene(0), rate, speed, real_at=real(0))
    assert refused.value.field == field and said in refused.value.one_line()
    assert "\n" not in refused.value.one_line() and journal.version(incident) == before


def test_the_clock_does_not_go_back_and_a_real_time_incident_has_none(journal: Journal) -> None:
    desk = Desk(journal)
    incident = _exercise(desk)
    with pytest.raises(InputError, match="does not go back"):
        desk.set_exercise_clock(incident, scene(0), 1.0, real_at=real(120))  # the clock says +2:00
    plain = desk.open(at=now_local()).state.id
    with pytest.raises(InputError, match="not an exercise") as refused:
        desk.set_exercise_clock(plain, now_local(), 0.0)
    assert refused.value.field == "exercise"


def test_the_journal_refuses_a_hand_written_clock_event_out_of_bounds(journal: Journal) -> None:
    desk = Desk(journal)
    incident = _exercise(desk)
    payload = {"real_at": real(0), "scenario_at": scene(0), "rate": 7200.0, "speed": 7200.0}
    with pytest.raises(InputError) as refused:
        journal.append(incident, EventKind.CLOCK, payload, scene(0))
    assert refused.value.field == "payload.rate"
