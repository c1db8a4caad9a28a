"""Citations as the plan writes them, and a walk over every item of a playbook with its citation.

附件1 一(五)6 is attachment 1, playbook 一 (高层建筑), section (五) (注意事项), item 6; a sub-item adds its
own number, 附件1 一(四)3(2). Attachment 7 holds a single playbook, so it has no playbook number and
its sections are numbered 一、二 …: 附件7 五3, 附件7 四(一)1.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.playbook.schema import Item, Playbook, Section, SectionKind

_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "．": "."})
_SEPARATORS = ".、"


def normalise_number(number: str) -> str:
    """``"（1）"`` → ``"(1)"``, ``"6."`` → ``"6"``: the form a citation writes."""
    return "".join(number.split()).translate(_FULL_WIDTH).rstrip(_SEPARATORS)


def playbook_citation(playbook: Playbook) -> str:
    """``附件1 一``; ``附件7`` for a playbook that is the whole attachment."""
    number = normalise_number(playbook.number) if playbook.number else ""
    return f"附件{playbook.attachment} {number}".rstrip()


def section_citation(playbook: Playbook, section: Section) -> str:
    number = normalise_number(playbook.number) if playbook.number else ""
    return f"附件{playbook.attachment} {number}{normalise_number(section.number)}"


def item_citation(playbook: Playbook, section: Section, *items: Item) -> str:
    return section_citation(playbook, section) + "".join(normalise_number(i.number) for i in items)


@dataclass(frozen=True)
class CitedEntry:
    """A section paragraph or a numbered item, with where it stands in the plan."""

    playbook_id: str
    section: SectionKind
    citation: str
    heading: Text | None
    text: Text | None
    depth: int  # 0: the section itself, 1: an item, 2: a sub-item …

    def plain(self, lang: str = "zh") -> str:
        """Heading and text as one line in ``lang``."""
        parts = [t.in_lang(lang) for t in (self.heading, self.text) if t is not None]
        return ("：" if lang == "zh" else ": ").join(parts)


def _walk(
    playbook: Playbook, section: Section, items: tuple[Item, ...], trail: tuple[Item, ...]
) -> Iterator[CitedEntry]:
    for item in items:
        path = (*trail, item)
        yield CitedEntry(
            playbook_id=playbook.id,
            section=section.kind,
            citation=item_citation(playbook, section, *path),
            heading=item.heading,
            text=item.text,
            depth=len(path),
        )
        yield from _walk(playbook, section, item.items, path)


def iter_entries(playbook: Playbook, *, sections: bool = True) -> Iterator[CitedEntry]:
    """Every section (with its paragraph, if any) and every item, depth first, in the plan's order.

    With ``sections=False`` only sections written as a paragraph are kept among the depth-0
    entries, so that each entry yielded carries plan text (what a quiz asks about).
    """
    for section in playbook.sections:
        if sections or section.text is not None:
            yield CitedEntry(
                playbook_id=playbook.id,
                section=section.kind,
                citation=section_citation(playbook, section),
                heading=section.heading,
                text=section.text,
                depth=0,
            )
        yield from _walk(playbook, section, section.items, ())


def find_entry(playbook: Playbook, citation: str) -> CitedEntry:
    """The entry cited as ``citation`` (whitespace and full-width brackets ignored)."""
    wanted = normalise_number(citation)
    for entry in iter_entries(playbook):
        if normalise_number(entry.citation) == wanted:
            return entry
    raise InputError(f"playbook '{playbook.id}' has no item {citation}", field="citation")
