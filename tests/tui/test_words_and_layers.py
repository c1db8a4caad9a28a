"""Every console word exists in both languages, every key has a label, and the layers stay apart."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from firedrill.i18n import label
from firedrill.incident.entry import FIELDS, TEXT_INPUT_KINDS, Kind
from firedrill.procedure import RefusalCode
from firedrill.tui import words
from firedrill.tui.bindings import ACTIONS
from firedrill.tui.screens.display import PANELS
from firedrill.tui.screens.step import DONE, NOTE, SKIP, UNDO
from firedrill.tui.widgets.playbook import SECTIONS

TUI = Path(words.__file__).parent
LITERAL_KEY = re.compile(r"""\bw\(\s*["']([a-z_]+)["']\s*,""")


def test_console_words_validate_and_agree_with_the_fast_loader() -> None:
    for key in words.keys("console"):
        text = label("console", key)  # pydantic-validated: zh and en both present
        assert text.zh.strip() and text.en.strip(), key
        assert words.w(key, "zh") == text.zh and words.w(key, "en") == text.en


def test_console_group_is_read_without_yaml_and_as_yaml_reads_it() -> None:
    fast = words.read_console_group(words.LABELS_FILE.read_text(encoding="utf-8"))
    assert fast is not None, "a line of the console: group is not in the one-line form words.py reads"
    assert fast == words._labels()["console"]


def _labels_text(*console_lines: str) -> str:
    return "\n".join(["level:", "  general: {zh: 一般, en: General}", "console:", *console_lines,
                      "unit:", "  deaths: {zh: 人, en: persons}", ""])  # fmt: skip


ODD_LINES = ['  # a comment', '  "quote": {zh: "说\\"了\\"", en: "said"}', '  "app_title": {zh: "重复", en: "twice"}',
             '  "wrapped": {zh: "一",', '']  # fmt: skip


@pytest.mark.parametrize("odd", ODD_LINES)
def test_an_odd_console_line_makes_the_reader_give_way_to_yaml(odd: str) -> None:
    first, last = '  "app_title": {zh: "火警指挥台", en: "Console"}', '  "loading": {zh: "载入", en: "Loading"}'
    assert words.read_console_group(_labels_text(first, odd, last)) is None
    expected = {"app_title": {"zh": "火警指挥台", "en": "Console"}, "loading": {"zh": "载入", "en": "Loading"}}
    assert words.read_console_group(_labels_text(first, last)) == expected


def test_every_word_the_console_names_exists() -> None:
    own = [path for path in TUI.rglob("*.py") if not {"quiz", "replay"} & set(path.parts)]  # those have their own words
    used = {m.group(1) for path in own for m in LITERAL_KEY.finditer(path.read_text(encoding="utf-8"))}
    used |= {f"field_{f.id}" for f in FIELDS} | {f"hint_{f.id}" for f in FIELDS if f.kind in TEXT_INPUT_KINDS}
    used |= {a.label for a in ACTIONS}
    used |= {f"tab_{p}" for p in PANELS} | {f"sec_{k}" for k in SECTIONS} | {"sec_calc"}
    used |= {f"error_{k.value}" for k in Kind if k.value not in ("text", "bool", "hazards", "scenario", "site")}
    used |= {f"error_{c}" for c in ("negative", "required", "choice", "incident", "whole", "positive")}
    used |= {f"tl_status_{s}" for s in ("opened", "resumed", "closed")}
    used |= {f"calc_{c}" for c in ("tank", "zone", "metro", "collapse", "diameter", "height", "neighbours",
                                   "reading", "distance", "attackers")}  # fmt: skip
    used |= {f"refuse_{code.value}" for code in RefusalCode} | {"proc_closed", "proc_ended"}
    used |= {f"step_{action}" for action in (DONE, SKIP, UNDO, NOTE, "cancel")}
    assert used - set(words.keys("console")) == set()


def test_keys_are_unique_and_every_action_exists() -> None:
    from firedrill.tui.screens.main import MainScreen

    assert len({a.key for a in ACTIONS}) == len(ACTIONS) and len({a.id for a in ACTIONS}) == len(ACTIONS)
    for action in ACTIONS:
        assert callable(getattr(MainScreen, f"action_{action.action.split('(')[0]}", None)), action


@pytest.mark.parametrize("module", ["firedrill.cli.console", "firedrill.incident.entry", "firedrill.tui.session",
                                    "firedrill.tui.order", "firedrill.tui.wrap", "firedrill.tui.checklist",
                                    "firedrill.tui.steps_text", "firedrill.tui.dispatching",
                                    "firedrill.incident.places", "firedrill.tui.timeline",
                                    "firedrill.tui.scenarios"])  # fmt: skip
def test_console_logic_and_cli_entry_leave_textual_out(module: str) -> None:
    code = (f"import importlib, sys; importlib.import_module({module!r}); "
            "sys.exit(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")  # fmt: skip
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_first_screen_needs_no_pydantic() -> None:
    code = ("import sys; import firedrill.tui.app; "
            "sys.exit(any(m == 'pydantic' or m.startswith('firedrill.rules') for m in sys.modules))")  # fmt: skip
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# Frames are seen through a driver of the app's own (``App.driver_class``): Textual's headless driver,
# except that it takes every frame as a terminal's would.
FIRST_FRAME = """
import asyncio, sys
from pathlib import Path
from textual.drivers.headless_driver import HeadlessDriver
from firedrill.tui.app import create_app

app = create_app(lang="zh", data_dir=Path(sys.argv[1]))
seen = []

class FirstFrame(HeadlessDriver):
    @property
    def is_headless(self):
        return False

    def write(self, data):
        if not seen and getattr(app.focused, "id", None) == "in-location":
            seen.append(sorted(m for m in ("yaml", "pydantic", "firedrill.rules") if m in sys.modules))

app.driver_class = FirstFrame

async def ready(pilot):
    while not (seen and app.main.built):
        await asyncio.sleep(0.01)
    app.exit()

app.run(auto_pilot=ready, size=(80, 24))
print(seen[0])
"""


def test_the_first_frame_is_drawn_before_yaml_and_pydantic_are_imported(tmp_path: Path) -> None:
    # The first frame, with the cursor in the first field, comes before the engine loads anything.
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(tmp_path)], capture_output=True, text=True,
                          check=False, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_cli_refuses_a_missing_config_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    result = subprocess.run([sys.executable, "-m", "firedrill", "console", "--config", str(missing)],
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 2
    expected = f"firedrill: error: {missing}: field '--config': config file not found"
    assert result.stderr.strip().splitlines() == [expected]


def test_cli_reports_a_config_that_does_not_validate(tmp_path: Path) -> None:
    bad = tmp_path / "config.yaml"
    bad.write_text("lang: fr\n", encoding="utf-8")
    from firedrill.tui.app import create_app

    app = create_app(config=bad, data_dir=tmp_path / "data")
    result = app.run(headless=True)  # the engine worker fails: the app exits with the error
    assert app.return_code == 2
    assert str(result).startswith(f"{bad}:1: field 'lang'")
