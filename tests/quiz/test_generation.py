"""3,000 generated questions: every key re-derived independently, every topic and form present, bilingual, cited."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

from firedrill.adapters import validate
from firedrill.models import Incident, Level
from firedrill.quiz.gen import TOPICS
from firedrill.quiz.gen.common import QUOTE_SEPARATOR, Context
from firedrill.quiz.gen.incidents import thresholds
from firedrill.quiz.model import Kind, Question
from firedrill.quiz.verify import CHECKS, verify
from firedrill.rules import assess
from firedrill.rules.schema import Measure
from tests.conftest import squash
from tests.quiz.conftest import PAPER_SIZE

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_key_in_the_bank_is_the_one_the_data_gives(bank: tuple[Question, ...], ctx: Context) -> None:
    problems = {q.id: verify(q, ctx) for q in bank}
    assert {qid: p for qid, p in problems.items() if p} == {}


def test_the_bank_covers_every_topic_and_every_form(bank: tuple[Question, ...]) -> None:
    topics = Counter(q.topic for q in bank)
    forms = Counter(q.form for q in bank)
    assert set(topics) == set(TOPICS)
    assert set(forms) == set(CHECKS), "a question form was never drawn, or the verifier lacks a check"
    share = PAPER_SIZE // (3 * len(TOPICS))
    stems = {t: len({q.stem for q in bank if q.topic == t}) for t in topics}
    for start in range(0, len(bank), PAPER_SIZE):
        one = Counter(q.topic for q in bank[start : start + PAPER_SIZE])
        # a topic with few distinct questions gives most of them and leaves the rest of its share to others
        assert all(one[t] >= min(share, (stems[t] + 1) // 2) for t in topics), (one, stems)
    assert {q.kind for q in bank} == set(Kind)


def test_grading_keys_agree_with_assess_directly(bank: tuple[Question, ...]) -> None:
    """Independent of firedrill.quiz.verify: the engine's level is the key, every other level is wrong."""
    for q in (q for q in bank if q.form == "grading.level"):
        result = assess(validate(Incident, q.facts["incident"]))
        assert not result.escalated
        assert [q.options[i].value for i in q.key] == [result.level.value]
        assert {o.value for o in q.options} == {lv.value for lv in Level}


def test_grading_numbers_sit_on_and_beside_the_thresholds(bank: tuple[Question, ...], ctx: Context) -> None:
    """以上 includes the number and 以下 excludes it: the drawn values must test both sides."""
    on, below = Counter[str](), Counter[str]()
    for q in (q for q in bank if q.form == "grading.level"):
        incident = q.facts["incident"]
        for measure in (Measure.DEATHS, Measure.SERIOUS_INJURIES, Measure.DIRECT_LOSS_YUAN, Measure.BURNING_AREA_M2):
            value = incident[measure.value]
            limits = thresholds(ctx.rulebook.grading, measure, incident["site_category"])
            on[measure.value] += value in limits
            below[measure.value] += any(0 < limit - value <= 1_000_000 for limit in limits if value)
    assert all(on[m] > 0 and below[m] > 0 for m in on), (on, below)


def test_escalation_triggers_cover_none_and_every_trigger(bank: tuple[Question, ...]) -> None:
    keys = Counter(q.key_values()[0] for q in bank if q.form == "escalation.trigger")
    assert {"none", "night", "severe_weather", "holiday_or_political", "rising_calls", "manual"} <= set(keys)


def test_night_boundary_minutes_are_asked(bank: tuple[Question, ...]) -> None:
    clocks = {
        datetime.fromisoformat(q.facts["incident"]["reported_at"]).strftime("%H:%M")
        for q in bank
        if q.form == "escalation.trigger"
    }
    assert {"21:59", "22:00", "05:59", "06:00"} <= clocks


def test_every_question_is_bilingual_and_cited(bank: tuple[Question, ...]) -> None:
    for q in bank:
        assert CJK.search(q.prompt.zh), q.prompt
        assert re.search(r"[A-Za-z]{3}", q.prompt.en), q.prompt
        assert all(o.text.zh.strip() and o.text.en.strip() for o in q.options)
        assert q.citation.strip() and q.explanation.zh.strip() and q.explanation.en.strip()


def test_quotes_are_the_plans_own_words(bank: tuple[Question, ...], plan_squashed: str) -> None:
    """Every quote shown after an answer is in the plan text (the national standard's are cited as such)."""
    for q in bank:
        for part in q.quote.split(QUOTE_SEPARATOR):
            text = squash(part)
            if text and "公消" not in q.citation:
                assert text in plan_squashed, (q.form, part)


def test_options_never_read_the_same(bank: tuple[Question, ...]) -> None:
    for q in bank:
        for lang in ("zh", "en"):
            shown = [o.text.in_lang(lang) for o in q.options]
            assert len(set(shown)) == len(shown), (q.form, shown)


def test_the_chinese_side_holds_no_english_sentence(bank: tuple[Question, ...]) -> None:
    """Every label Chinese in the Chinese interface: no run of English words on the zh side."""
    english = re.compile(r"[A-Za-z]{2,}[ ,.]+[A-Za-z]{2,}[ ,.]+[A-Za-z]{2,}")
    for q in bank:
        for text in (q.prompt.zh, q.explanation.zh, *(o.text.zh for o in q.options)):
            assert not english.search(text), (q.form, text)
