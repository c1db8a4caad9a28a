"""The whole plan can be asked: a 500-question bank cites every clause of chapters 1—6 and every
section of every attachment, with keys from the rule and playbook data."""

from __future__ import annotations

import re

import pytest

from firedrill.playbook.schema import SectionKind
from firedrill.quiz.bank import paper
from firedrill.quiz.gen.common import Context
from firedrill.quiz.model import Question
from firedrill.quiz.verify import verify

CLAUSES = (
    "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3",
    "4.1", "4.2", "4.3", "4.4.1", "4.4.2", "4.4.3", "4.5", "5", "6",
)  # fmt: skip
ATTACHMENTS = tuple(f"附件{i}" for i in range(1, 8))


def _base(q: Question) -> Question:
    return Question.model_validate(q.facts["base"]) if q.form == "judge" else q


def _clauses(q: Question) -> set[str]:
    found = set()
    for part in re.split(r"[;;]\s*", q.citation):
        match = re.match(r"(\d(?:\.\d){0,2})(?:\(\d\))?$", part.strip())
        if match:
            found.add(match.group(1))
    return found


@pytest.fixture(scope="module")
def five_hundred(ctx: Context) -> tuple[Question, ...]:
    return paper(500, 500, ctx=ctx)


def test_every_clause_of_chapters_1_to_6_is_asked(five_hundred: tuple[Question, ...]) -> None:
    cited = set().union(*(_clauses(_base(q)) for q in five_hundred))
    assert [c for c in CLAUSES if c not in cited] == []


def test_every_section_of_every_attachment_is_asked(five_hundred: tuple[Question, ...]) -> None:
    asked = {
        (base.citation.split()[0], base.facts["section"])
        for base in map(_base, five_hundred)
        if base.citation.startswith("附件") and "section" in base.facts
    }
    missing = [(a, s.value) for a in ATTACHMENTS for s in SectionKind if (a, s.value) not in asked]
    assert missing == []


def test_the_new_parts_of_the_plan_are_verified(five_hundred: tuple[Question, ...], ctx: Context) -> None:
    forms = {q.form for q in five_hundred}
    assert {"clauses.fact", "command.post", "command.phone", "forces.standby", "forces.linked"} <= forms
    for q in five_hundred:
        if q.form.split(".")[0] in ("clauses", "command", "forces"):
            wrong = next((i for i in range(len(q.options)) if i not in q.key), None)
            if wrong is not None and q.kind.value == "single":
                assert verify(q.model_copy(update={"key": (wrong,)}).with_id(), ctx) != [], q.form


def test_the_office_duty_line_and_the_standby_rule(five_hundred: tuple[Question, ...]) -> None:
    phone = next(q for q in five_hundred if q.form == "command.phone")
    assert set(phone.key_values()) == {"119", "85398319"}
    standby = [q for q in five_hundred if q.form == "forces.standby"]
    assert standby
    for q in standby:
        held = q.facts["level"] == "major" and (q.facts["distance_m"] >= 30000 or q.facts["travel_time_s"] > 1800)
        assert q.key_values() == ("hold" if held else "send",)
        assert "以上" in q.explanation.zh and "超过" in q.explanation.zh  # the reading is stated
