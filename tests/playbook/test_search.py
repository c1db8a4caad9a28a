"""Search finds playbooks by Chinese or English words, names first, with the item's citation."""

from __future__ import annotations

import pytest

from firedrill.errors import InputError
from firedrill.playbook.citations import find_entry
from firedrill.playbook.loader import Library
from firedrill.playbook.search import search


def _ids(library: Library, text: str, lang: str | None = None) -> list[str]:
    return list(dict.fromkeys(h.playbook_id for h in search(library, text, lang)))


def test_glass_curtain_wall_in_chinese_finds_high_rise(library: Library) -> None:
    hits = search(library, "玻璃幕墙")
    assert hits[0].playbook_id == "high-rise"
    cited = {h.citation for h in hits}
    assert {"附件1 一(一)3", "附件1 一(五)7"} <= cited  # the two items of the plan that name it
    assert all("玻璃幕墙" in h.snippet for h in hits)


@pytest.mark.parametrize("text", ["glass curtain wall", "GLASS  Curtain\tWall", "curtain wall glass"])
def test_english_is_case_and_space_insensitive(library: Library, text: str) -> None:
    assert _ids(library, text)[0] == "high-rise"


def test_chinese_ignores_whitespace(library: Library) -> None:
    assert _ids(library, "玻璃 幕墙") == _ids(library, "玻璃幕墙")


def test_boilover_finds_oil_tank_first_and_the_ship_too(library: Library) -> None:
    ids = _ids(library, "沸溢")
    assert ids[0] == "oil-tank"
    assert "ship" in ids  # 货油舱火灾特点: 沸溢、喷溅相伴发生


def test_a_name_hit_ranks_above_body_text(library: Library) -> None:
    hits = search(library, "地铁")
    assert hits[0].playbook_id == "metro"
    assert hits[0].field in ("name", "alias")
    assert hits[0].score > max(h.score for h in hits if h.field == "text")


def test_item_hits_cite_an_item_holding_the_words(library: Library) -> None:
    for hit in search(library, "水泵接合器"):
        if hit.field in ("heading", "text"):
            entry = find_entry(library.get(hit.playbook_id), hit.citation)
            assert "水泵接合器" in entry.plain(hit.lang)


def test_language_filter(library: Library) -> None:
    assert search(library, "沸溢", "en") == []
    assert {h.lang for h in search(library, "boilover", "en")} == {"en"}


def test_no_match_is_an_empty_list(library: Library) -> None:
    assert search(library, "火星基地") == []


@pytest.mark.parametrize(("text", "lang", "field"), [("  ", None, "text"), ("油罐", "fr", "lang")])
def test_bad_queries_are_input_errors(library: Library, text: str, lang: str | None, field: str) -> None:
    with pytest.raises(InputError) as caught:
        search(library, text, lang)
    assert caught.value.field == field
