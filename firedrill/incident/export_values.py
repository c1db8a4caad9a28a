"""How recorded values read in the after-action record: labels, never the ids the journal stores.

One time origin everywhere, the report time: a moment is its clock time (with the date when it is
not the report's day) and, in brackets, the time since the report. A fact is its label and its
value in the reader's words (普通建筑, 6级, 5000万元, 是); a fact no label knows is shown as stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from firedrill.i18n import label
from firedrill.journal.labels import Labels, labels, render
from firedrill.models import Text
from firedrill.playbook.loader import Library
from firedrill.procedure.timeline import elapsed_text
from firedrill.timeutil import to_local

WAN = 10_000  # 万: the unit Chinese writes sums of money in
LABEL_GROUPS = {"site_category": "site_category", "hazards": "hazard"}


def clock(at: datetime, origin: datetime) -> str:
    """``21:40:00``, or ``04-16 01:10:00`` on another day than the report's."""
    at = to_local(at)
    return at.strftime("%H:%M:%S") if at.date() == to_local(origin).date() else at.strftime("%m-%d %H:%M:%S")


def moment(at: datetime, origin: datetime) -> str:
    """Clock time and the time since the report: ``21:40:00 (+00:02:00)``."""
    return f"{clock(at, origin)} ({elapsed_text(at - origin)})"


def either(text: Text, lang: str) -> str:
    """One language alone (``zh`` or ``en``): for values inside a sentence."""
    return text.en if lang == "en" else text.zh


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


def money(yuan: float, lang: str) -> str:
    if lang == "en":
        return f"{yuan:,.0f} yuan"
    return f"{_number(yuan / WAN)}万元" if yuan and yuan % WAN == 0 else f"{_number(yuan)}元"


def _shared(group: str, key: str, lang: str) -> str:
    try:
        return render(label(group, key), lang)
    except KeyError:
        return key  # a value from a newer firedrill: shown as stored


def playbook_name(playbook_id: str, library: Library | None, lang: str) -> str:
    """``附件1 二 地下建筑(商场)火灾扑救`` for a playbook id; an unknown id is shown and said to be unknown."""
    if library is None or playbook_id not in library:
        return f"{playbook_id} ({labels().heading('not_in_library', lang)})"
    book = library.get(playbook_id)
    if lang == "en":
        return f"Attachment {book.attachment} · {book.title.en}"
    number = f" {book.number}" if book.number else ""
    return f"附件{book.attachment}{number} {render(book.title, lang)}"


def fact_label(name: str, lang: str, names: Labels | None = None) -> str:
    known = (names or labels()).facts.get(name)
    return render(known, lang) if known is not None else name


def fact_value(name: str, value: Any, lang: str, origin: datetime, library: Library | None) -> str:
    """A fact's value as a person reads it."""
    names = labels()
    if value is None or value == [] or value == "":
        return names.heading("none", lang)
    if isinstance(value, bool):
        return names.heading("holds" if value else "holds_not", lang)
    if name in LABEL_GROUPS and isinstance(value, str):
        return _shared(LABEL_GROUPS[name], value, lang)
    if name == "hazards" and isinstance(value, list):
        return ", ".join(_shared("hazard", str(v), lang) for v in value)
    if name == "scenario" and isinstance(value, str):
        return playbook_name(value, library, lang)
    if isinstance(value, datetime):
        return moment(value, origin)
    if isinstance(value, bool | int | float):
        return _measure(name, float(value), lang)
    if name == "scene" and isinstance(value, Mapping):
        where = f"{value.get('lon')}, {value.get('lat')}"
        return f"{where} ({value['district']})" if value.get("district") else where
    return str(value)


def _measure(name: str, value: float, lang: str) -> str:
    if name == "direct_loss_yuan":
        return money(value, lang)
    if name in ("wind_force", "gust_force"):
        return f"force {_number(value)}" if lang == "en" else f"{_number(value)}级"
    if name in ("wind_speed_ms", "gust_speed_ms"):
        return f"{_number(value)} m/s"
    if name == "burning_area_m2":
        return f"{_number(value)} m²"
    if name in ("deaths", "serious_injuries"):
        return _number(value) if lang == "en" else f"{_number(value)}人"
    return _number(value)
