"""The controller screen's widgets: the clock line, the injects to come (send one now), the
contingencies with whether each holds, and each role's declaration beside the plan's demand.

Each table is given its rows (a reactive); the inject table owns the send-now key and posts
``InjectTable.SendNow`` up to the screen, which drives the exercise."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from firedrill.tui.controller.words import both, cw

Row = tuple[str, ...]


class ClockBar(Static):
    """The exercise clock, its state and speed, and the real time."""

    text: reactive[str] = reactive("")

    def watch_text(self, text: str) -> None:
        self.update(text)


class Rows(DataTable[str]):
    """A read-only table whose rows are replaced as a whole; the highlighted row stays put."""

    rows_shown: reactive[tuple[Row, ...]] = reactive(tuple)

    def __init__(self, columns: tuple[str, ...], **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.column_names = columns

    def on_mount(self) -> None:
        self.add_columns(*self.column_names)

    def watch_rows_shown(self, rows: tuple[Row, ...]) -> None:
        at = self.cursor_row
        self.clear()
        for row in rows:
            self.add_row(*row)
        if rows:
            self.move_cursor(row=min(max(at, 0), len(rows) - 1))


class InjectTable(Rows):
    """The injects still to come; S sends the highlighted one now."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "send_now", both("key_send"), id="firedrill.controller.send"),
    ]

    class SendNow(Message):
        """The controller asks for inject ``number`` to be sent now."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    numbers: tuple[int, ...] = ()

    def __init__(self, lang: str, **kwargs: object) -> None:
        names = ("col_number", "col_time", "col_kind", "col_to", "col_message")
        super().__init__(tuple(cw(n, lang) for n in names), **kwargs)

    def show(self, pending: tuple[tuple[int, Row], ...]) -> None:
        self.numbers = tuple(n for n, _ in pending)
        self.rows_shown = tuple(row for _, row in pending)

    def action_send_now(self) -> None:
        if self.numbers and 0 <= self.cursor_row < len(self.numbers):
            self.post_message(self.SendNow(self.numbers[self.cursor_row]))


class ContingencyTable(Rows):
    def __init__(self, lang: str, **kwargs: object) -> None:
        super().__init__(tuple(cw(n, lang) for n in ("col_number", "col_time", "col_holds", "col_condition")),
                         **kwargs)  # fmt: skip


class RoleTable(Rows):
    def __init__(self, lang: str, **kwargs: object) -> None:
        names = ("col_role", "col_prompt", "col_declared", "col_required", "col_grade")
        super().__init__(tuple(cw(n, lang) for n in names), **kwargs)
