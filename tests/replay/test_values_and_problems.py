"""Scripts and answers files accept what the console accepts, and every problem of a file is
reported in one run: file, line, field and a plain message in the user's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.cli import replay as replay_cli
from firedrill.errors import InputError
from firedrill.models import Hazard, Level, Trigger
from firedrill.replay.drill import score_drill
from firedrill.replay.engine import Replay
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import load_script
from firedrill.replay.problems import FileProblems
from firedrill.rulesconfig import RisingCallsRule, RulesConfig
from tests.replay.cli import run
from tests.replay.helpers import BASE, line_with, replay_of, write


def test_chinese_values_in_a_script_read_as_the_console_reads_them(tmp_path: Path) -> None:
    text = BASE.replace("  burning_area_m2: 100", "  burning_area_m2: 100平方米\n  direct_loss_yuan: 5000万元")
    text = text.replace("{burning_area_m2: 700}", "{burning_area_m2: 700, direct_loss_yuan: 1.2亿, deaths: ３}")
    text = text.replace("    message: 无变化", "    weather: {wind_force: ６级, wind_speed_ms: 8.5m/s}\n"
                        "    incident: {hazards: [倒塌]}")  # fmt: skip
    text = text.replace("    level: major", "    level: 特别重大\n    triggers: []")
    replay = replay_of(tmp_path, text)
    assert replay.loaded.initial.direct_loss_yuan == 5e7
    first = replay.incident_at(replay.loaded.inject_times[0])
    assert (first.direct_loss_yuan, first.deaths) == (1.2e8, 3)  # 1.2亿 ≥ 1亿: especially major by loss (1.4)
    second = replay.incident_at(replay.loaded.inject_times[1])
    assert (second.wind_force, second.wind_speed_ms, second.hazards) == (6, 8.5, (Hazard.COLLAPSE,))
    assert replay.loaded.script.expect[0].level is Level.ESPECIALLY_MAJOR
    assert all(r.passed for r in check_replay(replay))


def test_chinese_values_in_answers(tmp_path: Path) -> None:
    replay = replay_of(tmp_path)
    text = "answers:\n  - {inject: 1, level: 重大, triggers: [], seconds: 30,\n"
    text += "     dispatch: {stations: ６, formations: 11, engines: 21}}\n"
    answers = write(tmp_path, text, "answers.yaml")
    result = score_drill(replay, answers)
    declared = result.marks[0].declared
    assert declared is not None and declared.level is Level.MAJOR
    assert declared.dispatch is not None and declared.dispatch.stations == 6
    assert result.marks[0].grade.value == "P"


def test_a_value_that_does_not_read_is_refused_in_both_languages(tmp_path: Path) -> None:
    text = BASE.replace("{burning_area_m2: 700}", "{direct_loss_yuan: 很多}")
    with pytest.raises(FileProblems) as caught:
        load_script(write(tmp_path, text))
    (zh,) = caught.value.lines("zh")
    (en,) = caught.value.lines("en")
    assert "应为金额" in zh and "1.2亿" in zh and "'很多'" in zh
    assert "must be an amount of money" in en
    assert caught.value.field == "injects.0.incident.direct_loss_yuan"


BAD = BASE.replace("author: tests", "author: tests\ncolour: red").replace(
    "  burning_area_m2: 100", "  burning_area_m2: lots\n  deaths: -1"
).replace('at: "+00:30"', 'at: "+00:05"').replace("    level: major", "    level: enormous")


def test_every_problem_of_a_script_in_one_run(tmp_path: Path) -> None:
    path = write(tmp_path, BAD)
    with pytest.raises(FileProblems) as caught:
        load_script(path)
    fields = {p.field: p.line for p in caught.value.problems}
    assert fields == {
        "colour": line_with(BAD, "colour"), "incident.burning_area_m2": line_with(BAD, "lots"),
        "incident.deaths": line_with(BAD, "deaths: -1"), "expect.0.level": line_with(BAD, "enormous"),
    }  # fmt: skip
    # the order problem is found once the form is right
    fixed = BAD.replace("colour: red\n", "").replace("lots", "100").replace("deaths: -1", "deaths: 1")
    with pytest.raises(FileProblems) as second:
        load_script(write(tmp_path, fixed.replace("enormous", "重大")))
    assert [p.field for p in second.value.problems] == ["injects.1.at"]


def test_the_cli_prints_every_problem_without_pydantic_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, BAD)
    assert run(replay_cli, str(path), "--check") == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and all(line.startswith(f"firedrill: error: {path}:") for line in err)
    text = "\n".join(err)
    assert "未知字段" in text and "不能小于 0" in text and "应为数字" in text and "不是可选值之一" in text
    for pydantic_words in ("String should", "Input should", "Extra inputs", "Value error"):
        assert pydantic_words not in text
    assert run(replay_cli, str(path), "--check", "--lang", "en") == 2
    assert "unknown field" in capsys.readouterr().err


def test_an_ascii_comma_inside_a_flow_mapping_gets_a_hint(tmp_path: Path) -> None:
    text = BASE.replace("title: 测试脚本", "title: {zh: 测试脚本, 夜间, en: Test}")
    with pytest.raises(FileProblems) as caught:
        load_script(write(tmp_path, text))
    (problem,) = caught.value.problems
    assert problem.field == "title.夜间" and problem.line == line_with(text, "title:")
    assert "中文逗号" in problem.message("zh") and "ASCII comma" in problem.message("en")


def test_a_script_carries_its_own_rule_settings(tmp_path: Path) -> None:
    text = BASE + "rules:\n  rising_calls: {calls: 3, window_minutes: 10}\n"
    loaded = load_script(write(tmp_path, text))
    other = RulesConfig(rising_calls=RisingCallsRule(calls=50), sensitive_areas=("江汉区",))
    replay = Replay(loaded, config=other)
    assert replay.config.rising_calls.calls == 3  # the script's rule wins …
    assert replay.config.sensitive_areas == ("江汉区",)  # … keys it does not give come from --config
    assert Replay(load_script(write(tmp_path, BASE)), config=other).config.rising_calls.calls == 50


def test_a_script_rule_decides_the_rising_calls_trigger_whatever_the_config(tmp_path: Path) -> None:
    text = BASE.replace("    prompt: 判断等级", "    prompt: 判断等级\n    calls: 3").replace(
        "    level: major", "    level: especially_major\n    triggers: [rising_calls]"
    ) + "rules:\n  rising_calls: {calls: 3, window_minutes: 10}\n"
    strict = RulesConfig(rising_calls=RisingCallsRule(calls=50))
    replay = Replay(load_script(write(tmp_path, text)), config=strict)
    assert Trigger.RISING_CALLS in replay.state_at(replay.loaded.inject_times[0]).decision.triggers
    assert all(r.passed for r in check_replay(replay))


def test_ignition_after_the_report_is_refused(tmp_path: Path) -> None:
    text = BASE + 'ignition: "+00:05"\n'
    with pytest.raises(FileProblems) as caught:
        load_script(write(tmp_path, text))
    assert caught.value.field == "ignition" and caught.value.line == line_with(text, "ignition")
    assert "起火时间" in caught.value.lines("zh")[0]
    load_script(write(tmp_path, BASE + 'ignition: "-00:05"\n'))  # before the report: fine


def test_a_bom_is_read_and_gbk_is_one_clear_error(tmp_path: Path) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert load_script(bom).script.id == "test-script"
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(BASE.encode("gbk"))
    with pytest.raises(InputError) as caught:
        load_script(gbk)
    assert "UTF-8" in caught.value.message and caught.value.file == str(gbk)


def test_every_problem_of_an_answers_file_in_one_run(tmp_path: Path) -> None:
    replay = replay_of(tmp_path)
    text = ("script: other\nanswers:\n  - {inject: 9, level: major, seconds: 3}\n"
            "  - {inject: 1, level: major, seconds: 3, ticks: [nap]}\n")  # fmt: skip
    with pytest.raises(FileProblems) as caught:
        score_drill(replay, write(tmp_path, text, "answers.yaml"))
    assert [p.field for p in caught.value.problems] == ["script", "answers.0.inject", "answers.1.ticks.0"]


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda t: t.replace("    prompt: 判断等级", "    prompt: 判断等级\n    calls: 100000000"),
         "injects.0.calls.count"),
        (lambda t: t.replace('at: "+00:30"', 'at: "+999999999:00"'), "injects.1.at"),
        (lambda t: t + "drill: {target_seconds: .inf}\n", "drill.target_seconds"),
    ],
)
def test_numbers_out_of_bounds_are_one_clear_error(tmp_path: Path, edit: object, field: str) -> None:
    with pytest.raises(FileProblems) as caught:
        load_script(write(tmp_path, edit(BASE)))  # type: ignore[operator]
    assert [p.field for p in caught.value.problems] == [field]


def test_nested_aliases_are_refused_at_once(tmp_path: Path) -> None:
    pairs = zip("abcdefgh", "bcdefghi", strict=True)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    bomb += "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in pairs)
    with pytest.raises(InputError) as caught:
        load_script(write(tmp_path, BASE + bomb))
    assert "aliases" in caught.value.message and caught.value.line is not None


def test_a_yaml_syntax_error_is_worded_in_the_users_language_with_a_flow_hint(tmp_path: Path) -> None:
    text = BASE.replace("title: 测试脚本", "title: {zh: 测试: 脚本}")
    with pytest.raises(FileProblems) as caught:
        load_script(write(tmp_path, text))
    (zh,) = caught.value.lines("zh")
    assert "不是有效的YAML" in zh and "中文标点" in zh
    assert "not valid YAML" in caught.value.lines("en")[0]
