"""The replay engine: the decision timeline, the 22:00 crossing, the state at any clock time,
time alerts from the playbook, calls, and the cursor a console steps with."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from firedrill.models import Level, Trigger
from firedrill.playbook.loader import load_library
from firedrill.replay.schema import AlertCode
from firedrill.replay.timeline import ChangeKind, EntryKind
from firedrill.rules import load_rulebook
from firedrill.timeutil import to_local
from tests.replay.helpers import BASE, replay_of

MINUTE = timedelta(minutes=1)


def test_clock_passing_22_is_an_entry_of_its_own_and_raises_the_major_fire(tmp_path: Path) -> None:
    replay = replay_of(tmp_path)
    night_start = load_rulebook().escalation.night.starts
    crossing = [e for e in replay.timeline if EntryKind.ALERT in e.kinds]
    assert [e.at.time() for e in crossing] == [night_start]
    entry = crossing[0]
    assert entry.injects == ()  # no inject falls there
    assert [a.code for a in entry.alerts] == [AlertCode.NIGHT_WINDOW]
    assert entry.alerts[0].clause == "4.3(3)"
    kinds = {c.kind: c for c in entry.changes}
    assert (kinds[ChangeKind.LEVEL].before, kinds[ChangeKind.LEVEL].after) == ("major", "especially_major")
    assert kinds[ChangeKind.TRIGGER_ON].after == "night"
    assert kinds[ChangeKind.ESCALATION].after == "night"
    assert kinds[ChangeKind.DISPATCH].after == "10+/20+/40+"


def test_state_at_any_clock_time_between_entries(tmp_path: Path) -> None:
    replay = replay_of(tmp_path)
    start = replay.start
    before = replay.state_at(start + 19 * MINUTE + 59 * MINUTE / 60)  # 21:59:59
    after = replay.state_at(start + 20 * MINUTE)  # 22:00:00
    assert (before.decision.level, before.decision.triggers) == (Level.MAJOR, ())
    assert (after.decision.level, after.decision.triggers) == (Level.ESPECIALLY_MAJOR, (Trigger.NIGHT,))
    assert before.incident.burning_area_m2 == 700 and before.injects_applied == 1
    assert [a.code for a in after.alerts] == [AlertCode.NIGHT_WINDOW] and before.alerts == ()
    just_before_inject = replay.state_at(start + 10 * MINUTE - MINUTE / 60)
    assert just_before_inject.incident.burning_area_m2 == 100 and just_before_inject.decision.level is Level.GENERAL


def test_timeline_entries_and_their_changes(tmp_path: Path) -> None:
    replay = replay_of(tmp_path)
    offsets = [(e.offset, tuple(k.value for k in e.kinds)) for e in replay.timeline]
    assert offsets == [
        ("+0:00:00", ("start",)), ("+0:10:00", ("inject",)), ("+0:20:00", ("alert", "change")),
        ("+0:30:00", ("inject", "end")),
    ]
    first_inject = replay.timeline[1]
    assert first_inject.injects[0].number == 1
    assert [(f.field, f.value) for f in first_inject.injects[0].facts] == [("burning_area_m2", "700")]
    level = next(c for c in first_inject.changes if c.kind is ChangeKind.LEVEL)
    assert (level.before, level.after, level.clause) == ("general", "major", "1.4")
    activation = next(c for c in first_inject.changes if c.kind is ChangeKind.ACTIVATION)
    assert activation.detail is not None and activation.detail.zh.startswith("指挥部指挥长或者副指挥长")
    # an inject that changes nothing still gets its entry, with no changes
    assert replay.timeline[3].changes == ()


def test_cursor_steps_through_the_timeline(tmp_path: Path) -> None:
    replay = replay_of(tmp_path)
    cursor = replay.cursor()
    assert cursor.now == replay.start and not cursor.done
    seen = []
    while (entry := cursor.step()) is not None:
        seen.append(entry)
        assert cursor.state().decision == entry.decision
    assert seen == list(replay.timeline) and cursor.done and cursor.step() is None


def test_level_goes_down_when_a_fact_is_corrected(tmp_path: Path) -> None:
    text = BASE.replace("    message: 无变化", "    incident: {burning_area_m2: 300}").replace(
        "2026-11-24T21:40:00", "2026-11-24T10:00:00")
    replay = replay_of(tmp_path, text)
    last = replay.timeline[-1]
    level = next(c for c in last.changes if c.kind is ChangeKind.LEVEL)
    assert (level.before, level.after) == ("major", "general")
    assert next(c for c in last.changes if c.kind is ChangeKind.DISPATCH).after == "-"


def test_calls_spread_evenly_and_rising_calls_switch_on_at_a_call(tmp_path: Path) -> None:
    # Day time, 700 m² crowded place (major) from the start, calls: 1 at +0, 2 at +10 min, then
    # 4 spread over 4 minutes from +20 (at +20, +21, +22, +23).
    text = (BASE.replace("2026-11-24T21:40:00", "2026-11-24T10:00:00")
            .replace("  burning_area_m2: 100", "  burning_area_m2: 700\n  calls: [2026-11-24T10:00:00]")
            .replace("    incident: {burning_area_m2: 700}", "    calls: 2")
            .replace('at: "+00:30"', 'at: "+00:20"')
            .replace("    message: 无变化", '    calls: {count: 4, over: "0:04"}')
            .replace("    level: major", "    level: especially_major"))
    replay = replay_of(tmp_path, text)
    assert replay.loaded.call_times[1] == tuple(replay.start + (20 + i) * MINUTE for i in range(4))
    # Buckets of 10 min ending at the latest call (local setting): at +10: 0→1→2, rising.
    state = replay.state_at(replay.start + 10 * MINUTE)
    assert state.calls == 3 and Trigger.RISING_CALLS in state.decision.triggers
    assert state.decision.level is Level.ESPECIALLY_MAJOR
    # At +20 the first call of the spread arrives: 1→2→1 (the 10:00 call is now in the oldest bucket), not
    # rising; +21: 1→2→2, not; +22: 1→2→3, rising again. Every call time is evaluated, so no change is missed.
    assert Trigger.RISING_CALLS not in replay.state_at(replay.start + 20 * MINUTE).decision.triggers
    off = [e.offset for e in replay.timeline if any(c.kind is ChangeKind.TRIGGER_OFF for c in e.changes)]
    on = [e.offset for e in replay.timeline if any(c.kind is ChangeKind.TRIGGER_ON for c in e.changes)]
    assert (off, on) == (["+0:20:00"], ["+0:10:00", "+0:22:00"])


def test_holiday_beginning_at_midnight_changes_the_level_with_no_inject(tmp_path: Path) -> None:
    # A fire burning from 30 September into 1 October (National Day): at midnight the holiday
    # trigger of 4.3(1) switches on with no inject there.
    text = BASE.replace("2026-11-24T21:40:00", "2026-09-30T08:00:00").replace('at: "+00:30"', 'at: "+16:30"')
    replay = replay_of(tmp_path, text)
    midnight = to_local(datetime(2026, 10, 1))
    entry = next(e for e in replay.timeline if e.at == midnight)
    assert EntryKind.CHANGE in entry.kinds and entry.injects == ()
    assert any(c.kind is ChangeKind.TRIGGER_ON and c.after == "holiday_or_political" for c in entry.changes)


def test_collapse_window_alerts_come_from_the_theatre_parameter(tmp_path: Path) -> None:
    parameter = load_library().get("theatre").parameter("roof_collapse_window")
    assert parameter.minimum is not None and parameter.maximum is not None
    text = (BASE.replace("playbook: shopping-mall", "playbook: theatre")
            .replace("location:", 'ignition: "-00:10"\nlocation:').replace('at: "+00:30"', 'at: "+00:40"'))
    replay = replay_of(tmp_path, text)
    ignition = replay.start - 10 * MINUTE
    alerts = {a.code: a for a in replay.alerts}
    assert alerts[AlertCode.COLLAPSE_WINDOW_OPENS].at == ignition + parameter.minimum * MINUTE
    assert alerts[AlertCode.COLLAPSE_WINDOW_CLOSES].at == ignition + parameter.maximum * MINUTE
    assert alerts[AlertCode.COLLAPSE_WINDOW_OPENS].clause == parameter.cite
    assert alerts[AlertCode.COLLAPSE_WINDOW_OPENS].quote == parameter.quote
    entry_times = {e.at for e in replay.timeline if EntryKind.ALERT in e.kinds}
    assert {a.at for a in replay.alerts} <= entry_times
    # other playbooks have no such window
    assert not any(a.code is AlertCode.COLLAPSE_WINDOW_OPENS for a in replay_of(tmp_path, BASE, "other.yaml").alerts)


def test_combat_phase_marked_by_a_script_cites_the_playbook(tmp_path: Path) -> None:
    text = BASE.replace("    message: 无变化", "    phase: reconnaissance")
    replay = replay_of(tmp_path, text)
    phase = next(c for e in replay.timeline for c in e.changes if c.kind is ChangeKind.PHASE)
    assert phase.after == "reconnaissance" and phase.clause == "4.5"
    assert phase.cites and all(cite.startswith("附件5 二") for cite in phase.cites)
    assert replay.state_at(replay.end).phase == "reconnaissance"
