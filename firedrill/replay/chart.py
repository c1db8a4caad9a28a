"""The level-over-time chart of an after-action report, as one inline SVG (no external assets).

The plan's required level is a step line over the whole drill; the trainee's declared level is a
second step line from each answer to the next prompt, with a dot at each answer. An unanswered
prompt is marked (a hollow ring on the axis) and the declared line stops there: nothing was
declared, so nothing is drawn until the next answer. The x-axis shows clock times.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from html import escape

from firedrill.models import LEVEL_RANK, Level
from firedrill.replay.drill import DrillResult
from firedrill.replay.words import level_name, w

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 110, 20, 20, 50
REQUIRED_COLOUR, DECLARED_COLOUR = "#1f5fa8", "#d9480f"
TICKS = 6


def _x(minutes: float, total: float) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (minutes / total if total else 0)


def _y(level: Level) -> float:
    top_rank = max(LEVEL_RANK.values())
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - LEVEL_RANK[level] / top_rank)


def _steps(points: Sequence[tuple[float, Level]], total: float) -> str:
    """Polyline points of a step function that holds each level until the next point, then to the end."""
    coords: list[str] = []
    for i, (minutes, level) in enumerate(points):
        y = _y(level)
        if coords:
            coords.append(f"{_x(minutes, total):.1f},{_y(points[i - 1][1]):.1f}")
        coords.append(f"{_x(minutes, total):.1f},{y:.1f}")
    if points:
        coords.append(f"{_x(total, total):.1f},{_y(points[-1][1]):.1f}")
    return " ".join(coords)


def _declared_runs(result: DrillResult, total: float) -> list[list[tuple[float, Level]]]:
    """Runs of answered prompts in a row; each run is drawn as its own step line ending at the
    next prompt (unanswered) or the end."""
    runs: list[list[tuple[float, Level]]] = [[]]
    for m in result.marks:
        minutes = (m.at - result.start).total_seconds() / 60
        if m.declared is None:
            if runs[-1]:
                runs[-1].append((minutes, runs[-1][-1][1]))  # hold up to the unanswered prompt, then stop
                runs.append([])
            continue
        runs[-1].append((minutes, m.declared.level))
    if runs[-1] and not result.ended_early:
        runs[-1].append((total, runs[-1][-1][1]))
    return [run for run in runs if run]


def _run_points(run: list[tuple[float, Level]], total: float) -> str:
    coords: list[str] = []
    for i, (minutes, level) in enumerate(run):
        if coords:
            coords.append(f"{_x(minutes, total):.1f},{_y(run[i - 1][1]):.1f}")
        coords.append(f"{_x(minutes, total):.1f},{_y(level):.1f}")
    return " ".join(coords)


def level_chart(result: DrillResult, lang: str) -> str:
    total = (result.end - result.start).total_seconds() / 60
    required = [(minutes, level) for _, minutes, level in result.levels]
    declared = [
        ((m.at - result.start).total_seconds() / 60, m.declared.level) for m in result.marks if m.declared is not None
    ]
    unanswered = [(m.at - result.start).total_seconds() / 60 for m in result.marks if m.declared is None]
    title = escape(w("report", "chart", lang))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{title}">',
        f"<title>{title}</title>",
    ]
    for level in Level:
        y = _y(level)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12">'
                     f"{escape(level_name(level.value, lang))}</text>")  # fmt: skip
    for i in range(TICKS + 1):
        minutes = total * i / TICKS
        x = _x(minutes, total)
        clock = (result.start + timedelta(minutes=minutes)).strftime("%H:%M")
        parts.append(f'<text class="tick" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="11">'
                     f"{clock}</text>")  # fmt: skip
    parts.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 8}" text-anchor="middle" font-size="11">'
                 f"{escape(w('report', 'clock', lang))} ({result.start.strftime('%Y-%m-%d')})</text>")  # fmt: skip
    parts.append(f'<polyline class="required" fill="none" stroke="{REQUIRED_COLOUR}" stroke-width="3" '
                 f'points="{_steps(required, total)}"/>')  # fmt: skip
    for run in _declared_runs(result, total):
        parts.append(f'<polyline class="declared" fill="none" stroke="{DECLARED_COLOUR}" stroke-width="2" '
                     f'stroke-dasharray="6 4" points="{_run_points(run, total)}"/>')  # fmt: skip
    parts += [f'<circle cx="{_x(m, total):.1f}" cy="{_y(lv):.1f}" r="4" fill="{DECLARED_COLOUR}"/>'
              for m, lv in declared]  # fmt: skip
    label = escape(w("report", "unanswered", lang))
    ring = f'r="5" fill="white" stroke="{DECLARED_COLOUR}" stroke-width="2"'
    parts += [f'<circle class="unanswered" cx="{_x(m, total):.1f}" cy="{HEIGHT - BOTTOM:.1f}" {ring}>'
              f"<title>{label}</title></circle>" for m in unanswered]  # fmt: skip
    legend_y = TOP - 6
    parts.append(f'<text x="{LEFT}" y="{legend_y}" font-size="11" fill="{REQUIRED_COLOUR}">'
                 f"— {escape(w('report', 'required', lang))}</text>")  # fmt: skip
    parts.append(f'<text x="{LEFT + 200}" y="{legend_y}" font-size="11" fill="{DECLARED_COLOUR}">'
                 f"- - {escape(w('report', 'declared', lang))}</text>")  # fmt: skip
    parts.append("</svg>")
    return "\n".join(parts)
