"""Beyond loopback a token is asked for and checked; on loopback none is asked, but only loopback is answered."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.serve import access
from tests.serve.running import Running, cookie_of, get, serving, ws_status

TOKEN_IN_URL = re.compile(r"\?token=([A-Za-z0-9_-]+)$")


@pytest.fixture(scope="module")
def lan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """On 0.0.0.0 with no --token: one is generated and printed."""
    with serving(tmp_path_factory.mktemp("lan"), "--host", "0.0.0.0") as running:
        yield running


def _token(running: Running) -> str:
    found = TOKEN_IN_URL.search(running.url)
    assert found, running.url
    return found.group(1)


@pytest.mark.slow
def test_a_generated_token_is_printed_with_the_full_url(lan: Running) -> None:
    assert lan.url.startswith("http://") and f":{lan.port}/?token=" in lan.url
    assert len(_token(lan)) >= access.TOKEN_MIN_CHARS * 2  # 192 random bits, not a short word


@pytest.mark.slow
def test_without_the_token_the_page_asks_for_it(lan: Running) -> None:
    reply = get(lan.port)
    assert reply.status == 401
    assert '<input name="token"' in reply.body and "Enter the token" in reply.body and "令牌" in reply.body
    assert "textual.js" not in reply.body and "/ws" not in reply.body


@pytest.mark.slow
@pytest.mark.parametrize("given", ["wrong", "", "%E4%BB%A4", "{token}x", "{short}"])
def test_a_wrong_token_is_refused(lan: Running, given: str) -> None:
    token = _token(lan)
    reply = get(lan.port, "/?token=" + given.format(token=token, short=token[:-1]))
    assert reply.status == 403
    assert "Wrong token" in reply.body and "textual.js" not in reply.body
    assert reply.headers["Set-Cookie"] is None


@pytest.mark.slow
def test_the_right_token_admits_and_leaves_the_address_bar(lan: Running) -> None:
    reply = get(lan.port, f"/?token={_token(lan)}&fontsize=20")
    assert reply.status == 303 and reply.headers["Location"] == "./?fontsize=20"
    set_cookie = reply.headers["Set-Cookie"]
    assert "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie
    page = get(lan.port, "/?fontsize=20", {"Cookie": cookie_of(reply)})
    assert page.status == 200 and "textual.js" in page.body


@pytest.mark.slow
def test_the_websocket_wants_the_token_too(lan: Running) -> None:
    assert asyncio.run(ws_status(lan.port)) == 403
    assert asyncio.run(ws_status(lan.port, {"Cookie": f"{access.COOKIE_PREFIX}{lan.port}=wrong"})) == 403
    admitted = get(lan.port, f"/?token={_token(lan)}")
    assert asyncio.run(ws_status(lan.port, {"Cookie": cookie_of(admitted)})) == 101


@pytest.mark.slow
def test_a_token_given_is_the_one_asked(tmp_path: Path) -> None:
    token = "our-own-token-for-class-3"
    with serving(tmp_path, "--host", "0.0.0.0", "--token", token) as running:
        assert running.url.endswith(f"/?token={token}")
        assert get(running.port, "/?token=our-own-token-for-class-4").status == 403
        assert get(running.port, f"/?token={token}").status == 303


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with serving(tmp_path_factory.mktemp("local")) as running:
        yield running


@pytest.mark.slow
def test_on_loopback_no_token_is_asked(local: Running) -> None:
    assert local.url == f"http://127.0.0.1:{local.port}/"
    for host in (f"127.0.0.1:{local.port}", f"localhost:{local.port}", f"[::1]:{local.port}"):
        page = get(local.port, "/", {"Host": host})
        assert page.status == 200 and f'src="http://{host}/static/js/textual.js"' in page.body
    assert asyncio.run(ws_status(local.port)) == 101


@pytest.mark.slow
def test_on_loopback_a_name_pointed_at_this_machine_is_not_answered(local: Running) -> None:
    """A web page whose own name is re-pointed at 127.0.0.1 cannot reach the console."""
    reply = get(local.port, "/", {"Host": f"attacker.example:{local.port}"})
    assert reply.status == 421 and "textual.js" not in reply.body
    assert asyncio.run(ws_status(local.port, {"Host": "attacker.example"})) == 421


@pytest.mark.slow
def test_a_websocket_from_another_site_is_refused(local: Running) -> None:
    assert asyncio.run(ws_status(local.port, {"Origin": "http://attacker.example"})) == 403
    assert asyncio.run(ws_status(local.port, {"Origin": local.origin})) == 101


def test_tokens_are_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = access.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(access.hmac, "compare_digest", spy)
    assert access.matches("a" * 32, "a" * 32) and not access.matches("a" * 32, "b" * 32)
    assert not access.matches("a" * 32, "令牌") and not access.matches("a" * 32, None)
    assert not access.matches("a" * 32, "\ud800" * 32)  # a lone surrogate from a query is refused, not an error
    assert len(calls) == 4


def test_generated_tokens_differ() -> None:
    tokens = {access.new_token() for _ in range(50)}
    assert len(tokens) == 50 and all(len(t) >= access.TOKEN_MIN_CHARS for t in tokens)


@pytest.mark.parametrize(
    "token", ["short", "x" * 300, "has space in the token", "token-with-引号-inside-it", "a&b=c" * 4]
)
def test_a_bad_token_flag_is_one_line(token: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--token", token]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "field '--token'" in err
