"""The after-action record of one incident: Markdown and HTML for people, JSON for programs.

Markdown (``to_markdown``) and HTML (``firedrill.incident.export_html.to_html``) say the record
that ``export_report.build_report`` puts together: titled by place and final level, both levels
named apart, clock times with the time since the report, labels in place of the journal's ids.
``lang="zh"`` puts each label in Chinese with the English beside it; ``lang="en"`` gives English.
What the dispatcher typed (titles, notes, orders) is shown as typed.

JSON: the shape documented in docs/journal.md (``format`` / ``version`` say which shape it is):
every event whole, as the journal holds it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from firedrill.adapters import to_jsonable
from firedrill.i18n import label
from firedrill.incident.export_events import level_text, trigger_text
from firedrill.incident.export_report import LANGS, Report, build_report
from firedrill.incident.export_values import moment
from firedrill.incident.fold import fold
from firedrill.journal.labels import labels, render
from firedrill.journal.store import Journal
from firedrill.playbook.loader import Library

JSON_FORMAT = "firedrill-journal"
JSON_VERSION = 1
__all__ = ["LANGS", "export_data", "to_json", "to_markdown"]


def elapsed_seconds(origin: datetime, at: datetime) -> int:
    """Seconds from the report time (the timeline's origin everywhere) to ``at``; negative before it."""
    return int((at - origin).total_seconds())


def _facts_and_calls(journal: Journal, incident_id: str) -> tuple[dict[str, object], list[datetime], datetime]:
    state = fold(journal.incident(incident_id), journal.events(incident_id))
    facts = {name: value.isoformat() if isinstance(value, datetime) else value for name, value in state.facts.items()}
    return facts, list(state.calls), state.reported_at


def export_data(journal: Journal, incident_id: str) -> dict[str, Any]:
    """The JSON export as a dict of JSON types."""
    incident = journal.incident(incident_id)
    facts, calls, origin = _facts_and_calls(journal, incident_id)
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "incident": to_jsonable(incident),
        "events": [
            {
                **event.model_dump(mode="json", exclude={"incident_id"}),
                "elapsed_seconds": elapsed_seconds(origin, event.at),
            }
            for event in journal.events(incident_id)
        ],
        "facts": facts,
        "calls": [c.isoformat() for c in calls],
    }


def to_json(journal: Journal, incident_id: str) -> str:
    return json.dumps(export_data(journal, incident_id), ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def report_markdown(report: Report) -> str:
    """The record's own sections in Markdown (the procedure's section follows them)."""
    names = labels()

    def h(key: str) -> str:
        return names.heading(key, report.lang)

    lines = [f"# {report.title}", "", f"| {h('item')} | {h('value')} |", "| --- | --- |"]
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in report.header]
    lines += ["", f"## {h('level_over_time')}", ""]
    if report.levels:
        response, grade = render(label("report", "response_level"), report.lang), render(label("report",
                                 "accident_grade"), report.lang)  # fmt: skip
        lines += [f"| {h('at')} | {response} | {grade} | {h('triggers')} |", "| --- | --- | --- | --- |"]
        for p in report.levels:
            why = ", ".join(trigger_text(names, t, report.lang) for t in p.triggers) or h("none")
            lines.append(f"| {moment(p.at, report.origin)} | {level_text(names, p.level, report.lang)} | "
                         f"{level_text(names, p.base_level, report.lang)} | {why} |")  # fmt: skip
    else:
        lines.append(h("none"))
    lines += ["", f"## {h('events')}", ""]
    for e in report.events:
        line = f"- **#{e.seq}** {e.when} · **{e.kind}** · " + e.detail.replace("\n", "\n  ")
        lines.append(line + (f" · {h('actor')}: {e.actor}" if e.actor else ""))
    lines += ["", f"## {h('facts')}", ""]
    if report.facts:
        lines += [f"| {h('item')} | {h('value')} |", "| --- | --- |"]
        lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in report.facts]
    else:
        lines.append(h("none"))
    lines += ["", f"## {h('calls')}", ""]
    lines += [f"- {c}" for c in report.calls] or [h("none")]
    return "\n".join(lines) + "\n"


def to_markdown(journal: Journal, incident_id: str, lang: str = "zh", library: Library | None = None) -> str:
    """The readable after-action record of one incident (without the procedure's section)."""
    return report_markdown(build_report(journal, incident_id, lang, library))
