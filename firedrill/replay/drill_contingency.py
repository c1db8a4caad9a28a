"""Deciding a drill's contingency injects from what the trainee did (``contingency.py`` has the
conditions): each contingency, in time order, against the replay of the injects in force so far,
the trainee's answers to the prompts before it and the ticks up to it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from firedrill.procedure import Grade, evaluate
from firedrill.replay.contingency import contingent, holds, trainee_at
from firedrill.replay.demand import merged, tick_event
from firedrill.replay.engine import Replay
from firedrill.replay.procedure_rating import Tick
from firedrill.replay.prompts import prompts


def fires_now(replay: Replay, index: int, fired: set[int], declared: Mapping[int, int], ticks: Sequence[Tick],
              roles: Sequence[str] = ()) -> bool:  # fmt: skip
    """Whether the contingency at ``index`` (of the script as written) fires, given the injects in
    force (``fired``: the contingencies already fired) and the trainee's answers and ticks."""
    source = replay.source
    condition = source.script.injects[index].when
    assert condition is not None  # only contingencies are decided
    current = Replay(source, replay.rulebook, replay.config, fired=fired)
    at = source.inject_times[index]
    asked = [(p.number, p.at, p.required) for p in prompts(current, roles)]
    trainee = trainee_at(at, asked, declared, [tick_event(t.step, t.at, t.by) for t in ticks])
    checklist = evaluate(Grade.of(current.assess_at(at)), current.incident_at(at),
                         merged(current.procedure_events, trainee.ticks), at)  # fmt: skip
    return holds(condition, current.state_at(at).decision, checklist, trainee)


def with_trainee(replay: Replay, declared: Mapping[int, int], ticks: Sequence[Tick],
                 roles: Sequence[str] = ()) -> Replay:  # fmt: skip
    """The replay with the contingencies the trainee's answers (prompt number → declared level
    rank) and ticks make fire."""
    pending = contingent(replay.source)
    if not pending:
        return replay
    fired: set[int] = set()
    for index in pending:
        if fires_now(replay, index, fired, declared, ticks, roles):
            fired.add(index)
    return Replay(replay.source, replay.rulebook, replay.config, fired=fired)


def every_prompt(replay: Replay) -> Replay:
    """The replay with every contingency in force: the prompts an answers file may answer."""
    pending = contingent(replay.source)
    return replay if not pending else Replay(replay.source, replay.rulebook, replay.config, fired=set(pending))
