"""The after-action record as one self-contained HTML page, with the level over time drawn inline.

The chart is SVG written into the page (no script, no file beside it, nothing fetched): time runs
from the report to the close, the solid line is the response level (火警等级, after 4.3), the
dashed one the accident grade (事故等级, clause 1.4). Every text from the journal is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from html import escape

from firedrill.incident.export_report import Report, build_report
from firedrill.incident.export_values import clock, either
from firedrill.incident.procedure_export import Checklist
from firedrill.journal.labels import labels, render
from firedrill.journal.store import Journal
from firedrill.models import Level
from firedrill.playbook.loader import Library
from firedrill.procedure.labels import labels as procedure_labels

# The chart's frame in SVG user units: room on the left for the level names, below for the times.
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 220, 170, 20, 16, 44
TICK_GAP = 56  # the narrowest room a time label "21:40" needs
RESPONSE_COLOUR, GRADE_COLOUR = "#b3261e", "#555555"
STYLE = """body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2em;max-width:60em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;text-align:left;
vertical-align:top}h1{font-size:1.4em}.chart text{font-size:12px}.late{color:#b3261e}li{margin:.15em 0}
pre{white-space:pre-wrap;margin:0;font:inherit}"""


def level_chart(report: Report) -> str:
    """The level over time as inline SVG (an empty string when no level was recorded)."""
    if not report.levels:
        return ""
    names = labels()
    order = sorted(Level, key=lambda level: level.rank)
    span = max((report.end - report.origin).total_seconds(), 1.0)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(seconds: float) -> float:
        return LEFT + inner_w * min(max(seconds / span, 0.0), 1.0)

    def y(level: Level) -> float:
        return TOP + inner_h * (1 - order.index(level) / (len(order) - 1))

    def steps(attr: str) -> str:
        """A step line: each level held until the next is recorded, the last until the end."""
        points: list[tuple[float, float]] = []
        for p in report.levels:
            start = x((p.at - report.origin).total_seconds())
            if points:
                points.append((start, points[-1][1]))
            points.append((start, y(getattr(p, attr))))
        points.append((x(span), points[-1][1]))
        return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)

    title = escape(names.heading("level_over_time", report.lang))
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{title}">']  # fmt: skip
    for level in order:
        parts.append(f'<line x1="{LEFT}" y1="{y(level):.1f}" x2="{WIDTH - RIGHT}" y2="{y(level):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y(level) + 4:.1f}" text-anchor="end">'
                     f"{escape(either(names.levels[level].text, report.lang))}</text>")  # fmt: skip
    for seconds, anchor in _ticks([(p.at - report.origin).total_seconds() for p in report.levels], span, x):
        at = report.origin + timedelta(seconds=seconds)
        parts.append(f'<line x1="{x(seconds):.1f}" y1="{TOP}" x2="{x(seconds):.1f}" y2="{HEIGHT - BOTTOM}" '
                     f'stroke="#eee"/><text x="{x(seconds):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="{anchor}">'
                     f"{escape(clock(at, report.origin)[:-3])}</text>")  # fmt: skip
    parts.append(f'<polyline fill="none" stroke="{GRADE_COLOUR}" stroke-width="2" stroke-dasharray="6 4" '
                 f'points="{steps("base_level")}"/>')  # fmt: skip
    parts.append(f'<polyline fill="none" stroke="{RESPONSE_COLOUR}" stroke-width="3" points="{steps("level")}"/>')
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}">{escape(names.word("chart_note", report.lang))}</text></svg>')
    return "".join(parts)


def _ticks(changes: list[float], span: float, x: Callable[[float], float]) -> list[tuple[float, str]]:
    """The report, each change of level and the end, leaving out a label that would overlap the one before."""
    ticks: list[tuple[float, str]] = [(0.0, "start")]
    for seconds in sorted(set(changes)):
        if x(seconds) - x(ticks[-1][0]) >= TICK_GAP and x(span) - x(seconds) >= TICK_GAP:
            ticks.append((seconds, "middle"))
    return [*ticks, (span, "end")] if x(span) - x(0.0) >= TICK_GAP else ticks


def _table(rows: Sequence[tuple[str, ...]], head: tuple[str, ...] | None = None) -> str:
    cells = "".join("<tr>" + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr>" for _ in [0] if head)
    for row in rows:
        cells += "<tr>" + "".join(f"<td><pre>{escape(c)}</pre></td>" for c in row) + "</tr>"
    return f"<table>{cells}</table>"


def _checklist(rows: Checklist | None, lang: str) -> str:
    names = labels()

    def h(key: str) -> str:
        return names.heading(key, lang)

    out = f"<h2>{escape(render(procedure_labels().headings['checklist'], lang))}</h2>"
    if rows is None:
        return out + f"<p>{escape(h('none'))}</p>"
    done = [(f"{r.when}" + (f" ({h('late')})" if r.late else ""), r.clause, r.title, r.state, r.by or "")
            for r in rows.done]  # fmt: skip
    out += f"<h3>{escape(h('steps_done'))}</h3>"
    out += _table(done, (h("at"), h("clause"), h("step"), h("state"), h("by"))) if done else f"<p>{h('none')}</p>"
    out += f"<h3>{escape(h('steps_open'))}</h3><ul>"
    out += "".join(f"<li>{escape(f'{r.clause} {r.title} · {r.state}')}</li>" for r in rows.open) + "</ul>"
    if rows.not_applicable:
        out += f"<p>{escape(h('not_applicable'))}: {escape('; '.join(rows.not_applicable))}</p>"
    return out


def report_html(report: Report) -> str:
    names = labels()

    def h(key: str) -> str:
        return escape(names.heading(key, report.lang))

    events = "".join(
        f"<li><b>#{e.seq}</b> {escape(e.when)} · <b>{escape(e.kind)}</b> · <pre style='display:inline'>"
        f"{escape(e.detail)}</pre>" + (f" · {h('actor')}: {escape(e.actor)}" if e.actor else "") + "</li>"
        for e in report.events
    )
    body = [
        f"<h1>{escape(report.title)}</h1>",
        _table([(k, v) for k, v in report.header]),
        f"<h2>{h('level_over_time')}</h2>",
        level_chart(report) or f"<p>{h('none')}</p>",
        f"<h2>{h('events')}</h2><ul>{events}</ul>",
        f"<h2>{h('facts')}</h2>",
        _table(list(report.facts)) if report.facts else f"<p>{h('none')}</p>",
        f"<h2>{h('calls')}</h2><ul>" + "".join(f"<li>{escape(c)}</li>" for c in report.calls) + "</ul>",
        _checklist(report.checklist, report.lang),
        *([f"<h2>{h('maps')}</h2>"] + [f"<figure>{svg}<figcaption>{escape(when)}</figcaption></figure>"
                                       for when, svg in report.maps] if report.maps else []),
    ]
    lang = "en" if report.lang == "en" else "zh-Hans"
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(report.title)}</title>'
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")  # fmt: skip


def to_html(journal: Journal, incident_id: str, lang: str = "zh", library: Library | None = None) -> str:
    """The whole after-action record (the procedure's checklist included) as one HTML page."""
    return report_html(build_report(journal, incident_id, lang, library))
