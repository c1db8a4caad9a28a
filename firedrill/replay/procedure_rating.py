"""Rating the trainee's procedure ticks at each prompt of a drill (docs/scenarios.md, "Procedure ticks").

A tick is a step id with its time on the drill clock and, optionally, who did it; it belongs to
the prompt it was made at. Each prompt has a window, from its time (the script's start for the
first) to the next prompt (the end for the last). Per window:

* **due**: the steps the procedure demands by the window's end at the level the plan demands at
  the prompt (``demand.demanded``), less those the trainee ticked at earlier prompts and those
  already counted missed;
* **wrong**: a tick the procedure engine refuses at its time and at the plan's level then
  (``firedrill.procedure.refusal``: not applicable, before its dependencies, already recorded …);
  a refused tick is not recorded, as in the console;
* **missed**: a step due and not ticked by the end of the window (counted once);
* **late**: a tick after its local time target (``ProcedureSettings``; none is built in).

Rating (severities in data/scoring.yaml): more than ``unable_missed_share`` of the due steps
missed → U; otherwise every missed step, wrong tick and late tick is one minor problem, rated by
the same rule as a decision (none P, one S, ``minor_for_major`` or more M). A window with nothing
due and nothing ticked is not rated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from firedrill.journal import Event, ProcedureState
from firedrill.models import Level
from firedrill.procedure import Grade, ProcedureSettings, RefusalCode, evaluate, load_catalogue, refusal
from firedrill.procedure.actions import Refusal
from firedrill.replay.demand import demanded, merged, tick_event
from firedrill.replay.engine import Replay
from firedrill.replay.prompts import Prompt, prompts, window_ends
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
    refused: RefusalCode | None  # why the engine refuses it (a mistake); None: recorded
    reason: str | None
    deadline: datetime | None  # a local time target, where one is set
    late: bool


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

    @property
    def wrong(self) -> tuple[TickVerdict, ...]:
        return tuple(t for t in self.ticks if t.refused is not None)

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
        events = merged(replay.procedure_events, accepted)
        state = evaluate(grade, replay.incident_at(tick.at), events, tick.at, settings=settings, catalogue=catalogue)
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


def rate_procedure(
    replay: Replay, asked: Sequence[Prompt], ticks: Sequence[Tick], scoring: Scoring,
    settings: ProcedureSettings | None = None,
) -> tuple[ProcedureRating, ...]:  # fmt: skip
    """One rating per prompt, in the order of ``asked``. Windows run to the script's next prompt
    (asked or not), so a drill closed early rates its answered prompts as the full drill would."""
    every = prompts(replay)
    end_of = dict(zip((p.number for p in every), window_ends(replay, list(every)), strict=True))
    ends = [end_of.get(p.number, e) for p, e in zip(asked, window_ends(replay, list(asked)), strict=True)]
    judged = judge(replay, ticks, asked, settings)
    script = replay.procedure_events
    accepted = [tick_event(t.step, t.at, t.by) for t, problem in judged if problem is None]
    last = max([replay.end, *(t.at for t in ticks)])
    final = evaluate(Grade.of(replay.assess_at(last)), replay.incident_at(last), merged(script, accepted), last,
                     settings=settings)  # fmt: skip
    ratings: list[ProcedureRating] = []
    done_before: set[str] = set()
    missed_before: set[str] = set()
    for k, prompt in enumerate(asked):
        start, end = (replay.start if k == 0 else prompt.at), ends[k]
        grade = Grade(level=prompt.required.level, escalated=prompt.required.escalated)
        wanted = demanded(replay, grade, _horizon(replay, prompt.at, end), script, settings)
        due = tuple(s for s in wanted if s not in done_before | missed_before)
        mine = [(t, p) for t, p in judged if t.prompt == prompt.number]
        done_now = {t.step for t, p in mine if p is None}
        missed = tuple(s for s in due if s not in done_now)
        verdicts = []
        for tick, problem in mine:
            deadline = final.status(tick.step).deadline if problem is None else None
            verdicts.append(TickVerdict(
                step=tick.step, at=tick.at, offset=replay.loaded.offset(tick.at), by=tick.by,
                refused=problem.code if problem else None, reason=problem.message if problem else None,
                deadline=deadline, late=deadline is not None and tick.at > deadline,
            ))  # fmt: skip
        ratings.append(_rated(prompt, end, replay, due, tuple(verdicts), missed, script, start, scoring))
        done_before |= done_now
        missed_before |= set(missed)
    return tuple(ratings)


def _rated(
    prompt: Prompt, end: datetime, replay: Replay, due: tuple[str, ...], verdicts: tuple[TickVerdict, ...],
    missed: tuple[str, ...], script: Sequence[Event], start: datetime, scoring: Scoring,
) -> ProcedureRating:  # fmt: skip
    issues: list[Issue] = []
    if due and len(missed) / len(due) > scoring.procedure.unable_missed_share:
        issues.append(_issue(IssueCode.PROCEDURE_MOSTLY_MISSED, f"{len(missed)}/{len(due)}", scoring))
    issues += [_issue(IssueCode.PROCEDURE_MISSED, step, scoring) for step in missed]
    issues += [_issue(IssueCode.PROCEDURE_WRONG, f"{v.step}: {v.refused}", scoring) for v in verdicts if v.refused]
    issues += [_issue(IssueCode.PROCEDURE_LATE, f"{v.step} {v.offset}", scoring) for v in verdicts if v.late]
    window = [e for e in script if start <= e.at < end]
    by_script = tuple(dict.fromkeys(str(e.payload["step"]) for e in window if e.payload["state"] != UNDONE))
    return ProcedureRating(
        level=prompt.required.level, escalated=prompt.required.escalated, until=end,
        until_offset=replay.loaded.offset(end), due=due, ticks=verdicts, missed=missed, by_script=by_script,
        issues=tuple(issues), grade=grade_of(issues, scoring) if due or verdicts else None,
    )  # fmt: skip
