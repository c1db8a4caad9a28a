"""Clause 4.3: the triggers that lift a major fire to especially major.

Each trigger is checked over the incident's span, from its report to the time of assessment:
a fire burning at 22:10 that was reported at 21:50 "occurs" at night (docs/rules.md).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from firedrill.i18n import label
from firedrill.models import AssessmentWarning, Incident, Reason, Source, Text, Trigger
from firedrill.rules.calls import Held, rising_held
from firedrill.rules.holidays_cn import HolidayBlock, calendar_for
from firedrill.rules.schema import Escalation, NightRule, WindScale
from firedrill.rules.wind import effective_force
from firedrill.rulesconfig import RisingCallsRule, RulesConfig

ONE_DAY = timedelta(days=1)
PROVISIONAL_CALENDAR = "holiday_calendar_provisional"


class Found(NamedTuple):
    """A trigger that holds: a short neutral value, and the value in both languages (a tuple: one is
    made for each trigger of each assessment)."""

    trigger: Trigger
    value: str
    value_text: Text
    threshold: str


def _format(text: Text, **fields: object) -> Text:
    return Text(zh=text.zh.format(**fields), en=text.en.format(**fields))


@lru_cache(maxsize=4096)
def _said(key: str, fields: tuple[tuple[str, object], ...]) -> Text:
    return _format(label("reason", key), **dict(fields))


def _words(key: str, **fields: object) -> Text:
    """A reason's words filled in; the same words are built once (a console re-grades often)."""
    return _said(key, tuple(fields.items()))


def _minute(moment: datetime) -> str:
    """``2026-03-10 23:00``, as ``strftime("%Y-%m-%d %H:%M")`` writes it (the plan's years have four
    digits), in a fraction of its time: every assessment a trigger holds in stamps its moment."""
    return moment.isoformat(" ", "minutes")[:16]


@lru_cache(maxsize=1024)
def _night_words(moment: datetime, offset: timedelta | None) -> tuple[str, Text]:
    """The night trigger's moment stamped and worded (the same moment at every assessment of a fire)."""
    stamp = _minute(moment)
    return stamp, _words("night_moment", moment=stamp)


def _join(parts: list[Text]) -> Text:
    if len(parts) == 1:
        return parts[0]
    return Text(zh="、".join(p.zh for p in parts), en=", ".join(p.en for p in parts))


def _night_overlap(start: datetime, end: datetime, night: NightRule) -> datetime | None:
    """The first moment in [start, end] that falls in the night window, or None."""
    if night.ends < night.starts:  # a window across midnight (22:00—06:00): no day-by-day walk
        clock = start.time()  # the local clock time (the Incident's times are local)
        if clock >= night.starts or clock < night.ends:
            return start
        opens = datetime.combine(start.date(), night.starts, tzinfo=start.tzinfo)
        return opens if opens <= end else None
    day = start.date() - ONE_DAY
    while day <= end.date():
        window_start = datetime.combine(day, night.starts, tzinfo=start.tzinfo)
        window_end = datetime.combine(day + ONE_DAY, night.ends, tzinfo=start.tzinfo)
        first = max(start, window_start)
        if first < window_end and first <= end:
            return first
        day += ONE_DAY
    return None


# Scans are values: the same days against the same calendar give the same answer, and an assessment
# asks twice (the trigger, the warnings). Keyed by the identity of the config's years, kept in the
# value so that an id is never mistaken for another's. Bounded.
_SCANS: dict[tuple[date, date, int], tuple[tuple[object, ...], tuple[HolidayBlock | None, tuple[int, ...]]]] = {}
_SCANS_KEPT = 8192


def _holiday_scan(start: date, end: date, config: RulesConfig) -> tuple[HolidayBlock | None, tuple[int, ...]]:
    """The first holiday block over the days [start, end], and the provisional years consulted to find it."""
    years = config.holiday_years
    key = (start, end, id(years))
    cached = _SCANS.get(key)
    if cached is not None and cached[0] is years:
        return cached[1]
    calendar = calendar_for(years)
    provisional: list[int] = []
    found: HolidayBlock | None = None
    day = start
    while day <= end:
        block, year = calendar.lookup(day)
        if year is not None and year not in provisional:
            provisional.append(year)
        if block is not None:
            found = block
            break
        day += ONE_DAY
    if len(_SCANS) >= _SCANS_KEPT:
        _SCANS.clear()
    result = (found, tuple(provisional))
    _SCANS[key] = (years, result)
    return result


def calendar_warnings(incident: Incident, at: datetime, config: RulesConfig) -> tuple[AssessmentWarning, ...]:
    """A warning for each year the 4.3(1) holiday check had to estimate (no State Council notice on file)."""
    start, end = incident.reported_at, max(at, incident.reported_at)
    _, years = _holiday_scan(start.date(), end.date(), config)
    return tuple(_provisional_warning(year) for year in years) if years else ()


@lru_cache(maxsize=64)
def _provisional_warning(year: int) -> AssessmentWarning:
    text = _format(label("warning", PROVISIONAL_CALENDAR), year=year)
    return AssessmentWarning(code=PROVISIONAL_CALENDAR, text=text, year=year)


def _occasions(incident: Incident, start: datetime, end: datetime, config: RulesConfig) -> list[tuple[str, Text]]:
    found: list[tuple[str, Text]] = []
    block, _ = _holiday_scan(start.date(), end.date(), config)
    if block is not None:
        first, last = block.first.isoformat(), block.last.isoformat()
        zh = _words("holiday", name=block.name.zh, first=first, last=last).zh
        en = _words("holiday", name=block.name.en, first=first, last=last).en
        if block.provisional:
            mark = label("reason", "holiday_provisional")
            zh, en = zh + mark.zh, en + mark.en
        found.append((f"holiday {first}/{last}", Text(zh=zh, en=en)))
    if config.political_events or config.extra_holidays:
        for period in (*config.political_events, *config.extra_holidays):
            p_start, p_end = period.bounds()
            if p_start <= end and start < p_end:
                found.append((f"period {period.name}", _words("configured_period", name=period.name)))
    if incident.political_event:
        found.append(("political_event", label("reason", "political_event")))
    if incident.sensitive_area:
        found.append(("sensitive_area", label("reason", "sensitive_area")))
    return found


def _weather(incident: Incident, escalation: Escalation, wind: WindScale) -> list[tuple[str, Text]]:
    rule = escalation.wind
    force = effective_force(incident.wind_force, incident.wind_speed_ms, wind)
    gust = effective_force(incident.gust_force, incident.gust_speed_ms, wind)
    found: list[tuple[str, Text]] = []
    if force is not None and force >= rule.wind_force_min:
        found.append((f"wind_force={force}", _words("wind_force", n=force)))
    if gust is not None and gust >= rule.gust_force_min:
        found.append((f"gust_force={gust}", _words("gust_force", n=gust)))
    if incident.severe_weather:
        found.append(("severe_weather", label("reason", "severe_weather")))
    return found


def _calls(incident: Incident, at: datetime, config: RulesConfig) -> tuple[str, Text] | None:
    """4.3(4), latched: it holds if it held at any call on record up to ``at`` (docs/rules.md).

    Calls logged after the moment assessed are not yet known at it, so they are left out: the
    replay, the console and ``classify --assess-at`` agree.
    """
    if incident.rising_calls is not None:
        return ("reported", label("reason", "calls_reported")) if incident.rising_calls else None
    rule = config.rising_calls
    calls = incident.calls  # in order (the Incident keeps them sorted)
    held = rising_held(calls if not calls or calls[-1] <= at else [c for c in calls if c <= at],
                       incident.reported_at, rule)  # fmt: skip
    return None if held is None else _held_words(held, held.at.utcoffset(), rule)


# A latched trigger is worded the same at every later moment: each one is worded once (the local offset
# is in the key, since equal moments in two time zones are written apart). Bounded.
@lru_cache(maxsize=1024)
def _held_words(held: Held, offset: timedelta | None, rule: RisingCallsRule) -> tuple[str, Text]:
    stamp = _minute(held.at)
    if rule.method == "window":
        value = f"{held.count} calls within {rule.window_minutes} min by {stamp}"
        return value, _words("calls_window", minutes=rule.window_minutes, count=held.count, calls=rule.calls,
                             at=stamp)  # fmt: skip
    counts = "→".join(str(c) for c in held.counts)
    return f"{counts} by {stamp}", _words("calls_counts", minutes=rule.bucket_minutes, counts=f"{counts} ({stamp})")


def _calls_threshold(rule: RisingCallsRule) -> str:
    if rule.method == "window":
        return f"≥ {rule.calls} calls within {rule.window_minutes} min (first report included), latched"
    return f"rising over {rule.buckets} × {rule.bucket_minutes} min, latched"


# By table identity (a frozen table hashes every field it holds), the table kept beside its words.
_THRESHOLDS: dict[int, tuple[Escalation, tuple[str, str]]] = {}


def _thresholds(escalation: Escalation) -> tuple[str, str]:
    """The neutral thresholds of 4.3(2) and 4.3(3) as scripts read them, worded once per rule table."""
    cached = _THRESHOLDS.get(id(escalation))
    if cached is not None and cached[0] is escalation:
        return cached[1]
    wind, night = escalation.wind, escalation.night
    words = (f"wind ≥ {wind.wind_force_min}, gust ≥ {wind.gust_force_min}, severe weather",
             f"{night.starts.strftime('%H:%M')}—{night.ends.strftime('%H:%M')}")  # fmt: skip
    _THRESHOLDS[id(escalation)] = (escalation, words)
    return words


def _found(trigger: Trigger, parts: list[tuple[str, Text]], threshold: str) -> Found:
    if len(parts) == 1:
        return Found(trigger, parts[0][0], parts[0][1], threshold)
    return Found(trigger, "; ".join(p[0] for p in parts), _join([p[1] for p in parts]), threshold)


def find_triggers(
    incident: Incident, at: datetime, escalation: Escalation, wind: WindScale, config: RulesConfig
) -> list[Found]:
    """Every trigger that holds, in the order of clause 4.3."""
    start, end = incident.reported_at, max(at, incident.reported_at)
    weather_threshold, night_window = _thresholds(escalation)
    found: list[Found] = []
    occasions = _occasions(incident, start, end, config)
    if occasions:
        found.append(_found(Trigger.HOLIDAY_OR_POLITICAL, occasions, "holiday, political event or area"))
    weather = _weather(incident, escalation, wind)
    if weather:
        found.append(_found(Trigger.SEVERE_WEATHER, weather, weather_threshold))
    moment = _night_overlap(start, end, escalation.night)
    if moment is not None:
        stamp, words = _night_words(moment, moment.utcoffset())
        found.append(Found(Trigger.NIGHT, stamp, words, night_window))
    calls = _calls(incident, end, config)
    if calls is not None:
        found.append(Found(Trigger.RISING_CALLS, calls[0], calls[1], _calls_threshold(config.rising_calls)))
    if incident.manual_escalation:
        reason = incident.manual_escalation
        found.append(Found(Trigger.MANUAL, reason, _words("manual", reason=reason), "judged necessary"))
    return found


# Reasons are immutable values, built once per rule table, trigger, value and outcome (the neutral
# words are in the key too). The table is kept beside its reason, so an id is never mistaken for
# another table's. Bounded.
_REASONS: dict[tuple[int, Trigger, str, str, str, bool], tuple[Escalation, Reason]] = {}
_REASONS_KEPT = 8192


def trigger_reasons(found: list[Found], escalation: Escalation, applied: bool) -> list[Reason]:
    """The triggers as reasons; ``applied`` is False where 4.3 does not apply to the fire's grade."""
    reasons = []
    for item in found:
        key = (id(escalation), item.trigger, item.value, item.value_text.zh, item.threshold, applied)
        cached = _REASONS.get(key)
        if cached is not None and cached[0] is escalation:
            reasons.append(cached[1])
            continue
        rule = escalation.trigger(item.trigger)
        if len(_REASONS) >= _REASONS_KEPT:
            _REASONS.clear()
        reason = Reason(
            kind="escalation",
            criterion=item.trigger.value,
            clause=rule.clause,
            source=Source.PLAN,
            level=escalation.raises_to,
            description=rule.description,
            value=item.value,
            threshold=item.threshold,
            value_text=item.value_text,
            threshold_text=rule.description,
            quote=rule.quote,
            applied=applied,
        )
        _REASONS[key] = (escalation, reason)
        reasons.append(reason)
    return reasons
