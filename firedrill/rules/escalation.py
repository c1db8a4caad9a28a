"""Clause 4.3: the triggers that lift a major fire to especially major.

Each trigger is checked over the incident's span, from its report to the time of assessment:
a fire burning at 22:10 that was reported at 21:50 "occurs" at night (docs/rules.md).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from firedrill.config import RulesConfig
from firedrill.models import Incident, Reason, Trigger
from firedrill.rules.calls import bucket_counts, calls_rising
from firedrill.rules.holidays_cn import holiday_block
from firedrill.rules.schema import Escalation, NightRule, WindScale
from firedrill.rules.wind import effective_force

ONE_DAY = timedelta(days=1)


def _night_overlap(start: datetime, end: datetime, night: NightRule) -> datetime | None:
    """The first moment in [start, end] that falls in the night window, or None."""
    day = start.date() - ONE_DAY
    while day <= end.date():
        window_start = datetime.combine(day, night.starts, tzinfo=start.tzinfo)
        window_end = datetime.combine(day + ONE_DAY, night.ends, tzinfo=start.tzinfo)
        first = max(start, window_start)
        if first < window_end and first <= end:
            return first
        day += ONE_DAY
    return None


def _holiday(start: datetime, end: datetime) -> str | None:
    day = start.date()
    while day <= end.date():
        block = holiday_block(day)
        if block is not None:
            first, last, name = block
            return f"{name} ({first.isoformat()}—{last.isoformat()})"
        day += ONE_DAY
    return None


def _configured_period(start: datetime, end: datetime, config: RulesConfig) -> str | None:
    for period in (*config.political_events, *config.extra_holidays):
        p_start, p_end = period.bounds()
        if p_start <= end and start < p_end:
            return period.name
    return None


def _clock(t: time) -> str:
    return t.strftime("%H:%M")


def find_triggers(
    incident: Incident, at: datetime, escalation: Escalation, wind: WindScale, config: RulesConfig
) -> list[tuple[Trigger, str, str]]:
    """Every trigger that holds, as (trigger, value, threshold)."""
    start, end = incident.reported_at, max(at, incident.reported_at)
    found: list[tuple[Trigger, str, str]] = []

    occasions = [
        name
        for name in (
            _holiday(start, end),
            _configured_period(start, end, config),
            "political_event" if incident.political_event else None,
            "sensitive_area" if incident.sensitive_area else None,
        )
        if name
    ]
    if occasions:
        found.append((Trigger.HOLIDAY_OR_POLITICAL, "; ".join(occasions), "holiday block, political event or area"))

    rule = escalation.wind
    force = effective_force(incident.wind_force, incident.wind_speed_ms, wind)
    gust = effective_force(incident.gust_force, incident.gust_speed_ms, wind)
    weather = []
    if force is not None and force >= rule.wind_force_min:
        weather.append(f"wind force {force}")
    if gust is not None and gust >= rule.gust_force_min:
        weather.append(f"gust force {gust}")
    if incident.severe_weather:
        weather.append("severe_weather")
    if weather:
        found.append(
            (
                Trigger.SEVERE_WEATHER,
                ", ".join(weather),
                f"wind ≥ {rule.wind_force_min} or gust ≥ {rule.gust_force_min} or severe weather",
            )
        )

    night = escalation.night
    moment = _night_overlap(start, end, night)
    if moment is not None:
        found.append((Trigger.NIGHT, moment.strftime("%Y-%m-%d %H:%M"), f"{_clock(night.starts)}—{_clock(night.ends)}"))

    if incident.rising_calls is not None:
        if incident.rising_calls:
            found.append((Trigger.RISING_CALLS, "reported", "calls keep rising"))
    elif calls_rising(incident.calls, config.rising_calls):
        counts = "→".join(str(c) for c in bucket_counts(incident.calls, config.rising_calls))
        per = config.rising_calls
        found.append((Trigger.RISING_CALLS, counts, f"strictly rising per {per.bucket_minutes} min over {per.buckets}"))

    if incident.manual_escalation:
        found.append((Trigger.MANUAL, incident.manual_escalation, "judged necessary"))
    return found


def trigger_reasons(found: list[tuple[Trigger, str, str]], escalation: Escalation) -> list[Reason]:
    reasons = []
    for trigger, value, threshold in found:
        rule = escalation.trigger(trigger)
        reasons.append(
            Reason(
                kind="escalation",
                criterion=trigger.value,
                clause=rule.clause,
                source="plan",
                level=escalation.raises_to,
                description=rule.description,
                value=value,
                threshold=threshold,
                quote=rule.quote,
            )
        )
    return reasons
