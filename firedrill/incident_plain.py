"""An Incident from values that are plainly valid, without loading pydantic.

A one-shot ``firedrill classify``, the console's form and a replay give values already parsed
(numbers from the parsers, times as ISO text or datetimes). Checking those in plain Python, against
the same declarations pydantic reads (the field types and their ``Check`` markers in
``firedrill.models``), spares the program pydantic's start-up. Only what is certainly valid is taken
here; anything else (a string where a number goes, an unusual time format, a bound passed) is
validated by pydantic, which words the error. ``to_incident`` is the one way in for every caller.
Tested to agree with pydantic on every value it takes.

A replay builds many Incidents that differ only in a few facts or in the calls heard so far:
``plain_update`` takes only the facts that change, and ``with_calls`` puts calls taken once
(``plain_calls``) in place of an Incident's own without taking them again.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from firedrill.constraints import NOT_PLAIN, Check
from firedrill.models import NORMALISED, Incident
from firedrill.timeutil import to_local

Take = Callable[[Any], Any]
# The one time format taken here (pydantic takes more, and judges the rest): 2026-03-10T21:45[:00][+08:00|Z].
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?")


def _moment(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_MOMENT.fullmatch(value):
        return datetime.fromisoformat(value)
    return NOT_PLAIN


def _exactly(kind: type) -> Take:
    return lambda value: value if type(value) is kind else NOT_PLAIN


def _number(value: Any) -> Any:
    return float(value) if type(value) in (int, float) else NOT_PLAIN


def _member(kind: type[Enum]) -> Take:
    def take(value: Any) -> Any:
        try:
            return kind(value) if isinstance(value, str) else NOT_PLAIN
        except ValueError:
            return NOT_PLAIN

    return take


def _taker(hint: Any) -> Take:
    """How a value of the declared type ``hint`` is taken, checks included."""
    origin = get_origin(hint)
    if origin is Annotated:
        base, *extras = get_args(hint)
        take = _taker(base)
        for check in extras:
            if isinstance(check, Check):
                take = check.taker(take)
        return take
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if len(options) != 1:
            return lambda value: NOT_PLAIN
        inner = _taker(options[0])
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _taker(get_args(hint)[0])

        def items(value: Any) -> Any:
            if type(value) not in (list, tuple):
                return NOT_PLAIN  # (a subclass too: pydantic judges it)
            taken = []
            for v in value:
                one = item(v)
                if one is NOT_PLAIN:
                    return NOT_PLAIN
                taken.append(one)
            return tuple(taken)

        return items
    if hint is datetime:
        return _moment
    if hint is float:
        return _number
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _member(hint)
    if hint in (int, bool, str):
        return _exactly(hint)
    return lambda value: NOT_PLAIN


@cache
def _takers() -> dict[str, Take]:
    return {name: _taker(hint) for name, hint in get_type_hints(Incident, include_extras=True).items()
            if not name.startswith("__")}  # fmt: skip


def _plainly(data: Mapping[str, Any]) -> dict[str, Any] | None:
    """Each value of ``data`` taken as its field's type, when every one plainly holds, else None."""
    takers = _takers()
    values: dict[str, Any] = {}
    for name, raw in data.items():
        take = takers.get(name)
        if take is None:
            return None
        value = take(raw)
        if value is NOT_PLAIN:
            return None
        values[name] = value
    return values


@cache
def _calls_whole() -> Take:
    """The check on the Incident's calls as a whole (their number), for calls already taken one by one."""
    hint = get_type_hints(Incident, include_extras=True)["calls"]
    check = next(extra for extra in get_args(hint)[1:] if isinstance(extra, Check))
    return check.taker(lambda calls: calls)


def plain_incident(data: Mapping[str, Any]) -> Incident | None:
    """The Incident ``data`` describes when every value is plainly valid, else None (ask pydantic)."""
    if "reported_at" not in data:
        return None
    values = _plainly(data)
    return None if values is None else Incident(**values)


def to_incident(data: Mapping[str, Any]) -> Incident:
    """The Incident ``data`` describes: in plain Python when every value plainly holds, else validated by
    pydantic (which raises its ValidationError, a ValueError, naming the field)."""
    plain = plain_incident(data)
    if plain is not None:
        return plain
    from firedrill.adapters import validate

    return validate(Incident, data)


_FIELDS = tuple(f.name for f in fields(Incident))


def _copier() -> Callable[[Incident, Mapping[str, Any]], Incident]:
    """``_copied``, written out field by field as ``dataclasses`` writes an ``__init__``: a replay copies an
    Incident for each moment it assesses, and a loop over the fields cost a third of every copy."""
    kept = "".join(f"    put(made, {name!r}, incident.{name})\n" for name in _FIELDS)
    source = (f"def copied(incident, values):\n    made = new(Incident)\n{kept}"
              "    for name, value in values.items():\n        put(made, name, value)\n    return made\n")  # fmt: skip
    space: dict[str, Any] = {"new": object.__new__, "put": object.__setattr__, "Incident": Incident}
    exec(source, space)  # the source is made above from the Incident's own field names
    copied: Callable[[Incident, Mapping[str, Any]], Incident] = space["copied"]
    return copied


# ``incident`` with ``values`` (Incident fields) in place of its own, set as they are (nothing taken or converted).
_copied = _copier()


def plain_update(incident: Incident, changes: Mapping[str, Any]) -> Incident | None:
    """``incident`` with the facts ``changes`` gives, when each is plainly valid, else None (ask pydantic
    with the whole data). The facts kept were taken when ``incident`` was made; they are not taken again."""
    values = _plainly(changes)
    if values is None:
        return None
    made = _copied(incident, values)
    if not NORMALISED.isdisjoint(values):
        made.__post_init__()  # what ``Incident(...)`` does once the fields are set
    return made


def plain_calls(calls: Sequence[Any]) -> tuple[datetime, ...] | None:
    """``calls`` as an Incident holds them (local, in time order) when all are plainly valid moments
    within the Incident's bound on their number, else None (ask pydantic). Any first part of the
    result is within the bound too."""
    if calls and all(type(v) is datetime for v in calls):
        # Moments already (a replay's spread calls): the bounds on a moment are a span of time, so the
        # earliest and the latest stand for all of them; the number is checked on the whole.
        ordered = tuple(sorted(to_local(v) for v in calls))
        ends = _takers()["calls"]([ordered[0], ordered[-1]])
        return None if ends is NOT_PLAIN or _calls_whole()(ordered) is NOT_PLAIN else ordered
    taken = _takers()["calls"](calls)
    return None if taken is NOT_PLAIN else tuple(sorted(to_local(v) for v in taken))


def with_calls(incident: Incident, calls: tuple[datetime, ...]) -> Incident:
    """``incident`` with ``calls`` in place of its own, for calls ``plain_calls`` gave (or a first part of
    them): nothing is taken or converted again, as nothing needs to be."""
    return _copied(incident, {"calls": calls})
