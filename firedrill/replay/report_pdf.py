"""The after-action report as PDF: the report's HTML (clock-time axis, unanswered prompts
marked) printed by headless Chromium (``firedrill.printpdf``, as the playbook cards are)."""

from __future__ import annotations

from pathlib import Path

from firedrill.printpdf import print_pdf, require_browser

FIELD = "--report-pdf"
WITHOUT = "leave out --report-pdf for the Markdown and HTML reports"
PRINT_STYLE = "<style>@page { size: A4; margin: 12mm; } svg { max-width: 100%; height: auto; }</style>"


def printable(page_html: str) -> str:
    """The report's HTML with an A4 page and the chart fitted to the page width."""
    return page_html.replace("</head>", f"{PRINT_STYLE}\n</head>", 1)


def can_print() -> None:
    """Refuse ``--report-pdf`` before a drill starts when there is no Chromium to print with."""
    require_browser(FIELD, WITHOUT)


def write_pdf(page: Path) -> Path:
    """Print the written HTML report ``page`` to the PDF beside it (same name, ``.pdf``)."""
    out = page.with_suffix(".pdf")
    print_pdf(printable(page.read_text(encoding="utf-8")), out, what="the after-action report", field=FIELD,
              instead=WITHOUT)  # fmt: skip
    return out
