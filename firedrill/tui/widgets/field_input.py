"""Form controls that take every key in the order it arrived, at any speed.

Textual's ``Input`` inserts a printable key as soon as it reaches the field, but a bound key
(backspace, Ctrl+U, Home, Enter, Tab …) is only acted on once it has bubbled up to the app. Keys
that arrive together (a loaded machine, SSH, a fast typist) are then applied out of order:
``800``, backspace, ``5`` gives 800, because the 5 is inserted before the backspace comes back
down. A form control here runs the binding a key has at once, in its own queue, so each key acts
on what the keys before it left. A key the app handed to a control after a Tab it had not yet
acted on belongs to the control the Tab moved to: it is carried there, in order. A paste lands
whole, in one piece, in the field that has the focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from textual import events
from textual.message import Message
from textual.widgets import Input

from firedrill.tui.widgets.sizing import size_styles

if TYPE_CHECKING:
    from textual.geometry import Region
    from textual.widget import Widget as _Control
else:
    # A plain mixin: Textual follows a widget class's first widget base for its styles and
    # bindings, which must stay the Input's (or the Button's …), not a bare Widget's.
    _Control = object


def one_line(text: str) -> str:
    """A pasted text as one field value: line breaks and tabs become spaces, the ends trimmed."""
    return " ".join(text.replace("\t", " ").split("\n")).strip()


class Carried(Message, bubble=False):
    """A key (or a paste) that reached another control after the focus had moved to this one."""

    def __init__(self, key: str, character: str | None, paste: str | None = None) -> None:
        super().__init__()
        self.key = key
        self.character = character
        self.paste = paste


class Queued(Message, bubble=False):
    """A screen action bound to a priority key, to run after the keys this control already holds."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action


class KeyGate:
    """Mixed into a container whose controls may act on bound keys only once it is whole (a form whose
    later rows are still being mounted): a Tab pressed meanwhile waits for the field it moves to."""

    async def keys_open(self) -> None:
        """Return once the container's controls may act on bound keys."""


class OrderedKeys(_Control):
    """Mixed in before a focusable widget: its bound keys act inline, keys for others are carried on."""

    async def on_key(self, event: events.Key) -> None:
        if self.screen.focused is self and event.is_printable:
            return  # the widget's own handling (Input inserts it), as always
        if await self.take_key(event.key, event.character):
            event.stop()
            event.prevent_default()

    async def on_carried(self, message: Carried) -> None:
        message.stop()
        if message.paste is not None:
            self.take_paste(message.paste)
        elif not await self.take_key(message.key, message.character):
            self.unbound_key(message.key, message.character)

    async def on_queued(self, message: Queued) -> None:
        message.stop()
        await self.app.run_action(message.action, self.screen)

    def unbound_key(self, key: str, character: str | None) -> None:
        """A carried key with no binding: the app routes it as it routes any key."""
        self.app.simulate_key(key)

    def take_paste(self, text: str) -> None:
        self.carry_on(None, None, text)

    def carry_on(self, key: str | None, character: str | None, paste: str | None = None) -> bool:
        """If the focus has left this control, hand the key on to the one that has it; True if handed on."""
        focused = self.screen.focused
        if focused is self:
            return False
        if isinstance(focused, OrderedKeys):
            focused.post_message(Carried(key or "", character, paste))
        elif key is not None:
            self.app.simulate_key(key)  # not one of the form's controls: the app routes the key to it
        return True

    async def take_key(self, key: str, character: str | None) -> bool:
        """Act on a key now if it is bound (or hand it on); False leaves it to the widget's default."""
        if self.carry_on(key, character):
            return True
        if character is not None and character.isprintable():
            return False
        active = self.screen.active_bindings.get(key)
        if active is None or not active.enabled or active.binding.priority:
            return False  # unbound keys bubble as before; priority keys never come this far
        for node in self.ancestors:
            if isinstance(node, KeyGate):
                await node.keys_open()  # the keys after this one wait here too: they stay in order
        return await self.app.run_action(active.binding.action, active.node)


class FieldInput(OrderedKeys, Input):
    """A text field whose editing keys (and Tab, Shift+Tab, Enter) act inline, in arrival order.

    Its size is set by the stylesheet, never by its text: a new value is repainted without a new
    layout of the whole screen (Textual's Input asks for one on every key, as its virtual width grows
    with the text; the field still scrolls to its cursor). A change of the styles that place or size
    it still gets its layout."""

    _laid_out: tuple[object, ...] | None = None

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if layout and not self.styles.auto_dimensions:
            placed = size_styles(self.styles)
            layout = placed != self._laid_out
            self._laid_out = placed
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self.take_paste(event.text)

    def take_paste(self, text: str) -> None:
        if not self.carry_on(None, None, text) and text:
            self.put(one_line(text))

    def unbound_key(self, key: str, character: str | None) -> None:
        if character is not None and character.isprintable():
            self.put(character)
        else:
            super().unbound_key(key, character)

    def put(self, text: str) -> None:
        """Insert at the cursor, over the selection if there is one (as a typed key is)."""
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
