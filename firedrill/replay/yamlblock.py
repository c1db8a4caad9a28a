"""A script's YAML read row by row, for the block form scripts are written in: ``key: value`` rows,
``- `` items, one-row ``{…}`` and ``[…]`` of plain or quoted words, comments. It gives the data, each
key's line and the flow mappings exactly as the event reader (``yamlfast``) would, and gives up on
anything else — a tab, an anchor, an alias, a tag, a block scalar, a word continued on the next row,
a key written twice or not as a plain word, a value left empty, a quote with an escape, a character
YAML does not print, a document marker — and then the event reader reads the text (and, where it
gives up too, the composing reader), so the result is always theirs.

Words and flows are read by ``yamlwords``.
"""

from __future__ import annotations

import re
from typing import Any

from firedrill.replay.yamlfast import GiveUp, Key
from firedrill.replay.yamlwords import KEPT, KEY, NO_WORD, TEXT_KEYS, WORDS, WordReader

# Outside what YAML prints, or a line break of its own (NEL, U+2028/9), a BOM, a tab, a CR: the event reader's.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A row: its indent, a dash, a key and what follows the key (or the dash, or the indent).
_ROW = re.compile(rf"^( *)(- +)?(?:({KEY}):(?: +|$))?(.*)$", re.MULTILINE)
_REST = re.compile(r" *(?:#.*)?")  # what may follow a value on its row: spaces, a comment
_STARTS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a plain word may not start with these (``-5`` aside)

Row = tuple[int, int, str, str, str]  # line, indent, dash, key, the rest


class _Reader(WordReader):
    def __init__(self, loader: Any, rows: list[Row]) -> None:
        super().__init__(loader)
        self.rows = rows

    def node(self, i: int, path: Key) -> tuple[Any, int]:
        """The block node whose first row is row ``i``."""
        line, column, dash, key, rest = self.rows[i]
        if dash:
            return self.sequence(i, column, path, nested=True)
        return self.mapping(i, column, line, key, rest, path)

    def mapping(self, i: int, column: int, line: int, key: str, rest: str, path: Key) -> tuple[dict[Any, Any], int]:
        """The keys at ``column`` from row ``i``, whose key and rest are given (a dash's row has them after it)."""
        rows, lines, end = self.rows, self.lines, len(self.rows)
        data: dict[Any, Any] = {}
        while True:
            if key not in TEXT_KEYS or key in data:
                key = self.key(key, data)
            at = (*path, key)
            lines[at] = line
            i += 1
            if rest and rest[0] != "#":
                found = WORDS.get(rest, NO_WORD)
                data[key] = self.inline(rest, line, at) if found is NO_WORD else found
            elif i < end and rows[i][1] > column:
                data[key], i = self.node(i, at)
            elif i < end and rows[i][1] == column and rows[i][2]:
                data[key], i = self.sequence(i, column, at, nested=False)
            else:
                raise GiveUp  # an empty value
            if i == end:
                return data, i
            line, indent, dash, key, rest = rows[i]
            if indent < column:
                return data, i
            if indent > column or dash:
                raise GiveUp  # a word continued on the next row, or an item among keys

    def sequence(self, i: int, column: int, path: Key, nested: bool) -> tuple[list[Any], int]:
        """The items at ``column`` from row ``i``; ``nested``: more indented than the key it is the value of."""
        rows, end = self.rows, len(self.rows)
        items: list[Any] = []
        while True:
            line, _, dash, key, rest = rows[i]
            at = (*path, len(items))
            self.lines[at] = line
            if key:
                item, i = self.mapping(i, column + len(dash), line, key, rest, at)
            elif rest and rest[0] != "#":
                item, i = self.inline(rest, line, at), i + 1
            else:
                raise GiveUp  # an item on the rows below its dash
            items.append(item)
            if i == end or rows[i][1] < column:
                return items, i
            if rows[i][1] > column:
                raise GiveUp
            if not rows[i][2]:
                if nested:
                    raise GiveUp
                return items, i

    def inline(self, text: str, line: int, path: Key) -> Any:
        """A value written on its key's or dash's row."""
        found = WORDS.get(text, NO_WORD)
        if found is not NO_WORD:
            return found
        first = text[0]
        if first in "{[\"'":
            if first == "{" and text[-1] == "}":
                found = self.pairs(text, line, path)
                if found is not None:
                    return found
            value, end = self.flow(text, 0, line, path)
            if _REST.fullmatch(text, end) is None:
                raise GiveUp
            if first in "[{":
                return value
        else:
            if first in _STARTS and not (first == "-" and len(text) > 1 and text[1] != " "):
                raise GiveUp
            cut = text.find(" #")
            word = (text if cut < 0 else text[:cut]).rstrip(" ")
            if ": " in word or word.endswith(":"):
                raise GiveUp
            value = self.word(word)
        if len(WORDS) >= KEPT:
            WORDS.clear()
        WORDS[text] = value
        return value


def _rows(text: str) -> list[Row]:
    """The rows that hold something (not blank, not a comment), each as ``_ROW`` splits it."""
    rows: list[Row] = []
    for number, (indent, dash, key, rest) in enumerate(_ROW.findall(text), 1):
        if rest[-1:] == " ":
            rest = rest.rstrip(" ")
        if not dash and not key:
            if not rest or rest[0] == "#":
                continue
            if not indent and (rest[0] == "%" or rest[:3] in ("---", "...")):
                raise GiveUp  # a directive or a document marker
        elif not indent and not dash and key[:3] == "...":
            raise GiveUp
        rows.append((number, len(indent), dash, key, rest))
    return rows


def read_block(text: str, loader: Any) -> tuple[Any, dict[Key, int], set[Key]]:
    """The data of ``text``, its key lines and flow mappings; or GiveUp. ``loader`` (a ``ScriptLoader``,
    of any text) lends its resolver and its constructors of single words only."""
    if _UNUSUAL.search(text) is not None:
        raise GiveUp
    rows = _rows(text)
    if not rows:
        raise GiveUp
    reader = _Reader(loader, rows)
    reader.lines[()] = rows[0][0]
    try:
        data, end = reader.node(0, ())
    except GiveUp:
        raise
    except Exception:  # a row that ends inside a flow collection, a word the constructor refuses …
        raise GiveUp from None
    if end != len(rows):
        raise GiveUp
    return data, reader.lines, reader.flows
