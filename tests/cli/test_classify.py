"""``firedrill classify``: the Assessment JSON contract and one clear line for every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from firedrill.cli.main import main

CONTRACT = {
    "plan", "assessed_at", "level", "base_level", "escalated", "triggers", "reasons", "level_source", "level_note",
    "activation", "dispatch", "task_groups", "linked_units", "accident_grade", "response_level", "readings",
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["classify", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract_of_a_night_mall_fire(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--area", "800", "--site", "crowded_place", "--at", "2026-03-03T23:40", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= CONTRACT
    assert (data["level"], data["base_level"], data["escalated"], data["triggers"]) == (
        "especially_major", "major", True, ["night"],
    )
    assert {r["clause"] for r in data["reasons"]} == {"1.4", "4.3(3)"}
    for reason in data["reasons"]:
        assert {"clause", "criterion", "value", "threshold", "quote"} <= set(reason)
    assert data["dispatch"]["stations"] == {"minimum": 10, "maximum": None}
    assert data["dispatch"]["engines"]["minimum"] == 40
    assert len(data["task_groups"]) == 7
    assert data["activation"]["goes_to_scene"]["zh"].startswith("指挥部指挥长或者副指挥长")


def test_money_and_speed_units(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--loss", "5000万", "--wind-speed", "8.5m/s", "--at", "2026-03-04T12:00", "--json")
    data = json.loads(out)
    assert code == 0 and data["base_level"] == "major" and data["triggers"] == ["severe_weather"]
    code, out, _ = _run(capsys, "--loss", "1.2亿", "--at", "2026-03-04T12:00", "--json")
    assert json.loads(out)["level"] == "especially_major"


def test_incident_json_from_file_and_flags_override(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "incident.json"
    source.write_text(json.dumps({"deaths": 12, "reported_at": "2026-03-04T15:00:00Z"}), encoding="utf-8")
    code, out, _ = _run(capsys, "--from", str(source), "--json")
    data = json.loads(out)
    # 15:00Z is 23:00 in Wuhan
    assert code == 0 and data["level"] == "especially_major" and data["triggers"] == ["night"]
    code, out, _ = _run(capsys, "--from", str(source), "--deaths", "2", "--json")
    assert json.loads(out)["level"] == "general"


def test_readable_report_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    _, zh, _ = _run(capsys, "--deaths", "10", "--at", "2026-03-04T12:00")
    _, en, _ = _run(capsys, "--deaths", "10", "--at", "2026-03-04T12:00", "--lang", "en")
    assert "事故等级(1.4): 重大" in zh and "6—9" in zh
    assert "Accident grade (1.4): Major" in en and "Stations: 6—9" in en


def test_escalated_night_major_fire_names_both_levels(capsys: pytest.CaptureFixture[str]) -> None:
    # 4.3 raises the response level, not the accident grade that is reported and investigated.
    _, zh, _ = _run(capsys, "--deaths", "12", "--at", "2026-03-10T23:00")
    _, en, _ = _run(capsys, "--deaths", "12", "--at", "2026-03-10T23:00", "--lang", "en")
    assert "事故等级(1.4): 重大 — 上报、调查按此等级" in zh
    assert "火警等级(响应等级,4.3): 特别重大 — 启动、调度按此等级" in zh and "已升级" in zh
    assert "基础等级" not in zh and "依据解读" not in zh
    assert "Accident grade (1.4): Major — reported and investigated at this grade" in en
    assert "Fire alarm level (response level, 4.3): Especially major — activation and dispatch follow" in en
    _, out, _ = _run(capsys, "--deaths", "12", "--at", "2026-03-10T23:00", "--json")
    data = json.loads(out)
    assert (data["accident_grade"], data["response_level"]) == ("major", "especially_major")
    assert (data["base_level"], data["level"], data["readings"]) == ("major", "especially_major", [])


def test_unescalated_major_fire_still_names_both_levels(capsys: pytest.CaptureFixture[str]) -> None:
    _, zh, _ = _run(capsys, "--deaths", "12", "--at", "2026-03-10T12:00")
    assert "事故等级(1.4): 重大 — 上报、调查按此等级" in zh
    assert "火警等级(响应等级,4.3): 重大 — 启动、调度按此等级" in zh and "未升级" in zh
    _, out, _ = _run(capsys, "--deaths", "12", "--at", "2026-03-10T12:00", "--json")
    data = json.loads(out)
    assert data["accident_grade"] == data["response_level"] == data["level"] == data["base_level"] == "major"


def test_hazard_reading_is_flagged_where_it_decides_the_grade(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--hazard", "boilover", "--at", "2026-03-10T12:00", "--json")
    data = json.loads(out)
    assert data["accident_grade"] == "especially_major"
    [reading] = data["readings"]
    assert (reading["code"], reading["clause"], reading["doc"]) == (
        "hazard_sentence_own_criterion", "1.4", "docs/rules.md#14-grading")
    assert "随时或者已经发生爆炸、倒塌、沸溢、毒气扩散等险情的火灾" in reading["text"]["zh"]
    assert reading["text"]["en"]
    _, zh, _ = _run(capsys, "--hazard", "boilover", "--at", "2026-03-10T12:00")
    assert "依据解读: [1.4] " in zh and "docs/rules.md#14-grading" in zh
    _, en, _ = _run(capsys, "--hazard", "boilover", "--at", "2026-03-10T12:00", "--lang", "en")
    assert "Reading applied: [1.4] The hazard sentence" in en
    # 40 deaths make it especially major by the plan's words alone: the reading did not decide it.
    _, out, _ = _run(capsys, "--hazard", "boilover", "--deaths", "40", "--at", "2026-03-10T12:00", "--json")
    assert json.loads(out)["readings"] == []


def test_a_level_the_plan_sets_no_scale_for_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--deaths", "4", "--at", "2026-03-04T12:00", "--json")
    dispatch = json.loads(out)["dispatch"]
    assert dispatch["set_by_plan"] is False and dispatch["stations"] is None
    assert "未规定" in dispatch["note"]["zh"]


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["--deaths", "-1"], "deaths"),
        (["--deaths", "two"], "deaths"),
        (["--area", "-5"], "burning_area_m2"),
        (["--loss", "lots"], "direct_loss_yuan"),
        (["--site", "castle"], "site_category"),
        (["--hazard", "fire"], "hazards"),
        (["--at", "yesterday"], "reported_at"),
        (["--wind", "18"], "wind_force"),
        (["--scenario", "volcano"], "scenario"),
    ],
)
def test_bad_flags_exit_2_with_one_line_naming_the_field(
    capsys: pytest.CaptureFixture[str], argv: list[str], field: str
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert field in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"deaths": 3,', "not valid JSON"),
        ('{"deaths": 3, "colour": "red"}', "colour"),
        ("[1, 2]", "JSON object"),
        ('{"deaths": -4}', "deaths"),
    ],
)
def test_bad_incident_files(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, expected: str) -> None:
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    code, _, err = _run(capsys, "--from", str(source))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert expected in err


def test_unknown_flag_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["classify", "--colour", "red"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--colour" in err


def test_an_assessment_before_the_report_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--deaths", "12", "--at", "2026-03-10T12:00", "--assess-at", "2026-03-10T11:59")
    assert code == 2 and out == "" and "assess_at" in err and "before the report time" in err


def test_an_unexpected_fault_is_one_line_with_the_details_kept(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("firedrill.rules.assess", broken)
    code, out, err = _run(capsys, "--deaths", "12", "--at", "2026-03-10T12:00")
    assert code == 70 and out == "" and err.count("\n") == 1
    assert "ZeroDivisionError" in err and "Traceback" not in err
    log = Path(err.split("details in ")[1].split(";")[0])
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")


def test_control_characters_from_a_file_never_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "incident.json"
    source.write_text('{"reported_at": "2026-03-10T12:00", "scenario": "\\u001b]0;owned\\u0007"}', encoding="utf-8")
    code, _, err = _run(capsys, "--from", str(source))
    assert code == 2 and "\x1b" not in err and "\x07" not in err and "scenario" in err
