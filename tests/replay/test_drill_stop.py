"""A drill stopped with Ctrl-C keeps what was answered and can be resumed; a trainee name is
checked as the quiz checks it; reports are dated and never overwritten."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.cli import drill as drill_cli
from firedrill.models import Level
from firedrill.replay.answers import load_answers
from firedrill.replay.drill import score_drill
from firedrill.replay.interactive import run_interactive
from firedrill.replay.report import to_markdown
from firedrill.replay.resume import write_answers
from tests.replay.cli import run
from tests.replay.helpers import BASE, replay_of, write


def _typed(*lines: str, stop: type[BaseException] = KeyboardInterrupt) -> Iterator[str]:
    yield from lines
    raise stop


@pytest.mark.parametrize("stop", [KeyboardInterrupt, EOFError])
def test_ctrl_c_at_a_prompt_keeps_what_was_answered(tmp_path: Path, stop: type[BaseException]) -> None:
    replay = replay_of(tmp_path)
    typed = _typed("3", "", "6 11 21", "alarm_received", stop=stop)  # prompt #1 answered, then Ctrl-C at #2
    clock = iter(float(n) for n in range(100))
    said: list[str] = []
    result = run_interactive(replay, "张三", lambda _: next(typed), said.append, lambda: next(clock))
    assert [m.number for m in result.marks] == [1] and result.not_reached == (2,)
    assert result.ended_early and result.marks[0].declared is not None
    assert result.marks[0].declared.level is Level.MAJOR
    assert [t.step for t in result.ticks] == ["alarm_received"]
    assert "#2" in to_markdown(result, "zh").split("提前结束")[1].splitlines()[0]  # listed as not reached


def test_a_stopped_drill_resumes_from_its_answers_file(tmp_path: Path) -> None:
    replay = replay_of(tmp_path)
    typed = _typed("3", "", "6 11 21", "alarm_received")
    clock = iter(float(n) for n in range(100))
    first = run_interactive(replay, "张三", lambda _: next(typed), lambda _: None, lambda: next(clock))
    saved = write_answers(first, tmp_path / "partial.answers.yaml")
    earlier, _ = load_answers(saved)
    asked: list[str] = []

    def ask(text: str) -> str:
        asked.append(text)
        return next(more)

    more = iter(["4", "night", "10 20 40", ""])
    second = run_interactive(replay, "张三", ask, lambda _: None, lambda: next(clock), resume=earlier)
    assert not second.ended_early and [m.number for m in second.marks] == [1, 2]
    assert second.marks[0].declared == first.marks[0].declared and second.marks[0].seconds == first.marks[0].seconds
    assert [t.step for t in second.ticks] == ["alarm_received"]  # the first attempt's tick, at its time
    assert second.ticks[0].at == first.ticks[0].at
    assert len(asked) == 4  # only prompt #2 was asked
    # the saved answers are an ordinary answers file: scored on their own they give the same marks
    scored = score_drill(replay, saved)
    assert scored.marks[0].grade == first.marks[0].grade


def test_the_cli_stops_cleanly_writes_the_report_and_says_how_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = write(tmp_path, BASE)
    typed = _typed("3", "", "6 11 21", "")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _="": next(typed))
    out = tmp_path / "out"
    code = run(drill_cli, str(script), "--trainee", "张三", "--out", str(out), "--no-save")
    text = capsys.readouterr().out
    assert code == drill_cli.EXIT_STOPPED and "Traceback" not in text
    assert "已答 1/2" in text and "--resume" in text
    names = sorted(p.name for p in out.iterdir())
    assert names == ["test-script-张三-20261124T2140.answers.yaml", "test-script-张三-20261124T2140.html",
                     "test-script-张三-20261124T2140.md"]  # fmt: skip
    md = (out / names[2]).read_text(encoding="utf-8")
    assert "演练日期" in md and "提前结束" in md


def test_reports_are_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = write(tmp_path, BASE)
    answers = write(tmp_path, "answers:\n  - {inject: 1, level: major, seconds: 3}\n", "answers.yaml")
    out = tmp_path / "out"
    for _ in range(2):
        assert run(drill_cli, str(script), "--answers", str(answers), "--out", str(out), "--no-save") == 0
    capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == [
        "test-script-trainee-20261124T2140-2.html", "test-script-trainee-20261124T2140-2.md",
        "test-script-trainee-20261124T2140.html", "test-script-trainee-20261124T2140.md",
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["\x1b[2J张三", "张" * 65, "a/b"])
def test_a_trainee_name_the_quiz_refuses_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    script = write(tmp_path, BASE)
    answers = write(tmp_path, "answers: []\n", "answers.yaml")
    assert run(drill_cli, str(script), "--answers", str(answers), "--trainee", name, "--no-save") == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "--trainee" in err and "\x1b" not in err
