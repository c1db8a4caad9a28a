"""Labels of the replay, drill and report views (``labels.yaml`` beside this file), both languages."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from firedrill.i18n import t
from firedrill.models import Range, Text

LABELS_FILE = Path(__file__).with_name("labels.yaml")


@cache
def _labels() -> dict[str, dict[str, Text]]:
    raw = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    return {group: {key: Text(**value) for key, value in entries.items()} for group, entries in raw.items()}


def label(group: str, key: str) -> Text:
    return _labels()[group][key]


def w(group: str, key: str, lang: str) -> str:
    return label(group, key).in_lang(lang)


def level_name(level: str, lang: str) -> str:
    return t("level", level, lang)


def trigger_name(trigger: str, lang: str) -> str:
    return t("trigger", trigger, lang)


def span(r: Range | None) -> str:
    """A count range as the plan writes it: ``6—9``, ``10+``; ``-`` where none is set."""
    if r is None:
        return "-"
    return f"{r.minimum}—{r.maximum}" if r.maximum is not None else f"{r.minimum}+"
