"""Topics ``dispatch`` (clause 4.4.2 scale) and ``activation`` (clause 4.2: who goes to the scene).

Where the plan sets nothing for a level (a general or larger fire's dispatch scale, a general
fire's activation) the right answer is "the plan sets none": the software says the plan is silent.
"""

from __future__ import annotations

import random

from firedrill.adapters import to_jsonable
from firedrill.models import Level, Range
from firedrill.quiz.gen.common import QUOTE_SEPARATOR, Context, choice, level_text, pick, range_text
from firedrill.quiz.gen.grading import quiet_moment
from firedrill.quiz.gen.incidents import draw_fire_at
from firedrill.quiz.model import MIN_MULTIPLE, Kind, NumericKey, Option, Question
from firedrill.quiz.texts import tx
from firedrill.rules.response import dispatch_for

DISPATCH, ACTIVATION = "dispatch", "activation"
MEASURES = ("stations", "formations", "engines")
NOT_SET = "not_set"


def _incident_json(rng: random.Random, ctx: Context, level: Level) -> dict[str, object]:
    facts: dict[str, object] = to_jsonable(draw_fire_at(rng, ctx, level).incident(quiet_moment(rng, ctx)))
    return facts


def range_value(scale: Range | None) -> str:
    if scale is None:
        return NOT_SET
    return f"{scale.minimum}+" if scale.maximum is None else f"{scale.minimum}-{scale.maximum}"


def _scale(ctx: Context, level: Level, measure: str) -> Range | None:
    entry = ctx.rulebook.response.dispatch.levels[level]
    scale: Range | None = getattr(entry, measure) if entry.set_by_plan else None
    return scale


def dispatch_question(rng: random.Random, ctx: Context) -> Question:
    level, measure = rng.choice(list(Level)), rng.choice(MEASURES)
    scale = _scale(ctx, level, measure)
    unit = tx(f"dispatch.unit_{measure}")
    entry = ctx.rulebook.response.dispatch.levels[level]
    # Where the plan is silent on this level, the quote shows what 4.4.2 does cover.
    levels = ctx.rulebook.response.dispatch.levels
    quote = (
        entry.quote if entry.set_by_plan else QUOTE_SEPARATOR.join(e.quote for e in levels.values() if e.set_by_plan)
    )
    citation = dispatch_for(level, ctx.rulebook).clause
    silence = entry.note or tx("dispatch.not_set")
    explanation = tx("dispatch.explain", quote=quote) if entry.set_by_plan else tx("dispatch.silent", note=silence)
    facts = {"level": level.value, "measure": measure, "incident": _incident_json(rng, ctx, level)}
    what = tx(f"dispatch.{measure}")
    if scale is not None and rng.random() < ctx.settings.generation.numeric_share:
        return Question(
            topic=DISPATCH,
            form="dispatch.numeric",
            kind=Kind.NUMERIC,
            prompt=tx("dispatch.prompt_numeric", level=level_text(level), what=what, unit=unit),
            numeric=NumericKey(minimum=scale.minimum, maximum=scale.maximum, unit=unit),
            explanation=explanation,
            citation=citation,
            quote=quote,
            facts=facts,
        ).with_id()
    options: dict[str, Option] = {NOT_SET: Option(value=NOT_SET, text=tx("dispatch.not_set"))}
    for lv in Level:
        for m in MEASURES:
            other = _scale(ctx, lv, m)
            if other is not None:
                options.setdefault(
                    range_value(other), Option(value=range_value(other), text=range_text(other.minimum, other.maximum))
                )
    right = range_value(scale)
    wrong = pick(rng, [v for v in options if v != right], ctx.settings.generation.choices - 1)
    return choice(
        rng,
        topic=DISPATCH,
        form="dispatch.choice",
        prompt=tx("dispatch.prompt_choice", level=level_text(level), what=what, unit=unit),
        options=[options[v] for v in [right, *wrong]],
        right=[right],
        explanation=explanation,
        citation=citation,
        quote=quote,
        facts=facts,
    )


def _scene_options(ctx: Context) -> dict[str, Option]:
    options = {NOT_SET: Option(value=NOT_SET, text=tx("activation.not_set"))}
    for entry in ctx.rulebook.response.activation.levels.values():
        if entry.set_by_plan and entry.goes_to_scene is not None:
            options.setdefault(entry.goes_to_scene.zh, Option(value=entry.goes_to_scene.zh, text=entry.goes_to_scene))
    return options


def _scene_value(ctx: Context, level: Level) -> str:
    entry = ctx.rulebook.response.activation.levels[level]
    return entry.goes_to_scene.zh if entry.set_by_plan and entry.goes_to_scene is not None else NOT_SET


def scene_question(rng: random.Random, ctx: Context) -> Question:
    level = rng.choice(list(Level))
    entry = ctx.rulebook.response.activation.levels[level]
    options = _scene_options(ctx)
    silence = entry.note or tx("activation.not_set")
    explanation = (
        tx("activation.explain", quote=entry.quote) if entry.set_by_plan else tx("activation.silent", note=silence)
    )
    covered = QUOTE_SEPARATOR.join(
        sorted({e.quote for e in ctx.rulebook.response.activation.levels.values() if e.set_by_plan})
    )
    return choice(
        rng,
        topic=ACTIVATION,
        form="activation.scene",
        prompt=tx("activation.prompt", level=level_text(level)),
        options=list(options.values()),
        right=[_scene_value(ctx, level)],
        explanation=explanation,
        citation=ctx.rulebook.response.activation.clause,
        quote=entry.quote if entry.set_by_plan else covered,
        facts={"level": level.value, "incident": _incident_json(rng, ctx, level)},
    )


def levels_question(rng: random.Random, ctx: Context) -> Question:
    """One arrangement of 4.2 (e.g. the commander goes to the scene): at which levels does it apply?"""
    rules = ctx.rulebook.response.activation
    # only arrangements that hold at two or more levels: a 多选 has at least two right options
    arrangements = [v for v in _scene_options(ctx) if sum(_scene_value(ctx, lv) == v for lv in Level) >= MIN_MULTIPLE]
    wanted = rng.choice(arrangements)
    shown = _scene_options(ctx)[wanted].text
    right = [lv.value for lv in Level if _scene_value(ctx, lv) == wanted]
    quotes = sorted({rules.levels[Level(v)].quote for v in right})
    return choice(
        rng,
        topic=ACTIVATION,
        form="activation.levels",
        kind=Kind.MULTIPLE,
        prompt=tx("activation.prompt_levels", arrangement=shown),
        options=[Option(value=lv.value, text=level_text(lv)) for lv in Level],
        right=right,
        explanation=tx("activation.explain", quote=QUOTE_SEPARATOR.join(quotes)),
        citation=rules.clause,
        quote=QUOTE_SEPARATOR.join(quotes),
        facts={"scene": wanted, "incidents": {lv.value: _incident_json(rng, ctx, lv) for lv in Level}},
        keep_order=True,
    )


DISPATCH_FORMS = (dispatch_question,)
ACTIVATION_FORMS = (scene_question, levels_question)
