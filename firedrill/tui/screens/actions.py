"""What the console's keys do (see ``bindings.py``); mixed into the main screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from firedrill.tui.words import w, word

if TYPE_CHECKING:
    from firedrill.playbook.schema import Playbook
    from firedrill.tui.screens.main import MainScreen


class MainPart:
    """What the main screen's mixins share: the screen itself, typed, and whether it can act yet."""

    def _main(self) -> MainScreen:
        # Mixed into the main screen only (which imports this module, not the reverse).
        return cast("MainScreen", self)

    def _ready(self) -> bool:
        main = self._main()
        if main.active is None or main.engine is None:
            main.app.notify(w("loading", main.lang))
            return False
        return True


class ConsoleActions(MainPart):
    """Key actions of the main screen. Each first records what is pending when it matters."""

    async def action_keyed(self, action: str) -> None:
        """A console key: run ``action`` now, or, when a form control has the focus, after the keys it holds.

        The console's keys are priority keys, acted on by the app as they arrive, while the keys
        typed just before may still wait in the focused field; the field runs the action in turn."""
        from firedrill.tui.widgets.field_input import OrderedKeys, Queued

        main = self._main()
        if isinstance(main.focused, OrderedKeys):
            main.focused.post_message(Queued(f"keyed_now({action!r})"))
        else:
            await self.action_keyed_now(action)

    async def action_keyed_now(self, action: str) -> None:
        """Take what the form holds (keys whose change messages are still on their way too), then act."""
        main = self._main()
        main.take_form()
        await main.run_action(action)

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
        from firedrill.incident.board import read_board
        from firedrill.tui.glance import OpenIncident, incident_line, units_by_status

        main.flush_now()
        options: list[tuple[str, str]] = []
        desk, now, lang = main.engine.desk(main.console.clock), main.now(), main.lang
        for record in main.engine.journal.open_incidents():
            session = main.sessions.get(record.id)
            if session is not None:  # on screen: as typed and assessed here
                level = word("level", session.assessment.level.value, lang) if session.assessment else None
                item = OpenIncident(record.id, session.values.get("location"), level, session.reported_at(),
                                    None, loaded=True)  # fmt: skip
            else:  # not taken up here: as the journal has it (the fold), without loading it into the console
                state = desk.load(record.id)
                level = word("level", state.recorded.level.value, lang) if state.recorded else None
                item = OpenIncident(record.id, state.facts.get("location"), level, state.reported_at, None,
                                    loaded=False)  # fmt: skip
            options.append((record.id, incident_line(item, now, lang)))
        board = units_by_status(read_board(main.engine.journal), lang)
        active = main.active.id if main.active else None
        main.app.push_screen(IncidentsScreen(options, active, main.lang, board), self._incident_chosen)

    def _incident_chosen(self, incident_id: str | None) -> None:
        from firedrill.tui.screens.dialogs import CLOSE, NEW

        main = self._main()
        if incident_id == NEW:
            main.start_incident(None)
        elif incident_id is not None and incident_id.startswith(CLOSE):
            self.ask_close(incident_id.removeprefix(CLOSE))
        elif incident_id is not None:
            self.action_switch_to(incident_id)

    def action_close_active(self) -> None:
        main = self._main()
        if self._ready() and main.active is not None and not main.active.closed:
            self.ask_close(main.active.id)

    def ask_close(self, incident_id: str) -> None:
        """Ask why, then close the record through the desk (its units are freed)."""
        from firedrill.tui.screens.close import CloseScreen

        main = self._main()
        if main.engine is None:
            return
        main.flush_now()
        session = main.sessions.get(incident_id)
        place = (session.values.get("location") if session else None) or ""
        main.app.push_screen(CloseScreen(main.lang, f"{incident_id} {place}".strip()),
                             lambda reason: self._close(incident_id, reason))  # fmt: skip

    def _close(self, incident_id: str, reason: str | None) -> None:
        main = self._main()
        engine = main.engine
        if reason is None or engine is None:
            return
        session = main.sessions.get(incident_id)
        if session is not None:
            desk = main.guarded(session.writable_desk)
            version = session.state.version
            change = desk and main.guarded(lambda: desk.close(incident_id, session.clock(), reason,
                                                              actor=engine.seat, expected_version=version))  # fmt: skip
            if change is None:
                return
            main.recorded(session, session.took(change))
            if session is main.active:
                main.refresh_all()
        elif main.guarded(lambda: engine.desk(main.console.clock).close(incident_id, None, reason,
                                                                       actor=engine.seat)) is None:  # fmt: skip
            return
        main.console.announce(f"{w('close_done', main.lang)}{incident_id} · {reason}")

    def action_switch_to(self, incident_id: str) -> None:
        main = self._main()
        if incident_id in main.sessions:
            main.activate(main.sessions[incident_id])
        elif main.engine is not None:
            main.resume_incident(incident_id)

    def action_add_call(self) -> None:
        main = self._main()
        if self._ready() and main.active is not None:
            if main.active.ended:  # declared over (clause 5): no more calls feed the level
                main.app.notify(w("ended_no_edit", main.lang), severity="warning")
                return
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

    def action_toggle_language(self) -> None:
        main = self._main()
        main.console.lang = "en" if main.lang == "zh" else "zh"

    def action_escalate(self) -> None:
        self._main().form.focus_field("manual_escalation")

    def action_next_panel(self) -> None:
        from firedrill.tui.panes import PANELS

        main = self._main()
        current = main.panels.active or "assessment"
        main.show_panel(PANELS[(PANELS.index(current) + 1) % len(PANELS)])

    def action_panel(self, pane: str) -> None:
        """One key to each panel; the dispatch panel opens at the units to send (the focus stays)."""
        main = self._main()
        if not main.built:
            return
        main.show_panel(pane)
        if pane == "dispatch":
            main.render_panel(pane)
            main.call_after_refresh(main.panel(pane).scroll_to_anchor)

    def action_toggle_map(self) -> None:
        """Alt+M: the dispatch panel shows the map of the plan (scene, units, routes, rivers, crossings)
        in place of its text, and back."""
        main = self._main()
        if not main.built:
            return
        main.show_panel("dispatch")
        route_map = main.panels.route_map
        showing = route_map.has_class("-hidden")
        route_map.set_class(not showing, "-hidden")
        main.panel("dispatch").set_class(showing, "-hidden")
        if showing:
            main.refresh_map()

    def action_scroll_panel(self, pages: int) -> None:
        """PageDown / PageUp from the form: scroll the panel in view by a page."""
        main = self._main()
        if not main.built:
            return
        pane = main.panels.tabs.active_pane
        shown = [w for w in pane.query("TextPanel, OptionList, CalculatorForm") if w.region.area] if pane else []
        if shown:
            (shown[0].scroll_page_down if pages > 0 else shown[0].scroll_page_up)(animate=False)

    def action_open_quiz(self) -> None:
        """A quiz for a trainee on this console's journal; the incidents stay as they are meanwhile."""
        from firedrill.tui.screens.quiz_start import QuizStart

        main = self._main()
        if self._ready():
            main.flush_now()
            main.app.push_screen(QuizStart(main.lang), self._quiz_chosen)

    def _quiz_chosen(self, chosen: tuple[str, Any] | None) -> None:
        from firedrill.tui.quiz import QuizScreen
        from firedrill.tui.screens.quiz_start import start_session

        main, engine = self._main(), self._main().engine
        if chosen is None or engine is None:
            return
        name, mode = chosen
        session = main.guarded(lambda: start_session(engine.journal, name, mode, main.lang, main.console.clock))
        if session is not None:
            main.app.push_screen(QuizScreen(session, main.lang))
