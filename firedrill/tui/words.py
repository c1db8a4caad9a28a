"""The console's words in Chinese and English, read from firedrill/labels.yaml without pydantic.

The console's first screen must appear before the engine (and pydantic) is loaded, and it needs
only the ``console:`` group. That group is written one key per line,
``  "key": {zh: "…", en: "…"}``, so it is read here line by line without importing YAML at all.
If any line of the group has another form (a comment, an escape, a wrapped value) the whole file
is read with the YAML loader instead, so an odd line costs time, never a wrong word. The other
groups (levels, hazards, …) are read with the C YAML loader when first asked for.
``tests/tui/test_words_and_layers.py`` checks that the line reader and YAML agree on the console
group, that the shipped group is read without the fallback, and validates every console key
through ``firedrill.i18n`` (pydantic) so both paths agree.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

LABELS_FILE = Path(__file__).resolve().parents[1] / "labels.yaml"
LANGS = ("zh", "en")
CONSOLE = "console"
# One console label per line: a quoted key and both texts quoted, nothing to unescape.
_LINE = re.compile(r'  "([a-z0-9_]+)": \{zh: "([^"\\]*)", en: "([^"\\]*)"\}')

Labels = dict[str, dict[str, dict[str, str]]]


@cache
def _labels() -> Labels:
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C or pure-Python *safe* loader
    with LABELS_FILE.open(encoding="utf-8") as handle:
        data: Labels = yaml.load(handle, Loader=loader)
    return data


def read_console_group(text: str) -> dict[str, dict[str, str]] | None:
    """The ``console:`` group of a labels file's ``text`` read line by line; None if a line of the
    group is not in the one-line form (the caller then reads the file with YAML)."""
    start = text.find(f"\n{CONSOLE}:\n")
    if start < 0:
        return None
    found: dict[str, dict[str, str]] = {}
    for line in text[start + len(CONSOLE) + 3 :].splitlines():
        if not line.startswith(" "):
            if line.strip():  # the next group
                break
            return None  # a blank line inside the group: let YAML decide
        match = _LINE.fullmatch(line)
        if match is None or match.group(1) in found:
            return None
        found[match.group(1)] = {"zh": match.group(2), "en": match.group(3)}
    return found


@cache
def _console() -> dict[str, dict[str, str]]:
    fast = read_console_group(LABELS_FILE.read_text(encoding="utf-8"))
    return fast if fast is not None else _labels()[CONSOLE]


def word(group: str, key: str, lang: str) -> str:
    """The label ``key`` of ``group`` in ``lang`` ('zh' or 'en')."""
    entries = _console() if group == CONSOLE else _labels()[group]
    return entries[key]["en" if lang == "en" else "zh"]


def w(key: str, lang: str) -> str:
    """A word of the console's own group."""
    return word(CONSOLE, key, lang)


def keys(group: str = CONSOLE) -> tuple[str, ...]:
    return tuple(_console() if group == CONSOLE else _labels()[group])


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def list_sep(lang: str) -> str:
    return "、" if lang == "zh" else "; "
