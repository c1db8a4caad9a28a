"""Reading an incident back: ``fold`` of 10,000 events, ``Desk.load`` (journal read + fold), and as the
floor beside them ``journal.events(id)`` alone (the SQL read and the pydantic Event models), all
measured side by side in one run. Goal: fold of 10,000 events ≤ 50 ms. Prints figures; asserts
nothing (timings vary by machine).

    .venv/bin/python bench/bench_fold.py [--events N] [--runs R]

The incident is built in a temporary journal. It is opened and worked through the ``Desk`` first
(facts, calls, procedure ticks the checklist allows, a note), as the console and the CLI work it;
then it is grown to N events by writing the same shapes of event straight into the journal in one
transaction (a fact's ``previous`` and an assessment's ``previous_level`` filled in as the journal
fills them), because each Desk write reads and folds the whole incident and would make the setup
quadratic. The payload keys of every kind written directly are checked against those the Desk wrote.
Last, one ``Desk.set_facts`` on the full incident is timed: what one recorded change costs at N events.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from firedrill.errors import InputError
from firedrill.incident.checks import check_facts, stored
from firedrill.incident.desk import Desk
from firedrill.incident.fold import fold, incident_or_problem
from firedrill.incident.state import IncidentState
from firedrill.journal import Event, EventKind, Journal, ProcedureState
from firedrill.journal.models import validate_payload
from firedrill.journal.rows import insert_event
from firedrill.procedure import ProcedureRefused, ending_step
from firedrill.timeutil import LOCAL_TZ

TARGET_FOLD_MS = 50.0
START = datetime(2026, 3, 3, 9, 0, tzinfo=LOCAL_TZ)  # a Tuesday morning: no night trigger, no holiday
STEP_SECONDS = 2  # one event every two seconds: 10,000 events span about 5.5 hours
AREAS = (120, 300, 450, 600, 800, 950, 1200, 1500)  # m²: the level rises and falls with the fire's area


class Clock:
    """The desk's clock, moved on by hand."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self) -> datetime:
        self.at += timedelta(seconds=STEP_SECONDS)
        return self.at


def seed(desk: Desk, clock: Clock) -> str:
    """Open and work an incident through the Desk: facts, calls, the procedure ticks it allows, a note."""
    opened = desk.open({"location": "汉正街某商场", "scene": {"lon": 114.27, "lat": 30.58}, "burning_area_m2": 120},
                       {"location": "汉正街某商场", "scene": "114.27,30.58", "burning_area_m2": "120"},
                       at=clock.at, actor="bench")  # fmt: skip
    incident_id = opened.state.id
    for area, deaths in ((300, 0), (450, 1), (800, 3), (1200, 3)):
        desk.set_facts(incident_id, {"burning_area_m2": area, "deaths": deaths}, {"burning_area_m2": str(area)},
                       clock.advance())  # fmt: skip
        desk.call(incident_id, clock.advance())
    desk.set_facts(incident_id, {"wind_force": 6, "wind_speed_ms": None}, {"wind": "6级"}, clock.advance())
    last = ending_step(desk.catalogue)
    for step in desk.catalogue.steps:
        if step.clause.startswith(("5", "6")) or step.id == last.id:
            continue  # chapters 5 and 6 would freeze the facts and close the record
        try:
            desk.step(incident_id, step.id, ProcedureState.DONE, clock.advance(), actor="bench")
        except (ProcedureRefused, InputError):
            continue
    desk.note(incident_id, "现场报告火势蔓延", at=clock.advance())
    return incident_id


def grow(desk: Desk, state: IncidentState, clock: Clock, total: int) -> None:
    """Append events until the incident has ``total``, in the shapes the Desk writes, in one transaction."""
    facts = dict(state.facts)
    recorded = stored(facts)  # as the journal holds each fact's latest value (times in ISO)
    calls = list(state.calls)
    level = state.recorded.key if state.recorded else None
    version, i = state.version, 0
    with desk.journal.transaction() as conn:

        def write(kind: EventKind, payload: dict[str, Any], at: datetime) -> None:
            nonlocal version
            data = validate_payload(kind, payload)
            if kind is EventKind.FACT:
                data["previous"] = {name: recorded.get(name) for name in data["changes"]}
                recorded.update(data["changes"])
            insert_event(conn, state.id, kind, data, at, "bench")
            version += 1

        while version < total:
            i += 1
            at = clock.advance()
            if i % 40 == 0:
                calls.append(at)
                write(EventKind.CALL, {"call_at": at, "location": facts.get("location")}, at)
            elif i % 97 == 0:
                write(EventKind.NOTE, {"text": f"现场报告 #{i}"}, at)
            else:
                changes = {"burning_area_m2": AREAS[i % len(AREAS)]} if i % 3 else {"serious_injuries": i % 11}
                new = check_facts(facts, changes, at)
                if not new:
                    continue
                facts.update(new)
                write(EventKind.FACT, {"changes": stored(new), "typed": {k: str(v) for k, v in stored(new).items()}},
                      at)  # fmt: skip
                incident = incident_or_problem(facts, calls, state.record.opened_at)[0]
                assert incident is not None
                found = desk.assess_incident(incident, at)
                key = (found.level.value, found.base_level.value, tuple(t.value for t in found.triggers))
                if key != level and version < total:
                    write(EventKind.ASSESSMENT, {
                        "level": key[0], "base_level": key[1], "triggers": list(key[2]), "escalated": found.escalated,
                        "clauses": sorted({r.clause for r in found.reasons}),
                        "previous_level": level[0] if level else None,
                    }, at)  # fmt: skip
                    level = key


def payload_keys(events: tuple[Event, ...] | list[Event]) -> dict[EventKind, set[frozenset[str]]]:
    keys: dict[EventKind, set[frozenset[str]]] = {}
    for event in events:
        keys.setdefault(event.kind, set()).add(frozenset(event.payload))
    return keys


def median_ms(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and best of ``runs`` timings, in ms (one unmeasured run first)."""
    run()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Journal.open(Path(tmp) / "firedrill.sqlite3") as journal:
        clock = Clock(START)
        desk = Desk(journal, clock=clock, seat="bench")
        began = time.perf_counter()
        incident_id = seed(desk, clock)
        seeded = desk.load(incident_id)
        grow(desk, seeded, clock, args.events)
        setup_s = time.perf_counter() - began

        record = journal.incident(incident_id)
        events = journal.events(incident_id)
        state = desk.load(incident_id)
        direct = payload_keys(events[seeded.version :])
        desk_keys = payload_keys(seeded.events)
        unlike = sorted(k.value for k in direct if not direct[k] <= desk_keys.get(k, set()))
        kinds = {k.value: sum(1 for e in events if e.kind is k) for k in EventKind}
        print(f"incident {incident_id}: {len(events):,} events ({seeded.version} through the Desk), "
              f"built in {setup_s:.1f} s")  # fmt: skip
        print("  " + ", ".join(f"{k} {n:,}" for k, n in kinds.items() if n))
        print(f"  level at the end: {state.recorded.level.value if state.recorded else '-'}, "
              f"steps ticked: {kinds['procedure']}, payload shapes as the Desk writes them: "
              f"{'yes' if not unlike else 'NO: ' + ', '.join(unlike)}")  # fmt: skip

        end = ending_step(desk.catalogue).id
        read_ms, read_best = median_ms(lambda: journal.events(incident_id), args.runs)
        fold_ms, fold_best = median_ms(lambda: fold(record, events, end), args.runs)
        # A desk that has not seen the incident yet (another seat, a restart): the journal read and the fold.
        load_ms, load_best = median_ms(lambda: Desk(journal, clock=clock, seat="other").load(incident_id), args.runs)
        print(f"median of {args.runs} runs (best in brackets), side by side in this process:")
        print(f"  journal.events(id) (SQL read + Event models): {read_ms:7.1f} ms ({read_best:.1f})   floor = 1.00")
        print(f"  fold(record, events) from the list:            {fold_ms:7.1f} ms ({fold_best:.1f})   "
              f"fold / read = {fold_ms / read_ms:.2f}")  # fmt: skip
        print(f"  Desk.load(id), cold (read + fold):             {load_ms:7.1f} ms ({load_best:.1f})   "
              f"load / read = {load_ms / read_ms:.2f}")  # fmt: skip
        per_event_us = fold_ms * 1000 / len(events)
        print(f"  fold per event: {per_event_us:.1f} µs")
        verdict = "meets goal" if fold_ms <= TARGET_FOLD_MS else "OVER GOAL"
        print(f"goal: fold of {args.events:,} events ≤ {TARGET_FOLD_MS:.0f} ms: {fold_ms:.1f} ms, {verdict}")

        writes = []
        for area in (700, 900, 1100):
            clock.advance()
            current = desk.load(incident_id)
            began = time.perf_counter()
            desk.set_facts(incident_id, {"burning_area_m2": area}, {"burning_area_m2": str(area)},
                           expected_version=current.version)  # fmt: skip
            writes.append((time.perf_counter() - began) * 1000)
        appends = []
        for area in (650, 850, 1050):
            at = clock.advance()
            version = journal.version(incident_id)
            began = time.perf_counter()  # the journal's own share: it reads every earlier fact for "previous"
            journal.append_batch(incident_id, [(EventKind.FACT, {"changes": {"burning_area_m2": area}})], at,
                                 expected_version=version)  # fmt: skip
            appends.append((time.perf_counter() - began) * 1000)
        print(f"one recorded change at {len(events):,} events, median of {len(writes)}:")
        print(f"  Desk.set_facts (load, check, decide, append, refold): {statistics.median(writes):6.0f} ms")
        print(f"  of which journal.append_batch alone (one fact):        {statistics.median(appends):6.0f} ms")


if __name__ == "__main__":
    main()
