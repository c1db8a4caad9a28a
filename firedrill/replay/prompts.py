"""The decision points of a drill: every inject with a prompt, with what the plan demands then.

Kept apart from ``drill.py`` so that the procedure rating (``procedure_rating.py``) and the drill
scoring can both read prompts without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from firedrill.replay.engine import Replay
from firedrill.replay.schema import Words
from firedrill.replay.timeline import Decision


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


def window_ends(replay: Replay, asked: tuple[Prompt, ...] | list[Prompt]) -> tuple[datetime, ...]:
    """Where each prompt's window ends: the next prompt's time, the script's end for the last.

    The drill clock waits at a prompt, so nothing the trainee does at a prompt can be later than
    the next inject they have not seen yet.
    """
    return tuple(asked[i + 1].at if i + 1 < len(asked) else replay.end for i in range(len(asked)))
