"""Search finds playbooks by Chinese or English words, names first, with the item's citation."""

from __future__ import annotations

import pytest

from firedrill.errors import InputError
from firedrill.playbook.citations import find_entry
from firedrill.playbook.loader import Library
from firedrill.playbook.search import detect_language, search


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
            assert any(w in entry.plain(hit.lang) for w in ("水泵接合器", "水泵结合器"))  # or its synonym


def test_language_filter(library: Library) -> None:
    assert {h.lang for h in search(library, "boilover", "en")} == {"en"}
    assert {h.lang for h in search(library, "boilover", "zh")} == {"zh"}  # through the synonym 沸溢
    assert search(library, "冷却", "zh") and all(h.lang == "zh" for h in search(library, "冷却", "zh"))


def test_no_match_is_an_empty_list(library: Library) -> None:
    assert search(library, "火星基地") == []


@pytest.mark.parametrize(("text", "lang", "field"), [("  ", None, "text"), ("油罐", "fr", "lang")])
def test_bad_queries_are_input_errors(library: Library, text: str, lang: str | None, field: str) -> None:
    with pytest.raises(InputError) as caught:
        search(library, text, lang)
    assert caught.value.field == field


@pytest.mark.parametrize("text", ["油罐 冷却", "油罐冷却", "冷却 油罐", "冷却油罐", "tank cooling", "cooling tank"])
def test_several_words_in_any_order_find_the_cooling_item(library: Library, text: str) -> None:
    hits = search(library, text)
    assert hits[0].playbook_id == "oil-tank"
    assert "附件2 三(四)2" in [h.citation for h in hits[:3]]  # 冷却防爆措施


# Each pair: words of one synonym group, Chinese and English; both sides find the same items.
SYNONYM_PAIRS = [
    ("倒塌", "坍塌"), ("倒塌", "垮塌"), ("坍塌", "collapse"), ("水泵接合器", "水泵结合器"), ("接合器", "结合器"),
    ("空气呼吸器", "空(氧)气呼吸器"), ("空气呼吸器", "SCBA"), ("电梯", "elevator"), ("沸溢", "boil-over"),
    ("沸溢", "boilover"), ("喷溅", "slopover"), ("液化石油气", "LPG"),
]  # fmt: skip


@pytest.mark.parametrize(("one", "other"), SYNONYM_PAIRS)
def test_synonyms_find_each_other(library: Library, one: str, other: str) -> None:
    first = {(h.playbook_id, h.citation) for h in search(library, one)}
    second = {(h.playbook_id, h.citation) for h in search(library, other)}
    assert first and first == second


def test_collapse_words_find_every_collapse_item(library: Library) -> None:
    cited = {h.citation for h in search(library, "倒塌")}
    # 建筑物易倒塌 (theatre), 建筑物易垮塌 (brick-wood), 注意堆垛坍塌 (open-stack), 防止隧道结构垮塌 (tunnel)
    assert {"附件5 一(一)2", "附件1 三(一)3", "附件3 一(五)3", "附件6 二(三)3"} <= cited


def test_scba_finds_the_metro_breathing_apparatus_written_with_brackets(library: Library) -> None:
    assert "附件6 一(五)3" in {h.citation for h in search(library, "SCBA")}  # 空(氧)气呼吸器


def test_hits_are_grouped_per_playbook_best_first(library: Library) -> None:
    hits = search(library, "排烟")
    order = [h.playbook_id for h in hits]
    assert order == sorted(order, key=lambda pid: order.index(pid))  # each playbook's hits together
    for pid in set(order):
        scores = [h.score for h in hits if h.playbook_id == pid]
        assert scores == sorted(scores, reverse=True)


def test_one_header_row_per_playbook(library: Library) -> None:
    hits = search(library, "LPG")
    headers = [h for h in hits if h.field in ("name", "alias", "title", "keyword")]
    assert len(headers) == len({h.playbook_id for h in headers}) and hits[0].playbook_id == "lpg"


def test_english_words_match_on_word_boundaries(library: Library) -> None:
    hits = search(library, "live")
    assert hits[0].citation == "附件6 一(五)6"  # whether the power lines are live
    lives = [h for h in hits if "lives" in h.snippet and " live," not in h.snippet]
    assert all(h.score < hits[0].score for h in lives)
    assert not search(library, "tan")  # no word "tan", though "tank" holds it


def test_an_english_query_finds_in_the_default_language(library: Library) -> None:
    assert detect_language("glass curtain wall") == "en" and detect_language("玻璃幕墙") == "zh"
    assert {h.lang for h in search(library, "glass curtain wall")} == {"en"}


def test_a_huge_query_is_refused_in_one_line(library: Library) -> None:
    with pytest.raises(InputError) as caught:
        search(library, "火" * 100_000)
    assert caught.value.field == "text" and "\n" not in str(caught.value)


def test_control_characters_in_a_query_are_spaces(library: Library) -> None:
    assert _ids(library, "油罐\x1b[2J冷却")[0] == "oil-tank"
