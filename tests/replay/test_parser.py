"""Scenario scripts: a good one loads with its times resolved; each kind of bad one is one error
naming the file, the line and the field."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.incident.alerts import COLLAPSE, NIGHT, NIGHT_LISTED
from firedrill.models import Incident, SiteCategory
from firedrill.replay.parser import load_script
from firedrill.replay.schema import FactUpdate, FlagUpdate, StartIncident, WeatherUpdate
from firedrill.replay.timespec import parse_when
from firedrill.timeutil import to_local
from tests.replay.helpers import BASE, line_with, write


def test_good_script_resolves_times_and_defaults(tmp_path: Path) -> None:
    loaded = load_script(write(tmp_path, BASE))
    start = to_local(datetime(2026, 11, 24, 21, 40))
    assert loaded.start == start
    assert loaded.inject_times == (start + timedelta(minutes=10), start + timedelta(minutes=30))
    assert loaded.end == start + timedelta(minutes=30)  # the last inject or expectation
    assert loaded.ignition == start
    # reported_at defaults to the start; the site category to the playbook's (附件5 二 商场: crowded place)
    assert loaded.initial.reported_at == start
    assert loaded.initial.site_category is SiteCategory.CROWDED_PLACE
    assert loaded.initial.scenario == "shopping-mall"
    assert loaded.line("expect", 0) == len(BASE.splitlines()) - 1  # the expectation's "- at:" line


def test_times_written_like_sexagesimal_numbers_stay_times(tmp_path: Path) -> None:
    # YAML 1.1 would read 1:05:30 as the integer 3930 and 23:52 as 1432.
    text = BASE.replace('at: "+00:30"', "at: +1:05:30").replace('- at: "+00:10"\n    level', "- at: 21:52\n    level")
    loaded = load_script(write(tmp_path, text))
    assert loaded.inject_times[1] - loaded.start == timedelta(hours=1, minutes=5, seconds=30)
    assert loaded.expect_times[0] == loaded.start + timedelta(minutes=12)


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("+00:12", datetime(2026, 1, 1, 23, 40), datetime(2026, 1, 1, 23, 52)),
        ("+1:05:30", datetime(2026, 1, 1, 23, 40), datetime(2026, 1, 2, 0, 45, 30)),
        ("+1d 02:00", datetime(2026, 1, 1, 23, 40), datetime(2026, 1, 3, 1, 40)),
        ("-00:05", datetime(2026, 1, 1, 23, 40), datetime(2026, 1, 1, 23, 35)),
        ("23:52", datetime(2026, 1, 1, 23, 40), datetime(2026, 1, 1, 23, 52)),
        ("00:10", datetime(2026, 1, 1, 23, 40), datetime(2026, 1, 2, 0, 10)),  # first 00:10 after the start
        ("2026-01-02T01:00", datetime(2026, 1, 1, 23, 40), datetime(2026, 1, 2, 1, 0)),
    ],
)
def test_time_forms(text: str, start: datetime, expected: datetime) -> None:
    assert parse_when(text).resolve(to_local(start)) == to_local(expected)


BAD_CASES = [
    # (what, edit of BASE, marker on the reported line, field)
    ("unknown top-level key", lambda t: t + "colour: red\n", "colour: red", "colour"),
    ("unknown inject key", lambda t: t.replace("    message: 无变化", "    mesage: 无变化"), "mesage",
     "injects.1.mesage"),
    ("typo in a fact name", lambda t: t.replace("{burning_area_m2: 700}", "{burning_area: 700}"), "burning_area: 700",
     "injects.0.incident.burning_area"),
    ("wrong type", lambda t: t.replace("  burning_area_m2: 100", "  burning_area_m2: lots"), "burning_area_m2: lots",
     "incident.burning_area_m2"),
    ("negative count", lambda t: t.replace("  burning_area_m2: 100", "  deaths: -1"), "deaths: -1", "incident.deaths"),
    ("offsets out of order", lambda t: t.replace('at: "+00:30"', 'at: "+00:05"'), '"+00:05"', "injects.1.at"),
    ("unknown playbook", lambda t: t.replace("playbook: shopping-mall", "playbook: castle"), "playbook: castle",
     "playbook"),
    ("not a time", lambda t: t.replace('at: "+00:30"', "at: half past"), "half past", "injects.1.at"),
    ("duplicate key", lambda t: t.replace("author: tests", "author: tests\nauthor: again"), "author: again", "author"),
    ("unknown combat phase", lambda t: t.replace("    message: 无变化", "    phase: looting"), "looting",
     "injects.1.phase"),
    ("unknown procedure step", lambda t: t.replace("    message: 无变化", "    procedure: [{step: nap}]"), "nap",
     "injects.1.procedure.0.step"),
    ("number used twice", lambda t: t.replace("    seq: 2", "    seq: 1"), "seq: 1\n    message", "injects.1.seq"),
    ("expectation checking nothing", lambda t: t.replace("    level: major", "    why: nothing"),
     '- at: "+00:10"\n    why: nothing', "expect.0"),
    ("call before its inject", lambda t: t.replace("    message: 无变化", '    calls: {at: ["+00:20"]}'), "calls",
     "injects.1.calls.at"),
    ("end before the last time", lambda t: t + 'end: "+00:20"\n', "end:", "end"),
    ("unknown alert", lambda t: t.replace("    level: major", "    alert: sirens"), "sirens", "expect.0.alert"),
    ("alert code no longer used", lambda t: t.replace("    level: major", "    alert: night_window"), "night_window",
     "expect.0.alert"),
]


@pytest.mark.parametrize(("what", "edit", "marker", "field"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_script_is_one_error_with_file_line_and_field(
    tmp_path: Path, what: str, edit: object, marker: str, field: str
) -> None:
    text = edit(BASE)  # type: ignore[operator]
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_script(path)
    error = caught.value
    assert error.file == str(path)
    assert error.field == field
    if "\n" in marker:
        first, second = marker.split("\n")
        lines = text.splitlines()
        expected = next(i for i in range(1, len(lines)) if first in lines[i - 1] and second in lines[i])
    else:
        expected = line_with(text, marker)
    assert error.line == expected, what
    assert "\n" not in error.one_line()


@pytest.mark.parametrize("old", ["night_window", "collapse_window_opens", "collapse_window_closes"])
def test_an_old_alert_code_is_one_error_naming_the_accepted_codes(tmp_path: Path, old: str) -> None:
    # The codes are the incident core's (firedrill/incident/alerts.py), the ones the console records.
    text = BASE.replace("    level: major", f"    alert: {old}")
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_script(path)
    error = caught.value
    assert (error.file, error.line, error.field) == (str(path), line_with(text, old), "expect.0.alert")
    codes = "night_trigger, night_trigger_listed, collapse_window_open, collapse_window_past"
    assert error.message == f"unknown alert code; the codes are: {codes} (got '{old}')"
    assert "\n" not in error.one_line()


def test_every_core_alert_code_is_accepted(tmp_path: Path) -> None:
    for code in (NIGHT, NIGHT_LISTED, *COLLAPSE.values()):
        loaded = load_script(write(tmp_path, BASE.replace("    level: major", f"    alert: {code}")))
        assert loaded.script.expect[0].alert == code


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    text = BASE.replace("    message: 无变化", "    message: [无变化")
    with pytest.raises(InputError) as caught:
        load_script(write(tmp_path, text))
    assert caught.value.line is not None and caught.value.line >= line_with(text, "[无变化")
    assert "not valid YAML" in caught.value.message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_script(tmp_path / "nope.yaml")


def test_update_blocks_cover_exactly_the_incident_fields() -> None:
    """The script speaks the public Incident names: nothing missing, nothing invented."""
    incident = {f.name for f in fields(Incident)}
    assert set(StartIncident.model_fields) == incident
    blocks = [set(FactUpdate.model_fields), set(WeatherUpdate.model_fields), set(FlagUpdate.model_fields)]
    assert set().union(*blocks) == incident - {"reported_at", "calls", "scenario"}
    assert sum(len(b) for b in blocks) == len(set().union(*blocks))  # no field in two blocks


def test_location_forms(tmp_path: Path) -> None:
    node = load_script(write(tmp_path, BASE.replace("location: 测试地点", "location: {node: 1712}")))
    assert node.script.location.node == 1712
    point = load_script(write(tmp_path, BASE.replace("location: 测试地点", "location: {lon: 114.3, lat: 30.6}")))
    assert (point.script.location.lon, point.script.location.lat) == (114.3, 30.6)
    text = BASE.replace("location: 测试地点", "location: {lon: 114.3}")
    with pytest.raises(InputError) as caught:
        load_script(write(tmp_path, text))
    assert (caught.value.field, caught.value.line) == ("location", line_with(text, "location:"))
