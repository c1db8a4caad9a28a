"""Timing and layout settings of the console: choices of this tool, not numbers from the plan.

Kept here, named, so that no widget holds a bare number; the plan's numbers live with the rules.
"""

from __future__ import annotations

# A field's value is written to the journal once the dispatcher has paused typing for this long
# (or leaves the field, presses Enter, switches incident or gives an order), so that typing
# "800" records 800 and not 8, 80, 800.
DEBOUNCE_SECONDS = 0.6

# How often open incidents are re-assessed against the clock (night trigger, collapse window)
# and the elapsed time is redrawn.
TICK_SECONDS = 1.0

# Terminal widths: below WIDE the panels are narrower and the level banner is one line shorter.
NARROW = 0
WIDE = 110

# How long a level-change notification stays up (seconds); level changes also stay in the timeline.
LEVEL_NOTICE_SECONDS = 8.0

# Formats of times shown and accepted in the form (Asia/Shanghai).
TIME_FORMAT = "%Y-%m-%d %H:%M"
CLOCK_FORMAT = "%H:%M:%S"

# Sub-folder of the data directory where dispatch orders are saved as text files.
ORDERS_DIR = "orders"

# A level change adds or removes many steps (general → major adds dozens): the procedure tab's
# summary and the notification name this many of them; the timeline and the list name them all.
CHANGE_TITLES_SHOWN = 4

# The banner names this many of the grading criteria that give the level (the 评估 panel names all).
BANNER_BASIS_SHOWN = 2
