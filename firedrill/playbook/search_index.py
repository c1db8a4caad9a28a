"""The searchable strings of a library, indexed once in an in-memory SQLite FTS5 trigram table.

The trigram tokenizer needs no word list: it finds any substring of three characters or more,
which suits Chinese (no segmentation to disagree with the text: 接合器 inside 水泵接合器) and
English alike; shorter strings (most Chinese words are two characters) are found with ``instr``
on the same table. English word boundaries are checked afterwards, in ``search.py``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

from firedrill.models import Text
from firedrill.playbook.citations import iter_entries, playbook_citation
from firedrill.playbook.loader import Library
from firedrill.playbook.schema import Playbook
from firedrill.playbook.search_terms import LANGS, fold

PLAYBOOK_FIELDS = frozenset({"name", "alias", "title", "keyword"})  # the playbook itself, not one item
TRIGRAM = 3


@dataclass(frozen=True)
class Target:
    book: int  # position of the playbook in the library
    order: int  # position within the playbook (the plan's order)
    field: str
    citation: str
    lang: str
    raw: str
    folded: str


def _both(field: str, citation: str, text: Text) -> Iterator[tuple[str, str, str, str]]:
    yield field, citation, "zh", text.zh
    yield field, citation, "en", text.en


def _strings(playbook: Playbook) -> Iterator[tuple[str, str, str, str]]:
    """(field, citation, language, string) for every searchable string of ``playbook``."""
    cite = playbook_citation(playbook)
    yield from _both("name", cite, playbook.name)
    yield from _both("title", cite, playbook.title)
    for lang in LANGS:
        for term in getattr(playbook.aliases, lang):
            yield "alias", cite, lang, term
        for term in getattr(playbook.keywords, lang):
            yield "keyword", cite, lang, term
    for entry in iter_entries(playbook):
        for name, text in (("heading", entry.heading), ("text", entry.text)):
            if text is not None:
                yield from _both(name, entry.citation, text)
    for unit in playbook.linked_units:
        yield from _both("linked_unit", unit.cite, unit.name)
        yield "linked_unit", unit.cite, "zh", unit.quote
    for parameter in playbook.parameters:
        yield from _both("parameter", parameter.cite, parameter.name)
        yield "parameter", parameter.cite, "zh", parameter.quote


@dataclass
class Index:
    library: Library
    targets: list[Target]
    zh_corpus: str  # every folded Chinese string, NUL-separated: what a query piece may be
    db: sqlite3.Connection = field(repr=False)

    def find(self, text: str, lang: str) -> list[int]:
        """Positions of the targets in ``lang`` whose folded string holds ``text``."""
        if len(text) >= TRIGRAM:
            rows = self.db.execute("SELECT rowid FROM t WHERE t MATCH ? AND lang = ?",
                                   ('"' + text.replace('"', '""') + '"', lang))  # fmt: skip
        else:
            rows = self.db.execute("SELECT rowid FROM t WHERE instr(body, ?) > 0 AND lang = ?", (text, lang))
        return [row[0] for row in rows]


def build_index(library: Library) -> Index:
    targets = [Target(book, order, name, cite, lang, raw, fold(raw, lang))
               for book, playbook in enumerate(library.all())
               for order, (name, cite, lang, raw) in enumerate(_strings(playbook))]  # fmt: skip
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, lang UNINDEXED, tokenize='trigram')")
    db.executemany("INSERT INTO t(rowid, body, lang) VALUES (?, ?, ?)",
                   ((i, t.folded, t.lang) for i, t in enumerate(targets)))  # fmt: skip
    zh_corpus = "\x00".join(t.folded for t in targets if t.lang == "zh")
    return Index(library, targets, zh_corpus, db)


_INDEXES: dict[int, Index] = {}
_KEEP = 8  # libraries indexed at once (the built-in one, plus a few with local folders)


def index_for(library: Library) -> Index:
    """The index of ``library``, built on first use."""
    found = _INDEXES.get(id(library))
    if found is None or found.library is not library:
        if len(_INDEXES) >= _KEEP:
            _INDEXES.pop(next(iter(_INDEXES)))
        found = _INDEXES[id(library)] = build_index(library)
    return found


def english_word(text: str, endings: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for ``text`` as whole words, and with an inflectional ending (live → lives)."""
    core = re.escape(text)
    suffix = "|".join(re.escape(e) for e in endings)
    return (re.compile(rf"(?<![\w]){core}(?![\w])"), re.compile(rf"(?<![\w]){core}(?:{suffix})(?![\w])"))
