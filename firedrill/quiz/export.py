"""Exports: the question bank as JSON (for other tools) and Markdown (for printing), statistics as CSV.

The Markdown paper prints every question in Chinese with the English beneath, then an answer sheet
to fill in, then the answer key with explanations and sources, each on its own page, so the questions
and the sheet can be handed out alone. CSV is written for spreadsheets: UTF-8 with a byte-order
mark, and a text cell that would run as a formula kept as text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from firedrill.quiz.blueprint import difficulty
from firedrill.quiz.items import ItemStat
from firedrill.quiz.model import Question
from firedrill.quiz.render import key_text
from firedrill.quiz.stats import TopicStat
from firedrill.quiz.texts import keys, tx
from firedrill.rules.loader import PLAN_ID, PLAN_TITLE

BANK_FORMAT = "firedrill-quiz-bank"
BANK_VERSION = 2  # 2: each question carries its difficulty beside the Question fields
CSV_COLUMNS = ("scope", "trainee", "topic", "topic_zh", "topic_en", "answered", "correct", "percent", "box", "trainees")
ITEM_COLUMNS = (
    "question_id", "topic", "form", "prompt", "answered", "difficulty_index", "discrimination", "key", "choices",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
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
    lines += [PAGE_BREAK, "", f"## {_both('ui.answer_sheet')}", "", _both("ui.sheet_name"), ""]
    for number, q in enumerate(questions, 1):
        kind = tx(f"kind.{q.kind.value}")
        lines.append(f"{number}. {kind.zh.split(':')[0]} / {kind.en.split(':')[0]}:________________")
    lines += ["", PAGE_BREAK, "", f"## {_both('ui.answer_key')}", ""]
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


def guard(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula (= + - @, tab, CR first) is kept as text with a leading '."""
    if isinstance(cell, str) and cell[:1] in FORMULA_STARTS:
        return "'" + cell
    return cell


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV for a spreadsheet: UTF-8 with a byte-order mark (Excel on Chinese Windows reads it right), cells guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([guard(c) for c in row] for row in rows)
    return BOM + out.getvalue()


def items_csv(items: Sequence[ItemStat]) -> str:
    rows = [
        [
            i.question_id,
            i.topic,
            i.form,
            i.prompt,
            i.answered,
            f"{i.difficulty_index:.2f}",
            "" if i.discrimination is None else f"{i.discrimination:.2f}",
            " | ".join(i.key),
            json.dumps(i.choices, ensure_ascii=False),
        ]
        for i in items
    ]
    return _csv(ITEM_COLUMNS, rows)


def items_json(items: Sequence[ItemStat]) -> str:
    data = [
        {
            "question_id": i.question_id,
            "topic": i.topic,
            "form": i.form,
            "prompt": i.prompt,
            "answered": i.answered,
            "difficulty_index": round(i.difficulty_index, 4),
            "discrimination": None if i.discrimination is None else round(i.discrimination, 4),
            "key": list(i.key),
            "choices": i.choices,
        }
        for i in items
    ]
    return (
        json.dumps({"format": "firedrill-quiz-items", "version": 1, "items": data}, ensure_ascii=False, indent=2) + "\n"
    )


def stats_csv(rows: Sequence[TopicStat]) -> str:
    lines = []
    for s in rows:
        # A topic recorded by an older firedrill may have no name any more: leave it blank.
        name = tx(f"topic.{s.topic}") if f"topic.{s.topic}" in keys() else None
        lines.append(
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
    return _csv(CSV_COLUMNS, lines)
