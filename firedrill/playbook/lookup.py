"""A playbook or a section named the way a person names it: id, Chinese or English name, alias, title.

``show 地铁``, ``show Metro`` and ``show metro`` are the same playbook; ``--section 注意事项``,
``--section "Safety notes"`` and ``--section safety_notes`` the same section.
"""

from __future__ import annotations

import unicodedata

from firedrill.errors import InputError
from firedrill.playbook.loader import Library
from firedrill.playbook.schema import Playbook, SectionKind

SECTION_ALIASES = {"safety": SectionKind.SAFETY_NOTES}


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def find_playbook(library: Library, text: str) -> Playbook:
    """The playbook whose id, name, title or alias (Chinese or English) is ``text``."""
    if text in library:
        return library.get(text)
    wanted = _key(text)
    for playbook in library.all():
        names = (playbook.id, playbook.name.zh, playbook.name.en, playbook.title.zh, playbook.title.en,
                 *playbook.aliases.zh, *playbook.aliases.en)  # fmt: skip
        if wanted in {_key(n) for n in names}:
            return playbook
    return library.get(text)  # the unknown-playbook error, listing the ids


def section_names(playbook: Playbook | None = None) -> list[str]:
    names = [*(k.value for k in SectionKind), *SECTION_ALIASES]
    if playbook is not None:
        names += [s.heading.zh for s in playbook.sections]
    return names


def find_sections(playbook: Playbook, value: str | None) -> list[SectionKind]:
    """Every section for None; else the one named by kind, alias or its heading in either language."""
    if value is None:
        return list(SectionKind)
    wanted = _key(value)
    if wanted in SECTION_ALIASES:
        return [SECTION_ALIASES[wanted]]
    for section in playbook.sections:
        if wanted in (section.kind.value, _key(section.heading.zh), _key(section.heading.en)):
            return [section.kind]
    known = ", ".join(section_names(playbook))
    raise InputError(f"unknown section '{value}' (use one of: {known})", field="--section")
