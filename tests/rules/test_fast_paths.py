"""Grading's shortcuts give what the plain method gives: the night window, and exact digits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from firedrill.rules.escalation import _minute, _night_overlap
from firedrill.rules.loader import load_rulebook
from firedrill.rules.schema import NightRule
from firedrill.timeutil import LOCAL_TZ
from firedrill.units import exact_digits


def _walked(start: datetime, end: datetime, night: NightRule) -> datetime | None:
    """The first moment of [start, end] in the night window, found minute by minute."""
    moment = start
    while moment <= end:
        clock = moment.time()
        inside = (clock >= night.starts or clock < night.ends) if night.ends < night.starts else \
            night.starts <= clock < night.ends  # fmt: skip
        if inside:
            return moment
        moment = (moment + timedelta(minutes=1)).replace(second=0, microsecond=0)
    return None


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=LOCAL_TZ)
)


@settings(max_examples=300, deadline=None)
@given(start=moments, minutes=st.integers(0, 3 * 24 * 60))
def test_the_night_window_shortcut_finds_the_first_night_moment(start: datetime, minutes: int) -> None:
    night = load_rulebook().escalation.night
    end = start + timedelta(minutes=minutes)
    assert _night_overlap(start, end, night) == _walked(start, end, night)


@settings(max_examples=500)
@given(value=st.floats(min_value=0, max_value=1e13, allow_nan=False))
def test_exact_digits_of_a_float_are_its_decimal_digits(value: float) -> None:
    text = format(Decimal(repr(value)), "f")
    expected = text.rstrip("0").rstrip(".") if "." in text else text
    assert exact_digits(value) == expected


@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31),
                           timezones=st.sampled_from([None, LOCAL_TZ, UTC])))
def test_a_trigger_s_moment_is_stamped_as_strftime_would(moment: datetime) -> None:
    assert _minute(moment) == moment.strftime("%Y-%m-%d %H:%M")
