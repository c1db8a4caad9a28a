"""At most ``--max-sessions`` browser tabs run at once (each is a console process); when full, a page says so."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiohttp
import pytest

from firedrill.cli import serve
from firedrill.cli.main import main
from tests.serve.running import WAIT_S, Running, get, serving, ws_status


async def _hold_two_and_try_a_third(running: Running) -> None:
    url = f"ws://127.0.0.1:{running.port}/ws"
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT_S)) as session,
        session.ws_connect(url) as first,
        session.ws_connect(url) as second,
    ):
        assert not first.closed and not second.closed
        full = get(running.port)
        assert full.status == 503
        assert "all 2 sessions are in use" in full.body and "2 个会话都在使用中" in full.body
        assert "textual.js" not in full.body
        assert await ws_status(running.port) == 503


def _wait_page(running: Running) -> int:
    deadline = time.monotonic() + WAIT_S
    status = get(running.port).status
    while status != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
        status = get(running.port).status
    return status


@pytest.mark.slow
def test_a_full_server_says_so_and_frees_a_seat_when_a_tab_closes(tmp_path: Path) -> None:
    with serving(tmp_path, "--max-sessions", "2") as running:
        assert "at most 2 sessions at once" in "\n".join(running.lines)
        assert get(running.port).status == 200
        asyncio.run(_hold_two_and_try_a_third(running))
        assert _wait_page(running) == 200  # both closed: room again
        assert asyncio.run(ws_status(running.port)) == 101


def test_the_default_limit_is_printed_and_bounded() -> None:
    low, high = serve.MAX_SESSIONS_BOUNDS
    assert low <= serve.DEFAULT_MAX_SESSIONS <= high


@pytest.mark.parametrize("value", ["0", "-1", "201", "many", "1e3", "9" * 5000, ""])
def test_a_bad_limit_is_one_line(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--max-sessions", value]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "field '--max-sessions'" in err
