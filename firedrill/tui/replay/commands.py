"""The command palette of the replay and drill screens: every action of ``bindings.ACTIONS`` for the
screen's mode (with its key) and each of its panels, searchable in both languages."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from firedrill.tui.replay.bindings import actions_for, shown_key
from firedrill.tui.replay.words import rw

if TYPE_CHECKING:
    from firedrill.tui.replay.base import PlayerScreen


class ReplayCommands(Provider):
    """'Replay: play/pause (Space)', 'Replay: 60× speed (3)', 'Show panel: Dispatch' …"""

    def _screen(self) -> PlayerScreen | None:
        from firedrill.tui.replay.base import PlayerScreen

        screen = self.screen
        return screen if isinstance(screen, PlayerScreen) else None

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        screen = self._screen()
        if screen is None:
            return []
        lang, other = screen.lang, ("en" if screen.lang == "zh" else "zh")
        found: list[tuple[str, str, Callable[[], Any]]] = []
        for action in actions_for(screen.mode):
            title = f"{rw('cmd_prefix', lang)}{rw(action.label, lang)} ({shown_key(action.key)})"
            found.append((title, rw(action.label, other), partial(screen.run_action, action.action)))
        for pane, label in screen.panes():
            found.append((f"{rw('cmd_panel', lang)}{label}", pane, partial(screen.show_pane, pane)))
        return found

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = max(matcher.match(title), matcher.match(help_text))
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
