"""Shared fixtures: the plan text kept in docs/source, and deterministic settings for every test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from firedrill.journal import Journal

ROOT = Path(__file__).resolve().parents[1]
# The autouse fixture below only points env vars at temp dirs; sharing it across examples is harmless.
settings.register_profile("firedrill", suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True)
settings.load_profile("firedrill")

PLAN_FILE = ROOT / "docs" / "source" / "wuhan-major-fire-plan-2021.txt"


def squash(text: str) -> str:
    """Text with all whitespace removed, for comparing against the extracted plan."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def plan_text() -> str:
    return PLAN_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def plan_squashed(plan_text: str) -> str:
    return squash(plan_text)


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache of validated tables for the whole run, starting empty (as on a fresh machine)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _session_cache: Path
) -> None:
    """Never read or write the real user's config, data or cache during tests."""
    monkeypatch.setenv("FIREDRILL_CACHE_DIR", str(_session_cache))
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FIREDRILL_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("FIREDRILL_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's journal lives (its own temporary data dir)."""
    return tmp_path / "data" / "firedrill.sqlite3"


@pytest.fixture
def journal(db_path: Path) -> Iterator[Journal]:
    with Journal.open(db_path) as j:
        yield j
