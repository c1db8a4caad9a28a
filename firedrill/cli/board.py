"""``firedrill board``: every unit of the station set, where it stands across all open incidents.

The board is folded from the journal's unit events (``firedrill.incident.board``): an order marks
its units dispatched, ``firedrill unit`` records arrivals, releases and service changes, and a unit
of an incident since closed is available again. The station set is the shipped SAMPLE unless
``--stations`` names a file; reading never creates a journal.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from firedrill.journal.models import UnitStatus

if TYPE_CHECKING:
    from firedrill.incident.board import Board
    from firedrill.stations.stationio import StationSet

HELP = "the command centre's board: every unit's status and the incident it serves"
SCHEMA = "firedrill.board/1"


def add_stations_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stations", type=Path, metavar="FILE", help="stations CSV or YAML (default: the shipped SAMPLE)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", metavar="DIR", help="data directory (default: $FIREDRILL_DATA_DIR or user dir)")
    add_stations_argument(p)
    p.add_argument("--status", choices=[s.value for s in UnitStatus], help="only units with this status")
    p.add_argument("--json", action="store_true", help="print JSON")


def station_set(path: Path | None) -> StationSet:
    from firedrill.stations.network import SAMPLE_STATIONS
    from firedrill.stations.stationio import load_stations

    return load_stations(path or SAMPLE_STATIONS)


def read_board_if_any(data_dir: str | None) -> Board:
    """The data directory's board; an empty one (every unit available) when it has no journal yet."""
    from firedrill.cli.incident import journal_file, open_journal
    from firedrill.incident.board import Board, read_board

    if not journal_file(data_dir).is_file():
        return Board({})
    with open_journal(data_dir) as journal:
        return read_board(journal)


def board_rows(board: Board, stations: StationSet) -> list[dict[str, Any]]:
    """One row per unit of the station set, then any unit the board knows that the set does not."""
    from firedrill.cli.incident import serving

    rows = []
    known = {s.id for s in stations.stations}
    listed = [(s.id, s.name, s.kind.value, s.district, s.status.value) for s in stations.stations]
    others = [(u, None, None, None, None) for u in board.units if u not in known]
    for unit_id, name, kind, district, status in [*listed, *others]:
        position = board.position(unit_id)
        rows.append({
            "id": unit_id, "name": name, "kind": kind, "district": district,
            "status": position.status.value, "incident": serving(board, unit_id),
            "since": position.since.isoformat() if position.since else None, "by": position.by,
            "listed": status, "in_station_set": unit_id in known,
        })  # fmt: skip
    return rows


def run(args: argparse.Namespace) -> int:
    from firedrill.cli.incident import print_json

    stations = station_set(args.stations)
    rows = board_rows(read_board_if_any(args.data_dir), stations)
    if args.status is not None:
        rows = [r for r in rows if r["status"] == args.status]
    if args.json:
        counts = Counter(r["status"] for r in rows)
        print_json({"schema": SCHEMA, "sample": stations.is_sample, "units": rows, "counts": dict(counts)})
        return 0
    if stations.is_sample:
        from firedrill.stations.settings import load_settings

        label = load_settings().sample_label
        print(f"【{label.zh}】 {label.en}")
    table = [("UNIT", "STATUS", "INCIDENT", "SINCE", "NAME")]
    for r in rows:
        status = r["status"] + (f" (listed {r['listed']})" if r["listed"] not in (None, "available") else "")
        since = r["since"][:16].replace("T", " ") if r["since"] else "-"
        table.append((r["id"], status, r["incident"] or "-", since, r["name"] or "(not in the station set)"))
    widths = [max(len(row[c]) for row in table) for c in range(len(table[0]) - 1)]
    for row in table:
        print("  ".join([*(v.ljust(w) for v, w in zip(row, widths, strict=False)), row[-1]]))
    counts = Counter(r["status"] for r in rows)
    print(", ".join(f"{status} {n}" for status, n in sorted(counts.items())))
    return 0
