"""The compiled network cache: built once, reused, rebuilt when the file changes, refused when damaged."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from firedrill.stations import cache
from firedrill.stations.cache import DamagedCache, cache_path, load, load_network
from tests.stations.osmnx_graphml import write_osmnx_graphml

NODES = [("1", 114.0, 30.5), ("2", 114.01, 30.5), ("3", 114.02, 30.5)]


def _edges(time_s: float = 60.0) -> list[tuple[str, str, dict[str, str]]]:
    out = []
    for u, v in (("1", "2"), ("2", "3")):
        for a, b in ((u, v), (v, u)):
            out.append((a, b, {"length": "900.5", "travel_time": str(time_s), "name": "['横0路', '纵5街']"}))
    return out


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    return write_osmnx_graphml(tmp_path / "city.graphml", NODES, _edges())


def test_built_once_then_read_without_parsing(graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    first = load_network(graph, data, progress=False)
    target = cache_path(graph, data)
    assert target.is_file() and target.parent.name == cache.CACHE_DIR

    def no_parsing(*_: object, **__: object) -> None:
        raise AssertionError("the GraphML was parsed again")

    monkeypatch.setattr(cache, "load_graphml", no_parsing)
    again = load_network(graph, data, progress=False)
    assert again.node_ids == first.node_ids
    assert np.array_equal(again.edge_time, first.edge_time) and again.names == first.names
    assert again.snap(114.0101, 30.5)[0] == first.index["2"]


def test_an_edited_file_gets_a_new_cache(graph: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    before = load_network(graph, data, progress=False)
    old = cache_path(graph, data)
    write_osmnx_graphml(graph, NODES, _edges(time_s=90.0))
    after = load_network(graph, data, progress=False)
    assert cache_path(graph, data) != old
    assert float(after.edge_time.max()) == 90.0 and float(before.edge_time.max()) == 60.0


@pytest.mark.parametrize("damage", ["truncate", "garbage", "inconsistent"])
def test_a_damaged_cache_is_refused_and_rebuilt(graph: Path, tmp_path: Path, damage: str) -> None:
    data = tmp_path / "data"
    good = load_network(graph, data, progress=False)
    target = cache_path(graph, data)
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:200])
    elif damage == "garbage":
        target.write_bytes(b"not a zip file at all")
    else:
        bad = {name: getattr(good, name) for name in cache.ARRAYS}
        bad["heads"] = bad["heads"] + 99  # points past the last node
        with np.load(target) as npz:
            header = npz["header"]
            ids = npz["node_ids"]
        np.savez(target.with_suffix(".tmp.npz"), header=header, node_ids=ids, **bad)
        target.with_suffix(".tmp.npz").replace(target)
    with pytest.raises(DamagedCache):
        load(target, str(graph))
    warnings = io.StringIO()
    rebuilt = load_network(graph, data, progress=False, stream=warnings)
    assert "network cache refused, rebuilding" in warnings.getvalue()
    assert np.array_equal(rebuilt.heads, good.heads)
    assert load(target, str(graph)).node_ids == good.node_ids


def test_progress_bar_on_a_terminal(graph: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    bar = cache.ProgressBar("compiling", out, force=True)
    from firedrill.stations.graph import load_graphml

    load_graphml(graph, bar)
    assert "100%" in out.getvalue() and "compiling [" in out.getvalue()


def test_an_unchanged_file_is_not_hashed_again(graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    hour_ago = graph.stat().st_mtime - 3600
    os.utime(graph, (hour_ago, hour_ago))
    data = tmp_path / "data"
    first = cache_path(graph, data)
    monkeypatch.setattr(cache, "content_hash", lambda _: (_ for _ in ()).throw(AssertionError("hashed again")))
    assert cache_path(graph, data) == first
    monkeypatch.undo()
    write_osmnx_graphml(graph, NODES, _edges(time_s=75.0))  # a real edit moves the mtime
    assert cache_path(graph, data) != first
