"""Small dialogs: resume open incidents after a restart, switch incident, show a dispatch order."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from firedrill.tui.widgets.panel import WrapStatic
from firedrill.tui.words import w

NEW = "+new"  # option id for "a new incident"
CLOSE = "+close:"  # before an incident's id: close it (with a reason)


RESUME, FOLLOW = "resume", "follow"


class ResumeScreen(ModalScreen[str]):
    """Open incidents: resume them (``RESUME``; those last taken up at another seat are taken over),
    follow another seat's without writing (``FOLLOW``, offered when there is one), or start a new one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "resume", show=False), Binding("n", "new", show=False),
                Binding("escape", "new", show=False), Binding("f", "follow", show=False)]  # fmt: skip

    def __init__(self, lines: list[str], lang: str, other_seat: bool = False) -> None:
        super().__init__()
        self.lines, self.lang, self.other_seat = lines, lang, other_seat

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(w("resume_title", self.lang), classes="dialog-title")
            yield Static("\n".join(self.lines), id="resume-list")
            with Horizontal(classes="buttons"):
                yield Button(w("resume_all", self.lang), id=RESUME, variant="primary")
                if self.other_seat:
                    yield Button(w("resume_follow", self.lang), id=FOLLOW)
                yield Button(w("resume_new", self.lang), id="new")

    def on_mount(self) -> None:
        self.query_one(f"#{RESUME}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "new")

    def action_resume(self) -> None:
        self.dismiss(RESUME)

    def action_follow(self) -> None:
        if self.other_seat:
            self.dismiss(FOLLOW)

    def action_new(self) -> None:
        self.dismiss("new")


class IncidentsScreen(ModalScreen[str | None]):
    """Choose an open incident (or a new one); returns its id, ``NEW``, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False),
                                             Binding("c", "close_incident", show=False)]  # fmt: skip

    def __init__(self, options: list[tuple[str, str]], active: str | None, lang: str,
                 board: list[str] | None = None) -> None:  # fmt: skip
        super().__init__()
        self.options, self.active, self.lang = options, active, lang
        self.board = board or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(w("board_title", self.lang), classes="dialog-title")
            yield OptionList(*[Option(text, id=ident) for ident, text in self.options],
                             Option(w("key_new", self.lang), id=NEW), id="incident-list")  # fmt: skip
            yield WrapStatic("\n".join(self.board), id="board-units")
            yield Label(w("switch_help", self.lang), classes="dialog-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [ident for ident, _ in self.options]
        options.highlighted = ids.index(self.active) if self.active in ids else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close_incident(self) -> None:
        """Close the highlighted incident (the screen asks the reason)."""
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id and option.id != NEW:
            self.dismiss(f"{CLOSE}{option.id}")

    def action_cancel(self) -> None:
        self.dismiss(None)


class OrderScreen(ModalScreen[None]):
    """The dispatch order as recorded, and where its file is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", show=False),
        Binding("enter", "close", show=False),
        Binding("c", "copy", show=False),
    ]

    def __init__(self, text: str, path: Path | None, lang: str, *, with_cad: bool = False) -> None:
        super().__init__()
        self.text, self.path, self.lang, self.with_cad = text, path, lang, with_cad

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(w("order_recorded", self.lang), classes="dialog-title")
            with VerticalScroll(id="order-scroll"):
                yield WrapStatic(self.text, id="order-text")
            lang = self.lang
            saved = f"{w('order_saved', lang)}{self.path}" if self.path else w("order_not_saved", lang).rstrip(": ")
            if self.path and self.with_cad:
                saved += f" (+ {self.path.with_suffix('.json').name})"
            yield Label(saved, id="order-path", classes="dialog-help", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(w("close", self.lang), id="close", variant="primary")
                yield Button(w("order_copy", self.lang), id="copy")

    def on_mount(self) -> None:
        self.query_one("#order-scroll").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.action_copy()
        else:
            self.dismiss(None)

    def action_copy(self) -> None:
        """The whole order (radio line first) to the clipboard, through the terminal (OSC 52)."""
        self.app.copy_to_clipboard(self.text)
        self.app.notify(w("order_copied", self.lang))

    def action_close(self) -> None:
        self.dismiss(None)
