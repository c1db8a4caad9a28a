"""A member list the plan leaves open (…等) is never asked as 'which of these are members': it cannot rule
a unit out."""

from __future__ import annotations

import random

from firedrill.quiz.gen.common import Context
from firedrill.quiz.gen.organisation import members_question


def test_members_questions_ask_only_closed_lists(ctx: Context) -> None:
    groups = ctx.rulebook.organisation.groups
    open_names = {g.name.zh for g in groups if g.open}
    assert open_names  # the plan does leave some lists open
    rng = random.Random(7)
    for _ in range(200):
        question = members_question(rng, ctx)
        assert not any(name in question.prompt.zh for name in open_names)
