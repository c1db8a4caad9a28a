"""Topic ``escalation``: clause 4.3 — which trigger raises this major fire, and which fires keep their level.

Circumstances are drawn next to the limits of 4.3 (21:59 / 22:00, 05:59 / 06:00, force 4 / 5,
gust 5 / 6) and on or off the official holiday blocks, so "none of them" is a real possibility.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from firedrill.adapters import to_jsonable
from firedrill.models import Level, Text, Trigger
from firedrill.quiz.gen.common import Context, choice, level_text, pick
from firedrill.quiz.gen.incidents import Fire, draw_fire_at
from firedrill.quiz.gen.moments import draw_force, draw_moment, holiday_name, moment_text
from firedrill.quiz.model import MIN_MULTIPLE, Kind, Option, Question
from firedrill.quiz.texts import join, plain, tx

TOPIC = "escalation"
NONE = "none"
VARIANTS: dict[Trigger, tuple[str, ...]] = {
    Trigger.HOLIDAY_OR_POLITICAL: ("holiday", "political_event", "sensitive_area"),
    Trigger.SEVERE_WEATHER: ("wind", "gust", "severe_weather"),
    Trigger.NIGHT: ("night",),
    Trigger.RISING_CALLS: ("rising_calls",),
    Trigger.MANUAL: ("manual_escalation",),
}


@dataclass(frozen=True)
class Circumstances:
    moment: datetime
    wind: int
    gust: int
    flags: dict[str, Any] = field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        return {"wind_force": self.wind, "gust_force": self.gust, **self.flags}

    def describe(self) -> Text:
        when = moment_text(self.moment)
        name = holiday_name(self.moment.date())
        parts = [tx("circumstance.holiday", when=when, name=name) if name is not None else when]
        parts.append(tx("circumstance.wind", wind=str(self.wind), gust=str(self.gust)))
        parts.extend(tx(f"circumstance.{flag}") for flag in self.flags)
        return join(parts)


def draw_circumstances(rng: random.Random, ctx: Context, target: Trigger | None) -> Circumstances:
    """Circumstances under which exactly ``target`` holds (or, for None, no trigger at all)."""
    draw, rule = ctx.settings.draw, ctx.rulebook.escalation
    variant = rng.choice(VARIANTS[target]) if target is not None else NONE
    moment = draw_moment(
        rng,
        draw.year,
        rule.night,
        holiday=variant == "holiday",
        want_night=variant == "night",
        offsets=draw.clock_offsets_min,
        boundary_chance=draw.boundary_chance,
        avoid=draw.avoided_days(),
    )
    wind = draw_force(rng, rule.wind.wind_force_min, draw.wind_offsets, reaches=variant == "wind")
    gust = draw_force(rng, rule.wind.gust_force_min, draw.wind_offsets, reaches=variant == "gust", floor=wind)
    flags: dict[str, Any] = {}
    if variant in ("political_event", "sensitive_area", "severe_weather", "rising_calls"):
        flags[variant] = True
    elif variant == "manual_escalation":
        flags[variant] = tx("circumstance.manual_reason").zh
    return Circumstances(moment=moment, wind=wind, gust=gust, flags=flags)


def trigger_options(ctx: Context) -> list[Option]:
    """The items of 4.3 by number, not by their words: the circumstances in the stem must not name the answer."""
    options = [
        Option(value=t.id.value, text=tx("escalation.item", item=t.clause.removeprefix(ctx.rulebook.escalation.clause)))
        for t in ctx.rulebook.escalation.triggers
    ]
    return [*options, Option(value=NONE, text=tx("escalation.none"))]


def night_note(moment: datetime, ctx: Context) -> Text | None:
    """The night window's reading, when the time asked sits within a minute of one of its ends."""
    night = ctx.rulebook.escalation.night
    minute = moment.hour * 60 + moment.minute
    ends = {e.hour * 60 + e.minute for e in (night.starts, night.ends)}
    near = {(e + o) % (24 * 60) for e in ends for o in (-1, 0)}
    return tx("escalation.night_reading") if minute in near else None


def trigger_question(rng: random.Random, ctx: Context) -> Question:
    rule = ctx.rulebook.escalation
    target: Trigger | None = rng.choice([*Trigger, None])
    fire = draw_fire_at(rng, ctx, Level(rule.applies_to))
    circumstances = draw_circumstances(rng, ctx, target)
    if target is None:
        night = rule.night
        explanation = tx(
            "escalation.none_explained",
            wind=str(rule.wind.wind_force_min),
            gust=str(rule.wind.gust_force_min),
            starts=night.starts.strftime("%H:%M"),
            ends=night.ends.strftime("%H:%M"),
        )
        citation, quote = rule.clause, rule.quote
    else:
        trigger = rule.trigger(target)
        explanation = tx("escalation.because", quote=trigger.quote, clause=trigger.clause)
        citation, quote = trigger.clause, trigger.quote
    incident = fire.incident(circumstances.moment, **circumstances.fields())
    note = night_note(circumstances.moment, ctx)
    if note is not None:
        explanation = join((explanation, note), plain(" "))
    return choice(
        rng,
        topic=TOPIC,
        form="escalation.trigger",
        prompt=tx("escalation.prompt", facts=fire.describe(), circumstances=circumstances.describe()),
        options=trigger_options(ctx),
        right=[target.value if target else NONE],
        explanation=explanation,
        citation=citation,
        quote=quote,
        facts={"incident": to_jsonable(incident)},
        keep_order=True,
    )


def keeps_level_question(rng: random.Random, ctx: Context) -> Question:
    """Several fires under one trigger: which keep their level? Only a major fire is raised (4.3)."""
    rule = ctx.rulebook.escalation
    target = rng.choice(list(Trigger))
    circumstances = draw_circumstances(rng, ctx, target)
    others = [lv for lv in Level if lv is not rule.applies_to]
    # one major fire (raised) and at least two that keep their level: a 多选 has two or more right options
    levels = [Level(rule.applies_to), *pick(rng, others, 2)]
    levels += [rng.choice(list(Level)) for _ in range(ctx.settings.escalation.incidents - len(levels))]
    fires: list[tuple[Level, Fire]] = []
    seen: set[str] = set()
    for level in levels:
        fire = draw_fire_at(rng, ctx, level)
        if fire.describe().zh not in seen:
            seen.add(fire.describe().zh)
            fires.append((level, fire))
    options = [Option(value=f"fire{i + 1}", text=fire.describe()) for i, (_, fire) in enumerate(fires)]
    keep = [o.value for o, (level, _) in zip(options, fires, strict=True) if level is not rule.applies_to]
    if len(keep) < MIN_MULTIPLE:  # two kept fires read the same and were merged: draw again
        return keeps_level_question(rng, ctx)
    incidents = {
        o.value: to_jsonable(fire.incident(circumstances.moment, **circumstances.fields()))
        for o, (_, fire) in zip(options, fires, strict=True)
    }
    listing = join(
        (
            tx("escalation.fire_level", fire=o.text, level=level_text(level))
            for o, (level, _) in zip(options, fires, strict=True)
        ),
        tx("escalation.list_separator"),
    )
    note = night_note(circumstances.moment, ctx)
    explanation = tx(
        "escalation.only_major",
        quote=rule.quote,
        clause=rule.clause,
        listing=listing,
        trigger=rule.trigger(target).description,
    )
    if note is not None:
        explanation = join((explanation, note), plain(" "))
    return choice(
        rng,
        topic=TOPIC,
        form="escalation.keeps_level",
        kind=Kind.MULTIPLE,
        prompt=tx("escalation.prompt_keeps", circumstances=circumstances.describe()),
        options=options,
        right=keep,
        explanation=explanation,
        citation=rule.clause,
        quote=rule.quote,
        facts={"incidents": incidents},
    )


FORMS = (trigger_question, keeps_level_question)
