"""A straightforward replay to compare the engine with: every incident built afresh, every moment
assessed afresh, and the night alerts found by assessing every clock point the engine evaluates.
Slow on purpose; the engine must give exactly what this gives."""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime

from firedrill.incident.alerts import night_alert
from firedrill.models import Assessment, Incident, Trigger
from firedrill.replay.alerts import _alert, _collapse_alerts, _night_points
from firedrill.replay.engine import Replay, incident_of
from firedrill.replay.marks import gated_marks
from firedrill.replay.timeline import Alert, Decision
from firedrill.rules import assess


class ReferenceReplay(Replay):
    """``Replay`` with no memo and no skipped point."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.alerts = self._scanned_alerts()
        self.procedure_events = tuple(gated_marks(self.loaded, self.assess_at, self.incident_at))

    def incident_at(self, at: datetime) -> Incident:
        self._check_time(at)
        applied = bisect_right(self.loaded.inject_times, at)
        return incident_of(self._facts[applied], self._calls[:bisect_right(self._calls, at)])

    def assess_at(self, at: datetime) -> Assessment:
        return assess(self.incident_at(at), at=at, config=self.config, rulebook=self.rulebook)

    def decision_at(self, at: datetime) -> Decision:
        return Decision.of(self.assess_at(at))

    def _scanned_alerts(self) -> tuple[Alert, ...]:
        loaded, rulebook = self.loaded, self.rulebook
        rule = rulebook.escalation.trigger(Trigger.NIGHT)
        alerts: list[Alert] = []
        alerted: frozenset[str] = frozenset()
        for at in _night_points(loaded, rulebook, self._clock_points()):
            raised = night_alert(self.assess_at(at), alerted)
            if raised is not None:
                alerted |= {raised[0]}
                alerts.append(_alert(loaded, raised, at, rule.clause, rule.quote))
        alerts += _collapse_alerts(loaded)
        return tuple(sorted(alerts, key=lambda a: (a.at, a.code.value)))
