"""A quiz question, a trainee's response to it, and how a response is marked.

A question is generated from the rule and playbook data (``firedrill.quiz.gen``), never typed by
hand. It carries the facts its key was derived from (``facts``) so that ``firedrill.quiz.verify``
can derive the key again through the rules engine and the playbook data, and the clause or
playbook item it comes from (``citation``, ``quote``) to show after the answer.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, model_validator

from firedrill.models import Text


class Kind(StrEnum):
    SINGLE = "single"  # one option is right
    MULTIPLE = "multiple"  # a set of options is right (one or more)
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
        if self.kind is Kind.MULTIPLE and (not self.key or list(self.key) != sorted(self.key)):
            raise ValueError("a multiple-choice key is a non-empty sorted set")
        if self.kind is Kind.ORDERING and sorted(self.key) != list(range(count)):
            raise ValueError("an ordering key places every option once")
        return self

    def with_id(self) -> Question:
        """The same question with ``id`` set to a digest of its content (stable across runs)."""
        body = self.model_dump(mode="json", exclude={"id"})
        digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        return self.model_copy(update={"id": digest[:16]})

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


def response_to_json(response: Response) -> Any:
    return list(response) if isinstance(response, tuple) else response


def response_from_json(data: Any) -> Response:
    return tuple(int(i) for i in data) if isinstance(data, list) else float(data)
