"""A playbook card laid out as one printable HTML page (``firedrill.printpdf`` prints it to PDF).

The HTML holds only escaped text (nothing from a file is markup).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from firedrill.playbook.card import Card

STYLE = """
@page { size: A4; margin: 9mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
       "PingFang SC", sans-serif; font-size: 8.4pt; line-height: 1.32; color: #111; margin: 0; }
h1 { font-size: 13pt; margin: 0 0 2mm 0; border-bottom: 1.2pt solid #b00; padding-bottom: 1mm; }
h1 .cite { font-size: 9pt; color: #555; font-weight: normal; }
.columns { column-count: 2; column-gap: 6mm; }
section { break-inside: avoid-column; margin-bottom: 2.5mm; }
h2 { font-size: 9.6pt; margin: 0 0 1mm 0; color: #b00; }
ul { margin: 0; padding-left: 4mm; }
li { margin: 0 0 0.6mm 0; }
.cite { color: #555; white-space: nowrap; }
.card { break-after: page; }
.card:last-child { break-after: auto; }
footer { margin-top: 2mm; font-size: 7.4pt; color: #444; border-top: 0.6pt solid #999; padding-top: 1mm; }
"""


def _page(card: Card) -> list[str]:
    e = html.escape
    parts = [f'<article class="card" lang="{"zh-CN" if card.lang == "zh" else "en"}">',
             f'<h1>{e(card.title)} <span class="cite">{e(card.citation)} · {e(card.playbook)}</span></h1>',
             '<div class="columns">']  # fmt: skip
    for section in card.sections:
        parts.append(f'<section class="{e(section.id)}"><h2>{e(section.title)}</h2><ul>')
        for line in section.lines:
            cite = f' <span class="cite">({e(line.cite)})</span>' if line.cite else ""
            parts.append(f"<li>{e(line.text)}{cite}</li>")
        parts.append("</ul></section>")
    return [*parts, "</div>", f"<footer>{e(card.source)}</footer>", "</article>"]


def card_html(cards: Card | Sequence[Card]) -> str:
    """One card, or several one to a page (a binder), as a self-contained HTML document (A4, two columns)."""
    pages = [cards] if isinstance(cards, Card) else list(cards)
    title = html.escape(pages[0].title if len(pages) == 1 else "firedrill")
    parts = [f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title><style>{STYLE}</style>',
             "</head><body>"]  # fmt: skip
    for page in pages:
        parts += _page(page)
    return "\n".join([*parts, "</body></html>"])
