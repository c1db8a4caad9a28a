"""The replay clock without a screen: speeds, pause, step to the next inject, instant, and the
drill's halts at prompts, all driven by a hand-moved wall clock."""

from __future__ import annotations

from datetime import timedelta

from firedrill.i18n import label
from firedrill.playbook.calculators import WindowStatus
from firedrill.playbook.render import STATUS
from firedrill.playbook.settings import load_settings
from firedrill.replay.timeline import EntryKind
from firedrill.tui.clock import ManualClock
from firedrill.tui.replay import load_replay
from firedrill.tui.replay.lines import message_lines, notices
from firedrill.tui.replay.player import Player
from firedrill.tui.replay.settings import SPEEDS
from tests.tui.conftest import EVENING
from tests.tui.replay.helpers import MALL, SCENARIOS, SHIP

SPEED = {s.id: s for s in SPEEDS}
THEATRE = SCENARIOS / "theatre-collapse-window.yaml"


def _offsets(player: Player) -> str:
    return player.replay.loaded.offset(player.now)


def test_each_speed_moves_the_replay_clock_by_wall_time_times_the_speed() -> None:
    clock = ManualClock(EVENING)
    player = Player(load_replay(SHIP), clock)
    assert [e.offset for e in player.begin()] == ["+0:00:00"]
    player.play()
    clock.advance(seconds=60)
    assert player.tick() == [] and _offsets(player) == "+0:01:00"
    player.set_speed(SPEED["10"])  # the minute already played counts at 1×
    clock.advance(seconds=60)
    crossed = player.tick()
    assert _offsets(player) == "+0:11:00"
    assert [e.offset for e in crossed] == ["+0:05:00"]
    player.set_speed(SPEED["60"])
    clock.advance(seconds=30)
    assert [e.offset for e in player.tick()] == ["+0:20:00", "+0:30:00"]
    assert _offsets(player) == "+0:41:00" and player.playing


def test_the_clock_stops_at_the_end_and_every_entry_is_shown_once() -> None:
    clock = ManualClock(EVENING)
    replay = load_replay(SHIP)
    player = Player(replay, clock)
    seen = player.begin()
    player.set_speed(SPEED["60"])
    player.play()
    for _ in range(10):
        clock.advance(seconds=20)
        seen += player.tick()
    assert seen == list(replay.timeline)
    assert player.now == replay.end and player.at_end and not player.playing


def test_pause_freezes_the_replay_clock_while_the_wall_clock_runs() -> None:
    clock = ManualClock(EVENING)
    player = Player(load_replay(SHIP), clock)
    player.begin()
    player.play()
    clock.advance(seconds=30)
    player.pause()
    assert _offsets(player) == "+0:00:30" and not player.playing
    clock.advance(minutes=10)
    assert player.tick() == [] and _offsets(player) == "+0:00:30"
    player.toggle()  # play again from where it stood, not from the wall time that passed
    clock.advance(seconds=30)
    player.tick()
    assert _offsets(player) == "+0:01:00"


def test_step_goes_to_the_next_inject_showing_the_22_00_crossing_on_the_way() -> None:
    player = Player(load_replay(SHIP), ManualClock(EVENING))
    player.begin()
    steps = [[(e.offset, e.kinds) for e in player.step()] for _ in range(5)]
    assert steps == [
        [("+0:05:00", (EntryKind.INJECT,))],
        [("+0:20:00", (EntryKind.INJECT,))],
        [("+0:30:00", (EntryKind.ALERT, EntryKind.CHANGE)), ("+0:45:00", (EntryKind.INJECT,))],
        [("+0:50:00", (EntryKind.END,))],
        [],
    ]
    assert player.at_end


def test_instant_reaches_the_end_at_the_next_reading() -> None:
    clock = ManualClock(EVENING)
    replay = load_replay(MALL)
    player = Player(replay, clock)
    player.begin()
    player.set_speed(SPEED["instant"])
    player.play()
    assert len(player.tick()) == len(replay.timeline) - 1
    assert player.at_end


def test_a_drill_halts_at_each_prompt_until_released_and_plays_on() -> None:
    clock = ManualClock(EVENING)
    replay = load_replay(MALL)
    prompts = [replay.start + timedelta(minutes=m) for m in (8, 25)]
    player = Player(replay, clock, halts=prompts)
    player.begin()
    player.set_speed(SPEED["instant"])
    player.play()
    assert [e.offset for e in player.tick()] == ["+0:08:00"]
    assert player.halted == prompts[0] and not player.playing
    clock.advance(minutes=5)  # the trainee thinks: the replay does not move on
    assert player.tick() == [] and player.step() == [] and _offsets(player) == "+0:08:00"
    player.release()
    assert player.playing  # it was playing when the prompt came
    assert [e.offset for e in player.tick()] == ["+0:25:00"]
    player.release()
    assert [e.offset for e in player.tick()] == ["+0:50:00"] and player.at_end


def test_the_collapse_window_is_a_message_and_a_warning_when_the_theatre_clock_reaches_it() -> None:
    """附件5 一(五)1: 20—30 min after ignition; the script's ignition is 19:25, so 19:45 and 19:55. The
    incident core's alerts: collapse_window_open at 19:45, collapse_window_past from 19:55:01 (both
    ends are inside), in the console's words, counted from the ignition time."""
    player = Player(load_replay(THEATRE), ManualClock(EVENING))
    player.begin()
    player.set_speed(SPEED["instant"])
    player.play()
    crossed = player.tick()
    alerts = [a for e in crossed for a in e.alerts]
    assert [(a.code.value, a.offset) for a in alerts] == [("collapse_window_open", "+0:15:00"),
                                                           ("collapse_window_past", "+0:25:01")]  # fmt: skip
    settings = load_settings().collapse_window
    parameter = next(p for p in player.replay.loaded.playbook.parameters if p.id == settings.parameter)
    assert {a.clause for a in alerts} == {parameter.cite} and {a.quote for a in alerts} == {parameter.quote}
    window = f"19:45—19:55:“{parameter.quote}”({parameter.cite})"
    since = label("console", "alert_from_ignition").zh
    inside, past = STATUS[WindowStatus.INSIDE].zh, STATUS[WindowStatus.PAST].zh
    lines = [line for e in crossed for line in message_lines(e, player.replay.start, "zh", drill=False)]
    assert f"19:45:00 +00:15:00 ⚠ [{parameter.cite}] {inside} {window} {since}" in lines
    assert f"19:55:01 +00:25:01 ⚠ [{parameter.cite}] {past} {window} {since} {settings.after_window.zh}" in lines
    warned = [n.text for e in crossed for n in notices(e, "zh", drill=True) if n.severity == "warning"]
    assert warned == [f"{inside} {window} {since}", f"{past} {window} {since} {settings.after_window.zh}"]
    english = [n.text for e in crossed for n in notices(e, "en", drill=True) if n.severity == "warning"]
    assert [n[: n.index("“")] for n in english] == ["Inside the collapse window 19:45–19:55: ",
                                                    "Past the collapse window 19:45–19:55: "]  # fmt: skip
