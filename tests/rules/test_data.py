"""The rule data against the plan text: every plan quote verbatim, every level covered, bad data refused."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from firedrill.adapters import to_jsonable
from firedrill.errors import InputError
from firedrill.models import Level, Source
from firedrill.rules.loader import DATA_DIR, load_rulebook, load_rulebook_from
from tests.conftest import squash


def _quotes(node: Any, path: str = "") -> list[tuple[str, str]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote" and isinstance(value, str):
                found.append((path, value))
            else:
                found += _quotes(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            found += _quotes(value, f"{path}[{i}]")
    return found


def test_every_plan_quote_is_verbatim_in_the_plan(plan_squashed: str) -> None:
    book = load_rulebook()
    national = {c.quote for c in book.grading.criteria if c.source is Source.NATIONAL_STANDARD}
    tables = [book.grading, book.escalation, book.response, book.organisation]
    quotes = [q for table in tables for q in _quotes(to_jsonable(table))]
    assert len(quotes) > 60
    for path, quote in quotes:
        if quote in national:
            continue
        assert squash(quote) in plan_squashed, f"{path}: {quote}"


def test_national_standard_quotes_are_not_claimed_as_the_plans(plan_squashed: str) -> None:
    for criterion in load_rulebook().grading.criteria:
        if criterion.source is Source.NATIONAL_STANDARD:
            assert criterion.level is Level.LARGER
            assert squash(criterion.quote) not in plan_squashed


def test_the_seven_groups_and_their_units() -> None:
    groups = load_rulebook().organisation.groups
    assert [g.name.zh for g in groups] == [
        "灭火作战组", "现场警戒组", "救援专家咨询组", "勤务保障组", "医疗救护组", "善后处理组", "宣传报道组",
    ]
    logistics = next(g for g in groups if g.id == "logistics")
    assert len(logistics.members) == 9


def test_every_table_names_the_plan_version() -> None:
    book = load_rulebook()
    assert {book.grading.plan, book.escalation.plan, book.response.plan, book.organisation.plan} == {"wuhan-2021"}


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_bad_threshold_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    grading = data / "grading.yaml"
    text = grading.read_text(encoding="utf-8").replace("minimum: 30\n", "minimum: thirty\n", 1)
    grading.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_rulebook_from(data)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "minimum: thirty" in row)
    assert info.value.file == str(grading)
    assert info.value.line == line
    assert info.value.field == "criteria.0.minimum"


def test_a_missing_level_is_refused(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    response = data / "response.yaml"
    text = response.read_text(encoding="utf-8")
    start = text.index("  levels:\n    general:\n      set_by_plan: false\n      note:\n        zh: 本预案4.4.2")
    end = text.index("    larger:", start)
    response.write_text(text[:start] + "  levels:\n" + text[end:], encoding="utf-8")
    with pytest.raises(InputError, match=r"dispatch\.levels lacks level"):
        load_rulebook_from(data)
