"""Record → script → replay: an incident worked live in the journal, exported as a scenario script,
replays to the same decisions at the same times."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from firedrill.cli import replay as replay_cli
from firedrill.errors import InputError
from firedrill.journal import EventKind, Journal
from firedrill.models import Incident
from firedrill.replay.engine import Replay
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import parse_script
from firedrill.replay.record import dump_script, script_from_journal
from firedrill.replay.timeline import ChangeKind
from firedrill.rules import assess
from firedrill.timeutil import to_local
from tests.replay.cli import run

OPENED = to_local(datetime(2026, 4, 22, 21, 30))
MINUTE = timedelta(minutes=1)


class LiveConsole:
    """What the console does live: record a fact or a call, then assess and record the assessment."""

    def __init__(self, journal: Journal, incident_id: str) -> None:
        self.journal, self.id = journal, incident_id
        self.facts: dict[str, Any] = {"reported_at": OPENED, "scenario": "ship", "site_category": "special"}
        self.calls: list[datetime] = []

    def fact(self, minutes: int, field: str, value: Any) -> None:
        self.facts[field] = value
        self.journal.append(self.id, EventKind.FACT, {"field": field, "value": value}, OPENED + minutes * MINUTE)
        self.assess(minutes)

    def other_fact(self, minutes: int, field: str, value: Any) -> None:
        """A fact that is not an Incident field: recorded, graded by nothing."""
        self.journal.append(self.id, EventKind.FACT, {"field": field, "value": value}, OPENED + minutes * MINUTE)

    def call(self, minutes: int) -> None:
        at = OPENED + minutes * MINUTE
        self.calls.append(at)
        self.journal.append(self.id, EventKind.CALL, {"call_at": at}, at)
        self.assess(minutes)

    def assess(self, minutes: int) -> None:
        at = OPENED + minutes * MINUTE
        a = assess(Incident.model_validate({**self.facts, "calls": self.calls}), at=at)
        payload = {"level": a.level, "base_level": a.base_level, "triggers": list(a.triggers)}
        self.journal.append(self.id, EventKind.ASSESSMENT, payload, at)


@pytest.fixture
def worked(tmp_path: Path) -> tuple[Journal, str]:
    journal = Journal.open(tmp_path / "data" / "firedrill.sqlite3")
    incident = journal.create_incident("长江货船火灾", "ship", OPENED)
    live = LiveConsole(journal, incident.id)
    live.fact(0, "burning_area_m2", 100)
    live.fact(0, "site_category", "special")
    live.other_fact(0, "location", "阳逻港锚地")
    live.call(0)
    live.fact(5, "wind_force", 3)
    live.call(8)  # 21:30 and 21:38 fall in one 10-minute bucket: not rising (docs/rules.md)
    live.fact(20, "burning_area_m2", 620)
    journal.append(incident.id, EventKind.NOTE, {"text": "船员已撤离"}, OPENED + 22 * MINUTE)
    journal.append(incident.id, EventKind.ORDER, {"text": "调集6个站"}, OPENED + 22 * MINUTE)
    live.assess(30)  # the console re-assesses when the clock passes 22:00
    live.fact(40, "hazards", ["explosion"])
    live.other_fact(41, "crew_count", 12)  # not an Incident field: reported as not replayed
    yield journal, incident.id
    journal.close()


def test_record_script_replay_reproduces_the_decisions(worked: tuple[Journal, str]) -> None:
    journal, incident_id = worked
    text = dump_script(script_from_journal(journal, incident_id))
    replay = Replay(parse_script(text, "recorded.yaml"))
    results = check_replay(replay)
    recorded = [e for e in journal.events(incident_id) if e.kind is EventKind.ASSESSMENT]
    assert len(results) == len(recorded) >= 8
    assert [r.passed for r in results] == [True] * len(results)
    # the same decision at every recorded time…
    for event in recorded:
        state = replay.state_at(event.at)
        assert (state.decision.level.value, state.decision.base_level.value) == (
            event.payload["level"], event.payload["base_level"])
        assert [t.value for t in state.decision.triggers] == event.payload["triggers"]
    # …and the same level changes, at the same times
    live_changes = [(e.at, e.payload["level"]) for e in recorded if e.payload.get("change")]
    replayed = [(e.at, c.after) for e in replay.timeline for c in e.changes if c.kind is ChangeKind.LEVEL]
    assert [level for _, level in live_changes] == ["major", "especially_major"]  # at 21:50, then at 22:00
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
    assert "crew_count" in data["description"]


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
