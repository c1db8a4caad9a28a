"""When each procedure step is due in a drill, and whose setting says so.

The plan gives no minutes for any step (docs/procedure.md), so every deadline is local and the
report says which setting gave it. A step first demanded at a prompt is due, in this order of
precedence, by:

1. the script's ``drill.deadlines.steps`` for that step, counted from the prompt (the designer's);
2. a procedure time target (``drill.procedure`` or the config file's ``procedure:``), as the
   checklist engine computes it from its anchor (a local setting);
3. the script's ``drill.deadlines.default``, counted from the prompt (the designer's);
4. ``procedure.default_deadline_minutes`` of data/scoring.yaml, counted from the prompt
   (firedrill's local default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from firedrill.procedure.state import ChecklistState
from firedrill.replay.schema import StepDeadlines
from firedrill.replay.scoring import Scoring

SECONDS_PER_MINUTE = 60


class DeadlineSource(StrEnum):
    SCRIPT_STEP = "script_step"
    TARGET = "target"
    SCRIPT_DEFAULT = "script_default"
    LOCAL_DEFAULT = "local_default"


@dataclass(frozen=True)
class Deadline:
    at: datetime
    source: DeadlineSource


def step_deadline(
    step: str, demanded_at: datetime, own: StepDeadlines | None, final: ChecklistState, scoring: Scoring
) -> Deadline:
    """The deadline of ``step``, first demanded at ``demanded_at``; ``final`` is the checklist at the
    end of the drill (where a time target's anchor is known)."""
    if own is not None and step in own.steps:
        return Deadline(demanded_at + own.steps[step], DeadlineSource.SCRIPT_STEP)
    target = final.status(step).deadline
    if target is not None:
        return Deadline(target, DeadlineSource.TARGET)
    if own is not None and own.default is not None:
        return Deadline(demanded_at + own.default, DeadlineSource.SCRIPT_DEFAULT)
    minutes = scoring.procedure.default_deadline_minutes
    return Deadline(demanded_at + timedelta(seconds=minutes * SECONDS_PER_MINUTE), DeadlineSource.LOCAL_DEFAULT)
