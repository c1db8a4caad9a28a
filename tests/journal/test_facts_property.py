"""Property: whatever the order of changes, the fold gives the last value recorded for each fact, and
the journal fills in each change's ``previous`` with the value that fact had just before."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from firedrill.incident.fold import fold
from firedrill.journal import Journal

from .clock import T0, at

NAMES = st.sampled_from(["deaths", "burning_area_m2", "site_category", "wind_force", "location"])
VALUES = st.one_of(st.none(), st.integers(-5, 5000), st.text(max_size=8), st.booleans())
CHANGES = st.dictionaries(NAMES, VALUES, min_size=1, max_size=3)


@settings(max_examples=25, deadline=None)
@given(entries=st.lists(CHANGES, max_size=12))
def test_the_fold_gives_the_last_value_per_fact(entries: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp, Journal.open(Path(tmp) / "j.sqlite3") as journal:
        incident = journal.create_incident("property", None, T0)
        expected: dict[str, object] = {}
        for minute, changes in enumerate(entries, start=1):
            event = journal.append(incident.id, "fact", {"changes": changes}, at(minute))
            assert event.payload["previous"] == {name: expected.get(name) for name in changes}
            expected.update(changes)
        state = fold(journal.incident(incident.id), journal.events(incident.id))
        assert state.calls == ()
        assert dict(state.facts) == expected
