"""Shared fixtures: a fresh journal in a temporary directory (never the user's data dir)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Anything that falls back to the default data dir lands in tmp_path, not the user's home."""
    monkeypatch.setenv("FIREDRILL_DATA_DIR", str(tmp_path / "env-data"))


