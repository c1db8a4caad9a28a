"""The command centre at a glance, as text: the open incidents with level, place and elapsed time,
every unit by status, the calls against the rule of 4.3(4), and a step's time left. No Textual.

Everything is read from the incident core's state (``fold``) and board (``read_board``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from firedrill.tui.clock import elapsed
from firedrill.tui.words import colon, list_sep, w

if TYPE_CHECKING:
    from firedrill.incident.board import Board
    from firedrill.rulesconfig import RisingCallsRule


@dataclass(frozen=True)
class OpenIncident:
    id: str
    place: str | None
    level: str | None  # the level's word in the screen's language, None before the first
    reported_at: datetime
    closed_at: datetime | None
    loaded: bool  # taken up in this console


def incident_line(item: OpenIncident, now: datetime, lang: str) -> str:
    """``0001  江汉路商场  重大  +00:12:40`` (the clock stands at the closing of a closed one)."""
    clock = elapsed(item.reported_at, item.closed_at or now)
    shown = f"{item.id}  {item.place or w('no_location', lang)}  {item.level or '—'}  {clock}"
    return shown if item.loaded else f"{shown} ({w('not_loaded', lang)})"


def units_by_status(board: Board, lang: str) -> list[str]:
    """One line of counts by status, then each incident's units (those on the board at all)."""
    from firedrill.journal import UnitStatus

    counts = {status: 0 for status in UnitStatus}
    serving: dict[str, list[str]] = {}
    for unit in board.units.values():
        counts[unit.status] += 1
        if unit.incident_id is not None:
            serving.setdefault(unit.incident_id, []).append(f"{unit.unit_id} {w(f'unit_{unit.status.value}', lang)}")
    c, sep = colon(lang), list_sep(lang)
    # Units no event has moved are not on the board: "available" would undercount, so it is not said.
    shown = " · ".join(f"{w(f'unit_{s.value}', lang)} {n}" for s, n in counts.items() if s is not UnitStatus.AVAILABLE)
    lines = [f"{w('units_title', lang)}{c}{shown}"]
    lines += [f"  {incident[-4:]}{c}{sep.join(sorted(units))}" for incident, units in sorted(serving.items())]
    if not board.units:
        lines.append(f"  {w('units_none', lang)}")
    return lines


def calls_text(calls: Iterable[datetime], reported_at: datetime, now: datetime, rule: RisingCallsRule,
               holds: bool, lang: str) -> str:  # fmt: skip
    """The calls for the same place against the local reading of 4.3(4) (the plan sets no number)."""
    if holds:
        return w("calls_rule_holds", lang)
    if rule.method == "window":
        since = now - timedelta(minutes=rule.window_minutes)
        recent = sum(1 for at in (reported_at, *calls) if since <= at <= now)  # the first report counts
        return w("calls_rule_window", lang).format(n=recent, calls=rule.calls, minutes=rule.window_minutes)
    return w("calls_rule_buckets", lang).format(buckets=rule.buckets, minutes=rule.bucket_minutes)


def time_left(deadline: datetime, now: datetime, lang: str) -> str:
    """``还剩 00:04:10`` before a step's deadline, ``已超时 00:02:00`` after it."""
    seconds = int((deadline - now).total_seconds())
    span = elapsed(now, now + timedelta(seconds=abs(seconds)))[1:]
    return w("step_left" if seconds >= 0 else "step_over", lang).format(t=span)
