"""Topic ``grading``: classify a fire by clause 1.4 (and the national standard below major).

The numbers sit on and next to the thresholds, so 以上 (includes the number) and 以下 (excludes
it) decide the answer. The fire is reported on an ordinary day, in daytime and calm weather, so
no 4.3 trigger moves it: the level asked is the level of clause 1.4.
"""

from __future__ import annotations

import random
from datetime import datetime

from firedrill.adapters import to_jsonable
from firedrill.i18n import label
from firedrill.models import Level, Text
from firedrill.quiz.gen.common import QUOTE_SEPARATOR, Context, choice, level_text, measure_value
from firedrill.quiz.gen.incidents import Fire, draw_fire, grade_values
from firedrill.quiz.gen.moments import draw_moment
from firedrill.quiz.model import Option, Question
from firedrill.quiz.texts import join, plain, tx
from firedrill.rules import assess
from firedrill.rules.schema import Criterion, Measure

TOPIC = "grading"


def quiet_moment(rng: random.Random, ctx: Context) -> datetime:
    """An ordinary day, in daytime: no 4.3(1) holiday and no 4.3(3) night."""
    draw = ctx.settings.draw
    return draw_moment(
        rng,
        draw.year,
        ctx.rulebook.escalation.night,
        holiday=False,
        want_night=False,
        offsets=draw.clock_offsets_min,
        boundary_chance=0.0,
        avoid=draw.avoided_days(),
    )


def criterion_reason(criterion: Criterion, fire: Fire) -> Text:
    """ "Deaths 12: “造成10人以上30人以下死亡” (1.4)" for one criterion that holds."""
    value = dict(fire.values).get(criterion.measure)
    shown = (
        join(label("hazard", h.value) for h in fire.hazards if h in criterion.hazards)
        if criterion.measure is Measure.HAZARDS or value is None
        else measure_value(criterion.measure, value)
    )
    return tx("grading.reason", what=criterion.description, value=shown, quote=criterion.quote, clause=criterion.clause)


def explain(fire: Fire, ctx: Context) -> tuple[Level, Text, str, str]:
    """The level, the explanation, the citation and the quote for a fire."""
    grading = ctx.rulebook.grading
    level, holding = grade_values(fire, grading)
    note = grading.inclusive_note
    if not holding:
        standard = grading.national_standard
        text = tx("grading.none", level=level_text(level), note=standard.note, standard=standard.name)
        return level, text, f"{grading.clause}; {standard.name.zh}", note.quote
    deciding = [c for c in holding if c.level is level]
    reasons = join((criterion_reason(c, fire) for c in deciding), tx("grading.and"))
    text = tx("grading.because", level=level_text(level), reasons=reasons, note=note.quote)
    clauses = sorted({c.clause for c in deciding})
    return level, text, "; ".join(clauses), QUOTE_SEPARATOR.join(c.quote for c in deciding)


def level_question(rng: random.Random, ctx: Context) -> Question:
    fire = draw_fire(rng, ctx)
    moment = quiet_moment(rng, ctx)
    level, explanation, citation, quote = explain(fire, ctx)
    incident = fire.incident(moment)
    # Where a documented reading of 1.4 (the hazard sentence) decides the grade, the explanation says so.
    readings = assess(incident, rulebook=ctx.rulebook).readings
    if readings:
        explanation = join(
            (explanation, *(tx("grading.reading", text=r.text, doc=r.doc) for r in readings)), plain(" ")
        )
    options = [Option(value=lv.value, text=level_text(lv)) for lv in Level]
    return choice(
        rng,
        topic=TOPIC,
        form="grading.level",
        prompt=tx("grading.prompt", facts=fire.describe()),
        options=options,
        right=[level.value],
        explanation=explanation,
        citation=citation,
        quote=quote,
        facts={"incident": to_jsonable(incident)},
        keep_order=True,
    )


FORMS = (level_question,)
