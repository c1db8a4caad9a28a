"""Station dispatch in the console: a map point and a major fire give the planner's units in the
dispatch panel (SAMPLE DATA), F7 sends them and records them, and an escalation adds units without
sending any twice."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from firedrill.journal import EventKind
from firedrill.tui.dispatching import stations_for
from firedrill.tui.screens.dialogs import OrderScreen
from tests.tui.conftest import ENGINE_TIMEOUT, enter_value, panel_text, pick_scenario, ready


async def network(app) -> None:  # type: ignore[no-untyped-def]
    await asyncio.wait_for(app.main.network_ready.wait(), ENGINE_TIMEOUT)


async def order(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """F7, read the order, close it; returns the text."""
    await pilot.press("f7")
    await pilot.pause()
    assert isinstance(pilot.app.screen, OrderScreen)
    text = pilot.app.screen.text
    await pilot.press("escape")
    await pilot.pause()
    return text


async def test_major_fire_at_a_district_then_escalated(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await enter_value(pilot, "scene", "江汉")  # the district's centre in the sample geography
        await enter_value(pilot, "burning_area_m2", "700")
        await network(app)
        session = app.main.active
        facts = [e.payload for e in session.events if e.kind is EventKind.FACT and "scene" in e.payload["changes"]]
        assert facts[-1]["changes"]["scene"] == {"lon": 114.26, "lat": 30.6, "district": "江汉"}
        assert facts[-1]["typed"]["scene"] == "江汉"

        plan = stations_for(session, app.main.network).plan
        scale = session.assessment.dispatch
        assert plan is not None and plan.level.value == "major"
        for what in ("stations", "formations", "engines"):  # the 4.4.2 minimum of a major fire is reached
            assert getattr(plan.totals, what) >= getattr(scale, what).minimum
        assert plan.totals.stations <= scale.stations.maximum
        text = panel_text(app, "dispatch")
        assert "示例数据，非真实站点" in text and "出动站点" in text
        assert f"已调集：消防救援站 {plan.totals.stations}/6–9" in text
        for unit in plan.sent:
            assert unit.name in text
        assert "留作备勤：距现场" in text and "[4.4.1(5)]" in text  # held back by the standby rule, and why
        assert text.index("出动站点") < text.index("预案启动")  # right after the 4.4.2 scale

        first = await order(pilot)
        assert first.count("示例数据，非真实站点") >= 2 and "江汉主战站1号（示例）" in first
        orders = app.engine.journal.events(session.id, kinds=[EventKind.ORDER])
        sent = orders[-1].payload["units"]
        assert sent == list(plan.unit_ids) and orders[-1].payload["new_units"] == sent
        cad = json.loads((tmp_path / "data" / "orders" / f"{session.id}-{orders[-1].seq:06d}.json").read_text())
        assert cad["sample"] is True and [u["id"] for u in cad["plan"]["sent"]] == sent

        await enter_value(pilot, "manual_escalation", "周边有危化品仓库")  # 4.3(5): especially major
        assert session.assessment.level.value == "especially_major"
        text = panel_text(app, "dispatch")
        assert "此前已出动" in text
        second = await order(pilot)
        orders = app.engine.journal.events(session.id, kinds=[EventKind.ORDER])
        added, everything = orders[-1].payload["new_units"], orders[-1].payload["units"]
        assert added and not set(added) & set(sent)  # more units, none sent twice
        assert set(everything) == set(sent) | set(added) and len(set(everything)) == len(everything)
        assert "此前已调派，计入总数，不重复调派" in second
        again = stations_for(session, app.main.network).plan
        assert again is not None and again.sent == () and set(again.unit_ids) == set(everything)


async def test_without_a_place_or_a_scale_the_panel_says_so_in_english(make_app) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert "Enter the map point" in panel_text(app, "dispatch")
        await enter_value(pilot, "scene", "30.6,114.26")  # latitude first: not guessed at
        assert "longitude,latitude" in str(app.main.query_one("#err-scene").content)
        await enter_value(pilot, "scene", "114.30,30.60")
        await network(app)
        text = panel_text(app, "dispatch")  # a general fire: the plan sets no scale
        assert "SAMPLE DATA — not real station data" in text
        assert "Nearest units (reference only)" in text and "sets no dispatch scale" in text
        await enter_value(pilot, "scene", "120.0,30.6")
        assert "outside the road network" in panel_text(app, "dispatch")


async def test_alt_m_shows_the_plan_on_its_roads_in_place_of_the_text(make_app) -> None:
    from firedrill.tui.widgets.route_map import RouteMap

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await enter_value(pilot, "scene", "江汉")
        await enter_value(pilot, "burning_area_m2", "700")
        await network(app)
        route_map = app.main.query_one("#route-map", RouteMap)
        assert not route_map.display and app.main.panel("dispatch").display
        await pilot.press("alt+m")
        await pilot.pause()
        assert app.main.query_one("#panels").active == "tab-dispatch"
        assert route_map.display and not app.main.panel("dispatch").display
        plan = stations_for(app.main.active, app.main.network).plan
        assert route_map.plan == plan and plan is not None and plan.sent
        drawn = str(route_map.render())
        assert len(drawn.strip()) > 20 and route_map.size.height >= 2  # the map is drawn, not blank
        await pilot.press("alt+m")
        await pilot.pause()
        assert not route_map.display and app.main.panel("dispatch").display


async def test_a_saved_order_and_the_after_action_page_carry_its_map(make_app, tmp_path: Path) -> None:
    from firedrill.incident.export_html import to_html

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await enter_value(pilot, "scene", "江汉")
        await enter_value(pilot, "burning_area_m2", "700")
        await network(app)
        await order(pilot)
        session, engine = app.main.active, app.main.engine
        (event,) = [e for e in session.events if e.kind is EventKind.ORDER]
        assert event.payload["map_svg"].lstrip().startswith("<svg")
        saved = sorted((engine.data_dir / "orders").glob(f"{session.id}-*.svg"))
        assert saved and saved[-1].read_text(encoding="utf-8") == event.payload["map_svg"]
        page = to_html(engine.journal, session.id, "zh")
        assert "调度地图" in page and page.count("<figure><svg") == 1
