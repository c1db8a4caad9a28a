"""docs/journal.md quotes the plan exactly, and the journal never pulls in the console (Textual)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "docs" / "source" / "wuhan-major-fire-plan-2021.txt"
DOC = REPO / "docs" / "journal.md"


def test_plan_quotes_in_the_doc_are_verbatim() -> None:
    plan = PLAN.read_text(encoding="utf-8")
    quotes = re.findall(r'"([^"\n]*[\u4e00-\u9fff][^"\n]*)"', DOC.read_text(encoding="utf-8"))
    assert len(quotes) >= 3
    for quote in quotes:
        assert quote in plan, f"docs/journal.md misquotes the plan: {quote}"


