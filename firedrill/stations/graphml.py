"""Read a GraphML road graph in one streaming pass, keeping only the attributes the planner uses.

A city graph written by OSMnx carries geometry, OSM ids and a dozen tags per edge; networkx would
hold all of it (gigabytes for a city). Here each ``<node>`` and ``<edge>`` is handed to a sink as
soon as it is parsed and then dropped, and ``progress`` is told how much of the file has been read.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol
from xml.etree.ElementTree import Element, ParseError, iterparse

from firedrill.errors import InputError

NS = "{http://graphml.graphdrawing.org/xmlns}"
NODE_KEYS = frozenset({"x", "y"})
EDGE_KEYS = frozenset({"length", "travel_time", "speed_kph", "bridge", "tunnel", "name", "ref"})
Progress = Callable[[float], None]


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


def _tag(elem: Element) -> str:
    return elem.tag[len(NS):] if elem.tag.startswith(NS) else elem.tag


def read_graphml(path: Path, sink: Sink, progress: Progress | None = None) -> dict[str, str]:
    """Stream ``path`` (plain or .gz) into ``sink``; returns the graph-level attributes."""
    keys: dict[str, tuple[str, str]] = {}  # key id -> (for, attr.name)
    defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    meta: dict[str, str] = {}
    directed = True
    seen_graph = False
    try:
        with path.open("rb") as raw:
            counted = _Counting(raw, path.stat().st_size, progress)
            stream: io.BufferedIOBase = gzip.GzipFile(fileobj=counted) if path.suffix == ".gz" else counted
            parents: list[Element] = []
            for event, elem in iterparse(stream, events=("start", "end")):
                tag = _tag(elem)
                if event == "start":
                    if tag == "graph" and not seen_graph:
                        seen_graph = True
                        directed = elem.get("edgedefault", "directed") == "directed"
                    parents.append(elem)
                    continue
                parents.pop()
                if tag == "key":
                    domain, name = elem.get("for", "all"), elem.get("attr.name", elem.get("id", ""))
                    keys[elem.get("id", "")] = (domain, name)
                    default = next((c for c in elem if _tag(c) == "default"), None)
                    if default is not None and default.text is not None:
                        for d in ("node", "edge") if domain == "all" else (domain,):
                            defaults.setdefault(d, {})[name] = default.text.strip()
                elif tag in ("node", "edge"):
                    wanted = NODE_KEYS if tag == "node" else EDGE_KEYS
                    data = {k: v for k, v in defaults[tag].items() if k in wanted}
                    for child in elem:
                        if _tag(child) == "data":
                            name = keys.get(child.get("key", ""), ("", child.get("key", "")))[1]
                            if name in wanted:
                                data[name] = (child.text or "").strip()
                    if tag == "node":
                        sink.node(str(elem.get("id")), data)
                    else:
                        is_directed = elem.get("directed", "true" if directed else "false") == "true"
                        sink.edge(str(elem.get("source")), str(elem.get("target")), data, is_directed)
                    if parents:
                        parents[-1].remove(elem)
                elif tag == "data" and parents and _tag(parents[-1]) == "graph":
                    name = keys.get(elem.get("key", ""), ("", elem.get("key", "")))[1]
                    meta[name] = (elem.text or "").strip()
    except InputError:
        raise
    except (ParseError, OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else repr(exc)
        raise InputError(f"not a readable GraphML file: {first}", file=path) from None
    if not seen_graph:
        raise InputError("not a readable GraphML file: no <graph> element", file=path)
    return meta
