"""Words and one-row flow collections for the row reader (``yamlblock``): a plain word resolved by the
loader's own resolver and built by its own constructor, a key that must be a plain word, and ``{…}`` or
``[…]`` of words written on one row, each read as the event reader (``yamlfast``) reads it, or given
up on. A script repeats the same few words, so each text is read once.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from firedrill.replay.yamlfast import NOT_SIMPLE, STR_TAG, GiveUp, Key, simple_value

FLOAT_TAG, TIMESTAMP_TAG = "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"
_BUILT = frozenset({FLOAT_TAG, TIMESTAMP_TAG})
PLAIN = (True, False)

KEY = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\s:,\[\]{}#]*"  # a key written as a plain word
# In a flow a plain word ends at a comma or a bracket; a colon is part of it unless a space or one of
# those follows (2026-11-24T23:40:00); a word with '#', '?' or a quote in it is the event reader's.
_FLOW_PLAIN = r"(?:-(?=[0-9.])|[^\s,\[\]{}#:?\"'&*!|>%@`\-])(?:[^,\[\]{}#:?\"']|:(?=[^\s,\[\]{}?]))*"
_FLOW_WORD = re.compile(_FLOW_PLAIN)
_QUOTED = re.compile(r"\"([^\"\\]*)\"|'([^']*)'")
_FLOW_KEY = re.compile(rf" *({KEY}): +")
_PAIR = rf" *({KEY}): +(\"[^\"\\]*\"|'[^']*'|{_FLOW_PLAIN})"
# A flow mapping of words only (the common case) is ``{`` + pairs, each but the last followed by a comma, + ``}``.
_EACH_PAIR = re.compile(rf"{_PAIR}(?:,|$)")
NO_WORD: Any = object()
WORDS: dict[str, Any] = {}  # a value's text → the word it is (words are immutable)
_FLOW_WORDS: dict[str, Any] = {}  # the same for plain words in a flow
_PAIRS_READ: dict[str, Any] = {}  # a one-row flow mapping's text → its (key, word) pairs, or None: not only pairs
TEXT_KEYS: set[str] = set()  # keys known to be text
KEPT = 4096


class WordReader:
    """Reads words and flows into ``lines`` (key paths → lines) and ``flows`` (the flow mappings)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.lines: dict[Key, int] = {}
        self.flows: set[Key] = set()

    def tag(self, text: str) -> str:
        return self.loader.resolved_tags.get((text, PLAIN)) or str(self.loader.resolve(yaml.ScalarNode, text, PLAIN))

    def word(self, text: str) -> Any:
        """A plain word's value, as the event reader builds it."""
        tag = self.tag(text)
        value = simple_value(self.loader, tag, text)
        if value is not NOT_SIMPLE:
            return value
        if tag in _BUILT:  # the tag's constructor itself: a word is built alone, with no document to keep
            return self.loader.yaml_constructors[tag](self.loader, yaml.ScalarNode(tag, text, None, None, None))
        raise GiveUp

    def key(self, text: str, seen: dict[Any, Any]) -> str:
        if text not in TEXT_KEYS:
            if not text or self.tag(text) != STR_TAG:
                raise GiveUp
            if len(TEXT_KEYS) >= KEPT:
                TEXT_KEYS.clear()
            TEXT_KEYS.add(text)
        if text in seen:
            raise GiveUp
        return text

    def pairs(self, text: str, line: int, path: Key) -> dict[str, Any] | None:
        """A one-row flow mapping of plain and quoted words (``text`` is ``{…}``), or None when it is not
        only that. Scripts repeat the same few such mappings (a wind, a number of calls): each text is
        read once."""
        read = _PAIRS_READ.get(text, NO_WORD)
        if read is NO_WORD:
            read = self._read_pairs(text)
            if len(_PAIRS_READ) >= KEPT:
                _PAIRS_READ.clear()
            _PAIRS_READ[text] = read
        if read is None:
            return None
        self.flows.add(path)
        data: dict[str, Any] = {}
        for key, value in read:
            if key in data:
                raise GiveUp  # a key twice: the event reader says so
            self.lines[(*path, key)] = line
            data[key] = value
        return data

    def _read_pairs(self, text: str) -> tuple[tuple[str, Any], ...] | None:
        """The pairs of ``{…}``, when they follow one another from brace to brace with no comma left over."""
        end, at, found = len(text) - 1, 1, []
        for match in _EACH_PAIR.finditer(text, 1, end):
            if match.start() != at:
                return None
            at = match.end()
            found.append(match.groups())
        if at != end or at == 1 or text[end - 1] == ",":
            return None
        read: list[tuple[str, Any]] = []
        for key, value in found:
            if value[0] in "\"'":
                read.append((self.key(key, {}), value[1:-1]))
                continue
            word = _FLOW_WORDS.get(value, NO_WORD)
            if word is NO_WORD:
                word = self.word(value.rstrip(" "))
                if len(_FLOW_WORDS) >= KEPT:
                    _FLOW_WORDS.clear()
                _FLOW_WORDS[value] = word
            read.append((self.key(key, {}), word))
        return tuple(read)

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
            closed, at = _after_item(text, at, "]")
            if closed:
                return items, at

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
            closed, at = _after_item(text, at, "}")
            if closed:
                return data, at


def _after_item(text: str, at: int, close: str) -> tuple[bool, int]:
    """After an item of a flow: (True, past the bracket) at ``close``, (False, the next item) after a comma."""
    at = _skip(text, at)
    if text[at] == close:
        return True, at + 1
    if text[at] != ",":
        raise GiveUp
    return False, _skip(text, at + 1)


def _skip(text: str, at: int) -> int:
    while text[at] == " ":
        at += 1
    return at
