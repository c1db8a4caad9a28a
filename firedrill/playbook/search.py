"""Find playbooks and items by words in Chinese or English, grouped per playbook and ranked.

A query is split into terms (``search_terms.py``), each with its synonyms; every term must be
found in the playbook — in the item itself, or in the playbook's name, aliases, title or keywords
(so 油罐 冷却 finds the cooling item of the oil-tank playbook). English words match whole words.
Ranking policy and the synonym table live in ``data/search.yaml`` (docs/playbooks.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from firedrill.errors import InputError
from firedrill.playbook.loader import Library
from firedrill.playbook.search_index import PLAYBOOK_FIELDS, Index, Target, english_word, index_for
from firedrill.playbook.search_terms import (
    LANGS,
    SearchSettings,
    Term,
    fold,
    language_of,
    load_search_settings,
    parse_query,
)  # fmt: skip

__all__ = ["Hit", "detect_language", "search"]


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


def detect_language(text: str) -> str:
    """The language a query is written in: 'zh' if it holds a Chinese character, else 'en'."""
    return language_of(text)


# (score, start, end) of one term in one target
Found = tuple[int, int, int]


def _term_hits(index: Index, term: Term, langs: tuple[str, ...], settings: SearchSettings) -> dict[int, Found]:
    best: dict[int, Found] = {}
    for alt in term.alternatives:
        if alt.lang not in langs:
            continue
        for position in index.find(alt.text, alt.lang):
            target = index.targets[position]
            weight = settings.weights[target.field] - (settings.synonym_penalty if alt.synonym else 0)
            if alt.lang == "zh":
                at = target.folded.find(alt.text)
                found = (weight, at, at + len(alt.text))
            else:
                exact, inflected = english_word(alt.text, settings.english_endings)
                match = exact.search(target.folded)
                if match is None:
                    match = inflected.search(target.folded)
                    if match is None:
                        continue
                    weight = settings.inflected_weight
                found = (weight, match.start(), match.end())
            if found[0] > best.get(position, (-1, 0, 0))[0]:
                best[position] = found
    return best


def _snippet(target: Target, start: int, end: int, settings: SearchSettings) -> str:
    # Folding keeps positions (NFKC and case folding map these texts one character to one), so the
    # span found in the folded string cuts the text as written, spaces treated the same way.
    context = settings.snippet_context[target.lang]
    text = "".join(target.raw.split()) if target.lang == "zh" else " ".join(target.raw.split())
    left, right = max(0, start - context), min(len(text), end + context)
    return ("…" if left > 0 else "") + text[left:right] + ("…" if right < len(text) else "")


def search(library: Library, text: str, lang: str | None = None) -> list[Hit]:
    """Every match of ``text`` in the library: playbooks best first, each playbook's hits together,
    best first; ``lang`` limits to Chinese or English texts."""
    if lang is not None and lang not in LANGS:
        raise InputError(f"unknown language '{lang}' (use zh or en)", field="lang")
    settings = load_search_settings()
    index = index_for(library)
    terms, whole = parse_query(text, index.zh_corpus)
    langs = LANGS if lang is None else (lang,)
    per_term = [_term_hits(index, term, langs, settings) for term in terms]
    books: dict[int, dict[int, dict[int, Found]]] = defaultdict(lambda: defaultdict(dict))
    for t, hits in enumerate(per_term):
        for position, found in hits.items():
            books[index.targets[position].book][position][t] = found
    ranked: list[tuple[int, int, int, int, Hit]] = []
    for book, targets in books.items():
        covered = {t for by_term in targets.values() for t in by_term}
        if len(covered) < len(terms):
            continue  # a word of the query is nowhere in this playbook
        context = {t for p, by_term in targets.items() if index.targets[p].field in PLAYBOOK_FIELDS for t in by_term}
        shown: dict[str, tuple[int, int, Hit]] = {}
        for position, by_term in targets.items():
            target = index.targets[position]
            missing = [t for t in range(len(terms)) if t not in by_term]
            score = sum(f[0] for f in by_term.values()) + settings.context_weight * sum(t in context for t in missing)
            if any(t not in context for t in missing):
                score -= settings.cross_item_penalty
            if len(terms) > 1 and whole and whole in target.folded:
                score += settings.phrase_bonus
            first = min(by_term.values(), key=lambda f: f[1])
            hit = Hit(library.all()[book].id, target.field, target.citation,
                      _snippet(target, first[1], first[2], settings), target.lang, score)  # fmt: skip
            # One row per item (or one for the playbook's own names), the best of its fields and languages.
            key = "playbook" if target.field in PLAYBOOK_FIELDS else target.citation
            if key not in shown or score > shown[key][0]:
                shown[key] = (score, target.order, hit)
        best = max(s for s, _, _ in shown.values())
        ranked += [(-best, book, -score, order, hit) for score, order, hit in shown.values()]
    ranked.sort(key=lambda r: r[:4])
    return [r[-1] for r in ranked]


def folded(text: str) -> str:
    """A query as the index compares it (exposed for the console's exact-name picker)."""
    return fold(text, language_of(text))
