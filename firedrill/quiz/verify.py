"""Derive every question's key again, independently of the generator that made it.

Fires go through the rules engine (``assess``); duties through the engine's task groups;
playbook items, parameters, zones and the collapse window through the playbook library and its
calculators; phases through the position of each name in the quoted clause 4.5. A question passes
only if the key the generator wrote is exactly the set (or order, or range) derived here, so no
wrong option can also be right.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime
from typing import Any

from firedrill.adapters import validate
from firedrill.models import Assessment, Incident, Level, Range
from firedrill.playbook.calculators import collapse_window, warning_zone
from firedrill.playbook.citations import iter_entries
from firedrill.playbook.phases import load_combat_phases
from firedrill.playbook.schema import SectionKind
from firedrill.quiz.gen.common import Context, default_context
from firedrill.quiz.model import Kind, Question
from firedrill.quiz.verify_plan import PLAN_CHECKS
from firedrill.rules import assess
from firedrill.rules.response import task_groups_for

Expected = tuple[str, ...] | tuple[float, float | None]


def _assess(data: dict[str, Any], ctx: Context) -> Assessment:
    return assess(validate(Incident, data), rulebook=ctx.rulebook)


def _grading(q: Question, ctx: Context) -> Expected:
    result = _assess(q.facts["incident"], ctx)
    return ("escalated!",) if result.escalated else (result.level.value,)


def _trigger(q: Question, ctx: Context) -> Expected:
    result = _assess(q.facts["incident"], ctx)
    if result.base_level is not ctx.rulebook.escalation.applies_to:
        return ("not a major fire",)
    return tuple(t.value for t in result.triggers) or ("none",)


def _keeps_level(q: Question, ctx: Context) -> Expected:
    results = {v: _assess(data, ctx) for v, data in q.facts["incidents"].items()}
    if not all(r.triggers for r in results.values()):
        return ("no trigger holds",)
    return tuple(o.value for o in q.options if not results[o.value].escalated)


def _scale_value(scale: Range | None) -> str:
    if scale is None:
        return "not_set"
    return f"{scale.minimum}+" if scale.maximum is None else f"{scale.minimum}-{scale.maximum}"


def _dispatch(q: Question, ctx: Context) -> Expected:
    result = _assess(q.facts["incident"], ctx)
    if result.level.value != q.facts["level"]:
        return ("level differs",)
    scale: Range | None = getattr(result.dispatch, q.facts["measure"]) if result.dispatch.set_by_plan else None
    if q.kind is Kind.NUMERIC:
        return (float(scale.minimum), None if scale.maximum is None else float(scale.maximum)) if scale else ("-",)
    return (_scale_value(scale),)


def _scene_of(result: Assessment) -> str:
    scene = result.activation.goes_to_scene
    return scene.zh if result.activation.set_by_plan and scene is not None else "not_set"


def _scene(q: Question, ctx: Context) -> Expected:
    result = _assess(q.facts["incident"], ctx)
    return (_scene_of(result),) if result.level.value == q.facts["level"] else ("level differs",)


def _scene_levels(q: Question, ctx: Context) -> Expected:
    found = []
    for option in q.options:
        result = _assess(q.facts["incidents"][option.value], ctx)
        if result.level.value != option.value:
            return ("level differs",)
        if _scene_of(result) == q.facts["scene"]:
            found.append(option.value)
    return tuple(found)


def _groups(ctx: Context) -> list[tuple[str, str, str]]:
    """(group id, unit, duty) as the engine hands task groups to a major fire."""
    groups = task_groups_for(Level.MAJOR, ctx.rulebook)
    return [(g.id, m.unit.zh, m.duty.zh) for g in groups for m in g.members]


def _org_unit(q: Question, ctx: Context) -> Expected:
    return tuple(f"{g}|{u}" for g, u, d in _groups(ctx) if d == q.facts["duty"])


def _org_group(q: Question, ctx: Context) -> Expected:
    return tuple(dict.fromkeys(g for g, _, d in _groups(ctx) if d == q.facts["duty"]))


def _org_members(q: Question, ctx: Context) -> Expected:
    members = {u for g, u, _ in _groups(ctx) if g == q.facts["group"]}
    return tuple(o.value for o in q.options if o.value in members)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def _scenario(q: Question, ctx: Context) -> Expected:
    """Options whose playbook holds the item, or an item containing it or contained in it."""
    section, asked = SectionKind(q.facts["section"]), _letters(q.facts["text"])
    found = []
    for option in q.options:
        playbook = ctx.library.get(option.value)
        texts = [_letters(e.text.zh) for e in iter_entries(playbook) if e.section is section and e.text]
        if any(t and (asked in t or t in asked) for t in texts):
            found.append(option.value)
    key_playbook = ctx.library.get(q.key_values()[0])
    cited = [e for e in iter_entries(key_playbook) if e.citation == q.facts["citation"]]
    if not cited or cited[0].text is None or cited[0].text.zh != q.facts["text"]:
        return ("citation does not hold the text",)
    return tuple(found)


def _phases(q: Question, ctx: Context) -> Expected:
    data = load_combat_phases()
    names = {p.id: p.name.zh for p in data.phases}
    return tuple(sorted((o.value for o in q.options), key=lambda v: data.quote.find(names[v])))


def _next_phase(q: Question, ctx: Context) -> Expected:
    data = load_combat_phases()
    ranked = sorted(data.phases, key=lambda p: data.quote.find(p.name.zh))
    ids = [p.id for p in ranked]
    following = ids[ids.index(q.facts["after"]) + 1]
    return tuple(o.value for o in q.options if o.value == following)


def _parameter(q: Question, ctx: Context) -> Expected:
    p = ctx.library.get(q.facts["playbook"]).parameter(q.facts["parameter"])
    low, high = p.minimum, p.maximum
    table = {
        "lower": (low, low),
        "upper": (high, high),
        "within": (low, high),
        "exact": (low, high),
        "upper_only": (high, high),
        "lower_only": (low, low),
    }
    first, last = table[q.facts["variant"]]
    return (float(first), None if last is None else float(last)) if first is not None else ("-",)


def _zone(q: Question, ctx: Context) -> Expected:
    return (warning_zone(ctx.library.get(q.facts["playbook"]), q.facts["distance_m"]).zone.id,)


def _window(q: Question, ctx: Context) -> Expected:
    playbook = ctx.library.get(q.facts["playbook"])
    at, ignition = datetime.fromisoformat(q.facts["at"]), datetime.fromisoformat(q.facts["ignition"])
    return (collapse_window(playbook, ignition, at).status.value,)


def _statement(q: Question, ctx: Context) -> Expected:
    """A 判断题 is true exactly when the question it was made from is sound and the claim is its key."""
    base = Question.model_validate(q.facts["base"])
    if verify(base, ctx):
        return ("the question behind the statement is wrong",)
    return ("true",) if (q.facts["claim"],) == base.key_values() else ("false",)


def _case(q: Question, ctx: Context) -> Expected:
    """One step of a case, answered by ``assess`` on the case's incident (what ``firedrill classify`` prints)."""
    result = _assess(q.facts["incident"], ctx)
    step = q.facts["step"]
    if step == "grade":
        return (result.base_level.value,)
    if step == "level":
        return (result.level.value,)
    if step == "dispatch":
        return (_scale_value(result.dispatch.stations if result.dispatch.set_by_plan else None),)
    if step == "scene":
        return (_scene_of(result),)
    if step == "playbook":
        if q.facts["incident"].get("scenario") != q.key_values()[0]:
            return ("the case's scenario is another playbook",)
        return _scenario(q, ctx)
    return tuple(dict.fromkeys(g.id for g in result.task_groups for m in g.members if m.duty.zh == q.facts["duty"]))


CHECKS: dict[str, Callable[[Question, Context], Expected]] = {
    **PLAN_CHECKS,
    **{f"case.{step}": _case for step in ("grade", "level", "dispatch", "scene", "playbook", "group")},
    "judge": _statement,
    "grading.level": _grading,
    "escalation.trigger": _trigger,
    "escalation.keeps_level": _keeps_level,
    "dispatch.numeric": _dispatch,
    "dispatch.choice": _dispatch,
    "activation.scene": _scene,
    "activation.levels": _scene_levels,
    "organisation.unit": _org_unit,
    "organisation.group": _org_group,
    "organisation.members": _org_members,
    **{f"scenario.{section.value}": _scenario for section in SectionKind},
    "phases.order": _phases,
    "phases.next": _next_phase,
    "numbers.parameter": _parameter,
    "numbers.zone": _zone,
    "numbers.window": _window,
}


def _shape_problems(q: Question) -> list[str]:
    problems = []
    if q.id != q.with_id().id:
        problems.append("id is not the digest of the content")
    for lang in ("zh", "en"):
        shown = [o.text.in_lang(lang) for o in q.options]
        if len(set(shown)) != len(shown):
            problems.append(f"two options read the same in {lang}")
        if not all(t.in_lang(lang).strip() for t in (q.prompt, q.explanation)):
            problems.append(f"empty prompt or explanation in {lang}")
    if not q.citation.strip() or not q.quote.strip():
        problems.append("no citation or quote")
    return problems


def verify(question: Question, ctx: Context | None = None) -> list[str]:
    """Every way ``question`` disagrees with the plan's data; empty when its key is the only right answer."""
    ctx = ctx or default_context()
    problems = _shape_problems(question)
    check = CHECKS.get(question.form)
    if check is None:
        return [*problems, f"no check for form '{question.form}'"]
    derived = check(question, ctx)
    if question.kind is Kind.NUMERIC:
        assert question.numeric is not None
        written: Expected = (question.numeric.minimum, question.numeric.maximum)
    elif question.kind is Kind.MULTIPLE:
        written, derived = tuple(sorted(question.key_values())), tuple(sorted(str(v) for v in derived))
    else:
        written = question.key_values()
    if tuple(written) != tuple(derived):
        problems.append(f"key {written} but the data gives {derived}")
    return problems
