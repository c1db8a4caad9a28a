"""The shipped scenarios: every one passes its expectations, and together they cover every
attachment (1—7) and every escalation trigger of clause 4.3."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.cli import replay as replay_cli
from firedrill.models import Trigger
from firedrill.replay.engine import Replay
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import load_script
from tests.replay.cli import run

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenario_passes_its_expectations(path: Path) -> None:
    replay = Replay(load_script(path))
    results = check_replay(replay)
    assert results, "every shipped scenario carries expectations"
    failures = [(r.line, [(c.field, c.expected, c.actual) for c in r.checks if not c.passed]) for r in results
                if not r.passed]  # fmt: skip
    assert failures == []
    assert all(r.why for r in results), "each expectation says how it follows from the plan"
    assert path.stem == replay.loaded.script.id


def test_all_scenarios_at_once_with_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(replay_cli, *map(str, SCENARIOS), "--check", "--lang", "en") == 0
    assert capsys.readouterr().out.strip().endswith("0 failed")


def test_scenarios_cover_every_attachment_and_every_trigger() -> None:
    assert len(SCENARIOS) >= 12
    attachments, triggers = set(), set()
    for path in SCENARIOS:
        loaded = load_script(path)
        attachments.add(loaded.playbook.attachment)
        for expectation in loaded.script.expect:
            if expectation.escalated and expectation.triggers:
                triggers.update(expectation.triggers)
    assert attachments == set(range(1, 8))
    assert triggers == set(Trigger)  # each trigger escalates a major fire in some scenario


def test_scenarios_drive_drills() -> None:
    prompted = [p for p in SCENARIOS if any(i.prompt for i in load_script(p).script.injects)]
    assert len(prompted) >= 12


def test_example_answers_files_score() -> None:
    from firedrill.replay.drill import score_drill

    examples = sorted((SCENARIOS[0].parent / "answers").glob("*.yaml"))
    assert examples
    for answers in examples:
        replay = Replay(load_script(SCENARIOS[0].parent / answers.name))
        result = score_drill(replay, answers)
        assert result.marks and all(m.declared is not None for m in result.marks)
