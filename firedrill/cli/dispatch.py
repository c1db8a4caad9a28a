"""``firedrill dispatch``: the dispatch order for a fire at a place (clauses 4.4.1 and 4.4.2).

``firedrill dispatch ID`` plans for an incident of the journal against the command centre's board
(units committed to another open incident are held back and listed as what it went without,
units it was sent before are not sent again), records the order with its units, and prints it;
the arrival times count from the moment of dispatch (``--at``, default now).

The one-off form without an id plans for a place: the level is given with ``--level`` or comes
from assessing an Incident JSON (``--from FILE``); it is planned against the data directory's
board too when there is a journal, and records nothing. The network is the one ``--graph`` and
``--stations`` name, else the config file's ``stations: {graph: …, stations: …}``, else the shipped
SAMPLE. A road graph is compiled once into the data directory's network cache (a progress bar on
stderr), so later calls read arrays instead of parsing the GraphML again.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from firedrill.adapters import validate
from firedrill.errors import InputError
from firedrill.models import Activation, DispatchScale, Incident, Level
from firedrill.timeutil import now_local
from firedrill.yamlio import describe_validation_error

if TYPE_CHECKING:
    from firedrill.incident.board import Board
    from firedrill.incident.dispatch import BoardPlan
    from firedrill.stations.ranking import PreparedNetwork
    from firedrill.stations.result import DispatchPlan

HELP = ("the dispatch order (4.4.1, 4.4.2): for a journal incident against the board, recorded (dispatch ID); "
        "or one-off for a place (--lon/--lat, --from)")


ONE_OFF = ("lon", "lat", "node", "level", "source", "already_sent", "address")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", nargs="?", help="incident id in the journal: plan against the board and record the order")
    p.add_argument("--lon", type=float, help="incident longitude (snapped to the nearest road node)")
    p.add_argument("--lat", type=float, help="incident latitude")
    p.add_argument("--node", help="incident road-graph node id (instead of --lon/--lat)")
    p.add_argument("--level", choices=[level.value for level in Level], help="fire level")
    p.add_argument("--from", dest="source", metavar="FILE", help="Incident JSON; the level comes from assess()")
    p.add_argument("--at", help="with an ID: the moment of dispatch; without: the report time (ISO 8601, naive = "
                                "Asia/Shanghai); default now or the Incident JSON's")  # fmt: skip
    p.add_argument("--already-sent", default="", metavar="IDS", help="comma-separated unit ids sent earlier")
    p.add_argument("--id", dest="incident_id", default="incident", help="one-off: the incident id shown in the order")
    p.add_argument("--graph", type=Path, help="road graph GraphML (OSMnx attributes); needs --stations "
                                             "(default: the config's stations.graph, else the SAMPLE)")
    p.add_argument("--stations", type=Path, help="stations CSV or YAML; needs --graph")
    p.add_argument("--max-snap-m", type=float, metavar="M", help="refuse a point farther than M metres from "
                                                                 "the nearest road node (default 1000, or config)")
    p.add_argument("--address", help="one-off: the scene's address text, carried in the order")
    p.add_argument("--json", action="store_true", help="print the order as JSON for a CAD system")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--data-dir", metavar="DIR", help="data directory (default: $FIREDRILL_DATA_DIR or user dir)")
    p.add_argument("--config", type=Path, metavar="FILE", help="config file (stations network; with an ID also rules "
                                                               "settings, playbooks)")
    p.add_argument("--actor", help="with an ID: who gives the order (default: none)")


def _report_time(value: str | None, default: datetime) -> datetime:
    from firedrill.cli.incident import parse_at

    return default if value is None else parse_at(value, "--at")


def _incident(source: str) -> Incident:
    from firedrill.textfile import read_json_file

    path = Path(source)
    data = read_json_file(path)
    if not isinstance(data, dict):
        raise InputError("expected a JSON object with the Incident fields", file=path, line=1)
    try:
        return validate(Incident, data)
    except ValidationError as exc:
        raise describe_validation_error(exc, path) from None


def _level_inputs(args: argparse.Namespace) -> tuple[DispatchScale, Activation, datetime | None]:
    from firedrill.stations.network import activation_for, scale_for

    if args.source and args.level:
        raise InputError("give --level or --from, not both", field="--level")
    if args.source:
        from firedrill.rules import assess

        incident = _incident(args.source)
        assessment = assess(incident)
        return assessment.dispatch, assessment.activation, incident.reported_at
    if not args.level:
        raise InputError("give --level or --from FILE", field="--level")
    level = Level(args.level)
    return scale_for(level), activation_for(level), None


def _check_network(args: argparse.Namespace) -> None:
    if (args.graph is None) != (args.stations is None):
        raise InputError("--graph and --stations go together", field="--graph" if args.graph is None else "--stations")


def _network(args: argparse.Namespace) -> PreparedNetwork:
    from firedrill.datadir import ensure_data_dir
    from firedrill.stations.network import configured

    _check_network(args)
    if args.max_snap_m is not None and not 0 < args.max_snap_m <= 100_000:
        raise InputError(f"{args.max_snap_m} is not a distance in metres (0 to 100000)", field="--max-snap-m")
    return configured(args.config, ensure_data_dir(args.data_dir), progress=True, graph=args.graph,
                      stations=args.stations, max_snap_m=args.max_snap_m)  # fmt: skip


def max_snap(args: argparse.Namespace) -> float | None:
    from firedrill.stations.network import max_snap_for

    return max_snap_for(args.config, args.max_snap_m)


def _board(data_dir: str | None) -> Board | None:
    """The data directory's board, read only, or None when there is no journal yet."""
    from firedrill.cli.incident import journal_file, open_journal
    from firedrill.incident.board import read_board

    if not journal_file(data_dir).is_file():
        return None
    with open_journal(data_dir) as journal:
        return read_board(journal)


def run(args: argparse.Namespace) -> int:
    _check_network(args)
    if args.id is not None:
        return _for_incident(args)
    from firedrill.stations.network import linked_for, standby_rule
    from firedrill.stations.planner import locate, plan

    if args.node is None and (args.lon is None or args.lat is None):
        raise InputError("give --lon and --lat, or --node", field="--lon" if args.lon is None else "--lat")
    if args.node is not None and (args.lon is not None or args.lat is not None):
        raise InputError("give --node or --lon/--lat, not both", field="--node")
    scale, activation, reported = _level_inputs(args)
    at = _report_time(args.at, reported or now_local())
    prepared = _network(args)
    node, location = locate(prepared, lon=args.lon, lat=args.lat, node=args.node, max_snap_m=max_snap(args),
                            address=args.address)  # fmt: skip
    known = {s.id for s in prepared.stations.stations}
    sent = [x.strip() for x in args.already_sent.split(",") if x.strip()]
    unknown = [x for x in sent if x not in known]
    if unknown:
        raise InputError(f"unknown unit id(s): {', '.join(unknown)}", field="--already-sent")
    board = _board(args.data_dir)
    taken, held = {}, {}
    if board is not None:
        from firedrill.incident.dispatch import held_by_board

        taken, held = board.committed(), held_by_board(board)
    result = plan(prepared, node, location, scale, reported_at=at, standby=standby_rule(), already_sent=sent,
                  taken=taken, held=held, incident_id=args.incident_id,
                  linked_units=linked_for(scale.level))  # fmt: skip
    _print(args, result, activation)
    return 0


def _print(args: argparse.Namespace, result: DispatchPlan, activation: Activation | None,
           extra: dict[str, Any] | None = None, text: str | None = None) -> None:  # fmt: skip
    from firedrill.stations.order import order_json, order_text

    if args.json:
        print(json.dumps({**order_json(result, activation), **(extra or {})}, ensure_ascii=False, indent=2))
    else:
        print(text if text is not None else order_text(result, activation, lang=args.lang), end="")


def went_without_text(found: BoardPlan, text: str, lang: str) -> str:
    """The order text with what the incident went without, before the closing sample label."""
    if not found.went_without:
        return text
    head = "Went without (held by other incidents, 4.4.1(3))" if lang == "en" else "未能调派(已在其他警情中, 4.4.1(3))"
    lost = [f"  - {loss.unit_name} [{loss.unit_id}] → {loss.taken_by}" for loss in found.went_without]
    lines = ["", f"{head}:", *lost]
    body = text.rstrip("\n").split("\n")
    label = found.plan.sample_label
    at = len(body) - 2 if label is not None and len(body) >= 2 and body[-1].startswith(f"【{label.zh}】") else len(body)
    return "\n".join([*body[:at], *lines, *body[at:]]) + "\n"


def _for_incident(args: argparse.Namespace) -> int:
    """Plan for a journal incident against the board, record the order, print it."""
    from firedrill.cli.incident import make_desk, open_journal, parse_at
    from firedrill.incident.dispatch import plan_for, record_plan
    from firedrill.journal import EventKind, IncidentClosedError
    from firedrill.stations.order import order_text

    for name in ONE_OFF:
        if getattr(args, name) not in (None, ""):
            flag = "--from" if name == "source" else f"--{name.replace('_', '-')}"
            raise InputError(f"{flag} is for the one-off form; an incident's own facts give its place and level",
                             field=flag)  # fmt: skip
    if args.incident_id != "incident":
        raise InputError("--id is for the one-off form; the incident is the ID given", field="--id")
    at = parse_at(args.at)
    prepared = _network(args)
    with open_journal(args.data_dir, args.id) as journal:
        desk = make_desk(journal, args.config, at, args.actor)
        state = desk.load(args.id)
        if state.closed:
            raise IncidentClosedError(args.id, journal.path)
        # The level the clock has brought (night, a holiday) is recorded before an order that follows it.
        state = desk.advance(args.id, at, args.actor).state
        found = plan_for(desk, state, prepared, at, max_snap_m=max_snap(args))
        activation = found.assessment.activation
        text = went_without_text(found, order_text(found.plan, activation, lang=args.lang), args.lang)
        change = record_plan(desk, found, text, args.lang, args.actor, expected_version=state.version)
    order = next(e for e in change.events if e.kind is EventKind.ORDER)
    extra: dict[str, Any] = {"incident": args.id, "recorded": {"seq": order.seq, "at": order.at.isoformat()},
                             "playbook": found.playbook}
    if found.went_without:
        extra["went_without"] = [loss.model_dump(mode="json") for loss in found.went_without]
    _print(args, found.plan, activation, extra, text)
    return 0

