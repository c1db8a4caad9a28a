"""The stations section of the dispatch panel: the units the planner picks, those held back and why,
and what cannot be reached, labelled SAMPLE DATA when the shipped network is in use.

Words are the planner's own (``firedrill/stations/data/settings.yaml``), so the panel, the radio
order and the CAD JSON say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from firedrill.tui.widgets.panel import cite, heading
from firedrill.tui.words import colon, list_sep, w

if TYPE_CHECKING:
    from firedrill.stations.result import DispatchPlan, Held, Unit
    from firedrill.stations.settings import Settings
    from firedrill.tui.dispatching import Stations

HELD_FIRST = "beyond_standby_limit"  # the 4.4.1(5) standby rule: listed before other held units


class _Words:
    """The planner's order labels in one language."""

    def __init__(self, settings: Settings, lang: str) -> None:
        self.s, self.lang = settings, lang

    def __call__(self, key: str) -> str:
        return self.s.label(key, self.lang)


def _unit(n: int, u: Unit, t: _Words) -> list[Content]:
    from firedrill.stations.text import drive_values, km

    lang, c = t.lang, colon(t.lang)
    drive = drive_values(u.travel_time_s)["drive_en" if lang == "en" else "drive_zh"]
    via = f" · {t('via')} {'、'.join(u.via)}" if u.via else ""
    counts = f"{t('engines')} {u.engines} / {t('formations')} {u.formations}"
    lines = [
        Content.styled(f"  {n}. {u.name} [{u.kind_label.in_lang(lang)}]", "bold"),
        Content(f"     {t('drive')} {drive} · {km(u.distance_m)} km · {t('eta')} {u.eta:%H:%M} · {counts}{via}"),
        Content.assemble(f"     {t('reason')}{c}{u.reason.in_lang(lang)} ", cite(u.clause)),
    ]
    if u.note is not None:
        lines.append(Content.styled(f"     ! {u.note.in_lang(lang)}", "$warning"))
    return lines


def _held(h: Held, lang: str) -> Content:
    return Content.assemble(f"  - {h.name}{colon(lang)}{h.reason.in_lang(lang)} ", cite(h.clause))


def _totals(plan: DispatchPlan, t: _Words) -> Content:
    parts = []
    for key in ("stations", "formations", "engines"):
        wanted = getattr(plan.scale, key)
        limit = ""
        if wanted is not None:
            limit = f"/{wanted.minimum}" + ("+" if wanted.maximum is None else f"–{wanted.maximum}")
        parts.append(f"{t(key)} {getattr(plan.totals, key)}{limit}")
    return Content(f"  {t('reached')}{colon(t.lang)}{' · '.join(parts)}")


def stations_lines(stations: Stations, lang: str) -> list[Content]:
    """The section, or the reason there is none yet (no place, network loading, outside the network)."""
    lines = [heading(w("stations_title", lang))]
    plan = stations.plan
    if plan is None:
        return [*lines, Content(f"  {w(stations.problem or 'stations_loading', lang)}")]
    from firedrill.stations.settings import load_settings

    s = load_settings()
    t, c = _Words(s, lang), colon(lang)
    if plan.sample_label is not None:
        lines.append(Content.styled(f"  【{plan.sample_label.zh}】 {plan.sample_label.en}", "bold $warning"))
    loc = plan.location
    lines.append(Content(f"  {t('scene')}{c}{loc.lon:.5f}, {loc.lat:.5f} "
                         f"({t('snapped')} {loc.node}, {loc.snap_m:.0f} m)"))  # fmt: skip
    if plan.set_by_plan:
        lines.append(_totals(plan, t))
    for note in (*plan.notes, *([plan.scale.note] if plan.scale.note and not plan.set_by_plan else [])):
        lines.append(Content(f"  {note.in_lang(lang)}"))
    if plan.previously_sent:
        names = list_sep(lang).join(u.name for u in plan.previously_sent)
        lines.append(Content(f"  {t('previously')}{c}{names}"))
    for key, units in (("units", plan.sent), ("offered", plan.offered)):
        if units:
            lines.append(Content.styled(f"  {t(key)}{c}", "bold"))
            for n, u in enumerate(units, start=1):
                lines += _unit(n, u, t)
    if not plan.sent and plan.set_by_plan:
        lines.append(Content(f"  {t('units')}{c}{w('stations_none_new', lang)}"))
    if plan.shortfalls:
        lines.append(Content.styled(f"  {t('shortfalls')}{c}", "bold $error"))
        for short in plan.shortfalls:
            reasons = "; ".join(r.in_lang(lang) for r in short.reasons)
            codes = ", ".join(code.value for code in short.codes)
            lines.append(Content(f"  - {short.what} ({short.got}/{short.needed}){c}{reasons} [{codes}]"))
    held = sorted(plan.held, key=lambda h: h.code.value != HELD_FIRST)
    if held:
        shown = held[: s.held_listed_in_text]
        lines.append(Content.styled(f"  {t('held')}{c}", "bold"))
        lines += [_held(h, lang) for h in shown]
        if len(held) > len(shown):
            lines.append(Content(f"  … {w('stations_more_held', lang).format(n=len(held) - len(shown))}"))
    return lines
