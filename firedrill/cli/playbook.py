"""``firedrill playbook``: list, show, search the scenario playbooks (附件1—7) and run their calculators.

Chinese output by default (``--lang en`` for English), ``--json`` for scripts, ``--playbooks DIR``
(repeatable) to add a district's local playbooks. Bad input is one line and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from firedrill.cli.main import OneLineParser
from firedrill.errors import InputError
from firedrill.playbook import calculators, render
from firedrill.playbook.citations import iter_entries, playbook_citation
from firedrill.playbook.collapse import resolve_times
from firedrill.playbook.loader import Library, load_library
from firedrill.playbook.lookup import find_playbook, find_sections, section_names
from firedrill.playbook.safe_text import clean, escape_json
from firedrill.playbook.schema import SectionKind
from firedrill.playbook.search import detect_language, search
from firedrill.playbook.settings import load_settings
from firedrill.timeutil import now_local

HELP = "Scenario playbooks of attachments 1–7: list, show, search, combat phases and calculators."
DEFAULT_LIMIT = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common = OneLineParser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), default="zh", help="output language (default zh)")
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    common.add_argument("--playbooks", action="append", type=Path, default=[], metavar="DIR",
                        help="also load the playbooks of DIR (repeatable); ids must not clash")  # fmt: skip
    sub = parser.add_subparsers(dest="playbook_command", parser_class=OneLineParser, required=True)
    sub.add_parser("list", parents=[common], help="playbooks by category")
    show = sub.add_parser("show", parents=[common], help="one playbook, or one section of it")
    show.add_argument("id", help="id, name, alias or title, in Chinese or English (地铁, Metro, metro)")
    show.add_argument("--section", help=f"only this section: {', '.join(section_names())} or its heading (注意事项)")
    found = sub.add_parser("search", parents=[common], help="find playbooks and items by a phrase")
    found.add_argument("text", nargs="+", help="words in any order (油罐 冷却, or one phrase: 油罐冷却)")
    found.add_argument("--only", choices=("zh", "en"), help="match only Chinese or only English texts")
    found.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=f"at most N hits (default {DEFAULT_LIMIT})")
    phases = sub.add_parser("phases", parents=[common], help="clause 4.5 combat phases with this playbook's items")
    phases.add_argument("id")
    card = sub.add_parser("card", parents=[common], help="one-page card: hazards, prohibitions, numbers, units, phases")
    card.add_argument("id", nargs="?", help="id, name or alias (omit with --all)")
    card.add_argument("--all", action="store_true", help="every playbook, one card to a page")
    card.add_argument("--html", type=Path, metavar="FILE", help="write the card as HTML")
    card.add_argument("--pdf", type=Path, metavar="FILE", help="print the card to PDF (headless Chromium)")
    calc = sub.add_parser("calc", help="calculators on the plan's numbers")
    kinds = calc.add_subparsers(dest="calculator", parser_class=OneLineParser, required=True)
    tank = kinds.add_parser("oil-tank", parents=[common], help="cooling water for a burning tank and its neighbours")
    tank.add_argument("--diameter", type=float, required=True, help="tank diameter, m")
    tank.add_argument("--height", type=float, help="tank height, m (only the wall_area reading uses it)")
    cooling = load_settings().tank_cooling
    burning_types = ", ".join(t.id for t in cooling.burning_types)
    adjacent_types = ", ".join(t.id for t in cooling.adjacent_types)
    tank.add_argument("--tank-type", help=f"burning tank: {burning_types} (default {cooling.default_burning_type})")
    tank.add_argument(
        "--neighbours",
        type=int,
        default=0,
        help=f"adjacent tanks of the same diameter, type {cooling.default_adjacent_type} (default 0)",
    )
    tank.add_argument(
        "--neighbour",
        action="append",
        default=[],
        metavar="D[:TYPE]",
        help=f"an adjacent tank of diameter D m and type {adjacent_types} (repeatable)",
    )
    tank.add_argument("--nozzle-flow", "--branch-flow", dest="nozzle_flow", type=float, metavar="L/S",
                      help="flow of one nozzle (水枪), to count the nozzles needed")  # fmt: skip
    readings = ", ".join(r.id for r in cooling.readings)
    tank.add_argument("--reading", help=f"how to apply the intensities: {readings} (default {cooling.default_reading})")
    zone = kinds.add_parser("epidemic-zone", parents=[common], help="warning zone at a distance from the pathogen")
    zone.add_argument("--distance", type=float, required=True, help="metres from the pathogen")
    theatre = kinds.add_parser("theatre", parents=[common], help="roof-collapse window after ignition")
    theatre.add_argument("--ignition", required=True, help="ignition time: H:MM, HH:MM[:SS] or YYYY-MM-DDTHH:MM")
    theatre.add_argument("--at", help="time asked about (default: now)")
    theatre.add_argument("--overnight", action="store_true",
                         help="the ignition (a clock time) was the day before the time asked about")  # fmt: skip
    metro = kinds.add_parser("metro", parents=[common], help="reconnaissance and interior-attack team sizes")
    metro.add_argument("--attackers", type=int, help="interior attack personnel to split into teams")


def _print(args: argparse.Namespace, lines: Sequence[str], data: Any) -> None:
    if args.json:
        print(escape_json(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        print("\n".join(clean(line) for line in lines))


def _warn(library: Library) -> None:
    for bad in library.unavailable:
        print(f"firedrill: warning: {clean(bad.message)}", file=sys.stderr)


def _list(args: argparse.Namespace, library: Library) -> None:
    data = {
        "categories": [
            {"category": category.value,
             "playbooks": [{"id": p.id, "citation": playbook_citation(p), "name": p.name.as_dict(),
                            "title": p.title.as_dict(), "site_category": p.site_category.value,
                            "builtin": library.is_builtin(p.id)} for p in playbooks]}
            for category, playbooks in library.by_category().items()
        ],
        "unavailable": [{"file": str(u.file), "message": u.message} for u in library.unavailable],
    }  # fmt: skip
    _print(args, render.render_list(library, args.lang), data)


def _show(args: argparse.Namespace, library: Library) -> None:
    playbook = find_playbook(library, args.id)
    kinds = find_sections(playbook, args.section)
    dump = playbook.model_dump(mode="json", exclude_none=True)
    dump["sections"] = [s for s in dump["sections"] if SectionKind(s["kind"]) in kinds]
    dump["citation"] = playbook_citation(playbook)
    dump["source"] = str(library.source(playbook.id))
    dump["entries"] = [
        {"citation": e.citation, "section": e.section.value, "depth": e.depth,
         "heading": e.heading.as_dict() if e.heading else None, "text": e.text.as_dict() if e.text else None}
        for e in iter_entries(playbook) if e.section in kinds
    ]  # fmt: skip
    _print(args, render.render_playbook(playbook, kinds, args.lang), dump)


def _search(args: argparse.Namespace, library: Library) -> None:
    args.text = " ".join(args.text)
    if args.limit < 1:
        raise InputError(f"must be 1 or more (got {args.limit})", field="--limit")
    hits = search(library, args.text, args.only)[: args.limit]
    data = {"query_language": detect_language(args.text), "hits": [h.as_dict() for h in hits]}
    _print(args, render.render_hits(hits, library, args.lang), data)


def _phases(args: argparse.Namespace, library: Library) -> None:
    from firedrill.playbook.phases import combat_sequence

    playbook = find_playbook(library, args.id)
    data = [{"phase": s.phase.id, "name": s.phase.name.as_dict(),
             "items": [{"citation": e.citation, "text": e.plain("zh")} for e in s.entries]}
            for s in combat_sequence(playbook)]  # fmt: skip
    _print(args, render.render_phases(playbook, args.lang), {"playbook": playbook.id, "phases": data})


def _neighbour(text: str) -> calculators.Neighbour:
    """``30`` or ``30:insulated``: an adjacent tank's diameter in metres and, optionally, its type."""
    diameter, _, kind = text.partition(":")
    try:
        value = float(diameter)
    except ValueError:
        raise InputError(
            f"not a diameter: '{text}' (use D or D:TYPE, e.g. 30:insulated)", field="--neighbour"
        ) from None
    return calculators.Neighbour(diameter_m=value, tank_type=kind.strip() or None)


def _calc(args: argparse.Namespace, library: Library) -> None:
    settings = load_settings()
    if args.calculator == "oil-tank":
        tank = calculators.tank_cooling(
            library.get(settings.tank_cooling.playbook),
            args.diameter,
            args.height,
            args.neighbours,
            args.reading,
            tank_type=args.tank_type,
            neighbour_tanks=[_neighbour(text) for text in args.neighbour],
            branch_flow_ls=args.nozzle_flow,
        )
        _print(args, render.render_cooling(tank, args.lang), tank.model_dump(mode="json"))
    elif args.calculator == "epidemic-zone":
        zone = calculators.warning_zone(library.get(settings.warning_zone.playbook), args.distance)
        _print(args, render.render_zone(zone, args.lang), zone.model_dump(mode="json"))
    elif args.calculator == "theatre":
        ignition, at = resolve_times(args.ignition, args.at, now_local(), overnight=args.overnight)
        window = calculators.collapse_window(library.get(settings.collapse_window.playbook), ignition, at)
        _print(args, render.render_collapse(window, args.lang), window.model_dump(mode="json"))
    else:
        teams = calculators.metro_teams(library.get(settings.metro_teams.playbook), args.attackers)
        _print(args, render.render_teams(teams, args.lang), teams.model_dump(mode="json"))


def _card(args: argparse.Namespace, library: Library) -> None:
    from firedrill.playbook.card import build_card, card_lines
    from firedrill.playbook.card_html import card_html
    from firedrill.printpdf import print_pdf

    if args.all == (args.id is not None):
        raise InputError("name one playbook, or give --all", field="id")
    playbooks = list(library.all()) if args.all else [find_playbook(library, args.id)]
    cards = [build_card(p, args.lang) for p in playbooks]
    if args.html is None and args.pdf is None:
        lines = [line for p in playbooks for line in [*card_lines(p, args.lang), ""]][:-1]
        _print(args, lines, [c.model_dump(mode="json") for c in cards] if args.all else cards[0].model_dump())
        return
    page = card_html(cards)
    if args.html is not None:
        _write(args.html, page)
    if args.pdf is not None:
        print_pdf(page, args.pdf)
    print("\n".join(str(path) for path in (args.html, args.pdf) if path is not None))


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}", field="--html") from None


COMMANDS: dict[str, Callable[[argparse.Namespace, Library], None]] = {
    "list": _list, "show": _show, "search": _search, "phases": _phases, "card": _card, "calc": _calc,
}  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from firedrill.config import load_config

    # Folders named in the config file come first, then those given with --playbooks.
    library = load_library([*load_config().playbook_dirs, *args.playbooks])
    if args.playbook_command != "list" or args.json:
        _warn(library)
    COMMANDS[args.playbook_command](args, library)
    return 0
