"""The compiled network cache: a road graph's arrays kept as ``.npz`` beside the user's data.

A city graph takes tens of seconds to parse and validate; its arrays load in a fraction of a
second. The cache file is named by the SHA-256 of the GraphML file's bytes, so an edited file gets
a new cache and an unchanged one, wherever it lives, is read once. A cache that cannot be read, or
whose arrays do not fit together, is refused, removed and rebuilt: it is never trusted in part.
Files are written to a temporary name and renamed, so a reader never sees half a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import numpy as np

from firedrill.stations.graph import load_graphml
from firedrill.stations.roads import RoadNetwork

FORMAT = 2  # bump when the arrays or their meaning change
CACHE_DIR = "network-cache"
HASHES = "hashes.json"
RACY_NS = 2_000_000_000
ARRAYS = ("lon", "lat", "indptr", "heads", "edge_time", "edge_length", "edge_crossing_code", "rev_indptr",
          "rev_edge", "scc")
Report = Callable[[str], None]


class DamagedCache(Exception):
    """The cache file exists but cannot be used."""


def content_hash(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def known_hash(path: Path, folder: Path) -> str:
    """The file's SHA-256, remembered in ``hashes.json`` against its size, mtime (ns) and inode.

    Hashing a city graph takes a fifth of a second; a file whose size, modification time and inode
    are unchanged is taken to be unchanged, as version control tools take it. A file changed within
    ``RACY_NS`` of its hashing is hashed again every time (an edit in the same clock tick keeps the mtime)."""
    memo_file = folder / HASHES
    try:
        memo = json.loads(memo_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    if not isinstance(memo, dict):
        memo = {}
    key, stamp = str(path.resolve()), _stamp(path)
    entry = memo.get(key)
    if (isinstance(entry, dict) and entry.get("stamp") == stamp and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("at_ns"), int) and stamp[1] < entry["at_ns"] - RACY_NS):
        return str(entry["sha256"])
    at_ns = time.time_ns()
    digest = content_hash(path)
    memo[key] = {"stamp": stamp, "sha256": digest, "at_ns": at_ns}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(memo, handle)
        os.replace(tmp, memo_file)
    except OSError:
        pass  # the memo only saves time
    return digest


def cache_path(graph: Path, data_dir: Path) -> Path:
    folder = data_dir / CACHE_DIR
    return folder / f"{known_hash(graph, folder)}.npz"


def save(network: RoadNetwork, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT, "source": network.source, "meta": network.meta, "warnings": network.warnings,
              "names": network.names, "node_count": network.node_count, "edge_count": network.edge_count}
    arrays = {name: getattr(network, name) for name in ARRAYS}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, header=np.asarray(json.dumps(header, ensure_ascii=False)),
                     node_ids=np.asarray(network.node_ids, dtype=np.str_), **arrays)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path, source: str) -> RoadNetwork:
    """The network in a cache file; DamagedCache if anything in it is missing or inconsistent."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            header = json.loads(str(npz["header"]))
            arrays = {name: npz[name] for name in ARRAYS}
            node_ids = npz["node_ids"].tolist()
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise DamagedCache(f"{path}: {exc}") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise DamagedCache(f"{path}: not cache format {FORMAT}")
    n, m = header.get("node_count"), header.get("edge_count")
    shapes_ok = (
        len(node_ids) == n and all(len(arrays[a]) == n for a in ("lon", "lat", "scc"))
        and len(arrays["indptr"]) == n + 1 and len(arrays["rev_indptr"]) == n + 1
        and all(len(arrays[a]) == m for a in ("heads", "edge_time", "edge_length", "edge_crossing_code", "rev_edge"))
        and int(arrays["indptr"][-1]) == m and int(arrays["rev_indptr"][-1]) == m
        and (m == 0 or (int(arrays["heads"].min()) >= 0 and int(arrays["heads"].max()) < n
                        and int(arrays["rev_edge"].min()) >= 0 and int(arrays["rev_edge"].max()) < m))
        and (m == 0 or int(arrays["edge_crossing_code"].max()) < len(header.get("names", [])))
        and bool(np.all(np.diff(arrays["indptr"]) >= 0))
    )
    if not shapes_ok:
        raise DamagedCache(f"{path}: arrays do not fit together")
    return RoadNetwork(source=source, node_ids=[str(x) for x in node_ids], meta=header["meta"],
                       warnings=header["warnings"], names=header["names"], **arrays)


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal (scripts get a clean stderr)."""

    def __init__(self, label: str, stream: IO[str] | None = None, width: int = 30, force: bool = False) -> None:
        self.label, self.stream, self.width, self.shown = label, stream or sys.stderr, width, -1
        self.tty = force or self.stream.isatty()

    def __call__(self, fraction: float) -> None:
        percent = int(fraction * 100)
        if not self.tty or percent == self.shown:
            return
        self.shown = percent
        filled = int(fraction * self.width)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {percent:3d}%")
        if percent >= 100:
            self.stream.write("\n")
        self.stream.flush()


def load_network(graph: Path, data_dir: Path | None, progress: bool = True,
                 stream: IO[str] | None = None) -> RoadNetwork:  # fmt: skip
    """The network of ``graph``: from its cache in ``data_dir`` when there is a good one, else built and cached."""
    if data_dir is None:
        return load_graphml(graph, ProgressBar(f"reading {graph.name}", stream) if progress else None)
    from firedrill.errors import InputError

    if not graph.is_file():
        raise InputError("road graph file not found", file=graph)
    target = cache_path(graph, data_dir)
    if target.is_file():
        try:
            return load(target, str(graph))
        except DamagedCache as exc:
            (stream or sys.stderr).write(f"firedrill: network cache refused, rebuilding ({exc})\n")
            target.unlink(missing_ok=True)
    bar = ProgressBar(f"compiling {graph.name} (once; cached in {target.parent})", stream) if progress else None
    network = load_graphml(graph, bar)
    try:
        save(network, target)
    except OSError as exc:
        (stream or sys.stderr).write(f"firedrill: network cache not written ({exc.strerror})\n")
    return network
