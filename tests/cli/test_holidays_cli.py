"""``firedrill holidays [YEAR]``: each block with its source and status; config-added years; bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from firedrill.cli.main import main

CONFIG_2027 = (
    "rules:\n"
    "  holiday_years:\n"
    "    - year: 2027\n"
    "      notice: {title: 国务院办公厅关于2027年部分节假日安排的通知, number: TEST-ONLY}\n"  # made up for the test
    "      blocks:\n"
    "        - {name: {zh: 国庆节, en: National Day}, start: 2027-10-01, end: 2027-10-07}\n"
    "      workdays: [2027-10-09]\n"
)
BLOCK_LINE = re.compile(r"^  \d{4}-\d\d-\d\d[—–]\d{4}-\d\d-\d\d  ")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["holidays", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_official_year_lists_the_notices_blocks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "2026", "--lang", "en")
    assert code == 0
    head, *rest = out.splitlines()
    assert "2026: official" in head and "国务院办公厅关于2026年部分节假日安排的通知" in head
    assert "国办发明电〔2025〕7号" in head and "not verified here" in head
    blocks = [line for line in rest if BLOCK_LINE.match(line)]
    assert len(blocks) == 7
    assert all("[official; State Council notice]" in line for line in blocks)
    assert "  2026-02-15–2026-02-23  9 days  Spring Festival  [official; State Council notice]" in blocks
    assert "Make-up working days: 2026-01-04, 2026-02-14" in out


def test_a_year_without_a_notice_is_listed_as_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "2027")
    assert code == 0
    assert "2027: 推定" in out and "尚无国务院办公厅通知" in out
    blocks = [line for line in out.splitlines() if BLOCK_LINE.match(line)]
    assert blocks and all("[推定; holidays 软件包推定]" in line for line in blocks)
    _, en, _ = _run(capsys, "2027", "--lang", "en")
    assert "No State Council notice on file" in en and "[provisional; estimate of the holidays package]" in en


def test_json_gives_source_and_status_per_block(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "2025", "--json")
    assert code == 0
    (year,) = json.loads(out)["years"]
    assert (year["year"], year["status"], year["source"]) == (2025, "official", "notice")
    assert year["notice"]["number"] == "国办发明电〔2024〕12号" and year["notice"]["issued"] == "2024-11-12"
    national = year["blocks"][-1]
    assert national == {
        "name": {"zh": "国庆节、中秋节", "en": "National Day, Mid-Autumn Festival"},
        "start": "2025-10-01", "end": "2025-10-08", "days": 8, "source": "notice", "status": "official",
    }
    assert year["workdays"] == ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
    _, out, _ = _run(capsys, "2027", "--json")
    (provisional,) = json.loads(out)["years"]
    assert (provisional["status"], provisional["source"], provisional["notice"]) == ("provisional", "estimate", None)
    assert {b["status"] for b in provisional["blocks"]} == {"provisional"}


def test_a_config_added_year_is_official_from_the_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG_2027, encoding="utf-8")
    code, out, _ = _run(capsys, "2027", "--config", str(config), "--lang", "en")
    assert code == 0
    assert "2027: official, notice entered in the config" in out and "TEST-ONLY" in out
    assert "  2027-10-01–2027-10-07  7 days  National Day  [official; notice entered in the config]" in out
    assert "No State Council notice" not in out and "provisional" not in out


def test_the_classify_report_carries_the_warning_until_the_year_is_added(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["classify", "--deaths", "10", "--at", "2027-10-06T10:00", "--lang", "en"])
    out, _ = capsys.readouterr()
    assert code == 0 and "No State Council notice for the 2027 holidays" in out
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG_2027, encoding="utf-8")
    main(["classify", "--deaths", "10", "--at", "2027-10-06T10:00", "--config", str(config), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["warnings"] == [] and data["triggers"] == ["holiday_or_political"]


def test_no_year_lists_this_year_and_the_next(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--json")
    years = [y["year"] for y in json.loads(out)["years"]]
    assert code == 0 and len(years) == 2 and years[1] == years[0] + 1


@pytest.mark.parametrize("year", ["abc", "1999", "2101"])
def test_a_bad_year_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], year: str) -> None:
    code, out, err = _run(capsys, year)
    assert code == 2 and out == ""
    assert err.startswith("firedrill: error: field 'year'") and err.count("\n") == 1


def test_a_bad_config_names_file_and_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG_2027.replace("workdays: [2027-10-09]", "workdays: [2027-10-06]"), encoding="utf-8")
    code, _, err = _run(capsys, "2027", "--config", str(config))
    assert code == 2
    assert f"{config}:3" in err and "rules.holiday_years.0" in err and "Saturday or Sunday" in err
