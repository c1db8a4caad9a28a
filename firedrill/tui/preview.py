"""The level of what the form holds before its incident is opened: the first level on screen.

The console paints the banner as soon as the rule tables are loaded, before the journal, the
desk and the playbooks: the facts the form holds (parsed as the opening will record them) are
graded by the same rules. Nothing is recorded here; once the incident is opened, the session's
own assessment (of the recorded facts) replaces this one. Only grading modules are imported: no
journal, no desk, no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from firedrill.facts import form_changes, incident_data
from firedrill.incident.entry import DEFAULT_SITE, SPECS, TEXT_INPUT_KINDS, FieldError, default_raw, parse_field
from firedrill.timeutil import to_local

if TYPE_CHECKING:
    from firedrill.models import Assessment
    from firedrill.tui.engine import Grader


def opening_facts(raw: Mapping[str, Any] | None, now: datetime) -> tuple[dict[str, Any], dict[str, str]]:
    """The facts (and the text typed for them) an incident opened now with this form content starts with.

    An empty field is no fact (the report time and the site category are); a field that does not parse
    is left out (the form shows its error once the incident exists)."""
    empty = default_raw(now)
    contents = {**empty, **{k: v for k, v in (raw or {}).items() if k in SPECS}}
    changes: dict[str, Any] = {}
    typed: dict[str, str] = {}
    for field, text in contents.items():
        if field not in ("reported_at", "site_category") and text == empty[field]:
            continue
        try:
            value = parse_field(field, text, now)
        except FieldError:
            continue
        changes.update(form_changes(field, value))
        if SPECS[field].kind in TEXT_INPUT_KINDS and text:
            typed[field] = str(text)
    return changes, typed


def preview(grader: Grader, raw: Mapping[str, Any] | None, now: datetime) -> Assessment | None:
    """The level an incident opened now with this form content would have; None if the facts make no incident."""
    from firedrill.incident_plain import to_incident
    from firedrill.rules import assess

    now = to_local(now)
    changes, _ = opening_facts(raw, now)
    facts = {"reported_at": now, "site_category": DEFAULT_SITE, **changes}
    try:
        incident = to_incident(incident_data(facts, []))
    except ValueError:  # not a valid incident yet: no level to show
        return None
    at = max(now, incident.reported_at)  # never before the report (as the desk assesses)
    return assess(incident, at=at, config=grader.rules, rulebook=grader.rulebook)
