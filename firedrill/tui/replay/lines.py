"""What the replay and drill screens say, as plain lines in one language (no Textual).

* ``message_lines``: the messages list, as a real dispatcher's screen shows it: time, elapsed,
  the inject's route and free text, the facts it brings, time alerts, and (replay only, never in
  a drill) the level changes with the clauses that set them.
* ``notices``: the same moments as short notifications, with a severity.
* ``situation_lines``: the incident as known at the replay clock (the drill's main panel: it says
  what was reported and never what the plan demands).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from firedrill.i18n import t
from firedrill.models import Incident, Level
from firedrill.playbook.phases import load_combat_phases
from firedrill.procedure.loader import load_catalogue
from firedrill.replay.engine import Replay
from firedrill.replay.timeline import ChangeKind, Entry, InjectView
from firedrill.replay.words import level_name, w
from firedrill.tui.clock import elapsed
from firedrill.tui.replay.words import rw

LABELLED = {"hazards": "hazard", "site_category": "site_category"}
FLAGS = ("severe_weather", "political_event", "sensitive_area", "rising_calls")
WEATHER = ("wind_force", "gust_force", "wind_speed_ms", "gust_speed_ms")
COUNTS = ("burning_area_m2", "deaths", "serious_injuries", "direct_loss_yuan")
INDENT = "  "


@dataclass(frozen=True)
class Notice:
    text: str
    severity: str  # "information" or "warning"


def _sep(lang: str) -> str:
    return "; " if lang == "en" else ";"


def _colon(lang: str) -> str:
    return ": " if lang == "en" else ":"


def _fact(field: str, value: str, lang: str) -> str:
    shown = value
    if field in LABELLED and value != "-":
        shown = ("、" if lang == "zh" else ", ").join(t(LABELLED[field], v, lang) for v in value.split(","))
    return f"{w('field', field, lang)} {shown}"


def _stamp(entry: Entry, start: datetime) -> str:
    return f"{entry.at.strftime('%H:%M:%S')} {elapsed(start, entry.at)}"


def _inject_lines(i: InjectView, lang: str) -> list[str]:
    """The inject's number and how it came, then who says what, facts, marks and prompt."""
    lines = [f"#{i.number}" + (f" {w('method', i.method.value, lang)}" if i.method else "")]
    route = "→".join(x for x in (i.sender, i.to) if x)
    said = i.message.in_lang(lang) if i.message else ""
    if route or said:
        lines.append(INDENT + (f"{route}{_colon(lang)}{said}" if route and said else route or said))
    facts = [_fact(f.field, f.value, lang) for f in i.facts]
    if i.new_calls:
        facts.append(f"{w('word', 'new_calls', lang)} {i.new_calls}")
    if facts:
        lines.append(INDENT + _sep(lang).join(facts))
    for m in i.procedure:
        step = load_catalogue().step(m.step)
        title = m.step if step is None else step.title.in_lang(lang)
        by = f" ({m.by})" if m.by else ""
        lines.append(f"{INDENT}{w('word', 'procedure', lang)}{_colon(lang)}{title} — "
                     f"{w('procedure_state', m.state.value, lang)}{by}")  # fmt: skip
    if i.prompt:
        lines.append(f"{INDENT}{rw('prompt', lang)}{_colon(lang)}{i.prompt.in_lang(lang)}")
    return lines


def _level_change(entry: Entry) -> tuple[str, str, str] | None:
    """(before, after, clause) of the entry's level change, if any."""
    for c in entry.changes:
        if c.kind is ChangeKind.LEVEL and c.before and c.after:
            return c.before, c.after, c.clause
    return None


def _is_up(before: str, after: str) -> bool:
    return Level(after).rank > Level(before).rank


def message_lines(entry: Entry, start: datetime, lang: str, *, drill: bool) -> list[str]:
    """The lines one timeline entry adds to the messages list (none for a bare start or end)."""
    body: list[str] = []
    for i in entry.injects:
        body += _inject_lines(i, lang)
    body += [f"⚠ [{a.clause}] {a.detail.in_lang(lang)}" for a in entry.alerts]
    change = None if drill else _level_change(entry)
    if change is not None:
        before, after, clause = change
        arrow = "▲" if _is_up(before, after) else "▼"
        body.append(f"{arrow} {w('word', 'level', lang)} {level_name(before, lang)} → {level_name(after, lang)} "
                    f"[{clause}]")  # fmt: skip
    if not body:
        return []
    return [f"{_stamp(entry, start)} {body[0]}", *(line if line.startswith(INDENT) else INDENT + line
                                                  for line in body[1:])]  # fmt: skip


def notices(entry: Entry, lang: str, *, drill: bool) -> list[Notice]:
    """Notifications for one entry: each inject's message, each alert, the level change (replay only)."""
    found = [Notice(f"#{i.number} {i.message.in_lang(lang)}", "information") for i in entry.injects if i.message]
    found += [Notice(a.detail.in_lang(lang), "warning") for a in entry.alerts]
    change = None if drill else _level_change(entry)
    if change is not None:
        before, after, _ = change
        up = _is_up(before, after)
        found.append(Notice(f"{rw('level_up' if up else 'level_down', lang)}{_colon(lang)}"
                            f"{level_name(before, lang)} → {level_name(after, lang)}",
                            "warning" if up else "information"))  # fmt: skip
    return found


def _number(value: float) -> str:
    return f"{value:g}"


def situation_lines(replay: Replay, incident: Incident, now: datetime, calls: int, lang: str) -> list[str]:
    """What has been reported by ``now``: place, facts, weather, flags, calls, combat phase, time."""
    c = _colon(lang)
    s = replay.loaded.script
    place = s.location.text or "-"
    site = t("site_category", incident.site_category.value, lang)
    lines = [f"{w('word', 'location', lang)}{c}{place}",
             f"{w('word', 'playbook', lang)}{c}{replay.loaded.playbook.name.in_lang(lang)}",
             f"{w('field', 'site_category', lang)}{c}{site}"]  # fmt: skip
    lines += [f"{w('field', f, lang)}{c}{_number(getattr(incident, f))}" for f in COUNTS]
    hazards = ("、" if lang == "zh" else ", ").join(t("hazard", h.value, lang) for h in incident.hazards)
    lines.append(f"{w('field', 'hazards', lang)}{c}{hazards or rw('none', lang)}")
    weather = [f"{w('field', f, lang)} {_number(v)}" for f in WEATHER if (v := getattr(incident, f)) is not None]
    lines += weather or []
    flags = [w("field", f, lang) for f in FLAGS if getattr(incident, f)]
    if incident.manual_escalation:
        flags.append(f"{w('field', 'manual_escalation', lang)}{c}{incident.manual_escalation}")
    lines += [f"✓ {flag}" for flag in flags]
    lines.append(f"{rw('calls', lang)}{c}{calls}")
    phase = replay.phase_at(now)
    if phase is not None:
        name = next((p.name.in_lang(lang) for p in load_combat_phases().phases if p.id == phase), phase)
        lines.append(f"{rw('phase', lang)}{c}{name}")
    lines.append(f"{rw('clock', lang)}{c}{now.strftime('%Y-%m-%d %H:%M:%S')} · "
                 f"{rw('elapsed', lang)} {elapsed(replay.start, now)}")  # fmt: skip
    return lines
