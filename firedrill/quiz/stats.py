"""Statistics by topic: per trainee (answers, right answers, Leitner box) and for the class.

"The class" is every trainee in the data directory: a classroom shares one data directory
(``firedrill serve --data-dir``), another class uses another.
"""

from __future__ import annotations

from dataclasses import dataclass

from firedrill.errors import InputError
from firedrill.quiz.store import QuizStore

CLASS = "class"
TRAINEE = "trainee"


@dataclass(frozen=True)
class TopicStat:
    scope: str  # "trainee" or "class"
    trainee: str  # the trainee's name, or "" for the class
    topic: str
    answered: int
    correct: int
    box: int | None  # trainee: current Leitner box; class: None
    trainees: int  # how many trainees answered this topic (1 for a trainee row)

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ExamRecord:
    trainee: str
    started_at: str
    planned: int
    correct: int | None
    score: float | None
    passed: bool | None
    finished: bool


def _order(topics: tuple[str, ...], topic: str) -> int:
    return topics.index(topic) if topic in topics else len(topics)


def trainee_stats(store: QuizStore, topics: tuple[str, ...], name: str | None = None) -> list[TopicStat]:
    """One row per trainee and topic answered; only ``name`` if given (an unknown name is an error)."""
    if name is not None and store.find_trainee(name) is None:
        raise InputError(f"no trainee '{name}' in {store.path}", field="--trainee")
    rows = store.journal.read(
        """SELECT tr.name, a.topic, count(*), sum(a.correct), b.box
           FROM quiz_answers a JOIN quiz_attempts t ON a.attempt_id = t.id
           JOIN quiz_trainees tr ON tr.id = t.trainee_id
           LEFT JOIN quiz_boxes b ON b.trainee_id = tr.id AND b.topic = a.topic
           WHERE ? IS NULL OR tr.name = ?
           GROUP BY tr.name, a.topic""",
        (name, name),
    )
    stats = [
        TopicStat(TRAINEE, str(n), str(t), int(c), int(r), None if b is None else int(b), 1) for n, t, c, r, b in rows
    ]
    return sorted(stats, key=lambda s: (s.trainee, _order(topics, s.topic)))


def class_stats(store: QuizStore, topics: tuple[str, ...]) -> list[TopicStat]:
    rows = store.journal.read(
        """SELECT a.topic, count(*), sum(a.correct), count(DISTINCT t.trainee_id)
           FROM quiz_answers a JOIN quiz_attempts t ON a.attempt_id = t.id GROUP BY a.topic"""
    )
    stats = [TopicStat(CLASS, "", str(t), int(c), int(r), None, int(n)) for t, c, r, n in rows]
    return sorted(stats, key=lambda s: _order(topics, s.topic))


def exams(store: QuizStore, name: str | None = None) -> list[ExamRecord]:
    rows = store.journal.read(
        """SELECT tr.name, t.started_at, t.planned, t.correct, t.score, t.passed, t.finished_at
           FROM quiz_attempts t JOIN quiz_trainees tr ON tr.id = t.trainee_id
           WHERE t.mode = 'exam' AND (? IS NULL OR tr.name = ?) ORDER BY t.started_at, t.id""",
        (name, name),
    )
    return [
        ExamRecord(
            str(n),
            str(s),
            int(p),
            None if c is None else int(c),
            None if sc is None else float(sc),
            None if ok is None else bool(ok),
            f is not None,
        )
        for n, s, p, c, sc, ok, f in rows
    ]
