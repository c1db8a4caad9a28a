"""Exports: the question bank as JSON (for other tools) and Markdown (for printing), statistics as CSV.

The Markdown paper prints every question in Chinese with the English beneath, then the answer key
with explanations and sources on separate pages, so the questions can be handed out alone.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from firedrill.quiz.blueprint import difficulty
from firedrill.quiz.model import Question
from firedrill.quiz.render import key_text
from firedrill.quiz.stats import TopicStat
from firedrill.quiz.texts import keys, tx
from firedrill.rules.loader import PLAN_ID, PLAN_TITLE

BANK_FORMAT = "firedrill-quiz-bank"
BANK_VERSION = 2  # 2: each question carries its difficulty beside the Question fields
CSV_COLUMNS = ("scope", "trainee", "topic", "topic_zh", "topic_en", "answered", "correct", "percent", "box", "trainees")
PAGE_BREAK = '<div style="page-break-after: always"></div>'


def bank_json(questions: Sequence[Question], seed: int) -> str:
    document = {
        "format": BANK_FORMAT,
        "version": BANK_VERSION,
        "plan": PLAN_ID,
        "seed": seed,
        "n": len(questions),
        "questions": [{**q.model_dump(mode="json"), "difficulty": difficulty(q)} for q in questions],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _both(key: str, **blanks: str) -> str:
    text = tx(key, **blanks)
    return f"{text.zh} / {text.en}"


def bank_markdown(questions: Sequence[Question], seed: int) -> str:
    lines = [f"# {PLAN_TITLE}", "", f"## {_both('ui.bank_title', seed=str(seed), n=str(len(questions)))}", ""]
    for number, q in enumerate(questions, 1):
        topic, kind = tx(f"topic.{q.topic}"), tx(f"kind.{q.kind.value}")
        lines += [f"### {number}. {topic.zh} / {topic.en}", "", f"*{kind.zh} / {kind.en}*", ""]
        lines += [q.prompt.zh, "", f"*{q.prompt.en}*", ""]
        lines += [f"{i}. {o.text.zh} / {o.text.en}" for i, o in enumerate(q.options, 1)]
        lines.append("")
    lines += [PAGE_BREAK, "", f"## {_both('ui.answer_key')}", ""]
    for number, q in enumerate(questions, 1):
        lines += [
            f"**{number}.** {key_text(q, 'zh')} / {key_text(q, 'en')}",
            "",
            f"- {q.explanation.zh}",
            f"- {q.explanation.en}",
            f"- {tx('ui.source', citation=q.citation).zh}",
            "",
        ]
    return "\n".join(lines)


def stats_csv(rows: Sequence[TopicStat]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in rows:
        # A topic recorded by an older firedrill may have no name any more: leave it blank.
        name = tx(f"topic.{s.topic}") if f"topic.{s.topic}" in keys() else None
        writer.writerow(
            [
                s.scope,
                s.trainee,
                s.topic,
                name.zh if name else "",
                name.en if name else "",
                s.answered,
                s.correct,
                f"{s.percent:.1f}",
                "" if s.box is None else s.box,
                s.trainees,
            ]
        )
    return out.getvalue()
