"""Record → script → replay: an incident worked live in the journal, exported as a scenario script,
replays to the same decisions at the same times."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from firedrill.cli import replay as replay_cli
from firedrill.errors import InputError
from firedrill.facts import form_changes
from firedrill.incident.desk import Desk
from firedrill.journal import EventKind, Journal
from firedrill.replay.engine import Replay
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import parse_script
from firedrill.replay.record import dump_script, script_from_journal
from firedrill.replay.timeline import ChangeKind
from firedrill.timeutil import to_local
from tests.journal.v1 import V1Journal
from tests.replay.cli import run

OPENED = to_local(datetime(2026, 4, 22, 21, 30))
MINUTE = timedelta(minutes=1)


class LiveConsole:
    """What the console does live, through the Desk: each fact or call recorded with the decision that follows."""

    def __init__(self, journal: Journal, title: str) -> None:
        self.journal = journal
        self.desk = Desk(journal, clock=lambda: OPENED)
        # The scenario picked at the opening; the Desk records the report time and the category with it.
        opened = self.desk.open({"scenario": "ship", "site_category": "special"}, at=OPENED, title=title)
        self.id = opened.state.id

    def fact(self, minutes: int, field: str, value: Any, raw: str | None = None) -> None:
        typed = {field: raw} if raw is not None else None
        self.desk.set_facts(self.id, form_changes(field, value), typed, at=OPENED + minutes * MINUTE)

    def call(self, minutes: int) -> None:
        self.desk.call(self.id, at=OPENED + minutes * MINUTE)

    def clock(self, minutes: int) -> None:
        """The clock moved: the console records a level that changed with it."""
        self.desk.advance(self.id, at=OPENED + minutes * MINUTE)


@pytest.fixture
def worked(tmp_path: Path) -> Iterator[tuple[Journal, str]]:
    journal = Journal.open(tmp_path / "data" / "firedrill.sqlite3")
    live = LiveConsole(journal, "长江货船火灾")
    live.fact(0, "burning_area_m2", 100, "100")
    live.fact(0, "location", "阳逻港锚地", "阳逻港锚地")
    live.call(0)
    live.fact(5, "wind", {"wind_force": 3}, "3")
    live.call(8)  # 21:30 and 21:38 fall in one 10-minute bucket: not rising (docs/rules.md)
    live.fact(20, "burning_area_m2", 620, "620")
    live.desk.note(live.id, "船员已撤离", at=OPENED + 22 * MINUTE)
    live.desk.order(live.id, "调集6个站", [], at=OPENED + 22 * MINUTE)
    live.clock(30)  # the console re-assesses when the clock passes 22:00
    live.fact(40, "hazards", ["explosion"])
    yield journal, live.id
    journal.close()


def test_record_script_replay_reproduces_the_decisions(worked: tuple[Journal, str]) -> None:
    journal, incident_id = worked
    text = dump_script(script_from_journal(journal, incident_id))
    replay = Replay(parse_script(text, "recorded.yaml"))
    results = check_replay(replay)
    recorded = [e for e in journal.events(incident_id) if e.kind is EventKind.ASSESSMENT]
    assert len(results) == len(recorded) >= 4
    assert [r.passed for r in results] == [True] * len(results)
    # the same decision at every recorded time…
    for event in recorded:
        state = replay.state_at(event.at)
        assert (state.decision.level.value, state.decision.base_level.value) == (
            event.payload["level"], event.payload["base_level"])
        assert [t.value for t in state.decision.triggers] == event.payload["triggers"]
    # …and the same level changes, at the same times (the journal says each one by its previous level)
    live_changes = [(e.at, e.payload["level"]) for e in recorded
                    if e.payload["previous_level"] not in (None, e.payload["level"])]  # fmt: skip
    replayed = [(e.at, c.after) for e in replay.timeline for c in e.changes if c.kind is ChangeKind.LEVEL]
    assert live_changes == [(OPENED + 20 * MINUTE, "major"), (OPENED + 30 * MINUTE, "especially_major")]
    assert replayed == live_changes


def test_recorded_script_keeps_messages_orders_calls_and_says_what_it_left_out(worked: tuple[Journal, str]) -> None:
    journal, incident_id = worked
    data = script_from_journal(journal, incident_id)
    assert data["playbook"] == "ship" and data["location"] == "阳逻港锚地"
    assert data["incident"]["burning_area_m2"] == 100 and len(data["incident"]["calls"]) == 1
    by_offset = {i["at"]: i for i in data["injects"]}
    assert by_offset["+0:22:00"] == {"at": "+0:22:00", "message": "船员已撤离", "expected_action": "调集6个站"}
    assert by_offset["+0:08:00"]["calls"] == {"at": ["+0:08:00"]}
    assert by_offset["+0:05:00"]["weather"] == {"wind_force": 3}
    assert "not replayed" not in data["description"]


def test_a_fact_of_no_known_name_is_refused_by_the_journal(worked: tuple[Journal, str]) -> None:
    journal, incident_id = worked
    count = journal.version(incident_id)
    with pytest.raises(InputError) as caught:
        journal.append(incident_id, EventKind.FACT, {"changes": {"crew_count": 12}}, OPENED + 41 * MINUTE)
    assert caught.value.field == "payload.changes" and "crew_count" in caught.value.message
    assert journal.version(incident_id) == count


def test_a_schema_1_fact_of_no_known_name_is_said_not_replayed(tmp_path: Path) -> None:
    """A journal written before schema 2 may hold a fact the console no longer knows: upgraded as it is,
    the recorder names it in the description and replays the rest."""
    path = tmp_path / "v1.sqlite3"
    with V1Journal(path) as old:
        incident_id = old.incident("2026-04-22-0001", OPENED, "长江货船火灾", "ship")
        old.event(incident_id, OPENED, "fact", {"field": "burning_area_m2", "value": 100, "previous": None})
        old.event(incident_id, OPENED + MINUTE, "fact", {"field": "crew_count", "value": 12, "previous": None})
        old.event(incident_id, OPENED + 2 * MINUTE, "fact", {"field": "wind", "value": {"wind_force": 3},
                                                            "raw": "3", "previous": None})  # fmt: skip
    with Journal.open(path) as journal:
        data = script_from_journal(journal, incident_id)
    assert "Facts not replayed (not Incident fields): crew_count." in data["description"]
    assert data["incident"]["burning_area_m2"] == 100
    assert [i["weather"] for i in data["injects"]] == [{"wind_force": 3}]


def test_record_command_writes_a_script_that_checks(worked: tuple[Journal, str], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    journal, incident_id = worked
    out = tmp_path / "recorded.yaml"
    assert run(replay_cli, "--record", incident_id, "--data-dir", str(journal.path.parent), "--out", str(out)) == 0
    assert run(replay_cli, str(out), "--check") == 0
    assert capsys.readouterr().out.strip().endswith("0 项未通过")


def test_record_needs_a_playbook(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        incident = journal.create_incident("无预案", None, OPENED)
        with pytest.raises(InputError) as caught:
            script_from_journal(journal, incident.id)
        assert caught.value.field == "playbook"
        assert script_from_journal(journal, incident.id, playbook="ship")["playbook"] == "ship"
