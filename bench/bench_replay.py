"""Replay speed: scripts per second on a batch of generated scenario scripts, the goal's shape
(scripts of 10 injects, each with an expectation: parsed, replayed and checked, against the goal
of 1,000 scripts/s on one core), and the shipped scenarios with their expectations. Times are
this process's CPU time, so other work on a shared machine counts for little. Prints figures
only; nothing here is a test.

    .venv/bin/python bench/bench_replay.py [--scripts N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from firedrill.playbook.loader import load_library
from firedrill.replay.engine import Replay
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import LoadedScript, load_script, parse_script

ROOT = Path(__file__).resolve().parents[1]
HAZARDS = ("explosion", "collapse", "boilover", "toxic_spread")
PHASES = ("reconnaissance", "rescue", "deployment", "water_supply", "extinguishing")


GOAL_SCRIPTS_PER_SECOND = 1000
GOAL_INJECTS = 10
ROUNDS = 10


def generate(index: int, rng: random.Random, playbooks: list[str], injects: int | None = None) -> str:
    """One plausible script: a fire that grows, wind, calls, flags, a phase, a couple of expectations
    (with ``injects``: exactly that many injects, and an expectation at each)."""
    start = datetime(2026, 1, 1) + timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
    lines = [
        f"id: bench-{index}", "title: 基准脚本", "author: bench", f"playbook: {rng.choice(playbooks)}",
        f"start: {start.isoformat()}", "location: 基准地点", "incident:", f"  burning_area_m2: {rng.randrange(0, 500)}",
        "injects:",
    ]  # fmt: skip
    minute, area = 0, 0
    times = []
    for seq in range(1, (injects if injects is not None else rng.randrange(2, 8)) + 1):
        minute += rng.randrange(1, 40)
        area += rng.randrange(0, 400)
        hazard = f", hazards: [{rng.choice(HAZARDS)}]" if rng.random() < 0.1 else ""
        lines += [f'  - at: "+{minute // 60}:{minute % 60:02d}"', f"    seq: {seq}", "    message: 情况更新",
                  f"    incident: {{burning_area_m2: {area}{hazard}}}", "    prompt: 判断等级"]  # fmt: skip
        if rng.random() < 0.3:
            lines.append(f"    weather: {{wind_force: {rng.randrange(0, 8)}, gust_force: {rng.randrange(0, 9)}}}")
        if rng.random() < 0.5:
            lines.append(f'    calls: {{count: {rng.randrange(1, 6)}, over: "0:{rng.randrange(1, 10):02d}"}}')
        if rng.random() < 0.05:
            lines.append("    flags: {manual_escalation: 指挥部决定}")
        if rng.random() < 0.3:
            lines.append(f"    phase: {rng.choice(PHASES)}")
        times.append(minute)
    lines += ["expect:"]
    for at in times if injects is not None else times[-1:]:
        lines += [f'  - at: "+{at // 60}:{at % 60:02d}"', "    escalated: false", "    why: bench"]
    return "\n".join(lines) + "\n"


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s" if seconds else "∞"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scripts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    library = load_library()
    rng = random.Random(args.seed)
    texts = [generate(i, rng, list(library.ids())) for i in range(args.scripts)]

    t0 = time.process_time()
    loaded: list[LoadedScript] = [parse_script(text, f"bench-{i}.yaml", library) for i, text in enumerate(texts)]
    t1 = time.process_time()
    replays = [Replay(script) for script in loaded]
    entries = sum(len(r.timeline) for r in replays)
    t2 = time.process_time()
    checks = sum(len(check_replay(r)) for r in replays)
    t3 = time.process_time()
    print(f"generated scripts: {args.scripts} (seed {args.seed}), timeline entries: {entries:,}")
    print(f"  parse + check schema: {t1 - t0:6.2f} s  {_rate(args.scripts, t1 - t0)} scripts")
    print(f"  replay (timeline):    {t2 - t1:6.2f} s  {_rate(args.scripts, t2 - t1)} scripts, "
          f"{_rate(entries, t2 - t1)} entries")  # fmt: skip
    print(f"  expectations:         {t3 - t2:6.2f} s  {_rate(checks, t3 - t2)} expectations")
    print(f"  total:                {t3 - t0:6.2f} s  {_rate(args.scripts, t3 - t0)} scripts")

    del loaded, replays  # the batch above is done with: its objects would only tax the collector below
    ids = list(library.ids())
    size = max(1, args.scripts // ROUNDS)
    rates, floors = [], []
    for _ in range(ROUNDS):  # fresh scripts each round, so no round reads another's words from a cache
        goal = [generate(i, rng, ids, GOAL_INJECTS) for i in range(size)]
        t6 = time.process_time()
        for i, text in enumerate(goal):
            check_replay(Replay(parse_script(text, f"goal-{i}.yaml", library)))
        t7 = time.process_time()
        for text in goal:
            yaml.load(text, Loader=yaml.CSafeLoader)
        t8 = time.process_time()
        rates.append(size / (t7 - t6))
        floors.append((t7 - t6) / (t8 - t7))
    rate, best = statistics.median(rates), max(rates)
    goal_ratio = rate / GOAL_SCRIPTS_PER_SECOND
    print(f"goal shape ({GOAL_INJECTS} injects, an expectation each; {ROUNDS} rounds of {size}): median "
          f"{rate:,.0f} scripts/s, best {best:,.0f}/s parsed, replayed and checked — {goal_ratio:.2f}× the goal "
          f"of {GOAL_SCRIPTS_PER_SECOND:,}/s (a script costs {statistics.median(floors):.1f}× libyaml's read of "
          "its text, side by side)")  # fmt: skip

    shipped = sorted((ROOT / "scenarios").glob("*.yaml"))
    t4 = time.process_time()
    failed = sum(1 for path in shipped for r in check_replay(Replay(load_script(path, library))) if not r.passed)
    t5 = time.process_time()
    print(f"shipped scenarios with --check: {len(shipped)} in {t5 - t4:.2f} s ({failed} failed expectations)")


if __name__ == "__main__":
    main()
