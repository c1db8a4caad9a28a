"""The plan's seven attachments (附件 1—7): which category each holds, its title, and numeral order.

Read from ``data/attachments.yaml`` once; the loader checks every playbook against it and the CLI
uses the titles as headings of ``firedrill playbook list``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.models import Text
from firedrill.playbook.schema import Category
from firedrill.yamlio import load_model

DATA_DIR = Path(__file__).parent / "data"


class Attachment(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int = Field(ge=1)
    category: Category
    title: Text


class Attachments(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    clause: str
    quote: str
    numerals: tuple[str, ...] = Field(min_length=1)
    attachments: tuple[Attachment, ...]

    @model_validator(mode="after")
    def _one_per_category(self) -> Self:
        categories = [a.category for a in self.attachments]
        if sorted(categories) != sorted(Category):
            raise ValueError("every category needs exactly one attachment")
        return self

    def by_number(self, number: int) -> Attachment | None:
        return next((a for a in self.attachments if a.number == number), None)

    def for_category(self, category: Category) -> Attachment:
        return next(a for a in self.attachments if a.category == category)

    def numeral_rank(self, numeral: str | None) -> int:
        """Position of 一, 二, 三 …; a playbook without a number (附件7) comes first, unknown last."""
        if numeral is None:
            return 0
        try:
            return self.numerals.index(numeral) + 1
        except ValueError:
            return len(self.numerals) + 1


@cache
def load_attachments() -> Attachments:
    return load_model(Attachments, DATA_DIR / "attachments.yaml")
