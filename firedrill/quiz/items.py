"""Item analysis for instructors: how each question did with the class.

Per question (by id, whatever order its options were shown in): how many answered it, its
difficulty index (the mean marks, 0—1: 1 is easy), its discrimination (the difficulty index among
the best 27 % of exam attempts minus that among the weakest 27 %: near 0 or below means the question
does not tell who knows the plan), and how often each option was chosen (the distractor counts).
Only exams count toward discrimination: practice mixes learning with measuring.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from firedrill.quiz.model import Question
from firedrill.quiz.store import QuizStore

GROUP_SHARE = 0.27  # Kelley's upper and lower 27 %, the usual split for discrimination


@dataclass
class ItemStat:
    question_id: str
    topic: str
    form: str
    prompt: str
    answered: int = 0
    marks: float = 0.0
    choices: dict[str, int] = field(default_factory=dict)  # option text (zh) → times chosen
    key: tuple[str, ...] = ()
    discrimination: float | None = None

    @property
    def difficulty_index(self) -> float:
        return self.marks / self.answered if self.answered else 0.0


def _ranks(store: QuizStore) -> tuple[set[int], set[int]]:
    """The upper and lower 27 % of finished exam attempts by score."""
    rows = store.journal.read(
        "SELECT id, score FROM quiz_attempts WHERE mode = 'exam' AND finished_at IS NOT NULL ORDER BY score, id"
    )
    size = int(len(rows) * GROUP_SHARE)
    if size == 0:
        return set(), set()
    return {int(r[0]) for r in rows[-size:]}, {int(r[0]) for r in rows[:size]}


def item_analysis(store: QuizStore) -> list[ItemStat]:
    """One row per question answered in the data directory, most answered first."""
    upper, lower = _ranks(store)
    rows = store.journal.read(
        "SELECT a.attempt_id, a.question_id, a.question, a.response, coalesce(a.credit, a.correct) FROM quiz_answers a"
    )
    stats: dict[str, ItemStat] = {}
    groups: dict[str, dict[str, list[float]]] = defaultdict(lambda: {"upper": [], "lower": []})
    for attempt, qid, raw, response, credit in rows:
        question = Question.model_validate_json(raw)
        stat = stats.get(qid)
        if stat is None:
            key = tuple(question.options[i].text.zh for i in question.key)
            stat = stats[qid] = ItemStat(qid, question.topic, question.form, question.prompt.zh, key=key)
            stat.choices = {o.text.zh: 0 for o in question.options}
        stat.answered += 1
        stat.marks += float(credit)
        chosen = json.loads(response)
        if isinstance(chosen, list):
            for index in chosen:
                if 0 <= index < len(question.options):
                    text = question.options[index].text.zh
                    stat.choices[text] = stat.choices.get(text, 0) + 1
        if attempt in upper:
            groups[qid]["upper"].append(float(credit))
        elif attempt in lower:
            groups[qid]["lower"].append(float(credit))
    for qid, stat in stats.items():
        high, low = groups[qid]["upper"], groups[qid]["lower"]
        if high and low:
            stat.discrimination = sum(high) / len(high) - sum(low) / len(low)
    return sorted(stats.values(), key=lambda s: (-s.answered, s.question_id))
