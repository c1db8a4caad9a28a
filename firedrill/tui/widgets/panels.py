"""The tabs on the right of the console (assessment, dispatch, groups, playbook, procedure, timeline).

Mounted just after the first screen is drawn, so the console opens fast.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import TabbedContent, TabPane

from firedrill.tui.panes import PANELS
from firedrill.tui.widgets.checklist import ChecklistPanel
from firedrill.tui.widgets.panel import TextPanel
from firedrill.tui.widgets.playbook import PlaybookPanel
from firedrill.tui.widgets.route_map import RouteMap
from firedrill.tui.words import w


class Panels(Vertical):
    """The tabs on the right: assessment, dispatch, groups, playbook, procedure, timeline."""

    def __init__(self, lang: str) -> None:
        super().__init__(id="panels-holder")
        self.lang = lang

    def compose(self) -> ComposeResult:
        with TabbedContent(id="panels"):
            for pane in PANELS:
                with TabPane(w(f"tab_{pane}", self.lang), id=f"tab-{pane}"):
                    if pane == "playbook":
                        yield PlaybookPanel(self.lang, id="playbook")
                    elif pane == "procedure":
                        yield ChecklistPanel(id="panel-procedure")
                    elif pane == "dispatch":
                        yield TextPanel(id="panel-dispatch")
                        # The units sent and held on their roads; Alt+M shows it in the text's place.
                        yield RouteMap(id="route-map", classes="-hidden")
                    else:
                        yield TextPanel(id=f"panel-{pane}")
