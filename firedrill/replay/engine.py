"""The replay engine: a script's incident at any clock time, the plan's demand then, and the
decision timeline — an entry at the start, at every inject, at every time alert, and wherever the
demand changes without an inject (a call that makes the calls rising, the clock reaching 22:00 or
midnight). ``Replay.cursor()`` steps through it for a console.

Deterministic: the timeline depends only on the script, the rule data and the config.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence
from dataclasses import fields
from datetime import datetime, time
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from firedrill.errors import InputError
from firedrill.incident_plain import plain_calls, plain_update, to_incident, with_calls
from firedrill.models import Assessment, Incident
from firedrill.procedure.state import ChecklistState, evaluate
from firedrill.replay.alerts import schedule
from firedrill.replay.changes import diff
from firedrill.replay.contingency import activate, contingent, holds
from firedrill.replay.marks import gated_marks
from firedrill.replay.parser import LoadedScript
from firedrill.replay.script_rules import with_script_rules
from firedrill.replay.states import changes_of
from firedrill.replay.timeline import Alert, Decision, Entry, EntryKind, FactChange, InjectView
from firedrill.rules import assess, load_rulebook
from firedrill.rules.engine import DEFAULT_CONFIG
from firedrill.rules.loader import Rulebook
from firedrill.rulesconfig import RulesConfig
from firedrill.timeutil import to_local

if TYPE_CHECKING:
    from firedrill.replay.cursor import Cursor


class State(BaseModel):
    """Everything known at one clock time of a replay."""

    model_config = ConfigDict(frozen=True)

    at: datetime
    offset: str
    incident: Incident
    assessment: Assessment
    decision: Decision
    phase: str | None
    alerts: tuple[Alert, ...]  # fired at or before ``at``
    injects_applied: int
    calls: int


def incident_of(facts: Mapping[str, Any], calls: Sequence[datetime]) -> Incident:
    """The Incident of the facts in force and the calls heard: the one place a replay builds one
    (in plain Python when the values plainly hold, as they do once the script was read)."""
    return to_incident({**facts, "calls": calls})


def _shown(value: Any) -> str:
    if isinstance(value, tuple | list):
        return ",".join(_shown(v) for v in value) or "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    if value is None:
        return "-"
    return str(getattr(value, "value", value))


class Replay:
    """One script replayed against the rules (and the playbook it names)."""

    def __init__(
        self, loaded: LoadedScript, rulebook: Rulebook | None = None, config: RulesConfig | None = None, *,
        fired: Collection[int] | None = None, moved: Mapping[int, datetime] | None = None,
    ) -> None:  # fmt: skip
        """``fired``: the contingency injects (indices of the script as written) in force, decided by a
        drill; None decides them from the script alone. ``moved``: injects sent at another time."""
        self.source = loaded
        self.rulebook = rulebook or load_rulebook()
        self.config = with_script_rules(config or DEFAULT_CONFIG, loaded)
        pending = contingent(loaded)
        if pending or moved:
            if fired is None:
                fired = self._decide_alone(loaded, pending)
            loaded = activate(loaded, [i for i in range(len(loaded.script.injects)) if i not in pending or i in fired],
                              moved)  # fmt: skip
        self.fired = frozenset(fired or ())
        self.loaded = loaded
        self._assessed: dict[datetime, Assessment] = {}
        self._decided: dict[datetime, Decision] = {}
        self._incidents: dict[tuple[int, int], Incident] = {}
        self._reported: dict[int, datetime] = {}
        changes = self._changes = loaded.changes or tuple(changes_of(inject) for inject in loaded.script.injects)
        self._calls = sorted((*loaded.initial.calls, *(t for ts in loaded.call_times for t in ts)))
        # The facts after each inject with no call heard, and every call, each taken once (the parser
        # took them for a script as read): an Incident of the replay is one of these states with the calls
        # heard by then. Where a call is not plainly valid, each Incident is validated whole instead, and
        # pydantic words the error.
        if loaded.states:
            self._heard: tuple[datetime, ...] | None = tuple(to_local(at) for at in self._calls)
            self._bare = list(loaded.states)
        else:
            self._heard = plain_calls(self._calls)
            self._bare = self._bare_states(changes) if self._heard is not None else []
        # Each state of the facts, and the last with every call heard, is an Incident before anything is
        # assessed: the alerts assess only some moments, and a bad state must not pass unseen (states the
        # parser checked, with every call, are known to be good).
        if not loaded.states:
            for at in (self.start, *loaded.inject_times, self.end):
                self.incident_at(at)
        self.alerts = schedule(loaded, self.rulebook, self.assess_at, self.reported_at, self._clock_points())
        self.procedure_events = tuple(gated_marks(loaded, self.assess_at, self.incident_at))

    @cached_property
    def _facts(self) -> list[dict[str, Any]]:
        """The facts in force after each number of injects, as data: for an Incident validated whole."""
        base = {f.name: getattr(self.loaded.initial, f.name) for f in fields(self.loaded.initial)}
        del base["calls"]
        facts = [base]
        for changed in self._changes:
            facts.append({**facts[-1], **changed})
        return facts

    def _bare_states(self, changes: Sequence[Mapping[str, Any]]) -> list[Incident]:
        """The Incident of the facts in force after each number of injects, with no call heard: each
        inject's changes taken alone where they plainly hold, else the whole facts validated."""
        bare = [incident_of(self._facts[0], ())]
        for changed, facts in zip(changes, self._facts[1:], strict=True):
            updated = plain_update(bare[-1], changed)
            bare.append(updated if updated is not None else incident_of(facts, ()))
        return bare

    def _decide_alone(self, loaded: LoadedScript, pending: tuple[int, ...]) -> set[int]:
        """Each contingency in time order, from the state the other injects in force give at its time."""
        fired: set[int] = set()
        for index in pending:
            condition = loaded.script.injects[index].when
            assert condition is not None  # pending holds the injects with a condition
            before = Replay(loaded, self.rulebook, self.config, fired=fired)
            at = loaded.inject_times[index]
            if holds(condition, before.state_at(at).decision, before.checklist_at(at), None):
                fired.add(index)
        return fired

    @property
    def start(self) -> datetime:
        return self.loaded.start

    @property
    def end(self) -> datetime:
        return self.loaded.end

    def checklist_at(self, at: datetime) -> ChecklistState:
        """The procedure checklist (firedrill/procedure) at ``at``, from the script's marks."""
        return evaluate(self.assess_at(at), self.incident_at(at), self.procedure_events, at)

    def _check_time(self, at: datetime) -> None:
        if at < self.start:
            raise InputError(f"{at.isoformat()} is before the start of the script ({self.start.isoformat()})",
                             field="at", file=self.loaded.file)  # fmt: skip

    def incident_at(self, at: datetime) -> Incident:
        """The incident as the dispatcher knows it at ``at``: injects and calls up to and including ``at``."""
        self._check_time(at)
        applied = bisect_right(self.loaded.inject_times, at)
        heard = bisect_right(self._calls, at)
        found = self._incidents.get((applied, heard))
        if found is None:  # the same injects and calls make the same Incident: built once
            if self._heard is None:
                found = incident_of(self._facts[applied], self._calls[:heard])
            else:
                found = with_calls(self._bare[applied], self._heard[:heard])
            self._incidents[(applied, heard)] = found
        return found

    def reported_at(self, at: datetime) -> datetime:
        """The incident's report time at ``at``: it moves only with an inject that corrects it."""
        applied = bisect_right(self.loaded.inject_times, at)
        found = self._reported.get(applied)
        if found is None:
            state = self._bare[applied] if self._heard is not None else self.incident_at(at)
            found = self._reported[applied] = state.reported_at
        return found

    def phase_at(self, at: datetime) -> str | None:
        applied = bisect_right(self.loaded.inject_times, at)
        for inject in reversed(self.loaded.script.injects[:applied]):
            if inject.phase is not None:
                return inject.phase
        return None

    def assess_at(self, at: datetime) -> Assessment:
        """The plan's assessment at ``at``; each moment is assessed once per replay (the timeline, the
        alerts, the expectations and a drill's prompts all ask for the same moments)."""
        found = self._assessed.get(at)
        if found is None:
            found = self._assessed[at] = assess(self.incident_at(at), at=at, config=self.config,
                                                rulebook=self.rulebook)  # fmt: skip
        return found

    def decision_at(self, at: datetime) -> Decision:
        """The plan's demand at ``at``: the compact view of ``assess_at(at)``, made once per moment."""
        found = self._decided.get(at)
        if found is None:
            found = self._decided[at] = Decision.of(self.assess_at(at))
        return found

    def state_at(self, at: datetime) -> State:
        """The whole state at clock time ``at`` (any time from the start, also between entries)."""
        return State(
            at=at, offset=self.loaded.offset(at), incident=self.incident_at(at), assessment=self.assess_at(at),
            decision=self.decision_at(at), phase=self.phase_at(at),
            alerts=tuple(a for a in self.alerts if a.at <= at),
            injects_applied=bisect_right(self.loaded.inject_times, at),
            calls=bisect_right(self._calls, at),
        )  # fmt: skip

    def _clock_points(self) -> set[datetime]:
        """Midnights and configured period bounds: where a holiday or political period may begin."""
        points: set[datetime] = set()
        day = self.start.date()
        while day <= self.end.date():
            points.add(datetime.combine(day, time(0), tzinfo=self.start.tzinfo))
            day = day.fromordinal(day.toordinal() + 1)
        for period in (*self.config.political_events, *self.config.extra_holidays):
            points.update(period.bounds())
        return {p for p in points if self.start < p <= self.end}

    def _points(self) -> list[datetime]:
        points = {self.start, self.end, *self.loaded.inject_times, *self.loaded.expect_times}
        points.update(c for c in self._calls if self.start < c <= self.end)
        points.update(a.at for a in self.alerts)
        points.update(self._clock_points())
        return sorted(points)

    def _inject_view(self, index: int) -> InjectView:
        inject = self.loaded.script.injects[index]
        changed = self.loaded.changes[index] if self.loaded.changes else changes_of(inject)
        return InjectView(
            number=self.loaded.inject_number(index), index=index, message=inject.message, prompt=inject.prompt,
            phase=inject.phase, sender=inject.sender, to=self.loaded.recipients(index), method=inject.method,
            expected_action=inject.expected_action, clause=inject.clause,
            # A corrected report time is applied but not listed: the views label the blocks' fields only.
            facts=tuple(FactChange(field=k, value=_shown(v)) for k, v in changed.items()),
            new_calls=len(self.loaded.call_times[index]), procedure=inject.procedure,
        )  # fmt: skip

    @cached_property
    def timeline(self) -> tuple[Entry, ...]:
        entries: list[Entry] = []
        times = self.loaded.inject_times
        previous: tuple[Decision, str | None] | None = None
        for at in self._points():
            decision = self.decision_at(at)
            phase = self.phase_at(at)
            injects = tuple(self._inject_view(i) for i in range(bisect_right(times, at) - 1, -1, -1) if times[i] == at)
            alerts = tuple(a for a in self.alerts if a.at == at)
            changes = () if previous is None else diff(previous, (decision, phase), self.rulebook, self.loaded.playbook)
            kinds = [
                kind
                for kind, present in (
                    (EntryKind.START, at == self.start), (EntryKind.INJECT, bool(injects)),
                    (EntryKind.ALERT, bool(alerts)), (EntryKind.CHANGE, bool(changes) and not injects),
                    (EntryKind.END, at == self.end),
                )
                if present
            ]  # fmt: skip
            if kinds:
                entries.append(Entry(
                    at=at, offset=self.loaded.offset(at), kinds=tuple(kinds), injects=tuple(reversed(injects)),
                    calls=bisect_right(self._calls, at), decision=decision, changes=changes, alerts=alerts,
                    phase=phase,
                ))  # fmt: skip
            previous = (decision, phase)
        return tuple(entries)

    def cursor(self) -> Cursor:
        from firedrill.replay.cursor import Cursor

        return Cursor(self)
