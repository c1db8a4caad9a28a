"""The command palette of the replay and drill screens: every action of ``bindings.ACTIONS`` for the
screen's mode (with its key) and each of its panels, searchable in both languages."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from firedrill.tui.palette import Command, ListedCommands
from firedrill.tui.replay.bindings import actions_for, shown_key
from firedrill.tui.replay.words import rw

if TYPE_CHECKING:
    from firedrill.tui.replay.base import PlayerScreen


class ReplayCommands(ListedCommands):
    """'Replay: play/pause (Space)', 'Replay: 60× speed (3)', 'Show panel: Dispatch' …"""

    def _screen(self) -> PlayerScreen | None:
        from firedrill.tui.replay.base import PlayerScreen

        screen = self.screen
        return screen if isinstance(screen, PlayerScreen) else None

    def _commands(self) -> list[Command]:
        screen = self._screen()
        if screen is None:
            return []
        lang, other = screen.lang, ("en" if screen.lang == "zh" else "zh")
        found: list[Command] = []
        for action in actions_for(screen.mode):
            title = f"{rw('cmd_prefix', lang)}{rw(action.label, lang)} ({shown_key(action.key)})"
            found.append((title, rw(action.label, other), partial(screen.run_action, action.action)))
        for pane, label in screen.panes():
            found.append((f"{rw('cmd_panel', lang)}{label}", pane, partial(screen.show_pane, pane)))
        return found
