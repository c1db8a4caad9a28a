"""The quiz's own data is consistent with the plan's data, and the engine stays free of Textual."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.playbook.citations import iter_entries
from firedrill.quiz.gen import TOPICS
from firedrill.quiz.gen.common import Context
from firedrill.quiz.gen.scenario import candidates
from firedrill.quiz.settings import QuizSettings
from firedrill.quiz.texts import keys
from firedrill.yamlio import load_model

QUIZ_ROOT = Path(__file__).resolve().parents[2] / "firedrill" / "quiz"


def test_settings_topics_match_the_generators_and_have_names(ctx: Context) -> None:
    assert set(ctx.settings.topics) == set(TOPICS)
    assert {f"topic.{t}" for t in TOPICS} <= set(keys())


def test_equivalent_items_exist_in_the_playbooks(ctx: Context) -> None:
    citations = {e.citation for p in ctx.library.all() for e in iter_entries(p)}
    listed = [c for group in ctx.settings.scenario.equivalent for c in group.items]
    assert [c for c in listed if c not in citations] == []


def test_scenario_questions_have_enough_distinct_items(ctx: Context) -> None:
    found = candidates(ctx)
    assert len(found) >= 40
    assert len({c.playbook.id for c in found}) == len(ctx.library.all())  # every scenario can be asked about


def test_a_bad_settings_value_names_file_line_and_field(tmp_path: Path) -> None:
    text = (QUIZ_ROOT / "data" / "settings.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "settings.yaml"
    broken.write_text(text.replace("pass_mark: 80", "pass_mark: 180"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_model(QuizSettings, broken)
    line = text.splitlines().index("  pass_mark: 80") + 1
    assert exc.value.one_line().startswith(f"{broken}:{line}: field 'exam.pass_mark'")
