"""Clauses no rule table carries (1.1—1.3, 3.1—3.3, 4.1, 4.2's first steps, 5, 6), asked from ``data/clauses.yaml``.

Each fact is a passage of the plan with a blank (``frame``): the key fills it to read as the plan
does, a wrong option does not. Where there are two or more keys the question is a 多选.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.models import Text
from firedrill.quiz.gen.common import Context, choice, pick
from firedrill.quiz.model import MIN_MULTIPLE, Kind, Option, Question
from firedrill.quiz.settings import DATA_DIR
from firedrill.quiz.texts import tx
from firedrill.yamlio import load_model

CLAUSES_FILE = DATA_DIR / "clauses.yaml"


class ClauseFact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    topic: str
    clause: str
    ask: Text
    frame: str = Field(pattern=r"\{\}")
    keys: tuple[Text, ...] = Field(min_length=1)
    wrong: tuple[Text, ...] = Field(min_length=2)
    quote: str

    @model_validator(mode="after")
    def _frames(self) -> ClauseFact:
        missing = [k.zh for k in self.keys if self.frame.format(k.zh) not in self.quote]
        if missing:
            raise ValueError(f"fact '{self.id}': {missing} put in the frame is not in the quote")
        return self


class ClauseFacts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    facts: tuple[ClauseFact, ...] = Field(min_length=1)


@cache
def clause_facts() -> tuple[ClauseFact, ...]:
    return load_model(ClauseFacts, CLAUSES_FILE).facts


def fact_question(fact: ClauseFact, rng: random.Random, ctx: Context) -> Question:
    multiple = len(fact.keys) >= MIN_MULTIPLE
    size = ctx.settings.generation.choices + (1 if multiple else 0)
    wrong = pick(rng, fact.wrong, size - len(fact.keys))
    options = [Option(value=t.zh, text=t) for t in (*fact.keys, *wrong)]
    prompt = tx("clauses.prompt_multiple" if multiple else "clauses.prompt", ask=fact.ask)
    return choice(
        rng,
        topic=fact.topic,
        form="clauses.fact",
        kind=Kind.MULTIPLE if multiple else Kind.SINGLE,
        prompt=prompt,
        options=options,
        right=[k.zh for k in fact.keys],
        explanation=tx("clauses.explain", quote=fact.quote, clause=fact.clause),
        citation=fact.clause,
        quote=fact.quote,
        facts={"fact": fact.id},
    )


def forms_for(topic: str) -> Callable[[random.Random, Context], Question]:
    """A form asking any fact of ``topic``."""

    def form(rng: random.Random, ctx: Context) -> Question:
        return fact_question(rng.choice([f for f in clause_facts() if f.topic == topic]), rng, ctx)

    form.__name__ = f"{topic}_fact"
    return form
