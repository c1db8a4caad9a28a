"""Plain-text views of a question, the feedback to an answer and a session's result (terminal, exports).

The feedback's first line, ``[3/20] ✔ Right score 3/3``, is printed only once the answer is
recorded; scripts read it as the acknowledgement.
"""

from __future__ import annotations

from firedrill.quiz.gen.common import range_text
from firedrill.quiz.model import Kind, Question, Response
from firedrill.quiz.session import Feedback, Result
from firedrill.quiz.texts import tx


def topic_name(topic: str, lang: str) -> str:
    return tx(f"topic.{topic}").in_lang(lang)


def key_text(question: Question, lang: str) -> str:
    """The right answer as a trainee would read it."""
    if question.kind is Kind.NUMERIC:
        assert question.numeric is not None
        key = question.numeric
        return range_text(key.minimum, key.maximum, key.unit).in_lang(lang).strip()
    return response_text(question, question.key, lang)


def response_text(question: Question, response: Response | None, lang: str) -> str:
    if response is None:
        return tx("ui.no_answer").in_lang(lang)
    if not isinstance(response, tuple):
        return f"{response:g}"
    parts = [f"{i + 1}. {question.options[i].text.in_lang(lang)}" for i in response if 0 <= i < len(question.options)]
    return (" → " if question.kind is Kind.ORDERING else "; ").join(parts)


def question_block(question: Question, position: int, total: int, lang: str) -> str:
    header = tx(
        "ui.header",
        position=str(position),
        total=str(total),
        topic=tx(f"topic.{question.topic}"),
        kind=tx(f"kind.{question.kind.value}"),
    )
    lines = [header.in_lang(lang), question.prompt.in_lang(lang)]
    lines += [f"  {i + 1}. {o.text.in_lang(lang)}" for i, o in enumerate(question.options)]
    return "\n".join(lines)


def explanation_lines(question: Question, lang: str) -> list[str]:
    return [
        tx("ui.answer", answer=key_text(question, lang)).in_lang(lang),
        question.explanation.in_lang(lang),
        tx("ui.source", citation=question.citation).in_lang(lang),
    ]


def feedback_block(feedback: Feedback, lang: str) -> str:
    if not feedback.reveal:
        return tx("ui.exam_ack", position=str(feedback.position), total=str(feedback.total)).in_lang(lang)
    mark = tx("ui.right" if feedback.correct else "ui.wrong")
    if not feedback.correct and feedback.credit > 0:
        mark = tx("ui.partial", credit=f"{feedback.credit:.2g}")
    ack = tx("ui.ack", position=str(feedback.position), total=str(feedback.total), mark=mark, score=str(feedback.score))
    lines = [ack.in_lang(lang)]
    if not feedback.correct:
        lines.append(
            tx("ui.your_answer", answer=response_text(feedback.question, feedback.response, lang)).in_lang(lang)
        )
    return "\n".join([*lines, *explanation_lines(feedback.question, lang)])


def result_block(result: Result, lang: str) -> str:
    mode = tx(f"mode.{result.mode.value}")
    lines = [
        tx(
            "ui.result",
            trainee=result.trainee,
            mode=mode,
            correct=f"{result.correct if result.points is None else round(result.points, 2):g}",
            total=str(result.total),
            percent=f"{result.percent:.0f}",
        ).in_lang(lang)
    ]
    if result.pass_mark is not None:
        verdict = tx("ui.passed" if result.passed else "ui.failed")
        lines.append(tx("ui.pass_mark", mark=f"{result.pass_mark:g}", verdict=verdict).in_lang(lang))
    if result.answered < result.total:
        lines.append(tx("ui.expired" if result.expired else "ui.stopped").in_lang(lang))
    if result.mistakes:
        lines.append(tx("ui.mistakes").in_lang(lang))
        for question, response in result.mistakes:
            lines.append(f"- {question.prompt.in_lang(lang)}")
            lines.append("  " + tx("ui.your_answer", answer=response_text(question, response, lang)).in_lang(lang))
            lines.append("  " + tx("ui.answer", answer=key_text(question, lang)).in_lang(lang))
            lines.append("  " + tx("ui.source", citation=question.citation).in_lang(lang))
    return "\n".join(lines)
