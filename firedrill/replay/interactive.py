"""The interactive drill in a terminal: show each inject, ask the trainee to decide, time the answer.

At each prompt: the level, the triggers, the dispatch scale, then the procedure steps ticked (step
ids, comma separated; ``?`` lists the steps due at the level just declared). The plan's demand is
not shown during the drill; the after-action report gives it. Ctrl-C stops cleanly and keeps what
was answered. ``ask``, ``say`` and ``clock`` are passed in (``input``, ``print``, ``time.monotonic``
from the CLI) so that a test can drive a whole drill.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from pydantic import ValidationError

from firedrill.models import Level, Trigger
from firedrill.playbook.render import render_playbook
from firedrill.playbook.schema import SectionKind
from firedrill.procedure import ProcedureSettings, load_catalogue
from firedrill.replay.answers import Answer, AnswerFile, Declaration, DispatchDeclared, answer_ticks
from firedrill.replay.demand import declared_grade, demanded, merged, tick_event
from firedrill.replay.drill import DrillResult, Mark, Prompt, mark, procedure_settings, prompts, result_of, times_for
from firedrill.replay.drive import Drive
from firedrill.replay.engine import Replay
from firedrill.replay.problems import Collector
from firedrill.replay.procedure_rating import Tick, tick_time
from firedrill.replay.render import entry_lines
from firedrill.replay.scoring import Times, load_scoring
from firedrill.replay.timeline import Entry, EntryKind
from firedrill.replay.words import level_name, trigger_name, w

PLAYBOOK_KEY = "?"
Ask = Callable[[str], str]
Say = Callable[[str], None]


class Retry(ValueError):
    """An answer that cannot be read; the question is asked again."""


def _numbered(names: list[str]) -> str:
    return "  ".join(f"{i}={n}" for i, n in enumerate(names, start=1))


def read_level(text: str, lang: str) -> Level:
    raw = text.strip()
    for i, level in enumerate(Level, start=1):
        if raw in (str(i), level.value, level_name(level.value, lang), level_name(level.value, "zh")):
            return level
    raise Retry(raw)


def read_triggers(text: str) -> tuple[Trigger, ...]:
    found = []
    for part in text.replace("，", ",").replace(" ", ",").split(","):
        raw = part.strip()
        if not raw:
            continue
        match = next((t for i, t in enumerate(Trigger, start=1) if raw in (str(i), t.value)), None)
        if match is None:
            raise Retry(raw)
        found.append(match)
    return tuple(dict.fromkeys(found))


def read_dispatch(text: str) -> DispatchDeclared | None:
    parts = text.replace("/", " ").split()
    if not parts:
        return None
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise Retry(text)
    stations, formations, engines = (int(p) for p in parts)
    return DispatchDeclared(stations=stations, formations=formations, engines=engines)


def read_steps(text: str) -> tuple[str, ...]:
    """Step ids, separated by commas (also full-width) or spaces; an unknown id is asked again."""
    catalogue = load_catalogue()
    found = [part.strip() for part in text.replace("，", ",").replace(" ", ",").split(",") if part.strip()]
    unknown = [step for step in found if catalogue.step(step) is None]
    if unknown:
        raise Retry(unknown[0])
    return tuple(dict.fromkeys(found))


def show_entry(entry: Entry, lang: str, say: Say) -> None:
    """What the dispatcher would see: injects and alerts, never the plan's decision or the expected
    action. An entry that is only a change of the plan's demand is not shown at all."""
    if entry.kinds == (EntryKind.CHANGE,):
        return
    say("\n".join(entry_lines(entry, lang, answers=False)))


class Session:
    def __init__(self, replay: Replay, ask: Ask, say: Say, lang: str, settings: ProcedureSettings) -> None:
        self.replay, self.ask, self.say, self.lang = replay, ask, say, lang
        self.settings = settings
        self.opened = False
        self.ticks: list[Tick] = []
        self.stopped_mark: Mark | None = None  # a prompt declared but stopped at its ticks

    def question(self, text: str, read: Callable[[str], object], helper: Callable[[], None] | None = None) -> object:
        while True:
            answer = self.ask(text)
            if answer.strip() == PLAYBOOK_KEY and helper is not None:
                helper()
            elif answer.strip() == PLAYBOOK_KEY:
                playbook = self.replay.loaded.playbook
                self.say("\n".join(render_playbook(playbook, tuple(SectionKind), self.lang)))
                self.opened = True
                continue
            try:
                return read(answer)
            except (Retry, ValidationError):
                self.say(f"? {answer.strip()}")

    def declare(self, prompt: Prompt) -> Declaration:
        lang = self.lang
        self.opened = False
        self.say(f"{w('word', 'prompt', lang)}: {prompt.prompt.in_lang(lang)}  ({PLAYBOOK_KEY} = "
                 f"{w('word', 'playbook', lang)})")  # fmt: skip
        levels = _numbered([level_name(v.value, lang) for v in Level])
        level = self.question(f"{w('word', 'level', lang)} [{levels}]: ", lambda s: read_level(s, lang))
        names = _numbered([trigger_name(t.value, lang) for t in Trigger])
        triggers = self.question(f"{w('word', 'triggers', lang)} [{names}]: ", read_triggers)
        dispatch = self.question(f"{w('word', 'scale', lang)} [N N N]: ", read_dispatch)
        return Declaration.model_validate(
            {"level": level, "triggers": triggers, "dispatch": dispatch, "opened_playbook": self.opened}
        )

    def due_list(self, prompt: Prompt, declared: Declaration) -> None:
        """The steps due at the declared level, given the script's marks and the ticks made so far."""
        mine = [tick_event(t.step, t.at, t.by) for t in self.ticks]
        background = merged(self.replay.procedure_events, mine)
        grade = declared_grade(declared.level, declared.triggers)
        due = demanded(self.replay, grade, prompt.at, background, self.settings)
        for step in filter(None, map(load_catalogue().step, due)):
            self.say(f"  {step.id}  [{step.clause}] {step.title.in_lang(self.lang)}")
        if not due:
            self.say(f"  ({w('word', 'none', self.lang)})")

    def tick_steps(self, prompt: Prompt, declared: Declaration) -> tuple[str, ...]:
        text = f"{w('word', 'procedure', self.lang)} [{w('word', 'ticks_help', self.lang)}]: "
        steps = self.question(text, read_steps, lambda: self.due_list(prompt, declared))
        assert isinstance(steps, tuple)  # read_steps returns the ids
        return steps


def _resumed(replay: Replay, answers: AnswerFile | None) -> tuple[dict[int, Answer], list[Tick]]:
    """The answers of an earlier, stopped attempt, and their ticks on the drill clock."""
    if answers is None:
        return {}, []
    check = Collector("--resume", {})
    ticks = answer_ticks(replay, prompts(replay, answers.roles), answers, check)
    check.raise_if_any()
    return {a.inject: a for a in answers.answers}, ticks


def run_interactive(
    replay: Replay, trainee: str, ask: Ask, say: Say, clock: Callable[[], float], lang: str = "zh",
    settings: ProcedureSettings | None = None, *, resume: AnswerFile | None = None,
    recorded_at: datetime | None = None, roles: Sequence[str] = (),
) -> DrillResult:  # fmt: skip
    """Play the script entry by entry; at each prompt ask for a declaration and the ticks, and time them.

    Ctrl-C or the end of input at a question stops the drill cleanly: the result holds the prompts
    answered so far and lists the rest as not reached. Prompts answered in ``resume`` (an earlier
    attempt's answers) are marked from it and not asked again."""
    scoring = load_scoring()
    times = times_for(replay, scoring)
    targets = procedure_settings(replay, settings)
    session = Session(replay, ask, say, lang, targets)
    given, session.ticks = _resumed(replay, resume)
    acks: dict[int, float] = {a.inject: a.seconds for a in resume.acks} if resume else {}
    drive = Drive(replay, roles)
    drive.ticks = session.ticks
    marks: list[Mark] = []
    try:
        while (entry := drive.advance()) is not None:
            session.replay = drive.current
            show_entry(entry, lang, say)
            for number, mine in drive.deliveries_at(entry.at):
                if number not in acks:
                    started = clock()
                    names = "、".join(drive.current.loaded.role_name(r, lang) for r in mine)
                    ask(f"#{number} → {names}: {w('word', 'ack', lang)} ")
                    acks[number] = round(clock() - started, 1)
            for prompt in drive.prompts_at(entry.at):
                marks.append(answer_prompt(prompt, given.get(prompt.number), session, drive, clock, times))
    except (KeyboardInterrupt, EOFError):
        say("")  # the prompt's line is left open by input()
        if session.stopped_mark is not None:
            marks.append(session.stopped_mark)
    return result_of(drive.current, marks, trainee, scoring, ticks=session.ticks, settings=targets,
                     recorded_at=recorded_at, roles=roles, acks=acks)  # fmt: skip


def answer_prompt(prompt: Prompt, earlier: Answer | None, session: Session, drive: Drive, clock: Callable[[], float],
            times: Times) -> Mark:  # fmt: skip
    """One prompt marked: from an earlier attempt's answer, else asked and timed, with its ticks."""
    scoring = load_scoring()
    if earlier is not None:
        declared = Declaration.model_validate(earlier.model_dump(include=set(Declaration.model_fields)))
        drive.declared[prompt.number] = declared.level.rank
        return mark(prompt, declared, earlier.seconds, times, scoring)
    started = clock()
    declared = session.declare(prompt)
    drive.declared[prompt.number] = declared.level.rank
    marked = mark(prompt, declared, round(clock() - started, 1), times, scoring)
    try:
        steps = session.tick_steps(prompt, declared)
    except (KeyboardInterrupt, EOFError):
        session.stopped_mark = marked  # the declaration was given: kept
        raise
    at = tick_time(prompt.at, round(clock() - started, 1), drive.window_end(prompt))
    session.ticks += [Tick(step=step, at=at, prompt=prompt.number) for step in steps]
    return marked
