"""Headless Chromium for the classroom test: a plain ``--screenshot`` run, and a DevTools session that types.

Only loopback addresses are used; every wait is bounded; the browser is always terminated.
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WINDOW = "--window-size=1200,800"
TIMEOUT_S = 30


def chromium() -> str | None:
    return shutil.which("chromium")


def screenshot(url: str, out: Path) -> None:
    """The plain command-line screenshot (what a teacher can run by hand)."""
    binary = chromium()
    assert binary is not None
    # Chromium's helper processes may still be writing the profile as it goes: a leftover file is no failure.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        subprocess.run(
            [
                binary,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--screenshot={out}",
                WINDOW,
                "--virtual-time-budget=8000",
                url,
            ],
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )


class DevTools:
    """A minimal Chrome DevTools Protocol client over one page."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.next_id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        await self.ws.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.ws.receive_json(), TIMEOUT_S)
            if message.get("id") == self.next_id:
                result: dict[str, Any] = message.get("result", {})
                return result

    async def wait_for(self, expression: str, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            found = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
            if found.get("result", {}).get("value"):
                return True
            await asyncio.sleep(0.2)
        return False

    async def click(self, x: int, y: int) -> None:
        """A left click, e.g. to give the terminal the keyboard."""
        for kind in ("mousePressed", "mouseReleased"):
            await self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    async def type_text(self, text: str) -> None:
        await self.call("Input.insertText", text=text)

    async def press_enter(self) -> None:
        key = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
        await self.call("Input.dispatchKeyEvent", type="keyDown", text="\r", **key)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **key)

    async def capture(self, out: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        out.write_bytes(base64.b64decode(shot["data"]))


async def _page_socket(session: aiohttp.ClientSession, profile: Path) -> str:
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + TIMEOUT_S
    while not (port_file.exists() and port_file.read_text().strip()):
        assert time.monotonic() < deadline, "Chromium did not open its DevTools port"
        await asyncio.sleep(0.1)
    port = port_file.read_text().split()[0]
    async with session.get(f"http://127.0.0.1:{port}/json/list") as response:
        targets = await response.json()
    return str(next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page"))


async def drive(url: str, script: Any) -> None:
    """Open ``url`` in headless Chromium and run ``await script(devtools)``."""
    binary = chromium()
    assert binary is not None
    # Chromium's helper processes may still be writing the profile as it goes: a leftover file is no failure.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", WINDOW, "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its helpers too are ended with it
        )
        try:
            async with aiohttp.ClientSession() as session:
                socket_url = await _page_socket(session, Path(profile))
                async with session.ws_connect(socket_url, max_msg_size=0) as ws:
                    devtools = DevTools(ws)
                    await devtools.call("Page.navigate", url=url)
                    await script(devtools)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(TIMEOUT_S)
