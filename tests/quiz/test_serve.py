"""``firedrill serve``: loopback by default, a warning and a token beyond it, a session in headless Chromium."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.cli import serve
from firedrill.cli.main import main
from firedrill.serve.server import ConsoleServer, Settings
from tests.quiz import browser
from tests.quiz.png import is_blank
from tests.serve.running import WAIT_S, free_port, wait_listening
from tests.tools import require

FIRST_BYTE = "document.body && document.body.classList.contains('-first-byte')"


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("127.8.0.1", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("classroom.example", False),
    ],
)
def test_loopback_or_not(host: str, local: bool) -> None:
    assert serve.is_loopback(host) is local


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Settings]]:
    """The settings of every server the command would start; none listens."""
    made: list[Settings] = []

    def record(self: ConsoleServer, debug: bool = False) -> None:
        made.append(self.settings)

    monkeypatch.setattr(ConsoleServer, "serve", record)
    monkeypatch.setattr(serve, "check_can_listen", lambda host, port: None)
    yield made


def test_default_is_loopback_without_warning(
    fake_server: list[Settings], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["serve", "--app", "quiz", "--data-dir", str(tmp_path), "--lang", "en"]) == 0
    assert fake_server[0].host == "127.0.0.1" and fake_server[0].port == serve.DEFAULT_PORT
    assert "-m firedrill.tui.quiz" in fake_server[0].command
    assert f"--data-dir {tmp_path.resolve()}" in fake_server[0].command
    assert fake_server[0].token is None and fake_server[0].max_sessions == serve.DEFAULT_MAX_SESSIONS
    assert "WARNING" not in capsys.readouterr().err


def test_listening_beyond_this_machine_warns_and_wants_a_token(
    fake_server: list[Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    err = capsys.readouterr().err
    assert "WARNING" in err and "token" in err and "0.0.0.0:8123" in err
    token = fake_server[0].token
    assert token is not None and any(line.endswith(f"/?token={token}") for line in fake_server[0].announce)
    assert shlex.split(fake_server[0].command)[-4:-2] == ["firedrill", "console"]  # then the tab's own --seat


@pytest.mark.parametrize(
    ("argv", "field"), [(["--port", "0"], "--port"), (["--port", "http"], "--port"), (["--host", "a b"], "--host")]
)
def test_bad_serve_input(
    argv: list[str], field: str, fake_server: list[Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"field '{field}'" in err
    assert fake_server == []


def _attempts(data_dir: Path, name: str) -> int:
    db = data_dir / "firedrill.sqlite3"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            sql = "SELECT count(*) FROM quiz_attempts t JOIN quiz_trainees tr ON tr.id = t.trainee_id WHERE tr.name = ?"
            return int(conn.execute(sql, (name,)).fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def _need_chromium() -> None:
    """Outside CI a machine without Chromium skips with the reason; under CI=true it fails (CI installs it)."""
    require(None if browser.chromium() is not None else "Chromium is not installed (apt-get install chromium)")


@pytest.mark.slow
def test_a_class_reaches_the_quiz_in_a_browser(tmp_path: Path) -> None:
    _need_chromium()
    port = free_port()
    data_dir = tmp_path / "class"
    cmd = [
        sys.executable,
        "-m",
        "firedrill",
        "serve",
        "--app",
        "quiz",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--lang",
        "en",
    ]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_listening(port, server)
        url = f"http://127.0.0.1:{port}/"
        plain = tmp_path / "plain.png"
        browser.screenshot(url, plain)
        assert plain.exists() and not is_blank(plain)

        typed = tmp_path / "typed.png"

        async def sit_exam(devtools: browser.DevTools) -> None:
            assert await devtools.wait_for(FIRST_BYTE, WAIT_S), "the served app sent nothing"
            await asyncio.sleep(1.0)
            await devtools.click(600, 400)  # the terminal takes the keyboard when clicked
            await devtools.type_text("Ana")
            await devtools.press_enter()
            await asyncio.sleep(0.5)
            await devtools.type_text("2")  # 2: exam
            deadline = time.monotonic() + WAIT_S
            while _attempts(data_dir, "Ana") == 0 and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            await asyncio.sleep(1.0)
            await devtools.capture(typed)

        asyncio.run(browser.drive(url, sit_exam))
        assert _attempts(data_dir, "Ana") == 1, "typing in the browser did not start an exam"
        assert typed.exists() and not is_blank(typed)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(WAIT_S)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(WAIT_S)


def test_each_browser_tab_runs_the_console_as_a_seat_of_its_own() -> None:
    from firedrill.cli.serve import command_for

    command = command_for("console", None, None)
    # textual-serve runs the command through the shell, once per tab: echo what each tab would run.
    seats = {subprocess.run(["sh", "-c", f"echo {command}"], capture_output=True, text=True, check=True)
             .stdout.split("--seat")[-1].strip() for _ in range(2)}  # fmt: skip
    assert len(seats) == 2 and all(s.startswith("browser-") for s in seats)
