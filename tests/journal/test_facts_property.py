"""Property: whatever the order of entries, a resumed form gets the last value typed in each field."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from firedrill.journal import Journal

from .clock import T0, at

FIELDS = st.sampled_from(["deaths", "burning_area_m2", "site_category", "wind_force"])
VALUES = st.one_of(st.none(), st.integers(-5, 5000), st.text(max_size=8), st.booleans())


@settings(max_examples=25, deadline=None)
@given(entries=st.lists(st.tuples(FIELDS, VALUES), max_size=12))
def test_current_facts_is_the_last_value_per_field(entries: list[tuple[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp, Journal.open(Path(tmp) / "j.sqlite3") as journal:
        incident = journal.create_incident("property", None, T0)
        expected: dict[str, object] = {}
        for minute, (field, value) in enumerate(entries, start=1):
            event = journal.append(incident.id, "fact", {"field": field, "value": value}, at(minute))
            assert event.payload["previous"] == expected.get(field)
            expected[field] = value
        facts = journal.current_facts(incident.id)
        assert facts.pop("calls") == []
        assert facts == expected
