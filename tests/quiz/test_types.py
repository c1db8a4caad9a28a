"""Question types of Chinese fire-service exams: 单选, 多选 (two or more right, partial credit), 判断题, and cases."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.quiz.bank import paper
from firedrill.quiz.gen.common import Context
from firedrill.quiz.model import Kind, Question
from firedrill.quiz.session import Mode, Options, Session
from firedrill.quiz.verify import verify
from tests.quiz.conftest import Clock


def test_every_multiple_choice_has_at_least_two_right_options(bank: tuple[Question, ...]) -> None:
    multiple = [q for q in bank if q.kind is Kind.MULTIPLE]
    assert len(multiple) > 50
    assert [q.form for q in multiple if len(q.key) < 2] == []
    assert {len(q.key) for q in multiple} != {len(multiple[0].options)}  # never every option right


def test_partial_credit_as_the_registered_fire_engineer_exam(bank: tuple[Question, ...]) -> None:
    q = next(q for q in bank if q.kind is Kind.MULTIPLE and len(q.key) >= 3 and len(q.options) > len(q.key))
    wrong = next(i for i in range(len(q.options)) if i not in q.key)
    assert q.credit(q.key) == 1.0 and q.is_correct(q.key)
    assert q.credit(q.key[:1]) == pytest.approx(1 / len(q.key))  # each right option chosen scores its share
    assert q.credit(q.key[:2]) == pytest.approx(2 / len(q.key)) and not q.is_correct(q.key[:2])
    assert q.credit((*q.key[:2], wrong)) == 0.0  # any wrong option: nothing
    assert q.credit((*q.key, wrong)) == 0.0


def test_a_session_scores_partial_credit(bank: tuple[Question, ...], clock: Clock) -> None:
    q = next(q for q in bank if q.kind is Kind.MULTIPLE and len(q.key) == 2)
    single = next(q for q in bank if q.kind is Kind.SINGLE)
    session = Session.from_questions(Options(trainee="分", mode=Mode.EXAM, n=2, seed=0), [q, single], clock=clock)
    session.submit(q.key[:1])
    session.submit(single.key)
    result = session.finish()
    assert result.correct == 1 and result.percent == pytest.approx(75.0)
    assert [m for m, _ in result.mistakes] == [q]


def test_true_or_false_statements_are_both_ways_and_verified(bank: tuple[Question, ...], ctx: Context) -> None:
    statements = [q for q in bank if q.kind is Kind.TRUE_FALSE]
    assert len(statements) > 100
    assert Counter(q.key_values()[0] for q in statements).keys() == {"true", "false"}
    for q in statements[:50]:
        base = Question.model_validate(q.facts["base"])
        assert verify(base, ctx) == []
        assert (q.key_values()[0] == "true") == ((q.facts["claim"],) == base.key_values())
        bad = q.model_copy(update={"key": (1 - q.key[0],)}).with_id()
        assert verify(bad, ctx) != []


def _case_chains(questions: tuple[Question, ...]) -> list[list[Question]]:
    chains: list[list[Question]] = []
    for q in questions:
        if q.topic == "case":
            if q.facts["step"] == "grade":
                chains.append([])
            chains[-1].append(q)
    return chains


def test_a_case_is_asked_in_order_on_one_incident(ctx: Context) -> None:
    chains = _case_chains(paper(17, 200, ctx=ctx))
    assert chains
    for steps in chains:
        assert [q.facts["step"] for q in steps] == ["grade", "level", "dispatch", "scene", "playbook", "group"][
            : len(steps)
        ]
        assert len({json.dumps(q.facts["incident"], sort_keys=True) for q in steps}) == 1


def _cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_case_keys_match_firedrill_classify_and_org(
    ctx: Context, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    chains = [c for c in _case_chains(paper(23, 300, ("case",), ctx=ctx)) if len(c) == 6][:8]
    assert len(chains) == 8
    for number, steps in enumerate(chains):
        source = tmp_path / f"case{number}.json"
        source.write_text(json.dumps(steps[0].facts["incident"], ensure_ascii=False), encoding="utf-8")
        report = _cli_json(capsys, "classify", "--from", str(source), "--json")
        assert isinstance(report, dict)
        key = {q.facts["step"]: q.key_values()[0] for q in steps}
        assert key["grade"] == report["base_level"] and key["level"] == report["level"]
        stations = report["dispatch"]["stations"]
        assert key["dispatch"] == f"{stations['minimum']}-{stations['maximum']}" or key["dispatch"] == (
            f"{stations['minimum']}+" if stations["maximum"] is None else None
        )
        assert key["scene"] == report["activation"]["goes_to_scene"]["zh"]
        assert key["playbook"] == report.get("scenario", steps[0].facts["incident"]["scenario"])
        group = steps[5]
        roles = _cli_json(capsys, "org", "--unit", group.facts["unit"], "--json")
        assert isinstance(roles, list)
        groups = {r["group"]["id"] for r in roles if r["kind"] == "member" and r["duty"]["zh"] == group.facts["duty"]}
        assert groups == {key["group"]}
