"""The procedure checklist's keys (Ctrl+T, Ctrl+O, Enter on a step); mixed into the main screen.

Every request goes through the engine, which refuses or writes it to the journal; the screen shows
a refusal on the panel's status line (recorded nowhere) or the record once the journal has it.
"""

from __future__ import annotations

from typing import Any

from firedrill.tui.screens.actions import MainPart
from firedrill.tui.words import w


class ChecklistActions(MainPart):
    """Key actions of the procedure tab."""

    def _checklist_shown(self) -> bool:
        """True if the procedure tab is in front; otherwise bring it there (nothing is ticked unseen)."""
        main = self._main()
        if main.panels.active == "procedure":
            return True
        main.show_panel("procedure")
        main.checklist_panel.steps.focus()
        return False

    def action_tick_step(self) -> None:
        """Mark the highlighted step done, by the actor the plan names."""
        from firedrill.tui.screens.step import DONE, StepRequest

        main = self._main()
        if main.active is not None and main.engine is not None and self._checklist_shown():
            step_id = main.checklist_panel.highlighted_step
            if step_id is not None:
                self.apply_step(step_id, StepRequest(DONE, None, None))

    def action_step_note(self) -> None:
        """The highlighted step's dialog: done or skipped with a note, undo, or a note on a recorded step."""
        main = self._main()
        if main.active is not None and main.engine is not None and self._checklist_shown():
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
        """A step done, skipped or undone, or a note; the declaration of the end (5) is asked first."""
        from firedrill.tui.screens.step import DONE

        main = self._main()
        engine, session = main.engine, main.active
        step = engine.catalogue.step(step_id) if engine is not None else None
        if request is not None and request.action == DONE and step is not None and step.ends_emergency \
                and session is not None and not session.closed:  # fmt: skip
            self._ask_termination(step_id, request)
            return
        self.record_request(step_id, request)

    def _ask_termination(self, step_id: str, request: Any) -> None:
        """The declaration, with the steps of its stage still to record before it, after a Y in the dialog."""
        from firedrill.procedure import StepState
        from firedrill.tui.checklist import checklist
        from firedrill.tui.screens.terminate import TerminateScreen

        main = self._main()
        assert main.active is not None
        main.flush_now()
        state = checklist(main.active)
        if state is None:
            return
        target = state.status(step_id)
        open_states = (StepState.DUE, StepState.OVERDUE, StepState.WAITING)
        before = [s for s in state.statuses if s.step.stage == target.step.stage and s.applicable
                  and s.state in open_states and s.id != step_id
                  and state.statuses.index(s) < state.statuses.index(target)]  # fmt: skip
        chain = [*(s.id for s in before), step_id]
        due = [s for s in state.due() if s.id not in chain]
        lang = main.lang

        def chosen(declare: bool | None) -> None:
            if not declare:
                return
            for each in chain:
                if not self.record_request(each, request):
                    return  # refused: said on the status line, nothing after it is recorded

        main.app.push_screen(TerminateScreen([s.step.title.in_lang(lang) for s in before],
                                             [s.step.title.in_lang(lang) for s in due], lang), chosen)  # fmt: skip

    def record_request(self, step_id: str, request: Any) -> bool:
        """Have the engine check and record the request; show a refusal (recorded nowhere) or the record.

        True if something was recorded."""
        from firedrill.journal import ProcedureState
        from firedrill.procedure import ProcedureRefused, Refusal
        from firedrill.tui.checklist import actor_name, checklist, note_step, record_step, refused
        from firedrill.tui.screens.step import NOTE, SKIP, UNDO
        from firedrill.tui.steps_text import refusal_text

        main = self._main()
        session, engine, lang = main.active, main.engine, main.lang
        if request is None or session is None or engine is None:
            return False
        panel = main.checklist_panel
        if session.closed:
            panel.say(w("proc_closed", lang), error=True)
            return False
        main.flush_now()
        step = engine.catalogue.step(step_id)
        assert step is not None
        by = request.by or actor_name(engine.catalogue, step)
        if request.action == NOTE:
            if not request.note:
                panel.say(w("step_note_empty", lang), error=True)
                return False
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
                return False
        events = [e for e in events if e is not None]
        if events:
            panel.say(f"{w('step_recorded', lang)}{step.title.in_lang(lang)}")
            main.recorded(session, events)
            if request.action != NOTE:
                panel.highlight_next(step_id)
        return bool(events)
