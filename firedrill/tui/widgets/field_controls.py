"""The form's other controls with the same key order as its text fields (see ``field_input.py``).

Imported with the rows mounted after the first frame, as Textual's Checkbox and Select are.
"""

from __future__ import annotations

from textual.widgets import Button, Checkbox, Select

from firedrill.tui.widgets.field_input import OrderedKeys


class FieldButton(OrderedKeys, Button):
    """A form button: Enter presses it and Tab moves on, in arrival order."""


class FieldCheckbox(OrderedKeys, Checkbox):
    """A form check box: Space or Enter toggles it and Tab moves on, in arrival order."""


class FieldSelect(OrderedKeys, Select[str]):
    """The form's one list (site category): its keys and Tab in arrival order."""
