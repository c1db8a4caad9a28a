"""The after-action record of an incident worked at the desk, as the console records it.

A mall fire reported at 21:38, opened at 21:40, 12 dead at 21:45 (major), the night trigger at
22:01 (especially major), closed at 23:10. The record must name the place and the final level,
the playbook chosen, both levels apart, count every time from the report, and say no id.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.datadir import default_db_path
from firedrill.facts import FACT_NAMES
from firedrill.incident.desk import Desk
from firedrill.incident.export import to_markdown
from firedrill.incident.export_html import HEIGHT, TOP, to_html
from firedrill.incident.procedure_export import procedure_markdown
from firedrill.journal import EventKind, Journal, ProcedureState, StatusState
from firedrill.models import Level, Trigger
from firedrill.playbook.loader import load_library
from firedrill.procedure import load_catalogue
from firedrill.timeutil import LOCAL_TZ

REPORTED = datetime(2026, 4, 15, 21, 38, tzinfo=LOCAL_TZ)
OPENED = REPORTED + timedelta(minutes=2)


def _at(minutes: float) -> datetime:
    return OPENED + timedelta(minutes=minutes)


@pytest.fixture
def mall(tmp_path: Path) -> tuple[Path, str]:
    data_dir = tmp_path / "desk"
    with Journal.open(default_db_path(data_dir)) as journal:
        desk = Desk(journal, library=load_library())
        incident_id = desk.open({"reported_at": REPORTED}, at=OPENED, actor="值班员甲").state.id
        chosen = {"location": "汉正街第一商场", "scenario": "underground-mall", "site_category": "crowded_place"}
        desk.set_facts(incident_id, chosen, {"location": "汉正街第一商场"}, _at(1))
        desk.set_facts(incident_id, {"deaths": 12, "direct_loss_yuan": 5e7}, {"deaths": "12"}, _at(5))
        desk.step(incident_id, "alarm_received", at=_at(6), actor="值班员甲")
        desk.call(incident_id, _at(8), location="汉正街第一商场")
        desk.note(incident_id, "<script>alert(1)</script> 第二中队到场", at=_at(9))
        desk.advance(incident_id, _at(21))
        desk.close(incident_id, _at(90), reason="应急状态终止")
    return data_dir, incident_id


def _record(data_dir: Path, incident_id: str, lang: str) -> tuple[str, str]:
    with Journal.open(default_db_path(data_dir), read_only=True) as journal:
        md = to_markdown(journal, incident_id, lang) + procedure_markdown(journal, incident_id, lang)
        return md, to_html(journal, incident_id, lang)


def _ids() -> set[str]:
    """Every id the journal stores that a reader should never meet: those written with _ or -."""
    words = {*FACT_NAMES, *Level, *Trigger, *EventKind, *ProcedureState, *StatusState,
             "crowded_place", "underground-mall", "night_trigger"}  # fmt: skip
    words |= {step.id for step in load_catalogue().steps}
    return {w for w in words if "_" in w or "-" in w}


def test_titled_by_place_and_final_level_with_both_levels_apart(mall: tuple[Path, str]) -> None:
    md, html = _record(*mall, "zh")
    assert md.startswith("# 汉正街第一商场 · 特别重大火灾事故 especially major fire — 处置记录 incident record\n")
    assert "<h1>汉正街第一商场 · 特别重大火灾事故 especially major fire — 处置记录 incident record</h1>" in html
    assert "| 事故等级(1.4) Accident grade (1.4) | 重大火灾事故 major fire |" in md
    assert ("| 火警等级(响应等级,4.3) Fire alarm level (response level, 4.3) | 特别重大火灾事故 especially major "
            "fire — 当日22时至次日凌晨6时 between 22:00 and 06:00 (4.3(3)) |") in md  # fmt: skip
    assert "| 标题 Title |" not in md  # the opening minute is no title


def test_the_playbook_as_chosen_at_the_desk(mall: tuple[Path, str]) -> None:
    md, _ = _record(*mall, "zh")
    assert "| 处置预案 Scenario playbook | 附件1 二 地下建筑(商场)火灾扑救" in md
    assert "未指定" not in md
    en, _ = _record(*mall, "en")
    assert "| Scenario playbook | Attachment 1 · Firefighting in underground buildings (shopping malls) |" in en


def test_one_time_origin_the_report_with_clock_times(mall: tuple[Path, str]) -> None:
    md, _ = _record(*mall, "zh")
    assert "| 时间起点 Time origin | 报警时间 2026-04-15 21:38:00;" in md
    assert "| 开始时间 Opened | 21:40:00 (+00:02:00) |" in md and "| 结束时间 Closed | 23:10:00 (+01:32:00) |" in md
    events = [line for line in md.splitlines() if line.startswith("- **#")]
    assert events[0].startswith("- **#1** 21:40:00 (+00:02:00) ·")
    for line in events:  # every event: a clock time, then the time since the report
        clock, since = re.match(r"- \*\*#\d+\*\* (\d\d:\d\d:\d\d) \(\+(\d\d:\d\d:\d\d)\)", line).groups()  # type: ignore[union-attr]
        h, m, s = map(int, since.split(":"))
        assert (REPORTED + timedelta(hours=h, minutes=m, seconds=s)).strftime("%H:%M:%S") == clock
    assert "| 21:46:00 (+00:08:00) | 4.1 | 接到火灾报警或者转警" in md  # the checklist counts from the report too
    assert "- 21:48:00 (+00:10:00)" in md


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_not_ids_and_no_data_dumps(mall: tuple[Path, str], lang: str) -> None:
    md, html = _record(*mall, lang)
    for text in (md, re.sub(r"<[^>]+>", " ", html)):
        found = sorted(i for i in _ids() if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))
        assert found == [], found
        for dump in ('{"', '["', "`", "text_en", "clauses", "escalated", "lang:", "True", "False", "5e+07"):
            assert dump not in text, dump
    if lang == "zh":
        assert "场所类别 Site type | 人员密集场所" in md and "直接财产损失 Direct loss | 5000万元" in md
        assert "4.1 接到火灾报警或者转警" in md and "死亡人数 Deaths | 12人" in md
    else:
        assert "事故等级" not in md and "Direct loss | 50,000,000 yuan" in md


def test_html_draws_the_level_over_time_inline(mall: tuple[Path, str]) -> None:
    _, html = _record(*mall, "zh")
    assert "<script" not in html.replace("&lt;script&gt;", "") and "src=" not in html and "href=" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 第二中队到场" in html
    svg = ET.fromstring(html[html.index("<svg"):html.index("</svg>") + 6])
    lines = svg.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 2
    grade, response = ([tuple(map(float, p.split(","))) for p in line.get("points", "").split()] for line in lines)

    def levels(points: list[tuple[float, float]]) -> list[float]:
        return [y for i, (_, y) in enumerate(points) if i == 0 or y != points[i - 1][1]]

    # Higher is graver: general → major → especially major for the response level, the grade stays major.
    assert len(levels(response)) == 3 and levels(response) == sorted(levels(response), reverse=True)
    assert levels(response)[-1] == TOP and levels(grade)[-1] > TOP and TOP < levels(grade)[-1] < HEIGHT
    assert response[-1][0] == grade[-1][0] > response[0][0]  # both lines run to the close


def test_export_html_from_the_command_line(mall: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, incident_id = mall
    page = tmp_path / "after-action.html"
    args = ["journal", "export", incident_id, "--format", "html", "--lang", "en", "--out", str(page)]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en">' in text and "<svg" in text
    assert "especially major fire" in text and "Procedure checklist" in text


@pytest.mark.parametrize(
    ("name", "value", "lang", "shown"),
    [
        ("hazards", ["explosion", "collapse"], "zh", "爆炸 Explosion, 倒塌 Collapse"),
        ("hazards", [], "zh", "无 none"),
        ("scene", {"lon": 114.27, "lat": 30.58, "district": "江汉"}, "en", "114.27, 30.58 (江汉)"),
        ("severe_weather", True, "zh", "是 yes"),
        ("rising_calls", False, "en", "no"),
        ("wind_force", 6, "zh", "6级"),
        ("gust_speed_ms", 13.9, "en", "13.9 m/s"),
        ("direct_loss_yuan", 5e7, "zh", "5000万元"),
        ("direct_loss_yuan", 1234.5, "zh", "1234.5元"),
        ("direct_loss_yuan", 5e7, "en", "50,000,000 yuan"),
        ("burning_area_m2", 800.0, "zh", "800 m²"),
        ("site_category", "chemical", "en", "Chemical site"),
        ("site_category", "from_a_newer_firedrill", "zh", "from_a_newer_firedrill"),  # kept, not dropped
        ("reported_at", REPORTED + timedelta(days=1, minutes=5), "zh", "04-16 21:43:00 (+1d 00:05:00)"),
        ("scenario", "no-such-playbook", "en", "no-such-playbook (not in the built-in playbooks)"),
    ],
)
def test_each_fact_reads_in_words(name: str, value: object, lang: str, shown: str) -> None:
    from firedrill.incident.export_values import fact_value

    assert fact_value(name, value, lang, REPORTED, load_library()) == shown
