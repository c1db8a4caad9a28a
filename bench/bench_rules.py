"""Benchmark: what grading costs a user, measured side by side in one run (this machine is shared).

1. A one-shot grade: the CPU of ``firedrill classify`` (start to report) against
   ``python -c "import pydantic, yaml"`` (the floor the target is set against, 2×) and against the
   same floor with one pydantic model class defined (the least any pydantic-validated program pays),
   interleaved, several rounds, medians of user+sys CPU.
2. Throughput: full assessments per second on one core (target 50,000/s), beside the rate of a
   plain pydantic validation of the same incidents, so a slow machine shows as a slow reference.

Prints its figures; it is not a test. Run with ``make bench`` or ``.venv/bin/python bench/bench_rules.py``.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime, timedelta
from pathlib import Path

from firedrill.adapters import validate
from firedrill.models import Hazard, Incident, SiteCategory
from firedrill.rules import assess

COLD_RATIO_TARGET = 2.0
RATE_TARGET = 50_000
ROUNDS = 9
FIREDRILL = str(Path(sys.executable).with_name("firedrill"))
COMMANDS = {
    "floor: import pydantic, yaml": [sys.executable, "-c", "import pydantic, yaml"],
    "floor + one pydantic model": [
        sys.executable, "-c", "import pydantic, yaml\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)",
    ],
    "firedrill classify": [FIREDRILL, "classify", "--deaths", "12", "--at", "2026-03-10T23:00"],
}


# As a user's installed copy runs: with its bytecode compiled (an installed wheel has it; a sandbox
# that sets PYTHONDONTWRITEBYTECODE would have every run compile firedrill's sources again).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONWARNINGS": "ignore"}


def _cpu_of(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_start() -> None:
    for command in COMMANDS.values():  # warm the file cache, the bytecode and the rule cache
        _cpu_of(command)
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(ROUNDS):
        for name, command in COMMANDS.items():
            samples[name].append(_cpu_of(command))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    floor = medians["floor: import pydantic, yaml"]
    print(f"one-shot grade, CPU (user+sys), median of {ROUNDS} interleaved rounds:")
    for name, value in medians.items():
        print(f"  {name:32s} {value * 1000:7.1f} ms  {value / floor:4.2f}× the floor")
    ratio = medians["firedrill classify"] / floor
    verdict = "meets" if ratio <= COLD_RATIO_TARGET else "ABOVE"
    print(f"  classify / floor: {ratio:.2f}× ({verdict} the {COLD_RATIO_TARGET:.0f}× target)")


def sample_incidents(n: int, seed: int = 2021) -> list[Incident]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1)
    incidents = []
    for _ in range(n):
        incidents.append(
            Incident(
                deaths=rng.choice([0, 2, 3, 9, 10, 29, 30, 45]),
                serious_injuries=rng.choice([0, 10, 49, 50, 100]),
                direct_loss_yuan=rng.choice([0, 1e7, 5e7, 1e8]),
                burning_area_m2=rng.uniform(0, 2500),
                site_category=rng.choice(list(SiteCategory)),
                hazards=tuple(rng.sample(list(Hazard), rng.choice([0, 0, 0, 1]))),
                reported_at=start + timedelta(minutes=rng.randrange(365 * 24 * 60)),
                wind_force=rng.choice([None, 3, 5, 7]),
                calls=tuple(start + timedelta(minutes=m) for m in sorted(rng.sample(range(60), rng.randrange(6)))),
            )
        )
    return incidents


def throughput() -> None:
    incidents = sample_incidents(5_000)
    as_dicts = [{f.name: getattr(i, f.name) for f in fields(i)} for i in incidents]
    for incident in incidents[:200]:  # warm the rulebook and the holiday calendars
        assess(incident)
    rates: list[float] = []
    references: list[float] = []
    for _ in range(5):
        rates.append(len(incidents) / _timed(lambda: [assess(i) for i in incidents]))
        references.append(len(as_dicts) / _timed(lambda: [validate(Incident, d) for d in as_dicts]))
    best, reference = max(rates), max(references)
    print(f"full assessments, {len(incidents)} incidents x {len(rates)} runs, one core (CPU time):")
    print(f"  assess: best {best:,.0f}/s, median {statistics.median(rates):,.0f}/s")
    print(f"  reference, pydantic validating the same Incidents: best {reference:,.0f}/s "
          f"(an assessment costs {reference / best:.1f} validations)")
    verdict = "meets" if best >= RATE_TARGET else "BELOW"
    print(f"  {verdict} the target of {RATE_TARGET:,}/s")


def _timed(work: Callable[[], object]) -> float:
    began = time.process_time()
    work()
    return time.process_time() - began


def main() -> None:
    cold_start()
    throughput()


if __name__ == "__main__":
    main()
