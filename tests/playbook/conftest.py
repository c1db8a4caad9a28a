"""Fixtures of the playbook tests: the built-in library and the parsed plan."""

from __future__ import annotations

import pytest

from firedrill.playbook.loader import Library, load_library

from .helpers import PLAN_FILE, PlanPlaybook, parse_plan


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="session")
def plan_books() -> list[PlanPlaybook]:
    return parse_plan(PLAN_FILE.read_text(encoding="utf-8"))
