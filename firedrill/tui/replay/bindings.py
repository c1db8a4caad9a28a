"""Every key of the replay and drill screens, declared once with an id (for keymaps).

The screens' bindings, the key bar and the command palette (``commands.py``) are built from
``ACTIONS``. Letter and digit keys are not priority keys, so they type into the drill form's
boxes when one has the focus; function keys and Escape work everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from firedrill.tui.bindings import key_display
from firedrill.tui.replay.settings import SPEEDS
from firedrill.tui.replay.words import rw

REPLAY = "replay"
DRILL = "drill"
BOTH = (REPLAY, DRILL)


@dataclass(frozen=True)
class Action:
    id: str  # Binding.id
    key: str
    action: str  # screen action, without "action_"
    label: str  # replay_console label key
    modes: tuple[str, ...] = BOTH
    priority: bool = False


ACTIONS: tuple[Action, ...] = (
    Action("firedrill.replay.play", "space", "toggle_play", "key_play"),
    Action("firedrill.replay.step", "n", "step", "key_step"),
    *(Action(f"firedrill.replay.speed_{s.id}", str(i), f"speed('{s.id}')", f"key_speed_{s.id}")
      for i, s in enumerate(SPEEDS, start=1)),
    Action("firedrill.replay.safety", "f5", "show_safety", "key_safety", (REPLAY,), priority=True),
    Action("firedrill.drill.playbook", "f5", "open_playbook", "key_playbook", (DRILL,), priority=True),
    Action("firedrill.drill.submit", "f7", "submit", "key_submit", (DRILL,), priority=True),
    Action("firedrill.drill.finish", "f9", "finish", "key_finish", (DRILL,), priority=True),
    Action("firedrill.replay.next_panel", "f10", "next_panel", "key_panel", priority=True),
    Action("firedrill.replay.close", "escape", "close", "key_close", priority=True),
)  # fmt: skip


NAMES = {"space": "Space", "escape": "Esc"}


def shown_key(key: str) -> str:
    return NAMES.get(key) or key_display(key)


def actions_for(mode: str) -> tuple[Action, ...]:
    return tuple(a for a in ACTIONS if mode in a.modes)


def screen_bindings(mode: str, lang: str) -> list[Binding]:
    """The bindings of the ``mode`` screen ('replay' or 'drill') with descriptions in ``lang``."""
    return [
        Binding(a.key, a.action, rw(a.label, lang), id=a.id, key_display=shown_key(a.key), priority=a.priority)
        for a in actions_for(mode)
    ]
