"""Drill scoring: at each prompt the trainee declares the level, the triggers and the dispatch
scale; the answer is compared with what the plan demanded then and rated P/S/M/U.

The rule (docs/scenarios.md, "The rating rule"; severities and times in data/scoring.yaml):
no answer or a level below the plan's → U; a level above it, or a decision later than the time
limit → at best M; each minor problem (triggers not those that hold, a dispatch count outside the
plan's range or none declared where the plan sets one, later than the time target) counts, none
→ P, one → S, ``minor_for_major`` or more → M. Opening the playbook is recorded, never penalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from firedrill.errors import InputError
from firedrill.models import Level, Range
from firedrill.replay.answers import Answer, Declaration, load_answers
from firedrill.replay.engine import Replay
from firedrill.replay.schema import Words
from firedrill.replay.scoring import GradeId, IssueCode, Scoring, Severity, Times, load_scoring
from firedrill.replay.timeline import Decision
from firedrill.replay.words import span
from firedrill.replay.yamlload import line_of


@dataclass(frozen=True)
class Prompt:
    """A moment the trainee must decide: an inject with a prompt, and what the plan demands then."""

    number: int
    index: int
    at: datetime
    offset: str
    message: Words | None
    prompt: Words
    expected_action: Words | None
    clause: str | None
    required: Decision


def prompts(replay: Replay) -> tuple[Prompt, ...]:
    loaded = replay.loaded
    found = []
    for index, (inject, at) in enumerate(zip(loaded.script.injects, loaded.inject_times, strict=True)):
        if inject.prompt is not None:
            found.append(Prompt(
                number=loaded.inject_number(index), index=index, at=at, offset=loaded.offset(at),
                message=inject.message, prompt=inject.prompt, expected_action=inject.expected_action,
                clause=inject.clause, required=replay.state_at(at).decision,
            ))  # fmt: skip
    return tuple(found)


class Issue(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: IssueCode
    severity: Severity
    detail: str


class Mark(BaseModel):
    """One prompt, marked."""

    model_config = ConfigDict(frozen=True)

    number: int
    at: datetime
    offset: str
    message: Words | None
    prompt: Words
    expected_action: Words | None
    clause: str | None
    declared: Declaration | None
    required: Decision
    seconds: float | None
    issues: tuple[Issue, ...]
    grade: GradeId


class DrillResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    script_id: str
    title: Words
    file: str
    playbook: str
    trainee: str
    start: datetime
    end: datetime
    marks: tuple[Mark, ...]
    counts: dict[GradeId, int]
    score: float  # percent of the best possible points
    overall: GradeId
    times: Times
    levels: tuple[tuple[str, float, Level], ...]  # (offset, minutes from start, required level) at each change


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def _within(value: int | None, r: Range | None) -> bool:
    if r is None or value is None:
        return False
    return r.minimum <= value and (r.maximum is None or value <= r.maximum)


def find_issues(
    declared: Declaration | None, seconds: float | None, required: Decision, times: Times
) -> list[tuple[IssueCode, str]]:
    """The problems of one answer, as (code, detail)."""
    if declared is None:
        return [(IssueCode.NO_ANSWER, "no answer")]
    issues: list[tuple[IssueCode, str]] = []
    if declared.level.rank < required.level.rank:
        issues.append((IssueCode.LEVEL_BELOW, f"{declared.level.value} < {required.level.value}"))
    elif declared.level.rank > required.level.rank:
        issues.append((IssueCode.LEVEL_ABOVE, f"{declared.level.value} > {required.level.value}"))
    if set(declared.triggers) != set(required.triggers):
        said = ",".join(sorted(t.value for t in declared.triggers)) or "-"
        holds = ",".join(sorted(t.value for t in required.triggers)) or "-"
        issues.append((IssueCode.TRIGGERS_DIFFER, f"declared {said}; holding {holds}"))
    scale = required.dispatch
    if scale.set_by_plan:
        given = declared.dispatch
        if given is None or all(getattr(given, n) is None for n in ("stations", "formations", "engines")):
            issues.append((IssueCode.DISPATCH_MISSING, "no dispatch scale declared"))
        else:
            outside = [
                f"{name} {_count(getattr(given, name))} not in {span(getattr(scale, name))}"
                for name in ("stations", "formations", "engines")
                if not _within(getattr(given, name), getattr(scale, name))
            ]
            if outside:
                issues.append((IssueCode.DISPATCH_OUTSIDE, "; ".join(outside)))
    if seconds is not None and seconds > times.limit_seconds:
        issues.append((IssueCode.OVER_TIME_LIMIT, f"{seconds:g} s > {times.limit_seconds:g} s"))
    elif seconds is not None and seconds > times.target_seconds:
        issues.append((IssueCode.OVER_TIME_TARGET, f"{seconds:g} s > {times.target_seconds:g} s"))
    return issues


def grade_of(issues: Sequence[Issue], scoring: Scoring) -> GradeId:
    severities = [i.severity for i in issues]
    if Severity.UNABLE in severities:
        return GradeId.U
    minors = severities.count(Severity.MINOR)
    if Severity.MAJOR in severities or minors >= scoring.minor_for_major:
        return GradeId.M
    return GradeId.S if minors else GradeId.P


def _overall(points: float, scoring: Scoring) -> GradeId:
    """The best grade whose points the mean reaches (the mean is never rounded up)."""
    return next((g.id for g in scoring.grades if points >= g.points), scoring.grades[-1].id)


def times_for(replay: Replay, scoring: Scoring) -> Times:
    own = replay.loaded.script.drill
    return Times(
        target_seconds=own.target_seconds or scoring.time.target_seconds,
        limit_seconds=own.limit_seconds or scoring.time.limit_seconds,
    )


def mark(prompt: Prompt, declared: Declaration | None, seconds: float | None, times: Times, scoring: Scoring) -> Mark:
    issues = tuple(
        Issue(code=code, severity=scoring.issues[code], detail=detail)
        for code, detail in find_issues(declared, seconds, prompt.required, times)
    )
    return Mark(
        number=prompt.number, at=prompt.at, offset=prompt.offset, message=prompt.message, prompt=prompt.prompt,
        expected_action=prompt.expected_action, clause=prompt.clause, declared=declared, required=prompt.required,
        seconds=seconds, issues=issues, grade=grade_of(issues, scoring),
    )  # fmt: skip


def level_steps(replay: Replay) -> tuple[tuple[str, float, Level], ...]:
    """The required level at the start and wherever it changes, for the report's chart."""
    steps: list[tuple[str, float, Level]] = []
    for entry in replay.timeline:
        if not steps or steps[-1][2] != entry.decision.level:
            steps.append((entry.offset, (entry.at - replay.start).total_seconds() / 60, entry.decision.level))
    return tuple(steps)


def result_of(replay: Replay, marks: Sequence[Mark], trainee: str, scoring: Scoring | None = None) -> DrillResult:
    scoring = scoring or load_scoring()
    counts = {g.id: sum(1 for m in marks if m.grade is g.id) for g in scoring.grades}
    total = sum(scoring.grade(m.grade).points for m in marks)
    best = scoring.best.points * len(marks)
    s = replay.loaded.script
    return DrillResult(
        script_id=s.id, title=s.title, file=replay.loaded.file, playbook=s.playbook, trainee=trainee,
        start=replay.start, end=replay.end, marks=tuple(marks), counts=counts,
        score=round(100 * total / best, 1) if best else 0.0,
        overall=_overall(total / len(marks), scoring) if marks else scoring.grades[-1].id,
        times=times_for(replay, scoring), levels=level_steps(replay),
    )  # fmt: skip


def score_drill(replay: Replay, answers_path: str | Path, scoring: Scoring | None = None) -> DrillResult:
    """Mark an answers file against the script's prompts (the non-interactive drill)."""
    scoring = scoring or load_scoring()
    answers, lines = load_answers(answers_path)
    script_id = replay.loaded.script.id
    if answers.script is not None and answers.script != script_id:
        raise InputError(f"the answers are for script '{answers.script}', not '{script_id}'", field="script",
                         file=answers_path, line=line_of(lines, "script"))  # fmt: skip
    asked = {p.number: p for p in prompts(replay)}
    given: dict[int, Answer] = {}
    for index, answer in enumerate(answers.answers):
        problem = None
        if answer.inject not in asked:
            problem = f"inject {answer.inject} has no prompt (prompts: {', '.join(map(str, sorted(asked)))})"
        elif answer.inject in given:
            problem = f"inject {answer.inject} is answered twice"
        if problem is not None:
            raise InputError(problem, field=f"answers.{index}.inject", file=answers_path,
                             line=line_of(lines, "answers", index, "inject"))  # fmt: skip
        given[answer.inject] = answer
    times = times_for(replay, scoring)
    marks = []
    for number, prompt in asked.items():
        found = given.get(number)
        if found is None:
            marks.append(mark(prompt, None, None, times, scoring))
            continue
        declared = Declaration.model_validate(found.model_dump(exclude={"inject", "seconds"}))
        marks.append(mark(prompt, declared, found.seconds, times, scoring))
    return result_of(replay, marks, answers.trainee, scoring)
