"""A search query made into terms: bounded, folded, split into words, each with its synonyms.

Chinese is written without spaces, so a run of Chinese the library does not hold as one string is
split greedily into the longest pieces it does hold (油罐冷却 → 油罐 + 冷却). Each word's language
is detected from its script, so an English word finds English text whatever the interface language.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from firedrill.errors import InputError
from firedrill.yamlio import load_model

DATA_FILE = Path(__file__).parent / "data" / "search.yaml"
LANGS = ("zh", "en")


class SearchSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_query_chars: int = Field(gt=0)
    weights: dict[str, int]
    phrase_bonus: int
    synonym_penalty: int
    inflected_weight: int
    context_weight: int
    cross_item_penalty: int
    snippet_context: dict[str, int]
    english_endings: tuple[str, ...]
    english_stop_words: frozenset[str]
    synonyms: tuple[tuple[str, ...], ...]


@cache
def load_search_settings() -> SearchSettings:
    return load_model(SearchSettings, DATA_FILE)


def is_chinese(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def language_of(text: str) -> str:
    """'zh' when the text holds a Chinese character, else 'en'."""
    return "zh" if any(is_chinese(ch) for ch in text) else "en"


def fold(text: str, lang: str) -> str:
    """The comparable form: NFKC (full-width brackets → ASCII), case-folded; Chinese without spaces,
    English with single spaces."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    return "".join(normal.split()) if lang == "zh" else " ".join(normal.split())


@dataclass(frozen=True)
class Alternative:
    text: str  # folded
    lang: str
    synonym: bool  # not the word as typed


@dataclass(frozen=True)
class Term:
    typed: str  # folded, as the user wrote it
    lang: str
    alternatives: tuple[Alternative, ...]


def _synonym_groups() -> list[tuple[tuple[str, str], ...]]:
    return [tuple((fold(w, language_of(w)), language_of(w)) for w in group)
            for group in load_search_settings().synonyms]  # fmt: skip


def alternatives(word: str, lang: str) -> tuple[Alternative, ...]:
    """``word`` and its synonyms: a whole member brings the group; a Chinese member inside a
    longer word is swapped for the group's other Chinese members."""
    found: dict[tuple[str, str], Alternative] = {(word, lang): Alternative(word, lang, False)}
    for group in _synonym_groups():
        if (word, lang) in group:
            for text, member_lang in group:
                found.setdefault((text, member_lang), Alternative(text, member_lang, True))
        elif lang == "zh":
            for inner, inner_lang in group:
                if inner_lang == "zh" and inner in word:
                    for other, other_lang in group:
                        if other_lang == "zh" and other != inner:
                            swapped = word.replace(inner, other)
                            found.setdefault((swapped, "zh"), Alternative(swapped, "zh", True))
    return tuple(found.values())


def _split_chinese(run: str, holds: str) -> list[str]:
    """Greedy longest pieces of ``run`` that ``holds`` contains; single leftover characters dropped."""
    if run in holds or len(run) == 1:
        return [run]
    pieces, i = [], 0
    while i < len(run):
        for j in range(len(run), i, -1):
            if run[i:j] in holds:
                break
        else:
            j = i + 1
        if j - i > 1:
            pieces.append(run[i:j])
        i = j
    return pieces or [run]


def _english_words(words: list[str], members: set[str], stop: frozenset[str]) -> list[str]:
    """Adjacent words forming a synonym member stay together (breathing apparatus); stop words go."""
    out, i = [], 0
    while i < len(words):
        for j in range(len(words), i + 1, -1):
            if " ".join(words[i:j]) in members:
                out.append(" ".join(words[i:j]))
                i = j
                break
        else:
            if words[i] not in stop:
                out.append(words[i])
            i += 1
    return out or words


def parse_query(text: str, zh_corpus: str) -> tuple[tuple[Term, ...], str]:
    """The query's terms and its folded whole (for the phrase bonus); bad queries are InputErrors."""
    settings = load_search_settings()
    if len(text) > settings.max_query_chars:
        raise InputError(f"search text is {len(text)} characters; at most {settings.max_query_chars}",
                         field="text")  # fmt: skip
    clean = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    if not clean.strip():
        raise InputError("search text is empty", field="text")
    members = {w for group in _synonym_groups() for w, lang in group if lang == "en"}
    # What a Chinese piece may be: text of the library, or a synonym (坍塌 though the library says 倒塌).
    holds = "\x00".join([zh_corpus, *(w for group in _synonym_groups() for w, lang in group if lang == "zh")])
    words: list[tuple[str, str]] = []
    english: list[str] = []
    for token in unicodedata.normalize("NFKC", clean).split():
        if language_of(token) == "en":
            english.append(token.casefold())
            continue
        words += [(w, "en") for w in _english_words(english, members, settings.english_stop_words)] if english else []
        english = []
        words += [(piece, "zh") for piece in _split_chinese(fold(token, "zh"), holds)]
    words += [(w, "en") for w in _english_words(english, members, settings.english_stop_words)] if english else []
    terms = tuple(Term(w, lang, alternatives(w, lang)) for w, lang in dict.fromkeys(words))
    whole_lang = language_of(clean)
    return terms, fold(clean, whole_lang)
