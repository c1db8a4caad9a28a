"""The console's panels on the right, in tab order, and the Alt+letter key of each. No Textual.

Alt and a letter, from the English tab name: Alt and a digit cannot serve, because Textual reads
ESC and a digit as the characters macOS types with Option (Option+2 is ™).
"""

PANELS = ("assessment", "dispatch", "groups", "playbook", "procedure", "timeline")
PANEL_LETTERS = {"assessment": "a", "dispatch": "d", "groups": "g", "playbook": "p", "procedure": "s",
                 "timeline": "l"}  # fmt: skip
