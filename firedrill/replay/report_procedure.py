"""The procedure section of an after-action report, per prompt: every tick (recorded, wrong or late)
and every step missed, each with its clause and title, and the procedure rating. The Markdown and
the HTML report (``report.py``) and the console's result panel show the same rows."""

from __future__ import annotations

from firedrill.procedure import ProcedureSettings, load_catalogue
from firedrill.replay.procedure_rating import ProcedureRating, TickVerdict
from firedrill.replay.scoring import GradeId, Scoring
from firedrill.replay.words import level_name, w

Row = tuple[str, str, str, str, str, str]  # state, step id, clause, title, time, detail


def _r(key: str, lang: str) -> str:
    return w("report", key, lang)


def step_cells(step_id: str, lang: str) -> tuple[str, str, str]:
    """(id, clause, title) of a step as the report shows it."""
    step = load_catalogue().step(step_id)
    if step is None:
        return step_id, "-", "-"
    return step_id, step.clause, step.title.in_lang(lang)


def _tick_row(v: TickVerdict, lang: str) -> Row:
    step_id, clause, title = step_cells(v.step, lang)
    who = f"{_r('by', lang)} {v.by}" if v.by else ""
    if v.by_others:
        return "· " + _r("by_others", lang), step_id, clause, title, v.offset, _r("by_others_detail", lang)
    if v.refused is not None:
        detail = f"{w('refusal', v.refused.value, lang)}: {v.reason or ''}".strip()
        return "✗ " + _r("wrong", lang), step_id, clause, title, v.offset, detail
    if v.late and v.deadline is not None:
        source = _r(f"deadline_{v.deadline_source.value}", lang) if v.deadline_source else _r("local_setting", lang)
        detail = f"{_r('deadline', lang)} {v.deadline.strftime('%H:%M:%S')} ({source})"
        return "⏱ " + _r("late", lang), step_id, clause, title, v.offset, "; ".join(p for p in (detail, who) if p)
    return "✓ " + _r("ticked", lang), step_id, clause, title, v.offset, who


def procedure_rows(rating: ProcedureRating, lang: str) -> list[Row]:
    """Ticks in time order, then the steps missed (at the window's end)."""
    rows = [_tick_row(v, lang) for v in rating.ticks]
    by = rating.missed_by or (rating.until_offset,) * len(rating.missed)  # drills stored before deadlines
    for step_id, deadline in zip(rating.missed, by, strict=True):
        sid, clause, title = step_cells(step_id, lang)
        rows.append(("○ " + _r("missed", lang), sid, clause, title, deadline, _r("missed_detail", lang)))
    return rows


def procedure_heading(rating: ProcedureRating, scoring: Scoring, lang: str) -> str:
    level = level_name(rating.level.value, lang)
    if rating.grade is None:
        rated = _r("not_rated", lang)
    else:
        grade = scoring.grade(rating.grade)
        rated = f"{_r('grade', lang)} {grade.id.value} ({grade.name.in_lang(lang)})"
    return f"{_r('procedure', lang)} ({_r('at_level', lang)} {level}) — {rated}"


def procedure_notes(rating: ProcedureRating, lang: str) -> list[tuple[str, str]]:
    sep = ", "
    notes = [
        (_r("due", lang), f"{len(rating.due)} · " + (sep.join(rating.due) or _r("no_issues", lang))),
        (_r("counted", lang), f"{_r('ticked', lang)} {len(rating.ticks) - len(rating.wrong)} · "
                              f"{_r('missed', lang)} {len(rating.missed)} · {_r('wrong', lang)} {len(rating.wrong)} · "
                              f"{_r('late', lang)} {len(rating.late)}"),
    ]  # fmt: skip
    if rating.by_script:
        notes.append((_r("by_script", lang), sep.join(rating.by_script)))
    return notes


def procedure_header(lang: str) -> tuple[str, ...]:
    return tuple(_r(k, lang) for k in ("col_state", "col_step", "col_clause", "col_title", "col_time", "col_detail"))


def counts_text(counts: dict[GradeId, int]) -> str:
    return " · ".join(f"{g.value} {n}" for g, n in counts.items())


def targets_text(targets: ProcedureSettings, lang: str) -> str:
    if not targets.targets:
        return _r("no_targets", lang)
    parts = [f"{key} {t.minutes:g} {_r('minutes', lang)} ← {t.after}" for key, t in sorted(targets.targets.items())]
    return "; ".join(parts) + f" ({_r('local_setting', lang)})"
