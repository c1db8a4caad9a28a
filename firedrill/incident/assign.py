"""``FIELD=VALUE`` text into fact changes: the command line's names, the console's readings.

``firedrill incident open|set`` name facts as the Incident JSON does (``deaths``,
``burning_area_m2``, ``wind_speed_ms``, ``reported_at`` …, plus ``location``, ``scene`` and
``ignition_at``). Each value is read by the console form's parser for the matching entry field
(``firedrill.incident.entry``), so ``5000万``, ``8.5m/s`` and a bare clock time mean here what they
mean on the console; a bare clock is resolved once, against the moment of the command, and the
full date-time is what is recorded. Hazards are a comma list of ids or their names
(``explosion,collapse``, ``爆炸,倒塌``); flags are true/false (是/否). The text given for a field the
console types into is kept with the change as provenance (``typed``), keyed by the console's field.
A bad value is an InputError naming the fact (``facts.deaths``); no reader parses the text again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from firedrill.bounds import is_date_only
from firedrill.errors import InputError
from firedrill.facts import form_changes
from firedrill.incident.entry import HAZARDS, SITE_CATEGORIES, SPECS, TEXT_INPUT_KINDS, FieldError, parse_field
from firedrill.timeutil import to_local

if TYPE_CHECKING:
    from firedrill.playbook.loader import Library

# Command-line name → the console entry field that reads it (None: a fact the console form has no field for).
ENTRY_OF: dict[str, str | None] = {
    "reported_at": "reported_at",
    "ignition_at": "ignition_at",
    "location": "location",
    "scene": "scene",
    "scenario": "scenario",
    "site_category": "site_category",
    "deaths": "deaths",
    "serious_injuries": "serious_injuries",
    "direct_loss_yuan": "direct_loss_yuan",
    "burning_area_m2": "burning_area_m2",
    "hazards": "hazards",
    "wind_force": "wind",
    "wind_speed_ms": "wind",
    "gust_force": "gust",
    "gust_speed_ms": "gust",
    "wind": "wind",  # the console's own wind fields: a force (6, 6级) or a speed (10.8m/s)
    "gust": "gust",
    "severe_weather": "severe_weather",
    "political_event": "political_event",
    "sensitive_area": "sensitive_area",
    "rising_calls": None,
    "manual_escalation": "manual_escalation",
}
FIELD_NAMES = tuple(ENTRY_OF)
FORCE_FIELDS = {"wind_force": "wind_speed_ms", "gust_force": "gust_speed_ms"}  # force name → its speed name
SPEED_FIELDS = {speed: force for force, speed in FORCE_FIELDS.items()}
FLAG_WORDS = {"true": True, "yes": True, "是": True, "false": False, "no": False, "否": False}
_SPEED_SUFFIX = re.compile(r"(m/s|米/秒|mps)\s*$", re.IGNORECASE)
_LIST_SEP = re.compile(r"[,，、;；\s]+")
# What each entry error code says, for one line in English (the console shows its own words).
CODE_TEXT = {
    "count": "expected a whole number (e.g. 3)",
    "number": "expected a number (e.g. 800)",
    "money": "expected an amount in yuan (e.g. 5000万, 1.2亿, 80000000)",
    "wind": "expected a Beaufort force (6, 6级) or a speed (10.8m/s)",
    "time": "expected a date-time (2026-11-29 21:45, ISO 8601) or a clock time (21:45, 2145)",
    "place": "expected longitude,latitude (114.27,30.58) or a district of Wuhan (江汉, Jianghan)",
    "negative": "cannot be negative",
    "required": "cannot be empty",
    "choice": "expected one of " + ", ".join(SITE_CATEGORIES),
}


@dataclass(frozen=True)
class Assignment:
    """Fact changes (domain names) and the text each console field was given (provenance)."""

    changes: dict[str, Any] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)


def split_assignments(items: Sequence[str]) -> list[tuple[str, str]]:
    """``["deaths=3", "scene=114.27,30.58"]`` → name/text pairs; each name once, each known."""
    pairs: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"expected FIELD=VALUE, got {item!r}", field="FIELD=VALUE")
        if name not in ENTRY_OF:
            hint = "; calls are recorded with 'firedrill incident call'" if name == "calls" else ""
            raise InputError(f"unknown field {name!r}{hint}; fields are {', '.join(FIELD_NAMES)}", field=name)
        entry = ENTRY_OF[name] or name
        if entry in seen:
            same = "given twice" if seen[entry] == name else f"and {seen[entry]!r} set the same value ({entry})"
            raise InputError(f"{name!r} {same}: give it once", field=f"facts.{name}")
        seen[entry] = name
        pairs.append((name, text))
    return pairs


def _bad(name: str, message: str, text: str) -> InputError:
    return InputError(f"{text!r}: {message}", field=f"facts.{name}")


def _entry(name: str, entry: str, raw: Any, at: datetime, reported_at: datetime | None, text: str) -> Any:
    try:
        return parse_field(entry, raw, at, reported_at)
    except FieldError as exc:
        raise _bad(name, CODE_TEXT.get(exc.code, f"not a valid {exc.code}"), text) from None


def _flag(name: str, text: str) -> bool | None:
    word = text.strip().lower()
    if not word:
        return None
    if word not in FLAG_WORDS:
        raise _bad(name, "expected true or false (是/否)", text)
    return FLAG_WORDS[word]


def _names(group: str) -> dict[str, str]:
    """Every way an id of a label group may be written (id, Chinese, English; case-insensitive)."""
    from firedrill.i18n import SHARED

    found: dict[str, str] = {}
    for key, text in SHARED.groups.get(group, {}).items():
        for name in (key, text.zh, text.en):
            found[name.strip().lower()] = key
    return found


def _hazards(name: str, text: str) -> list[str]:
    words = [w for w in _LIST_SEP.split(text.strip()) if w]
    if not words or [w.lower() for w in words] == ["none"]:
        return []
    known = {**{h: h for h in HAZARDS}, **_names("hazard")}
    unknown = [w for w in words if w.lower() not in known]
    if unknown:
        raise _bad(name, f"unknown hazard; use {', '.join(HAZARDS)} (or their names)", ",".join(unknown))
    chosen = {known[w.lower()] for w in words}
    return [h for h in HAZARDS if h in chosen]  # in the plan's order (1.4), as the console keeps them


def _site(name: str, text: str) -> str:
    key = {**{s: s for s in SITE_CATEGORIES}, **_names("site_category")}.get(text.strip().lower())
    if key is None:
        raise _bad(name, CODE_TEXT["choice"], text)
    return key


def _time(name: str, text: str, at: datetime, reported_at: datetime | None) -> str | None:
    """As the console reads it; else ISO 8601 with an offset (as ``incident show`` prints it)."""
    try:
        value: str | None = parse_field(name, text, at, reported_at)
        return value
    except FieldError as exc:
        if is_date_only(text):
            raise _bad(name, "a time needs its clock time (e.g. 2026-03-10T21:45)", text) from None
        try:
            return to_local(datetime.fromisoformat(text.strip())).isoformat()
        except ValueError:
            raise _bad(name, CODE_TEXT.get(exc.code, "expected a date-time"), text) from None


def _wind(name: str, entry: str, text: str, at: datetime) -> tuple[Any, str]:
    """The wind field's value and the text the console field would hold for it."""
    raw = text.strip()
    if name in SPEED_FIELDS and raw and not _SPEED_SUFFIX.search(raw):
        raw = f"{raw}m/s"  # a speed named as one: 8.5 is 8.5 m/s, never force 8.5
    if name in FORCE_FIELDS and _SPEED_SUFFIX.search(raw):
        raise _bad(name, f"a force takes a Beaufort number (6, 6级); give {FORCE_FIELDS[name]} for a speed", text)
    return _entry(name, entry, raw, at, None, text), raw


def parse_assignments(items: Sequence[str], at: datetime, current: Mapping[str, Any] | None = None,
                      library: Library | None = None) -> Assignment:  # fmt: skip
    """The fact changes ``items`` stand for at ``at``; ``current``: the facts recorded so far.

    A scenario must be a playbook of ``library`` (when given); choosing one also sets its site
    category unless ``site_category`` is given with it, as the console's scenario picker does."""
    pairs = split_assignments(items)
    facts = current or {}
    changes: dict[str, Any] = {}
    typed: dict[str, str] = {}
    # The report time first: an ignition clock time is read against it.
    pairs.sort(key=lambda pair: pair[0] != "reported_at")
    for name, text in pairs:
        entry = ENTRY_OF[name]
        value: Any
        if entry is None or entry in ("severe_weather", "political_event", "sensitive_area"):
            value = _flag(name, text)
        elif entry in ("reported_at", "ignition_at"):
            reported = changes.get("reported_at") or facts.get("reported_at")
            value = _time(entry, text, at, datetime.fromisoformat(reported) if isinstance(reported, str) else reported)
        elif entry == "hazards":
            value = _hazards(name, text)
        elif entry == "site_category":
            value = _site(name, text)
        elif entry == "scenario":
            value = _scenario(name, text, library)
            playbook = library.get(value) if library is not None and value is not None else None
            if playbook is not None and "site_category" not in dict(pairs):
                changes["site_category"] = playbook.site_category.value
        elif entry in ("wind", "gust"):
            value, text = _wind(name, entry, text, at)
        else:
            value = _entry(name, entry, text, at, None, text)
        changes.update(form_changes(entry or name, value))
        if entry is not None and SPECS[entry].kind in TEXT_INPUT_KINDS and text.strip():
            typed[entry] = text.strip()
    return Assignment(changes, typed)


def _scenario(name: str, text: str, library: Library | None) -> str | None:
    value = text.strip() or None
    if value is not None and library is not None and value not in library:
        raise _bad(name, f"no such playbook; playbooks are {', '.join(library.ids())}", text)
    return value
