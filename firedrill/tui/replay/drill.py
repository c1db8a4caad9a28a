"""Drill mode: the script plays on the replay clock; at each inject with a prompt the clock halts
and the trainee declares the level, the triggers and the dispatch scale in a small form, ticks
the procedure steps done, and may open the playbook. The answer is marked by the engine
(``firedrill.replay.drill.mark``) with the time taken on the injected clock; each tick is stamped
on the drill clock with the seconds from the prompt to the tick (``procedure_rating.tick_time``).
At the end the engine rates the ticks, the after-action report is written and the drill is stored
through the engine's store; the screen then shows the ratings.

The screen never shows what the plan demands while the drill runs (no level banner, no
assessment, no level changes): the situation panel says what has been reported, as the terminal
drill does, and the checklist offers the steps of the level the trainee chose, not the plan's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Select, SelectionList, TabbedContent, TabPane

from firedrill.errors import InputError
from firedrill.models import Level, Trigger
from firedrill.procedure import ProcedureSettings
from firedrill.replay.demand import declared_grade, offered, recorded
from firedrill.replay.drill import DrillResult, Mark, Prompt, mark, procedure_settings, prompts, result_of, times_for
from firedrill.replay.engine import Replay
from firedrill.replay.procedure_rating import Tick, tick_time
from firedrill.replay.prompts import window_ends
from firedrill.replay.report import write_reports
from firedrill.replay.scoring import load_scoring
from firedrill.replay.timeline import Entry
from firedrill.tui.clock import Clock
from firedrill.tui.replay.answer import Refused, read_form
from firedrill.tui.replay.base import PlayerScreen
from firedrill.tui.replay.form import DrillForm
from firedrill.tui.replay.lines import Notice, situation_lines
from firedrill.tui.replay.summary import grade_text, result_lines
from firedrill.tui.replay.words import rw
from firedrill.tui.widgets.panel import TextPanel
from firedrill.tui.widgets.playbook import PlaybookPanel
from firedrill.tui.words import w

Save = Callable[[DrillResult], int]
PANES = ("situation", "playbook", "result")


class DrillScreen(PlayerScreen):
    """``DrillScreen(replay, trainee, lang, clock, out_dir=..., save=...)``; dismissed with the result."""

    mode = "drill"

    def __init__(self, replay: Replay, trainee: str, lang: str, clock: Clock, *, out_dir: Path,
                 save: Save | None = None, settings: ProcedureSettings | None = None,
                 roles: Sequence[str] = ()) -> None:  # fmt: skip
        self.roles = tuple(roles)  # the roles the trainee plays (none: all); the script plays the rest
        self.asked = prompts(replay, self.roles)
        self.ends = dict(zip((p.number for p in self.asked), window_ends(replay, list(self.asked)), strict=True))
        self.settings = procedure_settings(replay, settings)
        self.ticks: list[Tick] = []  # every prompt's ticks, on the drill clock
        self.checked: dict[str, datetime] = {}  # the open prompt's ticks: step → injected clock when ticked
        super().__init__(replay, lang, clock, halts=tuple(p.at for p in self.asked))
        self.trainee = trainee
        self.out_dir = out_dir
        self.save = save
        self.scoring = load_scoring()
        self.times = times_for(replay, self.scoring)
        self.waiting: list[Prompt] = []
        self.current: Prompt | None = None
        self.asked_at: datetime | None = None
        self.opened = False
        self.marks: dict[int, Mark] = {}
        self.outcome: DrillResult | None = None
        self.reports: tuple[Path, ...] = ()
        self.run_id: int | None = None
        self._shown_at: datetime | None = None

    def compose_left(self) -> ComposeResult:
        yield DrillForm(self.lang, id="drill-form")

    def compose_right(self) -> ComposeResult:
        with TabbedContent(id="replay-tabs"):
            for pane, label in self.panes():
                with TabPane(label, id=f"tab-{pane}"):
                    if pane == "playbook":
                        yield PlaybookPanel(self.lang, id="drill-playbook")
                    else:
                        yield TextPanel(id=f"drill-{pane}")

    def panes(self) -> list[tuple[str, str]]:
        return [(pane, w("tab_playbook", self.lang) if pane == "playbook" else rw(f"tab_{pane}", self.lang))
                for pane in PANES]  # fmt: skip

    def prepare(self) -> None:
        self.query_one(PlaybookPanel).show(self.replay.loaded.playbook, self.lang)

    @property
    def form(self) -> DrillForm:
        return self.query_one(DrillForm)

    # --- the replay reaches a prompt ------------------------------------------------------------

    def entries_crossed(self, entries: list[Entry]) -> None:
        halted = self.player.halted
        if halted is not None and self.current is None and not self.waiting:
            self.waiting = [p for p in self.asked if p.at == halted and p.number not in self.marks]
            self._ask_next()
        if self.player.at_end and self.current is None and self.outcome is None:
            self.finish_drill()

    def _ask_next(self) -> None:
        if self.waiting:
            prompt = self.current = self.waiting.pop(0)
            self.asked_at = self.clock()
            self.opened = False
            self.checked = {}
            lang = self.lang
            self.form.ask(f"{rw('prompt', lang)} #{prompt.number} {prompt.offset}: {prompt.prompt.in_lang(lang)}")
            return
        self.current = None
        self.form.display = False
        self.query_one("#replay-messages").focus()
        self.player.release()

    def action_submit(self) -> None:
        prompt = self.current
        if prompt is None or self.asked_at is None:
            return
        try:
            declared = read_form(self.form.values(), self.opened)
        except Refused as refused:
            self.form.show_error(refused.key)
            return
        seconds = round((self.clock() - self.asked_at).total_seconds(), 1)
        self.marks[prompt.number] = mark(prompt, declared, seconds, self.times, self.scoring)
        self.ticks += self._prompt_ticks(prompt, self.asked_at)
        self.announce(Notice(rw("answered", self.lang).format(number=prompt.number, seconds=f"{seconds:g}"),
                             "information"))  # fmt: skip
        self._ask_next()
        self.crossed([])

    @on(DrillForm.Submitted)
    def _form_submitted(self) -> None:
        self.action_submit()

    # --- the procedure checklist ----------------------------------------------------------------

    def _prompt_ticks(self, prompt: Prompt, asked_at: datetime) -> list[Tick]:
        """The steps ticked in the form, in the order ticked, on the drill clock."""
        now = self.clock()
        steps = sorted((self.checked.get(step, now), step) for step in self.form.ticked())
        end = self.ends[prompt.number]
        return [Tick(step=step, at=tick_time(prompt.at, (at - asked_at).total_seconds(), end), prompt=prompt.number)
                for at, step in steps]  # fmt: skip

    @on(Select.Changed, "#drill-level")
    @on(Checkbox.Changed, ".drill-trigger")
    def _offer_steps(self) -> None:
        """The checklist follows the level (and, for 4.3, the triggers) the trainee chose."""
        prompt = self.current
        values = self.form.values()
        if prompt is None or values.level is None:
            self.form.offer([])
            return
        grade = declared_grade(Level(values.level), tuple(Trigger(t) for t in values.triggers))
        done = recorded(self.replay.procedure_events, prompt.at) | {t.step for t in self.ticks}
        lang = self.lang
        self.form.offer([(s.id, f"[{s.clause}] {s.title.in_lang(lang)}") for s in offered(grade, done)])

    @on(SelectionList.SelectedChanged, "#drill-steps")
    def _steps_ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Note when each step was ticked, on the injected clock; an untick forgets it."""
        selected = set(event.selection_list.selected)
        now = self.clock()
        self.checked = {step: self.checked.get(step, now) for step in selected}

    def action_open_playbook(self) -> None:
        self.show_pane("playbook")

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-playbook" and self.current is not None:
            self.opened = True  # recorded, never penalised (docs/scenarios.md)

    # --- the end --------------------------------------------------------------------------------

    def action_finish(self) -> None:
        """End the drill now: prompts not answered are marked as such."""
        self.finish_drill()

    def finish_drill(self) -> None:
        if self.outcome is not None:
            return
        self.player.pause()
        marks = [self.marks.get(p.number) or mark(p, None, None, self.times, self.scoring) for p in self.asked]
        result = self.outcome = result_of(self.replay, marks, self.trainee, self.scoring, ticks=self.ticks,
                                          settings=self.settings, roles=self.roles)  # fmt: skip
        self.current, self.waiting = None, []
        self.form.display = False
        try:
            self.reports = write_reports(result, self.out_dir, self.lang)
        except InputError as exc:
            self.app.notify(exc.one_line(), severity="error", markup=False)
        self._store(result)
        lines = result_lines(result, self.scoring, self.lang, self.reports, self.run_id)
        self.query_one("#drill-result", TextPanel).set_lines(lines)
        self.show_pane("result")
        text = rw("drill_done", self.lang).format(grade=grade_text(result, self.scoring, self.lang),
                                                  score=f"{result.score:g}")  # fmt: skip
        self.announce(Notice(text, "warning"))
        self.show_status()

    def action_close(self) -> None:
        """Closed before the end: what was answered is still written and stored, the prompts not
        reached are listed as such and not rated."""
        if self.outcome is None and self.marks:
            answered = [self.marks[p.number] for p in self.asked if p.number in self.marks]
            result = self.outcome = result_of(self.replay, answered, self.trainee, self.scoring, ticks=self.ticks,
                                              settings=self.settings, roles=self.roles)  # fmt: skip
            try:
                self.reports = write_reports(result, self.out_dir, self.lang)
            except InputError as exc:
                self.app.notify(exc.one_line(), severity="error", markup=False)
            self._store(result)
        super().action_close()

    def _store(self, result: DrillResult) -> None:
        import sqlite3

        from firedrill.journal import JournalWriteError

        if self.save is None:
            return
        try:
            self.run_id = self.save(result)
        except (InputError, JournalWriteError, sqlite3.Error) as exc:
            self.app.notify(f"{rw('not_stored', self.lang)}: {exc}", severity="error", markup=False)

    def result(self) -> DrillResult | None:
        return self.outcome

    # --- what is shown --------------------------------------------------------------------------

    def status_word(self) -> str:
        if self.current is not None:
            return rw("deciding", self.lang)
        if self.outcome is not None:
            return rw("ended", self.lang)
        return super().status_word()

    def status_text(self) -> str:
        mode = rw("mode_drill", self.lang)
        return super().status_text().replace(mode, f"{mode} · {rw('trainee', self.lang)} {self.trainee}", 1)

    def show_state(self) -> None:
        now = self.player.now
        if now == self._shown_at:
            return
        self._shown_at = now
        state = self.replay.state_at(now)
        lines = situation_lines(self.replay, state.incident, now, state.calls, self.lang)
        self.query_one("#drill-situation", TextPanel).set_lines([*lines, "", rw("situation_hidden", self.lang)])
