"""The console: intake on the left, the level banner and the panels on the right, keys below.

The screen owns the incidents (sessions) and decides when to record; widgets only show what they
are given and post what the dispatcher did. Actions bound to keys live in ``screens/actions.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from firedrill.errors import InputError
from firedrill.incident.entry import default_raw
from firedrill.tui.bindings import console_bindings
from firedrill.tui.screens.actions import ConsoleActions
from firedrill.tui.screens.checklist_actions import ChecklistActions
from firedrill.tui.screens.dispatch_actions import DispatchActions
from firedrill.tui.screens.display import ConsoleDisplay
from firedrill.tui.screens.scenario_actions import ScenarioActions
from firedrill.tui.settings import CHANGE_TITLES_SHOWN, DEBOUNCE_SECONDS, LEVEL_NOTICE_SECONDS, TICK_SECONDS, WIDE
from firedrill.tui.widgets.banner import LevelBanner
from firedrill.tui.widgets.checklist import ChecklistPanel
from firedrill.tui.widgets.intake import IntakeForm
from firedrill.tui.widgets.keybar import KeyBar
from firedrill.tui.words import w, word


def console_commands() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens."""
    from firedrill.tui.screens.commands import ConsoleCommands

    return ConsoleCommands


if TYPE_CHECKING:
    from textual.widgets import TabbedContent

    from firedrill.journal import Event
    from firedrill.models import Assessment
    from firedrill.stations.ranking import PreparedNetwork
    from firedrill.tui.app import FiredrillApp
    from firedrill.tui.engine import Engine, Grader
    from firedrill.tui.session import Session
    from firedrill.tui.widgets.panel import TextPanel
    from firedrill.tui.widgets.panels import Panels
    from firedrill.tui.widgets.playbook import PlaybookPanel


class MainScreen(ConsoleActions, ChecklistActions, DispatchActions, ScenarioActions, ConsoleDisplay, Screen[None]):
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {console_commands}
    BINDINGS: ClassVar[list[BindingType]] = list(console_bindings("zh"))
    AUTO_FOCUS = "#in-location"

    def __init__(self, lang: str, width: int = 0) -> None:
        # The width class is set before the children are styled: Textual would add it on the first
        # resize and restyle every widget a second time.
        super().__init__(classes=f"{'-wide' if width >= WIDE else '-narrow'} -{lang}")
        self.lang = lang
        self.grader: Grader | None = None
        self.preview: Assessment | None = None  # the level of the form before its incident is opened
        self.engine: Engine | None = None
        self.sessions: dict[str, Session] = {}
        self.active: Session | None = None
        self._flush_timer: Timer | None = None
        self.shown_playbook: tuple[str | None, str] = ("", "")
        self.dirty_panels: set[str] = set()
        self.built = False
        self._first_rows: tuple[str, ...] = ()  # the fields of the first screen
        self.network: PreparedNetwork | None = None  # the stations planner's network, loaded when first needed
        self.network_ready = asyncio.Event()
        self.network_loading = False
        self.cursors: dict[str, str | None] = {}  # each incident's checklist cursor, kept while another is shown
        self.cursor_for: tuple[str, str | None] | None = None  # where to put the cursor at the next checklist
        self._graded: dict[str, Any] = {}
        self._panels_wanted = False
        self.form = IntakeForm(lang, id="intake")
        self.banner = LevelBanner("", id="banner")
        self.right = Vertical(id="right")
        self.incident_bar = Static("", id="incident-bar")
        self.keybar = KeyBar(lang, id="keys")
        self._panels: Panels | None = None

    def now(self) -> datetime:
        """Now on the active incident's clock (an exercise's scenario time), else on the console's."""
        return self.active.clock() if self.active is not None else self.console.clock()

    @property
    def console(self) -> FiredrillApp:
        # The main screen only runs in the console's app (which imports this module, not the reverse).
        return cast("FiredrillApp", self.app)

    def compose(self) -> ComposeResult:
        # The first screen: the banner and the first rows of the form. The rest of the form is mounted
        # as soon as it is drawn, while the rule tables load (``_first_drawn``); the panels once the
        # first level is shown (``_build_panels``), so the dispatcher can start typing at once.
        yield self.incident_bar
        with Horizontal(id="body"):
            yield self.form
            with self.right:
                yield self.banner
        yield self.keybar

    def on_mount(self) -> None:
        self.console.steady_cursor(self)
        self.form.fill(default_raw(self.console.clock()), None)
        self.banner.show(None, self.lang, stale_fields=[], reported_at=None, now=self.console.clock(), loading=True)
        self.call_after_refresh(self._first_drawn)

    async def _first_drawn(self) -> None:
        if not self.is_attached:
            return  # the app closed before its first frame
        typed = self.form.raw_values()  # the first rows, maybe typed into already
        self._first_rows = tuple(typed)
        # The rule tables load in a thread while the first rows take typing; the later rows are mounted
        # once the level is painted (mounting them beside the grader's imports would slow both, one
        # interpreter), and a bound key pressed meanwhile waits for them (KeyGate).
        self.console.load_grader(typed)

    async def _build_rest(self) -> None:
        if not self.is_attached:
            return
        await self.form.build_rest()
        # The new rows empty (the report time now); the first rows as they are now (typed into meanwhile).
        now = self.form.raw_values()
        self.form.fill(default_raw(self.console.clock()) | {field: now[field] for field in self._first_rows}, None)
        self.console.steady_cursor(self.form)
        self._show_first_level()

    def grader_ready(self, grader: Grader, first: Assessment | None, graded: dict[str, Any]) -> None:
        """The rule tables are loaded, and ``first`` is the level of ``graded`` (what the form held)."""
        self.grader = grader
        self.preview = first
        self._graded = graded
        if not self.form.built and self.active is None:
            # The level at once, before the later rows are mounted: they hold nothing yet (the opening's
            # defaults), so what the first rows hold decides it.
            held = self.form.raw_values()
            if {field: held.get(field) for field in graded} != graded:
                self.refresh_preview()  # typed into since it was graded
            elif first is not None:
                self.show_preview()
        self.call_after_refresh(self._build_rest)  # once the level is painted

    def _show_first_level(self) -> None:
        """Once the whole form is there and the rules are loaded: the level of what the form holds, then the panels."""
        if not self.form.built or self.grader is None or self._panels_wanted:
            return
        self._panels_wanted = True
        held = self.form.raw_values()
        if self.active is None and {field: held.get(field) for field in self._graded} != self._graded:
            self.refresh_preview()  # typed into since it was graded
        elif self.active is None and self.preview is not None:
            self.show_preview()
        self.call_after_refresh(self._build_panels)  # once the banner is painted

    async def _build_panels(self) -> None:
        if not self.is_attached:
            return
        try:
            from firedrill.tui.widgets.panels import Panels

            self._panels = Panels(self.lang)
            await self.right.mount(self._panels)
        finally:
            self.console.resume_gc()
        self.console.steady_cursor(self)
        self.built = True
        self.console.load_engine()  # in a thread, now that the screen no longer competes with it

    # --- parts ----------------------------------------------------------------------------------

    @property
    def panels(self) -> Panels:
        """The tabs on the right (there once the screen is built)."""
        assert self._panels is not None
        return self._panels

    @property
    def playbook_panel(self) -> PlaybookPanel:
        return self.panels.playbook

    @property
    def checklist_panel(self) -> ChecklistPanel:
        return self.panels.checklist

    def panel(self, name: str) -> TextPanel:
        return self.panels.text[name]

    # --- the engine arrives ---------------------------------------------------------------------

    def engine_ready(self, engine: Engine) -> None:
        """The engine is loaded (after the whole screen is built): resume the open incidents, or start one
        with what was typed."""
        from firedrill.tui.screens.dialogs import ResumeScreen

        self.engine = engine
        self.set_interval(TICK_SECONDS, self.tick)  # the clock's re-assessments (nothing to assess before)
        open_incidents = engine.journal.open_incidents()
        self.console.engine_ready.set()
        if not open_incidents:
            # The dispatcher may be typing already (the level was shown before): the cursor stays where it is.
            self.start_incident(self.form.raw_values(), focus=False)
            return
        lines = []
        desk = engine.desk(self.console.clock)
        other_seat = False
        for record in open_incidents:
            state = desk.load(record.id)
            level = word("level", state.recorded.level.value, self.lang) if state.recorded else "—"
            place = state.facts.get("location") or w("no_location", self.lang)
            elsewhere = bool(state.seat and state.seat != engine.seat)
            other_seat = other_seat or elsewhere
            seat = f"  {w('open_at_seat', self.lang).format(seat=state.seat)}" if elsewhere else ""
            lines.append(f"{record.id}  {place}  {level}  ({record.opened_at:%Y-%m-%d %H:%M}){seat}")
        self.app.push_screen(ResumeScreen(lines, self.lang, other_seat), self._resume_chosen)

    def _resume_chosen(self, choice: str | None) -> None:
        from firedrill.tui.screens.dialogs import FOLLOW, RESUME

        if choice not in (RESUME, FOLLOW) or self.engine is None:
            self.start_incident(None)
            return
        for record in self.engine.journal.open_incidents():
            self.resume_incident(record.id, follow=choice == FOLLOW)

    def start_incident(self, raw: dict[str, Any] | None, focus: bool = True) -> None:
        """A new incident with ``raw`` typed; with ``focus``, the cursor goes to its place field."""
        from firedrill.tui.session import Session

        assert self.engine is not None
        self.flush_now()
        session = self.guarded(lambda: Session.start(self.engine, self.console.clock, raw))  # type: ignore[arg-type]
        if session is not None:
            self.sessions[session.id] = session
            self.activate(session)
            if focus:
                self.form.focus_field("location")  # wherever the focus was: the next keys are the place

    def take_over(self) -> None:
        """This seat takes over the incident it was following (recorded), and may write to it."""
        session = self.active
        if session is not None and self.guarded(session.take_over):
            self.refresh_all()
            self.refresh_timeline()

    def ask_exercise_start(self) -> None:
        """The exercise clock: new incidents run on scenario time from a start the dispatcher gives."""
        from firedrill.tui.screens.exercise import ExerciseScreen

        def chosen(start: datetime | None) -> None:
            if start is None or self.engine is None:
                return
            self.console.set_exercise_start(start)
            self.start_incident(None)

        self.app.push_screen(ExerciseScreen(self.lang, self.console.real_clock), chosen)

    def resume_incident(self, incident_id: str, follow: bool = False) -> None:
        """Take up an open incident; with ``follow``, one last taken up at another seat is only followed."""
        from firedrill.tui.session import Session

        assert self.engine is not None
        record = self.engine.journal.incident(incident_id)
        real = self.console.real_clock
        session = self.guarded(lambda: Session.resume(self.engine, record, real, follow))  # type: ignore[arg-type]
        if session is not None:
            self.sessions[session.id] = session
            self.activate(session)

    def activate(self, session: Session) -> None:
        self.flush_now()
        if self.built and self.active is not None and self.active is not session and self.cursor_for is None:
            self.cursors[self.active.id] = self.checklist_panel.highlighted_step
        if self.active is not session:
            self.cursor_for = (session.id, self.cursors.get(session.id))  # its own cursor, or the first due
            self.dirty_panels.add("procedure")
        self.active = session
        self.form.fill(session.form_values(), self.scenario_name(session))
        self.refresh_all()

    # --- the dispatcher types -------------------------------------------------------------------

    @on(IntakeForm.Edited)
    def _edited(self, event: IntakeForm.Edited) -> None:
        session = self.active
        if self.form.raw_values().get(event.field, event.raw) != event.raw:
            return  # overtaken: the field holds newer text (or another incident's), taken as it is now
        if event.field == "scene" and event.raw:
            self.want_network()  # a place is coming: have the stations ready by the time it is
        if session is None:
            self.refresh_preview()
            return
        if not session.edit(event.field, event.raw):
            return
        self.refresh_live()
        if self._flush_timer is None:
            self._flush_timer = self.set_timer(DEBOUNCE_SECONDS, self.flush_now)
        else:
            self._flush_timer.reset()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.control.id == "panels":
            self.render_panel((event.pane.id or "").removeprefix("tab-"))

    @on(IntakeForm.Left)
    def _left(self) -> None:
        self.flush_now()

    @on(IntakeForm.ScenarioWanted)
    def _scenario_wanted(self) -> None:
        self.action_pick_scenario()

    @on(IntakeForm.CallWanted)
    def _call_wanted(self) -> None:
        self.action_add_call()

    @on(ChecklistPanel.StepChosen)
    def _step_chosen(self, event: ChecklistPanel.StepChosen) -> None:
        self.open_step(event.step_id)

    def take_form(self) -> None:
        """Take what the form's controls hold now, also keys whose change messages have not arrived yet."""
        session = self.active
        if session is None or not self.built:
            return
        changed = False
        for field, raw in self.form.raw_values().items():
            before = session.raw.get(field)
            if raw != before and not (raw == "" and before is None):
                changed = session.edit(field, raw) or changed
        if changed:
            self.refresh_live()

    def flush_now(self) -> None:
        """Record what is pending; the form shows fields as recorded only after this returns."""
        if self._flush_timer is not None:
            self._flush_timer.stop()
            self._flush_timer = None
        session = self.active
        if session is None or not session.pending:
            return
        version = session.state.version
        events = self.guarded(session.flush)
        if session.state.version != version and not events:
            self.took_other_seat(session)  # refused on a stale state: reloaded, the form shows what changed
            return
        self.recorded(session, events or [])

    def took_other_seat(self, session: Session) -> None:
        """Another seat wrote to this incident: show its record and name the fields it changed."""
        if session is not self.active:
            return
        self.form.fill(session.form_values(), self.scenario_name(session))
        self.refresh_all()
        if session.reloaded:
            names = ", ".join(w(f"field_{f}", self.lang) for f in session.reloaded)
            key = "other_seat_withdrew" if session.withdrawn else "other_seat_changed"
            self.console.announce(f"{session.id[-4:]} {w(key, self.lang)}{names}",
                                  severity="warning", timeout=LEVEL_NOTICE_SECONDS)  # fmt: skip

    def guarded(self, write: Callable[[], Any]) -> Any:
        """Run a journal write; on failure say so (nothing is shown as recorded) and go on."""
        import sqlite3

        from firedrill.journal import JournalWriteError

        try:
            return write()
        except (JournalWriteError, InputError, sqlite3.Error) as exc:
            self.app.notify(f"{w('not_recorded', self.lang)}{exc}", severity="error", markup=False)
            return None

    def recorded(self, session: Session, events: list[Event]) -> None:
        """Announce level changes and alerts just recorded, and show the new record."""
        from firedrill.journal import EventKind
        from firedrill.models import Level
        from firedrill.tui.checklist import level_changes
        from firedrill.tui.steps_text import change_text
        from firedrill.tui.timeline import describe

        assert self.engine is not None
        changes = level_changes(session.state.levels, self.engine.catalogue)
        said: list[str] = []
        warning = False
        for event in events:
            text = f"{session.id[-4:]} {describe(event, self.lang, None, self.engine.catalogue)}"
            if event.seq in changes:
                text += f" · {change_text(changes[event.seq], self.lang, CHANGE_TITLES_SHOWN)}"
            previous = event.payload.get("previous_level")
            if event.kind is EventKind.ASSESSMENT and previous is not None and previous != event.payload["level"]:
                said.append(text)
                warning = warning or Level(event.payload["level"]).rank > Level(previous).rank
            elif event.kind in (EventKind.ALERT, EventKind.STATUS):
                said.append(text)
                warning = True
        if said:  # one notice for what one write recorded (a level change and its night alert together)
            self.console.announce("\n".join(said), severity="warning" if warning else "information",
                                  timeout=LEVEL_NOTICE_SECONDS)  # fmt: skip
        if session is self.active:
            self.refresh_live()
            self.refresh_timeline()

    def tick(self) -> None:
        """Re-assess every open incident with the clock: night trigger, time alerts, elapsed time."""
        for session in list(self.sessions.values()):
            version = session.state.version
            events = self.guarded(session.tick) or []
            if events:
                self.recorded(session, events)
            elif session.state.version != version:
                self.took_other_seat(session)
        if self.active is not None:
            self.refresh_live()
