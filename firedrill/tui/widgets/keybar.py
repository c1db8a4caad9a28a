"""A footer that wraps: every key of the current screen with its label, clickable, on as many
lines as the width needs (Textual's Footer scrolls sideways and would hide keys at 80 columns).
Lines break between keys, never between a key and its label."""

from __future__ import annotations

from textual import events
from textual.content import Content, Span
from textual.widgets import Static

from firedrill.tui.bindings import BY_ID, PANEL_BINDING, PANEL_KEYS, key_display
from firedrill.tui.words import w

# The app's own keys (Textual's command palette and quit), always last.
APP_KEYS = (("ctrl+p", "app.command_palette", "key_palette"), ("ctrl+q", "app.quit", "key_quit"))
SEPARATOR_WIDTH = 2


class KeyBar(Static):
    """Reads the screen's active bindings; re-renders when they or the language change."""

    def __init__(self, lang: str, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.lang = lang
        self._items: list[tuple[str, str, str]] = []
        self._parts: list[Content] = []
        self._packed: tuple[int, int] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self._changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self._changed(self.screen)

    @staticmethod
    def _item(key: str, action: str, label: str) -> Content:
        """``key label``, the key bold in the accent colour, the whole clickable (built without markup:
        parsing markup for every key costs the first screen several milliseconds)."""
        text = f"{key} {label}"
        return Content(text, [Span(0, len(text), f"@click={action}"), Span(0, len(key), "b $accent")])

    def _changed(self, _screen: object) -> None:
        items: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen or active.node is self.app:
                continue
            seen.add(binding.action)
            action = binding.action if "." in binding.action else f"screen.{binding.action}"
            # The console's keys are labelled by id in the bar's language (their bindings are built once).
            label = w(BY_ID[binding.id].label, self.lang) if binding.id in BY_ID else binding.description
            items.append((binding.key_display or key_display(key), action, label))
        if any((b.binding.id or "").startswith(PANEL_BINDING) for b in self.screen.active_bindings.values()):
            items.append((PANEL_KEYS, "screen.next_panel", w("key_panels", self.lang)))  # the panel keys, as one
        items += [(key_display(key), action, w(label, self.lang)) for key, action, label in APP_KEYS]
        if items == self._items:
            return  # the same keys in the same words: nothing to redraw
        self._items = items
        self._parts, self._packed = [self._item(*item) for item in items], None
        self._pack()

    def _pack(self) -> None:
        """Put as many whole items on a line as fit the width."""
        width = self.content_region.width if self.is_mounted else 0
        key = (width, id(self._parts))
        if key == self._packed:
            return
        self._packed = key
        lines: list[list[Content]] = [[]]
        used = 0
        for part in self._parts:
            needed = part.cell_length + (SEPARATOR_WIDTH if lines[-1] else 0)
            if lines[-1] and width and used + needed > width:
                lines.append([])
                used, needed = 0, part.cell_length
            lines[-1].append(part)
            used += needed
        self.update(Content("\n").join(Content(" " * SEPARATOR_WIDTH).join(line) for line in lines))

    def on_resize(self, _event: events.Resize) -> None:
        self._pack()
