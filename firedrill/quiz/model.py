"""A quiz question, a trainee's response to it, and how a response is marked.

A question is generated from the rule and playbook data (``firedrill.quiz.gen``), never typed by
hand. It carries the facts its key was derived from (``facts``) so that ``firedrill.quiz.verify``
can derive the key again through the rules engine and the playbook data, and the clause or
playbook item it comes from (``citation``, ``quote``) to show after the answer.
"""

from __future__ import annotations

import hashlib
import json
import random
import unicodedata
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, model_validator

from firedrill.models import Text


class Kind(StrEnum):
    SINGLE = "single"  # one option is right
    MULTIPLE = "multiple"  # 多选: a set of at least two options is right; partial credit
    TRUE_FALSE = "true_false"  # 判断题: a statement, right or wrong
    ORDERING = "ordering"  # every option, in the plan's order
    NUMERIC = "numeric"  # a number within a range


class Option(BaseModel):
    """A choice as shown (``text``) and as the verifier reads it (``value``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: str
    text: Text


class NumericKey(BaseModel):
    """A number is right when ``minimum <= x <= maximum``; ``maximum`` None means "or more"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    minimum: float
    maximum: float | None
    unit: Text

    def accepts(self, value: float) -> bool:
        return value >= self.minimum and (self.maximum is None or value <= self.maximum)


Response = tuple[int, ...] | float  # option indices (0-based) or a number
MIN_MULTIPLE = 2  # a 多选 has at least two right options, as in Chinese fire-service exams
TRUE_FALSE = ("true", "false")  # the option values of a 判断题, in this order


class Question(BaseModel):
    """One question with exactly one right answer set."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = ""
    topic: str
    form: str  # which generator made it, e.g. "grading.level"; the verifier dispatches on it
    kind: Kind
    prompt: Text
    options: tuple[Option, ...] = ()
    key: tuple[int, ...] = ()  # single: (i,); multiple: sorted indices; ordering: indices in the right order
    numeric: NumericKey | None = None
    explanation: Text
    citation: str
    quote: str
    facts: dict[str, Any]

    @model_validator(mode="after")
    def _shape(self) -> Self:
        if self.kind is Kind.NUMERIC:
            if self.numeric is None or self.options or self.key:
                raise ValueError("a numeric question has a numeric key and no options")
            return self
        count = len(self.options)
        if self.numeric is not None or count < 2:
            raise ValueError("a choice question has at least two options and no numeric key")
        if any(not 0 <= i < count for i in self.key) or len(set(self.key)) != len(self.key):
            raise ValueError("key indices must be distinct option indices")
        if len({o.value for o in self.options}) != count:
            raise ValueError("option values must be distinct")
        if self.kind is Kind.SINGLE and len(self.key) != 1:
            raise ValueError("a single-choice question has exactly one key")
        if self.kind is Kind.MULTIPLE and (len(self.key) < MIN_MULTIPLE or list(self.key) != sorted(self.key)):
            raise ValueError(f"a multiple-choice key is a sorted set of at least {MIN_MULTIPLE} options")
        if self.kind is Kind.TRUE_FALSE and (tuple(o.value for o in self.options) != TRUE_FALSE or len(self.key) != 1):
            raise ValueError("a true-or-false question offers exactly 'true' and 'false' and one of them is right")
        if self.kind is Kind.ORDERING and sorted(self.key) != list(range(count)):
            raise ValueError("an ordering key places every option once")
        return self

    @property
    def stem(self) -> str:
        """The prompt as a trainee reads it, letters and digits only: two questions with one stem ask the same."""
        return stem_of(self.prompt.zh)

    def with_id(self) -> Question:
        """The same question with ``id`` set to a digest of what a trainee sees and must answer.

        Hidden facts and the order options are shown in are left out: a question drawn from other facts
        but reading the same, or asked again with its options reshuffled, is the same question.
        """
        options = sorted((o.value, o.text.zh, o.text.en) for o in self.options)
        key = list(self.key_values()) if self.kind is Kind.ORDERING else sorted(self.key_values())
        body = {
            "topic": self.topic,
            "form": self.form,
            "kind": self.kind.value,
            "prompt": self.prompt.as_dict(),
            "options": options,
            "key": key,
            "numeric": None if self.numeric is None else self.numeric.model_dump(mode="json"),
            "citation": self.citation,
        }
        digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        return self.model_copy(update={"id": digest[:16]})

    def reshuffled(self, order: Sequence[int]) -> Question:
        """The same question with its options shown in ``order`` (old indices) and the key following them."""
        if sorted(order) != list(range(len(self.options))):
            raise ValueError("an order places every option once")
        where = {old: new for new, old in enumerate(order)}
        key = tuple(where[i] for i in self.key)
        if self.kind is not Kind.ORDERING:
            key = tuple(sorted(key))
        return self.model_copy(update={"options": tuple(self.options[i] for i in order), "key": key})

    def credit(self, response: Response) -> float:
        """Marks for ``response``, from 0 to 1: a 多选 scores each right option chosen, and 0 if any wrong one is."""
        if self.kind is not Kind.MULTIPLE or not isinstance(response, tuple):
            return 1.0 if self.is_correct(response) else 0.0
        chosen = set(response)
        if len(chosen) != len(response) or not chosen or not chosen <= set(self.key):
            return 0.0
        return len(chosen) / len(self.key)

    def is_correct(self, response: Response) -> bool:
        if self.kind is Kind.NUMERIC:
            assert self.numeric is not None
            return isinstance(response, float | int) and self.numeric.accepts(float(response))
        if not isinstance(response, tuple):
            return False
        if self.kind is Kind.MULTIPLE:
            return tuple(sorted(set(response))) == self.key and len(set(response)) == len(response)
        return response == self.key

    def key_values(self) -> tuple[str, ...]:
        """The option values of the key, in key order (what the verifier compares)."""
        return tuple(self.options[i].value for i in self.key)


def reshuffle(question: Question, rng: random.Random) -> Question:
    """``question`` with its options in a new order (an ordering never shown solved); 判断题 and numbers kept."""
    if question.kind in (Kind.TRUE_FALSE, Kind.NUMERIC) or len(question.options) < 2:
        return question
    order = list(range(len(question.options)))
    for _ in range(len(order) * 4):
        rng.shuffle(order)
        shown = question.reshuffled(order)
        solved = question.kind is Kind.ORDERING and list(shown.key) == list(range(len(order)))
        if order != list(range(len(order))) and not solved:
            return shown
    return question.reshuffled(order)


def stem_of(text: str) -> str:
    """Letters and digits of ``text`` (NFKC): punctuation, spaces and width never make two stems differ."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch)[0] in "LN")


def response_to_json(response: Response) -> Any:
    return list(response) if isinstance(response, tuple) else response


def response_from_json(data: Any) -> Response:
    return tuple(int(i) for i in data) if isinstance(data, list) else float(data)
