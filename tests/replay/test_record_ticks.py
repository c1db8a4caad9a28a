"""Record → script keeps the checklist (ticks, skips with their reasons) and who made them (roles);
the script replays with the same checklist."""

from __future__ import annotations

from pathlib import Path

from firedrill.journal import Journal, ProcedureState
from firedrill.procedure.state import StepState
from firedrill.replay.engine import Replay
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import parse_script
from firedrill.replay.record import dump_script, script_from_journal
from tests.replay.test_record import MINUTE, OPENED, LiveConsole


def test_the_checklist_and_who_ticked_it_survive_the_round_trip(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "data" / "firedrill.sqlite3")
    live = LiveConsole(journal, "长江货船火灾")
    live.fact(0, "burning_area_m2", 100, "100")
    live.fact(10, "burning_area_m2", 620, "620")  # major on a ship (special site), 1.4
    desk = live.desk
    desk.step(live.id, "alarm_received", at=OPENED + 11 * MINUTE, actor="市消防救援指挥中心")
    desk.step(live.id, "forces_dispatched", at=OPENED + 12 * MINUTE, actor="市消防救援指挥中心")
    desk.step(live.id, "situation_reported", at=OPENED + 14 * MINUTE, actor="现场指挥员")
    desk.step(live.id, "level_determined", at=OPENED + 15 * MINUTE, actor="指挥部办公室")
    desk.step(live.id, "experts_called", ProcedureState.SKIPPED, at=OPENED + 16 * MINUTE, actor="指挥部办公室",
              note="专家已在现场")  # fmt: skip
    data = script_from_journal(journal, live.id)
    text = dump_script(data)
    assert [r["name"]["zh"] for r in data["roles"]] == ["市消防救援指挥中心", "现场指挥员", "指挥部办公室"]
    assert data["roles"][0]["unit"] == "市消防救援指挥中心" and "unit" not in data["roles"][1]
    marks = [m for i in data["injects"] for m in i.get("procedure", [])]
    assert [(m["step"], m["state"], m.get("by")) for m in marks][-1] == ("experts_called", "skipped", "指挥部办公室")
    assert marks[-1]["note"] == "专家已在现场"
    replay = Replay(parse_script(text, "recorded.yaml"))
    checklist = replay.checklist_at(OPENED + 20 * MINUTE)
    assert checklist.status("level_determined").state is StepState.DONE
    assert checklist.status("experts_called").state is StepState.SKIPPED
    assert checklist.status("alarm_received").tick is not None
    assert all(r.passed for r in check_replay(replay))
    journal.close()
