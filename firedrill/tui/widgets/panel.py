"""Text that wraps Chinese properly (``WrapStatic``) and a scrollable panel built on it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Self

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from firedrill.tui.widgets.sizing import size_styles
from firedrill.tui.wrap import break_offsets, cells

if TYPE_CHECKING:
    from textual.geometry import Region

# Leading spaces and a list number ("1. ", "(2) ", "★ "): continuation lines hang under the text after it.
LIST_MARKER = re.compile(r"^ *(?:(?:\d+\.|[(（][\d一二三四五六七八九十]+[)）]|★|-) +)?")


ANCHOR_TRIES = 10
ANCHOR_RETRY_S = 0.05


def cell_width(text: str) -> int:
    return sum(cells(ch) for ch in text)


def wrap_content(content: Content, width: int) -> Content:
    """``content`` broken into lines of at most ``width`` cells, styles kept."""
    if width <= 0:
        return content
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        plain = line.plain
        marker = LIST_MARKER.match(plain)
        indent = cell_width(marker.group(0)) if marker else 0
        indent = indent if indent < width // 2 else 0
        first = break_offsets(plain, width)
        if not first:
            lines.append(line)
            continue
        head, rest = line.divide([first[0]])
        lines.append(head.rstrip())
        # continuation lines hang under the first line's text (its leading spaces)
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
        offsets = break_offsets(rest.plain, width - indent)
        lines += [part.rstrip().pad_left(indent) for part in (rest.divide(offsets) if offsets else [rest])]
    return Content("\n").join(lines)


class WrapStatic(Static):
    """A Static whose text is re-broken (Chinese-aware) whenever its width changes.

    It asks for a new layout only when its own text takes another number of lines or the styles that
    size it changed, not again when a layout has just resized it (``firedrill.tui.widgets.sizing``)."""

    def __init__(self, content: Content | str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._source = content if isinstance(content, Content) else Content(content)
        self._wrapped_at = -1
        self._lines = -1
        self._laid_out: tuple[object, ...] | None = None
        self._grew = False  # its text takes another number of lines: its height follows

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if layout:
            placed = size_styles(self.styles)
            layout = self._grew or placed != self._laid_out
            self._laid_out, self._grew = placed, False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def set_content(self, content: Content | str) -> None:
        """Show ``content``; an unchanged content costs nothing (no new layout)."""
        content = content if isinstance(content, Content) else Content(content)
        if content.is_same(self._source) and self._wrapped_at >= 0:
            return
        self._source = content
        self._wrapped_at = -1
        self._rewrap()

    def _rewrap(self) -> None:
        width = self.content_region.width if self.is_mounted else 0
        if width != self._wrapped_at:
            self._wrapped_at = width
            wrapped = wrap_content(self._source, width)
            lines = wrapped.plain.count("\n")
            # Same number of lines at the same width: same size, so no new layout of the screen.
            self._grew = lines != self._lines or width == 0
            self.update(wrapped, layout=self._grew)
            self._lines = lines

    def on_mount(self) -> None:
        self._rewrap()

    def on_resize(self, _event: events.Resize) -> None:
        self._rewrap()

    @property
    def text(self) -> str:
        """The plain text (unwrapped): what tests and screen readers read."""
        return self._source.plain


class TextPanel(VerticalScroll, can_focus=True):
    """Focusable so the keyboard can scroll it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._body = WrapStatic(classes="panel-body")
        self._anchor: Content | None = None

    def compose(self) -> ComposeResult:
        yield self._body

    def set_lines(self, lines: Iterable[Content | str], anchor: int | None = None) -> None:
        """Show ``lines``; ``anchor``, the index of a line ``scroll_to_anchor`` brings to the top."""
        shown = list(lines)
        self._anchor = Content("\n").join(shown[:anchor]) if anchor else None
        self._body.set_content(Content("\n").join(shown))

    def scroll_to_anchor(self, tries: int = ANCHOR_TRIES) -> None:
        """Scroll so that the anchor line is at the top (the lines before it, wrapped as shown).

        A panel just brought to the front is laid out a moment later: until it is, try again."""
        if self._anchor is None:
            return
        width = self._body.content_region.width
        rows = wrap_content(self._anchor, width).plain.count("\n") + 1 if width > 0 else 0
        if (width <= 0 or self.max_scroll_y < min(rows, self._body.size.height - self.size.height)) and tries:
            self.set_timer(ANCHOR_RETRY_S, lambda: self.scroll_to_anchor(tries - 1))
            return
        self.scroll_to(y=rows, animate=False)

    @property
    def text(self) -> str:
        return self._body.text


def heading(text: str) -> Content:
    return Content.styled(text, "bold $accent")


def cite(clause: str) -> Content:
    return Content.styled(f"[{clause}]", "$text-muted")
