"""The bilingual labels of the after-action record, read from ``labels.yaml`` and checked complete."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, model_validator

from firedrill.facts import FACT_NAMES
from firedrill.journal.models import EventKind, IncidentStatus, ProcedureState, StatusState
from firedrill.models import Level, Source, Text, Trigger
from firedrill.yamlio import load_model

LABELS_FILE = Path(__file__).with_name("labels.yaml")
FAULTS = frozenset({"damaged", "empty", "not_a_journal", "unreadable", "read_only_file", "read_only_dir", "locked",
                    "write_refused", "old_schema_read_only", "wal_read_only"})  # fmt: skip
REMEDIES = frozenset({"restore", "restore_or_move", "make_writable", "copy_writable", "wait_for_lock", "retry"})


class Headings(BaseModel):
    """The record's own words: field names and headings (not terms of the plan)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: Text
    incident: Text
    name: Text
    scenario: Text
    opened_at: Text
    closed_at: Text
    status: Text
    event_count: Text
    events: Text
    facts: Text
    calls: Text
    item: Text
    value: Text
    none: Text
    not_set: Text
    actor: Text
    previous: Text
    typed: Text
    level: Text
    base_level: Text
    triggers: Text
    change: Text
    call_at: Text
    location: Text
    code: Text
    note: Text
    reason: Text
    clause: Text
    record_of: Text
    place_unknown: Text
    time_origin: Text
    time_origin_text: Text
    reported: Text
    not_in_library: Text
    level_over_time: Text
    maps: Text
    at: Text
    since_report: Text
    step: Text
    units: Text
    holds: Text
    holds_not: Text
    steps_done: Text
    steps_open: Text
    not_applicable: Text
    late: Text
    by: Text
    state: Text
    chart_note: Text


class Cited(BaseModel):
    """A label for something the plan (or a national standard) defines, with where it says so."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: Text
    source: Source
    clause: str
    quote: str

    @model_validator(mode="after")
    def _plan_labels_quote_the_plan(self) -> Self:
        if self.source is Source.PLAN and not self.quote.strip():
            raise ValueError("a label taken from the plan needs the plan's words in 'quote'")
        return self


class Labels(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    headings: Headings
    incident_status: dict[IncidentStatus, Text]
    kinds: dict[EventKind, Text]
    status_states: dict[StatusState, Text]
    procedure_states: dict[ProcedureState, Text]
    levels: dict[Level, Cited]
    triggers: dict[Trigger, Cited]
    facts: dict[str, Text]
    faults: dict[str, Text]
    remedies: dict[str, Text]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        wanted: list[tuple[str, set[str], set[str]]] = [
            ("incident_status", set(IncidentStatus), set(self.incident_status)),
            ("kinds", set(EventKind), set(self.kinds)),
            ("status_states", set(StatusState), set(self.status_states)),
            ("procedure_states", set(ProcedureState), set(self.procedure_states)),
            ("levels", set(Level), set(self.levels)),
            ("triggers", set(Trigger), set(self.triggers)),
            ("facts", set(FACT_NAMES), set(self.facts)),
            ("faults", set(FAULTS), set(self.faults)),
            ("remedies", set(REMEDIES), set(self.remedies)),
        ]
        for name, needed, given in wanted:
            missing = sorted(needed - given)
            if missing:
                raise ValueError(f"{name}: no label for {', '.join(missing)}")
        return self

    def heading(self, key: str, lang: str) -> str:
        text: Text = getattr(self.headings, key)
        return render(text, lang)

    def word(self, key: str, lang: str) -> str:
        """A heading in one language only (``zh`` or ``en``), for running text."""
        text: Text = getattr(self.headings, key)
        return text.en if lang == "en" else text.zh

    def has_heading(self, key: str) -> bool:
        return key in Headings.model_fields


def render(text: Text, lang: str) -> str:
    """``zh``: the Chinese with the English beside it; ``en``: the English alone."""
    return text.en if lang == "en" else f"{text.zh} {text.en}"


@cache
def labels() -> Labels:
    return load_model(Labels, LABELS_FILE)


def fault_text(problem: str, remedy: str, detail: str, lang: str) -> str:
    """``<fault>; <remedy>`` in one language (``zh`` or ``en``), the detail put in as given."""
    names = labels()
    fault, fix = names.faults[problem], names.remedies[remedy]
    said = (fault.zh, fix.zh) if lang == "zh" else (fault.en, fix.en)
    separator = ";" if lang == "zh" else "; "
    return said[0].replace("{detail}", detail) + separator + said[1]
