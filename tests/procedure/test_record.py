"""The after-action record (``firedrill journal export``) carries the procedure with times from the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.journal import Journal, ProcedureState
from tests.procedure.conftest import ACTIVATION, T0, at, desk, open_major_incident


def _worked_incident(db_path: Path) -> str:
    with Journal.open(db_path) as journal:
        incident_id = open_major_incident(journal)
        for step, minutes in ACTIVATION:
            desk(journal).step(incident_id, step, ProcedureState.DONE, at(minutes), "值班员")
    return incident_id


def test_markdown_record_lists_each_step_with_its_time_since_the_report(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    incident_id = _worked_incident(db_path)
    assert main(["journal", "export", incident_id, "--data-dir", str(db_path.parent)]) == 0
    out = capsys.readouterr().out
    section = out[out.index("## 处置程序清单"):]
    # By clause and title, each with its clock time and the time since the report (no step ids).
    assert "(+00:06:00) | 4.2 | 核实基本情况,向指挥部办公室报告灾情" in section
    assert "(+00:10:00) | 4.2 | 向指挥长或者副指挥长报告,提出启动应急预案" in section
    assert "situation_reported" not in section
    assert T0.strftime("%H:%M") in section


def test_json_record_has_the_procedure(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = _worked_incident(db_path)
    assert main(["journal", "export", incident_id, "--format", "json", "--data-dir", str(db_path.parent)]) == 0
    data = json.loads(capsys.readouterr().out)
    done = {s["id"]: s for s in data["procedure"]["steps"] if s["state"] == "done"}
    assert set(done) >= {step for step, _ in ACTIVATION}
    assert len(data["events"]) >= len(ACTIVATION)
