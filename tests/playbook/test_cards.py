"""One-page cards: every line cited, the plan's prohibitions, and each card printed to one non-blank page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from firedrill import printpdf
from firedrill.cli.main import main
from firedrill.playbook.card import build_card, card_lines
from firedrill.playbook.card_html import card_html
from firedrill.playbook.loader import Library
from tests.tools import require

from .helpers import EXPECTED_IDS, local_playbook
from .pngcheck import ink_fraction

MIN_INK = 0.01  # a printed card inks well over 1% of its page; a blank or glyph-less page does not


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_plan_line_of_every_card_is_cited(library: Library, lang: str) -> None:
    for playbook in library.all():
        card = build_card(playbook, lang)
        assert [s.id for s in card.sections] == ["hazards", "prohibitions", "numbers", "units", "phases"]
        hazards = card.sections[0].lines
        assert hazards and all(line.cite and line.cite.startswith(card.citation) for line in hazards)
        phases = card.sections[4].lines
        assert len(phases) == 9 and all(line.cite == "4.5" for line in phases)


def test_the_plans_prohibitions_are_on_the_card(library: Library) -> None:
    cited = {line.cite for line in build_card(library.get("theatre"), "zh").sections[1].lines}
    assert {"附件5 一(五)2", "附件5 一(五)4"} <= cited  # 水枪阵地不可设在…中央; 严禁非作战人员进入现场
    brick = {line.cite for line in build_card(library.get("brick-wood"), "zh").sections[1].lines}
    assert "附件1 三(五)3" in brick  # 不可用大口径水枪直接冲击承重墙


def test_key_numbers_and_units_in_chinese(library: Library) -> None:
    text = "\n".join(card_lines(library.get("epidemic-zone"), "zh"))
    assert "1–2 人" in text and "persons" not in text
    assert "警戒区出入口安排1—2名安全员" in text


def test_card_lines_are_the_card_the_console_shows(library: Library) -> None:
    card = build_card(library.get("metro"), "en")
    lines = card_lines(library.get("metro"), "en")
    assert lines[0] == f"{card.citation} {card.title} [metro]"
    assert all(f"  • {line.text}" in "\n".join(lines) for s in card.sections for line in s.lines)


def test_a_local_playbooks_card_escapes_markup_and_drops_controls(library: Library) -> None:
    from firedrill.playbook.schema import Playbook

    evil = Playbook.model_validate(local_playbook(name={"zh": "仓<script>x</script>", "en": "Depot"},
                                                  title={"zh": "区\x1b[2J级<b>仓库", "en": "Depot\x07"}))  # fmt: skip
    page = card_html(build_card(evil, "zh"))
    assert "<b>" not in page and "&lt;b&gt;" in page and "\x1b" not in page


def test_pdf_without_chromium_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(printpdf, "find_browser", lambda: None)
    assert main(["playbook", "card", "theatre", "--pdf", str(tmp_path / "c.pdf")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Chromium" in err and "--html" in err


def test_html_card_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "metro.html"
    assert main(["playbook", "card", "Metro", "--lang", "en", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Top hazards" in page and "附件6 一(五)6" in page


def _tools() -> tuple[str, str] | None:
    browser, pdftoppm = printpdf.find_browser(), shutil.which("pdftoppm")
    require("printing cards needs chromium and pdftoppm (Debian: chromium, poppler-utils)"
            if browser is None or pdftoppm is None else None)  # fmt: skip
    return browser, pdftoppm


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_card_prints_to_one_page_that_is_not_blank(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          lang: str) -> None:  # fmt: skip
    tools = _tools()
    assert tools is not None
    pdf = tmp_path / f"cards-{lang}.pdf"
    assert main(["playbook", "card", "--all", "--lang", lang, "--pdf", str(pdf)]) == 0, capsys.readouterr().err
    subprocess.run([tools[1], "-png", "-r", "30", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == len(EXPECTED_IDS)  # one page per card: none spills onto a second
    inks = {page.name: ink_fraction(page) for page in pages}
    assert all(ink > MIN_INK for ink in inks.values()), inks


def test_one_card_prints_to_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tools = _tools()
    assert tools is not None
    pdf = tmp_path / "theatre.pdf"
    assert main(["playbook", "card", "影剧院", "--pdf", str(pdf)]) == 0
    subprocess.run([tools[1], "-png", "-r", "30", "-singlefile", str(pdf), str(tmp_path / "one")], check=True,
                   timeout=120)  # fmt: skip
    assert ink_fraction(tmp_path / "one.png") > MIN_INK
