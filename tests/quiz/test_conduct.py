"""Exam conduct: marks only after 交卷, a stopped exam resumes with the time it had left, answers files checked."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.quiz.bank import exam_paper, paper
from firedrill.quiz.inputs import parse_answer
from firedrill.quiz.session import Mode, Options, Session
from firedrill.quiz.store import QuizStore
from tests.quiz.conftest import Clock, right_answer, wrong_answer

SEED, N = 31, 6
TIMEOUT_S = 30
ACK = re.compile(r"^\[(\d+)/(\d+)\] ·")


def _attempts(data_dir: Path) -> list[tuple[int, str | None, int]]:
    path = data_dir / "firedrill.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(path) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'quiz_attempts'").fetchall():
            return []
        answered = "(SELECT count(*) FROM quiz_answers a WHERE a.attempt_id = t.id)"
        sql = f"SELECT t.id, t.finished_at, {answered} FROM quiz_attempts t"
        return conn.execute(sql).fetchall()


def _cli(data_dir: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "firedrill", "quiz", "--trainee", "续考", "--mode", "exam", "--n", str(N)]
    cmd += ["--seed", str(SEED), "--time-limit", "30m", "--answers", "-", "--data-dir", str(data_dir), "--lang", "en"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env
    )


def _answer(proc: subprocess.Popen[str], text: str, position: int) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(text + "\n")
    proc.stdin.flush()
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        assert line, f"ended before acknowledging {position}"
        match = ACK.match(line)
        if match and int(match.group(1)) == position:
            return
    raise AssertionError(f"no acknowledgement of {position}")


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_or_interrupted_exam_resumes_where_it_stopped(tmp_path: Path, stop: signal.Signals) -> None:
    questions = exam_paper(SEED, N)
    proc = _cli(tmp_path)
    try:
        for position in (1, 2, 3):
            _answer(proc, right_answer(questions[position - 1]), position)
        proc.send_signal(stop)
        _, err = proc.communicate(timeout=TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
    if stop is signal.SIGINT:
        assert proc.returncode == 130 and "Traceback" not in err, err  # a clean pause, not a crash
    [(_, finished, answered)] = _attempts(tmp_path)
    assert finished is None and answered == 3  # kept, and never stored as a finished exam
    again = _cli(tmp_path)
    rest = "\n".join(wrong_answer(q) for q in questions[3:]) + "\n"
    out, err = again.communicate(rest, timeout=TIMEOUT_S)
    assert again.returncode == 0, err
    assert "Resuming the exam not handed in: 3/6 answered" in out
    left = re.search(r"time left (\d+):(\d\d):(\d\d)", out)
    assert left is not None and 0 < int(left.group(2)) * 60 + int(left.group(3)) <= 30 * 60
    assert re.findall(r"^\[(\d)/6\] ·", out, re.M) == ["4", "5", "6"]
    assert "续考 · Exam · 3/6 = 50%" in out
    [(_, finished, answered)] = _attempts(tmp_path)
    assert finished is not None and answered == 6


def test_the_time_left_carries_over_a_pause(tmp_path: Path, clock: Clock) -> None:
    limit = timedelta(minutes=10)
    with QuizStore.open(tmp_path) as store:
        options = Options(trainee="钟", mode=Mode.EXAM, n=4, seed=3, time_limit=limit)
        first = Session.start(options, store, clock)
        clock.advance(minutes=3)
        question = first.current()
        assert question is not None
        first.submit(parse_answer(right_answer(question), question))
        first.pause()
        clock.advance(hours=5)  # away for the night: the clock of the exam does not run
        second = Session.start(Options(trainee="钟", mode=Mode.EXAM, n=20, seed=99), store, clock)
        assert second.resumed and second.answered == 1 and second.total == 4
        assert second.time_left() == limit - timedelta(minutes=3)
        assert [q.id for q in second.remaining() or []] == [q.id for q in (first.remaining() or [])]


def test_an_exam_leaves_practice_scheduling_alone(tmp_path: Path, clock: Clock) -> None:
    with QuizStore.open(tmp_path) as store:
        exam = Session.start(Options(trainee="考", mode=Mode.EXAM, n=5, seed=8), store, clock)
        while (question := exam.current()) is not None:
            exam.submit(parse_answer(right_answer(question), question))
        exam.finish()
        trainee = store.find_trainee("考")
        assert trainee is not None and store.boxes(trainee) == {}


def _exam(tmp_path: Path, answers: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    argv = ["quiz", "--trainee", "文件", "--mode", "exam", "--n", "3", "--seed", "4", "--answers", str(answers)]
    code = main([*argv, "--data-dir", str(tmp_path), "--lang", "zh"])
    captured = capsys.readouterr()
    return code, captured.err.strip() if code else captured.out


def test_answers_files_in_utf8_with_or_without_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = "\n".join(right_answer(q) for q in exam_paper(4, 3)) + "\n"
    for name, data in (("plain.txt", lines.encode()), ("bom.txt", b"\xef\xbb\xbf" + lines.encode())):
        (tmp_path / name).write_bytes(data)
        code, out = _exam(tmp_path / f"data-{name}", tmp_path / name, capsys)
        assert code == 0 and "3/3 = 100%" in out, out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("# 答案\n第一题选2\n".encode("gbk"), "not UTF-8"),
        (b"", "no answers"),
        (b"\n# only a comment\n\n", "no answers"),
        (b"1\n2\nbanana\n", "expected option numbers"),
        (b"1\n99\n1\n", "does not exist"),
    ],
)
def test_bad_answers_files_are_refused_and_never_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_bytes(content)
    code, err = _exam(tmp_path / "data", answers, capsys)
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert str(answers) in err and words in err, err
    assert _attempts(tmp_path / "data") == []


def test_dev_null_is_not_an_attempt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _exam(tmp_path, Path(os.devnull), capsys)
    assert code == 2 and "no answers" in err and _attempts(tmp_path) == []


def test_an_empty_stdin_is_not_an_attempt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(
        ["quiz", "--trainee", "空", "--mode", "exam", "--n", "3", "--answers", "-", "--data-dir", str(tmp_path)]
    )
    assert code == 2 and "no answers" in capsys.readouterr().err
    assert _attempts(tmp_path) == []


def test_numeric_units_read_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    from firedrill.quiz.render import question_block

    numeric = [q for s in range(30) for q in paper(s, 40, ("playbook_numbers",)) if q.numeric is not None]
    shown = {question_block(q, 1, 1, "zh") for q in numeric}
    assert shown and not any(re.search(r"单位:[A-Za-z]{3,}", text) for text in shown)
