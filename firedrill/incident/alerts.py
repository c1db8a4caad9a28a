"""The incident's alerts, one definition of each: the night trigger (4.3(3)) and a playbook's time
window (the theatre's roof-collapse window, 附件5 一(五)1).

Each alert has a code and is raised once per incident (the journal remembers the codes, so a
resumed incident does not repeat them). The words are built from the plan's data.
"""

from __future__ import annotations

from datetime import datetime

from firedrill.errors import InputError
from firedrill.i18n import label
from firedrill.models import Assessment, Text, Trigger
from firedrill.playbook.calculators import WindowStatus, collapse_window
from firedrill.playbook.render import STATUS
from firedrill.playbook.schema import Playbook
from firedrill.playbook.settings import load_settings

NIGHT = "night_trigger"
NIGHT_LISTED = "night_trigger_listed"
COLLAPSE = {WindowStatus.INSIDE: "collapse_window_open", WindowStatus.PAST: "collapse_window_past"}
WORDS = "console"
Alert = tuple[str, Text]


def _both(key: str, **values: str) -> Text:
    text = label(WORDS, key)
    return Text(zh=text.zh.format(**values), en=text.en.format(**values))


def night_code(assessment: Assessment) -> str | None:
    """The night alert's code the assessment calls for (whether or not it was raised already), or None."""
    if Trigger.NIGHT not in assessment.triggers:
        return None
    # Listed (the fire is not major, 4.3 does not raise it) and applied are told apart, so that a
    # fire growing to major at night is announced again when the trigger starts to count.
    return NIGHT if assessment.escalated else NIGHT_LISTED


def night_alert(assessment: Assessment, alerted: frozenset[str]) -> Alert | None:
    code = night_code(assessment)
    if code is None or code in alerted:
        return None
    quote = next((r.quote for r in assessment.reasons if r.criterion == Trigger.NIGHT.value), "")
    key = "alert_night_applied" if assessment.escalated else "alert_night_listed"
    return code, _both(key, quote=quote)


def collapse_alert(playbook: Playbook | None, ignition_at: datetime | None, reported_at: datetime, now: datetime,
                   alerted: frozenset[str]) -> Alert | None:  # fmt: skip
    """The collapse window, counted from the ignition time (the report time if none was recorded)."""
    parameter = load_settings().collapse_window.parameter
    if playbook is None or all(p.id != parameter for p in playbook.parameters):
        return None
    try:
        result = collapse_window(playbook, ignition_at or reported_at, now)
    except InputError:
        return None  # e.g. an ignition time after now: nothing is due yet
    code = COLLAPSE.get(result.status)
    if code is None or code in alerted:
        return None
    basis = "alert_from_ignition" if ignition_at is not None else "alert_from_report"
    clock = "%H:%M"
    values = {"opens": result.opens_at.strftime(clock), "closes": result.closes_at.strftime(clock),
              "quote": result.parameter.quote, "cite": result.parameter.cite}  # fmt: skip
    status = STATUS[result.status]
    window = _both("alert_window", **values)
    since = _both(basis)
    note = result.note or Text(zh="", en="")
    return code, Text(
        zh=" ".join(p for p in (status.zh, window.zh, since.zh, note.zh) if p),
        en=" ".join(p for p in (status.en.capitalize(), window.en, since.en, note.en) if p),
    )
