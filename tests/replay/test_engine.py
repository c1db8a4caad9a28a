"""The replay engine: the decision timeline, the 22:00 crossing, the state at any clock time,
time alerts from the playbook, calls, and the cursor a console steps with."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from firedrill.incident.alerts import collapse_alert, night_alert
from firedrill.models import Level, Trigger
from firedrill.playbook.calculators import WindowStatus, collapse_window
from firedrill.playbook.loader import load_library
from firedrill.replay.schema import AlertCode
from firedrill.replay.timeline import ChangeKind, EntryKind
from firedrill.rules import load_rulebook
from firedrill.timeutil import to_local
from tests.replay.helpers import BASE, replay_of

MINUTE = timedelta(minutes=1)
SECOND = timedelta(seconds=1)


def test_clock_passing_22_is_an_entry_of_its_own_and_raises_the_major_fire(tmp_path: Path) -> None:
    replay = replay_of(tmp_path)
    night_start = load_rulebook().escalation.night.starts
    crossing = [e for e in replay.timeline if EntryKind.ALERT in e.kinds]
    assert [e.at.time() for e in crossing] == [night_start]
    entry = crossing[0]
    assert entry.injects == ()  # no inject falls there
    assert [a.code for a in entry.alerts] == [AlertCode.NIGHT_TRIGGER]
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
    assert [a.code for a in after.alerts] == [AlertCode.NIGHT_TRIGGER] and before.alerts == ()
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
    # 5 spread over 5 minutes from +20 (at +20, +21, +22, +23, +24).
    text = (BASE.replace("2026-11-24T21:40:00", "2026-11-24T10:00:00")
            .replace("  burning_area_m2: 100", "  burning_area_m2: 700\n  calls: [2026-11-24T10:00:00]")
            .replace("    incident: {burning_area_m2: 700}", "    calls: 2")
            .replace('at: "+00:30"', 'at: "+00:20"')
            .replace("    message: 无变化", '    calls: {count: 5, over: "0:05"}'))
    replay = replay_of(tmp_path, text)
    assert replay.loaded.call_times[1] == tuple(replay.start + (20 + i) * MINUTE for i in range(5))
    # Default local setting (docs/rules.md): 5 calls within 10 minutes, latched. At +10: 3 calls
    # (10:00, 10:10 ×2) within 10 minutes, not rising.
    state = replay.state_at(replay.start + 10 * MINUTE)
    assert state.calls == 3 and Trigger.RISING_CALLS not in state.decision.triggers
    assert state.decision.level is Level.MAJOR
    # +20: 3 calls within 10:10—10:20; +22: 3 within 10:12—10:22 (10:10 has left the window); +24: 5
    # (10:20—10:24), rising. Every call time is evaluated, so no change is missed.
    assert Trigger.RISING_CALLS not in replay.state_at(replay.start + 23 * MINUTE).decision.triggers
    state = replay.state_at(replay.start + 24 * MINUTE)
    assert Trigger.RISING_CALLS in state.decision.triggers and state.decision.level is Level.ESPECIALLY_MAJOR
    off = [e.offset for e in replay.timeline if any(c.kind is ChangeKind.TRIGGER_OFF for c in e.changes)]
    on = [e.offset for e in replay.timeline if any(c.kind is ChangeKind.TRIGGER_ON for c in e.changes)]
    assert (off, on) == ([], ["+0:24:00"])


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
    alerts = {a.code: a for a in replay.alerts if a.code.startswith("collapse")}
    assert list(alerts) == [AlertCode.COLLAPSE_WINDOW_OPEN, AlertCode.COLLAPSE_WINDOW_PAST]
    assert alerts[AlertCode.COLLAPSE_WINDOW_OPEN].at == ignition + parameter.minimum * MINUTE
    # both ends are inside the window: the core says "past" from the first second after it closes
    closes = ignition + parameter.maximum * MINUTE
    assert collapse_window(replay.loaded.playbook, ignition, closes).status is WindowStatus.INSIDE
    assert alerts[AlertCode.COLLAPSE_WINDOW_PAST].at == closes + SECOND
    assert alerts[AlertCode.COLLAPSE_WINDOW_OPEN].clause == parameter.cite
    assert alerts[AlertCode.COLLAPSE_WINDOW_OPEN].quote == parameter.quote
    entry_times = {e.at for e in replay.timeline if EntryKind.ALERT in e.kinds}
    assert {a.at for a in replay.alerts} <= entry_times
    # other playbooks have no such window
    assert not any(a.code.startswith("collapse") for a in replay_of(tmp_path, BASE, "other.yaml").alerts)


def test_collapse_alerts_are_the_consoles_with_its_words(tmp_path: Path) -> None:
    text = (BASE.replace("playbook: shopping-mall", "playbook: theatre")
            .replace("location:", 'ignition: "-00:10"\nlocation:').replace('at: "+00:30"', 'at: "+00:40"'))
    replay = replay_of(tmp_path, text)
    ignition, playbook = replay.start - 10 * MINUTE, replay.loaded.playbook
    for alert in (a for a in replay.alerts if a.code.startswith("collapse")):
        alerted = frozenset(a.code.value for a in replay.alerts if a.at < alert.at)
        assert collapse_alert(playbook, ignition, replay.start, alert.at, alerted) == (alert.code, alert.detail)
        # a second earlier the core would not have raised it
        assert collapse_alert(playbook, ignition, replay.start, alert.at - SECOND, alerted) is None


def test_a_script_starting_inside_the_window_is_told_at_its_start_counted_from_the_report(tmp_path: Path) -> None:
    # No ignition: counted from the start (the report), as the console counts with no ignition typed.
    # Starting past the window gives "past" only.
    text = (BASE.replace("playbook: shopping-mall", "playbook: theatre")
            .replace("location:", 'ignition: "-00:25"\nlocation:'))
    replay = replay_of(tmp_path, text)
    collapse = [(a.code, a.at) for a in replay.alerts if a.code.startswith("collapse")]
    assert collapse == [(AlertCode.COLLAPSE_WINDOW_OPEN, replay.start),
                        (AlertCode.COLLAPSE_WINDOW_PAST, replay.start + 5 * MINUTE + SECOND)]  # fmt: skip
    past = replay_of(tmp_path, text.replace('ignition: "-00:25"', 'ignition: "-01:00"'), "past.yaml")
    assert [(a.code, a.at) for a in past.alerts if a.code.startswith("collapse")] == [
        (AlertCode.COLLAPSE_WINDOW_PAST, past.start)]
    from_report = replay_of(tmp_path, BASE.replace("playbook: shopping-mall", "playbook: theatre"), "report.yaml")
    opened = next(a for a in from_report.alerts if a.code is AlertCode.COLLAPSE_WINDOW_OPEN)
    assert opened.at == from_report.start + 20 * MINUTE
    assert "按接警时间计" in opened.detail.zh and "counted from the report time" in opened.detail.en


def test_night_listed_then_applied_when_the_fire_becomes_major_at_night(tmp_path: Path) -> None:
    # Reported at 23:40 (night from the start) as a general fire; 700 m² at +10 makes it major, and the
    # night trigger then raises it: the console tells night_trigger_listed, then night_trigger.
    replay = replay_of(tmp_path, BASE.replace("2026-11-24T21:40:00", "2026-11-24T23:40:00"))
    assert [(a.code, a.offset) for a in replay.alerts] == [
        (AlertCode.NIGHT_TRIGGER_LISTED, "+0:00:00"), (AlertCode.NIGHT_TRIGGER, "+0:10:00")]
    listed, applied = replay.alerts
    assert (listed.clause, listed.quote) == ("4.3(3)", "当日22时至次日凌晨6时发生的重大火灾事故。")
    for alert, alerted in ((listed, frozenset()), (applied, frozenset({listed.code.value}))):
        assert night_alert(replay.assess_at(alert.at), alerted) == (alert.code, alert.detail)
    assert applied.detail.en.startswith("Night trigger holds (4.3(3)); the major fire is answered as especially major")
    assert replay.timeline[0].alerts == (listed,) and EntryKind.ALERT in replay.timeline[0].kinds


def test_a_day_fire_has_no_night_alert_and_the_alerts_are_the_same_every_time(tmp_path: Path) -> None:
    day = BASE.replace("2026-11-24T21:40:00", "2026-11-24T10:00:00")
    assert replay_of(tmp_path, day).alerts == ()
    assert replay_of(tmp_path).alerts == replay_of(tmp_path, name="again.yaml").alerts


def test_combat_phase_marked_by_a_script_cites_the_playbook(tmp_path: Path) -> None:
    text = BASE.replace("    message: 无变化", "    phase: reconnaissance")
    replay = replay_of(tmp_path, text)
    phase = next(c for e in replay.timeline for c in e.changes if c.kind is ChangeKind.PHASE)
    assert phase.after == "reconnaissance" and phase.clause == "4.5"
    assert phase.cites and all(cite.startswith("附件5 二") for cite in phase.cites)
    assert replay.state_at(replay.end).phase == "reconnaissance"
