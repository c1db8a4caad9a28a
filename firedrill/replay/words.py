"""Labels of the replay, drill and report views (``labels.yaml`` beside this file), both languages."""

from __future__ import annotations

from pathlib import Path

from firedrill.i18n import LabelBook, t
from firedrill.models import Range, Text

LABELS_FILE = Path(__file__).with_name("labels.yaml")
BOOK = LabelBook(LABELS_FILE)


def label(group: str, key: str) -> Text:
    return BOOK.label(group, key)


def w(group: str, key: str, lang: str) -> str:
    return BOOK.text(group, key, lang)


def level_name(level: str, lang: str) -> str:
    return t("level", level, lang)


def trigger_name(trigger: str, lang: str) -> str:
    return t("trigger", trigger, lang)


def span(r: Range | None) -> str:
    """A count range as the plan writes it: ``6—9``, ``10+``; ``-`` where none is set."""
    if r is None:
        return "-"
    return f"{r.minimum}—{r.maximum}" if r.maximum is not None else f"{r.minimum}+"
