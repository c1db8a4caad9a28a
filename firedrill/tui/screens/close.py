"""Closing an incident with a reason (a false alarm, a duplicate, a fire handed over): the reason is
required, and the record is closed through the incident core's ``Desk.close``, which frees its units.

A general fire has no chapter-5 step, so this is how it leaves the list of open incidents.
"""

from __future__ import annotations

from firedrill.tui.screens.prompt import PromptScreen, Refused
from firedrill.tui.words import w


class CloseScreen(PromptScreen[str]):
    """Asks why the incident is closed; returns the reason, or None (Esc)."""

    def __init__(self, lang: str, label: str) -> None:
        super().__init__(lang, f"{w('close_title', lang)}{label}", w("close_hint", lang), w("close_help", lang),
                         "close-reason", "close-error")  # fmt: skip

    def answer(self, text: str) -> str:
        reason = text.strip()
        if not reason:
            raise Refused("close_reason_empty")
        return reason
