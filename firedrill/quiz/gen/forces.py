"""Topic ``dispatch``, beyond the scale of 4.4.2: the dispatch principles (4.4.1), the 30 km / 30 minutes
standby rule applied to a station (4.4.1(5)) and the units the headquarters calls in (4.4.3).

The standby rule is drawn on and next to its limits: "30公里以上" includes 30 km (以上含本数, 1.4's note,
"下同"), "超过30分钟" does not include 30 minutes; the explanation says so. The verifier applies the
rule as the station planner does (``firedrill.stations``) and asks ``linked_units_for`` for 4.4.3.
"""

from __future__ import annotations

import random

from firedrill.models import Level
from firedrill.quiz.gen.common import Context, choice, level_text, num, pick
from firedrill.quiz.model import Kind, Option, Question
from firedrill.quiz.texts import plain, tx

TOPIC = "dispatch"
HOLD, SEND = "hold", "send"
METRES_PER_KM, SECONDS_PER_MIN = 1000, 60


def principle_question(rng: random.Random, ctx: Context) -> Question:
    principles = ctx.rulebook.response.principles
    asked = rng.choice(principles.items)
    return choice(
        rng,
        topic=TOPIC,
        form="forces.principle",
        prompt=tx("forces.prompt_principle", quote=asked.quote),
        options=[Option(value=p.id, text=p.title) for p in principles.items],
        right=[asked.id],
        explanation=tx("forces.explain", title=asked.title, quote=asked.quote, clause=asked.clause),
        citation=asked.clause,
        quote=asked.quote,
        facts={"principle": asked.id},
        keep_order=True,
    )


def held(ctx: Context, level: Level, distance_m: float, travel_s: float) -> bool:
    """The generator's reading of 4.4.1(5): for the levels it applies to, 30 km or more, or over 30 minutes."""
    rule = ctx.rulebook.response.dispatch.standby
    return level in rule.applies_to and (distance_m >= rule.distance_m or travel_s > rule.travel_time_s)


def standby_question(rng: random.Random, ctx: Context) -> Question:
    rule = ctx.rulebook.response.dispatch.standby
    level = rng.choice([*rule.applies_to, *rule.lifted_for])
    offsets = ctx.settings.draw.standby_offsets
    km = rule.distance_m / METRES_PER_KM + rng.choice(offsets)
    minutes = rule.travel_time_s / SECONDS_PER_MIN + rng.choice(offsets)
    distance, travel = km * METRES_PER_KM, minutes * SECONDS_PER_MIN
    answer = HOLD if held(ctx, level, distance, travel) else SEND
    return choice(
        rng,
        topic=TOPIC,
        form="forces.standby",
        prompt=tx("forces.prompt_standby", level=level_text(level), km=num(km), minutes=num(minutes)),
        options=[Option(value=v, text=tx(f"forces.{v}")) for v in (HOLD, SEND)],
        right=[answer],
        explanation=tx("forces.explain_standby", quote=rule.quote, clause=rule.clause),
        citation=rule.clause,
        quote=rule.quote,
        facts={"level": level.value, "distance_m": distance, "travel_time_s": travel},
        keep_order=True,
    )


def linked_question(rng: random.Random, ctx: Context) -> Question:
    """Which of these does 4.4.3 name? (the list ends in 等: only what it names is asked)."""
    rule = ctx.rulebook.response.linked_units
    named = pick(rng, rule.units, rng.randint(2, 3))
    others = pick(rng, ctx.settings.command.not_named_in_443, ctx.settings.generation.choices + 1 - len(named))
    options = [Option(value=u.id, text=u.name) for u in named] + [
        Option(value=f"other:{o}", text=plain(o)) for o in others
    ]
    return choice(
        rng,
        topic=TOPIC,
        form="forces.linked",
        kind=Kind.MULTIPLE,
        prompt=tx("forces.prompt_linked"),
        options=options,
        right=[u.id for u in named],
        explanation=tx("forces.explain", title=tx("forces.linked_title"), quote=rule.quote, clause=rule.clause),
        citation=rule.clause,
        quote=rule.quote,
        facts={"from": rule.applies_from.value},
    )


FORMS = (principle_question, standby_question, linked_question)
