"""``firedrill incident open|set|show|list|call|note|close``: work an incident without the console.

For scripts, a CAD hand-off and tests. Every change goes through the incident core's ``Desk``
(the one writer the console uses too), so the level, its alerts and the record's closing follow
from a change exactly as they do on the console. Facts are named as in the Incident JSON and read
as the console form reads them (``firedrill.incident.assign``). ``--at`` is the moment the action
happens (ISO 8601, naive = Asia/Shanghai; default now). The journal is the data directory's
(``--data-dir``, ``$FIREDRILL_DATA_DIR``, else the user data dir); the rules and procedure settings
and extra playbooks come from the config file (``--config``). Bad input: one line, exit 2.

The helpers at the top are shared by ``firedrill dispatch``, ``board``, ``unit`` and ``procedure``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from dataclasses import MISSING, fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from firedrill.adapters import to_jsonable
from firedrill.errors import InputError

if TYPE_CHECKING:
    from firedrill.config import Config
    from firedrill.incident.board import Board
    from firedrill.incident.desk import Change, Desk
    from firedrill.incident.state import IncidentState
    from firedrill.journal import Journal
    from firedrill.playbook.loader import Library

HELP = "work an incident without the console: open, set facts, show, list, calls, notes, close"
LANGS = ("zh", "en")

# --- shared by the journal commands -------------------------------------------------------------


AT_HELP = "when it happens, ISO 8601 (naive = Asia/Shanghai); default now"


def add_journal_options(parser: argparse.ArgumentParser, at_help: str = AT_HELP, config: bool = True,
                        actor: bool = True) -> None:  # fmt: skip
    """The options the journal commands take: --data-dir, --config, --at and --actor."""
    parser.add_argument("--data-dir", metavar="DIR", help="data directory (default: $FIREDRILL_DATA_DIR or user dir)")
    if config:
        parser.add_argument("--config", type=Path, metavar="FILE",
                            help="config file: rules settings, procedure time targets, playbook dirs")  # fmt: skip
    parser.add_argument("--at", metavar="TIME", help=at_help)
    if actor:
        parser.add_argument("--actor", help="who does it / the seat recording it (default: none)")


def journal_parent(at_help: str = AT_HELP, actor: bool = True) -> argparse.ArgumentParser:
    """The journal options as a parent parser for subcommands."""
    parent = argparse.ArgumentParser(add_help=False)
    add_journal_options(parent, at_help, actor=actor)
    return parent


def parse_at(value: str | None, field: str = "--at") -> datetime:
    """An ISO 8601 moment (naive = Asia/Shanghai), or now."""
    from firedrill.bounds import EARLIEST, LATEST, is_date_only
    from firedrill.incident.desk import system_clock
    from firedrill.timeutil import to_local

    if value is None:
        return system_clock()
    if is_date_only(value):
        raise InputError(f"a time needs its clock time, e.g. {value.strip()}T21:45", field=field)
    try:
        when = to_local(datetime.fromisoformat(value.strip()))
    except (ValueError, OverflowError):
        raise InputError(f"not an ISO 8601 time: {value!r}", field=field) from None
    if not EARLIEST <= when < LATEST:
        raise InputError(f"must lie between {EARLIEST.year} and {LATEST.year - 1} (got {value!r})", field=field)
    return when


def journal_file(data_dir: str | None) -> Path:
    """The journal's path in the data directory that applies; a file given as the directory is refused."""
    from firedrill.datadir import default_db_path, existing_data_dir

    return default_db_path(existing_data_dir(data_dir))


def open_journal(data_dir: str | None, incident_id: str | None = None, create: bool = False) -> Journal:
    """The data directory's journal; with ``create`` made if missing, else an unknown incident."""
    from firedrill.datadir import default_db_path, ensure_data_dir
    from firedrill.journal import Journal, UnknownIncidentError

    if create:
        return Journal.open(default_db_path(ensure_data_dir(data_dir)))
    db = journal_file(data_dir)
    if not db.is_file():
        raise UnknownIncidentError(incident_id or "?", db)
    return Journal.open(db)


def desk_settings(config_file: Path | None) -> tuple[Config, Library]:
    """The config file's settings and the playbook library (built in, plus the config's folders)."""
    from firedrill.config import load_config
    from firedrill.playbook.loader import load_library

    config = load_config(config_file)
    return config, load_library(config.playbook_dirs)


def make_desk(journal: Journal, config_file: Path | None, at: datetime, actor: str | None = None,
              settings: tuple[Config, Library] | None = None) -> Desk:  # fmt: skip
    """The incident core's desk on this journal, its clock at ``at``, with the config's settings and playbooks."""
    from firedrill.incident.desk import Desk

    config, library = settings or desk_settings(config_file)
    return Desk(journal=journal, clock=lambda: at, seat=actor, rules=config.rules, procedure=config.procedure,
                library=library)  # fmt: skip


def as_of(at_given: bool, at: datetime, state: IncidentState) -> datetime:
    """The moment a view is for: ``--at`` as given, else now or the latest event if that is later."""
    return at if at_given else max([at, *(e.at for e in state.events)])


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def level_name(level: str | None, lang: str) -> str:
    from firedrill.i18n import label

    return "-" if level is None else label("level", level).in_lang(lang)


def alerts_of(change: Change) -> list[dict[str, Any]]:
    from firedrill.journal import EventKind

    return [{"code": e.payload.get("code"), "at": e.at.isoformat(), "text": e.payload.get("text"),
             "text_en": e.payload.get("text_en")} for e in change.events if e.kind is EventKind.ALERT]  # fmt: skip


def alert_lines(alerts: list[dict[str, Any]], lang: str) -> list[str]:
    return [f"! {(a['text_en'] if lang == 'en' and a['text_en'] else a['text'])} [{a['code']}]" for a in alerts]


# --- the command --------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    journal = journal_parent()
    reading = journal_parent("as of this moment, ISO 8601 (naive = Asia/Shanghai); default now", actor=False)
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=LANGS, default="zh", help="words of the text output: zh (default) or en")
    sub = parser.add_subparsers(dest="incident_command", required=True,
                                metavar="{open,set,show,list,call,note,close}")  # fmt: skip
    fields = "FIELD=VALUE: Incident JSON names (deaths=3, burning_area_m2=800, direct_loss_yuan=5000万, " \
             "wind_speed_ms=8.5, hazards=explosion,collapse, reported_at=21:45, scene=114.27,30.58 …)"  # fmt: skip

    opening = sub.add_parser("open", parents=[journal, lang], help="open an incident; prints its id")
    opening.add_argument("assignments", nargs="*", metavar="FIELD=VALUE", help=fields)
    opening.add_argument("--lon", type=float, help="scene longitude (with --lat)")
    opening.add_argument("--lat", type=float, help="scene latitude (with --lon)")
    opening.add_argument("--district", metavar="NAME", help="scene: a district's centre (江汉, Jianghan …)")
    opening.add_argument("--scenario", metavar="ID", help="playbook id (sets its site category); see 'playbook list'")
    opening.add_argument("--title", help="the incident's title (default: the opening time)")
    opening.add_argument("--json", action="store_true", help='print {"id": ...}')

    setting = sub.add_parser("set", parents=[journal, lang], help="record facts; the level that follows is recorded")
    setting.add_argument("id", help="incident id, e.g. 2026-11-29-0001")
    setting.add_argument("assignments", nargs="+", metavar="FIELD=VALUE", help=fields)
    setting.add_argument("--json", action="store_true", help="print what was recorded as JSON")

    show = sub.add_parser("show", parents=[reading, lang], help="facts, assessment, procedure and units of an incident")
    show.add_argument("id", help="incident id")
    show.add_argument("--json", action="store_true", help="print JSON")

    listing = sub.add_parser("list", parents=[reading, lang], help="open incidents (all with --all)")
    listing.add_argument("--all", action="store_true", help="closed incidents too")
    listing.add_argument("--json", action="store_true", help="print JSON")

    call = sub.add_parser("call", parents=[journal, lang], help="another call reporting the same location (4.3(4))")
    call.add_argument("id", help="incident id")
    call.add_argument("--location", help="the place as the caller gave it (default: the incident's)")

    note = sub.add_parser("note", parents=[journal, lang], help="free text on the incident or on one of its steps")
    note.add_argument("id", help="incident id")
    note.add_argument("text", help="the note")
    note.add_argument("--step", help="step id, see 'firedrill procedure steps'")

    close = sub.add_parser("close", parents=[journal, lang], help="close the record; its units are freed")
    close.add_argument("id", help="incident id")
    close.add_argument("--reason", help="why it is closed (kept in the record)")


def run(args: argparse.Namespace) -> int:
    handlers = {"open": _open, "set": _set, "show": _show, "list": _list, "call": _call, "note": _note,
                "close": _close}  # fmt: skip
    return handlers[args.incident_command](args)


def _scene(args: argparse.Namespace, assignments: list[str]) -> list[str]:
    """--lon/--lat, --district and --scenario as FIELD=VALUE, refused twice over."""
    given = {a.partition("=")[0].strip() for a in assignments}
    extra: list[str] = []
    if (args.lon is None) != (args.lat is None):
        raise InputError("--lon and --lat go together", field="--lat" if args.lat is None else "--lon")
    if args.lon is not None and args.district is not None:
        raise InputError("give --lon/--lat or --district, not both", field="--district")
    if args.lon is not None or args.district is not None:
        flag = "--district" if args.district is not None else "--lon"
        if "scene" in given:
            raise InputError("the scene is given twice (scene= and a flag)", field=flag)
        if args.district is not None:
            from firedrill.incident.places import PlaceError, parse_place

            try:
                place = parse_place(args.district)
            except PlaceError:
                place = None
            if place is None or "district" not in place:
                raise InputError(f"not a district of Wuhan: {args.district!r} (e.g. 江汉, Jianghan)", field=flag)
        extra.append(f"scene={args.district}" if args.district is not None else f"scene={args.lon},{args.lat}")
    if args.scenario is not None:
        if "scenario" in given:
            raise InputError("the scenario is given twice (scenario= and --scenario)", field="--scenario")
        extra.append(f"scenario={args.scenario}")
    return [*assignments, *extra]


def _open(args: argparse.Namespace) -> int:
    from firedrill.incident.assign import parse_assignments

    at = parse_at(args.at)
    items = _scene(args, list(args.assignments))
    settings = desk_settings(args.config)
    given = parse_assignments(items, at, library=settings[1])  # before a journal is made for it
    with open_journal(args.data_dir, create=True) as journal:
        desk = make_desk(journal, args.config, at, args.actor, settings)
        change = desk.open(given.changes, given.typed, at=at, actor=args.actor, title=args.title)
    for line in alert_lines(alerts_of(change), args.lang):
        print(f"firedrill: alert: {line[2:]}", file=sys.stderr)
    if args.json:
        print_json({"id": change.state.id})
    else:
        print(change.state.id)
    return 0


def _set(args: argparse.Namespace) -> int:
    from firedrill.incident.assign import parse_assignments
    from firedrill.incident.checks import stored
    from firedrill.journal import EventKind

    at = parse_at(args.at)
    with open_journal(args.data_dir, args.id) as journal:
        desk = make_desk(journal, args.config, at, args.actor)
        state = desk.load(args.id)
        given = parse_assignments(args.assignments, at, state.facts, desk.library)
        change = desk.set_facts(args.id, given.changes, given.typed, at, args.actor, state.version)
    fact = next((e for e in change.events if e.kind is EventKind.FACT), None)
    recorded = stored(fact.payload["changes"]) if fact is not None else {}
    level = change.state.recorded.level.value if change.state.recorded else None
    alerts = alerts_of(change)
    if args.json:
        print_json({"id": args.id, "version": change.state.version, "recorded": recorded, "level": level,
                    "alerts": alerts})  # fmt: skip
        return 0
    if fact is None:
        print(f"{args.id}: nothing changed")
    else:
        values = " ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in recorded.items())
        print(f"{args.id} #{fact.seq}: {values}")
    print(f"level: {level_name(level, args.lang)}")
    for line in alert_lines(alerts, args.lang):
        print(line)
    return 0


# --- reading ------------------------------------------------------------------------------------


def board_as_of(journal: Journal, at: datetime | None) -> Board:
    """The board now, or as it stood at ``at``."""
    from firedrill.incident.board import fold_board, read_board

    if at is None:
        return read_board(journal)
    open_then = [r.id for r in journal.incidents() if r.opened_at <= at and (r.closed_at is None or r.closed_at > at)]
    return fold_board((e for e in journal.unit_events() if e.at <= at), open_then)


def _facts_json(state: IncidentState) -> dict[str, Any]:
    from firedrill.facts import INCIDENT_FACTS
    from firedrill.incident.checks import stored

    if state.incident is not None:
        facts: dict[str, Any] = to_jsonable(state.incident)
        return facts
    return stored({k: v for k, v in state.facts.items() if k in INCIDENT_FACTS})


def _place_json(state: IncidentState) -> dict[str, Any]:
    ignition = state.ignition_at
    return {"location": state.facts.get("location"), "scene": state.place,
            "ignition_at": ignition.isoformat() if ignition else None}  # fmt: skip


def serving(board: Board, unit_id: str) -> str | None:
    """The incident a unit serves (dispatched, on scene, returning from it), else None."""
    from firedrill.journal import UnitStatus

    position = board.position(unit_id)
    busy = (UnitStatus.DISPATCHED, UnitStatus.ON_SCENE, UnitStatus.RETURNING)
    return position.incident_id if position.status in busy else None


def _units_json(state: IncidentState, board: Board) -> list[dict[str, Any]]:
    """Every unit sent to the incident and every unit serving it, with its status on the board."""
    ids = dict.fromkeys([*state.units_sent, *(u for u in board.units if serving(board, u) == state.id)])
    rows = []
    for unit_id in ids:
        position = board.position(unit_id)
        rows.append({"id": unit_id, "status": position.status.value, "serving": serving(board, unit_id) == state.id,
                     "since": position.since.isoformat() if position.since else None})  # fmt: skip
    return rows


def incident_json(desk: Desk, state: IncidentState, at: datetime, board: Board) -> dict[str, Any]:
    """Everything ``incident show --json`` prints: facts, assessment, procedure, units, orders, alerts."""
    from firedrill.journal import EventKind
    from firedrill.procedure.report import state_data

    record = state.record
    assessment = desk.assessment(state, at)
    checklist = desk.checklist(state, at)
    recorded = state.recorded
    return {
        "id": state.id,
        "title": record.title,
        "status": "closed" if state.closed else "open",
        "opened_at": record.opened_at.isoformat(),
        "closed_at": record.closed_at.isoformat() if record.closed_at else None,
        "as_of": at.isoformat(),
        "version": state.version,
        "exercise": state.exercise,
        "seat": state.seat,
        "ended": state.ended,
        "facts": _facts_json(state),
        "place": _place_json(state),
        "typed": dict(state.typed),
        "problem": state.problem,
        "level": None if recorded is None else {
            "level": recorded.level.value, "base_level": recorded.base_level.value,
            "triggers": list(recorded.triggers), "escalated": recorded.escalated, "at": recorded.at.isoformat()},
        "assessment": None if assessment is None else to_jsonable(assessment),
        "procedure": None if checklist is None else state_data(checklist, state.id),
        "units": _units_json(state, board),
        "orders": [{"seq": o.seq, "at": o.at.isoformat(), "units": list(o.units), "new_units": list(o.new_units),
                    "level": o.level} for o in state.orders],
        "alerts": [{"code": e.payload.get("code"), "at": e.at.isoformat(), "text": e.payload.get("text"),
                    "text_en": e.payload.get("text_en")} for e in state.events if e.kind is EventKind.ALERT],
    }  # fmt: skip


def _show_text(data: Mapping[str, Any], lang: str) -> str:
    from firedrill.facts import INCIDENT_FACTS
    from firedrill.models import Incident

    lines = [f"{data['id']}  {data['status']}  {data['title']}"]
    recorded = data["level"]
    assessment = data["assessment"]
    level = recorded["level"] if recorded else None
    now = assessment["level"] if assessment else None
    extra = f" (facts now: {level_name(now, lang)})" if now is not None and now != level else ""
    lines.append(f"level: {level_name(level, lang)}{extra}")
    facts = data["facts"]
    lines.append(f"reported_at: {facts.get('reported_at')}")
    defaults = {f.name: f.default for f in fields(Incident) if f.default is not MISSING}
    shown = [f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in facts.items()
             if k in INCIDENT_FACTS and k != "reported_at" and v not in (defaults.get(k), [], ())]  # fmt: skip
    lines.append("facts: " + (" ".join(shown) or "-"))
    place = data["place"]
    scene = place["scene"]
    where = scene.get("district") or f"{scene['lon']},{scene['lat']}" if scene else "-"
    lines.append(f"scene: {where}" + (f"  location: {place['location']}" if place["location"] else ""))
    if place["ignition_at"]:
        lines.append(f"ignition_at: {place['ignition_at']}")
    if facts.get("calls"):
        lines.append(f"calls: {len(facts['calls'])}")
    if data["problem"]:
        lines.append(f"problem: {data['problem']}")
    units = [f"{u['id']} {u['status']}" for u in data["units"]]
    lines.append("units: " + (", ".join(units) or "-"))
    procedure = data["procedure"]
    if procedure is not None:
        due = [s["id"] for s in procedure["steps"] if s["state"] == "due"]
        lines.append("due now: " + (", ".join(due) or "-"))
    lines.extend(alert_lines(list(data["alerts"]), lang))
    return "\n".join(lines) + "\n"


def _show(args: argparse.Namespace) -> int:
    at = parse_at(args.at)
    with open_journal(args.data_dir, args.id) as journal:
        desk = make_desk(journal, args.config, at)
        state = desk.load(args.id, until=at if args.at is not None else None)
        data = incident_json(desk, state, as_of(args.at is not None, at, state),
                             board_as_of(journal, at if args.at is not None else None))  # fmt: skip
    if args.json:
        print_json(data)
    else:
        print(_show_text(data, args.lang), end="")
    return 0


def _list(args: argparse.Namespace) -> int:
    from firedrill.incident.board import read_board

    db = journal_file(args.data_dir)
    if not db.is_file():
        print("[]" if args.json else "no incidents")
        return 0
    at = parse_at(args.at)
    rows: list[dict[str, Any]] = []
    with open_journal(args.data_dir) as journal:
        desk = make_desk(journal, args.config, at)
        board = read_board(journal)
        for record in journal.incidents() if args.all else journal.open_incidents():
            state = desk.load(record.id)
            place = state.place
            rows.append({
                "id": state.id, "title": record.title, "status": "closed" if state.closed else "open",
                "opened_at": record.opened_at.isoformat(),
                "closed_at": record.closed_at.isoformat() if record.closed_at else None,
                "reported_at": state.reported_at.isoformat(),
                "level": state.recorded.level.value if state.recorded else None,
                "location": state.facts.get("location"), "scene": place,
                "units": [u["id"] for u in _units_json(state, board) if u["serving"]],
            })  # fmt: skip
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no open incidents" if not args.all else "no incidents")
        return 0
    table = [("ID", "STATUS", "LEVEL", "REPORTED", "UNITS", "PLACE", "TITLE")]
    for r in rows:
        scene = r["scene"]
        where = r["location"] or (scene.get("district") or f"{scene['lon']},{scene['lat']}" if scene else "-")
        table.append((r["id"], r["status"], level_name(r["level"], args.lang),
                      datetime.fromisoformat(r["reported_at"]).strftime("%Y-%m-%d %H:%M"), str(len(r["units"])),
                      where, r["title"]))  # fmt: skip
    widths = [max(len(row[c]) for row in table) for c in range(len(table[0]) - 1)]
    for row in table:
        print("  ".join([*(v.ljust(w) for v, w in zip(row, widths, strict=False)), row[-1]]))
    return 0


# --- other changes ------------------------------------------------------------------------------


def _call(args: argparse.Namespace) -> int:
    at = parse_at(args.at)
    with open_journal(args.data_dir, args.id) as journal:
        desk = make_desk(journal, args.config, at, args.actor)
        change = desk.call(args.id, at, args.location, args.actor)
    level = change.state.recorded.level.value if change.state.recorded else None
    print(f"{args.id}: call at {at.isoformat()} recorded ({len(change.state.calls)} in all); "
          f"level: {level_name(level, args.lang)}")  # fmt: skip
    for line in alert_lines(alerts_of(change), args.lang):
        print(line)
    return 0


def _note(args: argparse.Namespace) -> int:
    at = parse_at(args.at)
    with open_journal(args.data_dir, args.id) as journal:
        desk = make_desk(journal, args.config, at, args.actor)
        change = desk.note(args.id, args.text, args.step, at, args.actor)
    print(f"{args.id} #{change.events[0].seq}: note recorded" + (f" on {args.step}" if args.step else ""))
    return 0


def _close(args: argparse.Namespace) -> int:
    from firedrill.incident.board import read_board

    at = parse_at(args.at)
    with open_journal(args.data_dir, args.id) as journal:
        desk = make_desk(journal, args.config, at, args.actor)
        freed = [unit for unit, serving in read_board(journal).committed().items() if serving == args.id]
        change = desk.close(args.id, at, args.reason, args.actor)
    closed = change.state.record.closed_at or at
    print(f"{args.id}: closed at {closed.isoformat()}" + (f"; units freed: {', '.join(freed)}" if freed else ""))
    return 0
