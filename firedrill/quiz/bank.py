"""Papers of questions, deterministic by seed, every question verified before it is handed out.

``paper(seed, n)`` draws topics in a shuffled round so every topic comes up, and never repeats
a stem (the prompt's letters and digits); ``question_for(seed, position, topic)`` is what
practice uses, one question at a time.
The same seed gives the same questions on any machine: ``random.Random`` seeded with an int or a
string is stable across runs and platforms.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence

from firedrill.errors import InputError
from firedrill.quiz.gen import CHAINS, TOPICS, generate
from firedrill.quiz.gen.common import Context, default_context
from firedrill.quiz.model import Question
from firedrill.quiz.verify import verify

SEED_RANGE = 1_000_000  # a fresh seed is small enough to read out and type again


def new_seed() -> int:
    """A seed for a session started without one; it is shown and stored so the paper can be drawn again."""
    return secrets.randbelow(SEED_RANGE)


class QuestionDataError(RuntimeError):
    """A generated question disagrees with the plan's data: a bug, never shown to a trainee."""


def topics(ctx: Context | None = None) -> tuple[str, ...]:
    """The topics in the order of the settings file, checked against the generators."""
    ctx = ctx or default_context()
    listed = ctx.settings.topics
    if set(listed) != set(TOPICS) or len(listed) != len(TOPICS):
        raise QuestionDataError(f"settings topics {sorted(listed)} differ from the generators {sorted(TOPICS)}")
    return listed


def check_topics(wanted: Sequence[str], ctx: Context | None = None) -> tuple[str, ...]:
    known = topics(ctx)
    unknown = [t for t in wanted if t not in known]
    if unknown:
        raise InputError(f"unknown topic(s) {', '.join(unknown)} (known: {', '.join(known)})", field="--topic")
    return tuple(wanted) or known


def _checked(question: Question, ctx: Context) -> Question:
    problems = verify(question, ctx)
    if problems:
        raise QuestionDataError(f"question {question.id} ({question.form}): {'; '.join(problems)}")
    return question


def question_for(seed: int, position: int, topic: str, avoid: set[str], ctx: Context | None = None) -> Question:
    """The question at ``position`` of a practice run: of ``topic``, its stem not in ``avoid`` if it can be helped."""
    ctx = ctx or default_context()
    rng = random.Random(f"{seed}:{position}:{topic}")
    question = generate(topic, rng, ctx)
    for _ in range(ctx.settings.generation.max_attempts):
        if question.stem not in avoid:
            break
        question = generate(topic, rng, ctx)
    return _checked(question, ctx)


def cell(question: Question) -> tuple[str, str]:
    """The part of the plan a question asks: its form and the clause or attachment it cites."""
    return question.form, question.citation.split()[0]


def _draw(topic: str, rng: random.Random, ctx: Context) -> tuple[Question, ...]:
    return CHAINS[topic](rng, ctx) if topic in CHAINS else (generate(topic, rng, ctx),)


def paper(seed: int, n: int, wanted: Sequence[str] = (), ctx: Context | None = None) -> tuple[Question, ...]:
    """``n`` verified questions for ``seed``, the topics kept level, no stem asked twice.

    The next question comes from the topic with the fewest so far (ties in an order shuffled by
    ``seed``), and of its draws one that asks a part of the plan not asked yet (``cell``) is
    preferred, so a paper spreads over the plan; a case brings its whole chain at once. A topic
    whose distinct stems run out gives way to the others; when every wanted topic has run out
    before ``n`` questions, an InputError says so.
    """
    ctx = ctx or default_context()
    order = list(check_topics(wanted, ctx))
    rng = random.Random(seed)
    rng.shuffle(order)
    seen: set[str] = set()
    cells: set[tuple[str, str]] = set()
    counts = dict.fromkeys(order, 0)
    spent: set[str] = set()  # topics that found no new stem in a whole round of tries
    questions: list[Question] = []
    tries = ctx.settings.generation.max_attempts
    while len(questions) < n:
        found: tuple[Question, ...] = ()
        for topic in sorted((t for t in order if t not in spent), key=lambda t: (counts[t], order.index(t))):
            fresh: tuple[Question, ...] = ()
            for _ in range(tries):
                drawn = _draw(topic, rng, ctx)[: n - len(questions)]
                stems = {q.stem for q in drawn}
                if len(stems) != len(drawn) or stems & seen:
                    continue
                fresh = fresh or drawn
                if {cell(q) for q in drawn} - cells:  # a part of the plan not asked yet: take it
                    found = drawn
                    break
            found = found or fresh
            if found:
                counts[topic] += len(found)
                break
            spent.add(topic)
        if not found:
            raise InputError(
                f"only {len(questions)} different questions found for topic(s) {', '.join(sorted(order))}; "
                f"ask for fewer or add topics",
                field="--n",
            )
        seen.update(q.stem for q in found)
        cells.update(cell(q) for q in found)
        questions.extend(_checked(q, ctx) for q in found)
    return tuple(questions)
