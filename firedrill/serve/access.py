"""Who may use a served console: a token whenever it can be reached beyond this machine.

The token is generated with :mod:`secrets` unless ``--token`` gives one, printed with the full URL at
start, and presented by the browser once (``?token=`` or the small form); the server then keeps it in
a cookie for that browser. Every comparison is constant-time (:func:`hmac.compare_digest`).
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass

from firedrill.errors import InputError
from firedrill.serve.address import host_name, is_loopback, netloc

TOKEN_BYTES = 24  # 192 random bits: 32 URL-safe characters
TOKEN_MIN_CHARS = 16
TOKEN_MAX_CHARS = 256
# The characters a URL carries unescaped, so the printed URL is the token as typed.
TOKEN_CHARS = re.compile(r"[A-Za-z0-9._~-]+")
QUERY_KEY = "token"
COOKIE_PREFIX = "firedrill-serve-"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def checked_token(raw: str) -> str:
    """``--token`` checked: long enough to guess at no better than chance, and URL-safe."""
    token = raw.strip()
    if not TOKEN_MIN_CHARS <= len(token) <= TOKEN_MAX_CHARS:
        raise InputError(
            f"a token has {TOKEN_MIN_CHARS} to {TOKEN_MAX_CHARS} characters (got {len(token)})", field="--token"
        )
    if TOKEN_CHARS.fullmatch(token) is None:
        raise InputError("a token uses only letters, digits and . _ ~ -", field="--token")
    return token


def matches(expected: str, given: str | None) -> bool:
    if given is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class Access:
    """The rule for one server: the token (None: none asked) and the cookie that carries it."""

    token: str | None
    port: int

    @property
    def cookie(self) -> str:
        # Cookies ignore ports: two servers on one machine keep theirs apart by name.
        return f"{COOKIE_PREFIX}{self.port}"

    def admits(self, cookie: str | None) -> bool:
        return self.token is None or matches(self.token, cookie)


def needs_token(host: str, public: str | None, token_given: bool) -> bool:
    """A token is needed when the bind, or the public URL a proxy serves it at, reaches beyond this machine."""
    if token_given or not is_loopback(host):
        return True
    return public is not None and not is_loopback(host_name(netloc(public)))
