"""Plain-text views of the catalogue and of an incident's checklist, in Chinese or English.

Times are local (Asia/Shanghai); elapsed times count from the report, as in the journal export.
"""

from __future__ import annotations

from datetime import datetime

from firedrill.i18n import t
from firedrill.models import Level
from firedrill.procedure.labels import labels
from firedrill.procedure.schema import Catalogue, Condition, Step
from firedrill.procedure.state import ChecklistState, StepState, StepStatus
from firedrill.procedure.timeline import elapsed_text, timeline

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
CLOCK_FORMAT = "%H:%M:%S"


def _level(level: Level, lang: str) -> str:
    return f"{level.value} ({t('level', level.value, lang)})"


def _marks(step: Step, lang: str) -> str:
    names = labels()
    marks = []
    if step.as_needed:
        marks.append(names.heading("when_needed", lang))
    if step.condition is Condition.ESCALATED:
        marks.append(names.heading("after_escalation", lang))
    return f"  [{'; '.join(marks)}]" if marks else ""


def _line(catalogue: Catalogue, step: Step, lang: str) -> str:
    actor = catalogue.actor(step).in_lang(lang)
    return f"{step.clause:<6} {step.id:<36} {step.title.in_lang(lang)} · {actor}{_marks(step, lang)}"


def steps_text(catalogue: Catalogue, level: Level | None, lang: str) -> str:
    """The checklist in order (of one level, conditional steps marked), grouped by stage."""
    names = labels()
    scope = _level(level, lang) if level else names.heading("all_levels", lang)
    lines = [f"{names.heading('checklist', lang)} — {names.heading('level', lang)}: {scope}"]
    stage = None
    for step in catalogue.steps:
        if level is not None and level not in step.levels:
            continue
        if step.stage != stage:
            stage = step.stage
            entry = catalogue.stages[stage]
            lines.append(f"\n[{entry.clause}] {entry.title.in_lang(lang)}")
        lines.append("  " + _line(catalogue, step, lang))
        details = []
        if step.depends_on:
            details.append(f"{names.heading('after', lang)}: {', '.join(step.depends_on)}")
        if level is None:
            details.append(f"{names.heading('level', lang)}: {', '.join(lv.value for lv in step.levels)}")
        if step.time_target:
            details.append(f"{names.heading('target', lang)}: {step.time_target}")
        if details:
            lines.append("         " + " · ".join(details))
    return "\n".join(lines) + "\n"


def _when(state: ChecklistState, at: datetime) -> str:
    return f"{at.strftime(CLOCK_FORMAT)} ({elapsed_text(at - state.reported_at)})"


def _open_line(state: ChecklistState, status: StepStatus, lang: str) -> str:
    names = labels()
    flag = "!" if status.state is StepState.OVERDUE else "-"
    text = f"  {flag} {names.state(status.state, lang):<8} {_line(state.catalogue, status.step, lang)}"
    if status.deadline is not None:
        text += f"  {names.heading('deadline', lang)}: {_when(state, status.deadline)}"
    if status.missing:
        text += f"  {names.heading('first', lang)}: {', '.join(status.missing)}"
    if status.hazards:
        text += f"  {names.heading('hazards', lang)}: {', '.join(t('hazard', h.value, lang) for h in status.hazards)}"
    return text


def status_text(state: ChecklistState, incident_id: str, lang: str, assessed_now: bool = False) -> str:
    """An incident's checklist: what is due, waiting, done (with elapsed times), skipped, not applicable."""
    names = labels()
    head = (
        f"{incident_id} · {names.heading('level', lang)}: {_level(state.grade.level, lang)} · "
        f"{names.heading('reported', lang)}: {state.reported_at.strftime(TIME_FORMAT)} · "
        f"{names.heading('as_of', lang)}: {_when(state, state.now)}"
    )
    lines = [head]
    if assessed_now:
        lines.append(f"({names.heading('assessed_now', lang)})")
    if state.hazards:
        hazards = ", ".join(t("hazard", h.value, lang) for h in state.hazards)
        lines.append(f"{names.heading('hazards', lang)}: {hazards}")
    if state.terminated:
        lines.append(names.heading("terminated", lang))
    sections = (
        ("due", state.in_state(StepState.OVERDUE, StepState.DUE)),
        ("waiting", state.in_state(StepState.WAITING)),
    )
    for key, statuses in sections:
        lines.append(f"\n{names.heading(key, lang)}:")
        lines.extend(_open_line(state, s, lang) for s in statuses)
        if not statuses:
            lines.append(f"  {names.heading('none', lang)}")
    lines.append(f"\n{names.heading('done', lang)}:")
    entries = timeline(state)
    for entry in entries:
        step = state.status(entry.step).step
        by = f"  {names.heading('by', lang)}: {entry.by}" if entry.by else ""
        late = f"  [{names.heading('late', lang)}]" if entry.late else ""
        note = f"  — {entry.note}" if entry.note else ""
        mark = "" if entry.state is StepState.DONE else f"[{names.state(entry.state, lang)}] "
        lines.append(f"  {entry.elapsed_text:>10} {mark}{_line(state.catalogue, step, lang)}{by}{late}{note}")
    if not entries:
        lines.append(f"  {names.heading('none', lang)}")
    skipped_out = state.in_state(StepState.NOT_APPLICABLE)
    lines.append(f"\n{names.heading('not_applicable', lang)}: {', '.join(s.id for s in skipped_out) or '-'}")
    return "\n".join(lines) + "\n"
