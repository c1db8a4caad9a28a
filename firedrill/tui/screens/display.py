"""How the main screen shows an incident: banner, panels, field marks, incident bar, language.

Mixed into the main screen; everything here reads the active session and writes widgets, and
nothing here records anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.content import Content

from firedrill.tui.panes import PANELS as PANELS
from firedrill.tui.words import colon, w, word

if TYPE_CHECKING:
    from datetime import datetime

    from firedrill.tui.screens.main import MainScreen
    from firedrill.tui.session import Session


class ConsoleDisplay:
    """Display methods of the main screen."""

    def _screen(self) -> MainScreen:
        # Mixed into the main screen only (which imports this module, not the reverse).
        return cast("MainScreen", self)

    def scenario_name(self, session: Session) -> str | None:
        playbook = session.playbook
        return playbook.name.in_lang(self._screen().lang) if playbook else None

    def refresh_preview(self) -> None:
        """Before the incident is opened: grade what the form holds now (nothing is recorded)."""
        from firedrill.tui.preview import preview

        screen = self._screen()
        if screen.active is not None or screen.grader is None or screen.grader.open_incidents:
            return
        screen.preview = preview(screen.grader, screen.form.raw_values(), screen.now())
        self.show_preview()

    def show_preview(self) -> None:
        screen = self._screen()
        now = screen.now()
        screen.banner.show(screen.preview, screen.lang, stale_fields=[], reported_at=now, now=now,
                           loading=screen.preview is None)  # fmt: skip

    def refresh_all(self) -> None:
        self.refresh_live()
        self.refresh_playbook(force=True)
        self.refresh_timeline()

    def refresh_live(self) -> None:
        """Everything that follows from the form: banner, panels, field marks, incident bar."""
        screen = self._screen()
        session, lang, now = screen.active, screen.lang, screen.now()
        if session is None:
            return
        if session.closed and session.record.closed_at is not None:
            now = session.record.closed_at  # a closed incident's clock stands at its closing
        stale = [w(f"field_{f}", lang) if not f.startswith("_") else w("error_incident", lang) for f in session.errors]
        a = session.assessment
        ended = w("proc_closed" if session.closed else "proc_ended", lang) if session.ended else None
        # The calls for the place against the rule of 4.3(4), in the banner once there is another call.
        calls = self.calls_rule(session, now) if session.calls else None
        screen.banner.show(a, lang, stale_fields=stale, reported_at=session.reported_at(), now=now, note=ended,
                           calls=calls)  # fmt: skip
        screen.form.show_state(session.errors, session.pending, set(session.recorded))
        screen.form.set_calls(len(session.calls))
        screen.form.set_read_only(session.ended or session.following)
        screen.dirty_panels |= {"assessment", "dispatch", "groups", "procedure"}
        self.render_panel(screen.panels.active)
        screen.set_class(session.stale, "-stale")
        self.refresh_playbook()
        screen.playbook_panel.set_clock(session.ignition_at(), now, not session.values.get("ignition_at"))
        self.refresh_incident_bar()

    def calls_rule(self, session: Session, now: datetime) -> str:
        """Where the calls for the same place stand against the local reading of 4.3(4)."""
        from firedrill.models import Trigger
        from firedrill.tui.glance import calls_text

        screen = self._screen()
        if screen.engine is None:
            return ""
        holds = session.assessment is not None and Trigger.RISING_CALLS in session.assessment.triggers
        return calls_text(session.calls, session.reported_at(), now, screen.engine.config.rules.rising_calls, holds,
                          screen.lang)  # fmt: skip

    def render_panel(self, name: str) -> None:
        """Render one of the assessment panels if it changed; the hidden ones wait until shown."""
        screen = self._screen()
        session = screen.active
        if name not in screen.dirty_panels or session is None or session.assessment is None or screen.engine is None:
            return
        if name == "procedure":
            screen.dirty_panels.discard(name)
            self.render_checklist()
            return
        from firedrill.tui.widgets.views import assessment_lines, dispatch_lines, group_lines

        screen.dirty_panels.discard(name)
        a, lang, playbook = session.assessment, screen.lang, session.playbook
        if name == "assessment":
            screen.panel(name).set_lines(assessment_lines(a, lang))
        elif name == "dispatch":
            lines = dispatch_lines(a, playbook, lang)
            cut = next((i for i, line in enumerate(lines) if not line.plain), len(lines))  # after the 4.4.2 scale
            screen.panel(name).set_lines([*lines[:cut], Content(""), *screen.stations_section(), *lines[cut:]],
                                         anchor=cut + 1)  # fmt: skip
            self.refresh_map()
        elif name == "groups":
            note = screen.engine.rulebook.response.notes["field_organisation"]
            screen.panel(name).set_lines(group_lines(a, playbook, lang, note))

    def refresh_map(self) -> None:
        """The dispatch panel's map, when shown: the plan the stations section shows, on its roads."""
        from firedrill.tui.dispatching import stations_for

        screen = self._screen()
        route_map = screen.panels.route_map
        if route_map.has_class("-hidden") or screen.active is None:
            return
        stations = stations_for(screen.active, screen.network)
        route_map.lang = screen.lang
        route_map.overlay = stations.found.overlay if stations.found is not None else None
        route_map.plan = stations.plan

    def render_checklist(self) -> None:
        """The procedure tab: summary, the last level change's additions, the steps."""
        from firedrill.tui.bindings import BY_ACTION, key_display
        from firedrill.tui.checklist import checklist, level_changes
        from firedrill.tui.settings import CHANGE_TITLES_SHOWN
        from firedrill.tui.steps_text import change_text, rows, summary

        screen = self._screen()
        session, lang = screen.active, screen.lang
        if session is None or screen.engine is None:
            return
        state = checklist(session)
        if state is None:
            screen.checklist_panel.show(Content(w("no_assessment", lang)), [])
            return
        c = colon(lang)
        head = [Content.styled(summary(state, lang), "bold")]
        changes = level_changes(session.state.levels, screen.engine.catalogue)
        if changes:
            change = changes[max(changes)]
            before, after = (word("level", g.level.value, lang) for g in (change.before, change.after))
            head.append(Content(f"{w('tl_level_change', lang)}{c}{before} → {after} · "
                                f"{change_text(change, lang, CHANGE_TITLES_SHOWN)}"))  # fmt: skip
        if session.ended:
            head.append(Content.styled(w("proc_closed" if session.closed else "proc_ended", lang), "bold $warning"))
        keys = {a: key_display(BY_ACTION[a].key) for a in ("tick_step", "step_note")}
        help_text = w("proc_help", lang).format(tick=keys["tick_step"], note=keys["step_note"])
        place = screen.cursor_for is not None and screen.cursor_for[0] == session.id
        cursor = screen.cursor_for[1] if screen.cursor_for is not None and place else None
        screen.checklist_panel.show(Content("\n").join(head), rows(state, session.state.step_notes, lang), help_text,
                                    place=place, cursor=cursor)  # fmt: skip
        screen.cursor_for = None

    def refresh_playbook(self, force: bool = False) -> None:
        screen = self._screen()
        session = screen.active
        key = (session.values.get("scenario") if session else None, screen.lang)
        if force or key != screen.shown_playbook:
            screen.shown_playbook = key
            screen.playbook_panel.show(session.playbook if session else None, screen.lang)

    def refresh_timeline(self) -> None:
        from firedrill.tui.timeline import timeline_lines

        screen = self._screen()
        session = screen.active
        if session is None or screen.engine is None:
            return
        lines = timeline_lines(session.state, session.reported_at(), screen.lang, screen.engine.library,
                               screen.engine.catalogue)  # fmt: skip
        screen.panel("timeline").set_lines([Content(line) for line in reversed(lines)])

    def refresh_incident_bar(self) -> None:
        """One entry per loaded incident (its number, place and level); the active one highlighted."""
        screen = self._screen()
        # The time now, always on screen (and the exercise's scenario time beside it, when there is one).
        parts = [Content.styled(f" {w('app_title', screen.lang)} ", "bold"),
                 Content(f"{w('now_clock', screen.lang)} {screen.console.real_clock():%H:%M:%S}")]  # fmt: skip
        if screen.active is not None and screen.active.state.exercise:
            # An exercise runs on scenario time: said on every screen, so no one takes it for real time.
            paused = f" {w('exercise_paused', screen.lang)}" if screen.active.paused else ""
            clock = f" {w('exercise_time', screen.lang)} {screen.now():%Y-%m-%d %H:%M:%S}{paused} "
            parts.append(Content.styled(clock, "bold reverse"))
        for ident, session in screen.sessions.items():
            level = word("level", session.assessment.level.value, screen.lang) if session.assessment else "—"
            closed = w("bar_closed" if session.closed else "bar_following", screen.lang) \
                if session.closed or session.following else ""  # fmt: skip
            label = " ".join(p for p in (ident[-4:], (session.values.get("location") or "")[:10], level, closed) if p)
            style = "reverse bold" if session is screen.active else "underline"
            parts.append(Content.from_markup(f"[@click=screen.switch_to('{ident}')][{style}] $label [/][/]",
                                             label=label))  # fmt: skip
        bar = Content(" │ ").join(parts)
        widget = screen.incident_bar
        if not (isinstance(widget.content, Content) and widget.content.is_same(bar)):
            widget.update(bar, layout=False)

    def set_lang(self, lang: str) -> None:
        """Every label in ``lang``: keys, form, tabs, banner and panels."""
        screen = self._screen()
        screen.lang = lang
        screen.set_class(lang == "en", "-en").set_class(lang == "zh", "-zh")
        screen.refresh_bindings()
        session = screen.active
        screen.form.set_lang(lang, self.scenario_name(session) if session else None)
        screen.keybar.set_lang(lang)
        if screen.built:
            screen.panels.set_lang(lang)
        if session is None:
            if screen.preview is not None:
                self.show_preview()
            else:
                screen.banner.show(None, lang, stale_fields=[], reported_at=None, now=screen.now(),
                                   loading=screen.engine is None)  # fmt: skip
            return
        self.refresh_all()

    def panel_ids(self) -> tuple[str, ...]:
        return PANELS

    def show_panel(self, pane: str) -> None:
        self._screen().panels.show(pane)
