"""What the replay and drill screens share: the status bar with the replay clock, the messages list,
the key bar, the controls (play, pause, step, speeds, panels, close) and the clock timer.

A subclass composes its right-hand side (``compose_right``) and shows the state at the replay
clock (``show_state``); ``entries_crossed`` is where it reacts to injects (the drill asks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static, TabbedContent

from firedrill.replay.engine import Replay
from firedrill.replay.timeline import Entry
from firedrill.tui.clock import Clock, elapsed
from firedrill.tui.replay.bindings import screen_bindings
from firedrill.tui.replay.commands import ReplayCommands
from firedrill.tui.replay.lines import INDENT, Notice, message_lines, notices
from firedrill.tui.replay.player import Player
from firedrill.tui.replay.settings import NOTICE_SECONDS, SPEEDS, TICK_SECONDS
from firedrill.tui.replay.words import rw
from firedrill.tui.widgets.keybar import KeyBar
from firedrill.tui.widgets.panel import TextPanel


class PlayerScreen(Screen[Any]):
    """A script on the replay clock. ``notices`` keeps every notification shown (tests read it)."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ReplayCommands}
    CSS_PATH = "replay.tcss"
    mode = "replay"

    def __init__(self, replay: Replay, lang: str, clock: Clock, halts: tuple[Any, ...] = ()) -> None:
        super().__init__()
        self.replay = replay
        self.lang = lang
        self.clock = clock
        self.player = Player(replay, clock, halts)
        self.messages: list[str] = []  # newest first
        self.notices: list[Notice] = []
        self._bindings = self._own_bindings()

    def _own_bindings(self) -> BindingsMap:
        merged = type(self)._merged_bindings
        bindings = merged.copy() if merged is not None else BindingsMap()
        for binding in screen_bindings(self.mode, self.lang):
            bindings.key_to_bindings[binding.key] = [binding]
        return bindings

    def compose(self) -> ComposeResult:
        yield Static("", id="replay-status")
        with Horizontal(id="replay-body"):
            with Vertical(id="replay-left"):
                yield Static(rw("messages", self.lang), classes="replay-heading")
                yield TextPanel(id="replay-messages")
                yield from self.compose_left()
            with Vertical(id="replay-right"):
                yield from self.compose_right()
        yield KeyBar(self.lang, id="replay-keys")

    def compose_left(self) -> ComposeResult:
        yield from ()

    def compose_right(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        if self.app._keymap:  # keys remapped by binding id (App.set_keymap) stay remapped
            self._bindings.apply_keymap(self.app._keymap)
            self.refresh_bindings()
        self.prepare()
        if not getattr(self.app, "blink", True):  # snapshots must not depend on the blink phase
            for field in self.query(Input):
                field.cursor_blink = False
        self.query_one("#replay-messages", TextPanel).set_lines([rw("no_messages", self.lang)])
        self.set_interval(TICK_SECONDS, self.tick)
        self.crossed(self.player.begin())

    def prepare(self) -> None:
        """The subclass fills what does not follow the clock (the playbook), before the start is shown."""

    # --- the clock moves ------------------------------------------------------------------------

    def tick(self) -> None:
        """Read the clock: show what the replay reached (called by the timer, and by tests)."""
        self.crossed(self.player.tick())

    def crossed(self, entries: list[Entry]) -> None:
        drill = self.mode == "drill"
        for entry in entries:
            lines = message_lines(entry, self.replay.start, self.lang, drill=drill)
            self.messages[:0] = lines
            for notice in notices(entry, self.lang, drill=drill):
                self.announce(notice)
        if entries and self.messages:
            panel = self.query_one("#replay-messages", TextPanel)
            panel.set_lines([Content(line) if line.startswith(INDENT) else Content.styled(line, "bold")
                             for line in self.messages])  # fmt: skip
            panel.scroll_home(animate=False)
        self.entries_crossed(entries)
        self.show_state()
        self.show_status()

    def entries_crossed(self, entries: list[Entry]) -> None:
        """The subclass reacts (the drill asks at a prompt)."""

    def show_state(self) -> None:
        """The subclass shows the state at ``player.now``."""

    def announce(self, notice: Notice) -> None:
        self.notices.append(notice)
        self.app.notify(notice.text, severity=notice.severity, timeout=NOTICE_SECONDS, markup=False)  # type: ignore[arg-type]

    def status_word(self) -> str:
        p = self.player
        if p.at_end:
            return rw("ended", self.lang)
        return rw("playing" if p.playing else "paused", self.lang)

    def status_text(self) -> str:
        p, lang = self.player, self.lang
        speed = rw("speed_instant", lang) if p.speed.factor is None else f"{p.speed.factor}×"
        title = self.replay.loaded.script.title.in_lang(lang)
        return (f" {rw('mode_' + self.mode, lang)} · {self.status_word()} · {rw('speed', lang)} {speed} · "
                f"{rw('clock', lang)} {p.now.strftime('%Y-%m-%d %H:%M:%S')} ({elapsed(self.replay.start, p.now)}) · "
                f"{rw('injects', lang)} {p.injects_shown}/{p.injects_total} · {title}")  # fmt: skip

    def show_status(self) -> None:
        self.query_one("#replay-status", Static).update(self.status_text())

    # --- keys -----------------------------------------------------------------------------------

    def action_toggle_play(self) -> None:
        self.crossed(self.player.toggle())

    def action_step(self) -> None:
        self.crossed(self.player.step())

    def action_speed(self, speed_id: str) -> None:
        speed = next(s for s in SPEEDS if s.id == speed_id)
        self.crossed(self.player.set_speed(speed))
        self.tick()  # "instant" reaches its target at once

    def action_next_panel(self) -> None:
        tabs = self.query_one("#replay-tabs", TabbedContent)
        ids = [pane for pane, _ in self.panes()]
        current = (tabs.active or "").removeprefix("tab-")
        following = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        self.show_pane(following)

    def action_close(self) -> None:
        self.dismiss(self.result())

    def result(self) -> Any:
        return None

    # --- palette --------------------------------------------------------------------------------

    def panes(self) -> list[tuple[str, str]]:
        """(pane id, label) of the tabs on the right."""
        return []

    def show_pane(self, pane: str) -> None:
        self.query_one("#replay-tabs", TabbedContent).active = f"tab-{pane}"
