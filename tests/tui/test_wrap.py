"""Chinese line breaking: any two Chinese characters may part, closing punctuation never starts a line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from firedrill.tui.wrap import NO_LINE_END, NO_LINE_START, cells, wrap_lines

PIECES = st.sampled_from(["火灾", "扑救", "，", "。", "(", ")", "“", "”", "1.4", "800", "m²", " ", "the", "fire",
                          "、", "重特大", "Especially", "；"])  # fmt: skip


def _width(text: str) -> int:
    return sum(cells(ch) for ch in text)


def test_a_prefix_keeps_its_sentence_on_the_same_line() -> None:
    lines = wrap_lines("[1.4] 高层建筑、地下建筑、人员密集场所、化工和其他重要、特殊场所燃烧面积", 30)
    assert lines[0] == "[1.4] 高层建筑、地下建筑、人员"
    assert all(_width(line) <= 30 for line in lines)


def test_closing_punctuation_stays_with_the_character_before() -> None:
    lines = wrap_lines("一二三四，五六", 8)  # "，" would start line 2: the 四 goes down with it
    assert lines == ["一二三", "四，五六"]


@given(st.lists(PIECES, min_size=1, max_size=40).map("".join), st.integers(min_value=4, max_value=60))
def test_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap_lines(text, width)
    assert all(_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(st.text(alphabet="火灾扑救重特大", min_size=2, max_size=40),
       st.sampled_from(sorted(NO_LINE_START & set("，。、；"))), st.integers(min_value=6, max_value=30))
def test_no_line_starts_with_a_closing_mark(text: str, mark: str, width: int) -> None:
    lines = wrap_lines(text + mark + text, width)
    assert not any(line.startswith(mark) for line in lines[1:])


def test_opening_marks_do_not_end_a_line() -> None:
    lines = wrap_lines("一二三“四五六”", 8)
    assert not any(line.endswith(tuple(NO_LINE_END)) for line in lines)
