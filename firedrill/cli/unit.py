"""``firedrill unit UNIT ACTION``: what a dispatcher reports of a unit, recorded on the board.

Actions: ``arrived`` (on scene), ``released`` (returning), ``back`` (available at its station),
``standby`` (held at its station, 4.4.1(5)), ``out-of-service`` and ``in-service``. Each needs the
unit in a status it makes sense from (a unit arrives only once dispatched); the unit must be one
of the station set's (the shipped SAMPLE unless ``--stations``). ``--at``: when it happened.
"""

from __future__ import annotations

import argparse

from firedrill.cli.board import add_stations_argument

HELP = "record a unit's arrival, release, return or service change on the board"
ACTIONS = "arrived|released|back|standby|out-of-service|in-service"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from firedrill.cli.incident import add_journal_options

    add_journal_options(p, "when it happened, ISO 8601 (naive = Asia/Shanghai); default now", config=False)
    p.add_argument("unit", help="unit id, see 'firedrill board'")
    p.add_argument("action", metavar="ACTION", help=ACTIONS)
    add_stations_argument(p)
    p.add_argument("--json", action="store_true", help="print the recorded change as JSON")


def run(args: argparse.Namespace) -> int:
    from firedrill.cli.board import station_set
    from firedrill.cli.incident import open_journal, parse_at, print_json, serving
    from firedrill.incident.board import read_board, report_unit

    at = parse_at(args.at)
    known = [s.id for s in station_set(args.stations).stations]
    with open_journal(args.data_dir, create=True) as journal:
        event = report_unit(journal, args.unit, args.action, at, args.actor, known)
        board = read_board(journal)
    position = board.position(event.unit_id)
    incident = serving(board, event.unit_id)
    if args.json:
        print_json({"unit": event.unit_id, "status": position.status.value, "incident": incident,
                    "seq": event.seq, "at": event.at.isoformat(),
                    "by": event.actor})  # fmt: skip
        return 0
    print(f"{event.unit_id}: {position.status.value}" + (f" ({incident})" if incident else "") +
          f" at {event.at.isoformat()}")  # fmt: skip
    return 0
