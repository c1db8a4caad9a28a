"""``firedrill playbook``: text and JSON output, local folders, and bad input as one line with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from firedrill.cli.main import main

from .helpers import EXPECTED_IDS, local_playbook, write_yaml


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["playbook", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = _run(capsys, *argv, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_list_groups_by_attachment_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "list")
    assert code == 0
    assert all(i in out for i in EXPECTED_IDS)
    assert out.index("附件1 建筑类火灾扑救处置预案") < out.index("high-rise") < out.index("附件2 化工类")
    assert "高层建筑火灾扑救" in out


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "list")
    assert [p["id"] for c in data["categories"] for p in c["playbooks"]] == EXPECTED_IDS
    assert data["unavailable"] == []


def test_show_json_carries_citations(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "show", "high-rise")
    assert data["citation"] == "附件1 一"
    assert len(data["sections"]) == 5
    cited = {e["citation"]: e for e in data["entries"]}
    assert "玻璃幕墙" in cited["附件1 一(五)7"]["text"]["zh"]


def test_show_one_section_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", "high-rise", "--section", "safety", "--lang", "en")
    assert code == 0
    assert "(五) Safety notes" in out
    assert "火灾特点" not in out and "Fire characteristics" not in out
    data = _json(capsys, "show", "oil-tank", "--section", "measures")
    assert [s["kind"] for s in data["sections"]] == ["measures"]
    assert {e["section"] for e in data["entries"]} == {"measures"}


def test_search_json(capsys: pytest.CaptureFixture[str]) -> None:
    hits = _json(capsys, "search", "沸溢")["hits"]
    assert hits[0]["playbook_id"] == "oil-tank"
    assert {"citation", "snippet", "score", "field"} <= set(hits[0])
    assert len(_json(capsys, "search", "火", "--limit", "3")["hits"]) == 3


def test_calc_oil_tank_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "calc", "oil-tank", "--diameter", "40", "--neighbours", "2", "--nozzle-flow", "6.5")
    assert (round(data["total"], 1), data["branches"], data["unit"]) == (188.5, 29, "L/s")
    assert data["reading"] == "circumference"
    data = _json(capsys, "calc", "oil-tank", "--diameter", "40", "--height", "20", "--neighbours", "2",
                 "--reading", "wall_area")  # fmt: skip
    assert (round(data["total_min"], 1), round(data["total_max"], 1)) == (2387.6, 3769.9)
    data = _json(capsys, "calc", "oil-tank", "--diameter", "50", "--tank-type", "floating-roof",
                 "--neighbour", "30", "--neighbour", "20:保温")  # fmt: skip
    assert [t["intensity"] for t in (data["burning"], *data["adjacent"])] == [0.6, 0.7, 0.35]


def test_calc_epidemic_zone_and_theatre_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(capsys, "calc", "epidemic-zone", "--distance", "25")["zone"]["id"] == "zone_moderate"
    window = _json(capsys, "calc", "theatre", "--ignition", "21:05", "--at", "21:30")
    assert (window["status"], window["minutes_to_close"]) == ("inside", 5)
    assert _json(capsys, "calc", "metro", "--attackers", "12")["attack_teams"] == [3, 4]


def test_calc_text_shows_formula_and_quote(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "calc", "oil-tank", "--diameter", "40", "--height", "20", "--neighbours", "2")
    assert code == 0
    assert "合计: 188.5 L/s (预案范围 119.4–188.5 L/s)" in out
    assert "按燃烧罐 0.60—0.8 升/秒·平方米" in out and "按罐周长" in out
    code, out, _ = _run(capsys, "calc", "oil-tank", "--diameter", "400", "--neighbours", "50", "--lang", "en")
    assert code == 0 and "Warning: A diameter of 400 m" in out and "Adjacent tank × 50" in out


def test_show_puts_the_cooling_reading_beside_the_figure(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", "oil-tank", "--section", "measures")
    assert code == 0
    figure = out.index("0.60—0.8 升/秒·平方米")
    note = out.index("※ 附件2 三(四)2 本工具按罐周长读作 升/(秒·米)")
    assert figure < note


def test_theatre_text_in_whole_minutes_and_seconds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "calc", "theatre", "--ignition", "21:05", "--at", "21:27:48")
    assert code == 0 and "起火后已过 22 分 48 秒" in out and "(+7 分 12 秒)" in out
    code, out, _ = _run(capsys, "calc", "theatre", "--ignition", "9:30", "--at", "9:40", "--lang", "en")
    assert code == 0 and "Since ignition 10 min" in out and "collapse can come earlier" in out
    code, _, err = _run(capsys, "calc", "theatre", "--ignition", "21:05", "--at", "21:04")
    assert code == 2 and "1439" not in err and "--overnight" in err and len(err.strip().splitlines()) == 1
    code, out, _ = _run(capsys, "calc", "theatre", "--ignition", "23:50", "--at", "00:05", "--overnight")
    assert code == 0 and "起火后已过 15 分钟" in out


@pytest.mark.parametrize(("name", "section"), [("地铁", "注意事项"), ("Metro", "safety"), ("metro", "Safety notes"),
                                              ("轨道交通", "safety_notes")])  # fmt: skip
def test_show_accepts_ids_aliases_and_chinese_names(capsys: pytest.CaptureFixture[str], name: str,
                                                    section: str) -> None:  # fmt: skip
    data = _json(capsys, "show", name, "--section", section)
    assert data["id"] == "metro" and [s["kind"] for s in data["sections"]] == ["safety_notes"]


def test_search_text_groups_hits_under_the_playbook(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", "油罐 冷却")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("油罐 [oil-tank] 附件2 三") and lines[1].startswith("  附件2 三")


def test_a_local_playbooks_control_characters_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = "\x1b]0;owned\x07\x1b[2J\u202e\x9b31m"
    data = local_playbook(name={"zh": f"区级仓库{evil}", "en": f"Depot{evil}"})
    write_yaml(tmp_path / "district-depot.yaml", data)
    for args in (["list"], ["show", "district-depot"], ["search", "区级仓库"], ["show", "district-depot", "--json"]):
        code, out, err = _run(capsys, *args, "--playbooks", str(tmp_path))
        assert code == 0, err
        assert not any(ch in out + err for ch in "\x1b\x07\x9b\u202e"), args
    assert "区级仓库" in out


def test_phases_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "phases", "high-rise")
    assert code == 0
    assert out.index("火情侦察") < out.index("战斗结束")
    assert "附件1 一(四)5" in out
    assert "附件1 一(四)3 疏散和抢救人员" in out.split("2. 火场救人")[1].split("3. ")[0]
    assert "没有条目对应此阶段" in out and "says nothing" not in out


def test_a_local_folder_adds_a_playbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_yaml(tmp_path / "district-depot.yaml", local_playbook())
    code, out, _ = _run(capsys, "list", "--playbooks", str(tmp_path))
    assert code == 0 and "district-depot" in out
    assert _json(capsys, "show", "district-depot", "--playbooks", str(tmp_path))["id"] == "district-depot"


def test_a_bad_local_file_is_a_warning_and_the_rest_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_yaml(tmp_path / "high-rise.yaml", local_playbook("high-rise"))
    code, out, err = _run(capsys, "show", "metro", "--playbooks", str(tmp_path))
    assert code == 0 and "地铁火灾扑救" in out
    assert err.count("\n") == 1 and str(path) in err and "field 'id'" in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["show", "volcano"], "unknown playbook 'volcano'"),
        (["show", "high-rise", "--section", "tactics"], "unknown section 'tactics'"),
        (["calc", "oil-tank", "--diameter", "-40", "--height", "20"], "field 'diameter'"),
        (["calc", "oil-tank", "--diameter", "forty", "--height", "20"], "--diameter"),
        (["calc", "oil-tank", "--diameter", "40", "--neighbour", "big"], "field '--neighbour'"),
        (["calc", "oil-tank", "--diameter", "40", "--reading", "wall_area"], "field 'height'"),
        (["calc", "epidemic-zone", "--distance", "-3"], "field 'distance'"),
        (["calc", "theatre", "--ignition", "nine"], "field 'ignition'"),
        (["search", "   "], "search text is empty"),
        (["list", "--playbooks", "/no/such/folder"], "playbook folder not found"),
        (["calc"], "required"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    try:
        code, out, err = _run(capsys, *argv)
    except SystemExit as exc:  # argparse usage errors exit from the parser itself
        code, (out, err) = int(exc.code or 0), capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and words in err


def test_the_command_runs_as_a_program_without_textual() -> None:
    code = (
        "import sys; from firedrill.cli.main import main; rc = main(['playbook', 'show', 'theatre']); "
        "sys.exit(rc or any(m.startswith('textual') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "影剧院火灾扑救" in result.stdout
