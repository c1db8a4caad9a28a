"""Everything the console needs from the engine, loaded once, off the screen's critical path.

The first screen is drawn before this module's heavy imports run (pydantic models, rules,
playbooks, journal): ``load_engine`` is called from a worker thread and the form is usable
meanwhile. Nothing here imports Textual.
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


def load_engine(options: Options) -> Engine:
    """Config, rules, playbooks, the procedure's steps and the journal.

    InputError for a bad config, data dir or playbook dir.
    """
    from firedrill.config import load_config
    from firedrill.datadir import default_db_path, ensure_data_dir
    from firedrill.journal import Journal
    from firedrill.playbook.loader import load_library
    from firedrill.procedure import load_catalogue
    from firedrill.rules import load_rulebook

    config = load_config(options.config)
    dirs = (*config.playbook_dirs, *options.playbook_dirs)
    library = load_library(dirs)
    rulebook = load_rulebook()
    data_dir = ensure_data_dir(options.data_dir)
    journal = Journal.open(default_db_path(data_dir))
    return Engine(config=config, rulebook=rulebook, library=library, journal=journal, data_dir=data_dir,
                  catalogue=load_catalogue(), seat=options.seat or default_seat(),
                  config_file=options.config)  # fmt: skip
