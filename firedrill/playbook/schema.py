"""The pydantic schema of a scenario playbook (one YAML file per playbook in ``playbooks/``).

A playbook is a tree: sections (火灾特点, 灭火基本要求, …) hold numbered items, items may hold
sub-items, and every Chinese string is the plan's own sentence. Positions are kept as the plan
writes them ("(一)", "1", "(1)") so that any item can be cited as 附件1 一(五)6.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from firedrill.models import SiteCategory, Text


class Category(StrEnum):
    BUILDING = "building"
    CHEMICAL = "chemical"
    WAREHOUSE = "warehouse"
    TRANSPORT = "transport"
    CROWDED = "crowded"
    SPECIAL = "special"
    EPIDEMIC = "epidemic"


class SectionKind(StrEnum):
    """The five sections every playbook has; the plan's own heading is kept in ``heading``."""

    CHARACTERISTICS = "characteristics"  # 火灾特点
    BASIC_REQUIREMENTS = "basic_requirements"  # 灭火基本要求 (飞机: 灭火基本要点)
    TACTICAL_POINTS = "tactical_points"  # 灭火战术要点
    MEASURES = "measures"  # 灭火措施
    SAFETY_NOTES = "safety_notes"  # 注意事项


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Item(_Strict):
    """A numbered item. ``heading`` is a label the plan puts first (火情侦察, 接警出动, 机舱火灾特点);
    ``text`` is the sentence. At least one of them, or sub-items, must be present."""

    number: str = Field(min_length=1)
    heading: Text | None = None
    text: Text | None = None
    items: tuple[Item, ...] = ()

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.heading is None and self.text is None:
            raise ValueError("an item needs a heading or a text")
        return self


class Section(_Strict):
    kind: SectionKind
    number: str = Field(min_length=1)  # "(一)" in attachments 1-6, "一" in attachment 7
    heading: Text
    text: Text | None = None  # a section written as one paragraph (灭火基本要求)
    items: tuple[Item, ...] = ()

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.text is None and not self.items:
            raise ValueError(f"section '{self.kind}' is empty: give a text or items")
        return self


class LinkedUnit(_Strict):
    """A unit the playbook names or clearly implies, with the sentence it comes from."""

    name: Text
    role: Text
    stated: bool  # True: the plan names the unit; False: implied by the sentence
    quote: str = Field(min_length=1)
    cite: str = Field(min_length=1)


class Parameter(_Strict):
    """A number the plan gives, made usable: a value or a range, with its unit and source sentence.

    ``maximum`` None with ``minimum`` set means "from minimum upward" (50米以外).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Text
    minimum: float | None = None
    maximum: float | None = None
    unit: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    cite: str = Field(min_length=1)

    @model_validator(mode="after")
    def _has_a_number(self) -> Self:
        if self.minimum is None and self.maximum is None:
            raise ValueError(f"parameter '{self.id}' needs a minimum or a maximum")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"parameter '{self.id}': minimum is above maximum")
        return self


class Terms(_Strict):
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()


class Playbook(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    category: Category
    attachment: int = Field(ge=1, le=7)
    number: str | None = None  # "一", "二", "三" within the attachment; None where the attachment has one
    name: Text  # 高层建筑
    title: Text  # 高层建筑火灾扑救
    site_category: SiteCategory
    site_category_reason: Text
    keywords: Terms = Terms()
    aliases: Terms = Terms()
    sections: tuple[Section, ...]
    linked_units: tuple[LinkedUnit, ...] = ()
    parameters: tuple[Parameter, ...] = ()

    # Field validators (not one model validator) so that an error names the field and its line.
    @field_validator("sections")
    @classmethod
    def _five_sections(cls, sections: tuple[Section, ...]) -> tuple[Section, ...]:
        kinds = [s.kind for s in sections]
        missing = [k.value for k in SectionKind if k not in kinds]
        if missing:
            raise ValueError(f"missing section(s): {', '.join(missing)}")
        if len(set(kinds)) != len(kinds):
            raise ValueError("a section kind appears twice")
        return sections

    @field_validator("parameters")
    @classmethod
    def _unique_parameters(cls, parameters: tuple[Parameter, ...]) -> tuple[Parameter, ...]:
        ids = [p.id for p in parameters]
        if len(set(ids)) != len(ids):
            raise ValueError("a parameter id appears twice")
        return parameters

    def section(self, kind: SectionKind) -> Section:
        return next(s for s in self.sections if s.kind == kind)

    def parameter(self, parameter_id: str) -> Parameter:
        for p in self.parameters:
            if p.id == parameter_id:
                return p
        raise KeyError(f"playbook '{self.id}' has no parameter '{parameter_id}'")
