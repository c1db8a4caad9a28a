"""Blueprints: a paper by weights per topic, type and difficulty; the shipped default; an instructor's own YAML."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.errors import InputError
from firedrill.quiz.blueprint import LEVELS, default_blueprint, difficulty, load_blueprint
from firedrill.quiz.gen import TOPICS
from firedrill.quiz.gen.common import Context
from firedrill.quiz.verify import CHECKS


def test_the_default_blueprint_weighs_every_topic_and_tags_every_form() -> None:
    blueprint = default_blueprint()
    assert set(blueprint.topics) == set(TOPICS)
    assert set(blueprint.forms) == set(CHECKS) - {"judge"}


def test_a_paper_follows_the_topic_weights(ctx: Context, tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(
        "name: 分级与升级为主\ntopics: {grading: 3, escalation: 1}\nkinds: {single: 1, true_false: 1}\n",
        encoding="utf-8",
    )
    blueprint = load_blueprint(own)
    from firedrill.quiz.bank import paper

    questions = paper(3, 80, ctx=ctx, blueprint=blueprint)
    topics = Counter(q.topic for q in questions)
    assert set(topics) == {"grading", "escalation"} and topics["grading"] == 60 and topics["escalation"] == 20
    kinds = Counter(q.kind.value for q in questions)
    assert kinds["true_false"] >= 30  # pulled towards half of the paper, as far as the forms allow


def test_difficulty_is_tagged_and_the_paper_tracks_its_share(ctx: Context) -> None:
    from firedrill.quiz.bank import exam_paper

    questions = exam_paper(9, 200, ctx=ctx)
    levels = Counter(difficulty(q) for q in questions)
    assert set(levels) <= set(LEVELS) and len(levels) == 3
    share = default_blueprint().difficulty
    for level, weight in share.items():
        assert abs(levels[level] / 200 - weight / sum(share.values())) < 0.15, levels


def test_a_bad_blueprint_is_one_line_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ntopics: {grading: -1}\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_blueprint(bad)
    code = main(["quiz", "export", "--json", "--n", "3", "--blueprint", str(bad)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and str(bad) in err


def test_export_by_blueprint_carries_difficulty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = tmp_path / "cases.yaml"
    own.write_text("name: 案例\ntopics: {case: 1}\n", encoding="utf-8")
    assert main(["quiz", "export", "--json", "--n", "12", "--blueprint", str(own)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {q["topic"] for q in document["questions"]} == {"case"}
    assert all(q["difficulty"] in LEVELS for q in document["questions"])
