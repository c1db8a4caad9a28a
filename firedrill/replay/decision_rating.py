"""The problems of one decision at a prompt (docs/scenarios.md, "The rating rule"): the level
declared against the plan's 火警等级 (after 4.3), the triggers against those that hold, the
dispatch counts against the 4.4.2 ranges, and the time taken against the targets."""

from __future__ import annotations

from firedrill.models import Range
from firedrill.replay.answers import Declaration
from firedrill.replay.scoring import IssueCode, Times
from firedrill.replay.timeline import Decision
from firedrill.replay.words import span


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def _within(value: int | None, r: Range | None) -> bool:
    if r is None or value is None:
        return False
    return r.minimum <= value and (r.maximum is None or value <= r.maximum)


def find_issues(
    declared: Declaration | None, seconds: float | None, required: Decision, times: Times
) -> list[tuple[IssueCode, str]]:
    """The problems of one answer, as (code, detail)."""
    if declared is None:
        return [(IssueCode.NO_ANSWER, "no answer")]
    issues: list[tuple[IssueCode, str]] = []
    if declared.level.rank < required.level.rank:
        issues.append((IssueCode.LEVEL_BELOW, f"{declared.level.value} < {required.level.value}"))
    elif declared.level.rank > required.level.rank:
        issues.append((IssueCode.LEVEL_ABOVE, f"{declared.level.value} > {required.level.value}"))
    if set(declared.triggers) != set(required.triggers):
        said = ",".join(sorted(t.value for t in declared.triggers)) or "-"
        holds = ",".join(sorted(t.value for t in required.triggers)) or "-"
        issues.append((IssueCode.TRIGGERS_DIFFER, f"declared {said}; holding {holds}"))
    scale = required.dispatch
    if scale.set_by_plan:
        given = declared.dispatch
        if given is None or all(getattr(given, n) is None for n in ("stations", "formations", "engines")):
            issues.append((IssueCode.DISPATCH_MISSING, "no dispatch scale declared"))
        else:
            outside = [
                f"{name} {_count(getattr(given, name))} not in {span(getattr(scale, name))}"
                for name in ("stations", "formations", "engines")
                if not _within(getattr(given, name), getattr(scale, name))
            ]
            if outside:
                issues.append((IssueCode.DISPATCH_OUTSIDE, "; ".join(outside)))
    if seconds is not None and seconds > times.limit_seconds:
        issues.append((IssueCode.OVER_TIME_LIMIT, f"{seconds:g} s > {times.limit_seconds:g} s"))
    elif seconds is not None and seconds > times.target_seconds:
        issues.append((IssueCode.OVER_TIME_TARGET, f"{seconds:g} s > {times.target_seconds:g} s"))
    return issues
