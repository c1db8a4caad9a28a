"""The after-action report printed to PDF (``firedrill drill … --report-pdf``): the report's HTML
printed by headless Chromium, as the playbook cards are; page 1 is not blank and carries the title
and the chart's clock-time axis."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from firedrill import printpdf
from firedrill.cli.main import main
from firedrill.replay.words import w
from tests.playbook.pngcheck import ink_fraction
from tests.tools import require

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scenarios" / "hanzheng-mall-night.yaml"
ANSWERS = ROOT / "scenarios" / "answers" / "hanzheng-mall-night.yaml"
MIN_INK = 0.01  # a printed report page inks well over 1% of it; a blank page does not


def _tools() -> tuple[str, str]:
    found = (shutil.which("pdftoppm"), shutil.which("pdftotext"))
    missing = printpdf.find_browser() is None or None in found
    require("printing reports needs chromium, pdftoppm and pdftotext (Debian: chromium, poppler-utils)"
            if missing else None)  # fmt: skip
    return str(found[0]), str(found[1])


def _drill(out: Path, *extra: str) -> int:
    return main(["drill", str(SCRIPT), "--answers", str(ANSWERS), "--out", str(out), "--no-save", *extra])


def test_without_chromium_the_pdf_is_refused_first_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(printpdf, "find_browser", lambda: None)
    assert _drill(tmp_path, "--report-pdf") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Chromium" in err and "--report-pdf" in err
    assert list(tmp_path.iterdir()) == []  # said before the drill is played: nothing half done


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_of_a_shipped_drill_prints_to_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     lang: str) -> None:  # fmt: skip
    pdftoppm, pdftotext = _tools()
    assert _drill(tmp_path, "--report-pdf", "--lang", lang) == 0, capsys.readouterr().err
    (pdf,) = tmp_path.glob("*.pdf")
    assert str(pdf) in capsys.readouterr().out
    assert pdf.with_suffix(".html").is_file() and pdf.with_suffix(".md").is_file()
    subprocess.run([pdftoppm, "-png", "-r", "30", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "page1")], check=True, timeout=120)  # fmt: skip
    assert ink_fraction(tmp_path / "page1.png") > MIN_INK
    text = subprocess.run([pdftotext, "-f", "1", "-l", "1", str(pdf), "-"], check=True, timeout=120,
                          capture_output=True, text=True).stdout  # fmt: skip
    title = "汉正街批发市场夜间火灾" if lang == "zh" else "Hanzheng"
    assert w("report", "title", lang) in text and title in text
    assert "23:40" in text and "23:48" in text  # the chart's x-axis: clock times from the start
