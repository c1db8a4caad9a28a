"""Pick the scenario playbook: type in Chinese or English (names, aliases, keywords, plan text)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from firedrill.tui.words import w

if TYPE_CHECKING:
    from firedrill.playbook.loader import Library

NONE = "-"  # option id for "no playbook"


def matching_ids(library: Library, text: str) -> list[str]:
    """Playbook ids for ``text``, best first; every playbook for an empty text."""
    if not text.strip():
        return list(library.ids())
    from firedrill.playbook.search import search

    wanted = text.strip().casefold()
    exact = [p.id for p in library.all()
             if wanted in {t.casefold() for t in (p.name.zh, p.name.en, *p.aliases.zh, *p.aliases.en)}]  # fmt: skip
    return list(dict.fromkeys([*exact, *(hit.playbook_id for hit in search(library, text))]))


class ScenarioScreen(ModalScreen[str | None]):
    """Returns the chosen playbook id, ``NONE`` for none, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        Binding("down", "down", show=False, priority=True),
        Binding("up", "up", show=False, priority=True),
    ]

    def __init__(self, library: Library, lang: str, current: str | None) -> None:
        super().__init__()
        self.library, self.lang, self.current = library, lang, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(w("scenario_title", self.lang), classes="dialog-title")
            yield Input(placeholder=w("scenario_search", self.lang), id="scenario-search")
            yield OptionList(id="scenario-list")
            yield Label(w("scenario_help", self.lang), classes="dialog-help")

    def on_mount(self) -> None:
        from firedrill.tui.protocols import SteadyCursors

        if isinstance(self.app, SteadyCursors):
            self.app.steady_cursor(self)
        self._fill("")

    def _fill(self, text: str) -> None:
        from firedrill.playbook.citations import playbook_citation

        options = self.query_one(OptionList)
        options.clear_options()
        ids = matching_ids(self.library, text)
        if not text.strip():
            options.add_option(Option(w("no_scenario", self.lang), id=NONE))
        for pid in ids:
            p = self.library.get(pid)
            options.add_option(Option(f"{p.name.in_lang(self.lang)}  ({playbook_citation(p)})", id=pid))
        if not ids and text.strip():
            options.add_option(Option(w("no_match", self.lang), id="", disabled=True))
        current = [i for i in range(options.option_count) if options.get_option_at_index(i).id == self.current]
        options.highlighted = current[0] if current and not text.strip() else (1 if not text.strip() else 0)

    @on(Input.Changed)
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submit(self, _event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id and not option.disabled:
                self.dismiss(option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
