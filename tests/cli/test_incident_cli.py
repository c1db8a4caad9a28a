"""``firedrill incident``: an incident worked from the command line, through the incident core's Desk.

Each test runs ``firedrill.cli.main.main`` in-process; the data directory is the temporary one
``tests/conftest.py`` points ``$FIREDRILL_DATA_DIR`` at. Times are given with ``--at`` on a
weekday morning, so that neither the night trigger nor a holiday changes the level.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from firedrill.cli.main import main
from firedrill.errors import InputError
from firedrill.incident.assign import parse_assignments
from firedrill.journal import EventKind, Journal
from firedrill.procedure import load_catalogue
from firedrill.timeutil import LOCAL_TZ

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=LOCAL_TZ)  # a Tuesday morning: no night, no holiday


def at(minutes: float) -> str:
    """``--at`` this many minutes after T0, as ISO 8601 with the offset."""
    return (T0 + timedelta(minutes=minutes)).isoformat()


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = cli(capsys, *argv)
    assert code == 0, err
    return out


def ok_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    return json.loads(ok(capsys, *argv, "--json"))


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one error line of a command that must exit 2."""
    code, out, err = cli(capsys, *argv)
    assert code == 2, out
    assert err.startswith("firedrill: error:") and err.count("\n") == 1 and "Traceback" not in err
    return err


def open_incident(capsys: pytest.CaptureFixture[str], *argv: str, minute: float = 0) -> str:
    incident_id: str = ok_json(capsys, "incident", "open", "--at", at(minute), *argv)["id"]
    return incident_id


def show(capsys: pytest.CaptureFixture[str], incident_id: str, minute: float | None = None) -> Any:
    when = [] if minute is None else ["--at", at(minute)]
    return ok_json(capsys, "incident", "show", incident_id, *when)


def show_version(incident_id: str) -> int:
    from firedrill.datadir import choose_data_dir, default_db_path

    with Journal.open(default_db_path(choose_data_dir())) as journal:
        return journal.version(incident_id)


# --- open, set, show ------------------------------------------------------------------------------


def test_open_prints_the_new_id_plain_or_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    out = ok(capsys, "incident", "open", "--at", at(0))
    first = out.strip()
    assert out.count("\n") == 1 and first.startswith("2026-11-24-")
    second = open_incident(capsys, minute=1)
    assert second != first and second.startswith("2026-11-24-")
    listed = [r["id"] for r in ok_json(capsys, "incident", "list")]
    assert listed == [first, second]


def test_set_then_show_the_level_and_the_facts(capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = open_incident(capsys)
    ok(capsys, "incident", "set", incident_id, "deaths=12", "burning_area_m2=800", "--at", at(2))
    data = show(capsys, incident_id, 3)
    assert {"id", "facts", "assessment", "procedure", "units"} <= set(data)
    assert data["id"] == incident_id and data["status"] == "open"
    # 12 deaths is 重大 by 1.4 (10–29); nothing in these facts should make it smaller.
    assert data["level"]["level"] in ("major", "especially_major")
    assert data["assessment"]["level"] == data["level"]["level"]
    facts = data["facts"]
    assert facts["deaths"] == 12 and facts["burning_area_m2"] == 800
    assert facts["reported_at"] == "2026-11-24T10:00:00+08:00"
    assert datetime.fromisoformat(facts["reported_at"]).utcoffset() == timedelta(hours=8)
    assert data["procedure"]["level"] == data["level"]["level"]
    assert data["units"] == []
    # Provenance: the text given for each console field, never parsed again.
    assert data["typed"]["deaths"] == "12" and data["typed"]["burning_area_m2"] == "800"


def test_values_are_read_as_the_console_form_reads_them(capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = open_incident(capsys, "--scenario", "theatre")
    ok(capsys, "incident", "set", incident_id, "direct_loss_yuan=5000万", "wind_speed_ms=8.5", "hazards=爆炸,collapse",
       "severe_weather=是", "scene=江汉", "location=汉正街", "--at", at(1))
    facts = show(capsys, incident_id, 2)
    assert facts["facts"]["direct_loss_yuan"] == 5e7
    assert facts["facts"]["wind_speed_ms"] == 8.5 and facts["facts"]["wind_force"] is None
    assert facts["facts"]["hazards"] == ["explosion", "collapse"]
    assert facts["facts"]["severe_weather"] is True
    # The scenario's playbook gives the site category, as the console's scenario picker does.
    assert facts["facts"]["scenario"] == "theatre" and facts["facts"]["site_category"] == "crowded_place"
    assert facts["place"]["scene"]["district"] == "江汉" and facts["place"]["location"] == "汉正街"
    # A speed with its unit is the same speed; a force replaces it (the console's wind field holds one form).
    ok(capsys, "incident", "set", incident_id, "wind_speed_ms=10.8m/s", "--at", at(3))
    assert show(capsys, incident_id, 3)["facts"]["wind_speed_ms"] == 10.8
    ok(capsys, "incident", "set", incident_id, "wind_force=6", "--at", at(4))
    wind = show(capsys, incident_id, 4)["facts"]
    assert wind["wind_force"] == 6 and wind["wind_speed_ms"] is None


def test_a_bare_clock_report_time_is_resolved_once_against_the_moment(capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = open_incident(capsys, "reported_at=0955")
    data = show(capsys, incident_id, 1)
    assert data["facts"]["reported_at"] == "2026-11-24T09:55:00+08:00"
    assert data["typed"]["reported_at"] == "0955"
    # A clock time later than the moment of typing is the day before (as on the console).
    ok(capsys, "incident", "set", incident_id, "reported_at=23:50", "--at", at(5))
    data = show(capsys, incident_id, 6)
    assert data["facts"]["reported_at"] == "2026-11-23T23:50:00+08:00"
    # Shown later, the recorded date-time stands: the clock text is not read again.
    assert show(capsys, incident_id)["facts"]["reported_at"] == "2026-11-23T23:50:00+08:00"


def test_a_report_time_in_the_future_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = open_incident(capsys)
    before = show_version(incident_id)
    err = refused(capsys, "incident", "set", incident_id, "reported_at=2026-11-24T11:00", "--at", at(5))
    assert "facts.reported_at" in err
    assert show_version(incident_id) == before
    err = refused(capsys, "incident", "open", "--at", at(5), "reported_at=2026-11-24T10:30")
    assert "facts.reported_at" in err
    assert len(ok_json(capsys, "incident", "list")) == 1  # nothing was opened for it


@pytest.mark.parametrize(
    ("assignment", "field"),
    [
        ("deaths=true", "facts.deaths"),
        ("deaths=1.5", "facts.deaths"),
        ("burning_area_m2=-3", "facts.burning_area_m2"),
        ("direct_loss_yuan=lots", "facts.direct_loss_yuan"),
        ("wind_force=10.8m/s", "facts.wind_force"),
        ("hazards=explosion,flood", "facts.hazards"),
        ("severe_weather=maybe", "facts.severe_weather"),
        ("scene=Atlantis", "facts.scene"),
        ("scenario=no-such-playbook", "facts.scenario"),
        ("site_category=castle", "facts.site_category"),
        ("reported_at=noon", "facts.reported_at"),
        ("colour=red", "colour"),
        ("deaths", "FIELD=VALUE"),
    ],
)
def test_bad_values_are_refused_naming_the_field(capsys: pytest.CaptureFixture[str], assignment: str,
                                                 field: str) -> None:  # fmt: skip
    incident_id = open_incident(capsys)
    before = show_version(incident_id)
    err = refused(capsys, "incident", "set", incident_id, assignment, "--at", at(1))
    assert f"field '{field}'" in err
    assert show_version(incident_id) == before


def test_unknown_field_names_it_and_a_good_field_beside_it_is_not_recorded(
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    incident_id = open_incident(capsys)
    err = refused(capsys, "incident", "set", incident_id, "deaths=3", "injured=2", "--at", at(1))
    assert "'injured'" in err
    assert show(capsys, incident_id, 2)["facts"]["deaths"] == 0


def test_open_with_a_place_and_a_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    by_point = open_incident(capsys, "--lon", "114.27", "--lat", "30.58")
    assert show(capsys, by_point, 1)["place"]["scene"] == {"lon": 114.27, "lat": 30.58}
    by_district = open_incident(capsys, "--district", "Wuchang")
    assert show(capsys, by_district, 1)["place"]["scene"]["district"] == "武昌"
    assert "field 'facts.scenario'" in refused(capsys, "incident", "open", "--scenario", "nope", "--at", at(0))
    assert "field '--lat'" in refused(capsys, "incident", "open", "--lon", "114.27", "--at", at(0))
    err = refused(capsys, "incident", "open", "--district", "Narnia", "--at", at(0))
    assert "--district" in err
    err = refused(capsys, "incident", "open", "--district", "江汉", "scene=114.3,30.6", "--at", at(0))
    assert "--district" in err


def test_an_unknown_incident_and_a_bad_moment_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert "field 'incident'" in refused(capsys, "incident", "show", "2026-01-01-0009")
    incident_id = open_incident(capsys)
    assert "field 'incident'" in refused(capsys, "incident", "set", "2026-01-01-0009", "deaths=1")
    assert "field '--at'" in refused(capsys, "incident", "set", incident_id, "deaths=1", "--at", "teatime")


# --- list, call, note, close ----------------------------------------------------------------------


def test_list_call_note_and_close(capsys: pytest.CaptureFixture[str]) -> None:
    first = open_incident(capsys, "deaths=12")
    second = open_incident(capsys, minute=1)
    ok(capsys, "incident", "call", first, "--at", at(3), "--actor", "甲")
    ok(capsys, "incident", "note", first, "已通知供电部门", "--at", at(4))
    data = show(capsys, first, 5)
    assert len(data["facts"]["calls"]) == 1
    ok(capsys, "incident", "close", first, "--reason", "误报 / false alarm", "--at", at(10))
    assert [r["id"] for r in ok_json(capsys, "incident", "list")] == [second]
    every = {r["id"]: r for r in ok_json(capsys, "incident", "list", "--all")}
    assert set(every) == {first, second}
    assert every[first]["status"] == "closed" and every[first]["level"] == "major"
    assert show(capsys, first)["status"] == "closed"
    assert "field 'incident'" in refused(capsys, "incident", "set", first, "deaths=13", "--at", at(11))
    assert "field 'incident'" in refused(capsys, "incident", "close", first, "--at", at(12))
    from firedrill.datadir import choose_data_dir, default_db_path

    with Journal.open(default_db_path(choose_data_dir())) as journal:
        kinds = [e.kind for e in journal.events(first)]
        (call,) = journal.events(first, [EventKind.CALL])
        (closing,) = [e for e in journal.events(first) if e.kind is EventKind.STATUS and e.payload["state"] == "closed"]
    assert EventKind.NOTE in kinds and call.actor == "甲"
    assert closing.payload["reason"] == "误报 / false alarm"


def test_list_reads_nothing_into_being(capsys: pytest.CaptureFixture[str]) -> None:
    from firedrill.datadir import choose_data_dir, default_db_path

    assert ok_json(capsys, "incident", "list") == []
    assert not default_db_path(choose_data_dir()).exists()


# --- the procedure, through the Desk ----------------------------------------------------------------


def test_ticking_every_step_closes_the_record_and_its_facts_freeze(capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = open_incident(capsys, "deaths=12")
    level = show(capsys, incident_id, 1)["level"]["level"]
    steps = [s for s in load_catalogue().steps if any(lv.value == level for lv in s.levels) and not s.condition]
    minute = 1
    closed_at = None
    for step in steps:
        minute += 1
        ok(capsys, "procedure", "tick", incident_id, step.id, "--at", at(minute))
        if show(capsys, incident_id)["status"] == "closed":
            closed_at = step.id
            break
    assert closed_at == steps[-1].id  # closed by the last aftermath step (chapter 6), not before
    data = show(capsys, incident_id)
    assert data["status"] == "closed" and data["ended"] is True
    assert datetime.fromisoformat(data["closed_at"]) == T0 + timedelta(minutes=minute)
    err = refused(capsys, "incident", "set", incident_id, "deaths=13", "--at", at(minute + 1))
    assert "facts" in err or "incident" in err


def test_the_theatre_collapse_window_is_alerted_with_the_change_that_falls_in_it(
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    # 附件5 一(五)1: roof and ceiling collapse 20–30 minutes after ignition, counted from the ignition time.
    incident_id = open_incident(capsys, "--scenario", "theatre", "ignition_at=09:55")
    early = ok_json(capsys, "incident", "set", incident_id, "deaths=1", "--at", at(5))
    assert early["alerts"] == []
    inside = ok_json(capsys, "incident", "set", incident_id, "deaths=2", "--at", at(17))
    assert [a["code"] for a in inside["alerts"]] == ["collapse_window_open"]
    assert "10:15–10:25" in inside["alerts"][0]["text_en"]  # 09:55 + 20–30 minutes
    again = ok_json(capsys, "incident", "set", incident_id, "deaths=3", "--at", at(18))
    assert again["alerts"] == []  # raised once per incident
    assert [a["code"] for a in show(capsys, incident_id)["alerts"]] == ["collapse_window_open"]


# --- FIELD=VALUE, directly ----------------------------------------------------------------------


def test_wind_is_one_console_field_named_two_ways() -> None:
    speed = parse_assignments(["wind_speed_ms=8.5"], T0)
    assert speed.changes == {"wind_force": None, "wind_speed_ms": 8.5}
    assert speed.typed == {"wind": "8.5m/s"}  # what the console's wind field would hold for this speed
    assert parse_assignments(["wind=6级"], T0).changes == {"wind_force": 6, "wind_speed_ms": None}
    assert parse_assignments(["gust_speed_ms=12 m/s"], T0).changes == {"gust_force": None, "gust_speed_ms": 12}
    with pytest.raises(InputError) as caught:
        parse_assignments(["wind_force=6", "wind_speed_ms=3"], T0)
    assert caught.value.field == "facts.wind_speed_ms"
    with pytest.raises(InputError) as caught:
        parse_assignments(["deaths=1", "deaths=2"], T0)
    assert caught.value.field == "facts.deaths"


def test_an_ignition_clock_is_read_against_the_report_time_given_with_it() -> None:
    given = parse_assignments(["ignition_at=2330", "reported_at=2026-11-24T00:10"], T0)
    assert given.changes["reported_at"] == "2026-11-24T00:10:00+08:00"
    assert given.changes["ignition_at"] == "2026-11-23T23:30:00+08:00"  # before the report, the day before
    facts = {"reported_at": datetime(2026, 11, 24, 9, 0, tzinfo=LOCAL_TZ)}
    assert parse_assignments(["ignition_at=08:50"], T0, facts).changes["ignition_at"] == "2026-11-24T08:50:00+08:00"
    assert parse_assignments(["ignition_at="], T0).changes == {"ignition_at": None}


def test_lists_flags_and_names() -> None:
    assert parse_assignments(["hazards=沸溢、explosion"], T0).changes == {"hazards": ["explosion", "boilover"]}
    assert parse_assignments(["hazards=none"], T0).changes == {"hazards": []}
    assert parse_assignments(["rising_calls=false", "sensitive_area=TRUE"], T0).changes == {
        "rising_calls": False, "sensitive_area": True}
    assert parse_assignments(["site_category=高层建筑"], T0).changes == {"site_category": "high_rise"}
    assert parse_assignments(["scene=114.27, 30.58"], T0).changes == {"scene": {"lon": 114.27, "lat": 30.58}}
    assert parse_assignments(["reported_at=2026-11-24T09:30:00+08:00"], T0).typed == {
        "reported_at": "2026-11-24T09:30:00+08:00"}
    assert parse_assignments(["severe_weather=是"], T0).typed == {}  # the console has no text for a checkbox
