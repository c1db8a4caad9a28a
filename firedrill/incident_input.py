"""Build a validated Incident from loose input (CLI flags, JSON, a form), one clear error on failure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from firedrill.errors import InputError
from firedrill.incident_plain import to_incident
from firedrill.models import Incident
from firedrill.timeutil import now_local


def _playbook_site(scenario: str) -> str:
    """The site category a playbook assumes; an unknown scenario id is an error."""
    from firedrill.playbook.loader import load_library

    library = load_library()
    known = {p.id: p for p in library.all()}
    if scenario not in known:
        raise InputError(f"unknown scenario {scenario!r}; known: {', '.join(known)}", field="scenario")
    return known[scenario].site_category.value


def build_incident(data: dict[str, Any], source: str | Path | None = None, field: str | None = None) -> Incident:
    """Validate ``data`` as an Incident. A missing report time means now; a scenario sets the default site."""
    data = dict(data)
    data.setdefault("reported_at", now_local().replace(microsecond=0).isoformat())
    if data.get("scenario") and "site_category" not in data:
        data["site_category"] = _playbook_site(str(data["scenario"]))
    elif data.get("scenario"):
        _playbook_site(str(data["scenario"]))
    try:
        return to_incident(data)
    except ValueError as exc:
        from pydantic import ValidationError

        from firedrill.yamlio import describe_validation_error

        if not isinstance(exc, ValidationError):
            raise
        error = describe_validation_error(exc, source)
        if field is not None:
            error = InputError(error.message, field=field, file=source)
        raise error from None
