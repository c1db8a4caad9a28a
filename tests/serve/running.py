"""A real ``firedrill serve`` in a subprocess for the serve tests, and small clients that talk to it.

Every wait is bounded; the server's whole process group is ended afterwards.
"""

from __future__ import annotations

import http.client
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

WAIT_S = 20
OPEN_LINE = re.compile(r"firedrill serve: open (\S+)")
LAST_LINE = "Ctrl+C stops"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Running:
    proc: subprocess.Popen[str]
    port: int
    url: str  # the URL the server printed
    lines: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _reader(stream: object, out: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        out.put(line)


def isolated_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        FIREDRILL_DATA_DIR=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "xdg-data"),
    )
    env.pop("FIREDRILL_CONFIG", None)
    return env


@contextmanager
def serving(home: Path, *flags: str) -> Iterator[Running]:
    """``firedrill serve --app quiz`` with ``flags`` on a free port, until it listens; stopped afterwards."""
    port = free_port()
    cmd = [sys.executable, "-m", "firedrill", "serve", "--app", "quiz", "--lang", "en", "--port", str(port)]
    cmd += ["--data-dir", str(home / "class"), *flags]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env=isolated_env(home),
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        url = _wait_for_url(proc, lines, seen)
        wait_listening(port, proc)
        yield Running(proc, port, url, seen)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(WAIT_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(WAIT_S)


def _wait_for_url(proc: subprocess.Popen[str], lines: queue.Queue[str], seen: list[str]) -> str:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            assert proc.poll() is None, f"the server exited: {seen}"
            continue
        seen.append(line.rstrip("\n"))
        if LAST_LINE in line:  # everything announced at start has been printed
            urls = [found.group(1) for found in map(OPEN_LINE.search, seen) if found]
            assert len(urls) == 1, seen
            return urls[0]
    raise AssertionError(f"the server printed no URL in {WAIT_S}s: {seen}")


def wait_listening(port: int, proc: subprocess.Popen[Any]) -> None:
    """Return once something listens on the port, failing if the server exits or never listens."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server exited"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listening on 127.0.0.1:{port} after {WAIT_S}s")


@dataclass(frozen=True)
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: str


def get(port: int, path: str = "/", headers: dict[str, str] | None = None) -> Reply:
    """One GET to the server on loopback, with whatever Host (and other) headers a test chooses."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_S)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return Reply(response.status, response.headers, response.read().decode("utf-8"))
    finally:
        conn.close()


def cookie_of(reply: Reply) -> str:
    """The ``name=value`` of the cookie a reply sets."""
    raw = reply.headers["Set-Cookie"]
    assert raw, "no cookie set"
    return raw.split(";", 1)[0]


async def ws_status(port: int, headers: dict[str, str] | None = None) -> int:
    """101 when the websocket opens (closed again at once), else the HTTP status that refused it."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT_S)) as session:
        try:
            async with session.ws_connect(f"ws://127.0.0.1:{port}/ws", headers=headers or {}):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
