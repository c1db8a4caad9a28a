"""``firedrill dispatch``: the dispatch order for a fire at a place (clauses 4.4.1 and 4.4.2).

The level is given with ``--level`` or comes from assessing an Incident JSON (``--from FILE``);
the network is the shipped SAMPLE unless ``--graph`` and ``--stations`` name real files.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from firedrill.errors import InputError
from firedrill.models import Activation, DispatchScale, Incident, Level
from firedrill.timeutil import now_local, to_local
from firedrill.yamlio import describe_validation_error

HELP = "the dispatch order for a fire at a place: nearest stations, standby rule, special units (4.4.1, 4.4.2)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lon", type=float, help="incident longitude (snapped to the nearest road node)")
    p.add_argument("--lat", type=float, help="incident latitude")
    p.add_argument("--node", help="incident road-graph node id (instead of --lon/--lat)")
    p.add_argument("--level", choices=[level.value for level in Level], help="fire level")
    p.add_argument("--from", dest="source", metavar="FILE", help="Incident JSON; the level comes from assess()")
    p.add_argument("--at", help="report time, ISO 8601 (naive = Asia/Shanghai); default now or the incident's")
    p.add_argument("--already-sent", default="", metavar="IDS", help="comma-separated unit ids sent earlier")
    p.add_argument("--id", dest="incident_id", default="incident", help="incident id shown in the order")
    p.add_argument("--graph", type=Path, help="road graph GraphML (OSMnx attributes); needs --stations")
    p.add_argument("--stations", type=Path, help="stations CSV or YAML; needs --graph")
    p.add_argument("--json", action="store_true", help="print the order as JSON for a CAD system")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")


def _report_time(value: str | None, default: datetime) -> datetime:
    if value is None:
        return default
    try:
        return to_local(datetime.fromisoformat(value))
    except ValueError:
        raise InputError(f"not an ISO 8601 time: {value!r}", field="--at") from None


def _incident(source: str) -> Incident:
    path = Path(source)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=path) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=path, line=exc.lineno) from None
    if not isinstance(data, dict):
        raise InputError("expected a JSON object with the Incident fields", file=path, line=1)
    try:
        return Incident.model_validate(data)
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


def run(args: argparse.Namespace) -> int:
    from firedrill.stations.network import SAMPLE_GRAPH, SAMPLE_STATIONS, prepare, standby_rule
    from firedrill.stations.order import order_json, order_text
    from firedrill.stations.planner import locate, plan

    if (args.graph is None) != (args.stations is None):
        raise InputError("--graph and --stations go together", field="--graph" if args.graph is None else "--stations")
    if args.node is None and (args.lon is None or args.lat is None):
        raise InputError("give --lon and --lat, or --node", field="--lon" if args.lon is None else "--lat")
    if args.node is not None and (args.lon is not None or args.lat is not None):
        raise InputError("give --node or --lon/--lat, not both", field="--node")
    scale, activation, reported = _level_inputs(args)
    at = _report_time(args.at, reported or now_local())
    prepared = prepare(args.graph or SAMPLE_GRAPH, args.stations or SAMPLE_STATIONS)
    if args.node is None:
        _inside(prepared.network.extent(), args.lon, args.lat)
    node, location = locate(prepared, lon=args.lon, lat=args.lat, node=args.node)
    known = {s.id for s in prepared.stations.stations}
    sent = [x.strip() for x in args.already_sent.split(",") if x.strip()]
    unknown = [x for x in sent if x not in known]
    if unknown:
        raise InputError(f"unknown unit id(s): {', '.join(unknown)}", field="--already-sent")
    result = plan(prepared, node, location, scale, reported_at=at, standby=standby_rule(), already_sent=sent,
                  incident_id=args.incident_id)
    if args.json:
        print(json.dumps(order_json(result, activation), ensure_ascii=False, indent=2))
    else:
        print(order_text(result, activation, lang=args.lang), end="")
    return 0


def _inside(extent: tuple[float, float, float, float], lon: float, lat: float) -> None:
    west, east, south, north = extent
    if not west <= lon <= east:
        raise InputError(f"longitude {lon} is outside the road network ({west:.4f} to {east:.4f})", field="--lon")
    if not south <= lat <= north:
        raise InputError(f"latitude {lat} is outside the road network ({south:.4f} to {north:.4f})", field="--lat")
