"""The decision timeline as text (Chinese by default, ``lang="en"``) and as JSON data.

The JSON shape (docs/scenarios.md) is ``{"format": "firedrill-replay", "version": 1, "replays": […],
"summary": {…}}``; keys keep the models' field order, so the output is byte-for-byte stable.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from firedrill.adapters import to_jsonable
from firedrill.i18n import t
from firedrill.procedure.loader import load_catalogue
from firedrill.replay.changes import scale_text
from firedrill.replay.engine import Replay
from firedrill.replay.script_rules import script_rule_keys
from firedrill.replay.timeline import Change, ChangeKind, Decision, Entry, ExpectationResult
from firedrill.replay.words import level_name, trigger_name, w

FORMAT = "firedrill-replay"
LABELLED = {"hazards": "hazard", "site_category": "site_category"}
VERSION = 1
INDENT = " " * 10


def decision_text(d: Decision, lang: str) -> str:
    escalated = w("word", "escalated" if d.escalated else "not_escalated", lang)
    triggers = ", ".join(trigger_name(t.value, lang) for t in d.triggers) or w("word", "none", lang)
    scale = scale_text(d.dispatch) if d.dispatch.set_by_plan else w("word", "not_set", lang)
    return (
        f"{w('word', 'level', lang)} {level_name(d.level.value, lang)} "
        f"({w('word', 'base_level', lang)} {level_name(d.base_level.value, lang)}, {escalated}) · "
        f"{w('word', 'triggers', lang)} {triggers} · {w('word', 'dispatch', lang)} {scale}"
    )


def _step_title(step_id: str, lang: str) -> str:
    step = load_catalogue().step(step_id)
    return step_id if step is None else step.title.in_lang(lang)


def _maybe_level(value: str | None, lang: str) -> str:
    return "-" if value is None else level_name(value, lang)


def change_text(c: Change, lang: str) -> str:
    k = c.kind
    if k is ChangeKind.LEVEL:
        body = f"{w('word', 'level', lang)} {_maybe_level(c.before, lang)} → {_maybe_level(c.after, lang)}"
    elif k is ChangeKind.BASE_LEVEL:
        body = f"{w('word', 'base_level', lang)} {_maybe_level(c.before, lang)} → {_maybe_level(c.after, lang)}"
    elif k is ChangeKind.ESCALATION:
        names = ", ".join(trigger_name(t, lang) for t in (c.after or "").split(",") if t)
        body = f"{w('word', 'escalation_on', lang)}: {names}" if c.after else w("word", "escalation_off", lang)
    elif k in (ChangeKind.TRIGGER_ON, ChangeKind.TRIGGER_OFF):
        body = f"{w('word', k.value, lang)}: {trigger_name(c.after or c.before or '', lang)}"
    elif k is ChangeKind.DISPATCH:
        body = f"{w('word', 'scale', lang)} {c.before} → {c.after}"
    elif k is ChangeKind.ACTIVATION:
        body = f"{w('word', 'goes_to_scene', lang)}: {c.detail.in_lang(lang) if c.detail else '-'}"
    elif k in (ChangeKind.PROCEDURE_ADDED, ChangeKind.PROCEDURE_REMOVED):
        sep = "; " if lang == "en" else "、"
        steps = sep.join(_step_title(s, lang) for s in (c.after or c.before or "").split(",") if s)
        body = f"{w('word', k.value, lang)}: {steps}"
    else:
        name = c.detail.in_lang(lang) if c.detail else (c.after or "-")
        cites = ", ".join(c.cites) if c.cites else w("word", "silent", lang)
        body = f"{w('word', 'combat_phase', lang)}: {name} [{cites}]"
    return f"[{c.clause}] {body}"


def _fact_value(field: str, value: str, lang: str) -> str:
    """Hazards and site categories by their names; other values as recorded."""
    if field in LABELLED and value != "-":
        return ",".join(t(LABELLED[field], v, lang) for v in value.split(","))
    return value


def entry_lines(e: Entry, lang: str, *, answers: bool = True) -> list[str]:
    """The lines of one entry; ``answers=False`` (drill mode) leaves out what the trainee must work
    out: the expected action, the changes and the plan's decision."""
    kinds = "/".join(w("entry", k.value, lang) for k in e.kinds)
    lines = [f"{e.offset:>9}  {e.at.strftime('%H:%M:%S')}  {kinds}"]
    for i in e.injects:
        route = " ".join(p for p in (w("method", i.method.value, lang) if i.method else "",
                                     "→".join(x for x in (i.sender, i.to) if x)) if p)  # fmt: skip
        head = f"{INDENT}#{i.number}" + (f" [{route}]" if route else "")
        lines.append(head + (f" {i.message.in_lang(lang)}" if i.message else ""))
        facts = [f"{w('field', f.field, lang)} {_fact_value(f.field, f.value, lang)}" for f in i.facts]
        if i.new_calls:
            facts.append(f"{w('word', 'new_calls', lang)} {i.new_calls}")
        if facts:
            lines.append(f"{INDENT}  " + "; ".join(facts))
        for m in i.procedure:
            by = f" ({m.by})" if m.by else ""
            lines.append(f"{INDENT}  {w('word', 'procedure', lang)}: {_step_title(m.step, lang)} — "
                         f"{w('procedure_state', m.state.value, lang)}{by}")  # fmt: skip
        if i.prompt:
            lines.append(f"{INDENT}  {w('word', 'prompt', lang)}: {i.prompt.in_lang(lang)}")
        if i.expected_action and answers:
            clause = f" [{i.clause}]" if i.clause else ""
            lines.append(f"{INDENT}  {w('word', 'expected_action', lang)}: {i.expected_action.in_lang(lang)}{clause}")
    lines += [f"{INDENT}! [{a.clause}] {a.detail.in_lang(lang)}" for a in e.alerts]
    if not answers:
        return [*lines, f"{INDENT}  {w('word', 'calls', lang)} {e.calls}"]
    lines += [f"{INDENT}* {change_text(c, lang)}" for c in e.changes]
    lines.append(f"{INDENT}= {decision_text(e.decision, lang)} · {w('word', 'calls', lang)} {e.calls}")
    return lines


def header_lines(replay: Replay, lang: str) -> list[str]:
    s = replay.loaded.script
    where = s.location
    location = where.text or (f"node {where.node}" if where.node is not None else f"{where.lon},{where.lat}")
    lines = [
        f"== {s.title.in_lang(lang)} [{s.id}] — {replay.loaded.file}",
        f"   {w('word', 'playbook', lang)} {s.playbook} · {replay.start.isoformat()} → {replay.end.isoformat()}"
        f" · {w('word', 'location', lang)} {location}",
    ]
    own = script_rule_keys(replay.loaded)
    if own:
        lines.append(f"   {w('word', 'script_rules', lang)}: {', '.join(own)}")
    return lines


def expectation_line(file: str, r: ExpectationResult, lang: str) -> str:
    where = f"{file}:{r.line}" if r.line is not None else file
    status = w("word", "passed" if r.passed else "failed", lang)
    failed = [c for c in r.checks if not c.passed]
    detail = "; ".join(
        f"{c.field}: {w('word', 'expected', lang)} {c.expected}, {w('word', 'actual', lang)} {c.actual}" for c in failed
    )
    fields = ",".join(c.field for c in r.checks)
    return f"{status} {where}: expect[{r.index}] {r.offset} ({fields})" + (f" — {detail}" if detail else "")


def render_text(replay: Replay, results: Sequence[ExpectationResult], lang: str) -> str:
    lines = header_lines(replay, lang)
    for entry in replay.timeline:
        lines += entry_lines(entry, lang)
    lines += [expectation_line(replay.loaded.file, r, lang) for r in results]
    return "\n".join(lines)


def replay_data(replay: Replay, results: Sequence[ExpectationResult]) -> dict[str, Any]:
    s = replay.loaded.script
    return {
        "file": replay.loaded.file,
        "script": {
            "id": s.id, "title": s.title.model_dump(mode="json"), "author": s.author, "playbook": s.playbook,
            "location": s.location.model_dump(mode="json", exclude_none=True), "start": replay.start.isoformat(),
            "end": replay.end.isoformat(), "ignition": replay.loaded.ignition.isoformat(),
        },
        "timeline": [e.model_dump(mode="json", by_alias=True) for e in replay.timeline],
        "expectations": [to_jsonable(r) for r in results],
    }  # fmt: skip


def summary(counts: Sequence[tuple[int, int]]) -> dict[str, int]:
    """``counts``: (expectations, failed) per script."""
    return {
        "scripts": len(counts),
        "expectations": sum(n for n, _ in counts),
        "failed": sum(f for _, f in counts),
        "scripts_failed": sum(1 for _, f in counts if f),
    }


def to_json(replays: Sequence[dict[str, Any]], totals: dict[str, int]) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, "replays": list(replays), "summary": totals},
                      ensure_ascii=False, indent=2)  # fmt: skip


def summary_line(totals: dict[str, int], lang: str) -> str:
    return (
        f"{w('word', 'summary', lang)}: {totals['scripts']} {w('word', 'scripts', lang)}, "
        f"{totals['expectations']} {w('word', 'expectations', lang)}, {totals['failed']} {w('word', 'failures', lang)}"
    )
