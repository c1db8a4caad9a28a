"""Helper run as a separate process by test_crash.py: append notes forever, acknowledging each.

Usage: python crash_writer.py DB_PATH INCIDENT_ID START
Prints ``ack SEQ N`` after ``Journal.append`` returns for note number N, flushing every line, so
the parent knows exactly which events the journal acknowledged before it was killed.
"""

from __future__ import annotations

import sys
from itertools import count

from firedrill.journal import EventKind, Journal
from firedrill.timeutil import now_local


def main() -> None:
    db_path, incident_id, start = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Journal.open(db_path) as journal:
        for n in count(start):
            event = journal.append(incident_id, EventKind.NOTE, {"text": f"note {n}", "n": n}, now_local())
            print(f"ack {event.seq} {n}", flush=True)


if __name__ == "__main__":
    main()
