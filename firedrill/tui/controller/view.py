"""What the controller screen shows, read from the live exercise (``firedrill.replay.live``) at
one moment: the clock line, the injects to come, the contingencies and each role's declaration
beside the plan's demand. Plain strings, so the widgets only lay them out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from firedrill.replay.live import LiveExercise
from firedrill.replay.render import decision_text
from firedrill.replay.schema_exercise import Condition
from firedrill.replay.words import level_name
from firedrill.tui.controller.words import cw

Row = tuple[str, ...]
MESSAGE_CHARS = 12  # of an inject's message in the table (the whole message is in the script and the MSEL)


@dataclass(frozen=True)
class ControllerView:
    clock: str  # exercise time, run state, speed, real time
    demand: str  # the plan's demand at the exercise clock
    pending: tuple[tuple[int, Row], ...]  # (inject number, row) in time order
    contingencies: tuple[Row, ...]
    roles: tuple[Row, ...]
    ticks: str


def condition_text(condition: Condition) -> str:
    """The ``when:`` as the script writes it (``not_done: situation_reported``)."""
    parts = []
    for key, value in condition.model_dump(mode="json", exclude_none=True).items():
        if isinstance(value, list):
            value = ",".join(map(str, value))
        elif isinstance(value, dict):
            value = " ".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in value.items())
        parts.append(f"{key}: {value}")
    return "; ".join(parts)


def _roles_text(live: LiveExercise, roles: tuple[str, ...], lang: str) -> str:
    loaded = live.control.drive.current.loaded
    return "、".join(loaded.role_name(r, lang) for r in roles) or cw("everyone", lang)


def clock_line(live: LiveExercise, real: datetime, lang: str) -> str:
    clock, replay = live.control.clock, live.control.drive.current
    now = live.now()
    state = cw("ended", lang) if live.finished else cw("running" if clock.running else "paused", lang)
    return (f"{cw('exercise_time', lang)} {now.strftime('%Y-%m-%d %H:%M:%S')} ({replay.loaded.offset(now)}) · {state}"
            f" · {cw('speed', lang)} {clock.speed:g}× │ {cw('real_time', lang)} {real.strftime('%H:%M:%S')}"
            f" │ {cw('incident', lang)} {live.incident_id}")  # fmt: skip


def build_view(live: LiveExercise, real: datetime, lang: str) -> ControllerView:
    source = live.control.drive.source
    replay = live.control.drive.current
    by_number = {source.inject_number(i): i for i in range(len(source.script.injects))}
    pending = []
    for p in live.pending():
        inject = source.script.injects[by_number[p.number]]
        kind = cw("contingency" if p.contingency else "plain", lang)
        message = inject.message.in_lang(lang) if inject.message else ""
        message = message if len(message) <= MESSAGE_CHARS else message[: MESSAGE_CHARS - 1] + "…"
        pending.append((p.number, (f"#{p.number}", replay.loaded.offset(p.at), kind, _roles_text(live, p.to, lang),
                                   message)))  # fmt: skip
    contingencies = []
    for p in live.pending():
        if p.contingency and p.holds is not None:  # decided ones are listed below, with what was decided
            condition = source.script.injects[by_number[p.number]].when
            now = cw("fired" if p.holds is None else "holds" if p.holds else "not_holds", lang)
            text = condition_text(condition) if condition is not None else ""
            contingencies.append((f"#{p.number}", replay.loaded.offset(p.at), now, text))
    for d in live.decided():
        condition = source.script.injects[by_number[d.number]].when
        text = condition_text(condition) if condition is not None else ""
        state = cw("fired" if d.fired else "not_fired", lang)
        contingencies.append((f"#{d.number}", replay.loaded.offset(d.at), state, text))
    contingencies.sort(key=lambda row: (row[1], row[0]))
    last = live.control.last_by_role()
    played = live.roles or tuple(r.id for r in source.script.roles) or ("",)
    roles = []
    for role in played:
        name = replay.loaded.role_name(role, lang) if role else cw("everyone", lang)
        found = last.get(role) or last.get("")
        if found is None:
            roles.append((name, "-", "-", "-", "-"))
            continue
        said = "-" if found.declared is None else level_name(found.declared.level.value, lang)
        roles.append((name, f"#{found.number} {found.offset}", said, level_name(found.required.level.value, lang),
                      found.grade.value))  # fmt: skip
    ticks = ", ".join(t.step for t in live.control.drive.ticks) or cw("none", lang)
    demand = f"{cw('plan_demands', lang)}: {decision_text(replay.state_at(live.now()).decision, lang)}"
    return ControllerView(clock_line(live, real, lang), demand, tuple(pending), tuple(contingencies), tuple(roles),
                          f"{cw('ticks', lang)}: {ticks}")  # fmt: skip
