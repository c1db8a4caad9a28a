"""Bilingual labels for every interface (CLI, console, reports), loaded from labels.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from firedrill.models import Text

LABELS_FILE = Path(__file__).with_name("labels.yaml")
LANGS = ("zh", "en")


@cache
def _labels() -> dict[str, dict[str, Text]]:
    raw = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    return {group: {key: Text(**value) for key, value in entries.items()} for group, entries in raw.items()}


def label(group: str, key: str) -> Text:
    """The label of ``key`` in ``group`` (e.g. label("level", "major") → 重大 / Major)."""
    return _labels()[group][key]


def t(group: str, key: str, lang: str) -> str:
    return label(group, key).in_lang(lang)
