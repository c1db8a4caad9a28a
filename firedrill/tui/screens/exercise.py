"""The exercise clock's dialog: the scenario time an exercise starts at (演练时间)."""

from __future__ import annotations

from datetime import datetime

from firedrill.tui.clock import Clock
from firedrill.tui.screens.prompt import PromptScreen, Refused
from firedrill.tui.words import w


class ExerciseScreen(PromptScreen[datetime]):
    """Asks for the exercise's start (a date and time, or a clock time today); None when cancelled."""

    def __init__(self, lang: str, clock: Clock) -> None:
        super().__init__(lang, w("exercise_title", lang), "2026-04-15 14:10", w("exercise_help", lang),
                         "exercise-start", "exercise-error")  # fmt: skip
        self.clock = clock

    def answer(self, text: str) -> datetime:
        from firedrill.incident.entry import FieldError, parse_time

        try:
            return parse_time(text, "exercise_start", self.clock())
        except FieldError:
            raise Refused("exercise_bad") from None
