"""The procedure views' own words in Chinese and English, from ``data/labels.yaml``, checked complete."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, model_validator

from firedrill.models import Text
from firedrill.procedure.state import StepState
from firedrill.yamlio import load_model

LABELS_FILE = Path(__file__).parent / "data" / "labels.yaml"


class Labels(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    states: dict[StepState, Text]
    headings: dict[str, Text]

    @model_validator(mode="after")
    def _every_state(self) -> Self:
        missing = [s.value for s in StepState if s not in self.states]
        if missing:
            raise ValueError(f"no label for state(s) {', '.join(missing)}")
        return self

    def state(self, state: StepState, lang: str) -> str:
        return self.states[state].in_lang(lang)

    def heading(self, key: str, lang: str) -> str:
        return self.headings[key].in_lang(lang)


@cache
def labels() -> Labels:
    return load_model(Labels, LABELS_FILE)
