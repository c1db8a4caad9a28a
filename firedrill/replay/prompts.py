"""The decision points of a drill: every inject with a prompt, with what the plan demands then.

Kept apart from ``drill.py`` so that the procedure rating (``procedure_rating.py``) and the drill
scoring can both read prompts without importing each other.
"""

from __future__ import annotations

from collections.abc import Collection
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
    to: tuple[str, ...] = ()  # the roles it goes to (none: whoever plays)


def for_roles(replay: Replay, index: int, roles: Collection[str]) -> bool:
    """Whether the inject at ``index`` is the trainee's: no roles chosen (the trainee plays them
    all), an inject addressed to no role, or one of the trainee's roles among its recipients."""
    to = replay.loaded.inject_roles[index] if replay.loaded.inject_roles else ()
    return not roles or not to or bool(set(to) & set(roles))


def prompts(replay: Replay, roles: Collection[str] = ()) -> tuple[Prompt, ...]:
    """The decision points for a trainee playing ``roles`` (all roles when empty); the script
    plays the others, so their prompts are not asked and not rated."""
    loaded = replay.loaded
    found = []
    for index, (inject, at) in enumerate(zip(loaded.script.injects, loaded.inject_times, strict=True)):
        if inject.prompt is not None and for_roles(replay, index, roles):
            found.append(Prompt(
                number=loaded.inject_number(index), index=index, at=at, offset=loaded.offset(at),
                message=inject.message, prompt=inject.prompt, expected_action=inject.expected_action,
                clause=inject.clause, required=replay.state_at(at).decision,
                to=loaded.inject_roles[index] if loaded.inject_roles else (),
            ))  # fmt: skip
    return tuple(found)


def window_ends(replay: Replay, asked: tuple[Prompt, ...] | list[Prompt]) -> tuple[datetime, ...]:
    """Where each prompt's window ends: the next prompt's time, the script's end for the last.

    The drill clock waits at a prompt, so nothing the trainee does at a prompt can be later than
    the next inject they have not seen yet.
    """
    return tuple(asked[i + 1].at if i + 1 < len(asked) else replay.end for i in range(len(asked)))
