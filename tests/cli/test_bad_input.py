"""Bad input to every subcommand: exit 2, one line on stderr naming the field or file, no traceback,
nothing recorded; and the valid look-alikes (full-width digits, a BOM) accepted.

The table is built per subcommand from the kinds of bad value a careless user or an attacker types:
numbers past any bound, words where numbers go, times that do not exist or lie outside the bounds,
control characters, and files that are not UTF-8, are too deep, too large or explode through aliases.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from firedrill.cli.main import main

BAD_COUNTS = ["1e309", "9" * 400, "Infinity", "nan", "-1", "abc", "1.5", "true", "1e999999", "0x10", "", " "]
BAD_AMOUNTS = ["1e309", "9" * 400, "Infinity", "nan", "-1", "abc", "true", "5000万万", "1e300亿", "亿"]
BAD_FORCES = ["18", "-1", "1e309", "abc", "5.5", "nan", "9" * 400]
BAD_SPEEDS = ["1e309", "Infinity", "-1", "abc", "121", "nan", "8.5km/h"]
BAD_TIMES = ["2026-03-10", "9999-12-31T23:59:59+08:00", "1970-01-01T00:00", "0", "2026-13-01T10:00",
             "2026-02-30T10:00", "25:00", "yesterday", "2026-03-10T10:00+99:00", "1e309"]  # fmt: skip
CONTROL = ["\x1b[2J", "\x1b]0;owned\x07", "a\x00b", "\x9b31m"]
FILE_KINDS = ["gbk", "binary", "bomb", "duplicate", "deep", "missing", "directory", "huge", "not_a_mapping",
              "collection_key"]  # fmt: skip
# Scripts that read as YAML and as a script, whose facts pass what an incident may hold.
SCRIPT_KINDS = {"too_many_calls": "calls.yaml:11: field 'injects.1.calls'",
                "past_bound": "bound.yaml:9: field 'injects.0.incident.burning_area_m2'"}  # fmt: skip
SCRIPT = ("id: bad\ntitle: 坏脚本\nauthor: tests\nplaybook: shopping-mall\nstart: 2026-11-24T10:00:00\n"
          "location: 测试地点\n")


def _file(tmp: Path, kind: str) -> Path:
    """One bad file of ``kind`` in ``tmp`` (made only when a case needs it)."""
    path = tmp / _file_name(kind)
    if kind == "gbk":
        path.write_bytes("# 本地配置\nlang: zh\n".encode("gbk"))
    elif kind == "binary":
        path.write_bytes(b"\x00\xff\xfe\x80\x81" * 50)
    elif kind == "bomb":
        lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
        for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
            lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif kind == "duplicate":
        path.write_text("lang: zh\nlang: en\n", encoding="utf-8")
    elif kind == "deep":
        path.write_text("a: " + "[" * 100_000 + "\n", encoding="utf-8")
    elif kind == "directory":
        path.mkdir(exist_ok=True)
    elif kind == "huge":
        with path.open("wb") as out:
            out.write(b"# " + b"x" * (9 * 1024 * 1024) + b"\n")
    elif kind == "not_a_mapping":
        path.write_text("- 1\n- 2\n", encoding="utf-8")
    elif kind == "collection_key":
        path.write_text("lang: zh\n? [a, b]\n: 1\n", encoding="utf-8")
    elif kind == "too_many_calls":  # 6,000 calls twice: past the 10,000 an incident holds
        path.write_text(SCRIPT + 'injects:\n  - at: "+00:10"\n    calls: {count: 6000}\n  - at: "+00:20"\n'
                        "    calls: {count: 6000}\n", encoding="utf-8")  # fmt: skip
    elif kind == "past_bound":  # 200 km² burning: past the area an incident holds
        path.write_text(SCRIPT + 'injects:\n  - at: "+00:10"\n    incident: {burning_area_m2: 200000000}\n',
                        encoding="utf-8")  # fmt: skip
    return path


def _json_file(tmp: Path, name: str) -> Path:
    """An Incident JSON file for ``--from`` (made only when a case needs it)."""
    texts = {
        "bool_count": '{"deaths": true, "reported_at": "2026-03-10T12:00"}',
        "number_time": '{"reported_at": 0}',
        "infinity": '{"direct_loss_yuan": Infinity, "reported_at": "2026-03-10T12:00"}',
        "nan": '{"burning_area_m2": NaN, "reported_at": "2026-03-10T12:00"}',
        "huge_int": '{"deaths": ' + "9" * 5000 + ', "reported_at": "2026-03-10T12:00"}',
        "unknown": '{"deth": 3, "reported_at": "2026-03-10T12:00"}',
        "list": "[1, 2]",
        "deep": "[" * 100_000,
        "syntax": '{"deaths": 3,\n oops}',
        "far_future": '{"reported_at": "9999-12-31T23:59:59+08:00"}',
        "control": '{"reported_at": "2026-03-10T12:00", "scenario": "\\u001b[2J"}',
        "bad_hazard": '{"hazards": ["fire"], "reported_at": "2026-03-10T12:00"}',
        "bad_site": '{"site_category": "moon", "reported_at": "2026-03-10T12:00"}',
        "calls_text": '{"calls": ["soon"], "reported_at": "2026-03-10T12:00"}',
    }
    path = tmp / f"{name}.json"
    if name == "gbk":
        path.write_bytes('{"location": "汉正街", "reported_at": "2026-03-10T12:00"}'.encode("gbk"))
    else:
        path.write_text(texts[name], encoding="utf-8")
    return path


Case = tuple[str, Callable[[Path], list[str]], str]  # id, argv from the tmp dir, what the line must name


def _cases() -> list[Case]:
    cases: list[Case] = []

    def add(name: str, argv: Callable[[Path], list[str]], names: str) -> None:
        cases.append((name, argv, names))

    at = ["--at", "2026-03-10T12:00"]
    for flag, field in (("--deaths", "deaths"), ("--injuries", "serious_injuries")):
        for value in BAD_COUNTS:
            add(f"classify {flag} {value[:12]!r}", lambda _, f=flag, v=value: ["classify", f, v, *at], field)
    for flag, field in (("--loss", "direct_loss_yuan"), ("--area", "burning_area_m2")):
        for value in BAD_AMOUNTS:
            add(f"classify {flag} {value[:12]!r}", lambda _, f=flag, v=value: ["classify", f, v, *at], field)
    for flag, field in (("--wind", "wind_force"), ("--gust", "gust_force")):
        for value in BAD_FORCES:
            add(f"classify {flag} {value[:12]!r}", lambda _, f=flag, v=value: ["classify", f, v, *at], field)
    for flag, field in (("--wind-speed", "wind_speed_ms"), ("--gust-speed", "gust_speed_ms")):
        for value in BAD_SPEEDS:
            add(f"classify {flag} {value[:12]!r}", lambda _, f=flag, v=value: ["classify", f, v, *at], field)
    for value in BAD_TIMES:
        add(f"classify --at {value!r}", lambda _, v=value: ["classify", "--deaths", "1", "--at", v], "reported_at")
        add(f"classify --assess-at {value!r}", lambda _, v=value: ["classify", *at, "--assess-at", v], "assess_at")
        add(f"classify --call {value!r}", lambda _, v=value: ["classify", *at, "--call", v], "calls")
    add("classify --assess-at before the report", lambda _: ["classify", *at, "--assess-at", "2026-03-10T11:00"],
        "assess_at")  # fmt: skip
    for value in ["fire", "EXPLOSION;rm", "\x1b[2J"]:
        add(f"classify --hazard {value!r}", lambda _, v=value: ["classify", *at, "--hazard", v], "hazard")
    for value in ["moon", "", "\x1b[2J"]:
        add(f"classify --site {value!r}", lambda _, v=value: ["classify", *at, "--site", v], "site_category")
    for value in [*CONTROL, "x" * 501]:
        add(f"classify --manual {value[:8]!r}", lambda _, v=value: ["classify", *at, "--manual", v],
            "manual_escalation")  # fmt: skip
    for kind in ("nosuch", "\x1b[2J"):
        add(f"classify --scenario {kind!r}", lambda _, v=kind: ["classify", *at, "--scenario", v], "scenario")
    for kind in FILE_KINDS:
        add(f"classify --config {kind}", lambda tmp, k=kind: ["classify", *at, "--config", str(_file(tmp, k))],
            _file_name(kind))  # fmt: skip
        add(f"holidays --config {kind}", lambda tmp, k=kind: ["holidays", "2026", "--config", str(_file(tmp, k))],
            _file_name(kind))  # fmt: skip
    for name in ("bool_count", "number_time", "infinity", "nan", "huge_int", "unknown", "list", "deep", "syntax",
                 "far_future", "control", "bad_hazard", "bad_site", "calls_text", "gbk"):  # fmt: skip
        add(f"classify --from {name}", lambda tmp, n=name: ["classify", "--from", str(_json_file(tmp, n))],
            _json_field(name))  # fmt: skip
    for kind in ("missing", "directory", "binary"):
        add(f"classify --from {kind}", lambda tmp, k=kind: ["classify", "--from", str(_file(tmp, k))],
            _file_name(kind))  # fmt: skip

    for value in ["1900", "99999", "abc", "2100", "-1", "1e3"]:
        add(f"holidays {value}", lambda _, v=value: ["holidays", v], "year")
    for value in ["无此单位", "\x1b[2J", "x" * 300]:
        add(f"org --unit {value[:8]!r}", lambda _, v=value: ["org", "--unit", v], "unit")

    open_ = ["incident", "open", "--at", "2026-03-10T12:00"]
    for field, values in (("deaths", BAD_COUNTS[:8]), ("burning_area_m2", BAD_AMOUNTS[:6]),
                          ("direct_loss_yuan", BAD_AMOUNTS[:6]), ("wind_force", BAD_FORCES[:4]),
                          ("wind_speed_ms", BAD_SPEEDS[:4]), ("reported_at", BAD_TIMES[:6])):  # fmt: skip
        for value in values:
            add(f"incident open {field}={value[:12]!r}", lambda _, f=field, v=value: [*open_, f"{f}={v}"], field)
    for value in ["nosuch=1", "deaths", "=3", "calls=12:00", "location=\x1b[2J", "hazards=fire", "site_category=moon"]:
        add(f"incident open {value[:12]!r}", lambda _, v=value: [*open_, v], value.split("=")[0] or "=")
    for value in BAD_TIMES[:6]:
        add(f"incident open --at {value!r}", lambda _, v=value: ["incident", "open", "deaths=1", "--at", v], "at")
    add("incident open --at future", lambda _: ["incident", "open", "deaths=1", "--at", "2099-01-01T00:00"], "at")
    for sub in (["show", "nosuch"], ["set", "nosuch", "deaths=1"], ["call", "nosuch"], ["note", "nosuch", "x"],
                ["close", "nosuch"]):  # fmt: skip
        add(f"incident {' '.join(sub)}", lambda _, s=sub: ["incident", *s], "nosuch")
    for kind in ("gbk", "bomb", "duplicate", "directory", "missing"):
        add(f"incident open --config {kind}", lambda tmp, k=kind: [*open_, "deaths=1", "--config", str(_file(tmp, k))],
            _file_name(kind))  # fmt: skip

    for sub in (["status", "nosuch"], ["tick", "nosuch", "alarm_received"]):
        add(f"procedure {' '.join(sub)}", lambda _, s=sub: ["procedure", *s], "nosuch")
    for value in BAD_TIMES[:6]:
        add(f"procedure status --at {value!r}", lambda _, v=value: ["procedure", "status", "X", "--at", v], "at")
    for value in ["nosuch", "\x1b[2J"]:
        add(f"unit {value!r} arrived", lambda _, v=value: ["unit", v, "arrived"], "unit")
    add("unit bad action", lambda _: ["unit", "x", "flying"], "action")
    for value in BAD_TIMES[:4]:
        add(f"unit --at {value!r}", lambda _, v=value: ["unit", "x", "arrived", "--at", v], "at")
    for kind in ("gbk", "binary", "directory", "missing"):
        add(f"board --stations {kind}", lambda tmp, k=kind: ["board", "--stations", str(_file(tmp, k))],
            _file_name(kind))  # fmt: skip
    add("board --data-dir a file", lambda tmp: ["board", "--data-dir", str(_file(tmp, "gbk"))], "gbk.yaml")

    for value in ["25:00", "yesterday", "9999-12-31T23:59:59"]:
        add(f"console --exercise-start {value!r}", lambda _, v=value: ["console", "--exercise-start", v],
            "exercise")  # fmt: skip
    for value in [*CONTROL[:2], "x" * 200]:
        add(f"console --seat {value[:8]!r}", lambda _, v=value: ["console", "--seat", v], "seat")
    add("console --config missing", lambda tmp: ["console", "--config", str(tmp / "absent.yaml")], "absent.yaml")
    for value in ["70000", "abc", "-1", "1e3"]:
        add(f"serve --port {value}", lambda _, v=value: ["serve", "--port", v], "port")
    dispatch = ["dispatch", "--level", "major", "--at", "2026-03-10T12:00"]
    for flag, values in (("--lon", ["1e309", "abc", "nan", "181", "-200", "113.71x"]),
                         ("--lat", ["1e309", "abc", "nan", "91", "-95"])):  # fmt: skip
        other = ["--lat", "30.58"] if flag == "--lon" else ["--lon", "114.27"]
        for value in values:
            add(f"dispatch {flag} {value!r}", lambda _, f=flag, v=value, o=other: [*dispatch, f, v, *o], flag[2:])
    add("dispatch far from any road", lambda _: [*dispatch, "--lon", "113.71", "--lat", "31.32"], "m")
    add("dispatch --level moon", lambda _: ["dispatch", "--level", "moon", "--lon", "114.27", "--lat", "30.58"],
        "level")  # fmt: skip
    for value in BAD_TIMES[:5]:
        add(f"dispatch --at {value!r}", lambda _, v=value: [*dispatch[:3], "--at", v, "--lon", "114.27", "--lat",
                                                             "30.58"], "at")  # fmt: skip
    for kind in ("gbk", "binary", "missing", "directory"):
        add(f"dispatch --graph --stations {kind}", lambda tmp, k=kind: [
            *dispatch, "--lon", "114.27", "--lat", "30.58", "--graph", str(_file(tmp, k)), "--stations",
            str(_file(tmp, k)),
        ], _file_name(kind))  # fmt: skip
    for sub in (["show", "nosuch"], ["export", "nosuch"]):
        add(f"journal {' '.join(sub)}", lambda _, s=sub: ["journal", *s], "nosuch")
    for sub in (["list"], ["show", "x"], ["export", "x"], ["check"]):
        add(f"journal {sub[0]} --data-dir a file", lambda tmp, s=sub: ["journal", *s, "--data-dir",
                                                                        str(_file(tmp, "gbk"))], "gbk.yaml")
    add("journal backup to a missing folder", lambda tmp: ["journal", "backup", str(tmp / "no" / "such" / "x.db")],
        "no")  # fmt: skip
    for value in ["nosuch", "\x1b[2J", "x" * 300]:
        add(f"playbook show {value[:8]!r}", lambda _, v=value: ["playbook", "show", v], "playbook")
    add("playbook search a huge query", lambda _: ["playbook", "search", "油罐" * 50_000], "text")
    for flag, values in (("--diameter", ["1e300", "-1", "abc", "nan", "0", "inf"]),
                         ("--neighbours", ["-1", "abc", "1e9", "1.5"]),
                         ("--nozzle-flow", ["0", "-1", "abc", "inf"])):  # fmt: skip
        for value in values:
            add(f"playbook calc oil-tank {flag} {value!r}",
                lambda _, f=flag, v=value: ["playbook", "calc", "oil-tank", "--diameter", "40", f, v], flag[2:])
    for value in ["abc", "25:00", "21:61", "9999-12-31T23:59:59", "-1"]:
        add(f"playbook calc theatre --ignition {value!r}",
            lambda _, v=value: ["playbook", "calc", "theatre", "--ignition", v, "--at", "21:30"], "ignition")
    add("playbook calc theatre ignition after the time asked",
        lambda _: ["playbook", "calc", "theatre", "--ignition", "21:05", "--at", "21:04"], "ignition")
    scenario = "scenarios/brick-wood-gusts.yaml"
    for kind in FILE_KINDS:
        add(f"replay {kind}", lambda tmp, k=kind: ["replay", str(_file(tmp, k))], _file_name(kind))
        add(f"drill {kind}", lambda tmp, k=kind: ["drill", str(_file(tmp, k)), "--no-save"], _file_name(kind))
        add(f"drill --answers {kind}", lambda tmp, k=kind: ["drill", scenario, "--answers", str(_file(tmp, k)),
                                                            "--no-save"], _file_name(kind))  # fmt: skip
        add(f"console --controller {kind}", lambda tmp, k=kind: ["console", "--controller", str(_file(tmp, k)),
                                                                 "--data-dir", str(tmp / "data")],
            _file_name(kind))  # fmt: skip
    for kind, names in SCRIPT_KINDS.items():
        add(f"replay {kind}", lambda tmp, k=kind: ["replay", str(_file(tmp, k))], names)
        add(f"drill {kind}", lambda tmp, k=kind: ["drill", str(_file(tmp, k)), "--no-save"], names)
    add("drill --console --controller --role nosuch", lambda tmp: ["drill", scenario, "--console", "--controller",
                                                                   "--role", "nosuch", "--data-dir", str(tmp / "d")],
        "role")  # fmt: skip
    for value in [*CONTROL[:2], "x" * 65, "=1+2\x1b"]:
        add(f"drill --trainee {value[:8]!r}", lambda _, v=value: ["drill", scenario, "--trainee", v, "--no-save"],
            "trainee")  # fmt: skip
    add("replay --record with no journal", lambda tmp: ["replay", "--record", "nosuch", "--out",
                                                        str(tmp / "x.yaml")], "journal")  # fmt: skip
    add("playbook list --playbooks missing", lambda tmp: ["playbook", "list", "--playbooks",
                                                          str(_local_playbooks(tmp, "missing"))], "playbook")
    return cases


def _local_playbooks(tmp: Path, kind: str) -> Path:
    """A folder of local playbooks with one bad file (or a folder that does not exist)."""
    folder = tmp / "playbooks"
    if kind == "missing":
        return folder
    folder.mkdir()
    (folder / "local-playbook.yaml").write_bytes("id: local\n# 本地预案\n".encode("gbk"))
    return folder


def _file_name(kind: str) -> str:
    return {"gbk": "gbk.yaml", "binary": "binary.yaml", "bomb": "bomb.yaml", "duplicate": "duplicate.yaml",
            "deep": "deep.yaml", "missing": "absent.yaml", "directory": "a-directory", "huge": "huge.yaml",
            "not_a_mapping": "list.yaml", "collection_key": "key.yaml", "too_many_calls": "calls.yaml",
            "past_bound": "bound.yaml"}[kind]  # fmt: skip


def _json_field(name: str) -> str:
    return {"list": "list.json", "deep": "deep.json", "syntax": "syntax.json", "gbk": "gbk.json",
            "bool_count": "deaths", "number_time": "reported_at", "infinity": "direct_loss_yuan",
            "nan": "burning_area_m2", "huge_int": "huge_int.json", "unknown": "deth", "far_future": "reported_at",
            "control": "scenario", "bad_hazard": "hazards", "bad_site": "site_category",
            "calls_text": "calls"}[name]  # fmt: skip


CASES = _cases()


@pytest.mark.parametrize(("argv", "names"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_naming_what_is_wrong(
    argv: Callable[[Path], list[str]], names: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(argv(tmp_path))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    assert code == 2, captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err and "\x1b" not in captured.err and "\x07" not in captured.err
    assert names in lines[0], lines[0]
    assert captured.out == ""


def test_the_table_is_large_enough_to_cover_every_class() -> None:
    assert len(CASES) >= 300


@pytest.mark.parametrize(
    "argv",
    [
        ["classify", "--loss", "５０００万", "--at", "2026-03-10T12:00"],
        ["classify", "--wind", "６级", "--deaths", "１２", "--at", "2026-03-10T12:00"],
        ["classify", "--wind-speed", "８.５米/秒", "--at", "2026-03-10T12:00"],
        ["classify", "--area", "1,200", "--site", "high_rise", "--at", "2026-03-10T12:00"],
    ],
)
def test_valid_look_alikes_are_accepted(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert "火灾等级评估" in capsys.readouterr().out


def test_a_gbk_local_playbook_is_named_and_the_rest_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["playbook", "list", "--playbooks", str(_local_playbooks(tmp_path, "gbk"))]) == 0
    out = capsys.readouterr().out
    assert "oil-tank" in out  # the shipped playbooks are all there
    (problem,) = [line for line in out.splitlines() if "local-playbook.yaml" in line]
    assert "GBK" in problem and "UTF-8" in problem and ":2:" in problem


def test_a_bom_is_accepted_in_incident_json_and_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "incident.json"
    source.write_bytes(b"\xef\xbb\xbf" + b'{"deaths": 12, "reported_at": "2026-03-10T12:00"}')
    config = tmp_path / "config.yaml"
    config.write_bytes(b"\xef\xbb\xbf" + b"lang: zh\n")
    assert main(["classify", "--from", str(source), "--config", str(config)]) == 0
    assert "重大" in capsys.readouterr().out
