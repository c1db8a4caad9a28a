"""Topic ``phases``: the nine combat phases of clause 4.5 — put a few in the plan's order, or say which comes next.

The ordering prompt names the phases it asks about, so two ordering questions read the same only
when they ask the same thing.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from firedrill.models import Text
from firedrill.playbook.phases import CombatPhase, load_combat_phases
from firedrill.quiz.gen.common import Context, choice, pick
from firedrill.quiz.model import Kind, Option, Question
from firedrill.quiz.texts import join, plain, tx

TOPIC = "phases"


def _listed(phases: Iterable[CombatPhase]) -> Text:
    """Phases named in the prompt in a neutral order (by id), never the plan's: the prompt must not answer itself."""
    return join((p.name for p in sorted(phases, key=lambda p: p.id)), plain("、"))


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
        prompt=tx("phases.prompt", names=_listed(data.phases[i] for i in chosen)),
        options=options,
        key=key,
        explanation=tx("phases.explain", sequence=sequence, quote=data.quote),
        citation=data.clause,
        quote=data.quote,
        facts={"phases": [o.value for o in options]},
    ).with_id()


def next_question(rng: random.Random, ctx: Context) -> Question:
    """Which phase the plan lists right after this one?"""
    data = load_combat_phases()
    index = rng.randrange(len(data.phases) - 1)
    asked, following = data.phases[index], data.phases[index + 1]
    others = [p for i, p in enumerate(data.phases) if i not in (index, index + 1)]
    shown = [following, *pick(rng, others, ctx.settings.generation.choices - 1)]
    sequence = join((p.name for p in data.phases), plain(" → "))
    return choice(
        rng,
        topic=TOPIC,
        form="phases.next",
        prompt=tx("phases.prompt_next", name=asked.name),
        options=[Option(value=p.id, text=p.name) for p in shown],
        right=[following.id],
        explanation=tx("phases.explain", sequence=sequence, quote=data.quote),
        citation=data.clause,
        quote=data.quote,
        facts={"after": asked.id},
    )


FORMS = (order_question, next_question)
