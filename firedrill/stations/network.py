"""Where the planner's inputs come from: the user's network (config or flags) or the shipped sample, and the rulebook.

A road graph is compiled once into the data directory's network cache (``cache.py``) and read from
there afterwards. The rules engine is imported only here and only when asked, so the rest of the
package works on a DispatchScale and a StandbyRule given by the caller.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import IO

from firedrill.models import Activation, DispatchScale, Level, LinkedUnit
from firedrill.stations.cache import load_network
from firedrill.stations.paths import DEFAULT_OUT, GRAPH_FILE, STATIONS_FILE
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.result import StandbyRule
from firedrill.stations.stationio import load_stations

SAMPLE_GRAPH = DEFAULT_OUT / GRAPH_FILE
SAMPLE_STATIONS = DEFAULT_OUT / STATIONS_FILE


@cache
def prepare(graph: Path = SAMPLE_GRAPH, stations: Path = SAMPLE_STATIONS, *, data_dir: Path | None = None,
            max_snap_m: float | None = None, progress: bool = False) -> PreparedNetwork:  # fmt: skip
    """Load, validate and place a network (kept per set of arguments for the life of the process).

    With ``data_dir`` the graph's compiled arrays are cached there (built on first use, with a
    progress bar on stderr when ``progress``)."""
    network = load_network(Path(graph), data_dir, progress=progress)
    return PreparedNetwork(network, load_stations(stations), max_snap_m=max_snap_m)


def configured(config_file: Path | None = None, data_dir: Path | None = None, progress: bool = False,
               warn: IO[str] | None = None, *, graph: Path | None = None, stations: Path | None = None,
               max_snap_m: float | None = None) -> PreparedNetwork:  # fmt: skip
    """The network ``graph``/``stations`` name, else the config's (``stations: {graph: …, stations: …}``),
    else the sample; ``max_snap_m`` overrides the config's ``stations.max_snap_m``.

    Relative paths in the config are taken from the config file's folder. Warnings about the graph
    (an undirected graph) go to ``warn`` (default stderr) once per process."""
    from firedrill.config import load_config
    from firedrill.config_location import config_path

    settings = load_config(config_file).stations
    if graph is None or stations is None:
        graph, stations = SAMPLE_GRAPH, SAMPLE_STATIONS
        if settings.graph is not None and settings.stations is not None:
            path = config_path(config_file)
            base = path.parent if path is not None else Path.cwd()
            graph, stations = base / settings.graph, base / settings.stations
    limit = max_snap_m if max_snap_m is not None else settings.max_snap_m
    # The sample is small and shipped: it is read directly, once per process, and never cached.
    cache_dir = None if Path(graph) == SAMPLE_GRAPH else data_dir
    prepared = prepare(graph, stations, data_dir=cache_dir, max_snap_m=limit, progress=progress)
    warned(prepared, warn)
    return prepared


def max_snap_for(config_file: Path | None = None, override: float | None = None) -> float | None:
    """The snap distance in force: ``override``, else the config's (None: the settings' default)."""
    from firedrill.config import load_config

    return override if override is not None else load_config(config_file).stations.max_snap_m


_warned: set[str] = set()


def warned(prepared: PreparedNetwork, stream: IO[str] | None = None) -> None:
    """Print the graph's warnings once per process."""
    for text in prepared.network.warnings:
        key = f"{prepared.network.source}:{text}"
        if key not in _warned:
            _warned.add(key)
            (stream or sys.stderr).write(f"firedrill: warning: {prepared.network.source}: {text}\n")


def scale_for(level: Level) -> DispatchScale:
    """The 4.4.2 dispatch scale for ``level`` from the rulebook."""
    from firedrill.rules import load_rulebook
    from firedrill.rules.response import dispatch_for

    return dispatch_for(level, load_rulebook())


def activation_for(level: Level) -> Activation:
    """The 4.2 activation for ``level`` from the rulebook."""
    from firedrill.rules import load_rulebook
    from firedrill.rules.response import activation_for as _activation_for

    return _activation_for(level, load_rulebook())


def linked_for(level: Level) -> tuple[LinkedUnit, ...]:
    """The 4.4.3 linked units for ``level`` from the rulebook (none below the level it applies from)."""
    from firedrill.rules import load_rulebook
    from firedrill.rules.response import linked_units_for

    return tuple(linked_units_for(level, load_rulebook()))


def standby_rule() -> StandbyRule:
    """The 4.4.1(5) rule from the rulebook."""
    from firedrill.rules import load_rulebook

    rule: StandbyRule = load_rulebook().response.dispatch.standby
    return rule
