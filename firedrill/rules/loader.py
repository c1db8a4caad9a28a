"""Load and validate the rule data files once; every part of the engine reads them from here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar

from firedrill.errors import InputError
from firedrill.models import Level
from firedrill.rules.schema import Escalation, Grading, Organisation, Response, WindScale

M = TypeVar("M")


class Loader(Protocol):
    """How one table is read: validated from YAML, or served from the cache of validated tables."""

    def __call__(self, model: type[M], path: Path, /) -> M: ...


DATA_DIR = Path(__file__).parent / "data"
PLAN_ID = "wuhan-2021"
PLAN_TITLE = "武汉市重特大火灾事故应急预案(2021版)"
PLAN_ISSUED = "2021-12-17"


@dataclass(frozen=True, eq=False)
class Rulebook:
    """All rule tables of one plan version."""

    plan: str
    grading: Grading
    escalation: Escalation
    wind: WindScale
    response: Response
    organisation: Organisation


def _check_levels(rulebook: Rulebook, data_dir: Path) -> None:
    tables: dict[str, Mapping[Level, object]] = {
        "response.yaml activation.levels": rulebook.response.activation.levels,
        "response.yaml dispatch.levels": rulebook.response.dispatch.levels,
    }
    for name, table in tables.items():
        missing = [level.value for level in Level if level not in table]
        if missing:
            raise InputError(f"{name} lacks level(s) {', '.join(missing)}", file=data_dir / name.split()[0])
    for name, plan in (
        ("grading.yaml", rulebook.grading.plan),
        ("escalation.yaml", rulebook.escalation.plan),
        ("response.yaml", rulebook.response.plan),
        ("organisation.yaml", rulebook.organisation.plan),
    ):
        if plan != rulebook.plan:
            raise InputError(f"plan '{plan}' differs from '{rulebook.plan}'", field="plan", file=data_dir / name)


def load_rulebook_from(data_dir: Path, load: Loader | None = None) -> Rulebook:
    """Load every table from ``data_dir``; raise InputError naming file, line and field."""
    if load is None:
        from firedrill.yamlio import load_model

        load = load_model
    rulebook = Rulebook(
        plan=PLAN_ID,
        grading=load(Grading, data_dir / "grading.yaml"),
        escalation=load(Escalation, data_dir / "escalation.yaml"),
        wind=load(WindScale, data_dir / "wind.yaml"),
        response=load(Response, data_dir / "response.yaml"),
        organisation=load(Organisation, data_dir / "organisation.yaml"),
    )
    _check_levels(rulebook, data_dir)
    return rulebook


@cache
def load_rulebook() -> Rulebook:
    """The built-in rulebook of the 2021 plan, loaded once per process (validated tables are cached)."""
    from firedrill.datacache import load_cached

    return load_rulebook_from(DATA_DIR, load_cached)
