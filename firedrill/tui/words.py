"""The console's words in Chinese and English, read from firedrill/labels.yaml without pydantic.

The console's first screen must appear before the engine (and pydantic) is loaded, so the labels
are read here with the C YAML loader; ``tests/tui/test_words.py`` validates every console key
through ``firedrill.i18n`` (pydantic) so both paths agree.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LABELS_FILE = Path(__file__).resolve().parents[1] / "labels.yaml"
LANGS = ("zh", "en")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _labels() -> dict[str, dict[str, dict[str, str]]]:
    with LABELS_FILE.open(encoding="utf-8") as handle:
        data: dict[str, dict[str, dict[str, str]]] = yaml.load(handle, Loader=_Loader)  # C or pure-Python *safe* loader
    return data


def word(group: str, key: str, lang: str) -> str:
    """The label ``key`` of ``group`` in ``lang`` ('zh' or 'en')."""
    return _labels()[group][key]["en" if lang == "en" else "zh"]


def w(key: str, lang: str) -> str:
    """A word of the console's own group."""
    return word("console", key, lang)


def keys(group: str = "console") -> tuple[str, ...]:
    return tuple(_labels()[group])


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def list_sep(lang: str) -> str:
    return "、" if lang == "zh" else "; "
