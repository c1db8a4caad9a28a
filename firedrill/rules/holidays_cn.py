"""Official Chinese holiday blocks (重大节日期间 of clause 4.3(1)).

A block is a run of consecutive days off that holds at least one statutory or substitute
holiday, computed from the ``holidays`` package: the holidays themselves plus the weekend days
inside or against them — never a weekend day that is a make-up working day (调休上班).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

ONE_DAY = timedelta(days=1)
SATURDAY = 5


@cache
def _calendar(year: int) -> tuple[frozenset[date], frozenset[date], dict[date, str]]:
    cn = holidays.country_holidays("CN", years=range(year - 1, year + 2))
    names = {d: str(n) for d, n in cn.items()}
    return frozenset(names), frozenset(cn.weekend_workdays), names


def _is_off(day: date) -> bool:
    holiday_days, workdays, _ = _calendar(day.year)
    if day in holiday_days:
        return True
    return day.weekday() >= SATURDAY and day not in workdays


def _days(first: date, last: date) -> list[date]:
    return [first + ONE_DAY * i for i in range((last - first).days + 1)]


@cache
def holiday_block(day: date) -> tuple[date, date, str] | None:
    """The holiday block containing ``day`` as (first, last, name), or None."""
    if not _is_off(day):
        return None
    first = day
    while _is_off(first - ONE_DAY):
        first -= ONE_DAY
    last = day
    while _is_off(last + ONE_DAY):
        last += ONE_DAY
    names: list[str] = []
    current = first
    while current <= last:
        _, _, by_day = _calendar(current.year)
        name = by_day.get(current, "").replace(" (observed)", "")
        if name and not name.startswith("Day off") and name not in names:
            names.append(name)
        current += ONE_DAY
    if not any(_calendar(d.year)[0].__contains__(d) for d in _days(first, last)):
        return None  # an ordinary weekend
    return first, last, "; ".join(names) or "holiday"
