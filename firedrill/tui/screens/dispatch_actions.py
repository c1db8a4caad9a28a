"""The dispatch order (F7) with the station units, and the stations planner's network, loaded in a
thread the first time an incident has a place; mixed into the main screen."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.worker import Worker, WorkerState

from firedrill.tui.screens.actions import MainPart
from firedrill.tui.words import colon, w


class DispatchActions(MainPart):
    """F7 and the stations section of the dispatch panel."""

    async def action_dispatch_order(self) -> None:
        """The order for the incident as it stands, with the station units (waiting for the network if
        it is still loading); recorded with the units it sends, then saved as text and CAD JSON."""
        from firedrill.stations.order import order_json, order_text
        from firedrill.tui.dispatching import stations_for
        from firedrill.tui.order import build_order, radio_line, save_order
        from firedrill.tui.screens.dialogs import OrderScreen

        main = self._main()
        if main.active is None or main.engine is None:
            main.app.notify(w("loading", main.lang))
            return
        main.flush_now()
        session, lang = main.active, main.lang
        if session.values.get("scene") is not None:
            main.want_network()
            await main.network_ready.wait()
        stations = stations_for(session, main.network, main.now())
        plan, cad = stations.plan, None
        units = [(u.name, u.engines) for u in plan.sent] if plan is not None and plan.set_by_plan else None
        text = f"{radio_line(session, lang, units)}\n\n{build_order(session, lang, main.now())}"
        if plan is not None and session.assessment is not None:
            text += "\n\n" + order_text(plan, None, lang).rstrip("\n")
            cad = order_json(plan, session.assessment.activation)
        else:
            text += f"\n\n{w('stations_title', lang)}{colon(lang)}{w(stations.problem or 'stations_loading', lang)}"
        new = tuple(u.id for u in plan.sent) if plan is not None else ()
        found = stations.found
        extra: dict[str, Any] = {"went_without": [{"unit": x.unit_id, "taken_by": x.taken_by}
                                                  for x in found.went_without]} if found is not None and \
            found.went_without else {}  # fmt: skip
        svg = found.map_svg(lang) if found is not None else None
        if svg is not None:
            extra["map_svg"] = svg  # the map is part of the order as given, as the CLI records it
        events = main.guarded(lambda: session.record_order(text, lang, new, extra or None))
        if not events:
            main.dirty_panels.add("dispatch")  # e.g. a unit another seat sent meanwhile: plan again
            main.refresh_live()
            return
        event = events[0]
        path: Any = None
        try:
            saved = save_order(main.engine.data_dir, session.id, event.seq, text, cad, svg)
            path = saved.relative_to(main.engine.data_dir)
        except OSError as exc:
            main.app.notify(f"{w('order_not_saved', lang)}{exc.strerror}", severity="error", markup=False)
        main.dirty_panels.add("dispatch")  # the units just sent now count as sent before
        main.refresh_live()
        main.refresh_timeline()
        main.app.push_screen(OrderScreen(text, path, lang, with_cad=cad is not None))

    def want_network(self) -> None:
        """Start loading the stations' road network in a thread, once (it is not on the start-up path)."""
        main = self._main()
        if main.network is None and not main.network_loading and main.engine is not None:
            from firedrill.tui.dispatching import load_network

            main.network_loading = True
            config_file, data_dir = main.engine.config_file, main.engine.data_dir
            main.run_worker(lambda: load_network(config_file, data_dir), thread=True, name="stations",
                            exit_on_error=False)  # fmt: skip

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        main = self._main()
        if event.worker.name != "stations":
            return
        event.stop()
        if event.state is WorkerState.SUCCESS:
            main.network = event.worker.result
        elif event.state is WorkerState.ERROR:
            main.app.notify(f"{w('stations_failed', main.lang)}{event.worker.error}", severity="error", markup=False)
        else:
            return
        main.network_ready.set()
        main.dirty_panels.add("dispatch")
        main.render_panel(main.panels.active)

    def stations_section(self) -> list[Content]:
        """The units the planner picks for the active incident (the network is loaded when first needed)."""
        from firedrill.tui.dispatching import stations_for
        from firedrill.tui.widgets.stations_view import stations_lines

        screen = self._main()
        assert screen.active is not None
        if screen.active.values.get("scene") is not None:
            screen.want_network()
        return stations_lines(stations_for(screen.active, screen.network), screen.lang)
