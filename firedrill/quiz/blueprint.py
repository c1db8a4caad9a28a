"""Blueprints: what an exam paper is made of — weights per topic, per question type and per difficulty.

An instructor writes one in YAML (``firedrill quiz --blueprint FILE``); the default is
``data/blueprint.yaml``. Topic weights share the paper's questions out (largest remainder, a case
counting all its steps); within a topic, draws whose type and difficulty are furthest below their
share are preferred. Weights are relative (3 and 1 mean three quarters and a quarter); a weight of
0 leaves a topic, type or difficulty out as far as the questions allow.

Difficulty is tagged per question from its form (``difficulty`` in the same file): 1 recalls one
fact, 2 applies a rule to a case, 3 chains or combines several; a 多选 or an ordering is one step
harder, a 判断题 one step easier.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.quiz.model import Kind, Question
from firedrill.quiz.settings import DATA_DIR
from firedrill.yamlio import load_model

DEFAULT_FILE = DATA_DIR / "blueprint.yaml"
LEVELS = (1, 2, 3)


class Blueprint(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    reason: str = ""
    topics: dict[str, float] = Field(min_length=1)
    kinds: dict[Kind, float] = {}
    difficulty: dict[int, float] = {}
    forms: dict[str, int] = {}  # difficulty of each form (the default file holds every form)

    @model_validator(mode="after")
    def _weights(self) -> Self:
        weights = [*self.topics.values(), *self.kinds.values(), *self.difficulty.values()]
        if any(w < 0 for w in weights):
            raise ValueError("weights are zero or more")
        if not any(w > 0 for w in self.topics.values()):
            raise ValueError("at least one topic needs a weight above zero")
        if set(self.difficulty) - set(LEVELS) or any(d not in LEVELS for d in self.forms.values()):
            raise ValueError(f"difficulty levels are {', '.join(map(str, LEVELS))}")
        return self

    def share(self, n: int) -> dict[str, int]:
        """How many of ``n`` questions each topic gets (largest remainder)."""
        total = sum(self.topics.values())
        exact = {t: n * w / total for t, w in self.topics.items()}
        counts = {t: int(v) for t, v in exact.items()}
        for t in sorted(exact, key=lambda t: (counts[t] - exact[t], t))[: n - sum(counts.values())]:
            counts[t] += 1
        return counts

    def missing(self, kind: Kind, level: int, kinds: dict[Kind, int], levels: dict[int, int], n: int) -> float:
        """How far a question of ``kind`` and ``level`` is below its shares, with ``kinds`` and ``levels`` taken."""
        by_kind, by_level = sum(self.kinds.values()), sum(self.difficulty.values())
        want_kind = n * self.kinds.get(kind, 0.0) / by_kind if by_kind else 0.0
        want_level = n * self.difficulty.get(level, 0.0) / by_level if by_level else 0.0
        return want_kind - kinds.get(kind, 0) + want_level - levels.get(level, 0)


@cache
def default_blueprint() -> Blueprint:
    return load_model(Blueprint, DEFAULT_FILE)


def load_blueprint(path: str | Path) -> Blueprint:
    """An instructor's blueprint; forms it leaves out take their difficulty from the default."""
    own = load_model(Blueprint, Path(path))
    return own.model_copy(update={"forms": {**default_blueprint().forms, **own.forms}})


def difficulty(question: Question, blueprint: Blueprint | None = None) -> int:
    form = question.facts["base"]["form"] if question.form == "judge" else question.form
    base = (blueprint or default_blueprint()).forms.get(form, 2)
    if question.kind in (Kind.MULTIPLE, Kind.ORDERING):
        base += 1
    elif question.kind is Kind.TRUE_FALSE:
        base -= 1
    return max(LEVELS[0], min(LEVELS[-1], base))
