"""After-action reports: Markdown and a self-contained HTML page with the SVG level chart; the
drill and its answers stored in the journal database; the ``firedrill drill`` command."""

from __future__ import annotations

import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from firedrill.cli import drill as drill_cli
from firedrill.journal import Journal
from firedrill.replay.drill import DrillResult, score_drill
from firedrill.replay.report import to_html, to_markdown, write_reports
from firedrill.replay.store import DRILL_PART, load_drill, save_drill
from firedrill.timeutil import to_local
from tests.replay.cli import run
from tests.replay.helpers import BASE, replay_of, write
from tests.replay.test_drill import ANSWERS, DRILL, EXPECTED


class Page(HTMLParser):
    """Collects tags, attributes and text; remembers whether every tag was closed."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture
def result(tmp_path: Path) -> DrillResult:
    return score_drill(replay_of(tmp_path, DRILL), write(tmp_path, ANSWERS, "answers.yaml"))


def test_html_is_well_formed_self_contained_and_charts_both_levels(result: DrillResult) -> None:
    page = Page()
    page.feed(to_html(result, "en"))
    page.close()
    assert page.open == []
    names = [t for t, _ in page.tags]
    assert names.count("svg") == 1 and "style" in names
    assert not [a for _, attrs in page.tags for k, a in attrs.items() if k in ("src", "href")]  # no external assets
    lines = {attrs.get("class"): attrs for tag, attrs in page.tags if tag == "polyline"}
    assert set(lines) == {"required", "declared"}
    # the required line steps through general → major → especially major: three distinct heights
    heights = {float(p.split(",")[1]) for p in (lines["required"]["points"] or "").split()}
    assert len(heights) == 3
    circles = [attrs.get("class") for t, attrs in page.tags if t == "circle"]
    assert circles.count(None) == len([m for m in result.marks if m.declared])  # a dot per answer
    assert circles.count("unanswered") == len([m for m in result.marks if m.declared is None])  # a ring per gap
    text = "".join(page.text)
    assert "After-action report" in text and "Performed with major challenges" in text and "33.3%" in text


def test_markdown_lists_every_prompt_with_declared_and_required(result: DrillResult) -> None:
    md = to_markdown(result, "zh")
    assert md.startswith("# 演练评估报告 — 演练脚本")
    headings = [line for line in md.splitlines() if line.startswith("### ")]
    assert [h.split("评定 ")[1][0] for h in headings] == EXPECTED
    assert "| 火警等级(4.3后,评分) | 重大 | 特别重大 |" in md  # prompt 5: declared major, required especially major
    assert "| 调度规模(站/编队/车) | 8/15/30 | 6—9/11—20/21—40 |" in md
    assert "HSEEP" in md


def test_report_files_written(result: DrillResult, tmp_path: Path) -> None:
    md, page = write_reports(result, tmp_path / "out", "en")
    assert md.read_text(encoding="utf-8") == to_markdown(result, "en")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert md.stem == page.stem and "drill-script" in md.stem


def test_drill_stored_in_the_journal_database(result: DrillResult, tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    with Journal.open(db) as journal:
        run_id = save_drill(journal, result, to_local(result.start))
        assert load_drill(journal, run_id) == result
        assert load_drill(journal, run_id + 1) is None
        assert journal.part_versions()[DRILL_PART.name] == DRILL_PART.latest
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT inject, declared_level, required_level, grade FROM drill_answers "
                            "WHERE run_id = ? ORDER BY inject", (run_id,)).fetchall()  # fmt: skip
    assert [r[3] for r in rows] == EXPECTED
    assert rows[4] == (5, "major", "especially_major", "U")
    assert rows[6][1] is None  # prompt 7 was not answered


def test_drill_command_writes_reports_and_stores_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script, answers = write(tmp_path, DRILL), write(tmp_path, ANSWERS, "answers.yaml")
    out, data = tmp_path / "reports", tmp_path / "data"
    code = run(drill_cli, str(script), "--answers", str(answers), "--out", str(out), "--data-dir", str(data),
               "--lang", "en")  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert printed.startswith("M 33.3% — ") and printed.strip().endswith("(#1)")
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".md"]
    with Journal.open(data / "firedrill.sqlite3") as journal:
        stored = load_drill(journal, 1)
    assert stored is not None and [m.grade.value for m in stored.marks] == EXPECTED


def test_interactive_drill_refuses_without_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from firedrill.cli.main import main

    assert main(["drill", str(write(tmp_path, BASE)), "--no-save", "--out", str(tmp_path)]) == 2
    assert "--answers" in capsys.readouterr().err
