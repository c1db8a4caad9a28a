"""Topic ``command``: chapter 2's command structure — who holds each post (2.1—2.3), the office's seat,
duties and duty line (2.2), and which fires the headquarters commands (2.1).

Everything is read from ``rules/data/organisation.yaml``; the verifier asks the organisation graph
(``firedrill.rules.organisation``, what ``firedrill org`` prints) who holds a post and where the
office sits, and ``field_organisation_applies`` which levels the headquarters takes on.
"""

from __future__ import annotations

import random

from firedrill.models import Level, Text
from firedrill.quiz.gen.common import Context, choice, level_text, pick
from firedrill.quiz.model import Kind, Option, Question
from firedrill.quiz.texts import join, plain, tx
from firedrill.rules.schema import Body, Holder, Post

TOPIC = "command"
OFFICE = "office"


def holder_text(holder: Holder) -> Text:
    units = join(holder.units, plain("、"))
    return Text(zh=units.zh + holder.person.zh, en=f"{holder.person.en}, {units.en}")


def holder_value(holder: Holder) -> str:
    return f"{holder.units[0].zh}|{holder.person.zh}"


def _posts(ctx: Context) -> list[tuple[Body, Post]]:
    """Posts whose first holder is one unit: the answer names one holder."""
    return [(b, p) for b in ctx.rulebook.organisation.bodies for p in b.posts if len(p.holders[0].units) == 1]


def _body(ctx: Context, body_id: str) -> Body:
    return next(b for b in ctx.rulebook.organisation.bodies if b.id == body_id)


def post_question(rng: random.Random, ctx: Context) -> Question:
    body, post = rng.choice(_posts(ctx))
    holder = post.holders[0]
    others = [p.holders[0] for b, p in _posts(ctx) if holder_value(p.holders[0]) != holder_value(holder)]
    wrong = pick(rng, others, ctx.settings.generation.choices - 1)
    quote = " … ".join(h.quote for h in post.holders)
    return choice(
        rng,
        topic=TOPIC,
        form="command.post",
        prompt=tx(f"command.post_{post.id}"),
        options=[Option(value=holder_value(h), text=holder_text(h)) for h in (holder, *wrong)],
        right=[holder_value(holder)],
        explanation=tx("command.explain", quote=quote, clause=post.clause),
        citation=post.clause,
        quote=quote,
        facts={"body": body.id, "post": post.title.zh, "condition": holder.condition.zh if holder.condition else None},
    )


def phone_question(rng: random.Random, ctx: Context) -> Question:
    office = _body(ctx, OFFICE)
    hours = office.duty_hours
    assert hours is not None
    others = [n for n in ctx.settings.command.other_phones if n not in hours.phones]
    numbers = [*hours.phones, *pick(rng, others, ctx.settings.generation.choices - len(hours.phones))]
    kind = Kind.MULTIPLE if len(hours.phones) > 1 else Kind.SINGLE
    return choice(
        rng,
        topic=TOPIC,
        form="command.phone",
        kind=kind,
        prompt=tx("command.prompt_phone"),
        options=[Option(value=n, text=plain(n)) for n in numbers],
        right=list(hours.phones),
        explanation=tx(
            "command.explain_phone",
            quote=hours.quote,
            hours=hours.hours,
            others=plain("、".join(n for n in numbers if n not in hours.phones)),
        ),
        citation=office.clause,
        quote=hours.quote,
        facts={"body": OFFICE},
    )


def seat_question(rng: random.Random, ctx: Context) -> Question:
    office = _body(ctx, OFFICE)
    seat = office.seat
    assert seat is not None
    units = {u.zh: u for b in ctx.rulebook.organisation.bodies for p in b.posts for h in p.holders for u in h.units}
    units.update({m.unit.zh: m.unit for g in ctx.rulebook.organisation.groups for m in g.members})
    wrong = pick(rng, [u for name, u in units.items() if name != seat.unit.zh], ctx.settings.generation.choices - 1)
    return choice(
        rng,
        topic=TOPIC,
        form="command.seat",
        prompt=tx("command.prompt_seat"),
        options=[Option(value=u.zh, text=u) for u in (seat.unit, *wrong)],
        right=[seat.unit.zh],
        explanation=tx("command.explain", quote=seat.quote, clause=office.clause),
        citation=office.clause,
        quote=seat.quote,
        facts={"body": OFFICE},
    )


def office_duty_question(rng: random.Random, ctx: Context) -> Question:
    office = _body(ctx, OFFICE)
    duty = rng.choice(office.duties)
    own = {d.text.zh for d in office.duties}
    others = {m.duty.zh: m.duty for g in ctx.rulebook.organisation.groups for m in g.members if m.duty.zh not in own}
    wrong = pick(rng, list(others.values()), ctx.settings.generation.choices - 1)
    return choice(
        rng,
        topic=TOPIC,
        form="command.office_duty",
        prompt=tx("command.prompt_office_duty"),
        options=[Option(value=t.zh, text=t) for t in (duty.text, *wrong)],
        right=[duty.text.zh],
        explanation=tx("command.explain", quote=duty.quote, clause=office.clause),
        citation=office.clause,
        quote=duty.quote,
        facts={"body": OFFICE},
    )


def levels_question(rng: random.Random, ctx: Context) -> Question:
    """2.1: the headquarters commands 重大及以上 — read here as the levels ranked major or higher."""
    hq = _body(ctx, "headquarters")
    duty = hq.duties[0]
    right = [lv.value for lv in Level if lv.rank >= Level.MAJOR.rank]
    return choice(
        rng,
        topic=TOPIC,
        form="command.levels",
        kind=Kind.MULTIPLE,
        prompt=tx("command.prompt_levels"),
        options=[Option(value=lv.value, text=level_text(lv)) for lv in Level],
        right=right,
        explanation=tx("command.explain", quote=duty.quote, clause=hq.clause),
        citation=hq.clause,
        quote=duty.quote,
        facts={"body": hq.id},
        keep_order=True,
    )


FORMS = (post_question, phone_question, seat_question, office_duty_question, levels_question)
