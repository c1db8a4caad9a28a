"""A trainee's terminal killed between questions: every answer the CLI acknowledged is in the database.

A real ``firedrill quiz --answers -`` process reads answers from a pipe; the test sends one answer at
a time, waits for its acknowledgement line (printed only after the commit), and SIGKILLs the process
at different points, twice right after an acknowledgement and once with an answer in flight.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from firedrill.quiz.bank import exam_paper
from tests.quiz.conftest import right_answer, wrong_answer

ACK = re.compile(r"^\[(\d+)/(\d+)\] [✔✘·]")  # an exam acknowledges without marking
SEED, N = 9, 12
TIMEOUT_S = 30


def _start(data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable,
        "-m",
        "firedrill",
        "quiz",
        "--trainee",
        "kill-test",
        "--mode",
        "exam",
        "--n",
        str(N),
        "--seed",
        str(SEED),
        "--answers",
        "-",
        "--data-dir",
        str(data_dir),
        "--lang",
        "en",
    ]
    return subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env
    )


def _await_ack(proc: subprocess.Popen[str], position: int) -> None:
    assert proc.stdout is not None
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"process ended before acknowledging answer {position}: {proc.stderr.read()}")
        match = ACK.match(line)
        if match and int(match.group(1)) == position:
            return
    raise AssertionError(f"no acknowledgement of answer {position} within {TIMEOUT_S}s")


def _recorded(data_dir: Path) -> list[tuple[int, str, int]]:
    with sqlite3.connect(data_dir / "firedrill.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT position, question_id, correct FROM quiz_answers ORDER BY id").fetchall()


@pytest.mark.slow
@pytest.mark.parametrize(("acknowledged", "in_flight"), [(1, False), (5, False), (3, True)])
def test_acknowledged_answers_survive_sigkill(tmp_path: Path, acknowledged: int, in_flight: bool) -> None:
    questions = exam_paper(SEED, N)
    proc = _start(tmp_path)
    assert proc.stdin is not None
    try:
        for position in range(1, acknowledged + 1):
            question = questions[position - 1]
            proc.stdin.write((right_answer(question) if position % 2 else wrong_answer(question)) + "\n")
            proc.stdin.flush()
            _await_ack(proc, position)
        if in_flight:
            proc.stdin.write(right_answer(questions[acknowledged]) + "\n")
            proc.stdin.flush()
        proc.send_signal(signal.SIGKILL)
        proc.wait(TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(TIMEOUT_S)
    assert proc.returncode == -signal.SIGKILL
    rows = _recorded(tmp_path)
    expected = [(p, questions[p - 1].id, int(p % 2 == 1)) for p in range(1, acknowledged + 1)]
    assert rows[:acknowledged] == expected
    assert len(rows) <= acknowledged + int(in_flight)  # the answer in flight may or may not have landed
