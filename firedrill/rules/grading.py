"""Clause 1.4: the base level of a fire from its casualties, loss, area and hazards.

Every criterion is evaluated and every one that holds becomes a Reason; the highest level wins.
Below major the national grading of 2007 applies (the plan grades only major and above).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from firedrill.i18n import label
from firedrill.models import Hazard, Incident, Level, Reading, Reason, SiteCategory, Text
from firedrill.rules.schema import Criterion, Grading, Measure
from firedrill.units import exact_digits, money_in_wan


def _number(value: float) -> str:
    """Every digit the value has, never an exponent: 99999999.99 stays 99999999.99, not 1e+08."""
    if value == int(value):
        return str(int(value))
    return exact_digits(value)


def _with_units(value: float, measure: Measure, units: tuple[str, str]) -> tuple[str, str]:
    """The value with its unit in each language; money also in 万/亿 (and millions), exactly."""
    number = _number(value)
    zh, en = f"{number} {units[0]}".rstrip(), f"{number} {units[1]}".rstrip()
    if measure is Measure.DIRECT_LOSS_YUAN:
        wan = money_in_wan(value)
        if wan is not None:
            zh, en = f"{zh}({wan[0]})", f"{en} ({wan[1]})"
    return zh, en


def _unit(measure: Measure, lang: str) -> str:
    return label("unit", measure.value).in_lang(lang)


def _bounds(criterion: Criterion, lang: str | None) -> str:
    """The criterion's bounds, with units in ``lang``, or language-neutral without units (None)."""
    units = (_unit(criterion.measure, "zh"), _unit(criterion.measure, "en"))
    parts = []
    for sign, bound in (("≥", criterion.minimum), ("<", criterion.below)):
        if bound is None:
            continue
        if lang is None:
            parts.append(f"{sign} {_number(bound)}")
        else:
            parts.append(f"{sign} {_with_units(bound, criterion.measure, units)[lang == 'en']}")
    return ", ".join(parts)


def threshold_words(criterion: Criterion) -> tuple[str, Text]:
    """The criterion's bounds, neutral ("≥ 10, < 30") and with units in each language."""
    if criterion.measure is Measure.HAZARDS:
        names = [label("hazard", h.value) for h in criterion.hazards]
        prefix = label("reason", "any_of")
        neutral = "any of: " + ", ".join(h.value for h in criterion.hazards)
        words = Text(zh=prefix.zh + "、".join(n.zh for n in names), en=f"{prefix.en} " + ", ".join(n.en for n in names))
        return neutral, words
    return _bounds(criterion, None), Text(zh=_bounds(criterion, "zh"), en=_bounds(criterion, "en"))


@dataclass(frozen=True)
class _Compiled:
    """What evaluating one criterion needs, looked up once: enum values, unit labels, threshold texts."""

    criterion: Criterion
    field: str
    categories: frozenset[SiteCategory] | None
    hazards: frozenset[Hazard]
    minimum: float  # -inf when the criterion has no lower bound
    below: float  # inf when it has no upper bound
    units: tuple[str, str]
    threshold: str
    threshold_text: Text


# The documented readings (docs/rules.md, "Rules and readings"), by the criterion they govern.
# The hazard sentence of 1.4 is read as a criterion of its own, not as a qualifier of the area
# criteria before it: a hazards criterion is marked with this reading when it is compiled.
HAZARD_READING = "hazard_sentence_own_criterion"
HAZARD_READING_DOC = "docs/rules.md#14-grading"
_READING_OF: dict[str, Reading] = {}


def _hazard_reading(criterion: Criterion) -> Reading:
    quote = criterion.quote
    return Reading(
        code=HAZARD_READING,
        clause=criterion.clause,
        doc=HAZARD_READING_DOC,
        text=Text(
            zh=f"险情句“{quote}”按独立标准解读:所列险情之一即为该等级,不论燃烧面积",
            en="The hazard sentence (an explosion, collapse, boilover or toxic gas spread imminent or "
            "occurred) is read as a criterion of its own: any of the hazards it names sets this level, "
            "whatever the burning area",
        ),
    )


def deciding_readings(level: Level, reasons: Sequence[Reason]) -> tuple[Reading, ...]:
    """The readings that decided ``level``: a grading reason at that level governed by a reading,
    with no other grading reason reaching the level (without the reading the grade would be lower)."""
    deciding: Reason | None = None
    for r in reasons:
        if r.level is level and r.kind == "grading":
            if deciding is not None:
                return ()  # two reasons reach the level: no reading decided it
            deciding = r
    found = None if deciding is None else _READING_OF.get(deciding.criterion)
    return () if found is None else (found,)


# Keyed by id(): a frozen pydantic model hashes all its fields on every lookup, which cost a third
# of an assessment. The grading is kept in the value, so its id cannot be reused while cached.
_TABLES: dict[int, tuple[Grading, tuple[_Compiled, ...]]] = {}
# Reasons are immutable values: the same criterion met by the same value gives the same Reason, so
# a console re-grading at each keystroke, or a replay, builds each one once. Bounded.
_REASONS: dict[tuple[int, int, object, bool], Reason] = {}
_REASONS_KEPT = 8192


def _compile(criterion: Criterion) -> _Compiled:
    threshold, words = threshold_words(criterion)
    categories = frozenset(criterion.categories) if criterion.categories is not None else None
    units = (_unit(criterion.measure, "zh"), _unit(criterion.measure, "en"))
    if criterion.measure is Measure.HAZARDS:
        _READING_OF[criterion.id] = _hazard_reading(criterion)
    minimum = criterion.minimum if criterion.minimum is not None else -math.inf
    below = criterion.below if criterion.below is not None else math.inf
    return _Compiled(criterion, criterion.measure.value, categories, frozenset(criterion.hazards), minimum, below,
                     units, threshold, words)  # fmt: skip


def _table(grading: Grading) -> tuple[_Compiled, ...]:
    """The criteria compiled, highest level first (in the data's order within a level)."""
    found = _TABLES.get(id(grading))
    if found is None:
        ordered = sorted(grading.criteria, key=lambda c: -c.level.rank)
        found = (grading, tuple(_compile(c) for c in ordered))
        _TABLES[id(grading)] = found
    return found[1]


def _hazard_value(c: _Compiled, present: tuple[Hazard, ...]) -> tuple[str, Text]:
    names = [label("hazard", h.value) for h in present]
    words = Text(zh="、".join(n.zh for n in names), en=", ".join(n.en for n in names))
    return ", ".join(h.value for h in present), words


def _numeric_value(c: _Compiled, value: float) -> tuple[str, Text]:
    zh, en = _with_units(value, c.criterion.measure, c.units)
    return _number(value), Text(zh=zh, en=en)


def _reason(table: int, index: int, c: _Compiled, held: object, applied: bool) -> Reason:
    key = (table, index, held, applied)  # the table's grading is kept alive by _TABLES
    found = _REASONS.get(key)
    if found is not None:
        return found
    if isinstance(held, tuple):
        value, value_text = _hazard_value(c, held)
    else:
        assert isinstance(held, float)
        value, value_text = _numeric_value(c, held)
    criterion = c.criterion
    found = Reason(
        kind="grading",
        criterion=criterion.id,
        clause=criterion.clause,
        source=criterion.source,
        level=criterion.level,
        description=criterion.description,
        value=value,
        threshold=c.threshold,
        value_text=value_text,
        threshold_text=c.threshold_text,
        quote=criterion.quote,
        applied=applied,
    )
    if len(_REASONS) >= _REASONS_KEPT:
        _REASONS.clear()
    _REASONS[key] = found
    return found


# The criteria that apply to a site category, by table and category (the table is kept by _TABLES).
_FOR_SITE: dict[tuple[int, SiteCategory], tuple[tuple[int, _Compiled], ...]] = {}


def _for_site(grading: Grading, site: SiteCategory) -> tuple[tuple[int, _Compiled], ...]:
    key = (id(grading), site)
    found = _FOR_SITE.get(key)
    if found is None:
        found = tuple((i, c) for i, c in enumerate(_table(grading)) if c.categories is None or site in c.categories)
        _FOR_SITE[key] = found
    return found


def grade(incident: Incident, grading: Grading) -> tuple[Level, list[Reason]]:
    """The base level and every grading criterion that holds, highest level first.

    A criterion that holds at a lower level than the grade is kept as a reason, marked not applied.
    """
    held: list[tuple[int, _Compiled, object]] = []
    hazards = incident.hazards
    for index, c in _for_site(grading, incident.site_category):
        if c.hazards:
            if hazards:
                present = tuple(h for h in hazards if h in c.hazards)
                if present:
                    held.append((index, c, present))
            continue
        value = float(getattr(incident, c.field))
        if c.minimum <= value < c.below:
            held.append((index, c, value))
    level = held[0][1].criterion.level if held else Level.GENERAL
    table = id(grading)
    return level, [_reason(table, index, c, value, c.criterion.level is level) for index, c, value in held]
