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
        # The tabs and what they hold, kept as they are made (the screen reaches them through these).
        self.tabs = TabbedContent(id="panels")
        self.playbook = PlaybookPanel(lang, id="playbook")
        self.checklist = ChecklistPanel(id="panel-procedure")
        # The units sent and held on their roads; Alt+M shows it in the dispatch text's place.
        self.route_map = RouteMap(id="route-map", classes="-hidden")
        self.text = {pane: TextPanel(id=f"panel-{pane}") for pane in PANELS if pane not in ("playbook", "procedure")}

    @property
    def active(self) -> str:
        """The pane in view (``assessment``, ``dispatch`` …)."""
        return (self.tabs.active or "").removeprefix("tab-")

    def show(self, pane: str) -> None:
        self.tabs.active = f"tab-{pane}"

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        for pane in PANELS:
            self.tabs.get_tab(f"tab-{pane}").label = w(f"tab_{pane}", lang)

    def compose(self) -> ComposeResult:
        with self.tabs:
            for pane in PANELS:
                with TabPane(w(f"tab_{pane}", self.lang), id=f"tab-{pane}"):
                    if pane == "playbook":
                        yield self.playbook
                    elif pane == "procedure":
                        yield self.checklist
                    else:
                        yield self.text[pane]
                        if pane == "dispatch":
                            yield self.route_map
