"""Every YAML file firedrill reads goes through one parser: a value YAML cannot build is one error with its line."""

from __future__ import annotations

import pytest

from firedrill.errors import InputError
from firedrill.yamlio import parse_yaml


@pytest.mark.parametrize(("text", "line"), [
    ("a: 1\nb:\n  - 2027-13-01\n", 3),  # a date that does not exist, unquoted
    ("political_events:\n  - start: 2026-02-30\n", 2),
])  # fmt: skip
def test_an_impossible_date_is_one_error_naming_its_line(text: str, line: int) -> None:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "config.yaml")
    assert caught.value.line == line and caught.value.file == "config.yaml"
    assert "month" in caught.value.message or "day" in caught.value.message


def test_a_real_date_still_reads() -> None:
    data, lines = parse_yaml("start: 2027-10-01\n", "config.yaml")
    assert str(data["start"]) == "2027-10-01" and lines[("start",)] == 1
