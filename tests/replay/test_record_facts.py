"""The recorder reads facts as the console writes them (docs/console.md): ``{field, value, raw}``
with the form's field names. Each reading is checked on the script and on the replayed incident."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from firedrill.errors import InputError
from firedrill.journal import EventKind, Journal
from firedrill.models import Hazard
from firedrill.replay.engine import Replay
from firedrill.replay.parser import parse_script
from firedrill.replay.record import dump_script, script_from_journal
from firedrill.replay.schema import AlertCode
from firedrill.timeutil import to_local

OPENED = to_local(datetime(2026, 3, 11, 14, 0))  # a Wednesday afternoon, no holiday
MINUTE = timedelta(minutes=1)


class Console:
    """Writes events shaped as the console's (the same payload keys), at minutes after the opening."""

    def __init__(self, journal: Journal, incident_id: str) -> None:
        self.journal, self.id = journal, incident_id

    def fact(self, minutes: float, field: str, value: Any, raw: Any = "") -> None:
        payload = {"field": field, "value": value, "raw": raw}
        self.journal.append(self.id, EventKind.FACT, payload, OPENED + minutes * MINUTE)

    def decision(self, minutes: float, level: str, base: str, triggers: list[str]) -> None:
        payload = {"level": level, "base_level": base, "triggers": triggers, "escalated": level != base, "clauses": []}
        self.journal.append(self.id, EventKind.ASSESSMENT, payload, OPENED + minutes * MINUTE)


@pytest.fixture
def console(tmp_path: Path) -> Iterator[Console]:
    journal = Journal.open(tmp_path / "firedrill.sqlite3")
    incident = journal.create_incident("2026-03-11 14:00", None, OPENED)
    live = Console(journal, incident.id)
    live.fact(0, "site_category", "ordinary_building")
    live.fact(0, "reported_at", OPENED.isoformat(), "2026-03-11 14:00")
    yield live
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
    console.decision(30, "general", "general", [])
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
    console.fact(1, "burning_area_m2", 800.0, "800")
    console.decision(1, "major", "major", [])
    console.fact(1, "wind", {"wind_force": 6}, "6")
    console.decision(1, "especially_major", "major", ["severe_weather"])
    console.decision(2, "especially_major", "major", ["severe_weather"])
    console.decision(2, "especially_major", "major", ["severe_weather"])  # the same decision again: kept
    data, replay = _record(console)
    assert [e["at"] for e in data["expect"]] == ["+0:01:00", "+0:02:00", "+0:02:00"]
    assert {e["level"] for e in data["expect"]} == {"especially_major"}
    first = next(e.seq for e in console.journal.events(console.id) if e.kind is EventKind.ASSESSMENT)
    assert f"not checked: journal events #{first}." in data["description"]
    replayed = replay.assess_at(_at(1))
    assert (replayed.level.value, [t.value for t in replayed.triggers]) == ("especially_major", ["severe_weather"])


def test_facts_that_make_no_valid_incident_are_said_and_left_out(console: Console) -> None:
    console.fact(1, "deaths", 1, "1")
    console.fact(2, "deaths", -3, "-3")  # no console writes this; a hand-edited journal might
    console.fact(3, "deaths", 4, "4")
    data, replay = _record(console)
    assert [i["incident"] for i in data["injects"]] == [{"deaths": 1}, {"deaths": 4}]
    assert "facts at +0:02:00 make no valid incident (deaths" in data["description"]
    assert replay.incident_at(_at(2)).deaths == 1


@pytest.mark.parametrize("value", [{"wind_knots": 12}, 6, {}])
def test_a_wind_value_in_no_console_form_is_one_error(console: Console, value: Any) -> None:
    console.fact(1, "wind", value, "?")
    with pytest.raises(InputError) as caught:
        script_from_journal(console.journal, console.id, playbook="shopping-mall")
    error = caught.value
    assert (error.field, error.file) == ("facts.wind", str(console.journal.path))
    assert "wind_force" in error.message and "wind_speed_ms" in error.message


def test_an_ignition_time_that_is_no_date_time_is_one_error(console: Console) -> None:
    console.fact(1, "ignition_at", "昨晚", "昨晚")
    with pytest.raises(InputError) as caught:
        script_from_journal(console.journal, console.id, playbook="theatre")
    assert (caught.value.field, caught.value.file) == ("facts.ignition_at", str(console.journal.path))
