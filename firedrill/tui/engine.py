"""Everything the console needs from the engine, loaded once, off the screen's critical path, in two steps.

The first screen is drawn before this module's heavy imports run. Then, in a worker thread:
``load_grader`` loads only what the first level needs (the config, the rule tables, and whether
the journal holds an open incident); the banner shows the level of what the form holds. Only then
``load_engine`` loads the rest (the journal, the desk, playbooks, the procedure's steps), while
the form is usable. Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from firedrill.config import Config
    from firedrill.incident.desk import Desk
    from firedrill.journal import Journal
    from firedrill.playbook.loader import Library
    from firedrill.playbook.schema import Playbook
    from firedrill.procedure import Catalogue
    from firedrill.rules import Rulebook
    from firedrill.rulesconfig import RulesConfig
    from firedrill.tui.clock import Clock


@dataclass(frozen=True)
class Options:
    """What the command line (or a test) asks of the console."""

    lang: str = "zh"
    data_dir: Path | None = None
    config: Path | None = None
    playbook_dirs: tuple[Path, ...] = field(default=())
    lang_from_config: bool = False  # no --lang given: the config file's language applies
    seat: str | None = None  # this console's name in the journal (default: user@host)
    exercise_start: datetime | None = None  # run on an exercise clock from this scenario time


def default_seat() -> str:
    """user@host: the same after a restart, so a console resuming its own incidents is not a take-over."""
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "console"
    return f"{user}@{socket.gethostname()}"


@dataclass
class Grader:
    """What the first level needs: the config's rules and the rule tables; no journal, no playbooks.

    ``journal`` is the journal when one was already there (opened to look for open incidents), else None:
    a data directory without a journal file holds no incident, and nothing needs to be opened to know it."""

    config: Config | None  # None without a config file: the defaults, and the config's schema not loaded
    rulebook: Rulebook
    data_dir: Path
    journal: Journal | None = None
    open_incidents: bool = False  # the journal holds open incidents (the dispatcher chooses what to resume)

    @property
    def rules(self) -> RulesConfig:
        """The rules' settings: the config file's, or the defaults."""
        if self.config is not None:
            return self.config.rules
        from firedrill.rules.engine import DEFAULT_CONFIG

        return DEFAULT_CONFIG


@dataclass
class Engine:
    config: Config
    rulebook: Rulebook
    library: Library
    journal: Journal
    data_dir: Path
    catalogue: Catalogue  # the response procedure's steps (chapters 4–6)
    seat: str = "console"
    config_file: Path | None = None  # where ``config`` came from (relative paths in it are from its folder)
    _desks: dict[Clock, Desk] = field(default_factory=dict)  # keyed by the clock object itself

    def desk(self, clock: Clock) -> Desk:
        """The incident core's desk for this journal on ``clock`` (one per clock)."""
        found = self._desks.get(clock)
        if found is None:
            from firedrill.incident.desk import Desk

            found = self._desks[clock] = Desk(
                journal=self.journal, clock=clock, rules=self.config.rules, procedure=self.config.procedure,
                rulebook=self.rulebook, catalogue=self.catalogue, library=self.library,
            )  # fmt: skip
        return found

    def playbook(self, playbook_id: str | None) -> Playbook | None:
        if not playbook_id or playbook_id not in self.library:
            return None
        return self.library.get(playbook_id)

    def close(self) -> None:
        self.journal.close()


# What the console's main thread would otherwise import (or read) on its first incident: imported by the
# engine's worker instead, so the main thread only draws. Modules without Textual only.
WARM_MODULES = (
    "firedrill.incident.desk", "firedrill.tui.session", "firedrill.tui.timeline", "firedrill.tui.checklist",
    "firedrill.tui.steps_text", "firedrill.tui.glance", "firedrill.tui.dispatching", "firedrill.playbook.calculators",
    "firedrill.playbook.render",
)  # fmt: skip


def warm_up() -> None:
    """Import what the first incident needs and read the playbook settings, off the main thread."""
    import importlib

    for name in WARM_MODULES:
        importlib.import_module(name)
    from firedrill.playbook.settings import load_settings

    load_settings()


def load_grader(options: Options) -> Grader:
    """The config and the rule tables; the journal only if its file exists (to see whether an incident is open).

    InputError for a bad config or data dir."""
    from firedrill.config_location import config_path
    from firedrill.datadir import default_db_path, ensure_data_dir
    from firedrill.rules import load_rulebook

    path = config_path(options.config)
    if path is not None:
        from firedrill.config import load_config

        config: Config | None = load_config(path)
    else:
        config = None
    rulebook = load_rulebook()
    data_dir = ensure_data_dir(options.data_dir)
    path = default_db_path(data_dir)
    if not path.exists():
        return Grader(config=config, rulebook=rulebook, data_dir=data_dir)
    from firedrill.journal import Journal

    journal = Journal.open(path)
    return Grader(config=config, rulebook=rulebook, data_dir=data_dir, journal=journal,
                  open_incidents=bool(journal.open_incidents()))  # fmt: skip


def load_engine(options: Options, grader: Grader | None = None) -> Engine:
    """Config, rules, playbooks, the procedure's steps and the journal (what ``grader`` holds is taken over).

    InputError for a bad config, data dir or playbook dir.
    """
    from firedrill.datadir import default_db_path
    from firedrill.journal import Journal
    from firedrill.playbook.loader import load_library
    from firedrill.procedure import load_catalogue

    grader = grader or load_grader(options)
    warm_up()
    if grader.config is not None:
        config = grader.config
    else:
        from firedrill.config import Config

        config = Config()
    dirs = (*config.playbook_dirs, *options.playbook_dirs)
    library = load_library(dirs)
    journal = grader.journal or Journal.open(default_db_path(grader.data_dir))
    return Engine(config=config, rulebook=grader.rulebook, library=library, journal=journal,
                  data_dir=grader.data_dir, catalogue=load_catalogue(), seat=options.seat or default_seat(),
                  config_file=options.config)  # fmt: skip
