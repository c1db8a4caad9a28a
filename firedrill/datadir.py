"""Where firedrill keeps its files: the journal database and whatever quizzes and drills add to it.

The directory is chosen in this order: a ``--data-dir`` given on the command line, then the
``FIREDRILL_DATA_DIR`` environment variable, then the platform's per-user data directory
(``platformdirs.user_data_dir("firedrill")``). It is created the first time it is needed.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from firedrill.errors import InputError

ENV_VAR = "FIREDRILL_DATA_DIR"
APP_NAME = "firedrill"
DB_FILENAME = "firedrill.sqlite3"


def choose_data_dir(cli_value: str | Path | None = None) -> Path:
    """The data directory that applies, without creating it."""
    if cli_value is not None and str(cli_value).strip():
        return Path(cli_value).expanduser()
    env_value = os.environ.get(ENV_VAR, "").strip()
    if env_value:
        return Path(env_value).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME))


def _source_field(cli_value: str | Path | None) -> str:
    if cli_value is not None and str(cli_value).strip():
        return "--data-dir"
    if os.environ.get(ENV_VAR, "").strip():
        return ENV_VAR
    return "data directory"


def ensure_data_dir(cli_value: str | Path | None = None) -> Path:
    """The data directory that applies, created if missing; a clear InputError if it cannot be."""
    path = choose_data_dir(cli_value)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create data directory {path}: {exc.strerror}", field=_source_field(cli_value)
        ) from None
    if not path.is_dir():
        raise InputError(f"{path} is not a directory", field=_source_field(cli_value))
    return path


def existing_data_dir(cli_value: str | Path | None = None) -> Path:
    """The data directory that applies, for reading: never created; a file in its place is refused."""
    path = choose_data_dir(cli_value)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file, not a data directory; give the folder that holds {DB_FILENAME}",
                         field=_source_field(cli_value))  # fmt: skip
    return path


def default_db_path(data_dir: Path) -> Path:
    """The journal database inside ``data_dir``."""
    return data_dir / DB_FILENAME
