"""Chapter 2 complete: 2.1 posts, 2.2 office, 2.3 scene command, 2.4 groups, 4.2 notified; every unit answered."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.rules.loader import DATA_DIR, load_rulebook, load_rulebook_from
from firedrill.rules.organisation import chain_of_command, close_matches, command_graph, find_unit, unit_names
from tests.conftest import squash

# Every unit (and body) the plan names in chapter 2, or notifies in 4.2, with the roles it must
# answer: (kind, clause, the role's or group's Chinese name), read off the plan by hand.
CHAPTER_2 = {
    "市人民政府": {("body", "2.1", "市人民政府"), ("post", "2.1", "指挥长"), ("post", "2.1", "副指挥长")},
    "市委": {("post", "2.1", "指挥长")},
    "市公安局": {("post", "2.1", "副指挥长"), ("member", "2.4", "现场警戒组")},
    "市应急管理局": {("post", "2.1", "副指挥长"), ("notified", "4.2", "通报")},
    "市消防救援支队": {
        ("post", "2.1", "副指挥长"), ("post", "2.2", "主任"), ("seat", "2.2", "办公所在"),
        ("member", "2.4", "灭火作战组"),
    },
    "市消防救援指挥中心": {("seat", "2.2", "办公所在")},
    "重特大火灾事故应急指挥部": {("body", "2.1", "重特大火灾事故应急指挥部")},
    "指挥部办公室": {("body", "2.2", "指挥部办公室")},
    "现场指挥部": {("body", "2.3", "现场指挥部")},
    "消防救援部门": {("post", "2.3", "指挥救援现场")},
    "属地政府": {("post", "2.3", "统一调度救援工作")},
    **{u: {("member", "2.4", "救援专家咨询组")}
       for u in ("武汉大学", "华中科技大学", "宝钢股份武钢有限公司", "中国石化(武汉)分公司", "中韩石化(武汉)乙烯")},
    **{u: {("member", "2.4", "勤务保障组")}
       for u in ("市财政局", "市生态环境局", "市城管执法委", "市交通运输局", "市水务局", "市气象局", "武汉海事局",
                 "武汉供电公司", "中国电信武汉分公司")},
    "市卫健委": {("member", "2.4", "医疗救护组")},
    "市民政局": {("member", "2.4", "善后处理组")},
    "市委宣传部(市人民政府新闻办)": {("member", "2.4", "宣传报道组")},
}  # fmt: skip


def _chapter(plan_text: str, start: str, end: str) -> str:
    return squash(plan_text[plan_text.index(start) : plan_text.index(end)])


@pytest.fixture(scope="module")
def chapter_2(plan_text: str) -> str:
    return _chapter(plan_text, "2 应急组织与职责", "3 日常准备与预防")


@pytest.fixture(scope="module")
def clause_4_2(plan_text: str) -> str:
    return _chapter(plan_text, "4.2 预案启动", "4.3 火警升级")


@pytest.mark.parametrize("name", sorted(CHAPTER_2))
def test_every_chapter_2_unit_is_answered_with_each_of_its_roles(name: str, chapter_2: str) -> None:
    assert name in chapter_2  # the list above is the plan's, not ours
    roles = find_unit(name)
    assert roles and {r.unit.zh for r in roles} == {name}
    assert {(r.kind, r.clause, r.role.zh) for r in roles} == CHAPTER_2[name]
    for role in roles:
        assert role.quote and role.clause


def test_every_unit_in_the_data_is_named_in_chapter_2_or_4_2(chapter_2: str, clause_4_2: str) -> None:
    names = [n.zh for n in unit_names()]
    assert sorted(names) == sorted(CHAPTER_2)
    for name in names:
        assert name in chapter_2 or name in clause_4_2, name


def test_every_role_quote_is_the_plans_and_names_the_unit(plan_squashed: str) -> None:
    """A post, seat or notification quotes the words naming the unit; a member's group quote names it."""
    graph = command_graph()
    for name in CHAPTER_2:
        for role in find_unit(name):
            assert squash(role.quote) in plan_squashed
            if role.kind == "member":
                assert name in graph.nodes[role.of]["quote"], (name, role.of)
            elif role.kind != "body":
                assert name in role.quote, (name, role.quote)


def test_english_names_answer_too() -> None:
    roles = find_unit("municipal emergency management bureau")
    assert [(r.kind, r.clause) for r in roles] == [("post", "2.1"), ("notified", "4.2")]


def test_emergency_management_bureau_is_deputy_commander_and_notified() -> None:
    deputy, notified = find_unit("市应急管理局")
    assert (deputy.role.zh, deputy.of, deputy.clause, deputy.person and deputy.person.zh) == (
        "副指挥长",
        "headquarters",
        "2.1",
        "相关负责人",
    )
    assert [u.zh for u in deputy.listed_with] == ["市公安局", "市应急管理局", "市消防救援支队"] and deputy.open
    assert (notified.role.zh, notified.of, notified.clause) == ("通报", "office", "4.2") and notified.open
    assert notified.quote == "同时,通报给市应急管理局等相关部门"


def test_2_1_commander_and_deputies() -> None:
    hq = next(b for b in load_rulebook().organisation.bodies if b.id == "headquarters")
    commander, deputies = hq.posts
    assert commander.title.zh == "指挥长" and deputies.title.zh == "副指挥长"
    usual, when_needed = commander.holders
    assert ([u.zh for u in usual.units], usual.person.zh, usual.condition) == (["市人民政府"], "分管领导同志", None)
    assert [u.zh for u in when_needed.units] == ["市委", "市人民政府"] and when_needed.person.zh == "主要领导同志"
    assert when_needed.condition is not None and when_needed.condition.zh == "必要时"
    secretary, departments = deputies.holders
    assert ([u.zh for u in secretary.units], secretary.person.zh) == (["市人民政府"], "分管副秘书长")
    assert [u.zh for u in departments.units] == ["市公安局", "市应急管理局", "市消防救援支队"]
    assert departments.open and departments.person.zh == "相关负责人"


def test_2_2_office_seat_director_duty_line_and_all_its_duties(plan_text: str) -> None:
    office = next(b for b in load_rulebook().organisation.bodies if b.id == "office")
    assert office.seat is not None and office.seat.also is not None
    assert (office.seat.unit.zh, office.seat.also.zh) == ("市消防救援支队", "市消防救援指挥中心")
    [director] = office.posts
    [holder] = director.holders
    assert (director.title.zh, [u.zh for u in holder.units], holder.person.zh) == ("主任", ["市消防救援支队"], "支队长")
    assert office.duty_hours is not None and office.duty_hours.phones == ("119", "85398319")
    assert office.duty_hours.hours.zh == "24小时工作制"
    # all its duties: the plan's sentence of duties is exactly these, in order, and nothing else
    sentence = squash(plan_text[plan_text.index("主要负责督办") : plan_text.index("综合协调火灾现场处置工作。")])
    sentence += "综合协调火灾现场处置工作"
    duties = [d.text.zh for d in office.duties]
    rest = sentence.removeprefix("主要负责")
    for duty in duties:
        assert rest.startswith(duty), (duty, rest)
        rest = rest[len(duty) :].lstrip(",;")
    assert rest == ""
    assert all(d.text.zh in d.quote for d in office.duties)


def test_2_3_the_fire_service_commands_the_scene_and_the_local_government_may_coordinate() -> None:
    field = next(b for b in load_rulebook().organisation.bodies if b.id == "field_headquarters")
    assert field.condition is not None and field.condition.zh == "根据实际需要设立"
    scene, coordination = field.posts
    [fire] = scene.holders
    [local] = coordination.holders
    assert ([u.zh for u in fire.units], fire.person.zh) == (["消防救援部门"], "负责人")
    assert fire.condition is not None and fire.condition.zh == "原则上"
    assert ([u.zh for u in local.units], local.person.zh) == (["属地政府"], "负责人")
    assert local.condition is not None and local.condition.zh in local.quote and "可" in local.condition.zh
    assert coordination.title.zh in local.quote and "统一调度" in coordination.title.zh


def test_open_lists_are_exactly_those_the_plan_ends_in_deng() -> None:
    """Each list is marked open exactly when the plan writes 等 after its last unit."""
    org = load_rulebook().organisation
    lists: list[tuple[tuple[Text, ...], bool, str]] = []
    for body in org.bodies:
        lists += [(h.units, h.open, h.quote) for post in body.posts for h in post.holders]
    lists += [(tuple(m.unit for m in g.members), g.open, g.quote) for g in org.groups]
    lists += [(n.units, n.open, n.quote) for n in org.notifications]
    opened = [units[-1].zh for units, is_open, _ in lists if is_open]
    for units, is_open, quote in lists:
        assert (f"{units[-1].zh}等" in quote) is is_open, (units[-1].zh, quote)
    assert sorted(opened) == sorted(
        ["市消防救援支队", "中韩石化(武汉)乙烯", "市委宣传部(市人民政府新闻办)", "市应急管理局"]
    )


def test_a_unit_has_one_english_name_everywhere() -> None:
    names: dict[str, set[str]] = {}
    raw = yaml.safe_load((DATA_DIR / "organisation.yaml").read_text(encoding="utf-8"))

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if set(node) == {"zh", "en"}:
                names.setdefault(node["zh"], set()).add(node["en"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(raw)
    assert {zh: en for zh, en in names.items() if len(en) > 1} == {}


def test_the_4_2_notification_is_the_one_the_response_rules_carry() -> None:
    book = load_rulebook()
    response_quotes = {n.quote for n in book.response.activation.notifications}
    assert {n.quote for n in book.organisation.notifications} <= response_quotes
    assert book.response.activation.clause == "4.2"


def test_exact_names_win_over_names_that_contain_them() -> None:
    assert {r.unit.zh for r in find_unit("市人民政府")} == {"市人民政府"}  # not 市委宣传部(市人民政府新闻办)
    assert {r.unit.zh for r in find_unit("指挥部")} == {"重特大火灾事故应急指挥部"}  # its short name
    assert {r.unit.zh for r in find_unit("新闻办")} == {"市委宣传部(市人民政府新闻办)"}


def test_unknown_names_find_nothing_but_suggest_close_ones() -> None:
    assert find_unit("火星消防局") == []
    assert "市消防救援支队" in close_matches("火星消防局")
    assert "市应急管理局" in close_matches("市应急管里局")


def test_chains_follow_the_structure_not_the_roles() -> None:
    assert chain_of_command("office") == ["office", "headquarters", "city_government"]
    assert chain_of_command("logistics") == ["logistics", "field_headquarters", "headquarters", "city_government"]
    assert chain_of_command("post:headquarters.deputy_commanders") == [
        "post:headquarters.deputy_commanders",
        "headquarters",
        "city_government",
    ]
    graph = command_graph()
    holds = [(u, v) for u, v, rel in graph.edges(data="relation") if rel == "holds"]
    assert ("city_government", "post:headquarters.commander") in holds  # the city government is one node


def _write_organisation(tmp_path: Path, edit: str, into: str) -> Path:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "organisation.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit in text
    path.write_text(text.replace(edit, into, 1), encoding="utf-8")
    return data


def test_a_duty_phone_not_in_its_quote_is_refused(tmp_path: Path) -> None:
    data = _write_organisation(tmp_path, '"85398319"]', '"85398310"]')
    with pytest.raises(InputError, match=r"organisation\.yaml"):
        load_rulebook_from(data)


def test_a_body_reporting_to_an_unknown_body_is_refused(tmp_path: Path) -> None:
    data = _write_organisation(tmp_path, "reports_to: city_government", "reports_to: city_council")
    with pytest.raises(InputError, match="city_council"):
        load_rulebook_from(data)
