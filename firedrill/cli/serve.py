"""``firedrill serve``: the console (or the quiz app alone) in a browser, for a classroom, via textual-serve.

Each browser tab gets its own process running ``firedrill console`` (or ``python -m
firedrill.tui.quiz`` with ``--app quiz``), all sharing one data directory, so a class's answers
land in one database. The server binds to 127.0.0.1 unless ``--host`` says otherwise; whenever it
can be reached beyond this machine a token is required (see :mod:`firedrill.serve.access`), and at
most ``--max-sessions`` tabs run at once.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from firedrill.errors import InputError
from firedrill.serve.access import QUERY_KEY, checked_token, needs_token, new_token
from firedrill.serve.address import is_loopback, printed_base, public_url
from firedrill.serve.listen import check_can_listen, explain

HELP = "serve the console (quizzes included) to browsers via textual-serve; 127.0.0.1 unless --host, a token beyond it"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Each tab is a console process of its own (tens of MB each; see docs/serve.md): a class, not a crowd.
DEFAULT_MAX_SESSIONS = 20
MAX_SESSIONS_BOUNDS = (1, 200)
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
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use (e.g. behind a proxy); by default the one each browser asked for",
    )
    low, high = MAX_SESSIONS_BOUNDS
    parser.add_argument(
        "--max-sessions",
        default=str(DEFAULT_MAX_SESSIONS),
        metavar="N",
        help=f"browser tabs running at once, {low} to {high} (default {DEFAULT_MAX_SESSIONS})",
    )
    parser.add_argument(
        "--token",
        help="the token browsers must give (default: generated when listening beyond this machine)",
    )


def port_number(raw: str) -> int:
    try:
        port = int(raw)
    except ValueError:
        raise InputError(f"not a port number: {raw!r}", field="--port") from None
    if not 1 <= port <= 65535:
        raise InputError(f"a port is from 1 to 65535 (got {port})", field="--port")
    return port


def max_sessions(raw: str) -> int:
    low, high = MAX_SESSIONS_BOUNDS
    try:
        count = int(raw.strip())
    except ValueError:
        raise InputError(f"not a whole number: {raw[:40]!r}", field="--max-sessions") from None
    if not low <= count <= high:
        raise InputError(f"from {low} to {high} sessions (got {count})", field="--max-sessions")
    return count


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
        f"firedrill serve: WARNING: listening on {host}:{port}, reachable beyond this machine. Anyone given the "
        f"token can use the console and read and write the records in {where}: hand it only to the class."
    )


def announcement(url: str, limit: int) -> tuple[str, ...]:
    return (
        f"firedrill serve: open {url}",
        f"firedrill serve: at most {limit} sessions at once, one per browser tab (--max-sessions); Ctrl+C stops",
    )


def run(args: argparse.Namespace) -> int:
    host = args.host.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]  # an IPv6 address as written in a URL
    if not host or any(ch.isspace() for ch in host):
        raise InputError(f"not a host: {args.host!r}", field="--host")
    port = port_number(args.port)
    limit = max_sessions(args.max_sessions)
    public = public_url(args.public_url) if args.public_url is not None else None
    token = checked_token(args.token) if args.token is not None else None
    if token is None and needs_token(host, public, token_given=False):
        token = new_token()
    if args.data_dir is not None and Path(args.data_dir).exists() and not Path(args.data_dir).is_dir():
        raise InputError("not a directory", field="--data-dir", file=args.data_dir)
    check_can_listen(host, port)
    if not is_loopback(host):
        print(warning(host, port, args.data_dir), file=sys.stderr, flush=True)
    from firedrill.serve.server import ConsoleServer, Settings

    url = printed_base(host, port, public) + "/" + (f"?{QUERY_KEY}={token}" if token else "")
    settings = Settings(
        command=command_for(args.app, args.data_dir, args.lang),
        host=host,
        port=port,
        title=args.title or f"firedrill {args.app}",
        public_url=public,
        token=token,
        max_sessions=limit,
        announce=announcement(url, limit),
    )
    try:
        ConsoleServer(settings).serve()
    except OSError as exc:  # lost a race for the port since the check
        raise explain(exc, host, port) from None
    return 0
