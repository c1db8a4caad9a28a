"""Find playbooks and items by a phrase in Chinese or English.

Chinese is matched ignoring whitespace (the plan's text is full of line-break spaces); English
ignoring case and runs of spaces, as a phrase first and then as all-words-present. Hits on a
playbook's name or aliases rank above its title and keywords, which rank above item text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.playbook.citations import iter_entries, playbook_citation
from firedrill.playbook.loader import Library
from firedrill.playbook.schema import Playbook

LANGS = ("zh", "en")
# Ranking policy, not plan data: the higher, the nearer to what the user named.
WEIGHTS = {"name": 100, "alias": 90, "title": 80, "keyword": 70, "heading": 50, "text": 30,
           "linked_unit": 20, "parameter": 20}  # fmt: skip
WORDS_ONLY_PENALTY = 5  # all words found, but not as one phrase
SNIPPET_CONTEXT = {"zh": 24, "en": 48}


@dataclass(frozen=True)
class Hit:
    playbook_id: str
    field: str
    citation: str
    snippet: str
    lang: str
    score: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _both(field: str, citation: str, text: Text) -> Iterator[tuple[str, str, str, str]]:
    yield field, citation, "zh", text.zh
    yield field, citation, "en", text.en


def _targets(playbook: Playbook) -> Iterator[tuple[str, str, str, str]]:
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
        for field, text in (("heading", entry.heading), ("text", entry.text)):
            if text is not None:
                yield from _both(field, entry.citation, text)
    for unit in playbook.linked_units:
        yield from _both("linked_unit", unit.cite, unit.name)
        yield "linked_unit", unit.cite, "zh", unit.quote
    for parameter in playbook.parameters:
        yield from _both("parameter", parameter.cite, parameter.name)
        yield "parameter", parameter.cite, "zh", parameter.quote


def _fold(text: str, lang: str) -> tuple[str, list[int]]:
    """The comparable form of ``text`` and, for each of its characters, the index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if lang == "en" and out and out[-1] != " ":
                out.append(" ")
                index.append(i)
            continue
        for folded in ch.casefold():
            out.append(folded)
            index.append(i)
    return "".join(out).strip(), index


def _snippet(text: str, start: int, end: int, lang: str) -> str:
    context = SNIPPET_CONTEXT[lang]
    left, right = max(0, start - context), min(len(text), end + context)
    body = " ".join(text[left:right].split()) if lang == "en" else "".join(text[left:right].split())
    return ("…" if left > 0 else "") + body + ("…" if right < len(text) else "")


def _match(query: str, text: str, lang: str) -> tuple[int, int, bool] | None:
    """Span of the match in ``text`` and whether it was the whole phrase."""
    folded, index = _fold(text, lang)
    phrase, _ = _fold(query, lang)
    at = folded.find(phrase)
    if at >= 0:
        return index[at], index[at + len(phrase) - 1] + 1, True
    words = phrase.split(" ") if lang == "en" else []
    if len(words) > 1 and all(w in folded for w in words):
        at = folded.find(words[0])
        return index[at], index[at + len(words[0]) - 1] + 1, False
    return None


def search(library: Library, text: str, lang: str | None = None) -> list[Hit]:
    """Every match of ``text`` in the library, best first; ``lang`` limits to 'zh' or 'en' texts."""
    if not text.strip():
        raise InputError("search text is empty", field="text")
    if lang is not None and lang not in LANGS:
        raise InputError(f"unknown language '{lang}' (use zh or en)", field="lang")
    langs = LANGS if lang is None else (lang,)
    ranked: list[tuple[int, int, int, Hit]] = []
    for book_order, playbook in enumerate(library.all()):
        for order, (field, citation, target_lang, body) in enumerate(_targets(playbook)):
            if target_lang not in langs:
                continue
            span = _match(text, body, target_lang)
            if span is None:
                continue
            score = WEIGHTS[field] - (0 if span[2] else WORDS_ONLY_PENALTY)
            snippet = _snippet(body, span[0], span[1], target_lang)
            ranked.append((-score, book_order, order, Hit(playbook.id, field, citation, snippet, target_lang, score)))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked]
