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
from firedrill.quiz.blueprint import Blueprint, default_blueprint, difficulty
from firedrill.quiz.gen import CHAINS, TOPICS, generate
from firedrill.quiz.gen.common import Context, default_context
from firedrill.quiz.model import Kind, Question
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


def exam_paper(
    seed: int, n: int, wanted: Sequence[str] = (), ctx: Context | None = None, blueprint: Blueprint | None = None
) -> tuple[Question, ...]:
    """The paper an exam or an export hands out: by ``blueprint``, the shipped default unless another is given."""
    return paper(seed, n, wanted, ctx, blueprint or default_blueprint())


CHOICES_PER_TURN = 6  # fresh draws weighed against the blueprint before one is taken


def paper(
    seed: int,
    n: int,
    wanted: Sequence[str] = (),
    ctx: Context | None = None,
    blueprint: Blueprint | None = None,
) -> tuple[Question, ...]:
    """``n`` verified questions for ``seed``, no stem asked twice.

    The next question comes from the topic furthest below its share — equal shares, or the
    ``blueprint``'s weights — ties in an order shuffled by ``seed``. Of a topic's fresh draws the one
    that asks a part of the plan not asked yet (``cell``), then whose type and difficulty are
    furthest below the blueprint's share, is taken; a case brings its whole chain at once. A topic
    whose distinct stems run out gives way to the others; when every wanted topic has run out
    before ``n`` questions, an InputError says so.
    """
    ctx = ctx or default_context()
    order = list(check_topics(wanted, ctx))
    if blueprint is not None:
        order = [t for t in order if blueprint.topics.get(t, 0) > 0] or order
    rng = random.Random(seed)
    rng.shuffle(order)
    share = blueprint.share(n) if blueprint is not None else dict.fromkeys(order, n / len(order))
    seen: set[str] = set()
    cells: set[tuple[str, str]] = set()
    counts = dict.fromkeys(order, 0)
    kinds: dict[Kind, int] = {}
    levels: dict[int, int] = {}
    spent: set[str] = set()  # topics that found no new stem in a whole round of tries
    questions: list[Question] = []

    def score(drawn: tuple[Question, ...]) -> tuple[bool, float]:
        new_cell = bool({cell(q) for q in drawn} - cells)
        if blueprint is None:
            return new_cell, 0.0
        wants = sum(blueprint.missing(q.kind, difficulty(q, blueprint), kinds, levels, n) for q in drawn)
        # by a blueprint the shares come first; a part of the plan not yet asked weighs one question
        return True, wants / len(drawn) + (1.0 if new_cell else 0.0)

    while len(questions) < n:
        found: tuple[Question, ...] = ()
        ranked = sorted(
            (t for t in order if t not in spent), key=lambda t: (counts[t] - share.get(t, 0), order.index(t))
        )
        for topic in ranked:
            fresh: list[tuple[Question, ...]] = []
            for _ in range(ctx.settings.generation.max_attempts):
                drawn = _draw(topic, rng, ctx)[: n - len(questions)]
                stems = {q.stem for q in drawn}
                if len(stems) == len(drawn) and not stems & seen:
                    fresh.append(drawn)
                    enough = blueprint is None or len(fresh) >= CHOICES_PER_TURN
                    if (score(drawn)[0] and enough) or (blueprint is not None and len(fresh) >= 2 * CHOICES_PER_TURN):
                        break
            if fresh:
                found = max(fresh, key=score)  # max keeps the first of equals: deterministic
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
        for q in found:
            kinds[q.kind] = kinds.get(q.kind, 0) + 1
            level = difficulty(q, blueprint)
            levels[level] = levels.get(level, 0) + 1
        questions.extend(_checked(q, ctx) for q in found)
    return tuple(questions)
