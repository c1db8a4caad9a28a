"""Clause 1.4: the base level of a fire from its casualties, loss, area and hazards.

Every criterion is evaluated and every one that holds becomes a Reason; the highest level wins.
Below major the national grading of 2007 applies (the plan grades only major and above).
"""

from __future__ import annotations

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


def deciding_readings(level: Level, reasons: tuple[Reason, ...]) -> tuple[Reading, ...]:
    """The readings that decided ``level``: a grading reason at that level governed by a reading,
    with no other grading reason reaching the level (without the reading the grade would be lower)."""
    at_level = [r for r in reasons if r.kind == "grading" and r.level is level]
    if len(at_level) != 1:
        return ()
    found = _READING_OF.get(at_level[0].criterion)
    return () if found is None else (found,)


# Keyed by id(): a frozen pydantic model hashes all its fields on every lookup, which cost a third
# of an assessment. The criterion is kept in the value, so its id cannot be reused while cached.
_COMPILED: dict[int, _Compiled] = {}


def _compiled(criterion: Criterion) -> _Compiled:
    found = _COMPILED.get(id(criterion))
    if found is None:
        threshold, words = threshold_words(criterion)
        categories = frozenset(criterion.categories) if criterion.categories is not None else None
        units = (_unit(criterion.measure, "zh"), _unit(criterion.measure, "en"))
        found = _Compiled(criterion, criterion.measure.value, categories, frozenset(criterion.hazards), units,
                          threshold, words)  # fmt: skip
        _COMPILED[id(criterion)] = found
        if criterion.measure is Measure.HAZARDS:
            _READING_OF[criterion.id] = _hazard_reading(criterion)
    return found


def _holds(c: _Compiled, incident: Incident) -> tuple[str, Text] | None:
    """The value that meets the criterion (neutral, and in each language), or None."""
    if c.categories is not None and incident.site_category not in c.categories:
        return None
    if c.hazards:
        present = [h for h in incident.hazards if h in c.hazards]
        if not present:
            return None
        names = [label("hazard", h.value) for h in present]
        words = Text(zh="、".join(n.zh for n in names), en=", ".join(n.en for n in names))
        return ", ".join(h.value for h in present), words
    value = float(getattr(incident, c.field))
    minimum, below = c.criterion.minimum, c.criterion.below
    if (minimum is not None and value < minimum) or (below is not None and value >= below):
        return None
    zh, en = _with_units(value, c.criterion.measure, c.units)
    return _number(value), Text(zh=zh, en=en)


def grade(incident: Incident, grading: Grading) -> tuple[Level, list[Reason]]:
    """The base level and every grading criterion that holds, highest level first.

    A criterion that holds at a lower level than the grade is kept as a reason, marked not applied.
    """
    held_by: list[tuple[Criterion, _Compiled, str, Text]] = []
    for criterion in grading.criteria:
        compiled = _compiled(criterion)
        held = _holds(compiled, incident)
        if held is not None:
            held_by.append((criterion, compiled, *held))
    held_by.sort(key=lambda h: -h[0].level.rank)
    level = held_by[0][0].level if held_by else Level.GENERAL
    reasons: list[Reason] = []
    for criterion, compiled, value, value_text in held_by:
        reasons.append(
            Reason(
                kind="grading",
                criterion=criterion.id,
                clause=criterion.clause,
                source=criterion.source,
                level=criterion.level,
                description=criterion.description,
                value=value,
                threshold=compiled.threshold,
                value_text=value_text,
                threshold_text=compiled.threshold_text,
                quote=criterion.quote,
                applied=criterion.level is level,
            )
        )
    return level, reasons
