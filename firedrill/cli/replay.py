"""``firedrill replay``: replay scenario scripts and print the decision timeline; ``--check`` the
expectations; ``--record ID`` turns a journal incident into a script."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from firedrill.errors import InputError

HELP = "replay scenario scripts: the plan's decision timeline, expectations checked (--check)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", metavar="FILE", help="scenario scripts (YAML)")
    p.add_argument("--check", action="store_true", help="print only the expectations; exit 1 if any fails")
    p.add_argument("--json", action="store_true", help="the timelines and expectation results as JSON")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--config", type=Path, help="local settings (political events, rising-calls rule); "
                   "default: built-in defaults, so a replay is the same on every machine")  # fmt: skip
    p.add_argument("--playbooks", type=Path, action="append", default=[], metavar="DIR", help="extra playbook folder")
    p.add_argument("--record", metavar="INCIDENT", help="write the journal incident INCIDENT as a scenario script")
    p.add_argument("--playbook", help="with --record: the playbook id, when the incident names none")
    p.add_argument("--out", type=Path, help="with --record: write the script here instead of stdout")
    p.add_argument("--data-dir", help="with --record: the data directory holding the journal")
    p.add_argument("--console", action="store_true", help="play one script in the console's replay screen")
    p.add_argument("--msel-out", type=Path, metavar="TABLE",
                   help="write the script's inject table (MSEL) as CSV, or an Excel workbook for .xlsx")  # fmt: skip
    p.add_argument("--msel-in", type=Path, metavar="TABLE",
                   help="write an edited inject table (CSV or .xlsx) into the script, to --out")  # fmt: skip


def _console(args: argparse.Namespace) -> int:
    """One script in the console's replay screen (Textual is imported here only)."""
    from firedrill.config import load_config
    from firedrill.tui.replay import load_replay

    if len(args.files) != 1:
        raise InputError("--console plays one script at a time", field="FILE")
    config = load_config(args.config).rules if args.config else None
    replay = load_replay(args.files[0], config=config, playbook_dirs=tuple(args.playbooks))

    from firedrill.tui.clock import system_clock
    from firedrill.tui.replay.app import ReplayApp
    from firedrill.tui.replay.screen import ReplayScreen

    ReplayApp(lambda app: ReplayScreen(replay, args.lang, app.clock), clock=system_clock, lang=args.lang).run()
    return 0


def _record(args: argparse.Namespace) -> int:
    from firedrill.datadir import choose_data_dir, default_db_path
    from firedrill.journal import Journal
    from firedrill.replay.record import dump_script, script_from_journal

    db = default_db_path(choose_data_dir(args.data_dir))
    if not db.exists():
        raise InputError("no journal here", file=db, field="--data-dir")
    with Journal.open(db) as journal:
        text = dump_script(script_from_journal(journal, args.record, args.playbook))
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", file=args.out, field="--out") from None
    return 0


def _read(path: Path, field: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=path, field=field) from None


def _write(path: Path, data: bytes, field: str) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", file=path, field=field) from None


def _msel(args: argparse.Namespace) -> int:
    """The inject table out of one script (``--msel-out``), or into it (``--msel-in``, to ``--out``)."""
    from firedrill.playbook.loader import load_library
    from firedrill.replay.msel import export_table, import_table
    from firedrill.replay.parser import load_script

    if len(args.files) != 1:
        raise InputError("the inject table is of one script at a time", field="FILE")
    file = args.files[0]
    if args.msel_out is not None:
        _write(args.msel_out, export_table(load_script(file, load_library(args.playbooks)), str(args.msel_out)),
               "--msel-out")  # fmt: skip
        return 0
    from firedrill.textfile import decode_utf8

    script = decode_utf8(_read(Path(file), "FILE"), file)
    text = import_table(script, file, _read(args.msel_in, "--msel-in"), str(args.msel_in))
    if args.out is None:
        sys.stdout.write(text)
    else:
        _write(args.out, text.encode("utf-8"), "--out")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.record:
        return _record(args)
    if args.msel_in is not None or args.msel_out is not None:
        from firedrill.replay.problems import lines_of

        try:
            return _msel(args)
        except InputError as exc:
            for line in lines_of(exc, args.lang):
                print(f"firedrill: error: {line}", file=sys.stderr)
            return 2
    if not args.files:
        raise InputError("give at least one scenario script (or --record INCIDENT)", field="FILE")
    if args.console:
        return _console(args)
    if args.msel_out is not None or args.msel_in is not None:
        return _msel(args)

    from firedrill.config import load_config
    from firedrill.playbook.loader import load_library
    from firedrill.replay.engine import Replay
    from firedrill.replay.expect import check_replay
    from firedrill.replay.parser import load_script
    from firedrill.replay.problems import lines_of
    from firedrill.replay.render import expectation_line, render_text, replay_data, summary, summary_line, to_json
    from firedrill.rulesconfig import RulesConfig

    config = load_config(args.config).rules if args.config else RulesConfig()
    library = load_library(args.playbooks)
    bad_input = False
    datas, counts, blocks = [], [], []
    for file in args.files:
        try:
            replay = Replay(load_script(file, library), config=config)
            results = check_replay(replay)
        except InputError as exc:
            for line in lines_of(exc, args.lang):
                print(f"firedrill: error: {line}", file=sys.stderr)
            bad_input = True
            continue
        counts.append((len(results), sum(1 for r in results if not r.passed)))
        if args.json:
            datas.append(replay_data(replay, results))
        elif args.check:
            blocks.append("\n".join(expectation_line(replay.loaded.file, r, args.lang) for r in results if not r.passed
                                    or len(args.files) == 1))  # fmt: skip
        else:
            blocks.append(render_text(replay, results, args.lang))
    totals = summary(counts)
    if not counts:  # no script could be read: the error lines say all there is to say
        return 2
    if args.json:
        print(to_json(datas, totals))
    else:
        text = "\n\n".join(b for b in blocks if b)
        if text:
            print(text)
        print(summary_line(totals, args.lang))
    if bad_input:
        return 2
    return 1 if totals["failed"] else 0
