"""Rising calls (4.3(4) 报告同一地点火警的电话持续增多), derived from call timestamps.

Readings (docs/rules.md, setting ``rules.rising_calls``; the plan gives no numbers):

- ``window`` (default): the first report counts as a call; the calls are rising once
  ``calls`` of them have come within ``window_minutes`` minutes (both ends included).
- ``buckets`` (the former reading): count the calls in consecutive buckets ending at the latest
  call; rising when the counts strictly increase from the oldest bucket to the newest.

Either way the trigger is latched: given the calls on record up to a moment, it holds when it held
at any call among them. The state can only change at a call, so checking at each call time is
exact, and the answer is a pure function of the call times: a replay and the console agree.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from firedrill.rulesconfig import RisingCallsRule


@dataclass(frozen=True)
class Held:
    """When the rising-calls trigger first held, and the calls that made it hold."""

    at: datetime  # the call at which it first held
    count: int  # calls within the window ending at ``at`` (window method)
    counts: tuple[int, ...] = ()  # calls per bucket ending at ``at`` (buckets method)


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
    """The buckets reading at the latest call (not latched)."""
    counts = bucket_counts(calls, rule)
    return all(a < b for a, b in pairwise(counts))


def counted_calls(calls: Sequence[datetime], reported_at: datetime) -> list[datetime]:
    """The calls, the first report counted as a call unless a call is on record at or before it."""
    kept = sorted(calls)
    if not (kept and kept[0] <= reported_at):
        kept.insert(0, reported_at)
    return kept


def rising_held(calls: Sequence[datetime], reported_at: datetime, rule: RisingCallsRule) -> Held | None:
    """The first call at which the calls were rising under ``rule``, or None (the latched reading)."""
    if rule.method == "window":
        if len(calls) + 1 < rule.calls:  # too few even with the report counted
            return None
        counted = counted_calls(calls, reported_at)
        if len(counted) < rule.calls:
            return None
        # The first call that closes a run of ``calls`` calls within the window: in time order, the
        # earliest i at which the i-th call and the one ``calls - 1`` before it lie within the window.
        # No window ending at an earlier call holds as many (it would close an earlier run).
        width, need = timedelta(minutes=rule.window_minutes), rule.calls
        for oldest, moment in zip(counted, counted[need - 1:], strict=False):
            if moment - oldest <= width:
                # Counted at that moment: every call inside the window, those at the same moment too.
                count = bisect_right(counted, moment) - bisect_left(counted, moment - width)
                return Held(at=moment, count=count)
        return None
    counted = sorted(calls)
    for moment in dict.fromkeys(counted):
        so_far = [c for c in counted if c <= moment]
        if calls_rising(so_far, rule):
            return Held(at=moment, count=len(so_far), counts=tuple(bucket_counts(so_far, rule)))
    return None
