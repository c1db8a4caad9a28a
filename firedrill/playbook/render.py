"""Plain-text views of playbooks, search hits and phases, in Chinese or English, for the CLI.

Every line that states something from the plan carries its citation, so the reader can check it.
Calculator results are rendered in ``render_calc.py`` and re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from firedrill.models import Text
from firedrill.playbook.catalogue import load_attachments
from firedrill.playbook.citations import iter_entries, playbook_citation
from firedrill.playbook.loader import Library
from firedrill.playbook.params import ParameterRef
from firedrill.playbook.phases import combat_sequence, load_combat_phases
from firedrill.playbook.render_calc import (
    STATUS,
    parameter_line,
    render_collapse,
    render_cooling,
    render_teams,
    render_zone,
)  # fmt: skip
from firedrill.playbook.schema import Item, Playbook, SectionKind
from firedrill.playbook.search import Hit
from firedrill.playbook.settings import load_settings

__all__ = ["STATUS", "render_collapse", "render_cooling", "render_entries", "render_hits", "render_list",
           "render_phases", "render_playbook", "render_teams", "render_unavailable", "render_zone"]  # fmt: skip

INDENT = "  "
LABELS: dict[str, Text] = {
    "site_category": Text(zh="场所类别(第1.4条)", en="Site category (clause 1.4)"),
    "linked_units": Text(zh="联动单位", en="Linked units"),
    "stated": Text(zh="预案写明", en="named by the plan"),
    "implied": Text(zh="由原文推出", en="implied by the sentence"),
    "parameters": Text(zh="参数", en="Parameters"),
    "unavailable": Text(zh="无法载入", en="Unavailable"),
    "local": Text(zh="本地", en="local"),
    "no_hits": Text(zh="没有找到", en="No match"),
    "silent": Text(zh="没有条目对应此阶段", en="no item mapped"),
}


def _l(key: str, lang: str) -> str:
    return LABELS[key].in_lang(lang)


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _shown_number(number_text: str) -> str:
    return number_text if number_text.startswith(("(", "（")) else f"{number_text}."


def _item_lines(items: Iterable[Item], lang: str, depth: int) -> list[str]:
    lines = []
    for item in items:
        words = [t.in_lang(lang) for t in (item.heading, item.text) if t is not None]
        lines.append(f"{INDENT * depth}{_shown_number(item.number)} {_colon(lang).join(words)}")
        lines += _item_lines(item.items, lang, depth + 1)
    return lines


def render_list(library: Library, lang: str) -> list[str]:
    attachments = load_attachments()
    lines = []
    for category, playbooks in library.by_category().items():
        attachment = attachments.for_category(category)
        lines.append(f"附件{attachment.number} {attachment.title.in_lang(lang)} [{category.value}]")
        for p in playbooks:
            local = "" if library.is_builtin(p.id) else f"  ({_l('local', lang)}: {library.source(p.id)})"
            lines.append(f"{INDENT}{p.id:<18} {playbook_citation(p):<7} {p.title.in_lang(lang)}{local}")
    lines += render_unavailable(library, lang)
    return lines


def render_unavailable(library: Library, lang: str) -> list[str]:
    if not library.unavailable:
        return []
    return [f"{_l('unavailable', lang)}:"] + [f"{INDENT}{u.message}" for u in library.unavailable]


def render_playbook(playbook: Playbook, kinds: Sequence[SectionKind], lang: str) -> list[str]:
    whole = len(kinds) == len(SectionKind)
    lines = [f"{playbook_citation(playbook)} {playbook.title.in_lang(lang)} [{playbook.id}]"]
    if whole:
        lines.append(f"{_l('site_category', lang)}: {playbook.site_category.value} — "
                     f"{playbook.site_category_reason.in_lang(lang)}")  # fmt: skip
    for section in playbook.sections:
        if section.kind not in kinds:
            continue
        lines += ["", f"{section.number} {section.heading.in_lang(lang)}"]
        if section.text is not None:
            lines.append(f"{INDENT}{section.text.in_lang(lang)}")
        lines += _item_lines(section.items, lang, 1)
        lines += _figure_notes(playbook, section.kind, lang)
    if whole and playbook.linked_units:
        lines += ["", f"{_l('linked_units', lang)}:"]
        for unit in playbook.linked_units:
            how = _l("stated" if unit.stated else "implied", lang)
            lines.append(f"{INDENT}{unit.name.in_lang(lang)} — {unit.role.in_lang(lang)} ({how}; {unit.cite})")
    if whole and playbook.parameters:
        lines += ["", f"{_l('parameters', lang)}:"]
        lines += [f"{INDENT}{parameter_line(p, lang)}" for p in map(ParameterRef.of, playbook.parameters)]
    return lines


def _figure_notes(playbook: Playbook, kind: SectionKind, lang: str) -> list[str]:
    """The calculators' readings, beside the plan's figures they read (e.g. the cooling intensities)."""
    cooling = load_settings().tank_cooling
    cites = {p.cite for p in playbook.parameters if p.id in (cooling.burning_parameter, cooling.adjacent_parameter)}
    hit = [e.citation for e in iter_entries(playbook) if e.section is kind and e.citation in cites]
    return [f"{INDENT}※ {cite} {cooling.figure_note.in_lang(lang)}" for cite in dict.fromkeys(hit)]


def render_hits(hits: Sequence[Hit], library: Library, lang: str) -> list[str]:
    """Hits grouped under their playbook (search returns them grouped, best playbook first)."""
    if not hits:
        return [_l("no_hits", lang)]
    lines: list[str] = []
    current = ""
    for hit in hits:
        if hit.playbook_id != current:
            current = hit.playbook_id
            p = library.get(current)
            lines.append(f"{p.name.in_lang(lang)} [{p.id}] {playbook_citation(p)}")
        lines.append(f"{INDENT}{hit.citation:<14} {hit.snippet}")
    return lines


def render_phases(playbook: Playbook, lang: str) -> list[str]:
    phases = load_combat_phases()
    lines = [f"{playbook_citation(playbook)} {playbook.title.in_lang(lang)} — 4.5 “{phases.quote}”"]
    for index, step in enumerate(combat_sequence(playbook), start=1):
        lines.append(f"{index}. {step.phase.name.in_lang(lang)}")
        if not step.entries:
            lines.append(f"{INDENT}— {_l('silent', lang)}")
        lines += [f"{INDENT}{e.citation} {e.plain(lang)}" for e in step.entries]
    return lines


def render_entries(playbook: Playbook, lang: str) -> list[str]:
    return [f"{e.citation} {e.plain(lang)}" for e in iter_entries(playbook)]
