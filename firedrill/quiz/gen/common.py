"""What every question generator shares: the data it reads, number and money wording, option shuffling.

Generators derive their keys from the rule and playbook data directly; ``firedrill.quiz.verify``
derives them again through ``assess`` and the playbook calculators, so a generator that misreads
the data is caught rather than trusted.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from firedrill.i18n import label
from firedrill.models import Level, Text
from firedrill.playbook.loader import Library, load_library
from firedrill.quiz.model import Kind, Option, Question
from firedrill.quiz.settings import QuizSettings, load_settings
from firedrill.quiz.texts import plain, tx
from firedrill.rules.loader import Rulebook, load_rulebook
from firedrill.rules.schema import Measure

WAN = 10_000  # 万: the unit the plan writes money in (5000万元)
QUOTE_SEPARATOR = " … "  # between passages of the plan quoted together


@dataclass(frozen=True, eq=False)
class Context:
    """The data questions are generated from (hashed by identity, so per-context caches work)."""

    rulebook: Rulebook
    library: Library
    settings: QuizSettings


@cache
def default_context() -> Context:
    return Context(rulebook=load_rulebook(), library=load_library(), settings=load_settings())


def num(value: float) -> str:
    """40, 0.35, 1000 — as a person writes it."""
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


def money(yuan: float) -> Text:
    zh = f"{num(yuan / WAN)}万元" if yuan % WAN == 0 and yuan else f"{num(yuan)}元"
    return Text(zh=zh, en=f"{yuan:,.0f} yuan")


def measure_value(measure: Measure, value: float) -> Text:
    """A drawn value with its unit, in the words of the question."""
    if measure is Measure.DIRECT_LOSS_YUAN:
        return money(value)
    return tx(f"measure.{measure.value}", n=num(value))


def level_text(level: Level) -> Text:
    return label("level", level.value)


def range_text(minimum: float | None, maximum: float | None, unit: Text | None = None) -> Text:
    """6—9, 10 or more (以上, includes the number), as the plan writes ranges."""
    unit = unit or plain("")
    if maximum is None:
        text = tx("range.or_more", min=num(minimum or 0), unit=unit)
    elif minimum is None or minimum == maximum:
        text = tx("range.exact", n=num(maximum), unit=unit)
    else:
        text = tx("range.between", min=num(minimum), max=num(maximum), unit=unit)
    return Text(zh=" ".join(text.zh.split()), en=" ".join(text.en.split()))  # no double space for a blank unit


def choice(
    rng: random.Random,
    *,
    topic: str,
    form: str,
    prompt: Text,
    options: Sequence[Option],
    right: Iterable[str],
    explanation: Text,
    citation: str,
    quote: str,
    facts: dict[str, Any],
    kind: Kind = Kind.SINGLE,
    keep_order: bool = False,
) -> Question:
    """A single- or multiple-choice question; options are shuffled unless ``keep_order`` (levels, phases)."""
    shown = list(options)
    if not keep_order:
        rng.shuffle(shown)
    right_values = set(right)
    key = tuple(i for i, o in enumerate(shown) if o.value in right_values)
    return Question(
        topic=topic,
        form=form,
        kind=kind,
        prompt=prompt,
        options=tuple(shown),
        key=key,
        explanation=explanation,
        citation=citation,
        quote=quote,
        facts=facts,
    ).with_id()


def _cjk_pairs(text: str) -> set[str]:
    letters = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    return {letters[i : i + 2] for i in range(len(letters) - 1)}


def echoes(text: str, answer: str, others: Iterable[str]) -> bool:
    """True when ``text`` shares a pair of characters with ``answer`` that no other option has: it names the answer."""
    return bool((_cjk_pairs(text) & _cjk_pairs(answer)) - set().union(*(_cjk_pairs(o) for o in others)))


def pick(rng: random.Random, items: Sequence[Any], count: int) -> list[Any]:
    """Up to ``count`` distinct items, in a stable random order."""
    return rng.sample(list(items), min(count, len(items)))
