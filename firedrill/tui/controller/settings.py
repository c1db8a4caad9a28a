"""The controller screen's settings: software choices, not the plan's (it sets no exercise clock)."""

from __future__ import annotations

SPEEDS = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)  # the speeds the +/- keys step through
JUMP_MINUTES = 5  # what the jump key moves the exercise clock on by
REFRESH_SECONDS = 1.0  # how often the journal is read and due injects delivered
