"""Benchmark: full assessments per second on one core (target: at least 20,000/s).

Prints its figures; it is not a test. Run with `make bench` or `.venv/bin/python bench/bench_rules.py`.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta

from firedrill.models import Hazard, Incident, SiteCategory
from firedrill.rules import assess

TARGET_PER_SECOND = 20_000


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


def main() -> None:
    incidents = sample_incidents(5_000)
    for incident in incidents[:200]:  # warm caches (rulebook, holiday calendars)
        assess(incident)
    runs = []
    for _ in range(3):
        began = time.perf_counter()
        for incident in incidents:
            assess(incident)
        runs.append(len(incidents) / (time.perf_counter() - began))
    best = max(runs)
    print(f"assessments: {len(incidents)} x {len(runs)} runs on one core")
    print(f"best: {best:,.0f}/s  median: {sorted(runs)[1]:,.0f}/s  target: {TARGET_PER_SECOND:,}/s")
    print("meets target" if best >= TARGET_PER_SECOND else "BELOW TARGET")


if __name__ == "__main__":
    main()
