"""``firedrill drill``: a scored drill on a scenario script — from an answers file (``--answers``)
or interactively in the terminal — writing the after-action report and storing it in the journal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from firedrill.errors import InputError

if TYPE_CHECKING:
    from firedrill.replay.engine import Replay

EXIT_BAD_INPUT = 2
EXIT_STOPPED = 130  # stopped with Ctrl-C, as a shell reports it; what was answered is kept
HELP = "run a scored drill on a scenario script (--answers FILE, or interactively) and write the report"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="scenario script (YAML)")
    p.add_argument("--answers", type=Path, help="answers file (YAML); without it the drill is interactive")
    p.add_argument("--trainee", help="the trainee's name (default: from the answers file, else 'trainee')")
    p.add_argument("--out", type=Path, help="folder for the .md and .html report "
                   "(default: .; with --console: the data directory's reports/ folder)")  # fmt: skip
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--json", action="store_true", help="print the marked drill as JSON")
    p.add_argument("--no-save", action="store_true", help="do not store the drill in the journal database")
    p.add_argument("--data-dir", help="the data directory holding the journal database")
    p.add_argument("--config", type=Path, help="local settings (default: built-in defaults)")
    p.add_argument("--playbooks", type=Path, action="append", default=[], metavar="DIR", help="extra playbook folder")
    p.add_argument("--console", action="store_true", help="run the drill in the console's drill screen")
    p.add_argument("--controller", action="store_true",
                   help="steer the exercise from this terminal: clock, pause, speed, send an inject now "
                   "(with --console: the console's controller screen beside a trainee's console)")  # fmt: skip
    p.add_argument("--role", action="append", default=[], metavar="ROLE",
                   help="a role of the script the trainee plays (repeat for several; default: all)")  # fmt: skip
    p.add_argument("--report-pdf", action="store_true",
                   help="also print the report to PDF beside the .md and .html (headless Chromium)")  # fmt: skip
    p.add_argument("--resume", type=Path, metavar="ANSWERS",
                   help="go on with a stopped interactive drill: the answers file it wrote")  # fmt: skip


def _console(args: argparse.Namespace) -> int:
    """The drill in the console's drill screen (Textual is imported here only)."""
    from firedrill.config import load_config
    from firedrill.datadir import ensure_data_dir
    from firedrill.tui.replay import journal_saver, load_replay
    from firedrill.tui.replay.settings import REPORTS_FOLDER

    if args.answers is not None:
        raise InputError("--console asks the trainee; it takes no answers file", field="--answers")
    if args.controller:
        return controller_console(args)
    if args.resume is not None:
        raise InputError("--resume is the terminal drill's; not with --console", field="--console")
    loaded = load_config(args.config) if args.config else None
    config = loaded.rules if loaded else None
    settings = loaded.procedure if loaded else None  # local time targets for the procedure ticks
    replay = load_replay(args.file, config=config, playbook_dirs=tuple(args.playbooks))
    data_dir = ensure_data_dir(args.data_dir)
    out = args.out or data_dir / REPORTS_FOLDER

    from firedrill.tui.clock import system_clock
    from firedrill.tui.replay.app import ReplayApp
    from firedrill.tui.replay.drill import DrillScreen

    save = None if args.no_save else journal_saver(data_dir, system_clock)
    trainee = args.trainee or "trainee"

    roles = _roles(replay, args.role)

    def screen_for(a: ReplayApp) -> DrillScreen:
        return DrillScreen(replay, trainee, args.lang, a.clock, out_dir=out, save=save, settings=settings,
                           roles=roles)  # fmt: skip

    app = ReplayApp(screen_for, clock=system_clock, lang=args.lang)
    app.run()
    screen = app.hosted
    if not isinstance(screen, DrillScreen) or screen.outcome is None:
        return 0  # closed before the drill ended: nothing was marked, written or stored
    result = screen.outcome
    reports = list(screen.reports)
    if args.report_pdf and reports:
        from firedrill.replay.report_pdf import write_pdf

        reports.append(write_pdf(reports[-1]))
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        paths = " ".join(str(p) for p in reports)
        stored = "" if screen.run_id is None else f" (#{screen.run_id})"
        print(f"{result.overall.value} {result.score:g}% — {paths}{stored}")
    return 0


def controller_console(args: argparse.Namespace) -> int:
    """The controller's screen of the console (``--console --controller``, ``firedrill console
    --controller``): a new exercise incident in the data directory's journal, which the trainee
    works in a console of their own; F9 ends it and writes the report (Textual is imported here only)."""
    from firedrill.config import load_config
    from firedrill.datadir import default_db_path, ensure_data_dir
    from firedrill.journal import Journal
    from firedrill.tui.replay import load_replay
    from firedrill.tui.replay.settings import REPORTS_FOLDER

    if args.answers is not None or args.resume is not None:
        raise InputError("--controller runs a live exercise; it takes no --answers or --resume", field="--controller")
    loaded = load_config(args.config) if args.config else None
    replay = load_replay(args.file, config=loaded.rules if loaded else None, playbook_dirs=tuple(args.playbooks))
    roles = _roles(replay, args.role)
    data_dir = ensure_data_dir(args.data_dir)
    out = args.out or data_dir / REPORTS_FOLDER

    from firedrill.tui.clock import system_clock
    from firedrill.tui.controller.launch import controller_app, live_exercise

    with Journal.open(default_db_path(data_dir)) as journal:
        seat = getattr(args, "seat", None)  # `console --controller` gives its --seat
        live = live_exercise(replay, journal, system_clock, roles=roles, lang=args.lang, seat=seat)
        app = controller_app(live, system_clock, lang=args.lang, trainee=args.trainee or "trainee", out_dir=out)
        result = app.run()
        screen = app.hosted
        reports = list(getattr(screen, "reports", ()))
        run_id = None
        if result is not None and not args.no_save:
            from firedrill.replay.store import save_drill

            run_id = save_drill(journal, result, system_clock())
    if result is None:
        return 0  # closed before the end: nothing marked or written
    if args.report_pdf and reports:
        from firedrill.replay.report_pdf import write_pdf

        reports.append(write_pdf(reports[-1]))
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        paths = " ".join(map(str, reports))
        print(f"{result.overall.value} {result.score:g}% — {paths}" + ("" if run_id is None else f" (#{run_id})"))
    return 0


def console_controller_args(script: Path, console_args: argparse.Namespace) -> argparse.Namespace:
    """``firedrill console --controller SCRIPT``: the arguments of ``drill SCRIPT --console --controller``
    with the console's language, data directory, config, playbooks and seat."""
    p = argparse.ArgumentParser()
    add_arguments(p)
    args = p.parse_args([str(script), "--console", "--controller", "--lang", console_args.lang or "zh"])
    args.data_dir, args.config, args.playbooks = console_args.data_dir, console_args.config, console_args.playbooks
    args.seat = console_args.seat
    return args


def run(args: argparse.Namespace) -> int:
    from firedrill.replay.problems import lines_of

    try:
        return _run(args)
    except InputError as exc:
        for line in lines_of(exc, args.lang):
            print(f"firedrill: error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _trainee(args: argparse.Namespace) -> None:
    """The name as the quiz takes it: no escape codes, no more characters than the quiz allows."""
    from firedrill.quiz.inputs import trainee_name

    if args.trainee is not None:
        args.trainee = trainee_name(args.trainee)


def _run(args: argparse.Namespace) -> int:
    _trainee(args)
    if args.report_pdf:  # said before a drill is played, not after
        from firedrill.replay.report_pdf import can_print

        can_print()
    if args.console:
        return _console(args)
    if args.controller and (args.answers is not None or args.resume is not None):
        raise InputError("--controller runs a live exercise; it takes no --answers or --resume", field="--controller")
    if args.resume is not None and args.answers is not None:
        raise InputError("--resume continues an interactive drill; it takes no --answers", field="--resume")
    import time

    from firedrill.config import load_config
    from firedrill.datadir import default_db_path, ensure_data_dir
    from firedrill.journal import Journal
    from firedrill.playbook.loader import load_library
    from firedrill.quiz.inputs import trainee_name
    from firedrill.replay.answers import load_answers
    from firedrill.replay.drill import score_drill
    from firedrill.replay.engine import Replay
    from firedrill.replay.interactive import run_interactive
    from firedrill.replay.parser import load_script
    from firedrill.replay.report import write_reports
    from firedrill.replay.resume import write_answers
    from firedrill.replay.store import save_drill
    from firedrill.rulesconfig import RulesConfig
    from firedrill.timeutil import now_local

    loaded = load_config(args.config) if args.config else None
    config = loaded.rules if loaded else RulesConfig()
    settings = loaded.procedure if loaded else None  # local time targets for the procedure ticks
    replay = Replay(load_script(args.file, load_library(args.playbooks)), config=config)
    started = now_local()
    answers_file = None
    if args.answers is not None:
        result = score_drill(replay, args.answers, settings=settings, roles=tuple(args.role) or None)
        trainee = args.trainee or trainee_name(result.trainee, "trainee")
        result = result.model_copy(update={"trainee": trainee, "recorded_at": started})
    else:
        if not sys.stdin.isatty():
            raise InputError("an interactive drill needs a terminal; give --answers FILE", field="--answers")
        earlier = None
        if args.resume is not None:
            earlier, _ = load_answers(args.resume)
            if earlier.script not in (None, replay.loaded.script.id):
                raise InputError(f"the answers are for script '{earlier.script}'", field="script", file=args.resume)
        trainee = args.trainee or (earlier.trainee if earlier else "trainee")
        roles = _roles(replay, args.role or (list(earlier.roles) if earlier else []))
        if args.controller:
            from firedrill.replay.controller import run_controller

            result = run_controller(replay, trainee, input, print, time.monotonic, args.lang, settings,
                                    roles=roles, recorded_at=started)  # fmt: skip
        else:
            result = run_interactive(replay, trainee, input, print, time.monotonic, args.lang, settings=settings,
                                     resume=earlier, recorded_at=started, roles=roles)  # fmt: skip
    md, page = write_reports(result, args.out or Path("."), args.lang)
    written = [md, page]
    if args.answers is None:
        answers_file = write_answers(result, md.with_suffix(".answers.yaml"))
    run_id = None
    if not args.no_save:
        with Journal.open(default_db_path(ensure_data_dir(args.data_dir))) as journal:
            run_id = save_drill(journal, result, started)
    if args.report_pdf:  # last: without Chromium, the reports, the answers and the journal's copy are kept
        from firedrill.replay.report_pdf import write_pdf

        written.append(write_pdf(page))
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        paths = " ".join(map(str, written))
        print(f"{result.overall.value} {result.score:g}% — {paths}" + ("" if run_id is None else f" (#{run_id})"))
    if result.ended_early and answers_file is not None:
        answered = len(result.marks)
        total = answered + len(result.not_reached)
        print(_stopped(args.lang, answered, total, f"firedrill drill {args.file} --resume {answers_file}"))
        return EXIT_STOPPED
    return 0


def _roles(replay: Replay, given: list[str]) -> tuple[str, ...]:
    known = [r.id for r in replay.loaded.script.roles]
    for role in given:
        if role not in known:
            raise InputError(f"no role '{role}' in the script (roles: {', '.join(known) or '-'})", field="--role")
    return tuple(given)


def _stopped(lang: str, answered: int, total: int, command: str) -> str:
    if lang == "en":
        return f"drill stopped: {answered} of {total} prompts answered and kept; to go on: {command}"
    return f"演练已中止:已答 {answered}/{total} 个提问,均已保存;继续:{command}"
