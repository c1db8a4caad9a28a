"""``firedrill journal list|show|export|check|backup``: read and look after the incident journal.

Reading never creates or changes anything: the journal is opened read-only (so an archive on a
read-only disk reads), with no journal file yet ``list`` says so and ``show`` / ``export`` report
the id as unknown. A damaged, empty or locked file is one line naming it and what to do (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from firedrill.datadir import default_db_path, existing_data_dir
from firedrill.errors import InputError
from firedrill.incident.export import LANGS, export_data, to_markdown
from firedrill.journal import IncidentRecord, IncidentStatus, Journal, UnknownIncidentError

HELP = "List, show, export, check and back up incident journals (the record of every fact and decision)."
FORMATS = ("md", "html", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", help="data directory (default: $FIREDRILL_DATA_DIR or the user data dir)"
    )
    sub = parser.add_subparsers(dest="journal_command", required=True, metavar="{list,show,export,check,backup}")

    listing = sub.add_parser("list", parents=[common], help="list incidents, oldest first")
    listing.add_argument("--status", choices=[s.value for s in IncidentStatus], help="only open or only closed")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")

    show = sub.add_parser("show", parents=[common], help="print one incident's record")
    show.add_argument("id", help="incident id, e.g. 2026-11-29-0001")
    show.add_argument("--json", action="store_true", help="print the JSON export instead of Markdown")
    show.add_argument("--lang", choices=LANGS, default="zh", help="zh: Chinese with English beside; en: English")

    export = sub.add_parser("export", parents=[common], help="write one incident's after-action record")
    export.add_argument("id", help="incident id, e.g. 2026-11-29-0001")
    export.add_argument("--format", choices=FORMATS, default="md",
                        help="md (default), html (one page, with the level over time drawn) or json")  # fmt: skip
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    export.add_argument("--lang", choices=LANGS, default="zh", help="labels: zh (with English) or en")

    sub.add_parser("check", parents=[common], help="check every page, the schema version and the links (exit 2 "
                   "and one line per problem)")  # fmt: skip
    saving = sub.add_parser("backup", parents=[common], help="copy the journal with SQLite's online backup "
                            "(safe while consoles write)")  # fmt: skip
    saving.add_argument("dest", metavar="DEST", help="a new file, or a folder (firedrill-<time>.sqlite3 is made in it)")


def _table(incidents: list[IncidentRecord]) -> str:
    rows = [("ID", "STATUS", "OPENED", "CLOSED", "SCENARIO", "TITLE")]
    for i in incidents:
        closed = i.closed_at.strftime("%Y-%m-%d %H:%M") if i.closed_at else "-"
        opened = i.opened_at.strftime("%Y-%m-%d %H:%M")
        rows.append((i.id, i.status.value, opened, closed, i.scenario or "-", i.title))
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]) - 1)]
    return "\n".join("  ".join([*(v.ljust(w) for v, w in zip(r, widths, strict=False)), r[-1]]) for r in rows)


def _write(text: str, out: str | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", field="--out", file=out) from None


def _record(journal: Journal, incident_id: str, fmt: str, lang: str) -> str:
    """The after-action record: the journal's events, then the procedure rebuilt from them."""
    from firedrill.incident.procedure_export import procedure_data, procedure_markdown

    if fmt == "json":
        data = export_data(journal, incident_id)
        data["procedure"] = procedure_data(journal, incident_id)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from firedrill.incident.export_html import to_html

        return to_html(journal, incident_id, lang)
    return to_markdown(journal, incident_id, lang) + procedure_markdown(journal, incident_id, lang)


def _check(db: Path) -> int:
    from firedrill.journal.check import check

    found = check(db)
    for problem in found.problems:
        print(f"{db}: {problem}")
    if found.problems:
        print(f"firedrill: error: {db}: {len(found.problems)} problem(s); restore the journal from a backup",
              file=sys.stderr)  # fmt: skip
        return 2
    print(f"{db}: ok (schema {found.schema}, {found.incidents} incidents, {found.events} events)")
    return 0


def _backup(db: Path, dest: str) -> int:
    from firedrill.journal.check import backup

    target, incidents = backup(db, Path(dest))
    print(f"backed up {incidents} incidents to {target}")
    return 0


def run(args: argparse.Namespace) -> int:
    db = default_db_path(existing_data_dir(args.data_dir))
    if args.journal_command == "check":
        return _check(db)
    if args.journal_command == "backup":
        return _backup(db, args.dest)
    if not db.is_file():
        if args.journal_command == "list":
            print("[]" if args.json else f"no journal yet at {db}")
            return 0
        raise UnknownIncidentError(args.id, db)
    with Journal.open(db, read_only=True) as journal:
        if args.journal_command == "list":
            incidents = journal.incidents(args.status)
            if args.json:
                print(json.dumps([i.model_dump(mode="json") for i in incidents], ensure_ascii=False, indent=2))
            else:
                print(_table(incidents) if incidents else "no incidents")
        elif args.journal_command == "show":
            _write(_record(journal, args.id, "json" if args.json else "md", args.lang), None)
        else:
            _write(_record(journal, args.id, args.format, args.lang), args.out)
    return 0
