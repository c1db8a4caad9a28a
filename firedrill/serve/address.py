"""Addresses for ``firedrill serve``: which binds are loopback, which Host headers and public URLs are sound.

The page a browser loads names the URLs of its script and its websocket. They must be ones the browser
can reach: the address it used itself (the request's Host header), or the ``--public-url`` the operator
gave. Nothing here touches the network except :func:`outward_address`, which sends no packet.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from firedrill.errors import InputError

LOCAL_NAMES = ("localhost",)
WILDCARDS = ("0.0.0.0", "::", "")
# A host name or IPv4 address, or a bracketed IPv6 address, then an optional port: what a Host header
# may hold. Anything else (spaces, quotes, slashes) never reaches a page.
HOST_HEADER = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))(?::[0-9]{1,5})?")
SCHEMES = ("http", "https")
# A documentation address (RFC 5737): connecting a UDP socket to it picks the outward interface, sends nothing.
PROBE = ("192.0.2.1", 9)


def host_name(host: str) -> str:
    """The name part of ``host`` or of a ``host:port`` Host header, without IPv6 brackets."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        return host.split(":", 1)[0]
    return host


def is_loopback(host: str) -> bool:
    """True when ``host`` can only be reached from this machine."""
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def sound_host_header(value: str) -> bool:
    return HOST_HEADER.fullmatch(value) is not None


def public_url(raw: str) -> str:
    """``--public-url`` checked: http(s), a sound host, an optional path; returned without a trailing slash."""
    parts = urlsplit(raw.strip())
    if parts.scheme not in SCHEMES:
        raise InputError(f"a public URL starts with http:// or https:// (got {raw!r})", field="--public-url")
    if not sound_host_header(parts.netloc):
        raise InputError(f"not a host[:port] in {raw!r}", field="--public-url")
    if parts.query or parts.fragment:
        raise InputError(f"a public URL has no query or fragment (got {raw!r})", field="--public-url")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def netloc(url: str) -> str:
    """The host[:port] of a URL or an Origin header, lower-cased ('' when it has none)."""
    return urlsplit(url).netloc.lower()


def outward_address() -> str | None:
    """This machine's address on the network it routes to by default, or None when it has none."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(PROBE)
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if ipaddress.ip_address(address).is_unspecified else address


def url_host(host: str) -> str:
    """``host`` as it is written in a URL (IPv6 addresses bracketed)."""
    try:
        return f"[{host}]" if ipaddress.ip_address(host).version == 6 else host
    except ValueError:
        return host


def printed_base(host: str, port: int, public: str | None) -> str:
    """The base URL to print at start: the public URL, else the bind, else (on a wildcard) the outward address."""
    if public is not None:
        return public
    if host in WILDCARDS:
        host = outward_address() or socket.gethostname()
    return f"http://{url_host(host)}:{port}"
