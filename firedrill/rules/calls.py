"""Rising calls (4.3(4) 报告同一地点火警的电话持续增多), derived from call timestamps.

Reading (docs/rules.md): count the calls in consecutive buckets ending at the latest call; the
calls are rising when the counts strictly increase from the oldest bucket to the newest.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import pairwise

from firedrill.config import RisingCallsRule


def bucket_counts(calls: Sequence[datetime], rule: RisingCallsRule) -> list[int]:
    """Calls per bucket, oldest first; the newest bucket ends at (and includes) the latest call."""
    if not calls:
        return [0] * rule.buckets
    latest = max(calls)
    width = timedelta(minutes=rule.bucket_minutes)
    counts = [0] * rule.buckets
    for call in calls:
        age = latest - call
        index = int(age // width)  # bucket 0 holds ages in [0, width)
        if index < rule.buckets:
            counts[rule.buckets - 1 - index] += 1
    return counts


def calls_rising(calls: Sequence[datetime], rule: RisingCallsRule) -> bool:
    counts = bucket_counts(calls, rule)
    return all(a < b for a, b in pairwise(counts))
