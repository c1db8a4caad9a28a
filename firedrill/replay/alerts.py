"""Time alerts during a replay, raised by the incident core's one definition of each
(firedrill/incident/alerts.py): the night trigger of 4.3(3), and a playbook's time window (the
theatre's roof-collapse window, 附件5 一(五)1). A replay or a drill raises the alerts the console
raises, with the same codes and words, at the moment the console would first raise them.

Times come from the rule and playbook data, never from here: the night window from
rules/data/escalation.yaml, the collapse window from the playbook parameter that
playbook/data/calculators.yaml names.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta

from firedrill.incident.alerts import NIGHT, NIGHT_LISTED, collapse_alert, night_alert, night_code
from firedrill.incident.alerts import Alert as Raised
from firedrill.models import Assessment, Trigger
from firedrill.playbook.calculators import collapse_window
from firedrill.playbook.settings import load_settings
from firedrill.replay.parser import LoadedScript
from firedrill.replay.schema import AlertCode
from firedrill.replay.timeline import Alert
from firedrill.rules.loader import Rulebook
from firedrill.rules.schema import NightRule

ONE_DAY = timedelta(days=1)
# Both ends of the collapse window count as inside (firedrill/playbook/collapse.py): the core says
# "past" only after the closing moment. Replay times are whole seconds (calls are spread in whole
# seconds, offsets print as +H:MM:SS), as is the console's clock tick, so the first moment at which
# the core raises ``collapse_window_past`` is one second after the window closes.
AFTER_CLOSE = timedelta(seconds=1)

Assess = Callable[[datetime], Assessment]
Reported = Callable[[datetime], datetime]
NIGHT_CODES = frozenset({NIGHT, NIGHT_LISTED})


def night_crossings(start: datetime, end: datetime, rulebook: Rulebook) -> list[datetime]:
    """Every moment in (start, end] at which the clock reaches the start of the night window."""
    starts = rulebook.escalation.night.starts
    moments = []
    day = start.date()
    while day <= end.date():
        moment = datetime.combine(day, starts, tzinfo=start.tzinfo)
        if start < moment <= end:
            moments.append(moment)
        day += ONE_DAY
    return moments


def _midnights(start: datetime, end: datetime) -> list[datetime]:
    days = range(start.date().toordinal(), end.date().toordinal() + 1)
    moments = (datetime.combine(start.date().fromordinal(d), time(0), tzinfo=start.tzinfo) for d in days)
    return [m for m in moments if start < m <= end]


def _night_points(loaded: LoadedScript, rulebook: Rulebook, clock_points: Iterable[datetime]) -> list[datetime]:
    """The clock points the replay engine evaluates the rules at, where the night trigger may begin to hold
    or to count: the start, injects, calls, the night window's start, midnights (and the engine's own)."""
    start, end = loaded.start, loaded.end
    calls = (*loaded.initial.calls, *(t for ts in loaded.call_times for t in ts))
    points = {start, *loaded.inject_times, *calls, *night_crossings(start, end, rulebook), *_midnights(start, end),
              *clock_points}  # fmt: skip
    return sorted(p for p in points if start <= p <= end)


def _alert(loaded: LoadedScript, raised: Raised, at: datetime, clause: str, quote: str) -> Alert:
    code, detail = raised
    return Alert(code=AlertCode(code), at=at, offset=loaded.offset(at), clause=clause, quote=quote, detail=detail)


def night_from(reported: datetime, night: NightRule) -> datetime:
    """The first clock time at which the span from ``reported`` can touch the night window, taken with
    both ends closed (so this says yes wherever the rule may: the rule itself decides). The span to
    ``at`` can touch it exactly when ``max(at, reported)`` is at or after this."""
    day = reported.date() - ONE_DAY
    while datetime.combine(day + ONE_DAY, night.ends, tzinfo=reported.tzinfo) < reported:
        day += ONE_DAY  # the first window that closes at or after the report
    return datetime.combine(day, night.starts, tzinfo=reported.tzinfo)


def _segments(loaded: LoadedScript, points: list[datetime]) -> list[list[datetime]]:
    """``points`` (in time order) in runs between injects: the same injects applied to each of a run."""
    runs: list[list[datetime]] = []
    applied = -1
    for at in points:
        now = bisect_right(loaded.inject_times, at)
        if now != applied or not runs:
            runs.append([])
            applied = now
        runs[-1].append(at)
    return runs


def _night_alerts(loaded: LoadedScript, rulebook: Rulebook, assess: Assess, reported: Reported,
                  clock_points: Iterable[datetime]) -> list[Alert]:  # fmt: skip
    """``night_alert`` at every clock point with the codes raised so far, as the console re-assesses:
    a fire that grows to major at night is told ``night_trigger`` after ``night_trigger_listed``.
    A point whose span cannot touch the night window raises nothing and is not assessed; once both
    codes are raised, nothing more can be.

    Between two injects the facts and the report time stand still: the night trigger, read over the
    span from the report, holds on once it holds, and whether it counts (the fire is major) does not
    change. So the alert a run of points between injects can raise is one code, at the run's first
    point where the trigger holds: its first point is asked (an inject's, which a timeline and the
    expectations ask for too), then its last, and the first point between is found by halving."""
    rule = rulebook.escalation.trigger(Trigger.NIGHT)
    night = rulebook.escalation.night
    alerts: list[Alert] = []
    alerted: frozenset[str] = frozenset()
    opened: dict[datetime, datetime] = {}

    def code(at: datetime) -> str | None:
        return night_code(assess(at))

    # Where the span from none of the script's report times can reach the night window, nothing can be raised.
    reports = {reported(at) for at in (loaded.start, *loaded.inject_times)}
    if all(max(since, loaded.end) < night_from(since, night) for since in reports):
        return alerts
    for run in _segments(loaded, _night_points(loaded, rulebook, clock_points)):
        if alerted >= NIGHT_CODES:
            break
        since = reported(run[0])  # the run's report time (most runs share one)
        opens = opened.get(since)
        if opens is None:
            opens = opened[since] = night_from(since, night)
        if since < opens:
            run = run[bisect_left(run, opens):]
            if not run:
                continue
        if code(run[0]) is not None:
            first = 0
        else:
            found = code(run[-1]) if len(run) > 1 else None
            if found is None or found in alerted:
                continue
            low, high = 0, len(run) - 1  # no code at ``low``, the code from ``high`` on
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (low, middle) if code(run[middle]) is not None else (middle, high)
            first = high
        raised = night_alert(assess(run[first]), alerted)
        if raised is not None:
            alerted |= {raised[0]}
            alerts.append(_alert(loaded, raised, run[first], rule.clause, rule.quote))
    return alerts


def _collapse_alerts(loaded: LoadedScript) -> list[Alert]:
    """``collapse_alert`` when the window opens and just after it closes (or at the start, if the script
    starts inside or past it). Counted from the script's ``ignition``; a script with none starts at the
    report, so the window is counted from the report time, as the console does with no ignition typed."""
    settings = load_settings().collapse_window
    playbook = loaded.playbook
    if not any(p.id == settings.parameter for p in playbook.parameters):
        return []
    given = loaded.ignition if loaded.script.ignition is not None else None
    window = collapse_window(playbook, loaded.ignition, loaded.ignition)
    parameter = window.parameter
    alerts: list[Alert] = []
    alerted: frozenset[str] = frozenset()
    for moment in (window.opens_at, window.closes_at + AFTER_CLOSE):
        at = max(moment, loaded.start)
        if at > loaded.end:
            continue
        raised = collapse_alert(playbook, given, loaded.ignition, at, alerted)
        if raised is not None:
            alerted |= {raised[0]}
            alerts.append(_alert(loaded, raised, at, parameter.cite, parameter.quote))
    return alerts


def schedule(loaded: LoadedScript, rulebook: Rulebook, assess: Assess, reported: Reported,
             clock_points: Iterable[datetime] = ()) -> tuple[Alert, ...]:  # fmt: skip
    """Every alert of the script between its start and its end, in time order. ``assess`` is the
    replay's assessment at a clock time (``Replay.assess_at``), ``reported`` the incident's report
    time then; ``clock_points`` are further moments the engine evaluates (configured period bounds)."""
    alerts = _night_alerts(loaded, rulebook, assess, reported, clock_points) + _collapse_alerts(loaded)
    return tuple(sorted(alerts, key=lambda a: (a.at, a.code.value)))
