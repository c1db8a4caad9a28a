"""Kill -9 a real writer process mid-loop: every event it was told was recorded must be on disk."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from firedrill.journal import EventKind, Journal
from firedrill.timeutil import now_local

WRITER = Path(__file__).with_name("crash_writer.py")
REPO = Path(__file__).resolve().parents[2]
# Kill after different numbers of acknowledgements so the kill lands at different points.
KILL_AFTER = (40, 150, 7)
RUN_STRIDE = 1_000_000  # note numbers of run k start at k * RUN_STRIDE


def _parse(line: str) -> tuple[int, int]:
    tag, seq, n = line.split()
    assert tag == "ack", line
    return int(seq), int(n)


def _run_and_kill(db_path: Path, incident_id: str, start: int, after: int) -> list[tuple[int, int]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(db_path), incident_id, str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    acked: list[tuple[int, int]] = []
    try:
        while len(acked) < after:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"writer stopped early: {proc.stderr.read()}")
            acked.append(_parse(line))
        os.kill(proc.pid, signal.SIGKILL)  # the writer is still looping: this lands mid-append
        proc.wait(timeout=30)
        # Lines already in the pipe were printed after their append returned: acknowledged too.
        acked += [_parse(line) for line in proc.stdout.read().splitlines() if line.strip()]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return acked


@pytest.mark.slow
def test_every_acknowledged_event_survives_sigkill(db_path: Path) -> None:
    with Journal.open(db_path) as journal:
        incident = journal.create_incident("kill -9 drill", None, now_local() - timedelta(minutes=1))

    acked: list[tuple[int, int]] = []
    for run, after in enumerate(KILL_AFTER, start=1):
        acked += _run_and_kill(db_path, incident.id, run * RUN_STRIDE, after)

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Journal.open(db_path) as journal:
        notes = {e.seq: e.payload["n"] for e in journal.events(incident.id, kinds=[EventKind.NOTE])}
        assert journal.open_incidents()[0].id == incident.id  # a restart would offer to resume it

    missing = [(seq, n) for seq, n in acked if notes.get(seq) != n]
    assert missing == [], f"acknowledged but lost: {missing[:5]}"
    assert len(acked) >= sum(KILL_AFTER)
    # At most one event per run can be committed without having been acknowledged yet.
    assert len(notes) - len(acked) <= len(KILL_AFTER)
