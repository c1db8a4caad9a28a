"""Kinds and statuses of the units a station file lists.

The kinds are the forces clauses 4.4.1(2) and 4.4.2 name. Which of them count as a 消防救援站,
which follow a parent station and which are special units is a reading of the plan kept as data
in ``data/settings.yaml``; this module only names them.
"""

from __future__ import annotations

from enum import StrEnum

from firedrill.models import Text


class StationKind(StrEnum):
    """A unit's kind; the value is the slug used in files, ``label`` gives zh and en."""

    MAIN = "main"
    SPECIAL_SERVICE = "special_service"
    SMALL = "small"
    FULL_TIME = "full_time"
    HEAVY_RESCUE = "heavy_rescue"
    LOGISTICS = "logistics"

    @property
    def label(self) -> Text:
        return _LABELS[self]

    @classmethod
    def parse(cls, value: str) -> StationKind:
        """Accept the slug, the Chinese label or the English label (case-insensitive)."""
        wanted = value.strip()
        for kind in cls:
            label = _LABELS[kind]
            if wanted.lower() in (kind.value, label.en.lower()) or wanted == label.zh:
                return kind
        choices = ", ".join(f"{k.value}/{_LABELS[k].zh}" for k in cls)
        raise ValueError(f"unknown kind {value!r}; expected one of {choices}")


_LABELS: dict[StationKind, Text] = {
    StationKind.MAIN: Text(zh="主战站", en="main station"),
    StationKind.SPECIAL_SERVICE: Text(zh="特勤站", en="special-service station"),
    StationKind.SMALL: Text(zh="小型站", en="small station"),
    StationKind.FULL_TIME: Text(zh="专职队", en="full-time brigade"),
    StationKind.HEAVY_RESCUE: Text(zh="重型机械工程救援大队", en="heavy machinery engineering rescue brigade"),
    StationKind.LOGISTICS: Text(zh="战勤保障站", en="combat logistics support station"),
}


class Status(StrEnum):
    """Where a unit is now: in quarters, at another incident, or kept back as standby (备勤)."""

    AVAILABLE = "available"
    COMMITTED = "committed"
    STANDBY = "standby"

    @classmethod
    def parse(cls, value: str) -> Status:
        wanted = value.strip().lower()
        for status in cls:
            if wanted == status.value:
                return status
        raise ValueError(f"unknown status {value!r}; expected one of {', '.join(s.value for s in cls)}")
