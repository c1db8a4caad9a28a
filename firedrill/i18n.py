"""Bilingual labels for every interface (CLI, console, reports), loaded from YAML label files.

``labels.yaml`` beside this module holds the shared words (levels, triggers, units…); a part with
words of its own keeps them in its own file and reads it through a ``LabelBook`` the same way.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from firedrill.models import Text

LABELS_FILE = Path(__file__).with_name("labels.yaml")
LANGS = ("zh", "en")


# A label file: groups of keys, each with its Chinese and English text.
LabelFile = dict[str, dict[str, Text]]


class LabelBook:
    """One label file: groups of keys, each with its Chinese and English text; read once, when first used."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def groups(self) -> dict[str, dict[str, Text]]:
        from firedrill.datacache import load_cached  # label files ship with firedrill

        return load_cached(LabelFile, self.path)

    def label(self, group: str, key: str) -> Text:
        return self.groups[group][key]

    def text(self, group: str, key: str, lang: str) -> str:
        return self.label(group, key).in_lang(lang)


SHARED = LabelBook(LABELS_FILE)


def label(group: str, key: str) -> Text:
    """The label of ``key`` in ``group`` (e.g. label("level", "major") → 重大 / Major)."""
    return SHARED.label(group, key)


def t(group: str, key: str, lang: str) -> str:
    return SHARED.text(group, key, lang)
