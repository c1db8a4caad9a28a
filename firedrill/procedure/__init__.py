"""The response procedure of chapters 4–6 as a timed checklist, recorded in the journal.

Steps are data (``data/steps.yaml``, with the 4.5 combat phases from the playbook data); the
checklist of an incident is evaluated from its level, facts and ``procedure`` events (the incident
core records them and reads them back), so it survives a restart. See docs/procedure.md for the API,
the readings and the JSON shapes.
"""

# The names below are loaded on first use (PEP 562), so that importing one module of the package,
# such as its settings for the config file, does not load the whole checklist engine. The function
# ``timeline`` is imported from ``firedrill.procedure.timeline``: here the name is the submodule.
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from firedrill.procedure.timeline import Expectation, TimelineEntry, check_expectation, outstanding

_WHERE = {
    "Catalogue": "firedrill.procedure.schema",
    "ChecklistState": "firedrill.procedure.state",
    "Expectation": "firedrill.procedure.timeline",
    "Grade": "firedrill.procedure.state",
    "LevelChange": "firedrill.procedure.state",
    "ProcedureRefused": "firedrill.procedure.actions",
    "ProcedureSettings": "firedrill.procedure.settings",
    "Refusal": "firedrill.procedure.actions",
    "RefusalCode": "firedrill.procedure.actions",
    "Step": "firedrill.procedure.schema",
    "StepState": "firedrill.procedure.state",
    "StepStatus": "firedrill.procedure.state",
    "TimeTarget": "firedrill.procedure.settings",
    "TimelineEntry": "firedrill.procedure.timeline",
    "after_ending": "firedrill.procedure.closing",
    "applies": "firedrill.procedure.state",
    "check_expectation": "firedrill.procedure.timeline",
    "ending_step": "firedrill.procedure.closing",
    "evaluate": "firedrill.procedure.state",
    "level_change": "firedrill.procedure.state",
    "load_catalogue": "firedrill.procedure.loader",
    "load_catalogue_from": "firedrill.procedure.loader",
    "load_settings": "firedrill.procedure.settings",
    "outstanding": "firedrill.procedure.timeline",
    "ready_to_close": "firedrill.procedure.closing",
    "refusal": "firedrill.procedure.actions",
    "termination_refusal": "firedrill.procedure.actions",
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(where), name)


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
]
