"""The response procedure of chapters 4–6 as a timed checklist, recorded in the journal.

Steps are data (``data/steps.yaml``, with the 4.5 combat phases from the playbook data); the
checklist of an incident is evaluated from its level, facts and ``procedure`` events (the incident
core records them and reads them back), so it survives a restart. See docs/procedure.md for the API,
the readings and the JSON shapes.
"""

from firedrill.procedure.actions import ProcedureRefused, Refusal, RefusalCode, refusal, termination_refusal
from firedrill.procedure.closing import after_ending, ending_step, ready_to_close
from firedrill.procedure.loader import load_catalogue, load_catalogue_from
from firedrill.procedure.schema import Catalogue, Step
from firedrill.procedure.settings import ProcedureSettings, TimeTarget, load_settings
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
    "Step",
    "StepState",
    "StepStatus",
    "TimeTarget",
    "TimelineEntry",
    "after_ending",
    "applies",
    "check_expectation",
    "ending_step",
    "evaluate",
    "level_change",
    "load_catalogue",
    "load_catalogue_from",
    "load_settings",
    "outstanding",
    "ready_to_close",
    "refusal",
    "termination_refusal",
    "timeline",
]
