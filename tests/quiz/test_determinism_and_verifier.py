"""Same seed, same paper (in this process and in another with other hash seeds); the verifier catches a wrong key."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from firedrill.quiz.bank import paper, question_for
from firedrill.quiz.gen.common import Context
from firedrill.quiz.model import Kind, NumericKey, Question
from firedrill.quiz.verify import CHECKS, verify

IDS_SCRIPT = "import json; from firedrill.quiz.bank import paper; print(json.dumps([q.id for q in paper(7, 60)]))"


def test_same_seed_same_paper(ctx: Context) -> None:
    first, again = paper(7, 60, ctx=ctx), paper(7, 60, ctx=ctx)
    assert [q.model_dump() for q in first] == [q.model_dump() for q in again]
    assert [q.id for q in paper(8, 60, ctx=ctx)] != [q.id for q in first]


@pytest.mark.slow
def test_same_seed_same_paper_in_another_process(ctx: Context) -> None:
    """Set and dict order may change with PYTHONHASHSEED; the paper must not."""
    expected = [q.id for q in paper(7, 60, ctx=ctx)]
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", IDS_SCRIPT], capture_output=True, text=True, env=env, check=True)
        assert json.loads(out.stdout) == expected


def test_practice_questions_are_deterministic_too(ctx: Context) -> None:
    assert question_for(3, 4, "grading", set(), ctx) == question_for(3, 4, "grading", set(), ctx)


def test_a_paper_avoids_repeats(ctx: Context) -> None:
    questions = paper(11, 100, ctx=ctx)
    assert len({q.id for q in questions}) == len(questions)


def _tampered(question: Question) -> Question:
    """The same question with a wrong key (and a matching id, so only the key is wrong)."""
    if question.kind is Kind.NUMERIC:
        assert question.numeric is not None
        wrong = NumericKey(
            minimum=question.numeric.minimum + 1, maximum=question.numeric.maximum, unit=question.numeric.unit
        )
        return question.model_copy(update={"numeric": wrong}).with_id()
    key = list(question.key)
    if question.kind is Kind.ORDERING:
        key[0], key[1] = key[1], key[0]
    elif question.kind is Kind.MULTIPLE:
        flip = next(i for i in range(len(question.options)) if i not in key) if len(key) < len(question.options) else 0
        key = sorted(set(key) ^ {flip})
    else:
        key = [(key[0] + 1) % len(question.options)]
    return question.model_copy(update={"key": tuple(key)}).with_id()


def test_the_verifier_rejects_a_wrong_key_in_every_form(bank: tuple[Question, ...], ctx: Context) -> None:
    for form in CHECKS:
        sample = [q for q in bank if q.form == form][:5]
        assert sample, form
        for question in sample:
            if question.kind is Kind.MULTIPLE and len(question.key) == 1 and len(question.options) == 1:
                continue
            problems = verify(_tampered(question), ctx)
            assert any(p.startswith("key ") for p in problems), (form, problems)


def test_the_verifier_rejects_an_edited_question_whose_id_was_kept(bank: tuple[Question, ...], ctx: Context) -> None:
    question = bank[0]
    edited = question.model_copy(update={"citation": "9.9"})
    assert "id is not the digest of the content" in verify(edited, ctx)
