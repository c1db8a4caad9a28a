"""``firedrill quiz``: bad input is one line and exit 2; scripted and typed runs; exports; stats."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.cli import quiz as quiz_cli
from firedrill.cli.main import main
from firedrill.quiz.bank import exam_paper
from firedrill.quiz.export import BANK_FORMAT
from firedrill.quiz.model import Question
from firedrill.quiz.verify import verify
from tests.quiz.conftest import right_answer, wrong_answer


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="firedrill quiz")
    quiz_cli.add_arguments(parser)
    return parser.parse_args(argv)


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("argv", "field", "words"),
    [
        (["--trainee", "a/b"], "--trainee", "'/'"),
        (["--trainee", "bad\x07name"], "--trainee", "control"),
        (["--trainee", "x" * 65], "--trainee", "at most 64"),
        (["--trainee", "   "], "--trainee", "needed"),
        ([], "--trainee", "needed"),
        (["--trainee", "ok", "--n", "0"], "--n", "from 1"),
        (["--trainee", "ok", "--n", "-3"], "--n", "from 1"),
        (["--trainee", "ok", "--n", "ten"], "--n", "whole number"),
        (["--trainee", "ok", "--mode", "exam", "--time-limit", "15"], "--time-limit", "not a duration"),
        (["--trainee", "ok", "--mode", "exam", "--time-limit", "0m"], "--time-limit", "more than zero"),
        (["--trainee", "ok", "--mode", "exam", "--time-limit", "9h"], "--time-limit", "at most"),
        (["--trainee", "ok", "--mode", "exam", "--pass-mark", "120"], "--pass-mark", "0 to 100"),
        (["--trainee", "ok", "--time-limit", "15m"], "--mode", "exams only"),
        (["--trainee", "ok", "--topic", "cooking"], "--topic", "unknown topic"),
    ],
)
def test_bad_input_is_one_clear_line(
    argv: list[str], field: str, words: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["quiz", *argv, "--data-dir", str(tmp_path)]) == 2
    line = _error_line(capsys)
    assert f"field '{field}'" in line and words in line, line


def test_malformed_answers_file_names_file_line_and_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    questions = exam_paper(4, 3)
    answers = tmp_path / "answers.txt"
    answers.write_text(f"# my answers\n{right_answer(questions[0])}\n\n99\n", encoding="utf-8")
    code = main(
        [
            "quiz",
            "--trainee",
            "s",
            "--mode",
            "exam",
            "--n",
            "3",
            "--seed",
            "4",
            "--answers",
            str(answers),
            "--data-dir",
            str(tmp_path),
        ]
    )
    assert code == 2
    line = _error_line(capsys)
    assert f"{answers}:4: field 'answers':" in line and "99" in line
    assert (
        main(["quiz", "--trainee", "s", "--answers", str(tmp_path / "missing.txt"), "--data-dir", str(tmp_path)]) == 2
    )
    assert "cannot read" in _error_line(capsys)


def test_scripted_exam_prints_feedback_and_result(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    questions = exam_paper(5, 4)
    answers = tmp_path / "a.txt"
    answers.write_text(
        "\n".join(
            [
                right_answer(questions[0]),
                wrong_answer(questions[1]),
                right_answer(questions[2]),
                right_answer(questions[3]),
            ]
        ),
        encoding="utf-8",
    )
    args = _parse(
        "--trainee",
        "Li Wei",
        "--mode",
        "exam",
        "--n",
        "4",
        "--seed",
        "5",
        "--answers",
        str(answers),
        "--data-dir",
        str(tmp_path),
        "--lang",
        "en",
        "--pass-mark",
        "70",
    )
    assert quiz_cli.run(args) == 0
    out = capsys.readouterr().out
    # An exam shows neither marks nor keys until it is handed in: each answer is only acknowledged.
    assert re.findall(r"^\[(\d)/4\] ([·✔✘])", out, re.M) == [("1", "·"), ("2", "·"), ("3", "·"), ("4", "·")]
    handed_in = out.index("Li Wei · Exam · 3/4 = 75%")
    assert "✔" not in out[:handed_in] and "Answer:" not in out[:handed_in] and "Source:" not in out[:handed_in]
    assert "pass mark 70%: passed" in out
    assert f"Source: {questions[1].citation}" in out


def test_typed_answers_are_asked_again_until_valid(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    question = exam_paper(6, 1)[0]
    typed: Iterator[str] = iter(["", "banana", "99 99", right_answer(question)])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    args = _parse("--trainee", "t", "--mode", "exam", "--n", "1", "--seed", "6", "--data-dir", str(tmp_path))
    assert quiz_cli.run(args) == 0
    out = capsys.readouterr().out
    assert out.count("请重新输入") == 3 and "[1/1] ·" in out
    retries = [re.sub("“[^”]*”", "", line) for line in out.splitlines() if line.startswith("请重新输入")]
    assert not any(re.search(r"[A-Za-z]{3}", line) for line in retries), retries  # Chinese interface, Chinese labels
    assert "1/1 = 100%" in out


def test_quitting_early_counts_the_rest_wrong(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt="": "q")
    args = _parse(
        "--trainee", "t", "--mode", "exam", "--n", "3", "--seed", "6", "--data-dir", str(tmp_path), "--lang", "en"
    )
    assert quiz_cli.run(args) == 0
    out = capsys.readouterr().out
    assert "0/3 = 0%" in out and "Stopped" in out


def test_export_json_is_a_verified_bank(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "bank.json"
    assert main(["quiz", "export", "--seed", "1", "--n", "200", "--json", "--out", str(out_file)]) == 0
    document = json.loads(out_file.read_text(encoding="utf-8"))
    assert document["format"] == BANK_FORMAT and document["seed"] == 1 and document["n"] == 200
    assert all(q["difficulty"] in (1, 2, 3) for q in document["questions"])
    questions = [
        Question.model_validate({k: v for k, v in q.items() if k != "difficulty"}) for q in document["questions"]
    ]
    assert len(questions) == 200 and all(verify(q) == [] for q in questions)
    assert [q.id for q in questions] == [q.id for q in exam_paper(1, 200)]


def test_export_markdown_prints_questions_then_the_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quiz", "export", "--seed", "2", "--n", "12", "--markdown"]) == 0
    text = capsys.readouterr().out
    questions = exam_paper(2, 12)
    headings = re.findall(r"^### (\d+)\. ", text, re.M)
    assert headings == [str(i) for i in range(1, 13)]
    key_part = text.split("答案与解析 / Answer key", 1)
    assert len(key_part) == 2 and "page-break-after" in key_part[0]
    for q in questions:
        assert q.prompt.zh in key_part[0] and q.prompt.en in key_part[0]
        assert q.explanation.zh in key_part[1] and q.citation in key_part[1]


def test_export_needs_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["quiz", "export", "--n", "3"])
    assert exc.value.code == 2


def test_stats_table_and_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    questions = exam_paper(3, 2)
    answers = tmp_path / "a.txt"
    answers.write_text(f"{right_answer(questions[0])}\n{wrong_answer(questions[1])}\n", encoding="utf-8")
    base = ["--data-dir", str(tmp_path)]
    assert (
        main(["quiz", "--trainee", "周", "--mode", "exam", "--n", "2", "--seed", "3", "--answers", str(answers), *base])
        == 0
    )
    capsys.readouterr()
    csv_file = tmp_path / "stats.csv"
    assert main(["quiz", "stats", "--trainee", "周", "--csv", str(csv_file), *base]) == 0
    out = capsys.readouterr().out
    assert "周" in out and "考试" in out and "未通过" in out  # one right of two: below the 80 % pass mark
    rows = list(csv.DictReader(csv_file.open(encoding="utf-8")))
    assert sum(int(r["answered"]) for r in rows) == 2 and sum(int(r["correct"]) for r in rows) == 1
    assert main(["quiz", "stats", "--trainee", "nobody", *base]) == 2
    assert "no trainee 'nobody'" in _error_line(capsys)


def test_stats_speak_chinese_and_csv_to_stdout_is_csv_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    questions = exam_paper(3, 2)
    answers = tmp_path / "a.txt"
    answers.write_text(f"{right_answer(questions[0])}\n{right_answer(questions[1])}\n", encoding="utf-8")
    base = ["--data-dir", str(tmp_path)]
    assert (
        main(["quiz", "--trainee", "吴", "--mode", "exam", "--n", "2", "--seed", "3", "--answers", str(answers), *base])
        == 0
    )
    assert "种子 3" in capsys.readouterr().out
    assert main(["quiz", "stats", *base]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["范围", "学员", "专题"] and "全班" in "\n".join(table)
    assert not re.search(r"[A-Z]{3}", table[0])
    assert main(["quiz", "stats", "--csv", "-", *base]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0][0] == "scope" and all(len(r) == len(rows[0]) for r in rows)
