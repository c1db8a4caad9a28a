"""Benchmark: loading the 16 built-in playbooks, a search, and a calculator (what the CLI pays per call).

Prints its figures; it is not a test. Run with `make bench` or `.venv/bin/python bench/bench_playbooks.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from firedrill.playbook.calculators import tank_cooling
from firedrill.playbook.loader import builtin_dir, load_builtin
from firedrill.playbook.search import search

ROUNDS = 20
QUERIES = ("玻璃幕墙", "glass curtain wall", "沸溢", "火场供水", "evacuate")


def _per_call(action: Callable[[], object], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        action()
    return (time.perf_counter() - start) / rounds


def main() -> None:
    directory = builtin_dir()
    load = _per_call(lambda: load_builtin(directory), ROUNDS)
    library = load_builtin(directory)
    print(f"load {len(library)} playbooks: {load * 1000:.1f} ms")
    for query in QUERIES:
        took = _per_call(lambda q=query: search(library, q), ROUNDS)
        print(f"search {query!r}: {len(search(library, query))} hits, {took * 1000:.2f} ms")
    oil_tank = library.get("oil-tank")
    took = _per_call(lambda: tank_cooling(oil_tank, 40, 20, 2), ROUNDS * 50)
    print(f"tank cooling: {took * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
