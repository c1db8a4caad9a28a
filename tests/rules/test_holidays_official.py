"""The holiday calendar of 4.3(1): official years from State Council notices, every other year estimated
and said to be so (the ``holiday_calendar_provisional`` warning), and years a command centre adds.

The shipped official years (2024–2026) are cross-checked against a second source, the
``chinese-calendar`` package, and against the ``holidays`` package's own data for those years.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from firedrill.adapters import to_jsonable, validate
from firedrill.config import load_config
from firedrill.errors import InputError
from firedrill.models import Incident, Level, Text, Trigger
from firedrill.rules import assess
from firedrill.rules.escalation import PROVISIONAL_CALENDAR
from firedrill.rules.holidays_cn import OFFICIAL_FILE, HolidayCalendar, calendar_for, holiday_block, shipped_years
from firedrill.rules.report import render_assessment
from firedrill.rules.schema import OfficialHolidays
from firedrill.rulesconfig import HolidayNotice, HolidayYear, OfficialBlock, RulesConfig
from firedrill.yamlio import load_model

iso = datetime.fromisoformat  # a report time as written

ONE_DAY = timedelta(days=1)
OFFICIAL_YEARS = (2024, 2025, 2026)
NOTICE_NUMBER = re.compile(r"国办发明电〔\d{4}〕\d+号")


def _days(first: date, last: date) -> list[date]:
    return [first + ONE_DAY * i for i in range((last - first).days + 1)]


def _warnings(reported_at: str, at: str | None = None, config: RulesConfig | None = None) -> list[tuple[str, int]]:
    incident = validate(Incident, dict(deaths=10, reported_at=reported_at))
    when = datetime.fromisoformat(at) if at is not None else None
    return [(w.code, w.year or 0) for w in assess(incident, at=when, config=config).warnings]


# A notice for 2027 made up for these tests: NOT the real 2027 arrangement, which is not on file here.
MADE_UP_2027 = HolidayYear(
    year=2027,
    notice=HolidayNotice(title="国务院办公厅关于2027年部分节假日安排的通知", number="TEST-ONLY"),
    blocks=(
        OfficialBlock(name=Text(zh="元旦", en="New Year's Day"), start=date(2027, 1, 1), end=date(2027, 1, 3)),
        OfficialBlock(name=Text(zh="国庆节", en="National Day"), start=date(2027, 10, 1), end=date(2027, 10, 7)),
    ),
    workdays=(date(2027, 9, 26), date(2027, 10, 9)),
)


# --- the shipped data ----------------------------------------------------------------------


def test_the_shipped_years_are_2024_to_2026_each_citing_its_notice() -> None:
    years = shipped_years()
    assert tuple(y.year for y in years) == OFFICIAL_YEARS
    for entry in years:
        assert entry.notice.title == f"国务院办公厅关于{entry.year}年部分节假日安排的通知"
        assert entry.notice.number is not None and NOTICE_NUMBER.fullmatch(entry.notice.number)
    numbers = {y.year: y.notice.number for y in years}
    assert numbers == {2024: "国办发明电〔2023〕7号", 2025: "国办发明电〔2024〕12号", 2026: "国办发明电〔2025〕7号"}
    assert years[1].notice.issued == date(2025 - 1, 11, 12)


@pytest.mark.parametrize("year", OFFICIAL_YEARS)
def test_official_days_off_agree_with_chinese_calendar(year: int) -> None:
    calendar = calendar_for()
    entry = calendar.entry(year)
    assert entry is not None
    official, _ = entry
    # Every day of every block is a day off, and the days either side are working days: the
    # blocks are whole runs of days off.
    for block in official.blocks:
        assert all(chinese_calendar.is_holiday(d) for d in _days(block.start, block.end)), block
        assert chinese_calendar.is_workday(block.start - ONE_DAY), block
        assert chinese_calendar.is_workday(block.end + ONE_DAY), block
    # The make-up working days are the same.
    assert set(official.workdays) == {d for d in chinese_calendar.workdays if d.year == year}
    # Every day of the year: a day off by the notice (a block, or a weekend that is no make-up day)
    # is a day off in chinese-calendar, and the reverse.
    for day in _days(date(year, 1, 1), date(year, 12, 31)):
        off = holiday_block(day) is not None or (day.weekday() >= 5 and day not in official.workdays)
        assert off is chinese_calendar.is_holiday(day), day


@pytest.mark.parametrize("year", OFFICIAL_YEARS)
def test_the_holidays_package_estimate_matches_the_notices_for_those_years(year: int) -> None:
    estimate = HolidayCalendar({})  # no official year at all: everything estimated
    official = calendar_for()
    spans = [(b.first, b.last) for b in official.blocks(year)]
    assert [(b.first, b.last) for b in estimate.blocks(year)] == spans
    assert all(b.provisional for b in estimate.blocks(year))
    assert not any(b.provisional for b in official.blocks(year))


def test_2026_blocks_and_names_are_the_notices() -> None:
    blocks = {b.name.zh: (b.first, b.last) for b in calendar_for().blocks(2026)}
    assert blocks["春节"] == (date(2026, 2, 15), date(2026, 2, 23))
    assert blocks["国庆节"] == (date(2026, 10, 1), date(2026, 10, 7))
    assert holiday_block(date(2026, 2, 14)) is None  # Saturday, make-up working day
    assert holiday_block(date(2026, 3, 7)) is None  # an ordinary weekend


def test_a_block_reaching_into_the_year_before_is_official() -> None:
    # The 2024 notice: 元旦 1月1日放假, 与周末连休 — the block starts on Saturday 2023-12-30.
    block = holiday_block(date(2023, 12, 30))
    assert block is not None and (block.first, block.last) == (date(2023, 12, 30), date(2024, 1, 1))
    assert not block.provisional and block.year == 2024
    assert _warnings("2023-12-31T10:00") == []
    assert _warnings("2023-12-29T10:00") == [(PROVISIONAL_CALENDAR, 2023)]


# --- the warning ----------------------------------------------------------------------------


def test_the_warning_is_off_on_2026_12_31_and_on_from_2027_01_01() -> None:
    assert _warnings("2026-12-31T12:00") == []
    assert _warnings("2026-12-31T23:59") == []
    assert _warnings("2027-01-01T00:00") == [(PROVISIONAL_CALENDAR, 2027)]
    assert _warnings("2027-01-01T12:00") == [(PROVISIONAL_CALENDAR, 2027)]


def test_a_fire_burning_across_new_year_consults_2027_and_says_so() -> None:
    assert _warnings("2026-12-31T22:00", at="2026-12-31T23:30") == []
    assert _warnings("2026-12-31T22:00", at="2027-01-01T00:30") == [(PROVISIONAL_CALENDAR, 2027)]


def test_the_warning_is_given_whether_or_not_the_day_is_a_holiday() -> None:
    # The issue: 2027-10-06 is not a holiday in the estimate (National Day estimated 1–5 October).
    incident = validate(Incident, dict(deaths=10, reported_at=iso("2027-10-06T10:00")))
    assessment = assess(incident)
    assert Trigger.HOLIDAY_OR_POLITICAL not in assessment.triggers
    assert [(w.code, w.year) for w in assessment.warnings] == [(PROVISIONAL_CALENDAR, 2027)]
    holiday = assess(validate(Incident, dict(deaths=10, reported_at=iso("2027-10-02T10:00"))))
    assert Trigger.HOLIDAY_OR_POLITICAL in holiday.triggers
    assert [(w.code, w.year) for w in holiday.warnings] == [(PROVISIONAL_CALENDAR, 2027)]
    reason = next(r for r in holiday.reasons if r.criterion == "holiday_or_political")
    assert "推定" in reason.value_text.zh and "estimated" in reason.value_text.en


def test_the_warning_text_names_the_year_in_both_languages() -> None:
    (warning,) = assess(validate(Incident, dict(deaths=10, reported_at=iso("2027-05-20T10:00")))).warnings
    assert warning.code == "holiday_calendar_provisional" and warning.year == 2027
    assert "2027" in warning.text.zh and "国务院办公厅" in warning.text.zh and "rules.holiday_years" in warning.text.zh
    assert "2027" in warning.text.en and "State Council" in warning.text.en and "estimated" in warning.text.en


def test_the_warning_is_in_the_json_and_the_report() -> None:
    official = to_jsonable(assess(validate(Incident, dict(deaths=10, reported_at=iso("2026-05-20T10:00")))))
    assert official["warnings"] == []
    assessment = assess(validate(Incident, dict(deaths=10, reported_at=iso("2027-05-20T10:00"))))
    (data,) = to_jsonable(assessment)["warnings"]
    assert data["code"] == "holiday_calendar_provisional" and data["year"] == 2027
    assert set(data["text"]) == {"zh", "en"}
    assert "警示" in render_assessment(assessment, "zh") and data["text"]["zh"] in render_assessment(assessment, "zh")
    assert data["text"]["en"] in render_assessment(assessment, "en")
    assert "Warnings" not in render_assessment(
        assess(validate(Incident, dict(deaths=10, reported_at=iso("2026-05-20T10:00")))), "en"
    )


# --- a year added in the config --------------------------------------------------------------


def test_a_config_added_official_year_clears_the_warning_and_gives_its_blocks() -> None:
    config = RulesConfig(holiday_years=(MADE_UP_2027,))
    assert _warnings("2027-01-01T12:00", config=config) == []
    assert _warnings("2027-05-20T12:00", config=config) == []
    assessment = assess(validate(Incident, dict(deaths=10, reported_at=iso("2027-10-06T10:00"))), config=config)
    assert assessment.level is Level.ESPECIALLY_MAJOR and assessment.warnings == ()
    reason = next(r for r in assessment.reasons if r.criterion == "holiday_or_political")
    assert reason.value == "holiday 2027-10-01/2027-10-07" and "estimated" not in reason.value_text.en
    block = calendar_for(config.holiday_years).block(date(2027, 10, 6))
    assert block is not None and block.source == "config" and not block.provisional
    # Only the notice's blocks are holidays in an official year: the estimated Spring Festival is gone.
    assert calendar_for(config.holiday_years).block(date(2027, 2, 8)) is None
    # The shipped calendar is untouched.
    assert _warnings("2027-10-06T10:00") == [(PROVISIONAL_CALENDAR, 2027)]


def test_holiday_years_in_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "rules:\n"
        "  holiday_years:\n"
        "    - year: 2027\n"
        "      notice: {title: 国务院办公厅关于2027年部分节假日安排的通知, number: TEST-ONLY}\n"
        "      blocks:\n"
        "        - {name: {zh: 国庆节, en: National Day}, start: 2027-10-01, end: 2027-10-07}\n"
        "      workdays: [2027-10-09]\n",
        encoding="utf-8",
    )
    config = load_config(path).rules
    assert _warnings("2027-10-06T10:00", config=config) == []
    incident = validate(Incident, dict(deaths=10, reported_at=iso("2027-10-06T10:00")))
    assert Trigger.HOLIDAY_OR_POLITICAL in assess(incident, config=config).triggers


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        ("      workdays: [2027-10-06]\n", 9, "Saturday or Sunday"),  # a Wednesday
        ("      workdays: [2027-10-03]\n", 9, "inside a block"),
        ("      workdays: [2028-01-08]\n", 9, "not in 2027"),
        ('      workdays: ["2027-13-01"]\n', 9, "date"),
    ],
)
def test_a_bad_holiday_year_in_the_config_names_file_and_line(
    tmp_path: Path, entry: str, line: int, message: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "lang: zh\n"
        "rules:\n"
        "  holiday_years:\n"
        "    - year: 2027\n"
        "      notice: {title: 国务院办公厅关于2027年部分节假日安排的通知}\n"
        "      blocks:\n"
        "        - {name: {zh: 国庆节, en: National Day}, start: 2027-10-01, end: 2027-10-07}\n"
        "        - {name: {zh: 中秋节, en: Mid-Autumn Festival}, start: 2027-09-15, end: 2027-09-15}\n" + entry,
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=message) as info:
        load_config(path)
    assert info.value.file == str(path)
    assert info.value.line is not None and 4 <= info.value.line <= line
    assert info.value.field is not None and info.value.field.startswith("rules.holiday_years.0")


def test_overlapping_blocks_and_a_year_twice_are_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        HolidayYear(
            year=2027,
            notice=HolidayNotice(title="t"),
            blocks=(
                OfficialBlock(name=Text(zh="甲", en="A"), start=date(2027, 10, 1), end=date(2027, 10, 7)),
                OfficialBlock(name=Text(zh="乙", en="B"), start=date(2027, 10, 7), end=date(2027, 10, 8)),
            ),
        )
    with pytest.raises(ValueError, match="given twice"):
        RulesConfig(holiday_years=(MADE_UP_2027, MADE_UP_2027))


def test_a_bad_shipped_data_file_names_file_and_line(tmp_path: Path) -> None:
    text = OFFICIAL_FILE.read_text(encoding="utf-8").replace("end: 2026-10-07", "end: 2026-09-07")
    bad = tmp_path / "holidays_official.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="ends before it starts") as info:
        load_model(OfficialHolidays, bad)
    assert info.value.file == str(bad) and info.value.line is not None
    assert "2026-09-07" in bad.read_text(encoding="utf-8").splitlines()[info.value.line - 1]


def test_the_console_banner_notes_the_estimate_on_and_off_across_new_year() -> None:
    from firedrill.tui.widgets.banner import LevelBanner

    def banner(reported_at: str, lang: str, config: RulesConfig | None = None) -> str:
        assessment = assess(validate(Incident, dict(deaths=10, reported_at=reported_at)), config=config)
        widget = LevelBanner()
        widget.show(assessment, lang, stale_fields=[], reported_at=None, now=assessment.assessed_at)
        return widget.text

    assert "推定" not in banner("2026-12-31T12:00", "zh")
    assert "2027年节假日为推定日期" in banner("2027-01-01T12:00", "zh")
    assert "2027 holidays are estimated" in banner("2027-01-01T12:00", "en")
    assert "estimated" not in banner("2027-01-01T12:00", "en", RulesConfig(holiday_years=(MADE_UP_2027,)))
