"""The dispatch order as text, to read over the radio or copy out, in one language.

Level, scale (4.4.2), special units, leaders, reports and notifications (4.2), linked units
(4.4.3 and the playbook's), and the playbook's safety notes (注意事项) headline. Every part comes
from the Assessment and the playbook; where the plan sets nothing, the order says so.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from firedrill.incident.entry import format_time
from firedrill.models import Range, Text
from firedrill.playbook.citations import playbook_citation, section_citation
from firedrill.playbook.schema import SectionKind
from firedrill.tui.settings import ORDERS_DIR
from firedrill.tui.words import colon, list_sep, w, word

if TYPE_CHECKING:
    from firedrill.tui.session import Session


def span(r: Range | None, lang: str) -> str:
    if r is None:
        return word("report", "not_set", lang)
    if r.maximum is None:
        return f"{r.minimum} {word('report', 'or_more', lang)}"
    return f"{r.minimum}—{r.maximum}"


def joined(items: tuple[Text, ...] | list[Text], lang: str) -> str:
    return list_sep(lang).join(i.in_lang(lang) for i in items) or word("report", "none", lang)


def safety_headline(session: Session, lang: str) -> list[str]:
    """The heading of the playbook's 注意事项 and each item's text, cited."""
    playbook = session.playbook
    if playbook is None:
        return [w("order_no_playbook", lang)]
    section = playbook.section(SectionKind.SAFETY_NOTES)
    lines = [f"{section.heading.in_lang(lang)} ({section_citation(playbook, section)})"]
    if section.text is not None:
        lines.append(f"  {section.text.in_lang(lang)}")
    for item in section.items:
        words = [t.in_lang(lang) for t in (item.heading, item.text) if t is not None]
        lines.append(f"  {item.number.strip('.、')}. {colon(lang).join(words)}")
    return lines


def radio_line(session: Session, lang: str, units: list[tuple[str, int]] | None) -> str:
    """The order in one line, to read out first: level, address, the stations sent (engines), where to go.

    The plan names no assembly point, so the units go to the scene and the line says so."""
    c, sep = colon(lang), list_sep(lang)
    a = session.assessment
    level = word("level", a.level.value, lang) if a is not None else "—"
    place = session.values.get("location") or w("no_location", lang)
    scene = session.values.get("scene")
    if isinstance(scene, dict) and scene.get("district"):
        place += f"({scene['district']})"
    sent = sep.join(f"{name}{w('radio_engines', lang).format(n=engines)}" for name, engines in units or []) \
        or w("radio_no_units", lang)  # fmt: skip
    point = f" {scene['lon']:.5f},{scene['lat']:.5f}" if isinstance(scene, dict) and "lon" in scene else ""
    return (f"【{w('radio_title', lang)}】{level} · {place} · {w('radio_send', lang)}{c}{sent} · "
            f"{w('radio_meet', lang)}{c}{w('radio_scene', lang)}{point}({w('radio_no_assembly', lang)})")


def build_order(session: Session, lang: str, now: datetime) -> str:
    """The order for the session's current assessment (the last valid one if a field is wrong)."""
    a = session.assessment
    c = colon(lang)
    location = session.values.get("location") or w("no_location", lang)
    lines = [f"{w('order_title', lang)} — {session.id}", f"{w('order_time', lang)}{c}{format_time(now)}",
             f"{w('field_location', lang)}{c}{location}"]  # fmt: skip
    if session.stale:
        lines.append(f"!! {w('order_stale', lang)}")
    if a is None:
        return "\n".join([*lines, w("no_assessment", lang)])
    playbook = session.playbook
    if playbook is not None:
        lines.append(f"{w('field_scenario', lang)}{c}{playbook.title.in_lang(lang)} ({playbook_citation(playbook)})")
    triggers = list_sep(lang).join(word("trigger", t.value, lang) for t in a.triggers) or word("report", "none", lang)
    escalated = word("report", "escalated" if a.escalated else "not_escalated", lang)
    lines += [
        f"{word('report', 'response_level', lang)}{c}{word('level', a.level.value, lang)}"
        f" ({word('report', 'accident_grade', lang)} {word('level', a.base_level.value, lang)}; {escalated};"
        f" {word('report', 'triggers', lang)} {triggers})",
        "",
        f"{word('report', 'dispatch', lang)}{c}",
    ]
    d = a.dispatch
    if d.set_by_plan:
        for key, r in (("stations", d.stations), ("formations", d.formations), ("engines", d.engines)):
            lines.append(f"  {word('report', key, lang)}{c}{span(r, lang)}")
        lines.append(f"  {word('report', 'special_units', lang)}{c}{joined(d.special_units, lang)}")
        lines.append(f"  {word('report', 'leaders', lang)}{c}{joined(d.leaders_respond, lang)}")
        if d.other_actions:
            lines.append(f"  {word('report', 'actions', lang)}{c}{joined(d.other_actions, lang)}")
    if d.note is not None:
        lines.append(f"  {d.note.in_lang(lang)}")
    act = a.activation
    lines += ["", f"{word('report', 'activation', lang)}{c}"]
    if act.set_by_plan and act.goes_to_scene is not None:
        lines.append(f"  {word('report', 'goes_to_scene', lang)}{c}{act.goes_to_scene.in_lang(lang)}")
        lines.append(f"  {word('report', 'reports', lang)}{c}{joined(act.reports, lang)}")
        lines.append(f"  {word('report', 'notifications', lang)}{c}{joined(act.notifications, lang)}")
    elif act.note is not None:
        lines.append(f"  {act.note.in_lang(lang)}")
    lines += ["", f"{word('report', 'linked_units', lang)}{c}{joined([u.name for u in a.linked_units], lang)}"]
    if a.linked_units == () and a.level_note is None:
        lines.append(f"  {word('report', 'not_set', lang)}")
    if playbook is not None and playbook.linked_units:
        lines.append(f"{w('playbook_units', lang)}{c}{joined([u.name for u in playbook.linked_units], lang)}")
    lines.append("")
    lines += safety_headline(session, lang)
    return "\n".join(lines)


def save_order(data_dir: Path, incident_id: str, seq: int, text: str, cad: dict[str, Any] | None = None,
               svg: str | None = None) -> Path:  # fmt: skip
    """Write the order to ``<data dir>/orders/<incident>-<seq>.txt``, the CAD JSON beside it as ``.json``
    and its map as ``.svg`` when there are; returns the text's path."""
    folder = data_dir / ORDERS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{incident_id}-{seq:06d}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    if cad is not None:
        path.with_suffix(".json").write_text(json.dumps(cad, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if svg is not None:
        path.with_suffix(".svg").write_text(svg, encoding="utf-8")
    return path
