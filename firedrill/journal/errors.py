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


class StaleVersionError(InputError):
    """Another writer appended to the incident since this one read it: nothing was written."""

    def __init__(self, incident_id: str, expected: int, found: int, file: str | Path | None = None) -> None:
        self.incident_id = incident_id
        self.expected = expected
        self.found = found
        super().__init__(
            f"incident {incident_id!r} changed at another seat ({found - expected:+d} events since it was read); "
            "not recorded: reload and decide again",
            field="incident",
            file=file,
        )


class UnitTakenError(InputError):
    """A unit meant for this incident is committed to another open incident: the order was not recorded."""

    def __init__(self, unit_id: str, incident_id: str, file: str | Path | None = None) -> None:
        self.unit_id = unit_id
        self.serving = incident_id
        super().__init__(f"unit {unit_id!r} is committed to incident {incident_id!r}; plan again", field="units",
                         file=file)  # fmt: skip
