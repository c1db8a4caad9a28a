"""The page sends browsers to an address they can reach: the one they used, or the public URL; never 0.0.0.0."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.cli.main import main
from tests.serve.running import Running, cookie_of, get, serving

TOKEN = "classroom-token-0123456789"
STATIC = re.compile(r'<script src="([^"]+)js/textual\.js"')
WEBSOCKET = re.compile(r'data-session-websocket-url="([^"]+)"')


@pytest.fixture(scope="module")
def lan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with serving(tmp_path_factory.mktemp("lan"), "--host", "0.0.0.0", "--token", TOKEN) as running:
        yield running


def _page(running: Running, host: str) -> str:
    admitted = get(running.port, f"/?token={TOKEN}", {"Host": host})
    page = get(running.port, "/", {"Host": host, "Cookie": cookie_of(admitted)})
    assert page.status == 200, page.body
    return page.body


@pytest.mark.slow
@pytest.mark.parametrize("host", ["192.168.1.20:{port}", "drill-room.local:{port}", "[fe80::1]:{port}"])
def test_on_0_0_0_0_the_page_names_the_address_the_browser_used(lan: Running, host: str) -> None:
    host = host.format(port=lan.port)
    page = _page(lan, host)
    assert STATIC.findall(page) == [f"http://{host}/static/"]
    assert WEBSOCKET.findall(page) == [f"ws://{host}/ws"]
    assert "0.0.0.0" not in page


@pytest.mark.slow
def test_the_printed_url_is_not_the_wildcard(lan: Running) -> None:
    assert "0.0.0.0" not in lan.url
    assert lan.url.endswith(f":{lan.port}/?token={TOKEN}")


@pytest.mark.slow
def test_a_host_header_no_url_may_hold_gets_no_page(lan: Running) -> None:
    admitted = get(lan.port, f"/?token={TOKEN}")
    reply = get(lan.port, "/", {"Host": 'evil"><script>x', "Cookie": cookie_of(admitted)})
    assert reply.status == 400
    assert "<script>x" not in reply.body and "textual.js" not in reply.body


@pytest.mark.slow
def test_the_public_url_decides_every_url_on_the_page(tmp_path: Path) -> None:
    public = "https://drill.example.org/fire"
    with serving(tmp_path, "--host", "0.0.0.0", "--token", TOKEN, "--public-url", public + "/") as running:
        assert running.url == f"{public}/?token={TOKEN}"
        page = _page(running, f"10.0.0.5:{running.port}")  # what a proxy in front might send
    assert STATIC.findall(page) == [f"{public}/static/"]
    assert WEBSOCKET.findall(page) == ["wss://drill.example.org/fire/ws"]


@pytest.mark.slow
def test_behind_a_proxy_on_this_machine_a_token_is_still_asked(tmp_path: Path) -> None:
    with serving(tmp_path, "--public-url", "https://drill.example.org") as running:
        assert "?token=" in running.url
        assert get(running.port, "/", {"Host": "drill.example.org"}).status == 401


@pytest.mark.parametrize(
    "url",
    ["ftp://drill.example.org", "drill.example.org", "http://", "http://a b", "http://x.org/?a=1", "http://x.org/#f"],
)
def test_a_bad_public_url_is_one_line(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--public-url", url]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "field '--public-url'" in err
