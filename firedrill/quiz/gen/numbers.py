"""Topic ``playbook_numbers``: the numbers the playbooks give (cooling intensity, warning zones,
collapse window, metro team sizes), asked as a number, and the zone or window a case falls in.

Every number comes from a playbook parameter; where the plan leaves a boundary open (a distance
exactly on a zone limit, the window's ends) the question follows the reading the calculators use
(``firedrill/playbook/data/calculators.yaml``) and its explanation says so.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from firedrill.models import Text
from firedrill.playbook.schema import Parameter, Playbook
from firedrill.playbook.settings import Boundary
from firedrill.playbook.settings import load_settings as load_calculator_settings
from firedrill.quiz.gen.common import QUOTE_SEPARATOR, Context, choice, num
from firedrill.quiz.gen.moments import MINUTES_PER_DAY
from firedrill.quiz.model import Kind, NumericKey, Option, Question
from firedrill.quiz.texts import plain, tx

TOPIC = "playbook_numbers"
WINDOW_STATES = ("before", "inside", "past")


UNIT_NAMES = {"persons": "people", "groups": "groups", "m": "metres", "min": "minutes"}  # playbook unit → text key


def unit_text(unit: str) -> Text:
    """A playbook unit in the reader's language (人, 组, 米, 分钟); a symbol such as L/(s·m²) reads the same."""
    name = UNIT_NAMES.get(unit)
    return tx(f"unit.{name}") if name is not None else plain(unit)


def variants(parameter: Parameter) -> tuple[str, ...]:
    low, high = parameter.minimum, parameter.maximum
    if low is not None and high is not None:
        return ("exact",) if low == high else ("lower", "upper", "within")
    return ("upper_only",) if low is None else ("lower_only",)


def expected(parameter: Parameter, variant: str) -> tuple[float, float | None]:
    """The accepted range of an answer for ``variant``, read from the parameter."""
    low, high = parameter.minimum, parameter.maximum
    bounds = {
        "lower": (low, low),
        "upper": (high, high),
        "within": (low, high),
        "exact": (low, low),
        "upper_only": (high, high),
        "lower_only": (low, low),
    }[variant]
    first = bounds[0]
    if first is None:
        raise ValueError(f"parameter '{parameter.id}' has no value for '{variant}'")
    return first, bounds[1]


def parameter_question(rng: random.Random, ctx: Context) -> Question:
    playbook, parameter = rng.choice([(p, q) for p in ctx.library.all() for q in p.parameters])
    variant = rng.choice(variants(parameter))
    low, high = expected(parameter, variant)
    unit = unit_text(parameter.unit)
    return Question(
        topic=TOPIC,
        form="numbers.parameter",
        kind=Kind.NUMERIC,
        prompt=tx(f"numbers.{variant}", playbook=playbook.title, name=parameter.name, unit=unit),
        numeric=NumericKey(minimum=low, maximum=high, unit=unit),
        explanation=tx("numbers.explain", quote=parameter.quote, cite=parameter.cite),
        citation=parameter.cite,
        quote=parameter.quote,
        facts={"playbook": playbook.id, "parameter": parameter.id, "variant": variant},
    ).with_id()


def _zone_playbook(ctx: Context) -> tuple[Playbook, list[Parameter]]:
    settings = load_calculator_settings().warning_zone
    playbook = ctx.library.get(settings.playbook)
    return playbook, [playbook.parameter(z) for z in settings.zones]


def zone_question(rng: random.Random, ctx: Context) -> Question:
    """A point at some distance from the pathogen: which warning zone (附件7 四(三))?"""
    settings = load_calculator_settings().warning_zone
    playbook, zones = _zone_playbook(ctx)
    limits = [z.maximum for z in zones if z.maximum is not None]
    distance = max(0.0, rng.choice(limits) + rng.choice(ctx.settings.draw.zone_offsets_m))
    inner_wins = settings.boundary is Boundary.INNER
    right = next(
        (
            z
            for z in zones
            if z.maximum is not None and (distance < z.maximum or (inner_wins and distance == z.maximum))
        ),
        zones[-1],
    )
    quote = QUOTE_SEPARATOR.join(z.quote for z in zones)
    return choice(
        rng,
        topic=TOPIC,
        form="numbers.zone",
        prompt=tx("numbers.zone_prompt", distance=num(distance)),
        options=[Option(value=z.id, text=z.name) for z in zones],
        right=[right.id],
        explanation=tx("numbers.zone_explain", quote=quote, reading=settings.reading),
        citation=zones[0].cite,
        quote=quote,
        facts={"playbook": playbook.id, "distance_m": distance},
        keep_order=True,
    )


def _window_minute(rng: random.Random, first: float, last: float, margins: tuple[float, ...]) -> float:
    """Minutes since ignition clearly before, inside or past an approximate window, never on its ends."""
    edge = min(margins)
    inside = sorted({v for m in margins for v in (first + m, last - m) if first + edge <= v <= last - edge})
    before = [first - m for m in margins if first - m >= 0]
    past = [last + m for m in margins]
    return float(rng.choice(rng.choice([side for side in (before, inside, past) if side])))


def window_question(rng: random.Random, ctx: Context) -> Question:
    """A theatre fire some minutes after ignition: before, inside or past the roof-collapse window?"""
    settings = load_calculator_settings().collapse_window
    playbook = ctx.library.get(settings.playbook)
    parameter = playbook.parameter(settings.parameter)
    first, last = expected(parameter, "within")
    assert last is not None
    elapsed = _window_minute(rng, first, last, ctx.settings.draw.window_margins_min)
    state = "before" if elapsed < first else ("inside" if elapsed <= last else "past")
    ignition = datetime(ctx.settings.draw.year, 1, 1) + timedelta(minutes=rng.randrange(MINUTES_PER_DAY))
    at = ignition + timedelta(minutes=elapsed)
    return choice(
        rng,
        topic=TOPIC,
        form="numbers.window",
        prompt=tx(
            "numbers.window_prompt",
            ignition=ignition.strftime("%H:%M"),
            at=at.strftime("%H:%M"),
            elapsed=num(elapsed),
            playbook=playbook.title,
        ),
        options=[Option(value=s, text=tx(f"numbers.window_{s}")) for s in WINDOW_STATES],
        right=[state],
        explanation=tx("numbers.window_explain", quote=parameter.quote, cite=parameter.cite, reading=settings.reading),
        citation=parameter.cite,
        quote=parameter.quote,
        facts={"playbook": playbook.id, "ignition": ignition.isoformat(), "at": at.isoformat()},
        keep_order=True,
    )


FORMS = (parameter_question, zone_question, window_question)
