"""Plain-text views of playbooks and calculator results, in Chinese or English, for the CLI.

Every line that states something from the plan carries its citation, so the reader can check it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from firedrill.models import Text
from firedrill.playbook.calculators import CoolingResult, ZoneResult
from firedrill.playbook.catalogue import load_attachments
from firedrill.playbook.citations import iter_entries, playbook_citation
from firedrill.playbook.collapse import CollapseResult, WindowStatus
from firedrill.playbook.loader import Library
from firedrill.playbook.params import ParameterRef, number, rounded
from firedrill.playbook.phases import combat_sequence, load_combat_phases
from firedrill.playbook.schema import Item, Playbook, SectionKind
from firedrill.playbook.search import Hit
from firedrill.playbook.teams import MetroTeamsResult

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
    "silent": Text(zh="本预案没有写到此项", en="this playbook says nothing on it"),
    "total": Text(zh="合计", en="Total"),
    "burning": Text(zh="燃烧罐", en="Burning tank"),
    "adjacent": Text(zh="邻近罐", en="Adjacent tanks"),
    "formula": Text(zh="公式", en="Formula"),
    "reading": Text(zh="读法", en="Reading"),
    "basis": Text(zh="依据", en="Basis"),
    "caution": Text(zh="注意", en="Caution"),
    "assumption": Text(zh="假设", en="Assumption"),
    "plan_says": Text(zh="预案原文", en="The plan"),
    "zone": Text(zh="警戒区", en="Warning zone"),
    "zones": Text(zh="各区范围", en="Zones"),
    "officers": Text(zh="出入口安全员", en="Safety officers at each entrance"),
    "elapsed": Text(zh="起火后已过", en="Since ignition"),
    "window": Text(zh="塌落时段", en="Collapse window"),
    "recon": Text(zh="侦察力量", en="Reconnaissance"),
    "cooling": Text(zh="油罐冷却用水量", en="Cooling water for oil tanks"),
    "boundary": Text(
        zh="距离恰在预案写的边界上,按下述读法归区",
        en="The distance is on a boundary the plan writes; it is placed by the reading below",
    ),
    "opens": Text(zh="进入塌落时段", en="Window opens"),
    "closes": Text(zh="塌落时段结束", en="Window closes"),
    "attack": Text(zh="内攻力量", en="Interior attack"),
}
STATUS: dict[WindowStatus, Text] = {
    WindowStatus.BEFORE: Text(zh="尚未进入塌落时段", en="before the collapse window"),
    WindowStatus.INSIDE: Text(zh="处于塌落时段内", en="inside the collapse window"),
    WindowStatus.PAST: Text(zh="已过塌落时段", en="past the collapse window"),
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
    if whole and playbook.linked_units:
        lines += ["", f"{_l('linked_units', lang)}:"]
        for unit in playbook.linked_units:
            how = _l("stated" if unit.stated else "implied", lang)
            lines.append(f"{INDENT}{unit.name.in_lang(lang)} — {unit.role.in_lang(lang)} ({how}; {unit.cite})")
    if whole and playbook.parameters:
        lines += ["", f"{_l('parameters', lang)}:"]
        lines += [f"{INDENT}{_parameter(p, lang)}" for p in map(ParameterRef.of, playbook.parameters)]
    return lines


def _parameter(p: ParameterRef, lang: str) -> str:
    low = number(p.minimum) if p.minimum is not None else ""
    high = number(p.maximum) if p.maximum is not None else ""
    span = low if low == high else f"{low}–{high}"
    return f"{p.name.in_lang(lang)} [{p.id}]: {span} {p.unit} — “{p.quote}” ({p.cite})"


def render_hits(hits: Sequence[Hit], library: Library, lang: str) -> list[str]:
    if not hits:
        return [_l("no_hits", lang)]
    return [f"{h.playbook_id:<18} {h.citation:<14} {library.get(h.playbook_id).name.in_lang(lang)}: {h.snippet}"
            for h in hits]  # fmt: skip


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


def _span(low: float, high: float) -> str:
    return f"{rounded(low)}–{rounded(high)}"


def render_cooling(r: CoolingResult, lang: str) -> list[str]:
    cites = " ".join(dict.fromkeys(p.cite for p in r.parameters))
    lines = [f"{_l('cooling', lang)} ({cites})", f"{_l('reading', lang)}: {r.reading_name.in_lang(lang)}"]
    for key, flow in (("burning", r.burning), ("adjacent", r.adjacent)):
        lines.append(f"{INDENT}{_l(key, lang)} × {flow.count}: {rounded(flow.measure_each)} {flow.measure_unit}"
                     f" × ({number(flow.intensity_min)}–{number(flow.intensity_max)})"
                     f" → {_span(flow.flow_min, flow.flow_max)} {r.unit}")  # fmt: skip
    lines += [f"{_l('total', lang)}: {_span(r.total_min, r.total_max)} {r.unit}",
              f"{_l('formula', lang)}: {r.formula}"]  # fmt: skip
    lines += [f"{_l('plan_says', lang)}: “{p.quote}” ({p.cite})" for p in r.parameters]
    lines += [f"{_l('reading', lang)}: {r.explanation.in_lang(lang)}", f"{_l('basis', lang)}: {r.citation}",
              f"{_l('caution', lang)}: {r.caution.in_lang(lang)}"]  # fmt: skip
    lines += [f"{_l('assumption', lang)}: {a.in_lang(lang)}" for a in r.assumptions]
    return lines


def render_zone(r: ZoneResult, lang: str) -> list[str]:
    lines = [f"{_l('zone', lang)}: {r.zone.name.in_lang(lang)} ({number(r.distance_m)} m) — “{r.zone.quote}”"
             f" ({r.zone.cite})", f"{_l('zones', lang)}:"]  # fmt: skip
    for band in r.bands:
        low = number(band.minimum) if band.minimum is not None else "0"
        high = number(band.maximum) if band.maximum is not None else "∞"
        lines.append(f"{INDENT}{band.name.in_lang(lang)}: {low}–{high} {band.unit} — “{band.quote}”")
    if r.on_boundary:
        lines.append(_l("boundary", lang))
    if r.entrance_officers is not None:
        lines.append(f"{_l('officers', lang)}: {_parameter(r.entrance_officers, lang)}")
    lines += [f"{_l('reading', lang)}: {r.reading.in_lang(lang)}", f"{_l('basis', lang)}: {r.citation}"]
    return lines


def render_collapse(r: CollapseResult, lang: str) -> list[str]:
    clock = "%H:%M"
    lines = [f"{STATUS[r.status].in_lang(lang)} — {_l('elapsed', lang)} {number(round(r.elapsed_min, 1))} min",
             f"{_l('window', lang)}: {r.opens_at.strftime(clock)}–{r.closes_at.strftime(clock)}"
             f" — “{r.parameter.quote}” ({r.parameter.cite})"]  # fmt: skip
    for key, when, minutes in (("opens", r.opens_at, r.minutes_to_open), ("closes", r.closes_at, r.minutes_to_close)):
        if minutes is not None:
            lines.append(f"{_l(key, lang)}: {when.strftime(clock)} (+{number(round(minutes, 1))} min)")
    if r.note is not None:
        lines.append(f"{_l('caution', lang)}: {r.note.in_lang(lang)}")
    lines.append(f"{_l('reading', lang)}: {r.reading.in_lang(lang)}")
    return lines


def render_teams(r: MetroTeamsResult, lang: str) -> list[str]:
    lines = [f"{_l('recon', lang)}: {r.recon_teams[0]}–{r.recon_teams[1]} × {r.recon_team_size[0]}–"
             f"{r.recon_team_size[1]} = {r.recon_personnel[0]}–{r.recon_personnel[1]}"]  # fmt: skip
    if r.attack_teams is not None and r.column_length_m is not None:
        lines.append(f"{_l('attack', lang)}: {r.attackers} → {r.attack_teams[0]}–{r.attack_teams[1]}, "
                     f"~{number(r.column_length_m[0])}–{number(r.column_length_m[1])} m")  # fmt: skip
    lines += [f"{_l('plan_says', lang)}: “{p.quote}” ({p.cite})" for p in r.parameters]
    lines.append(f"{_l('reading', lang)}: {r.reading.in_lang(lang)}")
    return lines
