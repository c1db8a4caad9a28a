"""Benchmark: loading the 16 built-in playbooks, indexing them, searching, and a calculator.

Search is measured per query on the shipped library against the goal of 20 ms, side by side with
the plain substring scan of every searchable string it replaced (the floor any search pays).
Prints its figures; it is not a test. Run with `make bench` or `.venv/bin/python bench/bench_playbooks.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from firedrill.playbook.calculators import tank_cooling
from firedrill.playbook.loader import builtin_dir, load_builtin
from firedrill.playbook.search import search
from firedrill.playbook.search_index import build_index, index_for

ROUNDS = 20
GOAL_MS = 20.0
QUERIES = ("玻璃幕墙", "glass curtain wall", "沸溢", "火场供水", "evacuate", "油罐 冷却", "油罐冷却", "冷却 油罐",
           "倒塌", "水泵结合器", "SCBA", "elevator", "LPG", "live", "火", "空(氧)气呼吸器 侦察 地铁")  # fmt: skip


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
    print(f"build the search index: {_per_call(lambda: build_index(library), ROUNDS) * 1000:.1f} ms (once per process)")
    index = index_for(library)
    worst = 0.0
    for query in QUERIES:
        took = _per_call(lambda q=query: search(library, q), ROUNDS) * 1000
        scan = _per_call(lambda q=query: [t for t in index.targets if q.casefold() in t.folded], ROUNDS) * 1000
        worst = max(worst, took)
        print(
            f"search {query!r}: {len(search(library, query))} hits, {took:.2f} ms "
            f"(substring scan {scan:.2f} ms, ×{took / scan:.1f}; goal {GOAL_MS:.0f} ms, ×{took / GOAL_MS:.2f})"
        )
    print(f"slowest query: {worst:.2f} ms = ×{worst / GOAL_MS:.2f} of the {GOAL_MS:.0f} ms goal")
    oil_tank = library.get("oil-tank")
    took = _per_call(lambda: tank_cooling(oil_tank, 40, neighbours=2, branch_flow_ls=6.5), ROUNDS * 50)
    print(f"tank cooling: {took * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
