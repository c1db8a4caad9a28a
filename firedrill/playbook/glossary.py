"""The glossary (``data/glossary.yaml``): one English rendering per Chinese term, checked across playbooks.

``inconsistencies(library)`` lists every text whose Chinese holds a glossary term while its English
lacks the term's rendering — what a translator fixes, or records as an exception with a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from firedrill.models import Text
from firedrill.playbook.loader import Library
from firedrill.playbook.schema import Playbook
from firedrill.yamlio import load_model

DATA_FILE = Path(__file__).parent / "data" / "glossary.yaml"


class GlossaryTerm(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    note: str = Field(min_length=1)
    exceptions: tuple[str, ...] = ()  # "<playbook id> <path>" of texts allowed another rendering


class Glossary(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    terms: tuple[GlossaryTerm, ...] = Field(min_length=1)


@cache
def load_glossary() -> Glossary:
    return load_model(Glossary, DATA_FILE)


def _comparable(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def texts(obj: object, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every Chinese–English pair of a playbook, with where it is (``sections[4].items[2].text``)."""
    if isinstance(obj, Text):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from texts(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, tuple):
        for i, value in enumerate(obj):
            yield from texts(value, f"{path}[{i}]")


@dataclass(frozen=True)
class Inconsistency:
    playbook_id: str
    path: str
    term: GlossaryTerm
    english: str


def inconsistencies(library: Library | tuple[Playbook, ...]) -> list[Inconsistency]:
    playbooks = library.all() if isinstance(library, Library) else library
    found = []
    for term in load_glossary().terms:
        for playbook in playbooks:
            for path, text in texts(playbook):
                where = f"{playbook.id} {path}"
                held = term.zh in "".join(text.zh.split()) and where not in term.exceptions
                if held and _comparable(term.en) not in _comparable(text.en):
                    found.append(Inconsistency(playbook.id, path, term, text.en))
    return found
