"""Leitner boxes: up one box when right, back to box 1 when wrong, weakest due topic asked first."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from firedrill.quiz.inputs import parse_answer
from firedrill.quiz.leitner import FIRST_BOX, BoxState, after_answer, next_topic, order
from firedrill.quiz.session import Mode, Options, Session
from firedrill.quiz.settings import load_settings
from firedrill.timeutil import LOCAL_TZ
from tests.quiz.conftest import Clock, right_answer, wrong_answer

LEITNER = load_settings().leitner
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=LOCAL_TZ)


def test_right_moves_up_and_waits_the_boxs_interval() -> None:
    state = after_answer(BoxState("grading"), True, NOW, LEITNER)
    assert state.box == FIRST_BOX + 1
    assert state.due_at == NOW + timedelta(days=LEITNER.intervals_days[1])
    assert not state.is_due(NOW)


def test_wrong_goes_back_to_box_one_due_at_once() -> None:
    high = BoxState("grading", box=LEITNER.boxes, due_at=NOW, last_seen_at=NOW)
    state = after_answer(high, False, NOW, LEITNER)
    assert state.box == FIRST_BOX and state.is_due(NOW)


@given(st.lists(st.booleans(), max_size=40))
def test_answers_a_minute_apart_never_cram_a_topic_up(answers: list[bool]) -> None:
    """Right answers before the topic is due do not promote it: a run of them reaches box 2 at most."""
    state = BoxState("phases")
    for i, correct in enumerate(answers):
        state = after_answer(state, correct, NOW + timedelta(minutes=i), LEITNER)
        assert FIRST_BOX <= state.box <= LEITNER.boxes
    streak = len(answers) - (max((i for i, ok in enumerate(answers) if not ok), default=-1) + 1)
    assert state.box == (FIRST_BOX + 1 if streak else FIRST_BOX)


@given(st.integers(min_value=1, max_value=12))
def test_right_answers_when_due_climb_the_boxes(rounds: int) -> None:
    state, now = BoxState("phases"), NOW
    for _ in range(rounds):
        state = after_answer(state, True, now, LEITNER)
        now = state.due_at or now
    assert state.box == min(FIRST_BOX + rounds, LEITNER.boxes)


def test_due_and_weak_topics_come_first() -> None:
    later = NOW + timedelta(days=3)
    states = {
        "grading": BoxState("grading", box=3, due_at=NOW - timedelta(days=1), last_seen_at=NOW - timedelta(days=4)),
        "phases": BoxState("phases", box=1, due_at=NOW, last_seen_at=NOW - timedelta(hours=1)),
        "dispatch": BoxState("dispatch", box=1, due_at=later, last_seen_at=NOW),
        "scenario": BoxState("scenario", box=2, due_at=NOW - timedelta(minutes=1), last_seen_at=NOW),
    }
    topics = ("grading", "phases", "dispatch", "scenario", "escalation")
    # never seen (escalation, box 1, due) before box 1 seen an hour ago, then box 2, box 3; not due last
    assert order(states, topics, NOW) == ["escalation", "phases", "scenario", "grading", "dispatch"]
    assert next_topic({}, topics, NOW) == "grading"  # nothing known: settings order


def test_practice_asks_the_topic_a_trainee_gets_wrong_more_often(clock: Clock) -> None:
    """A trainee who always misses grading and knows the rest sees grading most."""
    session = Session.start(Options(trainee="w", mode=Mode.PRACTICE, n=40, seed=5), store=None, clock=clock)
    asked: Counter[str] = Counter()
    while (question := session.current()) is not None:
        asked[question.topic] += 1
        text = wrong_answer(question) if question.topic == "grading" else right_answer(question)
        session.submit(parse_answer(text, question))
        clock.advance(minutes=1)
    assert asked.most_common(1)[0][0] == "grading"
    assert session.boxes()["grading"].box == FIRST_BOX
    assert all(s.box > FIRST_BOX for t, s in session.boxes().items() if t != "grading")
