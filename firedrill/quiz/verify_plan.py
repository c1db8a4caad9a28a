"""Key checks for the questions on chapters 1—6 beyond the rule tables: clause facts, the command
structure (2.1—2.3), the dispatch principles, the standby rule (4.4.1) and the linked units (4.4.3).

Each derives the key another way than its generator: clause facts by putting every option in the
plan passage and keeping those that read as the plan; posts and the office's seat through the
organisation graph (``firedrill org``); the duty line from the numbers of the quoted sentence; the
standby rule from the station planner's copy of it (以上: at or beyond; 超过: strictly beyond); the
levels the headquarters takes on and the linked units through ``firedrill.rules.response``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from firedrill.models import Level
from firedrill.quiz.gen.clauses import clause_facts
from firedrill.quiz.gen.common import Context
from firedrill.quiz.model import Question
from firedrill.rules.organisation import find_unit
from firedrill.rules.response import field_organisation_applies, linked_units_for
from firedrill.stations.planner import as_standby

Expected = tuple[str, ...]


def _fact(q: Question, ctx: Context) -> Expected:
    fact = next((f for f in clause_facts() if f.id == q.facts["fact"]), None)
    if fact is None:
        return ("no such fact",)
    return tuple(o.value for o in q.options if fact.frame.format(o.value) in fact.quote)


def _post(q: Question, ctx: Context) -> Expected:
    """Options whose unit holds the post, with that person, in the organisation graph."""
    found = []
    for option in q.options:
        unit, person = option.value.split("|", 1)
        roles = find_unit(unit)
        if any(
            r.kind == "post"
            and r.of == q.facts["body"]
            and r.role.zh == q.facts["post"]
            and r.person is not None
            and r.person.zh == person
            and (r.condition.zh if r.condition else None) == q.facts["condition"]
            for r in roles
        ):
            found.append(option.value)
    return tuple(found)


def _phone(q: Question, ctx: Context) -> Expected:
    office = next(b for b in ctx.rulebook.organisation.bodies if b.id == q.facts["body"])
    quote = office.duty_hours.quote if office.duty_hours else ""
    numbers = re.findall(r"\d+", quote.split("电话", 1)[-1])  # the numbers the plan writes after 值班电话
    return tuple(o.value for o in q.options if o.value in numbers)


def _seat(q: Question, ctx: Context) -> Expected:
    return tuple(
        o.value for o in q.options if any(r.kind == "seat" and r.of == q.facts["body"] for r in find_unit(o.value))
    )


def _office_duty(q: Question, ctx: Context) -> Expected:
    office = next(b for b in ctx.rulebook.organisation.bodies if b.id == q.facts["body"])
    return tuple(o.value for o in q.options if any(o.value in d.quote for d in office.duties))


def _levels(q: Question, ctx: Context) -> Expected:
    return tuple(o.value for o in q.options if field_organisation_applies(Level(o.value), ctx.rulebook))


def _principle(q: Question, ctx: Context) -> Expected:
    items = ctx.rulebook.response.principles.items
    return tuple(p.id for p in items if p.quote == q.quote)


def _standby(q: Question, ctx: Context) -> Expected:
    rule = as_standby(ctx.rulebook.response.dispatch.standby)
    level = Level(q.facts["level"])
    applies = level in rule.applies_to and level not in rule.lifted_for
    beyond = q.facts["distance_m"] >= rule.distance_m or q.facts["travel_time_s"] > rule.travel_time_s
    return ("hold",) if applies and beyond else ("send",)


def _linked(q: Question, ctx: Context) -> Expected:
    ids = {u.id for u in linked_units_for(Level(q.facts["from"]), ctx.rulebook)}
    return tuple(o.value for o in q.options if o.value in ids)


PLAN_CHECKS: dict[str, Callable[[Question, Context], Expected]] = {
    "clauses.fact": _fact,
    "command.post": _post,
    "command.phone": _phone,
    "command.seat": _seat,
    "command.office_duty": _office_duty,
    "command.levels": _levels,
    "forces.principle": _principle,
    "forces.standby": _standby,
    "forces.linked": _linked,
}
