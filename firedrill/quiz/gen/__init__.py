"""Question generators, one module per topic; ``TOPICS`` maps each topic to its question forms."""

from __future__ import annotations

import random
from collections.abc import Callable

from firedrill.quiz.gen import (
    case,
    clauses,
    command,
    escalation,
    forces,
    grading,
    numbers,
    organisation,
    phases,
    response,
    scenario,
)
from firedrill.quiz.gen.common import Context
from firedrill.quiz.gen.judgement import maybe_statement
from firedrill.quiz.model import Question

Form = Callable[[random.Random, Context], Question]

TOPICS: dict[str, tuple[Form, ...]] = {
    "general": (clauses.forms_for("general"),),
    command.TOPIC: command.FORMS,
    grading.TOPIC: grading.FORMS,
    escalation.TOPIC: escalation.FORMS,
    response.DISPATCH: (*response.DISPATCH_FORMS, *forces.FORMS),
    response.ACTIVATION: (*response.ACTIVATION_FORMS, clauses.forms_for(response.ACTIVATION)),
    organisation.TOPIC: organisation.FORMS,
    scenario.TOPIC: scenario.FORMS,
    phases.TOPIC: phases.FORMS,
    numbers.TOPIC: numbers.FORMS,
    case.TOPIC: case.FORMS,
}
# Topics whose questions come in a chain on one incident: a paper asks the whole chain in order.
CHAINS: dict[str, Callable[[random.Random, Context], tuple[Question, ...]]] = {case.TOPIC: case.chain}


def generate(topic: str, rng: random.Random, ctx: Context) -> Question:
    """One question of ``topic``, its form drawn by ``rng``."""
    return maybe_statement(rng.choice(TOPICS[topic]), rng, ctx)
