"""The replay and drill modes' words (``labels.yaml`` beside this file, group ``replay_console``)."""

from __future__ import annotations

from pathlib import Path

from firedrill.tui.label_group import LabelGroup

WORDS = LabelGroup(Path(__file__).with_name("labels.yaml"), "replay_console")


def rw(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ('zh' or 'en')."""
    return WORDS.word(key, lang)


def label_keys() -> tuple[str, ...]:
    return WORDS.keys()
