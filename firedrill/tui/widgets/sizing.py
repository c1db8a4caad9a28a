"""What decides a widget's place and size on screen, so a widget can tell a layout that changes
nothing from one that does.

Textual lays the whole screen out again whenever any widget asks for it. Some widgets ask when
nothing about their size can have changed: an ``Input`` on every key (its virtual width follows its
text, though its width is set), and a widget resized by a layout asks for another as its virtual size
is set to what that layout just gave it. ``size_styles`` names the styles a widget's own layout
depends on; a widget that keeps them from its last layout can skip a request when none changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.css.styles import RenderStyles


def size_styles(styles: RenderStyles) -> tuple[object, ...]:
    """The styles that decide a widget's place and size on screen (what a new layout could change)."""
    return (styles.display, styles.visibility, styles.width, styles.height, styles.min_width, styles.max_width,
            styles.min_height, styles.max_height, styles.margin, styles.padding, styles.border, styles.box_sizing,
            styles.offset, styles.dock, styles.layer, styles.position)  # fmt: skip
