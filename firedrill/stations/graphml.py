"""Read a GraphML road graph in one streaming pass, keeping only the attributes the planner uses.

A city graph written by OSMnx carries geometry, OSM ids and a dozen tags per edge; networkx would
hold all of it (gigabytes for a city). Here each ``<node>`` and ``<edge>`` is handed to a sink as
soon as it is parsed and then dropped, and ``progress`` is told how much of the file has been read.
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol
from xml.etree.ElementTree import ParseError, iterparse

from firedrill.errors import InputError

NS = "{http://graphml.graphdrawing.org/xmlns}"
NODE_KEYS = frozenset({"x", "y"})
EDGE_KEYS = frozenset({"length", "travel_time", "speed_kph", "bridge", "tunnel", "name", "ref"})
Progress = Callable[[float], None]
GRAPH_TAG = re.compile(rb"<(?:\w+:)?graph\b[^>]*?edgedefault=[\"']([a-z]+)[\"']")
HEAD_LIMIT = 1 << 20  # the <graph> tag comes after the <key> list, well within the first megabyte
CHUNK = 1 << 16


class Sink(Protocol):
    def node(self, node_id: str, data: dict[str, str]) -> None: ...
    def edge(self, u: str, v: str, data: dict[str, str], directed: bool) -> None: ...


class _Counting(io.BufferedIOBase):
    """A binary file that counts the bytes read from it, for the progress bar."""

    def __init__(self, raw: IO[bytes], total: int, progress: Progress | None) -> None:
        super().__init__()
        self.raw, self.total, self.progress, self.done = raw, max(total, 1), progress, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        chunk = self.raw.read(-1 if size is None else size)
        self.done += len(chunk)
        if self.progress is not None:
            self.progress(min(self.done / self.total, 1.0))
        return chunk


def _edgedefault(stream: io.BufferedIOBase) -> tuple[bool, bytes]:
    """Whether the graph is directed, from its opening tag, and the bytes read to find it."""
    head = b""
    while len(head) < HEAD_LIMIT:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        head += chunk
        found = GRAPH_TAG.search(head)
        if found:
            return found.group(1) != b"undirected", head
    return True, head


class _Replay(io.BufferedIOBase):
    """The stream again, the bytes already read first."""

    def __init__(self, head: bytes, rest: io.BufferedIOBase) -> None:
        super().__init__()
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if self.head:
            out, self.head = self.head, b""
            return out
        return self.rest.read(-1 if size is None else size)


def read_graphml(path: Path, sink: Sink, progress: Progress | None = None) -> dict[str, str]:
    """Stream ``path`` (plain or .gz) into ``sink``; returns the graph-level attributes."""
    keys: dict[str, tuple[str, str]] = {}  # key id -> (for, attr.name)
    defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    meta: dict[str, str] = {}
    seen_graph = False
    node_tag, edge_tag, data_tag, key_tag, graph_tag, default_tag = (
        f"{NS}{t}" for t in ("node", "edge", "data", "key", "graph", "default"))
    try:
        with path.open("rb") as raw:
            counted = _Counting(raw, path.stat().st_size, progress)
            stream: io.BufferedIOBase = gzip.GzipFile(fileobj=counted) if path.suffix == ".gz" else counted
            directed, head = _edgedefault(stream)
            for _, elem in iterparse(_Replay(head, stream), events=("end",)):
                tag = elem.tag
                if tag in (node_tag, edge_tag):
                    kind = "node" if tag == node_tag else "edge"
                    wanted = NODE_KEYS if kind == "node" else EDGE_KEYS
                    data = {k: v for k, v in defaults[kind].items() if k in wanted}
                    for child in elem:
                        if child.tag == data_tag:
                            name = keys.get(child.get("key", ""), ("", child.get("key", "")))[1]
                            if name in wanted:
                                data[name] = (child.text or "").strip()
                    if kind == "node":
                        sink.node(str(elem.get("id")), data)
                    else:
                        is_directed = elem.get("directed", "true" if directed else "false") == "true"
                        sink.edge(str(elem.get("source")), str(elem.get("target")), data, is_directed)
                    elem.clear()
                elif tag == key_tag:
                    domain, name = elem.get("for", "all"), elem.get("attr.name", elem.get("id", ""))
                    keys[elem.get("id", "")] = (domain, name)
                    default = next((c for c in elem if c.tag == default_tag), None)
                    if default is not None and default.text is not None:
                        for d in ("node", "edge") if domain == "all" else (domain,):
                            defaults.setdefault(d, {})[name] = default.text.strip()
                elif tag == graph_tag:
                    seen_graph = True
                    # Graph-level <data> are the graph's direct children; a node's were read with it.
                    for child in elem:
                        if child.tag == data_tag:
                            name = keys.get(child.get("key", ""), ("", child.get("key", "")))[1]
                            meta[name] = (child.text or "").strip()
                    elem.clear()
    except InputError:
        raise
    except (ParseError, OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else repr(exc)
        raise InputError(f"not a readable GraphML file: {first}", file=path) from None
    if not seen_graph:
        raise InputError("not a readable GraphML file: no <graph> element", file=path)
    return meta
