"""``firedrill serve``: the console (or the quiz app alone) in a browser, for a classroom, via textual-serve.

Each browser tab gets its own process running ``firedrill console`` (or ``python -m
firedrill.tui.quiz`` with ``--app quiz``), all sharing one data directory, so a class's answers
land in one database. There is **no login**: the server binds to 127.0.0.1 unless ``--host`` says
otherwise, and it warns when it listens beyond this machine.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from firedrill.errors import InputError

HELP = "serve the console (quizzes included) to browsers via textual-serve; 127.0.0.1 unless --host"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOCAL_NAMES = ("localhost",)
APPS: dict[str, tuple[str, ...]] = {
    "console": ("-m", "firedrill", "console"),
    "quiz": ("-m", "firedrill.tui.quiz"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", default=str(DEFAULT_PORT), help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--app", choices=tuple(APPS), default="console", help="the whole console, or the quiz only")
    parser.add_argument("--data-dir", metavar="DIR", help="shared data directory of the class (journal and quizzes)")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of the served app")
    parser.add_argument("--title", help="browser tab title")


def is_loopback(host: str) -> bool:
    """True when ``host`` can only be reached from this machine."""
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def port_number(raw: str) -> int:
    try:
        port = int(raw)
    except ValueError:
        raise InputError(f"not a port number: {raw!r}", field="--port") from None
    if not 1 <= port <= 65535:
        raise InputError(f"a port is from 1 to 65535 (got {port})", field="--port")
    return port


def command_for(app: str, data_dir: str | None, lang: str | None) -> str:
    """The shell command textual-serve runs for each browser session."""
    words = [sys.executable, *APPS[app]]
    if data_dir is not None:
        words += ["--data-dir", str(Path(data_dir).expanduser().resolve())]
    if lang is not None:
        words += ["--lang", lang]
    command = shlex.join(words)
    if app == "console":
        # Each browser tab is a seat of its own (the shell's pid names it), so a second tab sees the first
        # tab's incident as open at another seat: it may follow it or take it over, never write blind.
        command += ' --seat "browser-$$"'
    return command


def warning(host: str, port: int, data_dir: str | None) -> str:
    where = data_dir or "the data directory"
    return (
        f"firedrill serve: WARNING: listening on {host}:{port}, reachable beyond this machine. There is no login: "
        f"anyone who can reach it can use the console and read and write the records in {where}."
    )


def run(args: argparse.Namespace) -> int:
    host = args.host.strip()
    if not host or any(ch.isspace() for ch in host):
        raise InputError(f"not a host: {args.host!r}", field="--host")
    port = port_number(args.port)
    if args.data_dir is not None and Path(args.data_dir).exists() and not Path(args.data_dir).is_dir():
        raise InputError("not a directory", field="--data-dir", file=args.data_dir)
    if not is_loopback(host):
        print(warning(host, port, args.data_dir), file=sys.stderr, flush=True)
    from textual_serve.server import Server

    command = command_for(args.app, args.data_dir, args.lang)
    Server(command, host=host, port=port, title=args.title or f"firedrill {args.app}").serve()
    return 0
