"""Entry point of the ``firedrill`` command.

Each subcommand lives in its own module exposing ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; only the module of the command being run is imported, so that
``firedrill classify`` stays light. With no subcommand the console opens.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from firedrill.errors import InputError

COMMANDS: dict[str, str] = {
    "classify": "firedrill.cli.classify",
    "org": "firedrill.cli.org",
    "playbook": "firedrill.cli.playbook",
    "journal": "firedrill.cli.journal",
    "console": "firedrill.cli.console",
    "incident": "firedrill.cli.incident",
    "dispatch": "firedrill.cli.dispatch",
    "board": "firedrill.cli.board",
    "unit": "firedrill.cli.unit",
    "procedure": "firedrill.cli.procedure",
    "replay": "firedrill.cli.replay",
    "drill": "firedrill.cli.drill",
    "quiz": "firedrill.cli.quiz",
    "serve": "firedrill.cli.serve",
    "holidays": "firedrill.cli.holidays",
}

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a fault of firedrill's, not of the input
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports bad usage in one line and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _available() -> dict[str, ModuleType]:
    modules: dict[str, ModuleType] = {}
    for name, path in COMMANDS.items():
        try:
            modules[name] = importlib.import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name != path:
                raise
    return modules


def build_parser(only: str | None = None) -> OneLineParser:
    parser = OneLineParser(prog="firedrill", description="Decision support for the Wuhan 2021 fire plan.")
    sub = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    modules = {only: importlib.import_module(COMMANDS[only])} if only else _available()
    for name, module in modules.items():
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = args_list[0] if args_list else None
    if first is None or (first.startswith("-") and first not in ("-h", "--help")):
        args_list = ["console", *args_list]
        first = "console"
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(args_list)
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        result: int = args.handler(args)
    except InputError as exc:
        print(f"firedrill: error: {_printable(exc.one_line())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("firedrill: interrupted; what was recorded before stays recorded", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (RecursionError, MemoryError) as exc:
        print(f"firedrill: error: the input is too large or too deeply nested to handle ({type(exc).__name__})",
              file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    except Exception as exc:  # the last resort: one line for the user, the details kept for a report
        log = _keep_traceback()
        print(f"firedrill: internal error ({type(exc).__name__}: {_printable(str(exc))[:200]}); "
              f"nothing more was recorded; details in {log}; please report it", file=sys.stderr)  # fmt: skip
        return EXIT_INTERNAL
    return result


def _printable(text: str) -> str:
    """The text without control characters: what came from a file never drives the terminal."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def _keep_traceback() -> str:
    import tempfile
    import traceback

    try:
        with tempfile.NamedTemporaryFile("w", prefix="firedrill-error-", suffix=".log", delete=False,
                                         encoding="utf-8") as out:  # fmt: skip
            traceback.print_exc(file=out)
        return out.name
    except OSError:
        return "(no log could be written)"
