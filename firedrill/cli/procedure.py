"""``firedrill procedure steps|status|tick``: the procedure of chapters 4–6 as a checklist.

``steps`` prints the checklist for a level; ``status`` rebuilds an incident's checklist from the
journal (as it stood at ``--at``, if given); ``tick`` records a step as done (or ``--skip`` /
``--undo``) through the incident core's ``Desk``, which refuses what the order of the plan or the
facts do not allow and closes the record once chapter 6 is complete, as the console does. Time
targets come from the ``procedure:`` mapping of the config file (``--config``,
``$FIREDRILL_CONFIG`` or the user config file); none are built in.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from firedrill.cli.incident import parse_at
from firedrill.errors import InputError
from firedrill.journal import ProcedureState
from firedrill.models import Level
from firedrill.procedure.labels import labels
from firedrill.procedure.loader import load_catalogue
from firedrill.procedure.render import status_text, steps_text
from firedrill.procedure.report import catalogue_data, state_data
from firedrill.procedure.timeline import elapsed_text

if TYPE_CHECKING:
    from firedrill.incident.desk import Desk
    from firedrill.journal import Journal
    from firedrill.procedure.state import ChecklistState

HELP = "the response procedure of chapters 4–6 as a timed checklist (steps, status, tick)"
LANGS = ("zh", "en")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default="zh", help="zh (default) or en")
    journal = argparse.ArgumentParser(add_help=False)
    journal.add_argument("--data-dir", metavar="DIR", help="data directory (default: $FIREDRILL_DATA_DIR or user dir)")
    journal.add_argument("--config", type=Path, metavar="FILE",
                         help="config file: local time targets, rules settings, playbook dirs")  # fmt: skip
    journal.add_argument("--at", metavar="ISO", help="as of / done at this time (naive = Asia/Shanghai; default now)")
    sub = parser.add_subparsers(dest="procedure_command", required=True, metavar="{steps,status,tick}")

    steps = sub.add_parser("steps", parents=[common], help="the checklist in order, with clauses and actors")
    steps.add_argument("--level", help="general|larger|major|especially_major (or 一般/较大/重大/特别重大)")
    steps.add_argument("--json", action="store_true", help="print JSON")

    status = sub.add_parser("status", parents=[common, journal], help="an incident's checklist from the journal")
    status.add_argument("id", help="incident id, e.g. 2026-11-29-0001")
    status.add_argument("--json", action="store_true", help="print JSON")

    tick = sub.add_parser("tick", parents=[common, journal], help="record a step as done (or skipped, or undone)")
    tick.add_argument("id", help="incident id")
    tick.add_argument("step", help="step id, see 'firedrill procedure steps'")
    tick.add_argument("--actor", help="who did it / who records it (default: none)")
    tick.add_argument("--note", help="free text; required with --skip")
    mode = tick.add_mutually_exclusive_group()
    mode.add_argument("--skip", action="store_true", help="record the step as deliberately not done")
    mode.add_argument("--undo", action="store_true", help="take back a tick or a skip")


def parse_level(value: str) -> Level:
    """A level by its id or its Chinese name."""
    from firedrill.i18n import label

    for level in Level:
        if value.strip() in (level.value, label("level", level.value).zh):
            return level
    raise InputError(f"unknown level {value!r}; use one of {', '.join(lv.value for lv in Level)}", field="--level")


def _desk(args: argparse.Namespace, journal: Journal, at: datetime) -> Desk:
    from firedrill.cli.incident import make_desk

    return make_desk(journal, args.config, at, getattr(args, "actor", None))


def _journal(args: argparse.Namespace) -> Journal:
    from firedrill.cli.incident import open_journal

    return open_journal(args.data_dir, args.id)


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _steps(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    level = parse_level(args.level) if args.level else None
    if args.json:
        _print_json(catalogue_data(catalogue, level))
    else:
        print(steps_text(catalogue, level, args.lang), end="")
    return 0


def _checklist(desk: Desk, incident_id: str, at: datetime, as_of: bool) -> tuple[ChecklistState, bool]:
    """The incident's checklist at ``at`` (as it stood then, with ``as_of``), and whether its level is unrecorded."""
    state = desk.load(incident_id, until=at if as_of else None)
    when = at if as_of else max([at, *(e.at for e in state.events)])
    checklist = desk.checklist(state, when)
    if checklist is None:
        raise InputError(f"incident {incident_id}: {state.problem or 'no level yet'}", field="facts")
    return checklist, state.recorded is None


def _status(args: argparse.Namespace) -> int:
    now = parse_at(args.at)
    with _journal(args) as journal:
        state, assessed_now = _checklist(_desk(args, journal, now), args.id, now, args.at is not None)
    if args.json:
        _print_json({**state_data(state, args.id), "level_assessed_now": assessed_now})
    else:
        print(status_text(state, args.id, args.lang, assessed_now), end="")
    return 0


def _tick(args: argparse.Namespace) -> int:
    from firedrill.journal import EventKind

    at = parse_at(args.at)
    action = ProcedureState.SKIPPED if args.skip else ProcedureState.UNDONE if args.undo else ProcedureState.DONE
    with _journal(args) as journal:
        desk = _desk(args, journal, at)
        change = desk.step(args.id, args.step, action, at, args.actor, args.note)
        state = desk.checklist(change.state, at)
    event = next(e for e in change.events if e.kind is EventKind.PROCEDURE)
    names = labels()
    elapsed = elapsed_text(event.at - change.state.reported_at)
    print(f"{names.heading('recorded', args.lang)}: #{event.seq} {args.step} {action.value} {elapsed}")
    if change.state.closed:
        closed = change.state.record.closed_at or at
        words = "record closed" if args.lang == "en" else "记录已关闭"
        print(f"{words}: {args.id} {closed.isoformat()}")
        return 0
    due = ", ".join(s.id for s in state.due()) if state is not None else ""
    print(f"{names.heading('now_due', args.lang)}: {due or names.heading('none', args.lang)}")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.procedure_command == "steps":
        return _steps(args)
    if args.procedure_command == "status":
        return _status(args)
    return _tick(args)
