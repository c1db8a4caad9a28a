"""Official Chinese holiday blocks (重大节日期间 of clause 4.3(1)).

A block is a run of consecutive days off that holds at least one statutory or substitute
holiday, computed from the ``holidays`` package: the holidays themselves plus the weekend days
inside or against them — never a weekend day that is a make-up working day (调休上班). A block is
named by its festivals in Chinese and English, not by the substitute days off around them.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

import holidays

from firedrill.models import Text

ONE_DAY = timedelta(days=1)
SATURDAY = 5
LANGUAGES = {"zh": "zh_CN", "en": "en_US"}  # the holidays package's languages for China
SUBSTITUTE_PREFIX = "Day off"  # en_US name of a substitute day off (调休)
OBSERVED = (" (observed)", "（补假）", "(补假)")  # an observed day repeats its festival's name


class HolidayBlock(NamedTuple):
    first: date
    last: date
    name: Text


@cache
def _calendar(year: int, language: str = "en_US") -> tuple[dict[date, str], frozenset[date]]:
    cn = holidays.country_holidays("CN", years=range(year - 1, year + 2), language=language)
    return {d: str(n) for d, n in cn.items()}, frozenset(cn.weekend_workdays)


def _is_off(day: date) -> bool:
    names, workdays = _calendar(day.year)
    if day in names:
        return True
    return day.weekday() >= SATURDAY and day not in workdays


def _festival_names(days: list[date], language: str, separator: str) -> str:
    def is_festival(day: date) -> bool:
        return not _calendar(day.year)[0].get(day, SUBSTITUTE_PREFIX).startswith(SUBSTITUTE_PREFIX)

    festival_days = [d for d in days if is_festival(d)]
    names = []
    for day in festival_days:
        name = _calendar(day.year, language)[0].get(day, "")
        for mark in OBSERVED:
            name = name.replace(mark, "")
        if name and name not in names:
            names.append(name)
    return separator.join(names)


@cache
def holiday_block(day: date) -> HolidayBlock | None:
    """The holiday block containing ``day``, or None."""
    if not _is_off(day):
        return None
    first = day
    while _is_off(first - ONE_DAY):
        first -= ONE_DAY
    last = day
    while _is_off(last + ONE_DAY):
        last += ONE_DAY
    days = [first + ONE_DAY * i for i in range((last - first).days + 1)]
    if not any(d in _calendar(d.year)[0] for d in days):
        return None  # an ordinary weekend
    name = Text(zh=_festival_names(days, LANGUAGES["zh"], "、"), en=_festival_names(days, LANGUAGES["en"], ", "))
    return HolidayBlock(first, last, name)
