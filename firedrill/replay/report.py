"""The after-action report of a drill, as Markdown and as one self-contained HTML page (inline CSS
and the SVG chart of the level over time; no external assets). Both come from the same rows:
per prompt the decision (declared against required) and the procedure (``report_procedure``)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from firedrill.errors import InputError
from firedrill.replay.answers import Declaration
from firedrill.replay.changes import scale_text
from firedrill.replay.chart import level_chart
from firedrill.replay.drill import DrillResult, Mark
from firedrill.replay.report_format import html_list, html_table, md_cell
from firedrill.replay.report_procedure import (
    counts_text,
    procedure_header,
    procedure_heading,
    procedure_notes,
    procedure_rows,
    targets_text,
)
from firedrill.replay.report_review import (
    evaluator,
    exercise_html,
    exercise_markdown,
    mark_review,
    role_names,
    roles_text,
)
from firedrill.replay.scoring import Scoring, load_scoring
from firedrill.replay.timeline import Decision
from firedrill.replay.words import level_name, trigger_name, w

Rows = list[tuple[str, str]]
STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left}"
    ".grade{font-weight:bold}"
)


def _r(key: str, lang: str) -> str:
    return w("report", key, lang)


def _triggers(triggers: tuple[object, ...], lang: str) -> str:
    return ", ".join(trigger_name(str(getattr(t, "value", t)), lang) for t in triggers) or _r("no_issues", lang)


def _declared_scale(d: Declaration) -> str:
    if d.dispatch is None:
        return "-"
    return "/".join("-" if v is None else str(v) for v in (d.dispatch.stations, d.dispatch.formations,
                                                             d.dispatch.engines))  # fmt: skip


def _required_scale(d: Decision, lang: str) -> str:
    return scale_text(d.dispatch) if d.dispatch.set_by_plan else _r("not_set", lang)


def summary_rows(result: DrillResult, scoring: Scoring, lang: str) -> Rows:
    overall = scoring.grade(result.overall)
    return [
        (_r("script", lang), f"{result.title.in_lang(lang)} [{result.script_id}] ({result.file})"),
        (_r("playbook", lang), result.playbook),
        (_r("trainee", lang), result.trainee),
        (_r("period", lang), f"{result.start.isoformat()} → {result.end.isoformat()}"),
        (_r("run_at", lang), result.recorded_at.strftime("%Y-%m-%d %H:%M") if result.recorded_at else "-"),
        (_r("scored_level", lang), _r("scored_level_text", lang)),
        (_r("overall", lang), f"{overall.id.value} ({overall.name.in_lang(lang)})"),
        (_r("score", lang), f"{result.score:g}%"),
        (_r("counts", lang), counts_text(result.counts)),
        (_r("procedure_counts", lang), counts_text(result.procedure_counts)),
        (_r("times", lang), f"{_r('target', lang)} {result.times.target_seconds:g} s, "
                            f"{_r('limit', lang)} {result.times.limit_seconds:g} s"),
        (_r("targets", lang), targets_text(result.targets, lang)),
        *_early_rows(result, lang),
        *([(_r("fired", lang), ", ".join(f"#{n}" for n in result.fired))] if result.fired else []),
        (_r("roles", lang), roles_text(result, role_names(result, lang)) if result.roles else _r("all_roles", lang)),
        *([(_r("evaluator", lang), name)] if (name := evaluator(result)) else []),
    ]  # fmt: skip


def _early_rows(result: DrillResult, lang: str) -> Rows:
    if not result.ended_early:
        return []
    reached = ", ".join(f"#{n}" for n in result.not_reached)
    return [(_r("ended_early", lang), f"{_r('not_reached', lang)}: {reached}")]


def mark_rows(m: Mark, lang: str) -> list[tuple[str, str, str]]:
    """(what, declared, required) for one prompt."""
    d, req = m.declared, m.required
    if d is None:
        none = _r("no_answer", lang)
        return [(_r("level", lang), none, level_name(req.level.value, lang)),
                (_r("accident_grade", lang), "", level_name(req.base_level.value, lang)),
                (_r("triggers", lang), none, _triggers(req.triggers, lang)),
                (_r("dispatch", lang), none, _required_scale(req, lang))]  # fmt: skip
    return [
        (_r("level", lang), level_name(d.level.value, lang), level_name(req.level.value, lang)),
        (_r("accident_grade", lang), "", level_name(req.base_level.value, lang)),
        (_r("triggers", lang), _triggers(d.triggers, lang), _triggers(req.triggers, lang)),
        (_r("dispatch", lang), _declared_scale(d), _required_scale(req, lang)),
        (_r("seconds", lang), f"{m.seconds:g} s" if m.seconds is not None else "-", ""),
        (_r("opened_playbook", lang), _r("yes" if d.opened_playbook else "no", lang), ""),
    ]


def _mark_notes(m: Mark, lang: str, scoring: Scoring) -> Rows:
    notes: Rows = []
    if m.message:
        notes.append((_r("message", lang), m.message.in_lang(lang)))
    notes.append((_r("prompt", lang), m.prompt.in_lang(lang)))
    if m.expected_action:
        clause = f" [{m.clause}]" if m.clause else ""
        notes.append((_r("expected_action", lang), m.expected_action.in_lang(lang) + clause))
    issues = "; ".join(f"{w('issue', i.code.value, lang)} ({i.detail})" for i in m.issues) or _r("no_issues", lang)
    notes.append((_r("issues", lang), issues))
    return notes + mark_review(m, scoring, lang)


def _mark_title(m: Mark, scoring: Scoring, lang: str) -> str:
    grade = scoring.grade(m.grade)
    rating = f"{_r('grade', lang)} {grade.id.value} ({grade.name.in_lang(lang)})"
    if m.override is not None:
        rating += f" [{_r('override', lang)}]"
    return f"#{m.number} {m.offset} {m.at.strftime('%H:%M:%S')} — {rating}"


def to_markdown(result: DrillResult, lang: str = "zh", scoring: Scoring | None = None) -> str:
    scoring = scoring or load_scoring()
    lines = [f"# {_r('title', lang)} — {result.title.in_lang(lang)}", "", "| | |", "| --- | --- |"]
    lines += [f"| {md_cell(k)} | {md_cell(v)} |" for k, v in summary_rows(result, scoring, lang)]
    lines += ["", f"## {_r('marks', lang)}"]
    for m in result.marks:
        lines += ["", f"### {_mark_title(m, scoring, lang)}", ""]
        lines += [f"- **{k}**: {v}" for k, v in _mark_notes(m, lang, scoring)]
        lines += ["", f"| | {_r('declared', lang)} | {_r('required', lang)} |", "| --- | --- | --- |"]
        lines += [f"| {md_cell(a)} | {md_cell(b)} | {md_cell(c)} |" for a, b, c in mark_rows(m, lang)]
        if m.procedure is not None:
            lines += ["", f"#### {procedure_heading(m.procedure, scoring, lang)}", ""]
            lines += [f"- **{k}**: {v}" for k, v in procedure_notes(m.procedure, lang)]
            rows = procedure_rows(m.procedure, lang)
            if rows:
                lines += ["", "| " + " | ".join(procedure_header(lang)) + " |", "|" + " --- |" * 6]
                lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    lines += exercise_markdown(result, lang)
    lines += ["", f"## {_r('levels', lang)}", ""]
    lines += [f"- {offset} {level_name(level.value, lang)}" for offset, _, level in result.levels]
    lines += ["", f"## {_r('method', lang)}", "", w("rule", "text", lang), "", w("rule", "procedure", lang), "",
              scoring.source.note.in_lang(lang), f"({scoring.source.name.in_lang(lang)})", ""]  # fmt: skip
    return "\n".join(lines)


def to_html(result: DrillResult, lang: str = "zh", scoring: Scoring | None = None) -> str:
    scoring = scoring or load_scoring()
    title = f"{_r('title', lang)} — {result.title.in_lang(lang)}"
    body = [
        f"<h1>{escape(title)}</h1>", html_table(list(summary_rows(result, scoring, lang))),
        f"<h2>{escape(_r('chart', lang))}</h2>", level_chart(result, lang), f"<h2>{escape(_r('marks', lang))}</h2>",
    ]  # fmt: skip
    for m in result.marks:
        body.append(f'<h3 class="grade">{escape(_mark_title(m, scoring, lang))}</h3>')
        body.append(html_list(f"<b>{escape(k)}</b>: {escape(v)}" for k, v in _mark_notes(m, lang, scoring)))
        body.append(html_table(list(mark_rows(m, lang)), ("", _r("declared", lang), _r("required", lang))))
        if m.procedure is not None:
            body.append(f'<h4 class="procedure">{escape(procedure_heading(m.procedure, scoring, lang))}</h4>')
            body.append(html_list(f"<b>{escape(k)}</b>: {escape(v)}" for k, v in procedure_notes(m.procedure, lang)))
            rows = procedure_rows(m.procedure, lang)
            if rows:
                body.append(html_table(list(rows), procedure_header(lang)))
    body += exercise_html(result, lang)
    body.append(f"<h2>{escape(_r('levels', lang))}</h2>")
    body.append(html_list(f"{escape(o)} {escape(level_name(lv.value, lang))}" for o, _, lv in result.levels))
    body.append(f"<h2>{escape(_r('method', lang))}</h2><p>{escape(w('rule', 'text', lang))}</p>")
    body.append(f"<p>{escape(w('rule', 'procedure', lang))}</p>")
    body.append(f"<p>{escape(scoring.source.note.in_lang(lang))} ({escape(scoring.source.name.in_lang(lang))})</p>")
    head = (
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    )
    return head + "\n".join(body) + "\n</body>\n</html>\n"


def report_stem(result: DrillResult) -> str:
    trainee = "".join(c if c.isalnum() else "-" for c in result.trainee).strip("-") or "trainee"
    return f"{result.script_id}-{trainee}-{result.start.strftime('%Y%m%dT%H%M')}"


def _free_stem(out_dir: Path, stem: str) -> Path:
    """``stem``, or ``stem-2``, ``stem-3`` …: the first whose report files do not exist yet, so that
    running a drill again never overwrites an earlier report."""
    n = 1
    while True:
        candidate = out_dir / (stem if n == 1 else f"{stem}-{n}")
        if not any(candidate.with_suffix(s).exists() for s in (".md", ".html", ".pdf", ".answers.yaml")):
            return candidate
        n += 1


def write_reports(result: DrillResult, out_dir: Path, lang: str = "zh") -> tuple[Path, Path]:
    """Write ``<stem>.md`` and ``<stem>.html`` into ``out_dir`` (never over an earlier report)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = _free_stem(out_dir, report_stem(result))
        md, page = Path(f"{stem}.md"), Path(f"{stem}.html")
        md.write_text(to_markdown(result, lang), encoding="utf-8")
        page.write_text(to_html(result, lang), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror}", file=out_dir, field="--out") from None
    return md, page
