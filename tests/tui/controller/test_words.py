"""The controller screen's words: every label in both languages, every label the code names
exists, and every key has an id of its own (for keymaps)."""

from __future__ import annotations

import re
from pathlib import Path

from firedrill.models import Text
from firedrill.tui.controller import words
from firedrill.tui.controller.screen import ControllerScreen
from firedrill.tui.controller.widgets import InjectTable

CODE = Path(words.__file__).parent


def test_every_word_in_both_languages_and_every_word_used_exists() -> None:
    for key in words.label_keys():
        text = Text(zh=words.cw(key, "zh"), en=words.cw(key, "en"))
        assert text.zh.strip() and text.en.strip(), key
    used: set[str] = set()
    for path in CODE.glob("*.py"):
        used |= set(re.findall(r"""(?:cw|both)\(["']([a-z_0-9]+)["']""", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"""["'](col_[a-z_]+)["']""", path.read_text(encoding="utf-8")))
    assert used and used - set(words.label_keys()) == set()


def test_every_key_has_its_own_id() -> None:
    bindings = [*ControllerScreen.BINDINGS, *InjectTable.BINDINGS]
    ids = [getattr(b, "id", None) for b in bindings]
    assert all(i and i.startswith("firedrill.controller.") for i in ids) and len(set(ids)) == len(ids)
