"""The recorder reads facts as the console records them through the Desk (docs/console.md): the
Incident's own names, a wind field as one form (the other key cleared), a cleared field as null,
and what was typed kept beside. Each reading is checked on the script and on the replayed incident;
facts no console records (a hand-edited journal) are said, or are one error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from firedrill.errors import InputError
from firedrill.facts import form_changes
from firedrill.incident.desk import Desk
from firedrill.journal import EventKind, Journal
from firedrill.models import Hazard
from firedrill.replay.engine import Replay
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import parse_script
from firedrill.replay.record import dump_script, script_from_journal
from firedrill.replay.schema import AlertCode
from firedrill.timeutil import to_local

OPENED = to_local(datetime(2026, 3, 11, 14, 0))  # a Wednesday afternoon, no holiday
MINUTE = timedelta(minutes=1)


class Console:
    """Records facts as the console does (through the Desk, an entry field's value and its text), at
    minutes after the opening; ``hand_edited`` writes a fact event no Desk would record."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.desk = Desk(journal, clock=lambda: OPENED)
        # The console opens with the report time and the site category recorded (ordinary building).
        self.id = self.desk.open(at=OPENED, typed={"reported_at": "2026-03-11 14:00"}).state.id

    def fact(self, minutes: float, field: str, value: Any, raw: str | None = None) -> None:
        typed = {field: raw} if raw else None
        self.desk.set_facts(self.id, form_changes(field, value), typed, at=OPENED + minutes * MINUTE)

    def hand_edited(self, minutes: float, changes: dict[str, Any]) -> None:
        self.journal.append(self.id, EventKind.FACT, {"changes": changes}, OPENED + minutes * MINUTE)

    def decision(self, minutes: float, level: str, base: str, triggers: list[str]) -> None:
        """A decision recorded again as it stands (another seat re-recording the level it was shown)."""
        payload = {"level": level, "base_level": base, "triggers": triggers, "escalated": level != base, "clauses": []}
        self.journal.append(self.id, EventKind.ASSESSMENT, payload, OPENED + minutes * MINUTE)


@pytest.fixture
def console(tmp_path: Path) -> Iterator[Console]:
    journal = Journal.open(tmp_path / "firedrill.sqlite3")
    yield Console(journal)
    journal.close()


def _record(live: Console) -> tuple[dict[str, Any], Replay]:
    data = script_from_journal(live.journal, live.id, playbook="shopping-mall")
    return data, Replay(parse_script(dump_script(data), "recorded.yaml"))


def _at(minutes: float) -> datetime:
    return OPENED + minutes * MINUTE


def test_wind_forms_replace_each_other_and_a_cleared_wind_is_unknown(console: Console) -> None:
    console.fact(0, "gust", {"gust_force": 7}, "7")
    console.fact(2, "wind", {"wind_force": 6}, "6")
    console.fact(3, "wind", {"wind_speed_ms": 3.0}, "3m/s")
    console.fact(4, "wind", None, "")
    console.fact(5, "gust", {"gust_speed_ms": 12.5}, "12.5m/s")
    data, replay = _record(console)
    assert data["incident"]["gust_force"] == 7
    wind = [(i["at"], i["weather"]) for i in data["injects"]]
    assert wind == [("+0:02:00", {"wind_force": 6}), ("+0:03:00", {"wind_force": None, "wind_speed_ms": 3.0}),
                    ("+0:04:00", {"wind_speed_ms": None}),
                    ("+0:05:00", {"gust_force": None, "gust_speed_ms": 12.5})]  # fmt: skip
    states = {m: replay.incident_at(_at(m)) for m in (2, 3, 4, 5)}
    assert (states[2].wind_force, states[2].wind_speed_ms) == (6, None)
    assert (states[3].wind_force, states[3].wind_speed_ms) == (None, 3.0)
    assert (states[4].wind_force, states[4].wind_speed_ms) == (None, None)
    assert (states[5].gust_force, states[5].gust_speed_ms) == (None, 12.5)


def test_a_cleared_field_takes_the_incident_default(console: Console) -> None:
    console.fact(1, "deaths", 2, "2")
    console.fact(1, "hazards", ["collapse"])
    console.fact(1, "manual_escalation", "领导要求", "领导要求")
    console.fact(2, "deaths", None, "")
    console.fact(2, "hazards", [])
    console.fact(2, "manual_escalation", None, "")
    data, replay = _record(console)
    assert data["injects"][1] == {"at": "+0:02:00", "incident": {"deaths": 0, "hazards": []},
                                  "flags": {"manual_escalation": None}}  # fmt: skip
    before, after = replay.incident_at(_at(1)), replay.incident_at(_at(2))
    assert (before.deaths, before.hazards, before.manual_escalation) == (2, (Hazard.COLLAPSE,), "领导要求")
    assert (after.deaths, after.hazards, after.manual_escalation) == (0, (), None)


def test_place_map_point_and_report_time_at_the_opening(console: Console) -> None:
    console.fact(0, "location", "江汉路某商场", "江汉路某商场")
    console.fact(0, "scene", {"lon": 114.28, "lat": 30.58}, "114.28,30.58")
    console.fact(1, "location", "江汉路步行街某商场", "江汉路步行街某商场")
    data, _ = _record(console)
    assert data["location"] == {"text": "江汉路步行街某商场", "lon": 114.28, "lat": 30.58}
    assert data["incident"] == {"site_category": "ordinary_building", "reported_at": OPENED.isoformat()}
    assert data["injects"] == [] and "ignition" not in data  # a place is no fact the rules read


def test_a_district_named_without_a_location_names_the_place(console: Console) -> None:
    console.fact(0, "scene", {"lon": 114.27, "lat": 30.6, "district": "江汉"}, "江汉")
    data, _ = _record(console)
    assert data["location"] == {"text": "江汉", "lon": 114.27, "lat": 30.6}


def test_the_ignition_time_typed_is_the_scripts_and_starts_the_collapse_window(console: Console) -> None:
    console.fact(0, "scenario", "theatre")
    console.fact(1, "ignition_at", (OPENED - 10 * MINUTE).isoformat(), "13:50")
    console.fact(2, "ignition_at", (OPENED - 12 * MINUTE).isoformat(), "13:48")
    console.desk.note(console.id, "屋顶情况待侦察", at=_at(30))  # the record runs past the window
    data = script_from_journal(console.journal, console.id)
    replay = Replay(parse_script(dump_script(data), "recorded.yaml"))
    assert data["playbook"] == "theatre"
    assert data["ignition"] == (OPENED - 12 * MINUTE).isoformat()
    assert "ignition time changed live" in data["description"]
    # 附件5 一(五)1: roof and ceiling collapse "起火后 20—30 分钟", counted from the last ignition typed
    opens = next(a for a in replay.alerts if a.code is AlertCode.COLLAPSE_WINDOW_OPENS)
    assert opens.at == OPENED - 12 * MINUTE + 20 * MINUTE


def test_a_decision_replaced_within_the_same_second_is_listed_not_checked(console: Console) -> None:
    console.fact(1, "site_category", "crowded_place")
    console.fact(1, "burning_area_m2", 800.0, "800")  # the Desk records major…
    console.fact(1, "wind", {"wind_force": 6}, "6")  # …and, in the same second, especially major (4.3(2))
    console.decision(2, "especially_major", "major", ["severe_weather"])
    console.decision(2, "especially_major", "major", ["severe_weather"])  # the same decision again: kept
    decisions = [e for e in console.journal.events(console.id) if e.kind is EventKind.ASSESSMENT]
    assert [(e.at, e.payload["level"]) for e in decisions] == [
        (OPENED, "general"), (_at(1), "major"), (_at(1), "especially_major"), (_at(2), "especially_major"),
        (_at(2), "especially_major")]  # fmt: skip
    data, replay = _record(console)
    assert [e["at"] for e in data["expect"]] == ["+0:00:00", "+0:01:00", "+0:02:00", "+0:02:00"]
    assert [e["level"] for e in data["expect"]] == ["general"] + ["especially_major"] * 3
    assert f"not checked: journal events #{decisions[1].seq}." in data["description"]
    replayed = replay.assess_at(_at(1))
    assert (replayed.level.value, [t.value for t in replayed.triggers]) == ("especially_major", ["severe_weather"])


def test_facts_that_make_no_valid_incident_are_said_and_left_out(console: Console) -> None:
    console.fact(1, "deaths", 1, "1")
    console.hand_edited(2, {"deaths": -3})  # no console records this (the Desk refuses it); a hand-edited journal might
    console.fact(3, "deaths", 4, "4")
    data, replay = _record(console)
    assert [i["incident"] for i in data["injects"]] == [{"deaths": 1}, {"deaths": 4}]
    assert "facts at +0:02:00 make no valid incident (deaths" in data["description"]
    assert replay.incident_at(_at(2)).deaths == 1


@pytest.mark.parametrize(("changes", "field"), [({"wind_force": {"wind_knots": 12}}, "wind_force"),
                                                  ({"wind_force": 18}, "wind_force"),  # Beaufort ends at 17
                                                  ({"wind_speed_ms": "10.8m/s"}, "wind_speed_ms")])  # fmt: skip
def test_a_wind_no_console_records_is_refused_and_in_a_journal_said_and_left_out(
    console: Console, changes: dict[str, Any], field: str
) -> None:
    """Schema 1 refused a wind form it did not know in the recorder; now the Desk refuses it before it is
    recorded, and a journal that holds one anyway (hand-edited) makes no valid incident at that moment."""
    console.fact(1, "wind", {"wind_force": 4}, "4")
    before = console.journal.version(console.id)
    with pytest.raises(InputError) as caught:
        console.desk.set_facts(console.id, changes, at=_at(2))
    assert caught.value.field == f"facts.{field}" and console.journal.version(console.id) == before
    console.hand_edited(2, changes)
    data, replay = _record(console)
    assert f"facts at +0:02:00 make no valid incident ({field}" in data["description"]
    assert [i["weather"] for i in data["injects"] if "weather" in i] == [{"wind_force": 4}]
    assert replay.incident_at(_at(2)).wind_force == 4  # the facts before it are kept


def test_an_ignition_time_that_is_no_date_time_is_one_error(console: Console) -> None:
    with pytest.raises(InputError) as refused:  # the Desk records none…
        console.fact(1, "ignition_at", "昨晚", "昨晚")
    assert refused.value.field == "facts.ignition_at"
    console.hand_edited(1, {"ignition_at": "昨晚"})  # …a hand-edited journal might
    with pytest.raises(InputError) as caught:
        script_from_journal(console.journal, console.id, playbook="theatre")
    assert (caught.value.field, caught.value.file) == ("facts.ignition_at", str(console.journal.path))


def test_a_fact_entered_late_with_an_earlier_time_lands_at_that_time(console: Console) -> None:
    """Recorded at 14:05: 12 deaths (重大). Entered afterwards, with the time it was true: one death at
    14:02. The script has one death from +2 and twelve from +5, and every decision recorded live — the
    late entry's included, at its time — is the replay's at the same moment."""
    console.fact(5, "deaths", 12, "12")
    console.fact(2, "deaths", 1, "1")  # the Desk decides on what it now holds and records it at 14:02
    decisions = [e for e in console.journal.events(console.id) if e.kind is EventKind.ASSESSMENT]
    assert [(e.at, e.payload["level"]) for e in decisions] == [(OPENED, "general"), (_at(5), "major"),
                                                                (_at(2), "general")]  # fmt: skip
    data, replay = _record(console)
    assert [(i["at"], i["incident"]) for i in data["injects"]] == [("+0:02:00", {"deaths": 1}),
                                                                    ("+0:05:00", {"deaths": 12})]  # fmt: skip
    assert [(e["at"], e["level"]) for e in data["expect"]] == [("+0:00:00", "general"), ("+0:02:00", "general"),
                                                               ("+0:05:00", "major")]  # fmt: skip
    assert all(r.passed for r in check_replay(replay))
    assert (replay.incident_at(_at(3)).deaths, replay.incident_at(_at(6)).deaths) == (1, 12)
