"""The controller screen's words (``labels.yaml`` beside this file, group ``controller_console``)."""

from __future__ import annotations

from pathlib import Path

from firedrill.tui.label_group import LabelGroup

WORDS = LabelGroup(Path(__file__).with_name("labels.yaml"), "controller_console")


def cw(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ('zh' or 'en')."""
    return WORDS.word(key, lang)


def both(key: str) -> str:
    """Chinese first, the English beside it (key labels, fixed whatever the language)."""
    return f"{cw(key, 'zh')} {cw(key, 'en')}"


def label_keys() -> tuple[str, ...]:
    return WORDS.keys()
