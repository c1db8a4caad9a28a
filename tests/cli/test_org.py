"""``firedrill org``: the whole of chapter 2, and every role of one unit with its clause."""

from __future__ import annotations

import json

import pytest

from firedrill.cli.main import main
from firedrill.rules.organisation import chain_of_command, find_unit
from tests.rules.test_organisation import CHAPTER_2


def test_water_authority_is_in_logistics_and_secures_fire_water(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "--unit", "市水务局", "--json"]) == 0
    [role] = json.loads(capsys.readouterr().out)
    assert role["kind"] == "member" and role["clause"] == "2.4"
    assert role["group"]["zh"] == "勤务保障组"
    assert role["duty"]["zh"] == "保障灭火所需的火场用水"
    assert [r["zh"] for r in role["reports_to"]] == ["现场指挥部", "重特大火灾事故应急指挥部", "市人民政府"]


def test_english_names_work_too() -> None:
    [role] = find_unit("Wuhan Maritime Safety Administration")
    assert role.of_name.zh == "勤务保障组" and "封航" in role.duties[0].zh


def test_chain_of_command_from_the_office() -> None:
    assert chain_of_command("office") == ["office", "headquarters", "city_government"]


def test_emergency_management_bureau_answers_deputy_commander_and_notified(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "--unit", "市应急管理局"]) == 0
    out = capsys.readouterr().out
    assert "[2.1] 重特大火灾事故应急指挥部 · 副指挥长: 相关负责人" in out
    assert "市公安局、市应急管理局、市消防救援支队等(预案所列未尽)" in out
    assert "[4.2] 指挥部办公室 · 通报" in out and "«同时,通报给市应急管理局等相关部门»" in out
    assert main(["org", "--unit", "市应急管理局", "--json"]) == 0
    roles = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["clause"], r["role"]["zh"], r["open"]) for r in roles] == [
        ("post", "2.1", "副指挥长", True),
        ("notified", "4.2", "通报", True),
    ]


@pytest.mark.parametrize("name", sorted(CHAPTER_2))
def test_every_chapter_2_unit_is_answered_on_the_command_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "--unit", name, "--json"]) == 0
    roles = json.loads(capsys.readouterr().out)
    assert {(r["kind"], r["clause"], r["role"]["zh"]) for r in roles} == CHAPTER_2[name]
    assert all(r["quote"] for r in roles)
    assert main(["org", "--unit", name]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == name
    for _, clause, _ in CHAPTER_2[name]:
        assert f"[{clause}]" in out


def test_the_fire_detachment_has_four_roles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "--unit", "市消防救援支队", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Deputy commanders" in out and "Director: the detachment chief" in out
    assert "Seat of the office" in out and "Firefighting operations group" in out


def test_unknown_unit_is_one_clear_line_with_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "--unit", "火星消防局"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.strip().splitlines()
    assert "火星消防局" in line and "close matches" in line and "市消防救援支队" in line
    assert main(["org", "--unit", "nowhere at all"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_whole_structure_has_2_1_2_2_2_3_the_groups_and_4_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org"]) == 0
    out = capsys.readouterr().out
    for group in ("灭火作战组", "现场警戒组", "救援专家咨询组", "勤务保障组", "医疗救护组", "善后处理组", "宣传报道组"):
        assert group in out
    assert "指挥长: 市人民政府 分管领导同志" in out
    assert "指挥长 [必要时]: 市委、市人民政府 主要领导同志" in out
    assert "副指挥长: 市人民政府 分管副秘书长" in out
    assert "副指挥长: 市公安局、市应急管理局、市消防救援支队等(预案所列未尽) 相关负责人" in out
    assert "办公所在: 市消防救援支队 (市消防救援指挥中心)" in out
    assert "主任: 市消防救援支队 支队长" in out
    assert "值班电话: 119 或者 85398319" in out and "24小时工作制" in out
    for duty in ("做好相关信息的传递、调查工作", "组织、协调、督导各成员单位制订相关应急救援工作方案"):
        assert duty in out
    assert "指挥救援现场 [原则上]: 消防救援部门 负责人" in out
    assert "统一调度救援工作 [当救援工作需要多部门配合支援时,可]: 属地政府 负责人" in out
    assert out.count("…等(预案所列未尽)") == 2  # the expert and publicity groups
    assert "[4.2] 指挥部办公室 · 通报: 市应急管理局等(预案所列未尽)" in out


def test_whole_structure_in_english_keeps_the_open_lists(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.count("(等: the plan's list is open)") == 4
    assert "duty phone: 119 or 85398319" in out


def test_json_structure_carries_the_open_ends(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [g["id"] for g in data["groups"] if g["open"]] == ["experts", "publicity"]
    assert data["notifications"][0]["open"] is True
