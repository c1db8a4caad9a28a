"""Question generators, one module per topic; ``TOPICS`` maps each topic to its question forms."""

from __future__ import annotations

import random
from collections.abc import Callable

from firedrill.quiz.gen import escalation, grading, numbers, organisation, phases, response, scenario
from firedrill.quiz.gen.common import Context
from firedrill.quiz.model import Question

Form = Callable[[random.Random, Context], Question]

TOPICS: dict[str, tuple[Form, ...]] = {
    grading.TOPIC: grading.FORMS,
    escalation.TOPIC: escalation.FORMS,
    response.DISPATCH: response.DISPATCH_FORMS,
    response.ACTIVATION: response.ACTIVATION_FORMS,
    organisation.TOPIC: organisation.FORMS,
    scenario.TOPIC: scenario.FORMS,
    phases.TOPIC: phases.FORMS,
    numbers.TOPIC: numbers.FORMS,
}


def generate(topic: str, rng: random.Random, ctx: Context) -> Question:
    """One question of ``topic``, its form drawn by ``rng``."""
    return rng.choice(TOPICS[topic])(rng, ctx)
