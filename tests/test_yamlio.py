"""Every YAML file firedrill reads goes through one parser: a value YAML cannot build is one error with its line."""

from __future__ import annotations

from pathlib import Path

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


def test_nested_aliases_that_expand_past_any_real_file_are_refused_at_once(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="aliases"):
        parse_yaml(bomb.read_text(encoding="utf-8"), bomb)


def test_a_key_given_twice_is_refused_with_its_line_but_merge_keys_still_work() -> None:
    with pytest.raises(InputError) as caught:
        parse_yaml("rules:\n  a: 1\nlang: zh\nrules:\n  a: 2\n", "config.yaml")
    assert caught.value.line == 4 and "rules" in caught.value.message
    data, _ = parse_yaml("base: &b {x: 1, y: 2}\nmore:\n  <<: *b\n  y: 3\n", "merge.yaml")
    assert data["more"] == {"x": 1, "y": 3}


def test_absurd_nesting_is_one_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_yaml("a: " + "[" * 100_000, "deep.yaml")
    assert caught.value.line == 1
