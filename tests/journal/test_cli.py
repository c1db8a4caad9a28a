"""``firedrill journal list|show|export`` on a temporary data dir, and its one-line errors (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.datadir import default_db_path
from firedrill.journal import Journal

from .clock import T0, at

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "cli-data"
    with Journal.open(default_db_path(directory)) as j:
        first = j.create_incident("汉阳化工厂火灾", "chemical", T0)
        j.append(first.id, "note", {"text": "泡沫车到场"}, at(5))
        j.close_incident(first.id, at(60))
        second = j.create_incident("江岸高层火灾", None, at(10))
        j.append(second.id, "fact", {"changes": {"deaths": 0}, "typed": {"deaths": "0"}}, at(11))
    return directory


def test_list_shows_every_incident(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "list", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "2026-11-29-0001" in out and "汉阳化工厂火灾" in out and "江岸高层火灾" in out
    assert main(["journal", "list", "--data-dir", str(data_dir), "--status", "open", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [i["title"] for i in listed] == ["江岸高层火灾"]


def test_list_uses_the_environment_data_dir(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FIREDRILL_DATA_DIR", str(data_dir))
    assert main(["journal", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_show_and_export(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "show", "2026-11-29-0001", "--data-dir", str(data_dir)]) == 0
    assert "泡沫车到场" in capsys.readouterr().out
    assert main(["journal", "show", "2026-11-29-0001", "--json", "--data-dir", str(data_dir)]) == 0
    assert json.loads(capsys.readouterr().out)["incident"]["status"] == "closed"
    out = tmp_path / "record.json"
    args = ["journal", "export", "2026-11-29-0002", "--format", "json", "--out", str(out)]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["facts"] == {"deaths": 0}
    md = tmp_path / "record.md"
    assert main(["journal", "export", "2026-11-29-0002", "--out", str(md), "--data-dir", str(data_dir)]) == 0
    # Titled by the place (here the title given at the opening) while no level is recorded yet.
    assert md.read_text(encoding="utf-8").startswith("# 江岸高层火灾 — 处置记录 incident record\n")
    page = tmp_path / "record.html"
    args = ["journal", "export", "2026-11-29-0001", "--format", "html", "--out", str(page)]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<h1>汉阳化工厂火灾 — 处置记录 incident record</h1>" in html


def test_missing_journal_is_reported_without_creating_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "never-used"
    assert main(["journal", "list", "--data-dir", str(empty)]) == 0
    assert "no journal yet" in capsys.readouterr().out
    assert main(["journal", "show", "2026-11-29-0001", "--data-dir", str(empty)]) == 2
    assert not empty.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["show", "2026-11-29-0099"],
        ["export", "no-such-id", "--format", "md"],
        ["export", "2026-11-29-0001", "--out", "/nonexistent-dir/x/record.md"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(data_dir: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", *args, "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("firedrill: error: ") and err.count("\n") == 1
    assert "incident" in err or "--out" in err


def test_real_process_exit_code_for_unknown_id(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "firedrill", "journal", "show", "2020-01-01-0001", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "2020-01-01-0001" in result.stderr and "Traceback" not in result.stderr


def test_bad_format_choice_is_a_usage_error(data_dir: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["journal", "export", "2026-11-29-0001", "--format", "pdf", "--data-dir", str(data_dir)])
    assert info.value.code == 2
