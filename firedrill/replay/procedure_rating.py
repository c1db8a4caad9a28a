"""Rating the trainee's procedure ticks in a drill (docs/scenarios.md, "Procedure ticks").

A tick is a step id with its time on the drill clock and, optionally, who did it; it belongs to
the prompt it was made at (the prompt's window runs to the next prompt). Each step is counted
once, at the prompt where the plan first demands it (``demand.demanded`` at the plan's level
then), and is due by its deadline (``deadlines.py``: the designer's, a time target, or the local
default — never the plan's, which sets no minutes):

* **by others**: the script's own mark recorded it before any tick of the trainee: nobody's
  credit, and a later tick of the trainee is refused as in the console but is no mistake;
* **ticked**: the trainee's tick, accepted by the procedure engine, came first — the credit is the
  trainee's even when a script mark follows later; after the deadline it is **late**;
* **wrong**: every tick of the step was refused (``firedrill.procedure.refusal``: not applicable,
  before its dependencies …); counted once, never also as missed;
* **missed**: no tick by the deadline; a deadline past the drill's end is not yet due and not counted.

Rating (severities in data/scoring.yaml): more than ``unable_missed_share`` of the steps due at a
prompt missed → U; otherwise each missed step, wrong step and late tick is one minor problem,
rated by the same rule as a decision (none P, one S, ``minor_for_major`` or more M). A prompt with
nothing due and nothing ticked is not rated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from firedrill.journal import Event, ProcedureState
from firedrill.models import Level
from firedrill.procedure import Grade, ProcedureSettings, RefusalCode, evaluate, load_catalogue, refusal
from firedrill.procedure.actions import Refusal
from firedrill.replay.deadlines import Deadline, DeadlineSource, step_deadline
from firedrill.replay.demand import demanded, merged, tick_event
from firedrill.replay.engine import Replay
from firedrill.replay.prompts import Prompt, prompts, window_ends
from firedrill.replay.review import Override
from firedrill.replay.scoring import GradeId, Issue, IssueCode, Scoring, grade_of

UNDONE = ProcedureState.UNDONE.value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Tick(_Frozen):
    """A step the trainee ticked, at a time on the drill clock, at the prompt numbered ``prompt``."""

    step: str
    at: datetime
    prompt: int
    by: str | None = None


def tick_time(prompt_at: datetime, seconds: float, window_end: datetime) -> datetime:
    """The prompt's time plus the seconds taken, never past the window's end (the drill clock
    waits at a prompt; it does not run past an inject the trainee has not seen)."""
    return min(prompt_at + timedelta(seconds=max(seconds, 0)), max(window_end, prompt_at))


class TickVerdict(_Frozen):
    step: str
    at: datetime
    offset: str
    by: str | None
    refused: RefusalCode | None  # why the engine refuses it; None: recorded
    reason: str | None
    deadline: datetime | None  # when the step was due (never the plan's: it sets no minutes)
    late: bool
    deadline_source: DeadlineSource | None = None
    by_others: bool = False  # refused only because the script's mark recorded it first: no mistake


class ProcedureRating(_Frozen):
    """The procedure at one prompt: what was due, ticked, missed, wrong and late, and the rating."""

    level: Level  # the plan's level at the prompt
    escalated: bool
    until: datetime  # the window's end
    until_offset: str
    due: tuple[str, ...]
    ticks: tuple[TickVerdict, ...]
    missed: tuple[str, ...]
    by_script: tuple[str, ...]  # recorded by the script's own marks in the window: nobody's credit
    issues: tuple[Issue, ...]
    grade: GradeId | None  # None: nothing due and nothing ticked, not rated
    missed_by: tuple[str, ...] = ()  # each missed step's deadline, as an offset (parallel to ``missed``)
    override: Override | None = None  # an evaluator's change of the rating, with the reason
    rule_grade: GradeId | None = None  # the rule's rating, where an evaluator changed it

    @property
    def wrong(self) -> tuple[TickVerdict, ...]:
        return tuple(t for t in self.ticks if t.refused is not None and not t.by_others)

    @property
    def late(self) -> tuple[TickVerdict, ...]:
        return tuple(t for t in self.ticks if t.late)


def judge(
    replay: Replay, ticks: Sequence[Tick], asked: Sequence[Prompt], settings: ProcedureSettings | None
) -> list[tuple[Tick, Refusal | None]]:
    """Each tick checked by the procedure engine in time order (equal times: prompt, then checklist
    order), against the script's marks and the ticks accepted before it, at the plan's level then."""
    catalogue = load_catalogue()
    order = {step_id: i for i, step_id in enumerate(catalogue.ids())}
    position = {p.number: i for i, p in enumerate(asked)}
    grades: dict[datetime, Grade] = {}
    accepted: list[Event] = []
    judged: list[tuple[Tick, Refusal | None]] = []
    for tick in sorted(ticks, key=lambda t: (t.at, position.get(t.prompt, 0), order.get(t.step, len(order)))):
        grade = grades.setdefault(tick.at, Grade.of(replay.assess_at(tick.at)))
        # the script's marks count only where no accepted tick of the trainee came before them
        mine = {e.payload["step"] for e in accepted}
        script = [e for e in replay.procedure_events if e.payload["step"] not in mine]
        state = evaluate(grade, replay.incident_at(tick.at), merged(script, accepted), tick.at, settings=settings,
                         catalogue=catalogue)  # fmt: skip
        problem = refusal(state, tick.step, ProcedureState.DONE, tick.at)
        if problem is None:
            accepted.append(tick_event(tick.step, tick.at, tick.by))
        judged.append((tick, problem))
    return judged


def _issue(code: IssueCode, detail: str, scoring: Scoring) -> Issue:
    return Issue(code=code, severity=scoring.issues[code], detail=detail)


def _horizon(replay: Replay, start: datetime, end: datetime) -> datetime:
    """The latest moment the window's demand is read at: its last inject before the end (or its start)."""
    return max([t for t in replay.loaded.inject_times if start <= t < end], default=start)


def _first_marks(replay: Replay) -> dict[str, datetime]:
    """When the script's own marks first recorded each step (done or skipped)."""
    first: dict[str, datetime] = {}
    for event in replay.procedure_events:
        if event.payload["state"] != UNDONE:
            first.setdefault(str(event.payload["step"]), event.at)
    return first


def _first_demanded(
    replay: Replay, asked: Sequence[Prompt], ends: Sequence[datetime], settings: ProcedureSettings | None
) -> dict[str, int]:
    """Each step demanded by the plan, and the index (in ``asked``) of the prompt that first demands it."""
    first: dict[str, int] = {}
    for k, prompt in enumerate(asked):
        grade = Grade(level=prompt.required.level, escalated=prompt.required.escalated)
        for step in demanded(replay, grade, _horizon(replay, prompt.at, ends[k]), (), settings):
            first.setdefault(step, k)
    return first


def rate_procedure(
    replay: Replay, asked: Sequence[Prompt], ticks: Sequence[Tick], scoring: Scoring,
    settings: ProcedureSettings | None = None, roles: Sequence[str] = (),
) -> tuple[ProcedureRating, ...]:  # fmt: skip
    """One rating per prompt, in the order of ``asked``. Windows run to the script's next prompt
    (asked or not), so a drill closed early rates its answered prompts as the full drill would, and
    steps whose deadline lies past the last window reached are not yet due."""
    every = prompts(replay, roles)
    end_of = dict(zip((p.number for p in every), window_ends(replay, list(every)), strict=True))
    ends = [end_of.get(p.number, e) for p, e in zip(asked, window_ends(replay, list(asked)), strict=True)]
    until = max(ends, default=replay.end)
    judged = judge(replay, ticks, asked, settings)
    accepted_at: dict[str, datetime] = {}
    for tick, problem in judged:
        if problem is None:
            accepted_at.setdefault(tick.step, tick.at)
    by_script = {s: at for s, at in _first_marks(replay).items() if s not in accepted_at or at < accepted_at[s]}
    refused_steps = {t.step for t, p in judged if p is not None and not _neutral(t, p, by_script)}
    final_events = merged([e for e in replay.procedure_events if e.payload["step"] in by_script],
                          [tick_event(s, at, None) for s, at in accepted_at.items()])  # fmt: skip
    final = evaluate(Grade.of(replay.assess_at(until)), replay.incident_at(until), final_events, until,
                     settings=settings)  # fmt: skip
    own = replay.loaded.script.drill.deadlines
    first = _first_demanded(replay, asked, ends, settings)
    deadlines = {s: step_deadline(s, asked[k].at, own, final, scoring) for s, k in first.items()}
    ratings = []
    for k, prompt in enumerate(asked):
        steps = [s for s, j in first.items() if j == k and s not in by_script]
        due = tuple(s for s in steps if s in accepted_at or s in refused_steps or deadlines[s].at <= until)
        wrong_steps = {s for s in due if s in refused_steps and s not in accepted_at}
        missed = tuple(s for s in due if s not in accepted_at and s not in wrong_steps)
        verdicts = tuple(_verdict(replay, t, p, deadlines, accepted_at, by_script) for t, p in judged
                         if t.prompt == prompt.number)  # fmt: skip
        start = replay.start if k == 0 else prompt.at
        window = tuple(s for s, at in by_script.items() if start <= at < ends[k])
        rated = _rated(prompt, ends[k], replay, due, verdicts, missed, window, scoring)
        ratings.append(rated.model_copy(update={"missed_by": tuple(replay.loaded.offset(deadlines[s].at)
                                                                   for s in missed)}))  # fmt: skip
    return tuple(ratings)


def _neutral(tick: Tick, problem: Refusal, by_script: dict[str, datetime]) -> bool:
    """A tick refused only because the script's mark had already recorded the step: no mistake."""
    return problem.code is RefusalCode.ALREADY_RECORDED and tick.step in by_script and by_script[tick.step] <= tick.at


def _verdict(
    replay: Replay, tick: Tick, problem: Refusal | None, deadlines: dict[str, Deadline],
    accepted_at: dict[str, datetime], by_script: dict[str, datetime],
) -> TickVerdict:  # fmt: skip
    deadline = deadlines.get(tick.step)
    counted = problem is None and accepted_at.get(tick.step) == tick.at  # the tick that took the credit
    late = counted and deadline is not None and tick.at > deadline.at
    neutral = problem is not None and _neutral(tick, problem, by_script)
    return TickVerdict(
        step=tick.step, at=tick.at, offset=replay.loaded.offset(tick.at), by=tick.by,
        refused=problem.code if problem else None, reason=problem.message if problem else None,
        deadline=deadline.at if deadline else None, deadline_source=deadline.source if deadline else None,
        late=late, by_others=neutral,
    )  # fmt: skip


def _rated(
    prompt: Prompt, end: datetime, replay: Replay, due: tuple[str, ...], verdicts: tuple[TickVerdict, ...],
    missed: tuple[str, ...], by_script: tuple[str, ...], scoring: Scoring,
) -> ProcedureRating:  # fmt: skip
    issues: list[Issue] = []
    if due and len(missed) / len(due) > scoring.procedure.unable_missed_share:
        issues.append(_issue(IssueCode.PROCEDURE_MOSTLY_MISSED, f"{len(missed)}/{len(due)}", scoring))
    issues += [_issue(IssueCode.PROCEDURE_MISSED, step, scoring) for step in missed]
    wrong = dict.fromkeys(v.step for v in verdicts if v.refused and not v.by_others)
    issues += [_issue(IssueCode.PROCEDURE_WRONG, f"{step}: {next(v.refused for v in verdicts if v.step == step)}",
                      scoring) for step in wrong]  # fmt: skip
    issues += [_issue(IssueCode.PROCEDURE_LATE, f"{v.step} {v.offset}", scoring) for v in verdicts if v.late]
    return ProcedureRating(
        level=prompt.required.level, escalated=prompt.required.escalated, until=end,
        until_offset=replay.loaded.offset(end), due=due, ticks=verdicts, missed=missed, by_script=by_script,
        issues=tuple(issues), grade=grade_of(issues, scoring) if due or verdicts else None,
    )  # fmt: skip
