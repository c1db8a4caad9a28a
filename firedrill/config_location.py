"""Where the user's config file is (``--config``, else ``$FIREDRILL_CONFIG``, else the user's config
directory), and the rules' part of it read without loading the config schema when there is no file.

A one-shot grade needs only the rules' settings (``firedrill.rulesconfig``, plain dataclasses);
without a config file those are the defaults, and the file's schema (``firedrill.config``, pydantic)
is loaded only when there is a file to read.
"""

from __future__ import annotations

import os
from pathlib import Path

from firedrill.rulesconfig import RulesConfig

CONFIG_ENV = "FIREDRILL_CONFIG"


def config_path(explicit: Path | None = None) -> Path | None:
    """The config file to read, or None when there is none."""
    if explicit is not None:
        return explicit
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    default = Path(user_config_dir("firedrill")) / "config.yaml"
    return default if default.exists() else None


def load_rules_config(explicit: Path | None = None) -> RulesConfig:
    """The ``rules`` part of the user's config: what ``load_config(explicit).rules`` gives."""
    path = config_path(explicit)
    if path is None:
        return RulesConfig()
    from firedrill.config import load_config

    return load_config(path).rules
