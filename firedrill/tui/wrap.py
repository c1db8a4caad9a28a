"""Line breaking that knows Chinese: a line may break between any two Chinese characters, not only
at spaces, and never puts closing punctuation (，。）…) first on a line or opening punctuation last.

Textual breaks only at whitespace, so a Chinese sentence after a short prefix ("1. ", "[1.4] ")
would jump whole to the next line and leave the prefix alone. No Textual here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise

NO_LINE_START = frozenset("，。、；：！？）」』”’》〉】〕,.;:!?)]}%…—·")
NO_LINE_END = frozenset("（「『“‘《〈【〔([{")
_WORD = re.compile(r"[^\s]+?(?=\s|$)|\s+")


@cache
def cells(ch: str) -> int:
    """Terminal cells of one character (East Asian wide and full-width take two)."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _wide(ch: str) -> bool:
    return cells(ch) == 2


def _units(text: str) -> list[tuple[int, int]]:
    """(start, end) of each breakable unit: a wide character, or a run of narrow non-space characters,
    each with the spaces after it."""
    units: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        start = i
        if _wide(text[i]):
            i += 1
        else:
            while i < n and not text[i].isspace() and not _wide(text[i]):
                i += 1
        while i < n and text[i].isspace():
            i += 1
        if i == start:  # a lone space at the start
            i += 1
        units.append((start, i))
    return units


def _width(text: str) -> int:
    return sum(cells(ch) for ch in text)


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets at which to break ``text`` (one line, no newlines) to fit ``width`` cells."""
    if width <= 0 or _width(text) <= width:
        return []
    units = _units(text)
    breaks: list[int] = []
    line_start, used = 0, 0
    index = 0
    while index < len(units):
        start, end = units[index]
        size = _width(text[start:end].rstrip())
        if used + size <= width or start == line_start:
            if size > width and start == line_start:  # a word longer than a line: fold it
                cut, filled = start, 0
                while cut < end and filled + cells(text[cut]) <= width:
                    filled += cells(text[cut])
                    cut += 1
                breaks.append(cut)
                units[index] = (cut, end)
                line_start, used = cut, 0
                continue
            used += _width(text[start:end])
            index += 1
            continue
        cut = index
        # keep closing punctuation with the character before it, opening punctuation with the one after
        while cut > 0 and units[cut - 1][0] > line_start and (
            text[units[cut][0]] in NO_LINE_START or text[units[cut - 1][0]] in NO_LINE_END
        ):
            cut -= 1
        line_start, used = units[cut][0], 0
        breaks.append(line_start)
        index = cut
    return breaks


def wrap_lines(text: str, width: int) -> list[str]:
    """``text`` (which may hold newlines) as lines of at most ``width`` cells."""
    lines: list[str] = []
    for line in text.split("\n"):
        offsets = [0, *break_offsets(line, width), len(line)]
        lines += [line[a:b].rstrip() for a, b in pairwise(offsets)]
    return lines
