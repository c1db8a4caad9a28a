"""The controller screen's words (``labels.yaml`` beside this file, group ``controller_console``),
read with the safe YAML loader like the console's own words."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LABELS_FILE = Path(__file__).with_name("labels.yaml")
GROUP = "controller_console"


@cache
def _labels() -> dict[str, dict[str, str]]:
    with LABELS_FILE.open(encoding="utf-8") as handle:
        data: dict[str, dict[str, dict[str, str]]] = yaml.safe_load(handle)
    return data[GROUP]


def cw(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ('zh' or 'en')."""
    return _labels()[key]["en" if lang == "en" else "zh"]


def both(key: str) -> str:
    """Chinese first, the English beside it (key labels, fixed whatever the language)."""
    return f"{cw(key, 'zh')} {cw(key, 'en')}"


def label_keys() -> tuple[str, ...]:
    return tuple(_labels())
