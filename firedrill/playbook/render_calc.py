"""Plain-text views of calculator results (cooling, warning zones, collapse window, metro teams).

Every result shows the plan's sentence and citation beside the reading that decided it.
"""

from __future__ import annotations

from firedrill.models import Text
from firedrill.playbook.calculators import CoolingResult, ZoneResult
from firedrill.playbook.collapse import CollapseResult, WindowStatus
from firedrill.playbook.cooling import grouped
from firedrill.playbook.params import ParameterRef, number, rounded
from firedrill.playbook.teams import MetroTeamsResult

INDENT = "  "
LABELS: dict[str, Text] = {
    "total": Text(zh="合计", en="Total"),
    "burning": Text(zh="燃烧罐", en="Burning tank"),
    "adjacent": Text(zh="邻近罐", en="Adjacent tank"),
    "warning": Text(zh="警告", en="Warning"),
    "plan_range": Text(zh="预案范围", en="the plan's range"),
    "branches": Text(zh="所需水枪", en="Nozzles needed"),
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
    "per_team": Text(zh="每组", en="each of"),
    "column": Text(zh="队列长约", en="a column about"),
    "column_end": Text(zh="", en=" long"),
    "attack": Text(zh="内攻力量", en="Interior attack"),
}
STATUS: dict[WindowStatus, Text] = {
    WindowStatus.BEFORE: Text(zh="尚未进入塌落时段", en="before the collapse window"),
    WindowStatus.INSIDE: Text(zh="处于塌落时段内", en="inside the collapse window"),
    WindowStatus.PAST: Text(zh="已过塌落时段", en="past the collapse window"),
}


def _l(key: str, lang: str) -> str:
    return LABELS[key].in_lang(lang)


# How a parameter's unit reads in each language (the data keeps one spelling, the calculators check it).
UNITS: dict[str, Text] = {
    "persons": Text(zh="人", en="persons"),
    "groups": Text(zh="个小组", en="teams"),
}


def unit(name: str, lang: str) -> str:
    known = UNITS.get(name)
    return known.in_lang(lang) if known is not None else name


def parameter_line(p: ParameterRef, lang: str) -> str:
    low = number(p.minimum) if p.minimum is not None else ""
    high = number(p.maximum) if p.maximum is not None else ""
    span = low if low == high else f"{low}–{high}"
    return f"{p.name.in_lang(lang)} [{p.id}]: {span} {unit(p.unit, lang)} — “{p.quote}” ({p.cite})"


def _span(low: float, high: float) -> str:
    return f"{rounded(low)}–{rounded(high)}"


def render_cooling(r: CoolingResult, lang: str) -> list[str]:
    cites = " ".join(dict.fromkeys(p.cite for p in r.parameters))
    lines = [f"{_l('cooling', lang)} ({cites})", f"{_l('reading', lang)}: {r.reading_name.in_lang(lang)}"]
    lines += [f"{_l('warning', lang)}: {w.in_lang(lang)}" for w in r.warnings]
    for count, flow in grouped((r.burning, *r.adjacent)):
        lines.append(f"{INDENT}{_l(flow.role, lang)} × {count}, D={number(flow.diameter_m)} m, "
                     f"{flow.type_name.in_lang(lang)}: {rounded(flow.measure_each)} {flow.measure_unit}"
                     f" × {number(flow.intensity)} {r.intensity_unit}"
                     f" → {rounded(count * flow.flow)} {r.unit}")  # fmt: skip
    lines.append(f"{_l('total', lang)}: {rounded(r.total)} {r.unit}"
                 f" ({_l('plan_range', lang)} {_span(r.total_min, r.total_max)} {r.unit})")  # fmt: skip
    if r.branches is not None and r.branch_flow_ls is not None:
        lines.append(f"{_l('branches', lang)}: {r.branches} × {number(r.branch_flow_ls)} {r.unit}")
    lines.append(f"{INDENT}{r.branch_note.in_lang(lang)}")
    lines.append(f"{_l('formula', lang)}: {r.formula}")
    lines += [f"{_l('plan_says', lang)}: “{p.quote}” ({p.cite})" for p in r.parameters]
    lines += [f"{_l('reading', lang)}: {r.type_reading.in_lang(lang)}",
              f"{_l('reading', lang)}: {r.explanation.in_lang(lang)}", f"{_l('basis', lang)}: {r.citation}",
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
        lines.append(f"{_l('officers', lang)}: {parameter_line(r.entrance_officers, lang)}")
    lines += [f"{_l('reading', lang)}: {r.reading.in_lang(lang)}", f"{_l('basis', lang)}: {r.citation}"]
    return lines


def duration(minutes: float, lang: str) -> str:
    """Whole minutes and seconds: 22 分 48 秒, 22 min 48 s (never 22.8 min)."""
    whole, seconds = divmod(round(minutes * 60), 60)
    if lang == "zh":
        return f"{whole} 分 {seconds} 秒" if seconds else f"{whole} 分钟"
    return f"{whole} min {seconds} s" if seconds else f"{whole} min"


def render_collapse(r: CollapseResult, lang: str) -> list[str]:
    clock = "%H:%M"
    lines = [f"{STATUS[r.status].in_lang(lang)} — {_l('elapsed', lang)} {duration(r.elapsed_min, lang)}",
             f"{_l('window', lang)}: {r.opens_at.strftime(clock)}–{r.closes_at.strftime(clock)}"
             f" — “{r.parameter.quote}” ({r.parameter.cite})"]  # fmt: skip
    for key, when, minutes in (("opens", r.opens_at, r.minutes_to_open), ("closes", r.closes_at, r.minutes_to_close)):
        if minutes is not None:
            lines.append(f"{_l(key, lang)}: {when.strftime(clock)} (+{duration(minutes, lang)})")
    if r.caution is not None:
        lines.append(f"{_l('caution', lang)}: {r.caution.in_lang(lang)}")
    if r.note is not None:
        lines.append(f"{_l('caution', lang)}: {r.note.in_lang(lang)}")
    lines.append(f"{_l('reading', lang)}: {r.reading.in_lang(lang)}")
    return lines


def render_teams(r: MetroTeamsResult, lang: str) -> list[str]:
    teams, persons = unit("groups", lang), unit("persons", lang)
    lines = [f"{_l('recon', lang)}: {r.recon_teams[0]}–{r.recon_teams[1]} {teams} × {_l('per_team', lang)} "
             f"{r.recon_team_size[0]}–{r.recon_team_size[1]} {persons} = {r.recon_personnel[0]}–"
             f"{r.recon_personnel[1]} {persons}"]  # fmt: skip
    if r.attack_teams is not None and r.column_length_m is not None:
        lines.append(f"{_l('attack', lang)}: {r.attackers} {persons} → {r.attack_teams[0]}–{r.attack_teams[1]} "
                     f"{teams}, {_l('column', lang)} {number(r.column_length_m[0])}–"
                     f"{number(r.column_length_m[1])} m{_l('column_end', lang)}")  # fmt: skip
    lines += [f"{_l('plan_says', lang)}: “{p.quote}” ({p.cite})" for p in r.parameters]
    lines.append(f"{_l('reading', lang)}: {r.reading.in_lang(lang)}")
    return lines
