"""The journal: an append-only, crash-safe SQLite record of every fact and decision of an incident.

The console writes each fact and decision here before showing it as recorded; after a crash it
reopens the open incidents from here. Quizzes and drills add their own tables to the same file
through ``register_part``. A damaged, empty, read-only or locked file is one ``JournalFault``
(an InputError naming the file and what to do), and is never written to. See docs/journal.md.
"""

from firedrill.journal.errors import (
    IncidentClosedError,
    JournalBusyError,
    JournalDamagedError,
    JournalFault,
    JournalReadOnlyError,
    JournalWriteError,
    StaleVersionError,
    UnitTakenError,
    UnknownIncidentError,
)
from firedrill.journal.models import (
    MAX_EXERCISE_RATE,
    ClockChange,
    Event,
    EventKind,
    IncidentRecord,
    IncidentStatus,
    ProcedureState,
    StatusState,
    UnitEvent,
    UnitStatus,
)
from firedrill.journal.schema import Migration, SchemaPart, register_part
from firedrill.journal.store import Journal

__all__ = [
    "MAX_EXERCISE_RATE",
    "ClockChange",
    "Event",
    "EventKind",
    "IncidentClosedError",
    "IncidentRecord",
    "IncidentStatus",
    "Journal",
    "JournalBusyError",
    "JournalDamagedError",
    "JournalFault",
    "JournalReadOnlyError",
    "JournalWriteError",
    "Migration",
    "ProcedureState",
    "SchemaPart",
    "StaleVersionError",
    "StatusState",
    "UnitEvent",
    "UnitStatus",
    "UnitTakenError",
    "UnknownIncidentError",
    "register_part",
]
