"""Topic ``scenario``: which playbook (附件1—7) a fire characteristic or a safety note belongs to.

Several playbooks say nearly the same thing (易造成人员伤亡 appears in five), so a playbook is
offered as a wrong answer only if none of its items in that section resembles the one asked:
neither contains the other and they share less than ``similarity`` of their character pairs. An
item that several other playbooks also say (more than ``max_alike``) is too generic to ask at all.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from functools import cache

from firedrill.playbook.citations import CitedEntry, iter_entries
from firedrill.playbook.schema import Playbook, SectionKind
from firedrill.quiz.gen.common import Context, choice, pick
from firedrill.quiz.model import Option, Question
from firedrill.quiz.settings import ScenarioSettings
from firedrill.quiz.texts import tx

TOPIC = "scenario"


def normalise(text: str) -> str:
    """Letters only: punctuation, spaces and symbols dropped (、,;。 differ between items)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def resembles(a: str, b: str, similarity: float) -> bool:
    """True when two item texts could be taken for one another."""
    x, y = normalise(a), normalise(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    px, py = _pairs(x), _pairs(y)
    return len(px & py) / min(len(px), len(py)) >= similarity


@dataclass(frozen=True)
class Candidate:
    playbook: Playbook
    entry: CitedEntry
    wrong: tuple[Playbook, ...]  # playbooks that can be offered as wrong answers


def _askable(entry: CitedEntry) -> bool:
    """An item of a list, or a section written as one paragraph (灭火基本要求) — never a heading."""
    return entry.text is not None and (entry.depth > 0 or entry.section is SectionKind.BASIC_REQUIREMENTS)


def _items(playbook: Playbook, section: SectionKind) -> list[CitedEntry]:
    return [e for e in iter_entries(playbook) if e.section is section and _askable(e)]


def _alike(entry: CitedEntry, other: Playbook, settings: ScenarioSettings) -> bool:
    """Could ``other`` also be the right answer for ``entry``?"""
    assert entry.text is not None
    twins = settings.equivalent_to(entry.citation)
    return any(
        e.citation in twins
        or (e.text is not None and resembles(entry.text.zh, e.text.zh, settings.similarity_for(entry.section)))
        for e in _items(other, entry.section)
    )


@cache
def candidates(ctx: Context) -> tuple[Candidate, ...]:
    """Every distinctive item with enough wrong answers to offer, in library order."""
    settings = ctx.settings.scenario
    playbooks = ctx.library.all()
    found = []
    for playbook in playbooks:
        for entry in iter_entries(playbook):
            if entry.section not in settings.sections or not _askable(entry) or entry.text is None:
                continue
            if len(normalise(entry.text.zh)) < settings.min_chars:
                continue
            wrong = tuple(o for o in playbooks if o.id != playbook.id and not _alike(entry, o, settings))
            alike = len(playbooks) - 1 - len(wrong)
            if alike <= settings.max_alike and len(wrong) >= ctx.settings.generation.choices - 1:
                found.append(Candidate(playbook, entry, wrong))
    return tuple(found)


def scenario_question(rng: random.Random, ctx: Context) -> Question:
    chosen = rng.choice(candidates(ctx))
    entry = chosen.entry
    assert entry.text is not None
    section = chosen.playbook.section(entry.section)
    playbooks = [chosen.playbook, *pick(rng, chosen.wrong, ctx.settings.generation.choices - 1)]
    options = [Option(value=p.id, text=p.title) for p in playbooks]
    return choice(
        rng,
        topic=TOPIC,
        form=f"scenario.{entry.section.value}",
        prompt=tx("scenario.prompt", section=section.heading, text=entry.text),
        options=options,
        right=[chosen.playbook.id],
        explanation=tx(
            "scenario.explain",
            playbook=chosen.playbook.title,
            citation=entry.citation,
            section=section.heading,
            text=entry.text,
        ),
        citation=entry.citation,
        quote=entry.text.zh,
        facts={"section": entry.section.value, "citation": entry.citation, "text": entry.text.zh},
    )


FORMS = (scenario_question,)
