"""判断题: a single-choice question turned into a statement — its stem with one option as the answer — right or wrong.

The statement claims the key half of the time and a wrong option otherwise. The question it was made
from travels in ``facts["base"]``, so the verifier checks that question first and then whether the
claimed option is its key: the statement is as sound as the question behind it.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from firedrill.quiz.gen.common import Context
from firedrill.quiz.model import TRUE_FALSE, Kind, Option, Question
from firedrill.quiz.texts import tx

FORM = "judge"


def statement(base: Question, rng: random.Random) -> Question:
    """A 判断题 from ``base`` (single choice): is this option its right answer?"""
    if base.kind is not Kind.SINGLE:
        raise ValueError("a true-or-false statement is made from a single-choice question")
    true = rng.random() < 0.5
    wrong = [i for i in range(len(base.options)) if i not in base.key]
    claimed = base.options[base.key[0] if true else rng.choice(wrong)]
    right = base.options[base.key[0]]
    verdict = "true" if true else "false"
    options = tuple(Option(value=v, text=tx(f"ui.statement_{v}")) for v in TRUE_FALSE)
    return Question(
        topic=base.topic,
        form=FORM,
        kind=Kind.TRUE_FALSE,
        prompt=tx("judge.prompt", stem=base.prompt, claim=claimed.text),
        options=options,
        key=(TRUE_FALSE.index(verdict),),
        explanation=tx(
            "judge.explain", verdict=tx(f"ui.statement_{verdict}"), answer=right.text, then=base.explanation
        ),
        citation=base.citation,
        quote=base.quote,
        facts={"base": base.model_dump(mode="json"), "claim": claimed.value},
    ).with_id()


def maybe_statement(make: Callable[[random.Random, Context], Question], rng: random.Random, ctx: Context) -> Question:
    """A question of ``make``; now and then (``true_false_share``) its single-choice kind as a statement."""
    question = make(rng, ctx)
    if question.kind is Kind.SINGLE and rng.random() < ctx.settings.generation.true_false_share:
        return statement(question, rng)
    return question
