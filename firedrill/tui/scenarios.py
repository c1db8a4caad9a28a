"""The scenario scripts shipped with firedrill (``scenarios/*.yaml``), offered by the console for a
replay or a drill (Ctrl+R and the command palette).

They are found from this package as the playbook loader finds ``playbooks/`` in a source checkout
(``firedrill/playbook/loader.py``): the ``scenarios/`` folder beside the ``firedrill`` package. A
wheel does not carry that folder, so an installed console finds no scripts and says so
(docs/console.md); ``firedrill replay FILE --console`` opens any script there. Only each script's
title is read here (C YAML loader, no pydantic, no Textual); the replay engine reads and checks the
whole script when it is opened, and says then what is wrong with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

SCENARIOS_DIR = Path(__file__).resolve().parents[2] / "scenarios"  # source checkout; absent from a wheel
PATTERN = "*.yaml"


@dataclass(frozen=True)
class ShippedScenario:
    """A script file and its title in both languages (the file's name when it has none)."""

    path: Path
    title_zh: str
    title_en: str

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_zh


@lru_cache(maxsize=256)
def _read(path: Path, _mtime_ns: int) -> ShippedScenario:
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, dict):
        return ShippedScenario(path, path.stem, path.stem)
    zh, en = title.get("zh"), title.get("en")
    zh = zh if isinstance(zh, str) and zh.strip() else path.stem
    en = en if isinstance(en, str) and en.strip() else zh
    return ShippedScenario(path, zh, en)


def shipped_scenarios(directory: Path | None = None) -> tuple[ShippedScenario, ...]:
    """The scripts in ``directory`` (default ``SCENARIOS_DIR``) in file-name order; none if the folder is absent."""
    directory = SCENARIOS_DIR if directory is None else directory
    if not directory.is_dir():
        return ()
    return tuple(_read(path, path.stat().st_mtime_ns) for path in sorted(directory.glob(PATTERN)) if path.is_file())
