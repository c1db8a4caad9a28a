"""Small formatting helpers the after-action report's Markdown and HTML share."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]  # header, rows


def md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def md_table(table: Table) -> list[str]:
    head, rows = table
    return ["| " + " | ".join(map(md_cell, head)) + " |", "|" + " --- |" * len(head),
            *("| " + " | ".join(map(md_cell, row)) + " |" for row in rows)]  # fmt: skip


def html_table(rows: list[tuple[str, ...]], head: tuple[str, ...] | None = None) -> str:
    out = ["<table>"]
    if head:
        out.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>")
    out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows]
    out.append("</table>")
    return "\n".join(out)


def html_list(items: Iterable[str]) -> str:
    """An HTML list of items already escaped."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
