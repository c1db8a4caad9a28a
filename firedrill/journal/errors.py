"""Journal errors: bad requests are InputErrors (one line, exit 2); failed writes are not."""

from __future__ import annotations

from pathlib import Path

from firedrill.errors import InputError


class UnknownIncidentError(InputError):
    """No incident with this id in the journal."""

    def __init__(self, incident_id: str, file: str | Path | None = None) -> None:
        super().__init__(f"no incident with id {incident_id!r}", field="incident", file=file)


class IncidentClosedError(InputError):
    """The incident is closed: its record is final."""

    def __init__(self, incident_id: str, file: str | Path | None = None) -> None:
        super().__init__(
            f"incident {incident_id!r} is closed; its record can no longer change", field="incident", file=file
        )


class JournalWriteError(RuntimeError):
    """The database refused a write: the event was NOT recorded and must not be shown as recorded."""
