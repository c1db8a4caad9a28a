"""A script's YAML read row by row, for the block form scripts are written in: ``key: value`` rows,
``- `` items, one-row ``{…}`` and ``[…]`` of plain or quoted words, comments. It gives the data, each
key's line and the flow mappings exactly as the event reader (``yamlfast``) would, and gives up on
anything else — a tab, an anchor, an alias, a tag, a block scalar, a word continued on the next row,
a key written twice or not as a plain word, a value left empty, a quote with an escape, a character
YAML does not print, a document marker — and then the event reader reads the text (and, where it
gives up too, the composing reader), so the result is always theirs.

Words are resolved by the loader's own resolver and built by its own constructor; a script repeats
the same few words, so each text is read once.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from firedrill.replay.yamlfast import BOOL_TAG, INT_TAG, NULL_TAG, STR_TAG, GiveUp, Key

FLOAT_TAG, TIMESTAMP_TAG = "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"
_BUILT = frozenset({FLOAT_TAG, TIMESTAMP_TAG})
PLAIN = (True, False)

# Outside what YAML prints, or a line break of its own (NEL, U+2028/9), a BOM, a tab, a CR: the event reader's.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\s:,\[\]{}#]*"
# A row: its indent, a dash, a key and what follows the key (or the dash, or the indent).
_ROW = re.compile(rf"^( *)(- +)?(?:({_KEY}):(?: +|$))?(.*)$", re.MULTILINE)
# In a flow a plain word ends at a comma or a bracket; a colon is part of it unless a space or one of
# those follows (2026-11-24T23:40:00); a word with '#', '?' or a quote in it is the event reader's.
_FLOW_PLAIN = r"(?:-(?=[0-9.])|[^\s,\[\]{}#:?\"'&*!|>%@`\-])(?:[^,\[\]{}#:?\"']|:(?=[^\s,\[\]{}?]))*"
_FLOW_WORD = re.compile(_FLOW_PLAIN)
_QUOTED = re.compile(r"\"([^\"\\]*)\"|'([^']*)'")
_FLOW_KEY = re.compile(rf" *({_KEY}): +")
_PAIR = rf" *({_KEY}): +(\"[^\"\\]*\"|'[^']*'|{_FLOW_PLAIN})"
_PAIRS = re.compile(rf"\{{(?:{_PAIR},)*{_PAIR}\}}")  # a flow mapping of words only: the common case
_EACH_PAIR = re.compile(rf"{_PAIR}(?:,|$)")
_REST = re.compile(r" *(?:#.*)?")  # what may follow a value on its row: spaces, a comment
_STARTS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a plain word may not start with these (``-5`` aside)
_NO_WORD: Any = object()
_WORDS: dict[str, Any] = {}  # a value's text → the word it is (words are immutable)
_FLOW_WORDS: dict[str, Any] = {}  # the same for plain words in a flow
_TEXT_KEYS: set[str] = set()  # keys known to be text
_KEPT = 4096

Row = tuple[int, int, str, str, str]  # line, indent, dash, key, the rest


class _Reader:
    def __init__(self, loader: Any, rows: list[Row]) -> None:
        self.loader, self.rows = loader, rows
        self.lines: dict[Key, int] = {}
        self.flows: set[Key] = set()

    def tag(self, text: str) -> str:
        return self.loader.resolved_tags.get((text, PLAIN)) or str(self.loader.resolve(yaml.ScalarNode, text, PLAIN))

    def word(self, text: str) -> Any:
        """A plain word's value, as the event reader builds it."""
        tag = self.tag(text)
        if tag == STR_TAG:
            return text
        if tag == INT_TAG and self.loader.plain_int.match(text):
            return int(text.replace("_", ""))
        if tag == NULL_TAG:
            return None
        if tag == BOOL_TAG:
            return self.loader.bool_values[text.lower()]
        if tag in _BUILT:
            return self.loader.construct_object(yaml.ScalarNode(tag, text, None, None, None))
        raise GiveUp

    def key(self, text: str, seen: dict[Any, Any]) -> str:
        if text not in _TEXT_KEYS:
            if not text or self.tag(text) != STR_TAG:
                raise GiveUp
            if len(_TEXT_KEYS) >= _KEPT:
                _TEXT_KEYS.clear()
            _TEXT_KEYS.add(text)
        if text in seen:
            raise GiveUp
        return text

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
            if key not in _TEXT_KEYS or key in data:
                key = self.key(key, data)
            at = (*path, key)
            lines[at] = line
            i += 1
            if rest and rest[0] != "#":
                found = _WORDS.get(rest, _NO_WORD)
                data[key] = self.inline(rest, line, at) if found is _NO_WORD else found
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
        found = _WORDS.get(text, _NO_WORD)
        if found is not _NO_WORD:
            return found
        first = text[0]
        if first in "{[\"'":
            if first == "{" and text[-1] == "}" and _PAIRS.fullmatch(text):
                return self.pairs(text, line, path)
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
        if len(_WORDS) >= _KEPT:
            _WORDS.clear()
        _WORDS[text] = value
        return value

    def pairs(self, text: str, line: int, path: Key) -> dict[str, Any]:
        """A one-row flow mapping of plain and quoted words (``_PAIRS`` matched it)."""
        self.flows.add(path)
        data: dict[str, Any] = {}
        for key, value in _EACH_PAIR.findall(text, 1, len(text) - 1):
            key = self.key(key, data)
            self.lines[(*path, key)] = line
            if value[0] in "\"'":
                data[key] = value[1:-1]
                continue
            found = _FLOW_WORDS.get(value, _NO_WORD)
            if found is _NO_WORD:
                found = self.word(value.rstrip(" "))
                if len(_FLOW_WORDS) >= _KEPT:
                    _FLOW_WORDS.clear()
                _FLOW_WORDS[value] = found
            data[key] = found
        return data

    def flow(self, text: str, at: int, line: int, path: Key) -> tuple[Any, int]:
        """The value starting at ``text[at]`` inside (or opening) a one-row flow collection, and where it ends."""
        first = text[at]
        if first in "\"'":
            match = _QUOTED.match(text, at)
            if match is None:
                raise GiveUp
            quoted = match.group(1)
            return (quoted if quoted is not None else match.group(2)), match.end()
        if first == "[":
            return self.flow_sequence(text, at + 1, line, path)
        if first == "{":
            self.flows.add(path)
            return self.flow_mapping(text, at + 1, line, path)
        match = _FLOW_WORD.match(text, at)
        if match is None:
            raise GiveUp
        return self.word(match.group().rstrip(" ")), match.end()

    def flow_sequence(self, text: str, at: int, line: int, path: Key) -> tuple[list[Any], int]:
        items: list[Any] = []
        at = _skip(text, at)
        if text[at] == "]":
            return items, at + 1
        while True:
            self.lines[(*path, len(items))] = line
            item, at = self.flow(text, at, line, (*path, len(items)))
            items.append(item)
            at = _skip(text, at)
            if text[at] == "]":
                return items, at + 1
            if text[at] != ",":
                raise GiveUp
            at = _skip(text, at + 1)

    def flow_mapping(self, text: str, at: int, line: int, path: Key) -> tuple[dict[Any, Any], int]:
        data: dict[Any, Any] = {}
        at = _skip(text, at)
        if text[at] == "}":
            return data, at + 1
        while True:
            match = _FLOW_KEY.match(text, at)
            if match is None:
                raise GiveUp
            key = self.key(match.group(1), data)
            self.lines[(*path, key)] = line
            data[key], at = self.flow(text, match.end(), line, (*path, key))
            at = _skip(text, at)
            if text[at] == "}":
                return data, at + 1
            if text[at] != ",":
                raise GiveUp
            at = _skip(text, at + 1)


def _skip(text: str, at: int) -> int:
    while text[at] == " ":
        at += 1
    return at


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
    """The data of ``text``, its key lines and flow mappings; or GiveUp. ``loader`` (a ``ScriptLoader``)
    lends its resolver and constructor only."""
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
