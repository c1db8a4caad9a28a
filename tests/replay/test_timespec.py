"""Script times read once per text: the same text gives the same time, and a bad one is refused
every time it is written (a refusal is never remembered as a time)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from pydantic_core import PydanticCustomError

from firedrill.replay.timespec import parse_when
from firedrill.timeutil import to_local


def test_the_same_text_reads_as_the_same_time() -> None:
    start = to_local(datetime(2026, 11, 24, 21, 40))
    for text, expected in (("+00:10", start + timedelta(minutes=10)), ("23:52", start.replace(hour=23, minute=52)),
                           ("2026-11-25T01:00:00", to_local(datetime(2026, 11, 25, 1)))):  # fmt: skip
        first, again = parse_when(text), parse_when(text)
        assert first == again and first.text == text
        assert first.resolve(start) == again.resolve(start) == expected


@pytest.mark.parametrize("text", ["+1:75", "25:00", "tomorrow", "+9999:00"])
def test_a_bad_time_is_refused_every_time(text: str) -> None:
    for _ in range(2):
        with pytest.raises(PydanticCustomError):
            parse_when(text)
