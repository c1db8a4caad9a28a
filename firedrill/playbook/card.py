"""A playbook's one-page card: top hazards, the plan's prohibitions, key numbers, units to call and
the clause 4.5 phases, every line cited. ``build_card`` makes it; ``card_lines`` is its text (the
console's F5 view and the CLI); ``card_html.py`` lays it out for print.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from firedrill.models import Text
from firedrill.playbook.citations import iter_entries, playbook_citation
from firedrill.playbook.params import ParameterRef, number
from firedrill.playbook.phases import combat_sequence, load_combat_phases
from firedrill.playbook.render_calc import unit
from firedrill.playbook.safe_text import clean
from firedrill.playbook.schema import Playbook, SectionKind
from firedrill.yamlio import load_model

DATA_FILE = Path(__file__).parent / "data" / "card.yaml"
DIGIT = re.compile(r"\d")
SECTION_ORDER = ("hazards", "prohibitions", "numbers", "units", "phases")


class CardTitles(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    hazards: Text
    prohibitions: Text
    numbers: Text
    units: Text
    phases: Text


class CardNotes(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    no_numbers: Text
    no_prohibitions: Text
    no_units: Text
    no_phase_item: Text
    stated: Text
    implied: Text
    source: Text


class CardSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    prohibition_markers: tuple[str, ...] = Field(min_length=1)
    titles: CardTitles
    notes: CardNotes


@cache
def load_card_settings() -> CardSettings:
    return load_model(CardSettings, DATA_FILE)


class CardLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    cite: str | None  # None: a note of the software, not a line of the plan


class CardSection(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    lines: tuple[CardLine, ...]


class Card(BaseModel):
    model_config = ConfigDict(frozen=True)

    playbook: str
    lang: str
    title: str
    citation: str
    sections: tuple[CardSection, ...]
    source: str


def _line(text: str, cite: str | None) -> CardLine:
    return CardLine(text=clean(text), cite=cite)


def _figure(p: ParameterRef, lang: str) -> str:
    low = number(p.minimum) if p.minimum is not None else "0"
    high = number(p.maximum) if p.maximum is not None else "∞"
    span = low if low == high else f"{low}–{high}"
    return f"{p.name.in_lang(lang)}: {span} {unit(p.unit, lang)} — “{p.quote}”"


def build_card(playbook: Playbook, lang: str) -> Card:
    """The card of ``playbook`` in ``lang`` ('zh' or 'en'), every plan line with its citation."""
    settings = load_card_settings()
    notes = settings.notes
    items = [e for e in iter_entries(playbook) if e.text is not None or e.heading is not None]
    hazards = [_line(e.plain(lang), e.citation) for e in items if e.section is SectionKind.CHARACTERISTICS
               and e.depth > 0]  # fmt: skip
    prohibitions = [_line(e.plain(lang), e.citation) for e in items
                    if any(m in e.plain("zh") for m in settings.prohibition_markers)]  # fmt: skip
    numbers = [_line(_figure(ParameterRef.of(p), lang), p.cite) for p in playbook.parameters]
    if not numbers:
        numbers = [_line(e.plain(lang), e.citation) for e in items
                   if e.section is not SectionKind.CHARACTERISTICS and DIGIT.search(e.plain("zh"))]  # fmt: skip
    units = [_line(f"{u.name.in_lang(lang)} — {u.role.in_lang(lang)} "
                   f"({(notes.stated if u.stated else notes.implied).in_lang(lang)})", u.cite)
             for u in playbook.linked_units]  # fmt: skip
    phases = []
    prefix = playbook_citation(playbook)
    for step in combat_sequence(playbook):
        # The playbook's own citation is written once: 附件1 一 (四)1, (四)3 rather than 附件1 一(四)1, 附件1 一(四)3.
        short = ", ".join(e.citation.removeprefix(prefix) for e in step.entries)
        cites = f"{prefix} {short}" if short else notes.no_phase_item.in_lang(lang)
        phases.append(_line(f"{step.phase.name.in_lang(lang)}: {cites}", load_combat_phases().clause))
    content = {"hazards": hazards, "prohibitions": prohibitions or [_line(notes.no_prohibitions.in_lang(lang), None)],
               "numbers": numbers or [_line(notes.no_numbers.in_lang(lang), None)],
               "units": units or [_line(notes.no_units.in_lang(lang), None)], "phases": phases}  # fmt: skip
    titles = settings.titles
    return Card(
        playbook=playbook.id, lang=lang, title=clean(playbook.title.in_lang(lang)),
        citation=playbook_citation(playbook),
        sections=tuple(CardSection(id=key, title=getattr(titles, key).in_lang(lang), lines=tuple(content[key]))
                       for key in SECTION_ORDER),
        source=notes.source.in_lang(lang),
    )  # fmt: skip


def card_lines(playbook: Playbook, lang: str) -> list[str]:
    """The card as plain text lines (the console's F5 view, ``firedrill playbook card``)."""
    card = build_card(playbook, lang)
    lines = [f"{card.citation} {card.title} [{card.playbook}]"]
    for section in card.sections:
        lines += ["", section.title]
        lines += [f"  • {line.text}" + (f" ({line.cite})" if line.cite else "") for line in section.lines]
    lines += ["", card.source]
    return lines
