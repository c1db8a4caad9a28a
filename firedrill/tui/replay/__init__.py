"""Replay and drill modes of the console: ``ReplayScreen`` and ``DrillScreen`` over the
replay engine (firedrill/replay), and the functions that open them on any running Textual app.

``open_replay(app, path, lang)`` and ``open_drill(app, path, trainee, lang)`` load the script,
push the screen and return it (None, with an error notification, if the script cannot be read).
They use the app's ``clock`` when it has one (the console's injected clock), and the console's
engine (playbook library, journal, data directory) when the app is the console. Imports are
lazy: importing this package costs nothing until a mode is opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from firedrill.playbook.loader import Library
    from firedrill.replay.drill import DrillResult
    from firedrill.replay.engine import Replay
    from firedrill.rulesconfig import RulesConfig
    from firedrill.tui.replay.drill import DrillScreen
    from firedrill.tui.replay.screen import ReplayScreen


def load_replay(path: str | Path, *, config: RulesConfig | None = None, playbook_dirs: tuple[Path, ...] = (),
                library: Library | None = None) -> Replay:  # fmt: skip
    """The script at ``path``, replayed; InputError (file, line, field) if it cannot be read.

    The rules' local settings are the built-in defaults unless ``config`` is given, so a script
    plays the same on every desk (docs/scenarios.md, "Deterministic").
    """
    from firedrill.playbook.loader import load_library
    from firedrill.replay.engine import Replay
    from firedrill.replay.parser import load_script

    return Replay(load_script(path, library or load_library(playbook_dirs)), config=config)


def _clock(app: App[Any]) -> Any:
    from firedrill.tui.clock import system_clock

    return getattr(app, "clock", system_clock)


def _loaded(app: App[Any], path: str | Path) -> Replay | None:
    from firedrill.errors import InputError

    engine = getattr(app, "engine", None)  # the console's: its playbook library includes the user's folders
    try:
        return load_replay(path, library=getattr(engine, "library", None))
    except InputError as exc:
        app.notify(exc.one_line(), severity="error", markup=False)
        return None


def open_replay(app: App[Any], path: str | Path, lang: str) -> ReplayScreen | None:
    """Push a ReplayScreen for the script at ``path``; None (and a notification) on a bad script."""
    from firedrill.tui.replay.screen import ReplayScreen

    replay = _loaded(app, path)
    if replay is None:
        return None
    screen = ReplayScreen(replay, lang, _clock(app))
    app.push_screen(screen)
    return screen


def journal_saver(data_dir: Path, at: Any) -> Any:
    """A ``save(result) -> run id`` that stores a drill in the journal of ``data_dir`` (opened per save)."""

    def save(result: DrillResult) -> int:
        from firedrill.datadir import default_db_path
        from firedrill.journal import Journal
        from firedrill.replay.store import save_drill

        with Journal.open(default_db_path(data_dir)) as journal:
            return save_drill(journal, result, at())

    return save


def open_drill(app: App[Any], path: str | Path, trainee: str, lang: str, *,
               out_dir: Path | None = None) -> DrillScreen | None:  # fmt: skip
    """Push a DrillScreen; the report goes to ``out_dir`` (default: the data dir's reports/ folder)
    and the drill into the journal of the console's data directory (or the default one). Ticks are
    judged by the console config's procedure time targets unless the script sets its own."""
    from firedrill.datadir import ensure_data_dir
    from firedrill.errors import InputError
    from firedrill.tui.replay.drill import DrillScreen
    from firedrill.tui.replay.settings import REPORTS_FOLDER

    replay = _loaded(app, path)
    if replay is None:
        return None
    engine = getattr(app, "engine", None)
    try:
        # the console's data directory: its engine's, or (engine still loading) the one it was given
        options = getattr(app, "options", None)
        data_dir = engine.data_dir if engine is not None else ensure_data_dir(getattr(options, "data_dir", None))
    except InputError as exc:
        app.notify(exc.one_line(), severity="error", markup=False)
        return None
    from firedrill.procedure.settings import settings_from

    clock = _clock(app)
    # the console's local procedure time targets, once its Config has them (docs/procedure.md)
    settings = settings_from(engine.config) if engine is not None else None
    screen = DrillScreen(replay, trainee, lang, clock, out_dir=out_dir or data_dir / REPORTS_FOLDER,
                         save=journal_saver(data_dir, clock), settings=settings)  # fmt: skip
    app.push_screen(screen)
    return screen
