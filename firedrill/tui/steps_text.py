"""What the checklist panel says, in the screen's language: one row per step (state, title, clause,
who, when since the report, notes), a summary, the steps a level change adds or removes, and why a
tick was refused. The engine's refusal messages are English; the console says them from their code.
No Textual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from firedrill.procedure import ChecklistState, LevelChange, Refusal, RefusalCode, Step, StepState, StepStatus
from firedrill.procedure.labels import labels
from firedrill.procedure.schema import Catalogue, Condition
from firedrill.tui.clock import elapsed
from firedrill.tui.glance import time_left
from firedrill.tui.words import colon, list_sep, w, word

STAGE = "stage"  # Row.state of a stage heading
MARKS = {StepState.DONE: "✓", StepState.SKIPPED: "-", StepState.OVERDUE: "!", StepState.DUE: "○",
         StepState.WAITING: "…", StepState.NOT_APPLICABLE: " "}  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One line or two of the checklist: a stage heading (``step_id`` None) or a step."""

    step_id: str | None
    state: str  # a StepState value, or STAGE
    head: str
    detail: str


def when(reported_at: datetime, at: datetime, lang: str) -> str:
    """A recorded time and the time since the fire was reported: ``21:55:10 报警后+00:05:10``."""
    return w("since_report", lang).format(time=at.strftime("%H:%M:%S"), elapsed=elapsed(reported_at, at))


def by_name(catalogue: Catalogue, by: str | None, lang: str) -> str | None:
    """Who recorded it; a plan actor recorded in the plan's words is shown in the screen's language."""
    for actor in catalogue.actors.values():
        if by == actor.zh:
            return actor.in_lang(lang)
    return by


def titles(catalogue: Catalogue, ids: tuple[str, ...] | list[str], lang: str) -> str:
    steps = [catalogue.step(i) for i in ids]
    return list_sep(lang).join(s.title.in_lang(lang) if s else i for s, i in zip(steps, ids, strict=True))


def step_row(state: ChecklistState, status: StepStatus, notes: Sequence[str], lang: str) -> Row:
    names, step, cat = labels(), status.step, state.catalogue
    c = colon(lang)
    bits = [names.state(status.state, lang)]
    tick = status.tick
    if tick is not None:
        bits.append(when(state.reported_at, tick.at, lang))
        bits.append(f"{names.heading('by', lang)}{c}{by_name(cat, tick.by, lang) or '—'}")
        if not status.applicable:
            bits.append(w("step_no_longer", lang))
    else:
        bits.append(cat.actor(step).in_lang(lang))
    if step.as_needed:
        bits.append(names.heading("when_needed", lang))
    if step.condition is Condition.ESCALATED:
        bits.append(names.heading("after_escalation", lang))
    if status.deadline is not None and status.state is not StepState.NOT_APPLICABLE:
        deadline = f"{names.heading('deadline', lang)} {status.deadline:%H:%M}"
        if tick is None:  # still to do: the time left, or how long overdue
            deadline += f" ({time_left(status.deadline, state.now, lang)})"
        bits.append(deadline)
    if status.state is StepState.WAITING and status.missing:
        bits.append(f"{names.heading('first', lang)}{c}{titles(cat, status.missing, lang)}")
    if status.state is StepState.WAITING and status.hazards:
        hazards = list_sep(lang).join(word("hazard", h.value, lang) for h in status.hazards)
        bits.append(f"{names.heading('hazards', lang)}{c}{hazards}")
    if tick is not None and tick.note:
        bits.append(f"{w('step_note', lang)}{c}{tick.note}")
    bits += [f"{w('step_note', lang)}{c}{n}" for n in notes]
    head = f"{MARKS[status.state]} {step.title.in_lang(lang)} [{step.clause}]"
    return Row(step.id, status.state.value, head, " · ".join(bits))


def rows(state: ChecklistState, notes: Mapping[str, Sequence[str]], lang: str) -> list[Row]:
    """Every step in checklist order under its stage's heading."""
    found: list[Row] = []
    stage = None
    for status in state.statuses:
        if status.step.stage != stage:
            stage = status.step.stage
            entry = state.catalogue.stages[stage]
            found.append(Row(None, STAGE, f"{entry.title.in_lang(lang)} [{entry.clause}]", ""))
        found.append(step_row(state, status, notes.get(status.id, ()), lang))
    return found


def summary(state: ChecklistState, lang: str) -> str:
    """Level, how many steps are due, waiting and done; and whether the emergency is declared over."""
    names, c = labels(), colon(lang)
    counts = w("proc_counts", lang).format(due=len(state.due()), waiting=len(state.in_state(StepState.WAITING)),
                                           done=len(state.in_state(StepState.DONE, StepState.SKIPPED)))  # fmt: skip
    text = f"{word('report', 'level', lang)}{c}{word('level', state.grade.level.value, lang)} · {counts}"
    return text + (f" · {names.heading('terminated', lang)}" if state.terminated else "")


def change_text(change: LevelChange, lang: str, limit: int | None = None) -> str:
    """What a change of level adds to the checklist and what it no longer asks for (``limit`` titles each)."""
    c = colon(lang)
    parts = []
    for key, steps in (("proc_added", change.added), ("proc_removed", change.removed)):
        if steps:
            names = [s.title.in_lang(lang) for s in steps[:limit]]
            more = w("and_more", lang).format(n=len(steps)) if len(steps) > len(names) else ""
            parts.append(f"{w(key, lang)}{c}{list_sep(lang).join(names)}{more}")
    return ("；" if lang == "zh" else "; ").join(parts)


def refusal_text(refusal: Refusal, state: ChecklistState, lang: str) -> str:
    """Why a tick was refused, said from the refusal's code with the step's own facts."""
    cat, code = state.catalogue, refusal.code
    step: Step | None = cat.step(refusal.step)
    detail = ""
    if step is not None:
        status = state.status(step.id)
        if code is RefusalCode.DEPENDENCIES:
            detail = titles(cat, status.missing, lang)
        elif code is RefusalCode.ACTIVE_HAZARD:
            detail = list_sep(lang).join(word("hazard", h.value, lang) for h in status.hazards)
        elif code is RefusalCode.NOT_APPLICABLE:
            detail = word("level", state.grade.level.value, lang)
        elif code is RefusalCode.ALREADY_RECORDED and status.tick is not None:
            detail = status.tick.at.strftime("%H:%M:%S")
        elif code is RefusalCode.DEPENDENTS_DONE:
            done = [d.id for d in cat.dependents(step.id) if state.status(d.id).state is StepState.DONE]
            detail = titles(cat, done, lang)
    name = step.title.in_lang(lang) if step is not None else refusal.step
    return f"{w('refused', lang)}{name}{colon(lang)}{w(f'refuse_{code.value}', lang).format(detail=detail)}"
