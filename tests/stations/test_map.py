"""The map: an SVG element per unit and route, the terminal drawing at 80 x 24, and the console panel."""

from __future__ import annotations

import asyncio
import re
import unicodedata
from datetime import datetime
from xml.etree import ElementTree

import pytest

from firedrill.models import Level
from firedrill.stations.map_svg import map_svg
from firedrill.stations.map_text import MARKS, map_text
from firedrill.stations.network import prepare, scale_for, standby_rule
from firedrill.stations.overlay import overlay_for
from firedrill.stations.planner import locate, plan
from firedrill.stations.result import DispatchPlan

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sample_plan() -> DispatchPlan:
    p = prepare()
    node, location = locate(p, lon=114.30, lat=30.60)
    return plan(p, node, location, scale_for(Level.MAJOR), reported_at=datetime(2024, 5, 8, 10, 0),
                standby=standby_rule(), already_sent=["江岸-main-2"])  # fmt: skip


def test_svg_has_an_element_per_unit_and_route(sample_plan: DispatchPlan) -> None:
    root = ElementTree.fromstring(map_svg(sample_plan, overlay_for(prepare())))
    groups = {g.get("data-unit"): g.get("class") for g in root.iter(f"{SVG}g") if g.get("data-unit")}
    routes = {r.get("data-unit"): r.get("class") for r in root.iter(f"{SVG}polyline") if r.get("data-unit")}
    sent = [u.id for u in (*sample_plan.previously_sent, *sample_plan.sent)]
    assert sent and all(groups[u] == "unit sent" for u in sent)
    assert set(routes) == set(sent) and routes["江岸-main-2"] == "route earlier"
    held = [g for g, cls in groups.items() if cls == "unit held"]
    assert held and set(held) <= {h.id for h in sample_plan.held}
    rivers = [r for r in root.iter(f"{SVG}polyline") if r.get("class") == "river"]
    assert {r.findtext(f"{SVG}title") for r in rivers} == {"长江", "汉江"}
    crossings = {g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class") == "crossing"}
    assert {name for u in sample_plan.sent for name in u.via} <= crossings
    assert root.find(f"{SVG}g[@id='scene']") is not None
    assert "示例数据" in ElementTree.tostring(root, encoding="unicode")


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_map_fills_80_by_24(sample_plan: DispatchPlan, lang: str) -> None:
    text = map_text(sample_plan, overlay_for(prepare()), 80, 24, lang)
    lines = text.rstrip("\n").split("\n")
    assert len(lines) == 24 and all(_width(line) == 80 for line in lines)
    body = "\n".join(lines[:-1])
    assert body.count("*") == 1
    units = len(sample_plan.previously_sent) + len(sample_plan.sent)
    assert sum(ch in body for ch in MARKS[:units]) >= units - 2  # a mark may share a cell with a neighbour
    assert re.search("[\u2801-\u28ff]", body), "routes are drawn in braille"
    assert ("现场" if lang == "zh" else "scene") in lines[-1]


def test_console_panel_snapshot_80_by_24(snap_compare, sample_plan: DispatchPlan) -> None:  # type: ignore[no-untyped-def]
    from textual.app import App, ComposeResult

    from firedrill.tui.widgets.route_map import RouteMap

    class MapApp(App[None]):
        def compose(self) -> ComposeResult:
            panel = RouteMap()
            panel.plan, panel.overlay = sample_plan, overlay_for(prepare())
            yield panel

    assert snap_compare(MapApp(), terminal_size=(80, 24))


def test_console_panel_draws_the_engine_map(sample_plan: DispatchPlan) -> None:
    asyncio.run(_draws(sample_plan))


async def _draws(sample_plan: DispatchPlan) -> None:
    from textual.app import App, ComposeResult

    from firedrill.tui.widgets.route_map import RouteMap

    class MapApp(App[None]):
        def compose(self) -> ComposeResult:
            yield RouteMap()

    app = MapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(RouteMap)
        assert str(panel.render()) == ""
        panel.plan = sample_plan
        await pilot.pause()
        drawn = str(panel.render())
        assert drawn.rstrip("\n") == map_text(sample_plan, None, 80, 24).rstrip("\n")
