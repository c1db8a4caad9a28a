"""Printing an HTML page to PDF with headless Chromium, for every printable output (playbook
cards, after-action reports).

The PDF is Chromium's own print to PDF (``--headless --print-to-pdf``), so the layout a browser
shows is the one printed. Without Chromium, or when it fails, one InputError naming the flag.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from firedrill.errors import InputError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_TIMEOUT_S = 120


def find_browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name)) is not None), None)


def require_browser(field: str = "--pdf", instead: str = "write the card with --html instead") -> str:
    """The Chromium to print with; without one, an InputError on ``field`` saying what to do ``instead``."""
    browser = find_browser()
    if browser is None:
        raise InputError(f"a PDF needs Chromium ({', '.join(BROWSERS)}) on PATH; {instead}", field=field)
    return browser


def print_pdf(page_html: str, out: Path, *, what: str = "the card", field: str = "--pdf",
              instead: str = "write the card with --html instead") -> None:  # fmt: skip
    """Print ``page_html`` to ``out`` with headless Chromium; a clear InputError when it cannot.
    ``what`` names the page in the message, ``instead`` says what to do without Chromium."""
    browser = require_browser(field, instead)
    with tempfile.TemporaryDirectory(prefix="firedrill-print-") as work:
        page = Path(work) / "page.html"
        page.write_text(page_html, encoding="utf-8")
        target = out.resolve()
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   f"--user-data-dir={work}/profile", "--no-pdf-header-footer", "--print-to-pdf-no-header",
                   f"--print-to-pdf={target}", page.as_uri()]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(f"Chromium could not print {what}: {exc}", field=field) from None
    if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        raise InputError(f"Chromium could not print {what} to {target} (exit {done.returncode})", field=field)
