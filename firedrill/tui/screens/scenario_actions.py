"""Replays and drills from the console (Ctrl+R and the command palette); mixed into the main screen.

The replay and drill screens are ``firedrill.tui.replay``'s (``open_replay``, ``open_drill``): they
are pushed over the console, use its clock, playbook library and data directory, and Esc comes back
to the incidents as they were. Pending fields are recorded first, as before any other screen.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from firedrill.tui.screens.actions import MainPart

if TYPE_CHECKING:
    from pathlib import Path


class ScenarioActions(MainPart):
    """Pick a shipped scenario script; replay it, or drill a named trainee on it."""

    def action_run_scenario(self) -> None:
        from firedrill.tui.scenarios import SCENARIOS_DIR, shipped_scenarios
        from firedrill.tui.screens.scenario_run import ScenarioRunScreen

        main = self._main()
        if self._ready():
            main.flush_now()
            dialog = ScenarioRunScreen(shipped_scenarios(), main.lang, SCENARIOS_DIR)
            main.app.push_screen(dialog, self._run_chosen)

    def _run_chosen(self, chosen: tuple[str, Path] | None) -> None:
        from firedrill.tui.screens.scenario_run import REPLAY

        if chosen is not None:
            mode, path = chosen
            (self.start_replay if mode == REPLAY else self.start_drill)(path)

    def start_replay(self, path: Path) -> None:
        """Replay the script at ``path`` over the console (the palette calls this too)."""
        from firedrill.tui.replay import open_replay

        main = self._main()
        if self._ready():
            main.flush_now()
            open_replay(main.app, path, main.lang)

    def start_drill(self, path: Path) -> None:
        """Ask the trainee's name, then drill them on the script at ``path``."""
        from firedrill.tui.scenarios import shipped_scenarios
        from firedrill.tui.screens.scenario_run import TraineeScreen

        main = self._main()
        if self._ready():
            main.flush_now()
            titles = {s.path: s.title(main.lang) for s in shipped_scenarios(path.parent)}
            main.app.push_screen(TraineeScreen(titles.get(path, path.stem), main.lang), partial(self._named, path))

    def _named(self, path: Path, trainee: str | None) -> None:
        from firedrill.tui.replay import open_drill

        main = self._main()
        if trainee and self._ready():
            open_drill(main.app, path, trainee, main.lang)
