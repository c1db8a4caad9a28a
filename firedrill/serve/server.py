"""textual-serve's :class:`Server`, with reachable URLs, a token and a limit on concurrent sessions.

Only textual-serve's public handlers are overridden; each checks the request, then hands it on:

* the page names the script and websocket URLs at the address the browser used (its Host header),
  or at ``--public-url`` when one is given, never at the bind address (0.0.0.0 reaches nothing);
* with a token, the page asks for it (``?token=`` or a form), keeps it in a cookie and drops it from
  the address bar; the websocket and downloads want the same cookie;
* each websocket is a console process of its own, so at most ``max_sessions`` run at once; a page
  asked for when all are taken says so, and a websocket beyond the limit is refused;
* without a token (loopback), only a loopback Host is answered, so that a web page whose name is
  re-pointed at 127.0.0.1 cannot reach the console; and a websocket opened from another site's page
  (its Origin) is refused either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from firedrill.serve import pages
from firedrill.serve.access import QUERY_KEY, Access, matches
from firedrill.serve.address import host_name, is_loopback, netloc, sound_host_header

DEFAULT_FONT_SIZE = 16
Refusal = tuple[type[web.HTTPException], str]  # the status, and the label that explains it


@dataclass(frozen=True)
class Settings:
    """What ``firedrill serve`` decided from its flags."""

    command: str
    host: str
    port: int
    title: str
    public_url: str | None
    token: str | None
    max_sessions: int
    announce: tuple[str, ...]  # the lines printed once the server starts


def html(body: str, status: int) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


class ConsoleServer(Server):
    """One server: its settings, its access rule, and how many sessions are open now."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            settings.command,
            host=settings.host,
            port=settings.port,
            title=settings.title,
            public_url=settings.public_url,
        )
        self.settings = settings
        self.access = Access(settings.token, settings.port)
        self.sessions = 0

    # -- where the browser is sent -------------------------------------------------------------------
    def base_url(self, request: web.Request) -> str | None:
        """The base of every URL the page names; None when the Host header is not one a URL may hold."""
        if self.settings.public_url is not None:
            return self.settings.public_url
        host = request.host
        return f"{request.scheme}://{host}" if sound_host_header(host) else None

    def allowed_netlocs(self, request: web.Request) -> set[str]:
        netlocs = {request.host.lower()}
        if self.settings.public_url is not None:
            netlocs.add(netloc(self.settings.public_url))
        return netlocs

    def refused(self, request: web.Request) -> Refusal | None:
        """Why a request that comes the wrong way is refused, whatever its token; None when it is not."""
        if self.access.token is None and not is_loopback(host_name(request.host)):
            return web.HTTPMisdirectedRequest, "misdirected"
        origin = request.headers.get("Origin")
        if origin is not None and netloc(origin) not in self.allowed_netlocs(request):
            return web.HTTPForbidden, "cross_site"
        return None

    def admitted(self, request: web.Request) -> bool:
        return self.access.admits(request.cookies.get(self.access.cookie))

    def gate(self, request: web.Request) -> None:
        """For the websocket and downloads, which show no page: raise the refusal as plain text."""
        refusal = self.refused(request)
        if refusal is not None:
            status, key = refusal
            raise status(text=pages.plain(key))
        if not self.admitted(request):
            raise web.HTTPForbidden(text=pages.plain("ask"))

    # -- textual-serve's handlers --------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        refusal = self.refused(request)
        if refusal is not None:
            status, key = refusal
            return html(pages.refusal(key), status.status_code)
        given = request.query.get(QUERY_KEY)
        if self.access.token is not None and given is not None:
            return self.present(request, given)
        if not self.admitted(request):
            return html(pages.token_form(wrong=False), web.HTTPUnauthorized.status_code)
        if self.sessions >= self.settings.max_sessions:
            return html(pages.full(self.settings.max_sessions), web.HTTPServiceUnavailable.status_code)
        base = self.base_url(request)
        if base is None:
            return html(pages.refusal("misdirected"), web.HTTPBadRequest.status_code)
        response: web.StreamResponse = aiohttp_jinja2.render_template(
            "app_index.html", request, self.index_context(request, base)
        )
        return response

    def present(self, request: web.Request, given: str) -> web.Response:
        """A token from the URL or the form: right, keep it in a cookie and drop it from the address bar."""
        assert self.access.token is not None
        if not matches(self.access.token, given):
            return html(pages.token_form(wrong=True), web.HTTPForbidden.status_code)
        rest = urlencode([(k, v) for k, v in request.query.items() if k != QUERY_KEY])
        # Relative, so that it stays right behind a proxy that serves the console under a path.
        found = web.HTTPSeeOther(location="./" + (f"?{rest}" if rest else ""))
        secure = (self.settings.public_url or request.scheme).startswith("https")
        found.set_cookie(self.access.cookie, given, httponly=True, samesite="Lax", secure=secure, path="/")
        return found

    def index_context(self, request: web.Request, base: str) -> dict[str, Any]:
        """What textual-serve's page template reads, with every URL under ``base``."""
        router = request.app.router
        font_size = to_int(request.query.get("fontsize", str(DEFAULT_FONT_SIZE)), DEFAULT_FONT_SIZE)
        websocket = f"{base}{router['websocket'].url_for()}"
        scheme, rest = websocket.split(":", 1)
        return {
            "font_size": font_size,
            "app_websocket_url": ("wss:" if scheme == "https" else "ws:") + rest,
            "config": {"static": {"url": f"{base}{router['static'].url_for(filename='/')}".rstrip("/") + "/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self.gate(request)
        if self.sessions >= self.settings.max_sessions:
            raise web.HTTPServiceUnavailable(text=pages.plain("full", limit=self.settings.max_sessions))
        self.sessions += 1  # no await since the check: no other session can slip in between
        try:
            response: web.WebSocketResponse = await super().handle_websocket(request)
            return response
        finally:
            self.sessions -= 1

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        self.gate(request)
        response: web.StreamResponse = await super().handle_download(request)
        return response

    async def on_startup(self, app: web.Application) -> None:
        for line in self.settings.announce:
            print(line, flush=True)
