"""Per-question scheduling with FSRS (the ``fsrs`` package, Anki's scheduler): when a trainee sees a
question again in practice.

A question answered in practice becomes a card for that trainee. Right is ``Good``, part-right (a
多选 answered in part) ``Hard``, wrong ``Again``. An answer given before the card is due does not
promote it: a right early answer leaves the card as it was, so five right answers in a row do not
push a question weeks away; a wrong early answer is a lapse all the same. Exams never reach here:
an exam measures, practice trains. Fuzzing is off so that a schedule is the same on every machine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from fsrs import Card, Rating, Scheduler

from firedrill.quiz.settings import load_settings
from firedrill.timeutil import to_local


@dataclass(frozen=True)
class CardState:
    """One question's place in a trainee's schedule (the fsrs card, serialised) and when it is due."""

    question_id: str
    card: str  # fsrs Card.to_dict() as JSON
    due_at: datetime

    def is_due(self, now: datetime) -> bool:
        return self.due_at <= now


@cache
def scheduler() -> Scheduler:
    settings = load_settings().schedule
    return Scheduler(desired_retention=settings.desired_retention, enable_fuzzing=False)


def rating(credit: float) -> Rating:
    if credit >= 1:
        return Rating.Good
    return Rating.Hard if credit > 0 else Rating.Again


def _card_id(question_id: str) -> int:
    return int(question_id[:12], 16) or 1  # fsrs wants an int id; the question's digest gives a stable one


def after_answer(state: CardState | None, question_id: str, credit: float, now: datetime) -> CardState | None:
    """The card once the question is answered at ``now``; None when nothing changes (a right early answer)."""
    if state is not None and not state.is_due(now) and credit >= 1:
        return None
    card = Card.from_dict(json.loads(state.card)) if state is not None else Card(card_id=_card_id(question_id))
    card, _ = scheduler().review_card(card, rating(credit), now.astimezone(UTC))
    return CardState(question_id, json.dumps(card.to_dict()), to_local(card.due))
