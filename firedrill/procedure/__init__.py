"""The response procedure of chapters 4–6 as a timed checklist, recorded in the journal.

Steps are data (``data/steps.yaml``, with the 4.5 combat phases from the playbook data); the
checklist of an incident is rebuilt from its level, facts and ``procedure`` journal events, so it
survives a restart. See docs/procedure.md for the API, the readings and the JSON shapes.
"""

from firedrill.procedure.actions import (
    ProcedureRefused,
    Refusal,
    RefusalCode,
    record,
    refusal,
    skip,
    termination_refusal,
    tick,
    untick,
)
from firedrill.procedure.loader import load_catalogue, load_catalogue_from
from firedrill.procedure.schema import Catalogue, Step
from firedrill.procedure.settings import ProcedureSettings, TimeTarget, load_settings
from firedrill.procedure.source import Standing, current_state, standing
from firedrill.procedure.state import (
    ChecklistState,
    Grade,
    LevelChange,
    StepState,
    StepStatus,
    applies,
    evaluate,
    level_change,
)
from firedrill.procedure.timeline import Expectation, TimelineEntry, check_expectation, outstanding, timeline

__all__ = [
    "Catalogue",
    "ChecklistState",
    "Expectation",
    "Grade",
    "LevelChange",
    "ProcedureRefused",
    "ProcedureSettings",
    "Refusal",
    "RefusalCode",
    "Standing",
    "Step",
    "StepState",
    "StepStatus",
    "TimeTarget",
    "TimelineEntry",
    "applies",
    "check_expectation",
    "current_state",
    "evaluate",
    "level_change",
    "load_catalogue",
    "load_catalogue_from",
    "load_settings",
    "outstanding",
    "record",
    "refusal",
    "skip",
    "standing",
    "termination_refusal",
    "tick",
    "timeline",
    "untick",
]
