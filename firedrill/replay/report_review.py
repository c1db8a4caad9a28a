"""The exercise sections of an after-action report: the roles played and each delivery's
acknowledgement, the evaluators' notes and changed ratings, and the evaluation — strengths, areas
for improvement and the improvement plan (HSEEP's AAR/IP). Markdown and HTML (``report.py``) show
the same rows."""

from __future__ import annotations

from firedrill.replay.drill import DrillResult, Mark
from firedrill.replay.review import Override
from firedrill.replay.scoring import Scoring
from firedrill.replay.words import w

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]  # header, rows


def _r(key: str, lang: str) -> str:
    return w("report", key, lang)


def roles_text(result: DrillResult, names: dict[str, str]) -> str:
    return "、".join(names.get(r, r) for r in result.roles)


def deliveries_table(result: DrillResult, names: dict[str, str], lang: str) -> Table | None:
    if not result.deliveries:
        return None
    head = tuple(_r(k, lang) for k in ("col_inject", "col_time", "col_to", "col_method", "col_ack"))
    rows: list[tuple[str, ...]] = []
    for d in result.deliveries:
        method = w("method", d.method.value, lang) if d.method else "-"
        ack = f"✓ {d.seconds:g} s" if d.acknowledged and d.seconds is not None else "✗ " + _r("not_acked", lang)
        to = "、".join(names.get(r, r) for r in d.to)
        rows.append((f"#{d.number}", f"{d.offset} {d.at.strftime('%H:%M:%S')}", to, method, ack))
    return head, rows


def override_text(override: Override, rule: object, scoring: Scoring, lang: str) -> str:
    by = f" ({override.by})" if override.by else ""
    was = getattr(rule, "value", "-")
    return f"{_r('override', lang)}{by}: {was} → {override.grade.value} — {override.reason}"


def mark_review(m: Mark, scoring: Scoring, lang: str) -> list[tuple[str, str]]:
    """Notes and changed ratings of one prompt, for its list of notes."""
    rows = []
    if m.note:
        rows.append((_r("evaluator_note", lang), m.note))
    if m.override is not None:
        rows.append((_r("decision_override", lang), override_text(m.override, m.rule_grade, scoring, lang)))
    if m.procedure is not None and m.procedure.override is not None:
        text = override_text(m.procedure.override, m.procedure.rule_grade, scoring, lang)
        rows.append((_r("procedure_override", lang), text))
    return rows


def notes_table(result: DrillResult, lang: str) -> Table | None:
    notes = result.review.notes
    if not notes:
        return None
    head = (_r("col_about", lang), _r("col_note", lang), _r("col_by", lang))
    rows: list[tuple[str, ...]] = [
        (f"#{n.inject}" if n.inject is not None else str(n.step), n.note, n.by or "") for n in notes
    ]
    return head, rows


def evaluation_lists(result: DrillResult) -> tuple[tuple[str, ...], tuple[str, ...]]:
    e = result.review.evaluation
    return (e.strengths, e.improvements) if e is not None else ((), ())


def plan_table(result: DrillResult, lang: str) -> Table | None:
    e = result.review.evaluation
    if e is None or not e.plan:
        return None
    head = tuple(_r(k, lang) for k in ("col_issue", "col_action", "col_unit", "col_due"))
    return head, [(p.issue or "", p.action, p.unit, p.due.isoformat()) for p in e.plan]


def evaluator(result: DrillResult) -> str | None:
    e = result.review.evaluation
    return e.evaluator if e is not None else None
