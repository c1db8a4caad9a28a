"""The local rule settings a script carries itself (``rules:``, as the config file's), over those
in force: each key the script gives wins over ``--config``, so a script replays as its author
meant on every desk."""

from __future__ import annotations

from firedrill.config import RulesConfig
from firedrill.replay.parser import LoadedScript


def with_script_rules(config: RulesConfig, loaded: LoadedScript) -> RulesConfig:
    """The script's own ``rules:`` over ``config``: each key the script gives wins, so a script
    replays as its author meant whatever ``--config`` is in force."""
    own = loaded.script.rules
    if own is None:
        return config
    return config.model_copy(update={key: getattr(own, key) for key in own.model_fields_set})


def script_rule_keys(loaded: LoadedScript) -> tuple[str, ...]:
    """The rule settings the script carries itself (shown with the replay)."""
    own = loaded.script.rules
    return () if own is None else tuple(sorted(own.model_fields_set))
