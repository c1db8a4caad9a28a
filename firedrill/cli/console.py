"""``firedrill console`` (and ``firedrill`` with no command): the dispatcher console.

Textual is imported inside ``run`` only, so the other commands never load it. Bad paths are
refused here in one line (exit 2) before the screen opens; a config file that does not validate
is reported the same way once the console has loaded it.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from firedrill.errors import InputError

HELP = "the dispatcher console (Textual): intake, level, dispatch, task groups, playbook, timeline"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="language (default: config, else zh)")
    parser.add_argument("--data-dir", type=Path, help="where the journal lives (default: $FIREDRILL_DATA_DIR, "
                        "else the platform's user data dir)")  # fmt: skip
    parser.add_argument("--config", type=Path, help="config file (political events, rising-calls rule, language)")
    parser.add_argument("--playbooks", action="append", type=Path, default=[], metavar="DIR",
                        help="also load the playbooks of DIR (repeatable)")  # fmt: skip
    parser.add_argument("--exercise-start", metavar="TIME", help="run new incidents on an exercise clock from "
                        "this scenario time (e.g. '2026-04-15 14:10'), advancing in real time (演练时间)")  # fmt: skip
    parser.add_argument("--seat", help="this console's name in the journal (default: user@host)")
    parser.add_argument("--controller", type=Path, metavar="SCRIPT", help="the exercise controller's screen for "
                        "SCRIPT: a new exercise incident for a trainee's console on the same data dir")  # fmt: skip


def _exercise_start(text: str | None) -> datetime | None:
    if text is None:
        return None
    from firedrill.bounds import EARLIEST, LATEST
    from firedrill.incident.entry import FieldError, parse_time
    from firedrill.timeutil import now_local

    try:
        start = parse_time(text, "exercise_start", now_local())
    except (FieldError, OverflowError, ValueError):
        start = None
    if start is None:
        raise InputError(f"not a date and time: {text!r}; write it as '2026-04-15 14:10'", field="--exercise-start")
    if not EARLIEST <= start < LATEST:
        raise InputError(f"must lie between {EARLIEST.year} and {LATEST.year - 1} (got {text!r})",
                         field="--exercise-start")  # fmt: skip
    return start


def _seat(text: str | None) -> str | None:
    """The seat's name as the journal keeps it: short, printable, no terminal codes."""
    from firedrill.bounds import MAX_SEAT

    if text is None or not text.strip():
        return None
    seat = text.strip()
    if len(seat) > MAX_SEAT or not seat.isprintable():
        raise InputError(f"a seat's name is up to {MAX_SEAT} printable characters", field="--seat")
    return seat


def _check_paths(args: argparse.Namespace) -> None:
    if args.config is not None and not args.config.is_file():
        raise InputError("config file not found", field="--config", file=args.config)
    for directory in args.playbooks:
        if not directory.is_dir():
            raise InputError("playbook folder not found", field="--playbooks", file=directory)
    if args.data_dir is not None and args.data_dir.exists() and not args.data_dir.is_dir():
        raise InputError("not a directory", field="--data-dir", file=args.data_dir)


def run(args: argparse.Namespace) -> int:
    _check_paths(args)
    if args.controller is not None:  # the controller's screen: the drill command's, with this console's settings
        from firedrill.cli import drill

        args.seat = _seat(args.seat)
        return drill.run(drill.console_controller_args(args.controller, args))
    start = _exercise_start(args.exercise_start)
    from firedrill.tui.app import create_app

    seat = _seat(args.seat)
    app = create_app(lang=args.lang, data_dir=args.data_dir, config=args.config, playbook_dirs=tuple(args.playbooks),
                     seat=seat, exercise_start=start)  # fmt: skip
    result = app.run()
    from firedrill.journal import JournalFault

    if isinstance(result, JournalFault):  # in the console's language, the English after it
        raise InputError(result.text(app.lang))
    if isinstance(result, InputError):
        raise result
    if isinstance(result, BaseException):
        raise InputError(f"the console could not start: {result}")
    return app.return_code or 0
