"""Time alerts the console raises by itself: the night trigger switching on (4.3(3)) and a
playbook's time window (the theatre's roof-collapse window, 附件5 一(五)1).

Each alert has a code and is raised once per incident (the journal remembers the codes, so a
resumed incident does not repeat them). The words are built from the plan's data; no Textual.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from firedrill.errors import InputError
from firedrill.models import Text, Trigger
from firedrill.playbook.calculators import WindowStatus, collapse_window
from firedrill.playbook.render import STATUS
from firedrill.playbook.settings import load_settings
from firedrill.tui.words import w

if TYPE_CHECKING:
    from firedrill.tui.session import Session

NIGHT = "night_trigger"
COLLAPSE = {WindowStatus.INSIDE: "collapse_window_open", WindowStatus.PAST: "collapse_window_past"}


def _both(key: str, **values: str) -> Text:
    return Text(zh=w(key, "zh").format(**values), en=w(key, "en").format(**values))


def night_alert(session: Session) -> tuple[str, Text] | None:
    a = session.assessment
    if a is None or Trigger.NIGHT not in a.triggers:
        return None
    # Listed (the fire is not major, 4.3 does not raise it) and applied are told apart, so that a
    # fire growing to major at night is announced again when the trigger starts to count.
    code = NIGHT if a.escalated else f"{NIGHT}_listed"
    if code in session.alerted:
        return None
    quote = next((r.quote for r in a.reasons if r.criterion == Trigger.NIGHT.value), "")
    key = "alert_night_applied" if a.escalated else "alert_night_listed"
    return code, _both(key, quote=quote)


def collapse_alert(session: Session, now: datetime) -> tuple[str, Text] | None:
    """The theatre's collapse window, counted from the ignition time (the report time if none typed)."""
    playbook = session.playbook
    parameter = load_settings().collapse_window.parameter
    if playbook is None or all(p.id != parameter for p in playbook.parameters):
        return None
    try:
        result = collapse_window(playbook, session.ignition_at(), now)
    except InputError:
        return None  # e.g. an ignition time after now: nothing is due yet
    code = COLLAPSE.get(result.status)
    if code is None or code in session.alerted:
        return None
    basis = "alert_from_ignition" if session.values.get("ignition_at") else "alert_from_report"
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


def due_alerts(session: Session, now: datetime) -> list[tuple[str, Text]]:
    """Alerts that hold now and were not raised before for this incident."""
    found = [night_alert(session), collapse_alert(session, now)]
    return [alert for alert in found if alert is not None]
