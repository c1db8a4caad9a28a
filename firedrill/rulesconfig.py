"""The rules' local settings: political events and sensitive areas (4.3(1)), extra and official
holiday years (4.3(1) 重大节日), and the rising-calls rule (4.3(4)); the ``rules`` part of the user's
config (``firedrill.config``).

Plain frozen dataclasses, so that grading needs no pydantic; the config file is validated into them
by pydantic when it is read.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal

from firedrill.constraints import FORBID_EXTRA, Check
from firedrill.models import Text
from firedrill.timeutil import to_local


@dataclass(frozen=True, kw_only=True, slots=True)
class Period:
    """A named period. Dates are whole local days, both ends included; datetimes are [start, end)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    name: Annotated[str, Check(min_length=1)]
    start: datetime | date
    end: datetime | date

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as local datetimes [start, end)."""
        start = self.start if isinstance(self.start, datetime) else datetime.combine(self.start, datetime.min.time())
        if isinstance(self.end, datetime):
            end = self.end
        else:
            end = datetime.combine(date.fromordinal(self.end.toordinal() + 1), datetime.min.time())
        return to_local(start), to_local(end)

    def __post_init__(self) -> None:
        start, end = self.bounds()
        if end <= start:
            raise ValueError(f"period '{self.name}' ends before it starts")


SATURDAY = 5


@dataclass(frozen=True, kw_only=True, slots=True)
class HolidayNotice:
    """The State Council notice that fixes one year's holidays (国务院办公厅关于YYYY年部分节假日安排的通知)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    title: Annotated[str, Check(min_length=1)]
    number: str | None = None  # 文号, e.g. 国办发明电〔2024〕12号
    number_note: Text | None = None  # e.g. "not verified here"
    issued: date | None = None
    url: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class OfficialBlock:
    """One run of days off the notice sets (放假调休), both ends included."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    name: Text
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"block '{self.name.zh}' ends before it starts")
        if (self.end - self.start).days > 31:
            raise ValueError(f"block '{self.name.zh}' is longer than a month")


@dataclass(frozen=True, kw_only=True, slots=True)
class HolidayYear:
    """One year's official holiday blocks and make-up working days (调休上班), from its notice."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    year: Annotated[int, Check(ge=2000, le=2100)]
    notice: HolidayNotice
    blocks: Annotated[tuple[OfficialBlock, ...], Check(min_length=1)]
    workdays: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        for block in self.blocks:
            if self.year not in (block.start.year, block.end.year):
                raise ValueError(f"block '{block.name.zh}' ({block.start}—{block.end}) is not in {self.year}")
        ordered = sorted(self.blocks, key=lambda b: b.start)
        for before, after in itertools.pairwise(ordered):
            if after.start <= before.end:
                raise ValueError(f"blocks '{before.name.zh}' and '{after.name.zh}' overlap")
        for day in self.workdays:
            if day.year != self.year:
                raise ValueError(f"make-up working day {day} is not in {self.year}")
            if day.weekday() < SATURDAY:
                raise ValueError(f"make-up working day {day} is not a Saturday or Sunday")
            if any(b.start <= day <= b.end for b in self.blocks):
                raise ValueError(f"make-up working day {day} lies inside a block")


def unique_years(years: tuple[HolidayYear, ...]) -> tuple[HolidayYear, ...]:
    seen: set[int] = set()
    for entry in years:
        if entry.year in seen:
            raise ValueError(f"holiday year {entry.year} is given twice")
        seen.add(entry.year)
    return years


@dataclass(frozen=True, kw_only=True, slots=True)
class RisingCallsRule:
    """4.3(4) 报告同一地点火警的电话持续增多, read as a local setting (the plan gives no numbers).

    ``method: window`` (default): the first report counts as a call, and the trigger holds once
    ``calls`` calls have come within ``window_minutes`` minutes. ``method: buckets`` (the former
    reading): call counts per ``bucket_minutes`` bucket strictly rising over the last ``buckets``
    buckets. Either way the trigger is latched: once it held it holds for the incident until the
    dispatcher clears it (``rising_calls: false``). Defaults justified in docs/rules.md.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    method: Literal["window", "buckets"] = "window"
    calls: Annotated[int, Check(ge=2, le=100)] = 5
    window_minutes: Annotated[int, Check(gt=0, le=240)] = 10
    bucket_minutes: Annotated[int, Check(gt=0, le=240)] = 10
    buckets: Annotated[int, Check(ge=2, le=12)] = 3


@dataclass(frozen=True, kw_only=True, slots=True)
class RulesConfig:
    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    political_events: tuple[Period, ...] = ()
    extra_holidays: tuple[Period, ...] = ()
    sensitive_areas: tuple[str, ...] = ()
    rising_calls: RisingCallsRule = RisingCallsRule()
    # Official holiday years a command centre adds from a State Council notice; a year here
    # replaces the shipped one of the same year.
    holiday_years: tuple[HolidayYear, ...] = ()

    def __post_init__(self) -> None:
        unique_years(self.holiday_years)
