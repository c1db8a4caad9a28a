"""Drill scoring: at each prompt the trainee declares the level, the triggers and the dispatch
scale, and ticks procedure steps; the answer and the ticks are compared with what the plan
demanded then and each is rated P/S/M/U.

The decision rule (docs/scenarios.md, "The rating rule"; severities and times in data/scoring.yaml):
no answer or a level below the plan's → U; a level above it, or a decision later than the time
limit → at best M; each minor problem (triggers not those that hold, a dispatch count outside the
plan's range or none declared where the plan sets one, later than the time target) counts, none
→ P, one → S, ``minor_for_major`` or more → M. Opening the playbook is recorded, never penalised.
The procedure rule is in ``procedure_rating.py``. The score counts every rating, both kinds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from firedrill.models import Level
from firedrill.procedure import ProcedureSettings
from firedrill.replay.answers import Declaration, acknowledgements, answer_ticks, load_answers, review_of
from firedrill.replay.decision_rating import find_issues
from firedrill.replay.drill_contingency import every_prompt, with_trainee
from firedrill.replay.engine import Replay
from firedrill.replay.problems import Collector
from firedrill.replay.procedure_rating import ProcedureRating, Tick, rate_procedure
from firedrill.replay.prompts import Prompt, prompts
from firedrill.replay.review import Override, Review
from firedrill.replay.roles import Delivery, deliveries
from firedrill.replay.schema import Words
from firedrill.replay.scoring import GradeId, Issue, Scoring, Times, grade_of, load_scoring
from firedrill.replay.timeline import Decision

Changes = tuple[Override | None, Override | None, str | None]  # decision, procedure, note: an evaluator's

__all__ = [
    "DrillResult", "Issue", "Mark", "Prompt", "find_issues", "grade_of", "mark", "procedure_settings", "prompts",
    "result_of", "score_drill", "times_for",
]  # fmt: skip


class Mark(BaseModel):
    """One prompt, marked: the decision and (once the drill is over) the procedure."""

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
    procedure: ProcedureRating | None = None  # None in drills stored before ticks were rated
    note: str | None = None  # an evaluator's note on the answer
    override: Override | None = None  # an evaluator's change of the decision rating, with the reason
    rule_grade: GradeId | None = None  # the rule's rating, where an evaluator changed it

    def reviewed(self, override: Override | None, procedure: Override | None, note: str | None) -> Mark:
        """This mark with an evaluator's note and changes applied (the rule's ratings kept beside)."""
        update: dict[str, object] = {"note": note}
        if override is not None:
            update |= {"override": override, "grade": override.grade, "rule_grade": self.grade}
        if procedure is not None and self.procedure is not None:
            rating = self.procedure
            update["procedure"] = rating.model_copy(update={"override": procedure, "grade": procedure.grade,
                                                            "rule_grade": rating.grade})  # fmt: skip
        return self.model_copy(update=update)


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
    counts: dict[GradeId, int]  # decision ratings
    score: float  # percent of the best possible points, decision and procedure ratings together
    overall: GradeId
    times: Times
    levels: tuple[tuple[str, float, Level], ...]  # (offset, minutes from start, required level) at each change
    ticks: tuple[Tick, ...] = ()
    procedure_counts: dict[GradeId, int] = {}
    targets: ProcedureSettings = ProcedureSettings()  # local time targets the ticks were judged by
    recorded_at: datetime | None = None  # when the drill was run (the report's date)
    roles: tuple[str, ...] = ()  # the roles the trainee played (none: all of them)
    deliveries: tuple[Delivery, ...] = ()  # injects delivered to the trainee's roles, acknowledged or not
    review: Review = Review()  # evaluators' notes and evaluation
    role_names: dict[str, Words] = {}  # role id → its name, for the report
    fired: tuple[int, ...] = ()  # the contingency injects that fired
    not_reached: tuple[int, ...] = ()  # prompts a drill closed early never reached: not rated

    @property
    def ended_early(self) -> bool:
        return bool(self.not_reached)


def _overall(points: float, scoring: Scoring) -> GradeId:
    """The best grade whose points the mean reaches (the mean is never rounded up)."""
    return next((g.id for g in scoring.grades if points >= g.points), scoring.grades[-1].id)


def times_for(replay: Replay, scoring: Scoring) -> Times:
    own = replay.loaded.script.drill
    return Times(
        target_seconds=own.target_seconds or scoring.time.target_seconds,
        limit_seconds=own.limit_seconds or scoring.time.limit_seconds,
    )


def procedure_settings(replay: Replay, given: ProcedureSettings | None = None) -> ProcedureSettings:
    """The local time targets ticks are judged by: the script's ``drill.procedure``, else ``given``
    (the config file's), else none."""
    return replay.loaded.script.drill.procedure or given or ProcedureSettings()


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


def result_of(
    replay: Replay, marks: Sequence[Mark], trainee: str, scoring: Scoring | None = None, *,
    ticks: Sequence[Tick] = (), settings: ProcedureSettings | None = None, recorded_at: datetime | None = None,
    roles: Sequence[str] = (), acks: Mapping[int, float] | None = None, review: Review | None = None,
    changes: Mapping[int, Changes] | None = None,
) -> DrillResult:  # fmt: skip
    """The whole drill: the marks with their procedure ratings, the counts, the score and the overall
    rating. Prompts without a mark (a drill closed early) are listed as not reached and not rated."""
    scoring = scoring or load_scoring()
    targets = procedure_settings(replay, settings)
    by_number = {p.number: p for p in prompts(replay, roles)}
    asked = [by_number[m.number] for m in marks]
    rated = rate_procedure(replay, asked, ticks, scoring, targets, roles)
    marks = [m.model_copy(update={"procedure": r}) for m, r in zip(marks, rated, strict=True)]
    marks = [m.reviewed(*(changes or {}).get(m.number, (None, None, None))) for m in marks]
    grades = [m.grade for m in marks] + [r.grade for r in rated if r.grade is not None]
    total = sum(scoring.grade(g).points for g in grades)
    s = replay.loaded.script
    return DrillResult(
        script_id=s.id, title=s.title, file=replay.loaded.file, playbook=s.playbook, trainee=trainee,
        start=replay.start, end=replay.end, marks=tuple(marks),
        counts={g.id: sum(1 for m in marks if m.grade is g.id) for g in scoring.grades},
        procedure_counts={g.id: sum(1 for r in rated if r.grade is g.id) for g in scoring.grades},
        score=round(100 * total / (scoring.best.points * len(grades)), 1) if grades else 0.0,
        overall=_overall(total / len(grades), scoring) if grades else scoring.grades[-1].id,
        times=times_for(replay, scoring), levels=level_steps(replay), ticks=tuple(ticks), targets=targets,
        recorded_at=recorded_at, not_reached=tuple(n for n in by_number if n not in {m.number for m in marks}),
        roles=tuple(roles), deliveries=deliveries(replay, roles, acks or {}, until=_reached(replay, marks, by_number)),
        review=review or Review(), role_names={r.id: r.name for r in s.roles},
        fired=tuple(sorted(replay.source.inject_number(i) for i in replay.fired)),
    )  # fmt: skip


def _reached(replay: Replay, marks: Sequence[Mark], by_number: Mapping[int, Prompt]) -> datetime:
    """How far the drill went: the end, or (closed early) the first prompt not reached."""
    answered = {m.number for m in marks}
    left = [p.at for n, p in by_number.items() if n not in answered]
    return min(left, default=replay.end)


def score_drill(
    replay: Replay, answers_path: str | Path, scoring: Scoring | None = None, settings: ProcedureSettings | None = None,
    roles: Sequence[str] | None = None,
) -> DrillResult:  # fmt: skip
    """Mark an answers file against the script's prompts (the non-interactive drill)."""
    scoring = scoring or load_scoring()
    answers, lines = load_answers(answers_path)
    check = Collector(answers_path, lines, lines.flows)
    script_id = replay.loaded.script.id
    if answers.script is not None and answers.script != script_id:
        check.add("answers_for", "script", given=answers.script, script=script_id)
    roles = _played(replay, answers.roles if roles is None else roles, check)
    possible = every_prompt(replay)  # with every contingency in force: the prompts that may be answered
    numbers = {p.number for p in prompts(possible, roles)}
    seen: set[int] = set()
    for index, answer in enumerate(answers.answers):
        if answer.inject not in numbers:
            check.add("no_prompt", "answers", index, "inject", inject=answer.inject,
                      numbers=", ".join(map(str, sorted(numbers))))  # fmt: skip
        elif answer.inject in seen:
            check.add("answered_twice", "answers", index, "inject", inject=answer.inject)
        seen.add(answer.inject)
    ticks = answer_ticks(possible, prompts(possible, roles), answers, check)
    check.raise_if_any()
    replay = with_trainee(replay, {a.inject: a.level.rank for a in answers.answers}, ticks, roles)
    asked = prompts(replay, roles)
    ticks = answer_ticks(replay, asked, answers, check)
    acks = acknowledgements(replay, roles, answers, check)
    review = review_of(replay, answers, check)
    check.raise_if_any()
    times = times_for(replay, scoring)
    given = {a.inject: a for a in answers.answers}
    marks = []
    for prompt in asked:
        found = given.get(prompt.number)
        if found is None:
            marks.append(mark(prompt, None, None, times, scoring))
            continue
        declared = Declaration.model_validate(found.model_dump(include=set(Declaration.model_fields)))
        marks.append(mark(prompt, declared, found.seconds, times, scoring))
    changes = {a.inject: (a.override, a.procedure_override, a.note) for a in answers.answers}
    return result_of(replay, marks, answers.trainee, scoring, ticks=ticks, settings=settings, roles=roles, acks=acks,
                     review=review, changes=changes)  # fmt: skip


def _played(replay: Replay, roles: Sequence[str], check: Collector) -> tuple[str, ...]:
    known = {r.id for r in replay.loaded.script.roles}
    for index, role in enumerate(roles):
        if role not in known:
            check.add("unknown_role", "roles", index, role=role, known=", ".join(sorted(known)) or "-")
    return tuple(r for r in roles if r in known)
