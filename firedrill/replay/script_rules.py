"""The local rule settings a script carries itself (``rules:``, as the config file's), over those
in force: each key the script gives wins over ``--config``, so a script replays as its author
meant on every desk."""

from __future__ import annotations

from dataclasses import replace

from firedrill.replay.parser import LoadedScript
from firedrill.rulesconfig import RulesConfig


def with_script_rules(config: RulesConfig, loaded: LoadedScript) -> RulesConfig:
    """The script's own ``rules:`` over ``config``: each key the script gives wins, so a script
    replays as its author meant whatever ``--config`` is in force."""
    own = loaded.script.rules
    if own is None:
        return config
    return replace(config, **{key: getattr(own, key) for key in loaded.rule_keys})


def script_rule_keys(loaded: LoadedScript) -> tuple[str, ...]:
    """The rule settings the script carries itself (shown with the replay)."""
    own = loaded.script.rules
    return () if own is None else tuple(sorted(loaded.rule_keys))
