"""The plain path to an Incident (no pydantic) takes only what pydantic takes, and builds the same Incident:
from whole data, from an Incident and the facts that change, and with calls taken once."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from firedrill import bounds
from firedrill.adapters import validate
from firedrill.incident_plain import plain_calls, plain_incident, plain_update, with_calls
from firedrill.models import Hazard, Incident, SiteCategory

# Values near and past every bound, of every type a form, a flag or a JSON file can hold.
numbers = st.one_of(
    st.integers(-5, bounds.MAX_PEOPLE + 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 9, 10, 29, 30, bounds.MAX_PEOPLE, bounds.MAX_PEOPLE + 1, bounds.MAX_AREA_M2,
                     bounds.MAX_AREA_M2 * 2, bounds.MAX_LOSS_YUAN, bounds.MAX_LOSS_YUAN * 10, -0.0, 1e400]),
    st.booleans(),
    st.text(max_size=6),
)  # fmt: skip
times = st.one_of(
    st.sampled_from(["2026-03-10T21:45", "2026-03-10T21:45:30", "2026-03-10T21:45+08:00", "2026-03-10T13:45Z",
                     "2026-03-10", "2026-03-10 21:45", "1999-12-31T23:00", "2100-01-01T00:00", "2099-12-31T23:59",
                     "2026-13-10T21:45", "2026-02-30T10:00", "21:45", "", "now"]),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2110, 1, 1)),
    st.integers(0, 2_000_000_000),
)  # fmt: skip
texts = st.one_of(st.none(), st.text(max_size=40), st.text(min_size=bounds.MAX_TEXT - 1, max_size=bounds.MAX_TEXT + 2))
values: dict[str, st.SearchStrategy[Any]] = {
    "deaths": numbers, "serious_injuries": numbers, "direct_loss_yuan": numbers, "burning_area_m2": numbers,
    "wind_force": st.one_of(st.none(), numbers), "gust_force": st.one_of(st.none(), numbers),
    "wind_speed_ms": st.one_of(st.none(), numbers), "gust_speed_ms": st.one_of(st.none(), numbers),
    "site_category": st.one_of(st.sampled_from(list(SiteCategory)), st.sampled_from(["high_rise", "tower", "", 3])),
    "hazards": st.one_of(st.lists(st.sampled_from([*Hazard, "boilover", "fire", 1]), max_size=4), st.text(max_size=3)),
    "reported_at": times, "calls": st.one_of(st.lists(times, max_size=4), st.just("2026-03-10T21:45")),
    "severe_weather": st.one_of(st.booleans(), st.sampled_from([0, 1, "yes", None])),
    "rising_calls": st.one_of(st.none(), st.booleans(), st.just("true")),
    "manual_escalation": texts, "scenario": texts, "unknown_field": st.integers(),
}  # fmt: skip
facts = st.fixed_dictionaries({"reported_at": times}, optional={k: v for k, v in values.items() if k != "reported_at"})


@settings(max_examples=600, deadline=None)
@given(data=facts)
def test_the_plain_path_takes_only_what_pydantic_takes_and_builds_the_same(data: dict[str, Any]) -> None:
    plain = plain_incident(data)
    try:
        validated = validate(Incident, data)
    except ValidationError:
        assert plain is None, f"the plain path took what pydantic refuses: {data!r}"
        return
    assert plain is None or plain == validated


def test_what_the_flags_give_is_taken_plainly() -> None:
    flags = {"deaths": 12, "serious_injuries": 3, "direct_loss_yuan": 5e7, "burning_area_m2": 1200.5,
             "site_category": "high_rise", "hazards": ["boilover"], "reported_at": "2026-03-10T23:00",
             "wind_force": 9, "wind_speed_ms": 12.5, "severe_weather": True, "rising_calls": False,
             "calls": ["2026-03-10T23:01", "2026-03-10T23:02"], "manual_escalation": "指挥部决定",
             "scenario": "high-rise"}  # fmt: skip
    plain = plain_incident(flags)
    assert plain is not None
    assert plain == validate(Incident, flags)


def test_a_value_past_a_bound_is_left_to_pydantic_which_names_the_field() -> None:
    data = {"reported_at": "2026-03-10T23:00", "deaths": bounds.MAX_PEOPLE + 1}
    assert plain_incident(data) is None
    try:
        validate(Incident, data)
    except ValidationError as exc:
        assert exc.errors()[0]["loc"] == ("deaths",)
    else:
        raise AssertionError("pydantic took a count past its bound")


BASE = validate(Incident, {"reported_at": "2026-03-10T21:45", "burning_area_m2": 300, "hazards": ["explosion"],
                           "calls": ["2026-03-10T21:50"], "manual_escalation": "指挥部决定"})  # fmt: skip
changes = st.fixed_dictionaries({}, optional={k: v for k, v in values.items() if k != "calls"})


@settings(max_examples=600, deadline=None)
@given(changed=changes)
def test_an_update_takes_only_what_pydantic_takes_and_builds_the_same(changed: dict[str, Any]) -> None:
    plain = plain_update(BASE, changed)
    data = {**{f.name: getattr(BASE, f.name) for f in fields(Incident)}, **changed}
    try:
        validated = validate(Incident, data)
    except ValidationError:
        assert plain is None, f"the plain update took what pydantic refuses: {changed!r}"
        return
    assert plain is None or plain == validated


moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2110, 1, 1),
                       timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=-5))]))


@settings(max_examples=300, deadline=None)
@given(calls=st.one_of(st.lists(times, max_size=6), st.lists(moments, max_size=6)), heard=st.integers(0, 6))
def test_calls_taken_once_make_the_incident_pydantic_makes_of_them(calls: list[Any], heard: int) -> None:
    """Calls taken once, and any first part of them put in an Incident, as validating it whole gives."""
    taken = plain_calls(calls)
    try:
        every = validate(Incident, {"reported_at": BASE.reported_at, "calls": calls})
    except ValidationError:
        assert taken is None, f"the plain path took calls pydantic refuses: {calls!r}"
        return
    if taken is None:
        return
    assert taken == every.calls
    part = with_calls(BASE, taken[:heard])
    whole = {f.name: getattr(BASE, f.name) for f in fields(Incident)}
    assert part == validate(Incident, {**whole, "calls": every.calls[:heard]})
    assert [c.tzinfo for c in part.calls] == [c.tzinfo for c in every.calls[:heard]]


def test_calls_past_the_bound_are_left_to_pydantic() -> None:
    assert plain_calls(["2026-03-10T21:50"] * (bounds.MAX_CALLS + 1)) is None
    assert plain_calls(["2026-03-10T21:50"] * bounds.MAX_CALLS) is not None
    moment = datetime(2026, 3, 10, 21, 50)
    assert plain_calls([moment] * (bounds.MAX_CALLS + 1)) is None
    assert plain_calls([moment] * bounds.MAX_CALLS) is not None


def test_a_one_shot_grade_loads_no_pydantic() -> None:
    """Once the shipped tables are cached (the first run validates them), grading loads neither
    pydantic nor YAML."""
    heavy = "('pydantic', 'pydantic_core', 'yaml')"
    code = ("import sys, io, contextlib\nfrom firedrill.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['classify', '--deaths', '12', '--at', '2026-03-10T23:00'])\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy}))")  # fmt: skip
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
