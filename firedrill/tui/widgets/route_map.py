"""A map panel for the console: the plan's scene, units, routes, rivers and crossings in braille cells.

The drawing is the engine's (``firedrill.stations.map_text.map_cells``), sized to the widget, so the
panel and a saved order's SVG show the same map. Set ``plan`` (and ``overlay``, ``lang``); the widget
redraws itself when they or its size change. Colours come from the component classes below, so a
stylesheet can restyle each role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from firedrill.stations.overlay import Overlay
    from firedrill.stations.result import DispatchPlan

ROLES = ("river", "route", "unit", "held", "crossing", "scene", "legend")


class RouteMap(Widget):
    """The map of one dispatch plan (nothing drawn until a plan is set)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"route-map--{role}" for role in ROLES}
    DEFAULT_CSS = """
    RouteMap { height: 1fr; min-height: 8; }
    RouteMap > .route-map--river { color: $primary-lighten-2; }
    RouteMap > .route-map--route { color: $warning; }
    RouteMap > .route-map--unit { color: $text; text-style: bold; background: $warning-darken-2; }
    RouteMap > .route-map--held { color: $text-muted; }
    RouteMap > .route-map--crossing { color: $primary; text-style: bold; }
    RouteMap > .route-map--scene { color: $error; text-style: bold; }
    RouteMap > .route-map--legend { color: $text-muted; }
    """

    plan: reactive[DispatchPlan | None] = reactive(None, layout=False)
    overlay: reactive[Overlay | None] = reactive(None)
    lang: reactive[str] = reactive("zh")

    def render(self) -> Text:
        plan = self.plan
        width, height = self.content_region.width, self.content_region.height
        if plan is None or width < 4 or height < 2:
            return Text("")
        from firedrill.stations.map_text import map_cells

        styles: dict[str, Style] = {role: self.get_component_rich_style(f"route-map--{role}") for role in ROLES}
        out = Text(no_wrap=True, overflow="crop")
        for i, row in enumerate(map_cells(plan, self.overlay, width, height, self.lang)):
            if i:
                out.append("\n")
            for ch, role in row:
                if ch:
                    out.append(ch, styles.get(role) or Style())
        return out
