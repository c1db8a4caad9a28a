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
