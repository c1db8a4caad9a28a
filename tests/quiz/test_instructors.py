"""For instructors: item analysis on a made-up class, CSV a spreadsheet can open safely, printable papers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.quiz.bank import paper
from firedrill.quiz.export import BOM, bank_markdown, guard, items_csv, stats_csv
from firedrill.quiz.inputs import parse_answer
from firedrill.quiz.items import item_analysis
from firedrill.quiz.model import Kind, Question
from firedrill.quiz.session import Mode, Options, Session
from firedrill.quiz.stats import TopicStat
from firedrill.quiz.store import QuizStore
from tests.quiz.conftest import Clock, right_answer


def _class(store: QuizStore, clock: Clock, questions: list[Question]) -> None:
    """Ten trainees; trainee k knows the first k questions. Question 0 is known by all but one,
    the last only by the best: a good item tells the best from the weakest."""
    for k in range(10):
        session = Session.from_questions(
            Options(trainee=f"学员{k}", mode=Mode.EXAM, n=len(questions), seed=0), questions, store, clock
        )
        for i, q in enumerate(questions):
            wrong = next(j for j in range(len(q.options)) if j not in q.key)
            session.submit(parse_answer(right_answer(q), q) if i < k else (wrong,))
        session.finish()
        clock.advance(minutes=5)


def test_item_analysis_on_a_made_up_class(tmp_path: Path, clock: Clock) -> None:
    questions = [q for q in paper(12, 60) if q.kind is Kind.SINGLE and len(q.options) >= 3][:6]
    with QuizStore.open(tmp_path) as store:
        _class(store, clock, questions)
        items = {i.question_id: i for i in item_analysis(store)}
    first, last = items[questions[0].id], items[questions[-1].id]
    assert first.answered == last.answered == 10
    assert first.difficulty_index == pytest.approx(0.9) and last.difficulty_index == pytest.approx(0.4)
    # upper 27 % (2 best) know everything, lower 27 % (2 weakest) know at most the first
    assert first.discrimination == pytest.approx(1.0 - 0.5) and last.discrimination == pytest.approx(1.0)
    key_text = questions[0].options[questions[0].key[0]].text.zh
    assert first.choices[key_text] == 9 and sum(first.choices.values()) == 10


def test_csv_opens_in_a_spreadsheet_and_runs_no_formula() -> None:
    assert [guard(v) for v in ("=1+2", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "张三", 5)] == [
        "'=1+2", "'+cmd", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "张三", 5,
    ]  # fmt: skip
    text = stats_csv([TopicStat("trainee", "=HYPERLINK(1)", "grading", 3, 2, 1, 1)])
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[1][1] == "'=HYPERLINK(1)"


def test_items_cli_csv_to_stdout_is_csv_only_and_json(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = [q for q in paper(12, 60) if q.kind is Kind.SINGLE][:3]
    with QuizStore.open(tmp_path) as store:
        _class(store, clock, questions)
    assert main(["quiz", "items", "--csv", "-", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(BOM)
    rows = list(csv.reader(io.StringIO(out.removeprefix(BOM))))
    assert rows[0][:3] == ["question_id", "topic", "form"] and len(rows) == 4
    assert main(["quiz", "items", "--json", "--data-dir", str(tmp_path)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert len(document["items"]) == 3 and all(0 <= i["difficulty_index"] <= 1 for i in document["items"])
    assert main(["quiz", "items", "--data-dir", str(tmp_path)]) == 0
    assert "难度指数" in capsys.readouterr().out
    assert items_csv([]).startswith(BOM)


def test_a_printable_paper_has_an_answer_sheet_before_the_key() -> None:
    questions = paper(2, 10)
    text = bank_markdown(questions, 2)
    sheet, key = text.index("答题卡 / Answer sheet"), text.index("答案与解析 / Answer key")
    assert text.index(questions[-1].prompt.zh) < sheet < key
    assert text[sheet:key].count("________________") == 10 and "姓名" in text[sheet:key]
    assert questions[0].explanation.zh not in text[:key]
