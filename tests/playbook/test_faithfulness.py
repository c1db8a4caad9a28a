"""The playbooks say what the plan says: every Chinese string is in the plan, and no plan item is dropped.

Compared with whitespace removed on both sides, because the extracted plan breaks lines inside
sentences. The plan is parsed independently of the data (tests/playbook/helpers.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from firedrill.playbook.citations import normalise_number
from firedrill.playbook.loader import Library
from firedrill.playbook.schema import Item, Playbook, SectionKind

from .helpers import EXPECTED_IDS, PLAN_FILE, PlanPlaybook, squash

PLAN = squash(PLAN_FILE.read_text(encoding="utf-8"))


def _plan_strings(playbook: Playbook) -> Iterator[tuple[str, str]]:
    """(where, zh) for every string the data claims is the plan's own."""
    yield "title", playbook.title.zh
    for section in playbook.sections:
        yield f"{section.kind}.heading", section.heading.zh
        if section.text is not None:
            yield f"{section.kind}.text", section.text.zh
        stack = [(f"{section.kind}.{item.number}", item) for item in section.items]
        while stack:
            where, item = stack.pop()
            for part, text in (("heading", item.heading), ("text", item.text)):
                if text is not None:
                    yield f"{where}.{part}", text.zh
            stack += [(f"{where}.{sub.number}", sub) for sub in item.items]
    for unit in playbook.linked_units:
        yield f"linked_units[{unit.name.zh}].quote", unit.quote
    for parameter in playbook.parameters:
        yield f"parameters.{parameter.id}.quote", parameter.quote


def _not_in_plan(playbook: Playbook) -> list[str]:
    return [f"{where}: {zh}" for where, zh in _plan_strings(playbook) if squash(zh) not in PLAN]


@pytest.mark.parametrize("playbook_id", EXPECTED_IDS)
def test_every_chinese_string_is_in_the_plan(library: Library, playbook_id: str) -> None:
    missing = _not_in_plan(library.get(playbook_id))
    assert not missing, f"{playbook_id}: not in the plan text:\n" + "\n".join(missing)


def _flatten(items: tuple[Item, ...]) -> Iterator[Item]:
    for item in items:
        yield item
        yield from _flatten(item.items)


def _match(plan_books: list[PlanPlaybook], playbook: Playbook) -> PlanPlaybook:
    title = squash(playbook.title.zh)
    found = [b for b in plan_books if squash(b.title).startswith(title) or title.startswith(squash(b.title))]
    assert len(found) == 1, f"{playbook.id}: title {playbook.title.zh} matches {len(found)} plan playbooks"
    return found[0]


def test_the_plan_has_sixteen_playbooks_and_each_is_in_the_library(
    library: Library, plan_books: list[PlanPlaybook]
) -> None:
    assert len(plan_books) == len(EXPECTED_IDS)
    matched = {_match(plan_books, library.get(i)).title for i in EXPECTED_IDS}
    assert matched == {b.title for b in plan_books}


def _dropped(plan_book: PlanPlaybook, playbook: Playbook) -> list[str]:
    dropped = []
    for kind, plan_items in plan_book.sections.items():
        data_items = list(_flatten(playbook.section(SectionKind(kind)).items))
        for plan_item in plan_items:
            if not any(
                normalise_number(d.number) == plan_item.number
                and squash("".join(t.zh for t in (d.heading, d.text) if t is not None)).startswith(plan_item.key)
                for d in data_items
            ):
                dropped.append(f"{kind} {plan_item.number} {plan_item.text}")
        if len(data_items) != len(plan_items):
            dropped.append(f"{kind}: the plan numbers {len(plan_items)} items, the data {len(data_items)}")
    return dropped


@pytest.mark.parametrize("playbook_id", EXPECTED_IDS)
def test_no_numbered_item_of_the_plan_is_dropped(
    library: Library, plan_books: list[PlanPlaybook], playbook_id: str
) -> None:
    playbook = library.get(playbook_id)
    plan_book = _match(plan_books, playbook)
    assert set(plan_book.sections) == {k.value for k in SectionKind}, "the plan parser lost a section"
    dropped = _dropped(plan_book, playbook)
    assert not dropped, f"{playbook_id}: plan items missing from the data:\n" + "\n".join(dropped)


def test_the_checks_catch_a_dropped_item_and_a_changed_word(library: Library, plan_books: list[PlanPlaybook]) -> None:
    playbook = library.get("high-rise")
    safety = playbook.section(SectionKind.SAFETY_NOTES)
    shortened = safety.model_copy(update={"items": safety.items[:-1]})
    sections = tuple(shortened if s.kind == SectionKind.SAFETY_NOTES else s for s in playbook.sections)
    tampered = playbook.model_copy(update={"sections": sections})
    assert any("防止玻璃幕墙" in d for d in _dropped(_match(plan_books, playbook), tampered))
    reworded = playbook.model_copy(update={"title": replace(playbook.title, zh="高楼火灾扑救")})
    assert _not_in_plan(reworded) == ["title: 高楼火灾扑救"]


@pytest.mark.parametrize("playbook_id", EXPECTED_IDS)
def test_sections_keep_the_plan_order_and_headings(library: Library, playbook_id: str) -> None:
    playbook = library.get(playbook_id)
    positions = [PLAN.find(squash(s.heading.zh), PLAN.find(squash(playbook.title.zh))) for s in playbook.sections]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions), f"{playbook_id}: sections out of the plan's order"
    assert [s.kind for s in playbook.sections] == list(SectionKind)
