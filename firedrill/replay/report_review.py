"""The exercise sections of an after-action report: the roles played and each delivery's
acknowledgement, the evaluators' notes and changed ratings, and the evaluation — strengths, areas
for improvement and the improvement plan (HSEEP's AAR/IP). Markdown and HTML (``report.py``) show
the same rows."""

from __future__ import annotations

from html import escape

from firedrill.replay.drill import DrillResult, Mark
from firedrill.replay.report_format import Table, html_list, html_table, md_cell, md_table
from firedrill.replay.review import Override
from firedrill.replay.scoring import Scoring
from firedrill.replay.words import w


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


def role_names(result: DrillResult, lang: str) -> dict[str, str]:
    return {k: v.in_lang(lang) for k, v in result.role_names.items()}


def exercise_markdown(result: DrillResult, lang: str) -> list[str]:
    """Deliveries, evaluators' notes and the evaluation (strengths, areas for improvement, plan)."""
    lines: list[str] = []
    deliveries = deliveries_table(result, role_names(result, lang), lang)
    if deliveries is not None:
        lines += ["", f"## {_r('deliveries', lang)}", "", _r("deliveries_note", lang), "", *md_table(deliveries)]
    notes = notes_table(result, lang)
    if notes is not None:
        lines += ["", f"## {_r('notes', lang)}", "", *md_table(notes)]
    strengths, improvements = evaluation_lists(result)
    plan = plan_table(result, lang)
    if strengths or improvements or plan is not None:
        lines += ["", f"## {_r('evaluation', lang)}"]
        for key, items in (("strengths", strengths), ("improvements", improvements)):
            if items:
                lines += ["", f"### {_r(key, lang)}", "", *(f"- {md_cell(i)}" for i in items)]
        if plan is not None:
            lines += ["", f"### {_r('plan', lang)}", "", *md_table(plan)]
    return lines


def exercise_html(result: DrillResult, lang: str) -> list[str]:
    body: list[str] = []
    deliveries = deliveries_table(result, role_names(result, lang), lang)
    if deliveries is not None:
        body += [f"<h2>{escape(_r('deliveries', lang))}</h2>", f"<p>{escape(_r('deliveries_note', lang))}</p>",
                 html_table(deliveries[1], deliveries[0])]  # fmt: skip
    notes = notes_table(result, lang)
    if notes is not None:
        body += [f"<h2>{escape(_r('notes', lang))}</h2>", html_table(notes[1], notes[0])]
    strengths, improvements = evaluation_lists(result)
    plan = plan_table(result, lang)
    if strengths or improvements or plan is not None:
        body.append(f"<h2>{escape(_r('evaluation', lang))}</h2>")
        for key, items in (("strengths", strengths), ("improvements", improvements)):
            if items:
                body += [f'<h3 class="{key}">{escape(_r(key, lang))}</h3>', html_list(escape(i) for i in items)]
        if plan is not None:
            body += [f'<h3 class="plan">{escape(_r("plan", lang))}</h3>', html_table(plan[1], plan[0])]
    return body
