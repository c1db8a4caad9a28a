"""Where ``firedrill serve`` cannot listen it says so in one line and exits 2: no traceback, no hang."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.cli import serve
from firedrill.cli.main import main
from firedrill.errors import InputError
from firedrill.serve import listen
from firedrill.serve.server import ConsoleServer, Settings
from tests.serve.running import WAIT_S, free_port, isolated_env

UNRESOLVABLE = "no-such-host.invalid"  # .invalid never resolves (RFC 2606)
NOT_OURS = "8.8.8.8"


@pytest.fixture
def taken() -> Iterator[int]:
    """A port something else is listening on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("host", "field", "words"),
    [
        ("127.0.0.1", "--port", "already in use"),
        ("0.0.0.0", "--port", "already in use"),
        (NOT_OURS, "--host", "not an address of this machine"),
        (UNRESOLVABLE, "--host", "cannot resolve"),
    ],
)
def test_cannot_listen_is_one_line(
    host: str, field: str, words: str, taken: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", host, "--port", str(taken), "--token", "t" * 20]) == 2
    out, err = capsys.readouterr()
    line = _one_line(err)
    assert f"field '{field}'" in line and words in line
    assert "token=" not in out  # nothing announced for a server that never listened


def _run(argv: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "firedrill", "serve", *argv],
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        env=isolated_env(home),
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("host", ["127.0.0.1", NOT_OURS, UNRESOLVABLE])
def test_the_command_itself_exits_2_with_one_line(host: str, taken: int, tmp_path: Path) -> None:
    done = _run(["--host", host, "--port", str(taken)], tmp_path)
    assert done.returncode == 2
    assert _one_line(done.stderr).startswith("firedrill: error: ")
    assert done.stdout == ""


@pytest.mark.slow
def test_a_port_taken_after_the_check_is_still_one_line(taken: int, tmp_path: Path) -> None:
    """Someone takes the port between the check and the bind: the server's own failure reads the same."""
    script = textwrap.dedent(
        f"""
        import sys
        from firedrill.cli import serve
        from firedrill.cli.main import main
        serve.check_can_listen = lambda host, port: None
        sys.exit(main(["serve", "--port", "{taken}", "--data-dir", {str(tmp_path / "class")!r}]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        env=isolated_env(tmp_path),
        check=False,
    )
    assert done.returncode == 2, done.stderr
    line = _one_line(done.stderr)
    assert "already in use" in line and "field '--port'" in line


def test_a_name_server_that_never_answers_is_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    def silent(*_args: object, **_kwargs: object) -> list[object]:
        time.sleep(5)
        return []

    monkeypatch.setattr(listen.socket, "getaddrinfo", silent)
    started = time.monotonic()
    with pytest.raises(InputError, match="no answer resolving") as caught:
        listen.resolve("slow.example", free_port(), timeout_s=0.3)
    assert caught.value.field == "--host"
    assert time.monotonic() - started < 3


def test_a_free_port_passes_the_check() -> None:
    listen.check_can_listen("127.0.0.1", free_port())


def test_an_ipv6_address_may_be_written_in_brackets(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    made: list[Settings] = []
    monkeypatch.setattr(serve, "check_can_listen", lambda host, port: checked.append(host))
    monkeypatch.setattr(ConsoleServer, "serve", lambda self, debug=False: made.append(self.settings))
    assert main(["serve", "--host", "[::1]"]) == 0
    assert checked == ["::1"] and made[0].host == "::1"
    assert made[0].token is None  # loopback still
    assert f"firedrill serve: open http://[::1]:{serve.DEFAULT_PORT}/" in made[0].announce
