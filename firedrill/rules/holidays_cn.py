"""Chinese holiday blocks (重大节日期间 of clause 4.3(1)): official where a notice fixes them, else estimated.

A year is **official** when the State Council's notice for it (国务院办公厅关于YYYY年部分节假日安排的通知)
is on file: shipped in ``data/holidays_official.yaml`` or added by the command centre in its config
(``rules.holiday_years``). For an official year the blocks are the notice's, and nothing else is a
holiday. Any other year is **provisional**: its blocks are estimated from the ``holidays`` package
(China) — the holidays themselves plus the weekend days inside or against them, never a weekend day
that is a make-up working day (调休上班) — and whoever uses them must say so (the Assessment's
``holiday_calendar_provisional`` warning). An estimated block is named by its festivals in Chinese
and English, not by the substitute days off around them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import NamedTuple

from firedrill.models import Text
from firedrill.rules.schema import OfficialHolidays
from firedrill.rulesconfig import HolidayYear

OFFICIAL_FILE = Path(__file__).parent / "data" / "holidays_official.yaml"
ONE_DAY = timedelta(days=1)
SATURDAY = 5
LANGUAGES = {"zh": "zh_CN", "en": "en_US"}  # the holidays package's languages for China
SUBSTITUTE_PREFIX = "Day off"  # en_US name of a substitute day off (调休)
OBSERVED = (" (observed)", "（补假）", "(补假)")  # an observed day repeats its festival's name

# Where a block comes from.
NOTICE = "notice"  # the notice, shipped with firedrill
CONFIG = "config"  # the notice, entered in the config file
ESTIMATE = "estimate"  # the holidays package's estimate: provisional


class HolidayBlock(NamedTuple):
    first: date
    last: date
    name: Text
    source: str = NOTICE
    year: int | None = None  # the year whose notice (or estimate) gives the block

    @property
    def provisional(self) -> bool:
        return self.source == ESTIMATE


class Lookup(NamedTuple):
    """The block ``day`` lies in (or None), and the provisional year consulted to say so (or None)."""

    block: HolidayBlock | None
    provisional_year: int | None


@cache
def shipped_years() -> tuple[HolidayYear, ...]:
    """The official years shipped with firedrill."""
    from firedrill.datacache import load_cached

    return load_cached(OfficialHolidays, OFFICIAL_FILE).years


@cache
def _package(year: int, language: str = "en_US") -> tuple[dict[date, str], frozenset[date]]:
    import holidays  # only for a year with no notice on file: the package is large

    cn = holidays.country_holidays("CN", years=range(year - 1, year + 2), language=language)
    return {d: str(n) for d, n in cn.items()}, frozenset(cn.weekend_workdays)


def _festival_names(days: list[date], language: str, separator: str) -> str:
    def is_festival(day: date) -> bool:
        return not _package(day.year)[0].get(day, SUBSTITUTE_PREFIX).startswith(SUBSTITUTE_PREFIX)

    names: list[str] = []
    for day in (d for d in days if is_festival(d)):
        name = _package(day.year, language)[0].get(day, "")
        for mark in OBSERVED:
            name = name.replace(mark, "")
        if name and name not in names:
            names.append(name)
    return separator.join(names)


class HolidayCalendar:
    """The shipped official years, overlaid by the config's (a config year replaces a shipped one)."""

    def __init__(self, years: dict[int, tuple[HolidayYear, str]]) -> None:
        self.years = years
        self._by_day: dict[date, HolidayBlock] = {}
        workdays: set[date] = set()
        for year, (entry, source) in sorted(years.items()):
            for b in entry.blocks:
                block = HolidayBlock(b.start, b.end, b.name, source, year)
                for i in range((b.end - b.start).days + 1):
                    self._by_day[b.start + ONE_DAY * i] = block
            workdays.update(entry.workdays)
        self._workdays = frozenset(workdays)
        self._lookups: dict[date, Lookup] = {}

    @classmethod
    def build(cls, extra: tuple[HolidayYear, ...] = ()) -> HolidayCalendar:
        years = {entry.year: (entry, NOTICE) for entry in shipped_years()}
        years.update({entry.year: (entry, CONFIG) for entry in extra})
        return cls(years)

    def is_official(self, year: int) -> bool:
        return year in self.years

    def entry(self, year: int) -> tuple[HolidayYear, str] | None:
        """The official entry of ``year`` and where it comes from (notice or config), or None."""
        return self.years.get(year)

    def lookup(self, day: date) -> Lookup:
        """The block ``day`` lies in; for a day of a provisional year, that year as well."""
        found = self._lookups.get(day)
        if found is None:
            block = self._by_day.get(day)
            if block is not None or self.is_official(day.year):
                found = Lookup(block, None)
            else:
                found = Lookup(self._estimate(day), day.year)
            self._lookups[day] = found
        return found

    def block(self, day: date) -> HolidayBlock | None:
        return self.lookup(day).block

    def blocks(self, year: int) -> list[HolidayBlock]:
        """Every block of ``year``: the notice's for an official year, else the estimate's."""
        entry = self.entry(year)
        if entry is not None:
            found, source = entry
            return [HolidayBlock(b.start, b.end, b.name, source, year) for b in found.blocks]
        blocks: list[HolidayBlock] = []
        for day in _days_of(year):
            block = self.block(day)
            if block is not None and block.provisional and (not blocks or blocks[-1] != block):
                blocks.append(block)
        return blocks

    def workdays(self, year: int) -> tuple[date, ...]:
        """The make-up working days of ``year``: the notice's, else the estimate's."""
        entry = self.entry(year)
        if entry is not None:
            return entry[0].workdays
        return tuple(sorted(d for d in _package(year)[1] if d.year == year))

    def _is_off(self, day: date) -> bool:
        if day in self._by_day:
            return True
        if self.is_official(day.year):
            return day.weekday() >= SATURDAY and day not in self._workdays
        names, workdays = _package(day.year)
        if day in names:
            return True
        return day.weekday() >= SATURDAY and day not in workdays

    def _estimate(self, day: date) -> HolidayBlock | None:
        if not self._is_off(day):
            return None
        first = day
        while self._is_off(first - ONE_DAY):
            first -= ONE_DAY
        last = day
        while self._is_off(last + ONE_DAY):
            last += ONE_DAY
        days = [first + ONE_DAY * i for i in range((last - first).days + 1)]
        if not any(d in _package(d.year)[0] and not self.is_official(d.year) for d in days):
            return None  # an ordinary weekend
        name = Text(
            zh=_festival_names(days, LANGUAGES["zh"], "、"), en=_festival_names(days, LANGUAGES["en"], ", ")
        )
        return HolidayBlock(first, last, name, ESTIMATE, day.year)


def _days_of(year: int) -> Iterator[date]:
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += ONE_DAY


@cache
def calendar_for(extra: tuple[HolidayYear, ...] = ()) -> HolidayCalendar:
    """The calendar with the config's official years (``RulesConfig.holiday_years``) added."""
    return HolidayCalendar.build(extra)


def holiday_block(day: date) -> HolidayBlock | None:
    """The holiday block containing ``day`` in the shipped calendar, or None."""
    return calendar_for().block(day)
