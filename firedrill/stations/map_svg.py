"""The plan as an SVG map: the scene, the units sent and held, their routes, rivers and crossings.

A pure function of the plan (and the overlay of rivers and crossings): the same plan gives the same
bytes, so the map saved with an order can be compared and replayed. Every unit sent has a
``<polyline class="route" data-unit=…>`` and a ``<g class="unit sent" data-unit=…>``; every unit held
with a place a ``<g class="unit held" data-unit=…>``. Names are in ``<title>`` for a hover.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from firedrill.stations.mapframe import Frame, frame_for, units_in_order
from firedrill.stations.overlay import Overlay
from firedrill.stations.result import DispatchPlan
from firedrill.stations.settings import load_settings

WIDTH, HEIGHT = 800, 600
STEP_PX = 2.0
STYLE = (".river{fill:none;stroke:#7fb3e6;stroke-width:5;stroke-linecap:round}"
         ".route{fill:none;stroke:#d9480f;stroke-width:2;stroke-opacity:.75}"
         ".route.earlier{stroke:#868e96;stroke-dasharray:6 3}"
         ".sent circle{fill:#d9480f;stroke:#fff;stroke-width:1.5}.held circle{fill:#fff;stroke:#495057}"
         ".crossing rect{fill:#1971c2}.scene circle{fill:#c92a2a;stroke:#fff;stroke-width:2}"
         "text{font:12px sans-serif;fill:#212529}.n{font-size:10px;fill:#fff;text-anchor:middle}"
         ".label{font-weight:bold;fill:#c92a2a}")


def _pts(frame: Frame, points: tuple[tuple[float, float], ...] | list[tuple[float, float]]) -> str:
    """Page points, dropping those within ``STEP_PX`` of the last one kept (a city route has thousands)."""
    kept: list[tuple[float, float]] = []
    for i, (lon, lat) in enumerate(points):
        x, y = frame.fit(lon, lat, WIDTH, HEIGHT)
        if not kept or i == len(points) - 1 or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= STEP_PX:
            kept.append((x, y))
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in kept)


def map_svg(plan: DispatchPlan, overlay: Overlay | None = None, lang: str = "zh") -> str:
    """The map as an SVG document (UTF-8 text)."""
    overlay = overlay or Overlay()
    s = load_settings()
    frame = frame_for(plan)
    units = units_in_order(plan)
    earlier = {u.id for u in plan.previously_sent}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" data-incident={quoteattr(plan.incident_id)}>',
           f"<style>{STYLE}</style>", f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f8f9fa"/>',
           '<g id="rivers">']
    for name, line in overlay.rivers.items():
        out.append(f'<polyline class="river" points="{_pts(frame, line)}"><title>{escape(name)}</title></polyline>')
    out.append('</g><g id="routes">')
    for u in units:
        if u.route:
            kind = "route earlier" if u.id in earlier else "route"
            out.append(f'<polyline class="{kind}" data-unit={quoteattr(u.id)} points="{_pts(frame, u.route)}">'
                       f"<title>{escape(u.name)}</title></polyline>")
    out.append('</g><g id="crossings">')
    seen = {(name, round(lon, 4), round(lat, 4)) for u in units for name, lon, lat in u.via_points}
    seen |= {(name, round(lon, 4), round(lat, 4)) for name, lon, lat in overlay.crossings}
    for name, lon, lat in sorted(seen):
        x, y = frame.fit(lon, lat, WIDTH, HEIGHT)
        out.append(f'<g class="crossing"><rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6"/>'
                   f"<title>{escape(name)}</title></g>")
    out.append('</g><g id="units">')
    for h in plan.held:
        if h.lon is not None and h.lat is not None:
            x, y = frame.fit(h.lon, h.lat, WIDTH, HEIGHT)
            if not (0 <= x <= WIDTH and 0 <= y <= HEIGHT):
                continue  # outside the frame of the routes
            out.append(f'<g class="unit held" data-unit={quoteattr(h.id)}><circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
                       f"<title>{escape(h.name)}: {escape(h.reason.in_lang(lang))}</title></g>")
    for n, u in enumerate(units, start=1):
        if u.lon is None or u.lat is None:
            continue
        x, y = frame.fit(u.lon, u.lat, WIDTH, HEIGHT)
        out.append(f'<g class="unit sent" data-unit={quoteattr(u.id)}><circle cx="{x:.1f}" cy="{y:.1f}" r="8"/>'
                   f'<text class="n" x="{x:.1f}" y="{y + 3.5:.1f}">{n}</text>'
                   f'<text x="{x + 10:.1f}" y="{y + 4:.1f}">{escape(u.name)}</text><title>{escape(u.name)}</title></g>')
    x, y = frame.fit(plan.location.lon, plan.location.lat, WIDTH, HEIGHT)
    out.append(f'</g><g id="scene" class="scene"><circle cx="{x:.1f}" cy="{y:.1f}" r="9"/>'
               f"<title>{escape(s.label('scene', lang))}</title></g>")
    title = f"{s.label('title', lang)} — {s.level_names[plan.level].in_lang(lang)} [{plan.incident_id}]"
    out.append(f'<text class="label" x="10" y="20">{escape(title)}</text>')
    if plan.sample_label is not None:
        out.append(f'<text class="label" x="10" y="{HEIGHT - 10}">【{escape(plan.sample_label.zh)}】 '
                   f"{escape(plan.sample_label.en)}</text>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
