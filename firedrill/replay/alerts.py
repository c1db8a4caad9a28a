"""Time alerts during a replay: the clock passing the start of the night window of 4.3(3), and a
playbook's time window (the theatre's roof-collapse window, 附件5 一(五)1) from its parameter.

Times come from the rule and playbook data, never from here: the night window from
rules/data/escalation.yaml, the collapse window from the playbook parameter that
playbook/data/calculators.yaml names.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from firedrill.models import Text, Trigger
from firedrill.playbook.collapse import collapse_window
from firedrill.playbook.settings import load_settings
from firedrill.replay.parser import LoadedScript
from firedrill.replay.schema import AlertCode
from firedrill.replay.timeline import Alert
from firedrill.replay.words import label
from firedrill.rules.loader import Rulebook

ONE_DAY = timedelta(days=1)


def _fill(template: Text, **values: object) -> Text:
    return Text(zh=template.zh.format(**values), en=template.en.format(**values))


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


def _night_alerts(loaded: LoadedScript, rulebook: Rulebook) -> list[Alert]:
    night = rulebook.escalation.night
    rule = rulebook.escalation.trigger(Trigger.NIGHT)
    detail = _fill(label("alert", "night_window"), clock=night.starts.strftime("%H:%M"))
    return [
        Alert(
            code=AlertCode.NIGHT_WINDOW, at=at, offset=loaded.offset(at), clause=rule.clause, quote=rule.quote,
            detail=detail,
        )
        for at in night_crossings(loaded.start, loaded.end, rulebook)
    ]


def _number(value: float) -> str:
    return f"{value:g}"


def _collapse_alerts(loaded: LoadedScript) -> list[Alert]:
    settings = load_settings().collapse_window
    playbook = loaded.playbook
    if not any(p.id == settings.parameter for p in playbook.parameters):
        return []
    window = collapse_window(playbook, loaded.ignition, loaded.ignition)
    parameter = window.parameter
    alerts = []
    for code, at, minutes in (
        (AlertCode.COLLAPSE_WINDOW_OPENS, window.opens_at, parameter.minimum),
        (AlertCode.COLLAPSE_WINDOW_CLOSES, window.closes_at, parameter.maximum),
    ):
        if loaded.start <= at <= loaded.end:
            detail = Text(
                zh=label("alert", code.value).zh.format(minutes=_number(minutes or 0), name=parameter.name.zh),
                en=label("alert", code.value).en.format(minutes=_number(minutes or 0), name=parameter.name.en),
            )
            alerts.append(Alert(code=code, at=at, offset=loaded.offset(at), clause=parameter.cite,
                                quote=parameter.quote, detail=detail))  # fmt: skip
    return alerts


def schedule(loaded: LoadedScript, rulebook: Rulebook) -> tuple[Alert, ...]:
    """Every alert of the script between its start and its end, in time order."""
    alerts = _night_alerts(loaded, rulebook) + _collapse_alerts(loaded)
    return tuple(sorted(alerts, key=lambda a: (a.at, a.code.value)))
