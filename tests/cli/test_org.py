"""``firedrill org``: which group a unit is in, its duty, and who reports to whom."""

from __future__ import annotations

import json

import pytest

from firedrill.cli.main import main
from firedrill.rules.organisation import chain_of_command, find_unit


def test_water_authority_is_in_logistics_and_secures_fire_water(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "--unit", "市水务局", "--json"]) == 0
    [role] = json.loads(capsys.readouterr().out)
    assert role["group"]["zh"] == "勤务保障组"
    assert role["duty"]["zh"] == "保障灭火所需的火场用水"
    assert [r["zh"] for r in role["reports_to"]] == ["现场指挥部", "重特大火灾事故应急指挥部", "市人民政府"]


def test_english_names_work_too() -> None:
    [role] = find_unit("Wuhan Maritime Safety Administration")
    assert role.group.zh == "勤务保障组" and "封航" in role.duty.zh


def test_chain_of_command_from_the_office() -> None:
    assert chain_of_command("office") == ["office", "headquarters", "city_government"]


def test_unknown_unit_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "--unit", "火星消防局"]) == 2
    assert "火星消防局" in capsys.readouterr().err


def test_whole_structure_lists_all_groups(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org"]) == 0
    out = capsys.readouterr().out
    for group in ("灭火作战组", "现场警戒组", "救援专家咨询组", "勤务保障组", "医疗救护组", "善后处理组", "宣传报道组"):
        assert group in out
