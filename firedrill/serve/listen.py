"""Can ``firedrill serve`` listen where it is asked to? Checked before the server starts, told in one line.

The host is resolved in a thread of its own with a time limit, so that a dead name server cannot hang
the command; then every address it resolves to is bound once, as the server will bind it, and let go.
"""

from __future__ import annotations

import errno
import socket
import threading
from typing import Any

from firedrill.errors import InputError

RESOLVE_TIMEOUT_S = 10.0
Address = tuple[socket.AddressFamily, socket.SocketKind, int, tuple[Any, ...]]


def resolve(host: str, port: int, timeout_s: float = RESOLVE_TIMEOUT_S) -> list[Address]:
    """The addresses ``host`` stands for, as the server would bind them."""
    found: list[Address] = []
    failure: list[OSError] = []

    def lookup() -> None:
        try:
            for family, kind, proto, _name, sockaddr in socket.getaddrinfo(
                host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            ):
                found.append((family, kind, proto, tuple(sockaddr)))
        except OSError as exc:
            failure.append(exc)

    worker = threading.Thread(target=lookup, name="resolve-host", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise InputError(f"no answer resolving {host!r} within {timeout_s:g} s; give an IP address", field="--host")
    if failure or not found:
        reason = failure[0].strerror if failure and failure[0].strerror else "no address"
        raise InputError(f"cannot resolve {host!r} ({reason})", field="--host")
    return found


def explain(exc: OSError, host: str, port: int) -> InputError:
    """One line for a failed bind: what went wrong and what to do."""
    if exc.errno == errno.EADDRINUSE:
        return InputError(
            f"port {port} is already in use on {host}; stop what holds it or choose another",
            field="--port",
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return InputError(f"{host} is not an address of this machine; give one of its own or 0.0.0.0", field="--host")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"not allowed to listen on port {port} (ports below 1024 need privileges)", field="--port")
    if isinstance(exc, socket.gaierror):
        return InputError(f"cannot resolve {host!r} ({exc.strerror})", field="--host")
    return InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})", field="--host")


def check_can_listen(host: str, port: int) -> None:
    """Raise :class:`InputError` unless every address of ``host`` can be bound on ``port`` now."""
    for family, kind, proto, sockaddr in resolve(host, port):
        with socket.socket(family, kind, proto) as probe:
            # As asyncio's server does: SO_REUSEADDR, and an IPv6 socket for IPv6 only.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(sockaddr)
            except OSError as exc:
                raise explain(exc, host, port) from None
