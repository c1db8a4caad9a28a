"""The plan's map drawn in terminal cells: braille dots for routes and rivers, one glyph per place.

Each cell holds 2 x 4 braille dots, so an 80 x 24 terminal gives a 160 x 92 dot map above a one-line
legend. Units sent are numbered by arrival (1–9, then a–z), as the order lists them; ``x`` is a unit
held, ``=`` a crossing, ``*`` the scene. ``map_cells`` gives each cell its role for colouring
(``river``, ``route``, ``unit``, ``held``, ``crossing``, ``scene``, ``legend``); ``map_text`` the
plain text. Pure functions: no terminal is needed.
"""

from __future__ import annotations

import itertools
import string
import unicodedata

from firedrill.stations.mapframe import frame_for, units_in_order
from firedrill.stations.overlay import Overlay
from firedrill.stations.result import DispatchPlan

Cell = tuple[str, str]  # (character, role)
BRAILLE = 0x2800
DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] bit of a braille cell
MARKS = string.digits[1:] + string.ascii_lowercase
LEGEND = {"zh": "*现场 1-9出动(按到达) x未调派 =桥隧 ⠿路线",
          "en": "* scene  1-9 sent (by arrival)  x held  = crossing  ⠿ route"}
RIVER_LEGEND = {"zh": " ⠶河流", "en": "  ⠶ river"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    out, used = "", 0
    for ch in text:
        w = _width(ch)
        if used + w > width:
            break
        out, used = out + ch, used + w
    return out + " " * (width - used)


class _Canvas:
    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.bits = [[0] * cols for _ in range(rows)]
        self.role = [[""] * cols for _ in range(rows)]
        self.glyph: dict[tuple[int, int], Cell] = {}

    def dot(self, x: float, y: float, role: str) -> None:
        dx, dy = int(x), int(y)
        if 0 <= dx < self.cols * 2 and 0 <= dy < self.rows * 4:
            r, c = dy // 4, dx // 2
            self.bits[r][c] |= DOTS[dy % 4][dx % 2]
            if self.role[r][c] != "route":
                self.role[r][c] = role

    def line(self, a: tuple[float, float], b: tuple[float, float], role: str) -> None:
        steps = int(max(abs(b[0] - a[0]), abs(b[1] - a[1]))) + 1
        for i in range(steps + 1):
            t = i / steps
            self.dot(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, role)

    def put(self, x: float, y: float, ch: str, role: str, keep: bool = True) -> None:
        c, r = int(x) // 2, int(y) // 4
        if 0 <= c < self.cols and 0 <= r < self.rows and (not keep or (r, c) not in self.glyph):
            self.glyph[(r, c)] = (ch, role)

    def cells(self) -> list[list[Cell]]:
        out = []
        for r in range(self.rows):
            row: list[Cell] = []
            for c in range(self.cols):
                if (r, c) in self.glyph:
                    row.append(self.glyph[(r, c)])
                elif self.bits[r][c]:
                    row.append((chr(BRAILLE + self.bits[r][c]), self.role[r][c]))
                else:
                    row.append((" ", ""))
            out.append(row)
        return out


def map_cells(plan: DispatchPlan, overlay: Overlay | None = None, width: int = 80, height: int = 24,
              lang: str = "zh") -> list[list[Cell]]:  # fmt: skip
    """``height`` rows of ``width`` cells: the map, then one legend row."""
    overlay = overlay or Overlay()
    canvas = _Canvas(width, max(height - 1, 1))
    frame = frame_for(plan)
    w, h = width * 2, canvas.rows * 4

    def fit(lon: float, lat: float) -> tuple[float, float]:
        return frame.fit(lon, lat, w - 1, h - 1)

    for line in overlay.rivers.values():
        pts = [fit(*p) for p in line]
        for a, b in itertools.pairwise(pts):
            canvas.line(a, b, "river")
    units = units_in_order(plan)
    for u in units:
        pts = [fit(*p) for p in u.route]
        for a, b in itertools.pairwise(pts):
            canvas.line(a, b, "route")
    canvas.put(*fit(plan.location.lon, plan.location.lat), "*", "scene", keep=False)
    for n, u in enumerate(units):
        if u.lon is not None and u.lat is not None:
            canvas.put(*fit(u.lon, u.lat), MARKS[n] if n < len(MARKS) else "+", "unit")
    for _, lon, lat in {p for u in units for p in u.via_points}:
        canvas.put(*fit(lon, lat), "=", "crossing")
    for held in plan.held:
        if held.lon is not None and held.lat is not None:
            canvas.put(*fit(held.lon, held.lat), "x", "held")
    rows = canvas.cells()
    legend = LEGEND.get(lang, LEGEND["en"]) + (RIVER_LEGEND.get(lang, RIVER_LEGEND["en"]) if overlay.rivers else "")
    if plan.sample_label is not None:
        legend = f"【{plan.sample_label.zh if lang == 'zh' else plan.sample_label.en}】 {legend}"
    text = _clip(legend, width)
    legend_row: list[Cell] = []
    for ch in text:
        legend_row.append((ch, "legend"))
        if _width(ch) == 2:
            legend_row.append(("", "legend"))  # the second half of a wide character
    return [*rows, legend_row[:width]] if height > 1 else rows


def map_text(plan: DispatchPlan, overlay: Overlay | None = None, width: int = 80, height: int = 24,
             lang: str = "zh") -> str:  # fmt: skip
    """The map as ``height`` lines of ``width`` terminal columns."""
    return "\n".join("".join(ch for ch, _ in row) for row in map_cells(plan, overlay, width, height, lang)) + "\n"
