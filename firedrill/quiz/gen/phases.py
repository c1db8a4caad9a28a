"""Topic ``phases``: put a few of the nine combat phases of clause 4.5 in the plan's order."""

from __future__ import annotations

import random

from firedrill.playbook.phases import load_combat_phases
from firedrill.quiz.gen.common import Context
from firedrill.quiz.model import Kind, Option, Question
from firedrill.quiz.texts import join, plain, tx

TOPIC = "phases"


def order_question(rng: random.Random, ctx: Context) -> Question:
    data = load_combat_phases()
    size = min(rng.choice(ctx.settings.phases.sizes), len(data.phases))
    chosen = sorted(rng.sample(range(len(data.phases)), size))  # indices in the plan's order
    shown = chosen[:]
    while shown == chosen:  # never show them already in order
        rng.shuffle(shown)
    options = tuple(Option(value=data.phases[i].id, text=data.phases[i].name) for i in shown)
    key = tuple(shown.index(i) for i in chosen)
    sequence = join((data.phases[i].name for i in chosen), plain(" → "))
    return Question(
        topic=TOPIC,
        form="phases.order",
        kind=Kind.ORDERING,
        prompt=tx("phases.prompt"),
        options=options,
        key=key,
        explanation=tx("phases.explain", sequence=sequence, quote=data.quote),
        citation=data.clause,
        quote=data.quote,
        facts={"phases": [o.value for o in options]},
    ).with_id()


FORMS = (order_question,)
