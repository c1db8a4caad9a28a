"""One question, one stem: a paper never asks the same thing twice, whatever hidden facts a draw carries."""

from __future__ import annotations

from collections import Counter

import pytest

from firedrill.errors import InputError
from firedrill.quiz.bank import paper
from firedrill.quiz.gen.common import Context
from firedrill.quiz.model import Question, stem_of


@pytest.mark.parametrize("seed", [11, 222, 3333])
def test_a_100_question_paper_never_repeats_a_stem(seed: int, ctx: Context) -> None:
    questions = paper(seed, 100, ctx=ctx)
    stems = Counter(q.stem for q in questions)
    assert len(questions) == 100
    assert [s for s, n in stems.items() if n > 1] == []
    assert len({q.id for q in questions}) == 100


def test_default_exams_never_repeat_a_question(ctx: Context) -> None:
    for seed in range(40):
        stems = [q.stem for q in paper(seed, 20, ctx=ctx)]
        assert len(set(stems)) == 20, seed


def test_stems_ignore_punctuation_and_width() -> None:
    assert stem_of("按第4.5条, 把“火情侦察”排序?") == stem_of("按第４.５条,把「火情侦察」排序?")
    assert stem_of("造成10人死亡") != stem_of("造成11人死亡")


def test_the_id_is_what_a_trainee_sees_not_the_hidden_facts(bank: tuple[Question, ...]) -> None:
    by_id: dict[str, Question] = {}
    for q in bank:
        seen = by_id.setdefault(q.id, q)
        assert (seen.stem, seen.key_values() if q.kind.value == "ordering" else sorted(seen.key_values())) == (
            q.stem,
            q.key_values() if q.kind.value == "ordering" else sorted(q.key_values()),
        )
    for q in bank[:50]:
        shuffled = q.reshuffled(list(reversed(range(len(q.options)))))
        assert shuffled.with_id().id == q.id
        assert shuffled.key_values() == q.key_values() or sorted(shuffled.key_values()) == sorted(q.key_values())


def test_variants_of_a_template_differ_in_what_is_asked(bank: tuple[Question, ...]) -> None:
    """Two questions reading the same (stem and options) have the same key: hidden facts never change the answer."""
    answers: dict[tuple[str, str, frozenset[str]], set[tuple[str, ...]]] = {}
    for q in bank:
        if q.kind.value in ("single", "numeric"):
            key = q.key_values() if q.numeric is None else (str(q.numeric.minimum), str(q.numeric.maximum))
            shown = frozenset(o.text.zh for o in q.options)
            answers.setdefault((q.form, q.stem, shown), set()).add(tuple(key))
    assert {k: v for k, v in answers.items() if len(v) > 1} == {}


def test_a_paper_larger_than_the_topics_can_fill_is_refused(ctx: Context) -> None:
    with pytest.raises(InputError, match="different questions") as caught:
        paper(1, 300, ("activation",), ctx=ctx)
    assert caught.value.field == "--n"
