"""A real browser on a server that wants a token: the form first, then the printed URL lets it in.

Headless Chromium, driven through the DevTools protocol; skipped with the reason where it is missing,
failed under CI=true (CI installs it).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.quiz import browser
from tests.quiz.test_serve import FIRST_BYTE, _need_chromium
from tests.serve.running import WAIT_S, serving

TOKEN = "browser-class-token-2026"
ASKED = "document.querySelector('input[name=token]') !== null"
LOADED = "document.readyState === 'complete'"


@pytest.mark.slow
def test_a_browser_is_asked_for_the_token_then_the_printed_url_lets_it_in(tmp_path: Path) -> None:
    _need_chromium()
    with serving(tmp_path, "--host", "0.0.0.0", "--token", TOKEN) as running:
        local = f"http://127.0.0.1:{running.port}/"
        seen: dict[str, bool] = {}

        async def asked(devtools: browser.DevTools) -> None:
            assert await devtools.wait_for(LOADED, WAIT_S)
            seen["form"] = await devtools.wait_for(ASKED, WAIT_S)
            seen["console"] = await devtools.wait_for(FIRST_BYTE, 2)

        async def admitted(devtools: browser.DevTools) -> None:
            seen["in"] = await devtools.wait_for(FIRST_BYTE, WAIT_S)
            seen["address bar"] = await devtools.wait_for(f"location.href === {local!r}", WAIT_S)

        asyncio.run(browser.drive(local, asked))
        assert seen["form"] and not seen["console"], "without the token the browser got the console"
        asyncio.run(browser.drive(f"{local}?token={TOKEN}", admitted))
        assert seen["in"], "with the printed token the console sent nothing to the browser"
        assert seen["address bar"], "the token stayed in the address bar"
