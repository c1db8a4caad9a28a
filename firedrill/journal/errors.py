"""Journal errors: every one is an InputError, so the CLI prints one line and exits 2.

Bad requests (an unknown id, a closed incident) name the field. Faults of the file itself
(``JournalFault``: damaged, empty, read-only, locked) name the file, what is wrong and what to do;
``fault.text(lang)`` says the same in Chinese with the English beside it (the console shows it).
"""

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


class JournalFault(InputError):
    """The journal file cannot be used as asked. ``problem`` and ``remedy`` are keys of the
    ``faults`` and ``remedies`` labels; ``detail`` is SQLite's own words (or a number), kept as given."""

    def __init__(self, problem: str, remedy: str, file: str | Path, detail: str = "") -> None:
        from firedrill.journal.labels import fault_text

        self.problem = problem
        self.remedy = remedy
        self.detail = detail
        super().__init__(fault_text(problem, remedy, detail, "en"), file=file)

    def text(self, lang: str = "zh") -> str:
        """The one line in ``lang`` (``zh``: Chinese, then the English), naming the file."""
        from firedrill.journal.labels import fault_text

        if lang == "en":
            return self.one_line()
        return f"{self.file}: {fault_text(self.problem, self.remedy, self.detail, 'zh')} — {self.message}"


class JournalDamagedError(JournalFault):
    """The file is not a sound journal (damaged pages, 0 bytes, not SQLite): it is left as it is."""


class JournalWriteError(JournalFault):
    """The database refused a write: the event was NOT recorded and must not be shown as recorded."""

    def __init__(self, file: str | Path, detail: str, problem: str = "write_refused", remedy: str = "retry") -> None:
        super().__init__(problem, remedy, file, detail)


class JournalReadOnlyError(JournalWriteError):
    """The file or its directory cannot be written: reading works, recording does not."""

    def __init__(self, file: str | Path, problem: str = "read_only_file") -> None:
        super().__init__(file, "", problem, "make_writable")


class JournalBusyError(JournalWriteError):
    """Another process held the write lock past the busy timeout: nothing was recorded."""

    def __init__(self, file: str | Path, seconds: float) -> None:
        super().__init__(file, f"{seconds:g}", "locked", "wait_for_lock")


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
