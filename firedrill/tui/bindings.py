"""Every console key, declared once with an id (for keymaps), its action and its label key.

The main screen's BINDINGS, the key bar and the command palette are all built from ``ACTIONS``,
so a key is named the same way everywhere and can be remapped by id.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from firedrill.tui.panes import PANEL_LETTERS, PANELS
from firedrill.tui.words import w


@dataclass(frozen=True)
class Action:
    id: str  # Binding.id: stable name for keymaps
    key: str
    action: str  # action method on the main screen, without the "action_" prefix
    label: str  # console label key
    shown: bool = True  # in the key bar (the panel keys are shown there as one item)


PANEL_BINDING = "firedrill.panel_"  # the id of each panel's key, then the panel

ACTIONS: tuple[Action, ...] = (
    Action("firedrill.new_incident", "ctrl+n", "new_incident", "key_new"),
    Action("firedrill.scenario", "f2", "pick_scenario", "key_scenario"),
    Action("firedrill.switch_incident", "f3", "switch_incident", "key_switch"),
    Action("firedrill.add_call", "f4", "add_call", "key_call"),
    Action("firedrill.safety", "f5", "show_safety", "key_safety"),
    Action("firedrill.calculators", "f6", "show_calculators", "key_calc"),
    Action("firedrill.order", "f7", "dispatch_order", "key_order"),
    Action("firedrill.language", "f8", "toggle_language", "key_lang"),
    Action("firedrill.escalate", "f9", "escalate", "key_escalate"),
    Action("firedrill.next_panel", "f10", "next_panel", "key_panel", shown=False),  # the bar shows the panel keys
    # Ctrl+T and Ctrl+O: no Input binding uses them, and terminals pass them on (F11 is often the
    # terminal's full screen key).
    Action("firedrill.tick_step", "ctrl+t", "tick_step", "key_tick"),
    Action("firedrill.step_note", "ctrl+o", "step_note", "key_step_note"),
    Action("firedrill.quiz", "f12", "open_quiz", "key_quiz"),
    # Ctrl+R (R for replay): no Input binding uses it either, and terminals pass it on.
    Action("firedrill.replay_drill", "ctrl+r", "run_scenario", "key_run"),
    # Alt+M: the dispatch panel's map (the units sent and held on their roads) in place of its text.
    Action("firedrill.route_map", "alt+m", "toggle_map", "key_map", shown=False),
    # One key to each panel (Alt+D: the dispatch panel at the units to send); see ``panes.py``.
    *(Action(f"{PANEL_BINDING}{pane}", f"alt+{PANEL_LETTERS[pane]}", f"panel('{pane}')", f"tab_{pane}",
             shown=False) for pane in PANELS),
)
BY_ACTION = {a.action: a for a in ACTIONS}
BY_ID = {a.id: a for a in ACTIONS}


def key_display(key: str) -> str:
    if key.startswith("alt+"):
        return f"Alt+{key[4:].upper()}"
    return key.replace("ctrl+", "^").upper() if key.startswith("ctrl+") else key.upper()


PANEL_KEYS = "Alt+" + "/".join(PANEL_LETTERS[p].upper() for p in PANELS)  # the key bar's one item for them


def console_bindings(lang: str) -> list[Binding]:
    """The main screen's bindings with descriptions in ``lang``.

    Priority bindings, so they work wherever the focus is; each runs through the screen's ``keyed``,
    which, when a form field has the focus, has the field run it after the keys typed before it."""
    return [
        Binding(a.key, f"keyed({a.action!r})", w(a.label, lang), id=a.id,
                key_display=key_display(a.key), show=a.shown, priority=True)
        for a in ACTIONS
    ]
