"""What the console's keys do (see ``bindings.py``); mixed into the main screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from firedrill.tui.words import w, word

if TYPE_CHECKING:
    from firedrill.playbook.schema import Playbook
    from firedrill.tui.screens.main import MainScreen


class ConsoleActions:
    """Key actions of the main screen. Each first records what is pending when it matters."""

    def _main(self) -> MainScreen:
        from firedrill.tui.screens.main import MainScreen

        assert isinstance(self, MainScreen)
        return self

    def _ready(self) -> bool:
        main = self._main()
        if main.active is None or main.engine is None:
            main.app.notify(w("loading", main.lang))
            return False
        return True

    def call_console_action(self, name: str) -> None:
        """Run an action by name (the command palette uses this)."""
        getattr(self, f"action_{name}")()

    def action_new_incident(self) -> None:
        if self._ready():
            self._main().start_incident(None)

    def action_pick_scenario(self) -> None:
        from firedrill.tui.screens.scenario import ScenarioScreen

        main = self._main()
        if self._ready() and main.engine is not None and main.active is not None:
            current = main.active.values.get("scenario")
            main.app.push_screen(ScenarioScreen(main.engine.library, main.lang, current), self._scenario_chosen)

    def _scenario_chosen(self, playbook_id: str | None) -> None:
        from firedrill.tui.screens.scenario import NONE

        if playbook_id is not None:
            self.choose_scenario(None if playbook_id == NONE else playbook_id)
        self._main().form.focus_field("scenario")

    def choose_scenario(self, playbook_id: str | None) -> None:
        main = self._main()
        session = main.active
        if session is None:
            return
        session.choose_scenario(playbook_id)
        main.form.fill(session.form_values(), main.scenario_name(session))
        main.flush_now()
        main.refresh_all()

    def playbooks(self) -> tuple[Playbook, ...]:
        engine = self._main().engine
        return engine.library.all() if engine is not None else ()

    def action_switch_incident(self) -> None:
        from firedrill.tui.screens.dialogs import IncidentsScreen

        main = self._main()
        if not self._ready() or main.engine is None:
            return
        main.flush_now()
        options: list[tuple[str, str]] = []
        for record in main.engine.journal.open_incidents():
            session = main.sessions.get(record.id)
            level = word("level", session.assessment.level.value, main.lang) if session and session.assessment else "—"
            place = (session.values.get("location") if session else None) or w("no_location", main.lang)
            loaded = "" if session else f" ({w('not_loaded', main.lang)})"
            options.append((record.id, f"{record.id}  {place}  {level}{loaded}"))
        active = main.active.id if main.active else None
        main.app.push_screen(IncidentsScreen(options, active, main.lang), self._incident_chosen)

    def _incident_chosen(self, incident_id: str | None) -> None:
        from firedrill.tui.screens.dialogs import NEW

        main = self._main()
        if incident_id == NEW:
            main.start_incident(None)
        elif incident_id is not None:
            self.action_switch_to(incident_id)

    def action_switch_to(self, incident_id: str) -> None:
        main = self._main()
        if incident_id in main.sessions:
            main.activate(main.sessions[incident_id])
        elif main.engine is not None:
            main.resume_incident(incident_id)

    def action_add_call(self) -> None:
        main = self._main()
        if self._ready() and main.active is not None:
            main.flush_now()
            session = main.active
            main.recorded(session, main.guarded(session.add_call) or [])

    def action_show_safety(self) -> None:
        main = self._main()
        main.show_panel("playbook")
        main.playbook_panel.show_safety()

    def action_show_calculators(self) -> None:
        main = self._main()
        main.show_panel("playbook")
        main.playbook_panel.show_calculators()

    def action_dispatch_order(self) -> None:
        from firedrill.tui.order import build_order, save_order
        from firedrill.tui.screens.dialogs import OrderScreen

        main = self._main()
        if not self._ready() or main.active is None or main.engine is None:
            return
        main.flush_now()
        session, lang = main.active, main.lang
        text = build_order(session, lang, main.console.clock())
        event = main.guarded(lambda: session.record_order(text, lang))
        if event is None:
            return
        path: Any = None
        try:
            path = save_order(main.engine.data_dir, session.id, event.seq, text).relative_to(main.engine.data_dir)
        except OSError as exc:
            main.app.notify(f"{w('order_not_saved', lang)}{exc.strerror}", severity="error", markup=False)
        main.refresh_timeline()
        main.app.push_screen(OrderScreen(text, path, lang))

    def action_toggle_language(self) -> None:
        main = self._main()
        main.console.lang = "en" if main.lang == "zh" else "zh"

    def action_escalate(self) -> None:
        self._main().form.focus_field("manual_escalation")

    def action_next_panel(self) -> None:
        from textual.widgets import TabbedContent

        from firedrill.tui.screens.display import PANELS

        main = self._main()
        tabs = main.query_one("#panels", TabbedContent)
        current = (tabs.active or "tab-assessment").removeprefix("tab-")
        main.show_panel(PANELS[(PANELS.index(current) + 1) % len(PANELS)])

    # --- the procedure checklist ----------------------------------------------------------------

    def _checklist_shown(self) -> bool:
        """True if the procedure tab is in front; otherwise bring it there (nothing is ticked unseen)."""
        from textual.widgets import TabbedContent

        main = self._main()
        if main.query_one("#panels", TabbedContent).active == "tab-procedure":
            return True
        main.show_panel("procedure")
        main.checklist_panel.steps.focus()
        return False

    def action_tick_step(self) -> None:
        """Mark the highlighted step done, by the actor the plan names."""
        from firedrill.tui.screens.step import DONE, StepRequest

        main = self._main()
        if self._ready() and self._checklist_shown():
            step_id = main.checklist_panel.highlighted_step
            if step_id is not None:
                self.apply_step(step_id, StepRequest(DONE, None, None))

    def action_step_note(self) -> None:
        """The highlighted step's dialog: done or skipped with a note, undo, or a note on a recorded step."""
        main = self._main()
        if self._ready() and self._checklist_shown():
            step_id = main.checklist_panel.highlighted_step
            if step_id is not None:
                self.open_step(step_id)

    def open_step(self, step_id: str) -> None:
        from firedrill.tui.checklist import checklist
        from firedrill.tui.screens.step import StepInfo, StepScreen
        from firedrill.tui.steps_text import step_row

        main = self._main()
        session, lang = main.active, main.lang
        state = checklist(session) if session is not None else None
        if state is None:
            return
        status = state.status(step_id)
        step, row = status.step, step_row(state, status, [], lang)
        actor = state.catalogue.actor(step).in_lang(lang)
        info = StepInfo(step_id, step.title.in_lang(lang), step.clause, step.quote, actor, row.detail,
                        status.tick is not None)  # fmt: skip
        main.app.push_screen(StepScreen(info, lang), lambda request: self.apply_step(step_id, request))

    def apply_step(self, step_id: str, request: Any) -> None:
        """Have the engine check and record the request; show a refusal (recorded nowhere) or the record."""
        from firedrill.journal import ProcedureState
        from firedrill.procedure import ProcedureRefused, Refusal
        from firedrill.tui.checklist import actor_name, checklist, note_step, record_step, refused
        from firedrill.tui.screens.step import NOTE, SKIP, UNDO
        from firedrill.tui.steps_text import refusal_text

        main = self._main()
        session, engine, lang = main.active, main.engine, main.lang
        if request is None or session is None or engine is None:
            return
        panel = main.checklist_panel
        if session.closed:
            panel.say(w("proc_closed", lang), error=True)
            return
        main.flush_now()
        step = engine.catalogue.step(step_id)
        assert step is not None
        by = request.by or actor_name(engine.catalogue, step)
        if request.action == NOTE:
            if not request.note:
                panel.say(w("step_note_empty", lang), error=True)
                return
            events: list[Any] = [main.guarded(lambda: note_step(session, step_id, request.note, by))]
        else:
            action = {SKIP: ProcedureState.SKIPPED, UNDO: ProcedureState.UNDONE}.get(request.action,
                                                                                      ProcedureState.DONE)  # fmt: skip

            def write() -> Any:
                try:
                    return record_step(session, step_id, action, by, request.note)
                except ProcedureRefused as exc:  # judged against the journal: the same rules, maybe newer facts
                    return exc.refusal

            problem = refused(session, step_id, action, request.note)
            result = None if problem else main.guarded(write)
            problem = result if isinstance(result, Refusal) else problem
            events = [] if problem else list(result or [])
            state = checklist(session)
            if problem is not None and state is not None:
                message = refusal_text(problem, state, lang)
                panel.say(message, error=True)
                main.app.notify(message, severity="error", markup=False)
                return
        events = [e for e in events if e is not None]
        if events:
            panel.say(f"{w('step_recorded', lang)}{step.title.in_lang(lang)}")
            main.recorded(session, events)
            if request.action != NOTE:
                panel.highlight_next(step_id)
