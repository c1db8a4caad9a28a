"""The drill's result as the screen shows it (no Textual): overall rating and score, then per prompt
the declared against the required level, triggers and scale, the time taken, the problems and the
rating, and the procedure rating with the steps missed, wrong and late. The rows are the
after-action report's own (``firedrill.replay.report.mark_rows``)."""

from __future__ import annotations

from pathlib import Path

from firedrill.replay.drill import DrillResult
from firedrill.replay.procedure_rating import ProcedureRating
from firedrill.replay.report import mark_rows
from firedrill.replay.scoring import Scoring
from firedrill.replay.words import w
from firedrill.tui.replay.words import rw


def grade_text(result: DrillResult, scoring: Scoring, lang: str) -> str:
    overall = scoring.grade(result.overall)
    return f"{overall.id.value} ({overall.name.in_lang(lang)})"


def result_lines(
    result: DrillResult, scoring: Scoring, lang: str, reports: tuple[Path, ...], run_id: int | None
) -> list[str]:
    c = ": " if lang == "en" else ":"
    lines = [
        f"{rw('result_title', lang)} — {result.title.in_lang(lang)} · {rw('trainee', lang)} {result.trainee}",
        f"{rw('overall', lang)}{c}{grade_text(result, scoring, lang)} · {rw('score', lang)}{c}{result.score:g}% · "
        + " · ".join(f"{g.value} {n}" for g, n in result.counts.items()),
        "",
    ]
    for m in result.marks:
        grade = scoring.grade(m.grade)
        lines.append(f"#{m.number} {m.offset} {m.at.strftime('%H:%M:%S')} — {rw('col_grade', lang)} "
                     f"{grade.id.value} ({grade.name.in_lang(lang)})")  # fmt: skip
        lines.append(f"  {m.prompt.in_lang(lang)}")
        said, asked = rw("col_declared", lang), rw("col_required", lang)
        for what, declared, required in mark_rows(m, lang):
            if required:
                lines.append(f"  {what}{c}{said} {declared} · {asked} {required}")
            else:
                lines.append(f"  {what}{c}{declared}")
        for issue in m.issues:
            lines.append(f"  ✗ {w('issue', issue.code.value, lang)} ({issue.detail})")
        if m.procedure is not None:
            lines += procedure_lines(m.procedure, scoring, lang)
        lines.append("")
    lines += [f"{rw('report_written', lang)}{c}{path}" for path in reports]
    lines.append(rw("stored", lang).format(run=run_id) if run_id is not None else rw("not_stored", lang))
    return lines


def procedure_lines(rating: ProcedureRating, scoring: Scoring, lang: str) -> list[str]:
    c = ": " if lang == "en" else ":"
    if rating.grade is None:
        rated = rw("not_rated", lang)
    else:
        grade = scoring.grade(rating.grade)
        rated = f"{rw('col_grade', lang)} {grade.id.value} ({grade.name.in_lang(lang)})"
    counts = rw("proc_counts", lang).format(ticked=len(rating.ticks) - len(rating.wrong), missed=len(rating.missed),
                                            wrong=len(rating.wrong), late=len(rating.late))  # fmt: skip
    lines = [f"  {rw('procedure', lang)}{c}{rated} · {counts}"]
    for key, steps in (("proc_missed", rating.missed), ("proc_wrong", tuple(t.step for t in rating.wrong)),
                       ("proc_late", tuple(t.step for t in rating.late))):  # fmt: skip
        if steps:
            lines.append(f"  ✗ {rw(key, lang)}{c}{', '.join(steps)}")
    return lines
