"""Tests that need a Debian package (chromium, poppler-utils, tmux): under CI=true a missing tool fails
the test (CI installs them, see .ci/run); elsewhere the test is skipped with its reason."""

from __future__ import annotations

import os

import pytest


def require(missing: str | None) -> None:
    """Go on when ``missing`` is None; else fail under CI=true, skip elsewhere, saying what is missing."""
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{missing}; CI must install it (.ci/run)")
    pytest.skip(missing)
