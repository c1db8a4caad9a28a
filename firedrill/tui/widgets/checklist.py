"""The procedure tab: a summary, every step of chapters 4–6 in order with its state, and a status line.

The list only shows what it is given (rows from ``firedrill.tui.steps_text``) and says which step is
highlighted; Enter on a step posts ``StepChosen``. Rows are broken into lines here, Chinese-aware,
at the list's width, so the cursor covers a step's whole text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from firedrill.tui.widgets.panel import WrapStatic, wrap_content

if TYPE_CHECKING:  # the engine's modules load after the first screen
    from firedrill.tui.steps_text import Row

# How each Row.state's first line looks; the second line (when, who, notes) is muted.
STYLES = {"stage": "bold $accent", "done": "$success", "skipped": "$text-muted", "overdue": "bold $error",
          "due": "bold", "waiting": "", "not_applicable": "$text-disabled"}  # fmt: skip
DETAIL_INDENT = "    "


class ChecklistPanel(Vertical):
    """Summary above, the steps in the middle (↑↓ to move), the last message below."""

    class StepChosen(Message):
        """Enter (or a click) on a step: the screen opens the step's dialog."""

        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rows: list[Row] = []
        self._shown: tuple[tuple[Row, ...], int] | None = None
        self._head = WrapStatic("", id="proc-head")
        self._help = WrapStatic("", id="proc-help")
        self.steps = OptionList(id="proc-list")
        self._status = WrapStatic("", id="proc-status")

    def compose(self) -> ComposeResult:
        yield self._head
        yield self._help
        yield self.steps
        yield self._status

    def show(self, head: Content, rows: list[Row], help_text: str = "", *, place: bool = False,
             cursor: str | None = None) -> None:  # fmt: skip
        """Show the summary, the keys to use and the rows; unchanged rows cost nothing.

        With ``place`` (another incident is shown) the cursor goes to ``cursor``, or to the first
        step due when that is None."""
        self._head.set_content(head)
        self._help.set_content(Content.styled(help_text, "$text-muted"))
        self._rows = rows
        if place:
            self._shown = None
            self._render_rows(cursor, placed=True)
        else:
            self._render_rows()

    def say(self, text: str, *, error: bool = False) -> None:
        """The status line: a refusal (error) or what was just recorded."""
        self._status.set_content(Content.styled(text, "bold $error" if error else "$success") if text else Content(""))

    @property
    def status_text(self) -> str:
        return self._status.text

    @property
    def head_text(self) -> str:
        return self._head.text

    @property
    def highlighted_step(self) -> str | None:
        option = self.steps.highlighted_option
        return option.id if option is not None else None

    def highlight(self, step_id: str) -> None:
        steps = self.steps
        steps.highlighted = steps.get_option_index(step_id)

    def highlight_next(self, step_id: str) -> None:
        """After ``step_id`` was recorded: the next step to do now, below it if any, else the first."""
        ids = [r.step_id for r in self._rows]
        open_rows = [i for i, r in enumerate(self._rows) if r.state in ("due", "overdue")]
        start = ids.index(step_id) if step_id in ids else 0
        following = [i for i in open_rows if i > start] or open_rows
        if following:
            self.steps.highlighted = following[0]

    def row_text(self, step_id: str) -> str:
        """A step's row as plain text (what tests and screen readers read)."""
        row = next(r for r in self._rows if r.step_id == step_id)
        return f"{row.head}\n{row.detail}"

    def _width(self) -> int:
        return max(self.steps.scrollable_content_region.width, 0)

    def _prompt(self, row: Row, width: int) -> Content:
        head = Content.styled(row.head, STYLES.get(row.state, ""))
        if not row.detail:
            return wrap_content(head, width)
        detail = Content.styled(f"{DETAIL_INDENT}{row.detail}", "$text-muted")
        return wrap_content(Content("\n").join([head, detail]), width)

    def _render_rows(self, cursor: str | None = None, placed: bool = False) -> None:
        width = self._width()
        key = (tuple(self._rows), width)
        if key == self._shown:
            return
        self._shown = key
        steps = self.steps
        chosen, scroll = (cursor, 0.0) if placed else (self.highlighted_step, steps.scroll_y)

        options = [Option(self._prompt(r, width), id=r.step_id, disabled=r.step_id is None) for r in self._rows]
        steps.set_options(options)
        ids = [r.step_id for r in self._rows]
        if chosen is not None and chosen in ids:
            steps.highlighted = ids.index(chosen)
            steps.scroll_to(y=scroll, animate=False, immediate=True)
        else:  # the first step to do now
            steps.highlighted = next((i for i, r in enumerate(self._rows) if r.state in ("due", "overdue")), None)

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._render_rows)

    @on(OptionList.OptionSelected, "#proc-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.StepChosen(event.option.id))
