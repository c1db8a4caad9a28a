"""Citations are written as the plan writes them and point at the right sentence."""

from __future__ import annotations

from collections import Counter

import pytest

from firedrill.errors import InputError
from firedrill.playbook.citations import find_entry, iter_entries, normalise_number, playbook_citation
from firedrill.playbook.loader import Library

from .helpers import EXPECTED_IDS


@pytest.mark.parametrize(
    ("playbook_id", "citation", "words"),
    [
        # Read off the plan by hand: 附件1 一、高层建筑 (五)注意事项 7.
        ("high-rise", "附件1 一(五)7", "防止玻璃幕墙在火焰、高温和水冲击作用下爆裂"),
        ("high-rise", "附件1 一(四)3(2)", "疏散和抢救人员的基本顺序"),
        ("oil-tank", "附件2 三(四)2", "冷却防爆措施"),
        ("aircraft", "附件4 二(四)4(5)", "货舱内部起火"),
        ("metro", "附件6 一(五)3", "侦察力量"),
        ("epidemic-zone", "附件7 五3", "梯次进攻、掩护跟进要交替进行"),
        ("epidemic-zone", "附件7 四(一)1", "接到警情后,判断灾情位置"),
        ("epidemic-zone", "附件7 一(二)", "技术要求高"),
    ],
)
def test_a_citation_finds_the_plans_sentence(library: Library, playbook_id: str, citation: str, words: str) -> None:
    entry = find_entry(library.get(playbook_id), citation)
    assert entry.citation == citation
    assert words in entry.plain("zh")


@pytest.mark.parametrize("playbook_id", EXPECTED_IDS)
def test_citations_are_unique_and_start_with_the_playbooks(library: Library, playbook_id: str) -> None:
    playbook = library.get(playbook_id)
    prefix = playbook_citation(playbook)
    citations = [e.citation for e in iter_entries(playbook)]
    assert [c for c, n in Counter(citations).items() if n > 1] == []
    assert all(c.startswith(prefix) for c in citations)


def test_playbook_level_citations(library: Library) -> None:
    assert playbook_citation(library.get("high-rise")) == "附件1 一"
    assert playbook_citation(library.get("river-tunnel")) == "附件6 二"
    assert playbook_citation(library.get("epidemic-zone")) == "附件7"


def test_quiz_walk_yields_only_entries_with_plan_text(library: Library) -> None:
    entries = list(iter_entries(library.get("high-rise"), sections=False))
    assert all(e.text is not None or e.heading is not None for e in entries)
    assert [e.citation for e in entries if e.depth == 0] == ["附件1 一(二)"]  # the one paragraph section
    assert entries[0].citation == "附件1 一(一)1"


@pytest.mark.parametrize(("raw", "normal"), [("（1）", "(1)"), ("6.", "6"), (" (一) ", "(一)"), ("3、", "3")])
def test_numbers_are_normalised(raw: str, normal: str) -> None:
    assert normalise_number(raw) == normal


def test_a_missing_citation_is_an_input_error(library: Library) -> None:
    with pytest.raises(InputError, match="no item 附件1 一"):
        find_entry(library.get("high-rise"), "附件1 一(五)99")
