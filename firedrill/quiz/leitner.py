"""Leitner boxes per trainee and topic: what practice asks next.

A topic starts in box 1. Answered right when due it moves up one box and is due again after that
box's interval; answered right before it is due it stays where it is (no cramming: five right
answers in a second do not reach box 5); answered wrong it drops to box 1, due at once. Boxes
choose the topic of a new question; each question met is scheduled on its own (``schedule``).
Practice asks the topic that is due and in the lowest box (the weakest) first; among equals, the
one seen longest ago, then settings order. When nothing is due, practice goes on in the same order
ahead of schedule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from firedrill.quiz.settings import LeitnerSettings

FIRST_BOX = 1


@dataclass(frozen=True)
class BoxState:
    """Where one topic stands for one trainee."""

    topic: str
    box: int = FIRST_BOX
    due_at: datetime | None = None  # None: never asked, due now
    last_seen_at: datetime | None = None

    def is_due(self, now: datetime) -> bool:
        return self.due_at is None or self.due_at <= now


def after_answer(state: BoxState, correct: bool, now: datetime, settings: LeitnerSettings) -> BoxState:
    """The state once ``state.topic`` has been answered (right or wrong) at ``now``."""
    if correct and not state.is_due(now):
        return replace(state, last_seen_at=now)  # early: seen, not promoted
    box = min(state.box + 1, settings.boxes) if correct else FIRST_BOX
    due = now + timedelta(days=settings.intervals_days[box - 1])
    return replace(state, box=box, due_at=due, last_seen_at=now)


def order(states: Mapping[str, BoxState], topics: Sequence[str], now: datetime) -> list[str]:
    """``topics`` from the one to ask first to the one to ask last."""

    def rank(topic: str) -> tuple[bool, int, datetime, int]:
        state = states.get(topic, BoxState(topic))
        seen = state.last_seen_at or datetime.min.replace(tzinfo=now.tzinfo)
        return (not state.is_due(now), state.box, seen, topics.index(topic))

    return sorted(topics, key=rank)


def next_topic(states: Mapping[str, BoxState], topics: Sequence[str], now: datetime) -> str:
    return order(states, topics, now)[0]
