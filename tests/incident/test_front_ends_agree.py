"""One incident, one truth: the same facts typed in the console, given to ``firedrill incident set`` and
handed to the Desk directly give the same recorded facts and the same recorded level.

Each example types a random sequence of entries (counts, money in 万, areas, wind as a force or a speed,
hazards) the way a dispatcher would, through each front end into its own journal, then folds the three
journals and compares what they hold.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from firedrill.cli.main import main
from firedrill.facts import form_changes
from firedrill.incident.desk import Desk
from firedrill.incident.entry import parse_field
from firedrill.incident.fold import fold
from firedrill.journal import Journal
from firedrill.timeutil import LOCAL_TZ
from firedrill.tui.clock import ManualClock
from firedrill.tui.engine import Options, load_engine
from firedrill.tui.session import Session

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=LOCAL_TZ)  # a Tuesday morning: no night, no holiday

# (console form field, CLI name, text strategy): the same text typed at each front end.
ENTRIES = [
    ("deaths", "deaths", st.integers(0, 40).map(str)),
    ("serious_injuries", "serious_injuries", st.integers(0, 80).map(str)),
    ("direct_loss_yuan", "direct_loss_yuan", st.integers(0, 20_000).map(lambda n: f"{n}万")),
    ("burning_area_m2", "burning_area_m2", st.integers(0, 3000).map(str)),
    ("wind", "wind_force", st.integers(0, 12).map(str)),
    ("wind", "wind_speed_ms", st.integers(0, 300).map(lambda n: f"{n / 10:g}m/s")),
]
STEP = st.sampled_from(range(len(ENTRIES))).flatmap(lambda i: st.tuples(st.just(i), ENTRIES[i][2]))


def _journal_of(data_dir: Path) -> Journal:
    return Journal.open(data_dir / "firedrill.sqlite3")


def _recorded(journal: Journal) -> tuple[dict[str, object], str | None]:
    (record,) = journal.open_incidents()
    state = fold(record, journal.events(record.id))
    facts = {k: v for k, v in state.facts.items() if k not in ("reported_at",)}
    return facts, state.recorded.level.value if state.recorded else None


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=6))
def test_console_cli_and_desk_record_the_same(tmp_path_factory: pytest.TempPathFactory,
                                              steps: list[tuple[int, str]]) -> None:  # fmt: skip
    root = tmp_path_factory.mktemp("agree")
    # The console: type each entry and leave the field (the flush records it).
    clock = ManualClock(T0)
    engine = load_engine(Options(data_dir=root / "console"))
    session = Session.start(engine, clock)
    for index, text in steps:
        clock.advance(seconds=10)
        session.edit(ENTRIES[index][0], text)
        session.flush()
    # The command line: the same text, field names as in the Incident JSON.
    previous = os.environ.get("FIREDRILL_DATA_DIR")
    os.environ["FIREDRILL_DATA_DIR"] = str(root / "cli")
    try:
        assert main(["incident", "open", "--at", T0.isoformat()]) == 0
        with _journal_of(root / "cli") as journal:
            (record,) = journal.open_incidents()
        for n, (index, text) in enumerate(steps, start=1):
            at = (T0 + timedelta(seconds=10 * n)).isoformat()
            assert main(["incident", "set", record.id, f"{ENTRIES[index][1]}={text}", "--at", at]) == 0
    finally:
        if previous is None:
            os.environ.pop("FIREDRILL_DATA_DIR", None)
        else:
            os.environ["FIREDRILL_DATA_DIR"] = previous
    # The Desk itself, with the values parsed once as the entry parser reads them.
    with _journal_of(root / "desk") as journal:
        desk = Desk(journal, clock=lambda: T0)
        ident = desk.open(at=T0).state.id
        for n, (index, text) in enumerate(steps, start=1):
            when = T0 + timedelta(seconds=10 * n)
            field = ENTRIES[index][0]
            desk.set_facts(ident, form_changes(field, parse_field(field, text, when)), at=when)
        expected = _recorded(journal)
    with engine.journal as console_journal:
        console = _recorded(console_journal)
    with _journal_of(root / "cli") as journal:
        by_cli = _recorded(journal)
    last = ENTRIES[steps[-1][0]][0]
    entered = form_changes(last, parse_field(last, steps[-1][1], T0))
    assert {k: v for k, v in entered.items() if v is not None}.items() <= expected[0].items()  # the last entry stands
    assert console == expected
    assert by_cli == expected
