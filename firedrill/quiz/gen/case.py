"""Topic ``case``: chained questions on one incident, as a command centre meets it.

One drawn fire (1.4), its circumstances (4.3) and a sign at the scene from one playbook's 火灾特点
lead through six questions in turn (five for a larger fire, which has no groups): the accident
grade (1.4), the fire-alarm level after 4.3, the stations to send (4.4.2), who goes to the scene
(4.2), which playbook (附件1—7) and which group of 2.4 does a duty. Every question repeats the case,
so each also stands alone (practice asks one step). Keys come from the rule data; the verifier asks
``assess`` (what ``firedrill classify`` prints) and the engine's task groups (``firedrill org``).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from firedrill.adapters import to_jsonable
from firedrill.models import Level, Text, Trigger
from firedrill.playbook.schema import SectionKind
from firedrill.quiz.gen.common import QUOTE_SEPARATOR, Context, choice, echoes, level_text, pick, range_text
from firedrill.quiz.gen.escalation import draw_circumstances
from firedrill.quiz.gen.incidents import draw_fire_at, grade_values
from firedrill.quiz.gen.response import NOT_SET, _scale, _scene_options, _scene_value, range_value
from firedrill.quiz.gen.scenario import Candidate, candidates
from firedrill.quiz.model import Option, Question
from firedrill.quiz.texts import tx
from firedrill.rules.response import task_groups_for

TOPIC = "case"
STEPS = ("grade", "level", "dispatch", "scene", "playbook", "group")
CASE_LEVELS = (Level.LARGER, Level.MAJOR, Level.ESPECIALLY_MAJOR)  # where the plan sets who goes (4.2)


@dataclass(frozen=True)
class Case:
    text: Text
    incident: dict[str, Any]
    grade: Level
    level: Level
    sign: Candidate


def _level_after(ctx: Context, grade: Level, triggered: bool) -> Level:
    """The generator's reading of 4.3: a major fire under any circumstance listed is raised one level."""
    rule = ctx.rulebook.escalation
    return Level.ESPECIALLY_MAJOR if grade is Level(rule.applies_to) and triggered else grade


def _bare(text: Text) -> Text:
    """An item's words without the list punctuation at its end (建筑物易倒塌; → 建筑物易倒塌)."""
    ends = ";；。,，.、 "
    return Text(zh=text.zh.rstrip(ends), en=text.en.rstrip(ends))


def draw_case(rng: random.Random, ctx: Context) -> Case:
    grade = rng.choice(CASE_LEVELS)
    fire = draw_fire_at(rng, ctx, grade)
    level_drawn, _ = grade_values(fire, ctx.rulebook.grading)
    target: Trigger | None = rng.choice([*Trigger, None])
    circumstances = draw_circumstances(rng, ctx, target)
    signs = [c for c in candidates(ctx) if c.entry.section is SectionKind.CHARACTERISTICS]
    sign = rng.choice(signs)
    assert sign.entry.text is not None
    incident = fire.incident(circumstances.moment, scenario=sign.playbook.id, **circumstances.fields())
    text = tx("case.text", facts=fire.describe(), circumstances=circumstances.describe(), sign=_bare(sign.entry.text))
    return Case(text, to_jsonable(incident), level_drawn, _level_after(ctx, level_drawn, target is not None), sign)


def _ask(
    rng: random.Random, ctx: Context, case: Case, step: str, ask: Text, options: list[Option], right: str, **kw: Any
) -> Question:
    number = STEPS.index(step) + 1
    return choice(
        rng,
        topic=TOPIC,
        form=f"case.{step}",
        prompt=tx("case.prompt", case=case.text, n=str(number), of=str(len(STEPS)), ask=ask),
        options=options,
        right=[right],
        facts={"incident": case.incident, "step": step, **kw.pop("facts", {})},
        **kw,
    )


def _levels() -> list[Option]:
    return [Option(value=lv.value, text=level_text(lv)) for lv in Level]


def chain(rng: random.Random, ctx: Context) -> tuple[Question, ...]:
    """The six questions of one case, in order."""
    case = draw_case(rng, ctx)
    rules = ctx.rulebook
    grading, escalation = rules.grading, rules.escalation
    questions = [
        _ask(
            rng,
            ctx,
            case,
            "grade",
            tx("case.ask_grade"),
            _levels(),
            case.grade.value,
            keep_order=True,
            explanation=tx("case.explain_grade", level=level_text(case.grade), note=grading.inclusive_note.quote),
            citation=grading.clause,
            quote=grading.inclusive_note.quote,
        ),
        _ask(
            rng,
            ctx,
            case,
            "level",
            tx("case.ask_level"),
            _levels(),
            case.level.value,
            keep_order=True,
            explanation=tx("case.explain_level", level=level_text(case.level), quote=escalation.quote),
            citation=escalation.clause,
            quote=escalation.quote,
        ),
    ]
    entry = rules.response.dispatch.levels[case.level]
    levels = rules.response.dispatch.levels
    quote = (
        entry.quote if entry.set_by_plan else QUOTE_SEPARATOR.join(e.quote for e in levels.values() if e.set_by_plan)
    )
    silence = tx("dispatch.silent", note=entry.note or tx("dispatch.not_set"))
    explanation = tx("dispatch.explain", quote=entry.quote) if entry.set_by_plan else silence
    scale = _scale(ctx, case.level, "stations")
    ranges: dict[str, Option] = {NOT_SET: Option(value=NOT_SET, text=tx("dispatch.not_set"))}
    for lv in Level:
        other = _scale(ctx, lv, "stations")
        if other is not None:
            ranges[range_value(other)] = Option(value=range_value(other), text=range_text(other.minimum, other.maximum))
    questions.append(
        _ask(
            rng,
            ctx,
            case,
            "dispatch",
            tx("case.ask_dispatch"),
            list(ranges.values()),
            range_value(scale),
            explanation=explanation,
            citation="4.4.2",
            quote=quote,
        )
    )
    activation = rules.response.activation
    scene = activation.levels[case.level]
    questions.append(
        _ask(
            rng,
            ctx,
            case,
            "scene",
            tx("case.ask_scene"),
            list(_scene_options(ctx).values()),
            _scene_value(ctx, case.level),
            explanation=tx("activation.explain", quote=scene.quote),
            citation=activation.clause,
            quote=scene.quote or activation.clause,
        )
    )
    sign, entry_text = case.sign, case.sign.entry.text
    assert entry_text is not None
    books = [sign.playbook, *pick(rng, sign.wrong, ctx.settings.generation.choices - 1)]
    questions.append(
        _ask(
            rng,
            ctx,
            case,
            "playbook",
            tx("case.ask_playbook", sign=_bare(entry_text)),
            [Option(value=p.id, text=p.title) for p in books],
            sign.playbook.id,
            explanation=tx("case.explain_playbook", playbook=sign.playbook.title, citation=sign.entry.citation),
            citation=sign.entry.citation,
            quote=entry_text.zh,
            facts={"section": sign.entry.section.value, "citation": sign.entry.citation, "text": entry_text.zh},
        )
    )
    groups = task_groups_for(case.level, rules)
    counts = Counter(m.duty.zh for g in groups for m in g.members)
    if not groups:  # a larger fire: no field headquarters and no groups (2.1, 2.4)
        return tuple(questions)
    names = {g.id: g.name.zh for g in groups}
    group, member = rng.choice(
        [
            (g, m)
            for g in groups
            for m in g.members
            if counts[m.duty.zh] == 1 and not echoes(m.duty.zh, g.name.zh, (n for i, n in names.items() if i != g.id))
        ]
    )
    others = pick(rng, [g for g in groups if g.id != group.id], ctx.settings.generation.choices - 1)
    questions.append(
        _ask(
            rng,
            ctx,
            case,
            "group",
            tx("case.ask_group", duty=member.duty),
            [Option(value=g.id, text=g.name) for g in [group, *others]],
            group.id,
            explanation=tx("organisation.explain", quote=group.quote, group=group.name, clause=group.clause),
            citation=group.clause,
            quote=group.quote,
            facts={"duty": member.duty.zh, "unit": member.unit.zh},
        )
    )
    return tuple(questions)


def one_step(rng: random.Random, ctx: Context) -> Question:
    """One question of a case (practice asks one at a time)."""
    return rng.choice(chain(rng, ctx))


FORMS = (one_step,)
