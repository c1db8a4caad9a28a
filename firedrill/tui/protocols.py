"""What dialogs may ask of the app they run in, without importing it (the app imports them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget


@runtime_checkable
class SteadyCursors(Protocol):
    """An app that may be asked for steady (non-blinking) cursors, as the console is for snapshots."""

    def steady_cursor(self, root: Widget | Screen[Any]) -> None: ...
