"""``firedrill procedure steps|status|tick``: run() from a parser built by add_arguments, and main()."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from firedrill.cli import procedure as cli
from firedrill.cli.main import main
from firedrill.errors import InputError
from firedrill.incident.desk import Desk
from firedrill.journal import EventKind, Journal
from firedrill.procedure import load_catalogue
from tests.procedure.conftest import ACTIVATION, T0, at


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="firedrill procedure")
    cli.add_arguments(parser)
    return cli.run(parser.parse_args(list(argv)))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def incident_id(data_dir: Path) -> str:
    """An incident reported at T0 with a 1200 m² fire: 重大 (1.4), recorded so by the Desk."""
    with Journal.open(data_dir / "firedrill.sqlite3") as journal:
        return Desk(journal).open({"burning_area_m2": 1200}, at=T0).state.id


def test_steps_for_a_level_in_order_with_clauses(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("steps", "--level", "major", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    ids = [s["id"] for s in data["steps"]]
    expected = [s.id for s in load_catalogue().steps if "major" in s.levels]
    assert ids == expected
    assert "commander_on_scene" in ids and "office_staff_on_scene" not in ids
    first = data["steps"][0]
    assert first["clause"] == "4.1" and first["actor"]["zh"] == "市消防救援指挥中心"
    assert data["time_targets"]["on_scene"] == ["office_staff_on_scene", "commander_on_scene"]


def test_steps_text_in_english_accepts_the_chinese_level_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("steps", "--level", "较大", "--lang", "en") == 0
    out = capsys.readouterr().out
    assert "Headquarters office staff sent to the scene" in out
    assert "commander_on_scene" not in out
    assert out.index("alarm_received") < out.index("level_determined") < out.index("termination_declared")


def test_an_unknown_level_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        run("steps", "--level", "huge")
    assert caught.value.field == "--level"


def test_tick_then_status_from_the_journal(
    data_dir: Path, incident_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for step, minute in ACTIVATION:
        at_text = at(minute).isoformat()
        assert run("tick", incident_id, step, "--at", at_text, "--actor", "甲", "--data-dir", str(data_dir)) == 0
    out = capsys.readouterr().out
    assert "#" in out and "activation_proposed done +00:10:00" in out
    assert run("status", incident_id, "--json", "--at", at(12).isoformat(), "--data-dir", str(data_dir)) == 0
    data = json.loads(capsys.readouterr().out)
    steps = {s["id"]: s for s in data["steps"]}
    assert data["level"] == "major" and data["elapsed"] == "+00:12:00"
    assert steps["level_determined"]["state"] == "done" and steps["level_determined"]["by"] == "甲"
    assert steps["level_determined"]["elapsed_seconds"] == 8 * 60
    assert steps["city_government_reported"]["state"] == "due"
    assert steps["office_staff_on_scene"]["state"] == "not_applicable"
    assert [e["step"] for e in data["timeline"]] == [s for s, _ in ACTIVATION]


def test_status_uses_local_targets_from_the_config(
    data_dir: Path, incident_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("procedure:\n  targets:\n    turn_out: {minutes: 2}\n", encoding="utf-8")
    common = ["--data-dir", str(data_dir), "--config", str(config)]
    assert run("status", incident_id, "--at", at(5).isoformat(), "--lang", "en", *common) == 0
    out = capsys.readouterr().out
    assert "overdue" in out and "deadline (local setting): 21:42:00" in out


def test_skip_without_a_note_and_undo_of_nothing_are_refused(data_dir: Path, incident_id: str) -> None:
    with pytest.raises(InputError, match="needs a note"):
        run("tick", incident_id, "public_mobilised", "--skip", "--data-dir", str(data_dir))
    with pytest.raises(InputError, match="nothing recorded"):
        run("tick", incident_id, "alarm_received", "--undo", "--data-dir", str(data_dir))


def test_main_prints_one_line_and_exits_2(data_dir: Path, incident_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["procedure", "tick", incident_id, "termination_declared", "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "termination_reported" in err


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["status", "2099-01-01-0001"], "incident"),
        (["tick", "{id}", "alarm_received", "--at", "yesterday"], "--at"),
        (["tick", "{id}", "no_such_step"], "step"),
    ],
)
def test_bad_input_names_the_field(data_dir: Path, incident_id: str, argv: list[str], field: str) -> None:
    with pytest.raises(InputError) as caught:
        run(*(a.format(id=incident_id) for a in argv), "--data-dir", str(data_dir))
    assert caught.value.field == field


def test_ticks_from_the_cli_are_procedure_events(data_dir: Path, incident_id: str) -> None:
    run("tick", incident_id, "alarm_received", "--at", at(0).isoformat(), "--note", "119", "--data-dir", str(data_dir))
    with Journal.open(data_dir / "firedrill.sqlite3") as journal:
        (event,) = journal.events(incident_id, [EventKind.PROCEDURE])
    assert event.payload["step"] == "alarm_received" and event.payload["note"] == "119" and event.at == at(0)


def test_status_as_of_an_earlier_time_leaves_later_ticks_out(
    data_dir: Path, incident_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for step, minute in ACTIVATION[:3]:
        run("tick", incident_id, step, "--at", at(minute).isoformat(), "--data-dir", str(data_dir))
    capsys.readouterr()
    assert run("status", incident_id, "--json", "--at", at(2).isoformat(), "--data-dir", str(data_dir)) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["step"] for e in data["timeline"]] == ["alarm_received", "forces_dispatched"]
    assert data["level_assessed_now"] is False


def test_the_last_aftermath_tick_closes_the_record(
    data_dir: Path, incident_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = [s.id for s in load_catalogue().steps if "major" in s.levels and not s.condition]
    for minute, step in enumerate(steps, start=1):
        assert run("tick", incident_id, step, "--at", at(minute).isoformat(), "--data-dir", str(data_dir)) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("记录已关闭") and incident_id in last
    with Journal.open(data_dir / "firedrill.sqlite3") as journal:
        record = journal.incident(incident_id)
    assert record.status == "closed" and record.closed_at == at(len(steps))
    code = main(["procedure", "tick", incident_id, steps[-1], "--undo", "--data-dir", str(data_dir)])
    assert code == 2 and "closed" in capsys.readouterr().err
