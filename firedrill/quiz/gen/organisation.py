"""Topic ``organisation``: clause 2.4 — which group and which member unit does a duty, who makes up a group.

Wrong options are other groups and other units of the seven groups, never one that shares the
duty: a duty written for several units (the five members of the expert group) is asked by group
only, and a unit is offered as wrong only if its own duty differs.
"""

from __future__ import annotations

import random
from collections import Counter

from firedrill.quiz.gen.common import Context, choice, echoes, pick
from firedrill.quiz.model import MIN_MULTIPLE, Kind, Option, Question
from firedrill.quiz.texts import tx
from firedrill.rules.schema import Group, Member

TOPIC = "organisation"


def _pairs(ctx: Context) -> list[tuple[Group, Member]]:
    return [(g, m) for g in ctx.rulebook.organisation.groups for m in g.members]


def _unnamed(ctx: Context) -> list[tuple[Group, Member]]:
    """Duties that do not give their group away (对火场周边实施警戒 → 现场警戒组 is not asked)."""
    groups = ctx.rulebook.organisation.groups
    return [
        (g, m) for g, m in _pairs(ctx) if not echoes(m.duty.zh, g.name.zh, (o.name.zh for o in groups if o.id != g.id))
    ]


def _pair_option(group: Group, member: Member) -> Option:
    return Option(
        value=f"{group.id}|{member.unit.zh}", text=tx("organisation.pair", group=group.name, unit=member.unit)
    )


def unit_question(rng: random.Random, ctx: Context) -> Question:
    """A duty written for one unit only: which group and which unit?"""
    pairs = _pairs(ctx)
    counts = Counter(m.duty.zh for _, m in pairs)
    group, member = rng.choice([(g, m) for g, m in _unnamed(ctx) if counts[m.duty.zh] == 1])
    wanted = ctx.settings.generation.choices - 1
    same_group = [p for p in pairs if p[0].id == group.id and p[1].duty.zh != member.duty.zh]
    elsewhere = [p for p in pairs if p[0].id != group.id]
    wrong = pick(rng, same_group, wanted)
    wrong += pick(rng, elsewhere, wanted - len(wrong))
    right = _pair_option(group, member)
    return choice(
        rng,
        topic=TOPIC,
        form="organisation.unit",
        prompt=tx("organisation.prompt_unit", duty=member.duty),
        options=[right, *(_pair_option(g, m) for g, m in wrong)],
        right=[right.value],
        explanation=tx("organisation.explain", quote=member.quote, group=group.name, clause=group.clause),
        citation=group.clause,
        quote=member.quote,
        facts={"duty": member.duty.zh},
    )


def group_question(rng: random.Random, ctx: Context) -> Question:
    """Any member's duty: which group is it written for?"""
    group, member = rng.choice(_unnamed(ctx))
    others = [g for g in ctx.rulebook.organisation.groups if all(m.duty.zh != member.duty.zh for m in g.members)]
    options = [
        Option(value=g.id, text=g.name) for g in [group, *pick(rng, others, ctx.settings.generation.choices - 1)]
    ]
    return choice(
        rng,
        topic=TOPIC,
        form="organisation.group",
        prompt=tx("organisation.prompt_group", duty=member.duty),
        options=options,
        right=[group.id],
        explanation=tx("organisation.explain", quote=group.quote, group=group.name, clause=group.clause),
        citation=group.clause,
        quote=group.quote,
        facts={"duty": member.duty.zh},
    )


def members_question(rng: random.Random, ctx: Context) -> Question:
    """Which of these units are members of a group? (one or more)"""
    groups = ctx.rulebook.organisation.groups
    # A list the plan leaves open (…等) cannot rule any unit out: only closed lists are asked.
    group = rng.choice([g for g in groups if not g.open and len(g.members) >= MIN_MULTIPLE])
    size = ctx.settings.generation.choices + 1
    inside = pick(rng, group.members, rng.randint(MIN_MULTIPLE, min(len(group.members), size - 2)))
    own = {m.unit.zh for m in group.members}
    outside = [m for g in groups if g.id != group.id for m in g.members if m.unit.zh not in own]
    chosen = inside + pick(rng, outside, size - len(inside))
    options = [Option(value=m.unit.zh, text=m.unit) for m in chosen]
    return choice(
        rng,
        topic=TOPIC,
        form="organisation.members",
        kind=Kind.MULTIPLE,
        prompt=tx("organisation.prompt_members", group=group.name),
        options=options,
        right=[m.unit.zh for m in inside],
        explanation=tx("organisation.explain", quote=group.quote, group=group.name, clause=group.clause),
        citation=group.clause,
        quote=group.quote,
        facts={"group": group.id},
    )


FORMS = (unit_question, group_question, members_question)
