"""Readings: contested edges are kept off or the reading is stated; stems never name the answer; the
longest option is not the key by habit."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from firedrill.adapters import validate
from firedrill.models import Incident
from firedrill.quiz.bank import paper
from firedrill.quiz.gen.common import Context, echoes
from firedrill.quiz.model import Kind, Question
from firedrill.quiz.settings import load_settings
from firedrill.rules import assess


@pytest.fixture(scope="module")
def papers(ctx: Context) -> tuple[Question, ...]:
    return tuple(q for seed in (61, 62) for q in paper(seed, 500, ctx=ctx))


def _moment(q: Question) -> datetime | None:
    incident = q.facts.get("incident")
    return datetime.fromisoformat(incident["reported_at"]) if incident else None


def test_config_only_occasions_are_never_an_ordinary_day(papers: tuple[Question, ...]) -> None:
    avoided = load_settings().draw.avoided_days()
    assert datetime(2025, 2, 12).date() in avoided and datetime(2025, 3, 5).date() in avoided  # 元宵节, 两会
    drawn = [m.date() for q in papers if (m := _moment(q)) is not None]
    assert drawn and not set(drawn) & avoided


def test_night_window_ends_state_the_reading(papers: tuple[Question, ...]) -> None:
    edges = {"21:59", "22:00", "05:59", "06:00"}
    at_edge = [
        q for q in papers if q.form == "escalation.trigger" and (m := _moment(q)) and m.strftime("%H:%M") in edges
    ]
    assert at_edge
    assert all("06:00" in q.explanation.zh and "不含" in q.explanation.zh for q in at_edge)


def test_the_hazard_reading_is_stated_where_it_decides(papers: tuple[Question, ...]) -> None:
    hazard = [q for q in papers if q.form == "grading.level" and q.facts["incident"]["hazards"]]
    assert hazard
    decided = [q for q in hazard if assess(validate(Incident, q.facts["incident"])).readings]
    assert decided, "no grading question where the hazard reading alone decides"
    assert all("读法" in q.explanation.zh for q in decided)
    assert not any("读法" in q.explanation.zh for q in hazard if q not in decided)


def test_approximate_windows_and_zone_limits_are_never_asked_on_their_edge(papers: tuple[Question, ...]) -> None:
    for q in papers:
        if q.form == "numbers.window":
            minutes = (datetime.fromisoformat(q.facts["at"]) - datetime.fromisoformat(q.facts["ignition"])).seconds / 60
            assert minutes not in (19, 20, 21, 29, 30, 31), minutes
        if q.form == "numbers.zone":
            assert q.facts["distance_m"] % 10 != 0, q.facts["distance_m"]


def test_stems_do_not_name_the_answer(papers: tuple[Question, ...]) -> None:
    checked = Counter[str]()
    for q in papers:
        if q.form in ("escalation.trigger", "organisation.group", "case.group") and q.kind is Kind.SINGLE:
            key = q.options[q.key[0]].text.zh
            others = [o.text.zh for i, o in enumerate(q.options) if i != q.key[0]]
            assert not echoes(q.prompt.zh, key, others), (q.form, q.prompt.zh, key)
            checked[q.form] += 1
    assert len(checked) == 3


def test_the_longest_option_is_not_the_key_by_habit(papers: tuple[Question, ...]) -> None:
    singles = [q for q in papers if q.kind is Kind.SINGLE]
    option_sets: dict[str, set[frozenset[str]]] = {}
    for q in singles:
        option_sets.setdefault(q.form, set()).add(frozenset(o.value for o in q.options))

    def longest_is_key(q: Question) -> bool:
        lengths = [len(o.text.zh) for o in q.options]
        return lengths[q.key[0]] == max(lengths) and lengths.count(max(lengths)) == 1

    assert sum(map(longest_is_key, singles)) / len(singles) <= 0.30
    for form, sets in option_sets.items():
        asked = [q for q in singles if q.form == form]
        if len(sets) > 1 and len(asked) >= 10:  # options that change from question to question
            assert sum(map(longest_is_key, asked)) / len(asked) <= 0.5, form
