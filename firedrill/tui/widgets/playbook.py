"""The playbook panel: the five sections as tabs (注意事项 highlighted) and the playbook's calculators."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import TabbedContent, TabPane

from firedrill.tui.widgets.calculators import CalculatorForm
from firedrill.tui.widgets.panel import TextPanel, cite, heading
from firedrill.tui.words import colon, w

if TYPE_CHECKING:
    from firedrill.playbook.schema import Item, Playbook

SECTIONS = ("characteristics", "basic_requirements", "tactical_points", "measures", "safety_notes")
SAFETY = "safety_notes"  # F5: the tab opens with the one-page card (firedrill.playbook.card), then the notes


def _items(items: tuple[Item, ...], lang: str, depth: int) -> list[Content]:
    lines: list[Content] = []
    for item in items:
        words = [t.in_lang(lang) for t in (item.heading, item.text) if t is not None]
        number = item.number if item.number.startswith(("(", "（")) else f"{item.number}."
        lines.append(Content("  " * depth + f"{number} {colon(lang).join(words)}"))
        lines += _items(item.items, lang, depth + 1)
    return lines


def section_lines(playbook: Playbook, kind: str, lang: str) -> list[Content]:
    from firedrill.playbook.citations import section_citation
    from firedrill.playbook.schema import SectionKind

    section = playbook.section(SectionKind(kind))
    lines = [Content.assemble(heading(f"{section.number} {section.heading.in_lang(lang)} "),
                              cite(section_citation(playbook, section)))]  # fmt: skip
    if section.text is not None:
        lines.append(Content(section.text.in_lang(lang)))
    return lines + _items(section.items, lang, 0)


class _PlaybookTabs(Vertical):
    """The tabs themselves: the five sections and the calculators."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with TabbedContent(id="playbook-tabs"):
            for kind in SECTIONS:
                with TabPane(w(f"sec_{kind}", self.lang), id=f"sec-{kind}"):
                    yield TextPanel(id=f"text-{kind}", classes="safety" if kind == SAFETY else "")
            with TabPane(w("sec_calc", self.lang), id="sec-calc"):
                yield CalculatorForm(self.lang, id="calculators")


class PlaybookPanel(Vertical):
    """Shows one playbook in tabs; ``show(playbook, lang)`` replaces what it shows.

    Its sixty-odd widgets are built just after the first screen is drawn, not before, so the
    console opens fast; until then ``show`` only remembers what to show.
    """

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.built = False
        self._wanted: tuple[Playbook | None, str] | None = None
        self._tab: str | None = None
        self._clock: tuple[datetime, datetime, bool] | None = None

    def on_mount(self) -> None:
        self.call_after_refresh(self._build)

    async def _build(self) -> None:
        await self.mount(_PlaybookTabs(self.lang))
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self.built = True
        self.tabs.get_tab(f"sec-{SAFETY}").add_class("safety")
        if self._wanted is not None:
            self.show(*self._wanted)
        if self._clock is not None:
            self.set_clock(*self._clock)
        if self._tab == SAFETY:
            self.show_safety()
        elif self._tab == "calc":
            self.show_calculators()

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#playbook-tabs", TabbedContent)

    def show(self, playbook: Playbook | None, lang: str) -> None:
        self.lang = lang
        self._wanted = (playbook, lang)
        if not self.built:
            return
        for kind in SECTIONS:
            self.tabs.get_tab(f"sec-{kind}").label = w(f"sec_{kind}", lang)
            panel = self.query_one(f"#text-{kind}", TextPanel)
            if playbook is None:
                panel.set_lines([w("no_scenario_hint", lang)])
            else:
                title = Content.styled(f"{playbook.title.in_lang(lang)}", "bold")
                panel.set_lines([*self._card(playbook, kind, lang), title, *section_lines(playbook, kind, lang)])
        self.tabs.get_tab("sec-calc").label = w("sec_calc", lang)
        self.query_one(CalculatorForm).show(playbook, lang)

    @staticmethod
    def _card(playbook: Playbook, kind: str, lang: str) -> list[Content]:
        """Above the safety notes, the one-page card, the same lines as ``firedrill playbook card``."""
        if kind != SAFETY:
            return []
        from firedrill.playbook.card import card_lines

        return [*(Content(line) for line in card_lines(playbook, lang)), Content("")]

    def show_safety(self) -> None:
        """F5: the safety tab, which opens with the one-page card (top hazards, prohibitions, key numbers,
        units, phases) and then gives the notes in full."""
        self._tab = SAFETY
        if self.built:
            self.tabs.active = f"sec-{SAFETY}"
            self.query_one(f"#text-{SAFETY}", TextPanel).focus()

    def show_calculators(self) -> None:
        self._tab = "calc"
        if self.built:
            self.tabs.active = "sec-calc"
            self.query_one(CalculatorForm).focus_first()

    def set_clock(self, ignition: datetime, now: datetime, from_report: bool) -> None:
        self._clock = (ignition, now, from_report)
        if self.built:
            self.query_one(CalculatorForm).set_clock(ignition, now, from_report)
