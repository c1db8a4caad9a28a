"""Replay mode: a scenario script played on the replay clock, with the console's panels as they are
at that clock — level banner, assessment with reasons and clauses, dispatch, task groups, the
playbook with its safety notes, and the decision timeline so far.

The panels are the console's own renderers (``firedrill.tui.widgets.views``) fed with the
replay's Assessment; nothing here decides anything.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import TabbedContent, TabPane

from firedrill.replay.engine import Replay, State
from firedrill.replay.render import entry_lines
from firedrill.tui.clock import Clock
from firedrill.tui.replay.base import PlayerScreen
from firedrill.tui.widgets.banner import LevelBanner
from firedrill.tui.widgets.panel import TextPanel
from firedrill.tui.widgets.playbook import PlaybookPanel
from firedrill.tui.words import w

PANES = ("assessment", "dispatch", "groups", "playbook", "timeline")


class ReplayScreen(PlayerScreen):
    """``ReplayScreen(replay, lang, clock)``; Escape dismisses it."""

    mode = "replay"

    def __init__(self, replay: Replay, lang: str, clock: Clock) -> None:
        super().__init__(replay, lang, clock)
        self._shown_at: datetime | None = None
        self.state: State | None = None

    def compose_right(self) -> ComposeResult:
        yield LevelBanner("", id="replay-banner")
        with TabbedContent(id="replay-tabs"):
            for pane in PANES:
                with TabPane(w(f"tab_{pane}", self.lang), id=f"tab-{pane}"):
                    if pane == "playbook":
                        yield PlaybookPanel(self.lang, id="replay-playbook")
                    else:
                        yield TextPanel(id=f"replay-{pane}")

    def prepare(self) -> None:
        self.query_one(PlaybookPanel).show(self.replay.loaded.playbook, self.lang)

    def panes(self) -> list[tuple[str, str]]:
        return [(pane, w(f"tab_{pane}", self.lang)) for pane in PANES]

    def show_state(self) -> None:
        now = self.player.now
        if now == self._shown_at:
            return
        self._shown_at = now
        from firedrill.tui.widgets.views import assessment_lines, dispatch_lines, group_lines

        state = self.state = self.replay.state_at(now)
        a, lang, playbook = state.assessment, self.lang, self.replay.loaded.playbook
        self.query_one(LevelBanner).show(a, lang, stale_fields=[], reported_at=state.incident.reported_at, now=now)
        self.query_one("#replay-assessment", TextPanel).set_lines(assessment_lines(a, lang))
        self.query_one("#replay-dispatch", TextPanel).set_lines(dispatch_lines(a, playbook, lang))
        note = self.replay.rulebook.response.notes["field_organisation"]
        self.query_one("#replay-groups", TextPanel).set_lines(group_lines(a, playbook, lang, note))
        loaded = self.replay.loaded
        self.query_one(PlaybookPanel).set_clock(loaded.ignition, now, loaded.script.ignition is None)
        shown = self.replay.timeline[: self.player.shown]
        lines = [line for entry in reversed(shown) for line in entry_lines(entry, lang)]
        self.query_one("#replay-timeline", TextPanel).set_lines([Content(line) for line in lines])

    def action_show_safety(self) -> None:
        self.show_pane("playbook")
        self.query_one(PlaybookPanel).show_safety()
