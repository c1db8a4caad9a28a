"""Clause 4.5's nine combat phases, in the plan's order, laid along a playbook's items."""

from __future__ import annotations

import pytest

from firedrill.errors import InputError
from firedrill.playbook.citations import iter_entries
from firedrill.playbook.loader import Library
from firedrill.playbook.phases import combat_sequence, load_combat_phases, load_phase_map, mapped_phases
from firedrill.playbook.schema import SectionKind

from .helpers import squash


def test_nine_phases_in_the_plans_order(plan_text: str) -> None:
    phases = load_combat_phases()
    assert phases.clause == "4.5"
    assert squash(phases.quote) in squash(plan_text)
    names = [p.name.zh for p in phases.phases]
    # Written out from clause 4.5 by hand.
    assert names == ["火情侦察", "火场救人", "战斗展开", "火场供水", "火灾扑救", "物资保护", "火场破拆", "火场排烟",
                     "战斗结束"]  # fmt: skip
    assert all(p.name.en for p in phases.phases)


def _steps(library: Library, playbook_id: str) -> dict[str, list[str]]:
    return {s.phase.id: [e.citation for e in s.entries] for s in combat_sequence(library.get(playbook_id))}


def test_high_rise_items_fall_under_their_phases(library: Library) -> None:
    steps = _steps(library, "high-rise")
    assert steps["reconnaissance"][:1] == ["附件1 一(四)1"]
    assert "附件1 一(四)4" in steps["water_supply"] and "附件1 一(五)5" in steps["water_supply"]
    assert "附件1 一(四)5" in steps["smoke_exhaust"]
    # 一(四)3 疏散和抢救人员 and its three sub-items serve 火场救人, though none writes the phase's name.
    assert {"附件1 一(四)3", "附件1 一(四)3(1)", "附件1 一(四)3(2)", "附件1 一(四)3(3)"} <= set(steps["rescue"])
    assert steps["forcible_entry"] == []  # nothing in the high-rise playbook is about forcible entry


# Phases an exact-name match called silent, each with an item that serves it (read in the plan).
SERVED = [
    ("metro", "reconnaissance", "附件6 一(五)3"),  # 侦察力量,应由 3—4 个侦察小组组成 …
    ("metro", "smoke_exhaust", "附件6 一(三)4"),  # 灭火救援过程中要注意通风排烟
    ("metro", "water_supply", "附件6 一(五)2"),  # 最大限度地发挥消防车的供水能力
    ("aircraft", "forcible_entry", "附件4 二(四)3(3)"),  # 破拆疏散口利用车梯、消防梯救人
    ("aircraft", "forcible_entry", "附件4 二(四)3(4)"),  # 破拆驾驶舱玻璃窗救人
    ("aircraft", "forcible_entry", "附件4 二(五)5"),  # 破拆要选准部位
    ("aircraft", "rescue", "附件4 二(四)3"),  # 疏散和抢救人命
    ("oil-tank", "water_supply", "附件2 三(四)3(3)"),  # 做好火场供水
    ("shopping-mall", "property_protection", "附件5 二(四)4"),  # 疏散物资
    ("open-stack", "property_protection", "附件3 一(四)3"),  # 保护邻近未燃堆垛
    ("ship", "end_of_combat", "附件4 三(四)4"),  # 清理火场
    ("epidemic-zone", "end_of_combat", "附件7 四(五)1"),  # 洗消
    ("lpg", "deployment", "附件2 二(四)2"),  # 划定警戒区域
]


@pytest.mark.parametrize(("playbook", "phase", "citation"), SERVED)
def test_phases_once_called_silent_now_cite_the_item(library: Library, playbook: str, phase: str,
                                                      citation: str) -> None:  # fmt: skip
    assert citation in _steps(library, playbook)[phase]


def test_every_item_of_every_playbook_was_reviewed_and_cites_a_real_item(library: Library) -> None:
    mapped = load_phase_map().root
    for playbook in library.all():
        items = [e.citation for e in iter_entries(playbook) if e.depth > 0]
        assert list(mapped[playbook.id]) == items, playbook.id  # every item, in the plan's order, none extra
        assert set(mapped_phases(playbook)) == set(items)  # and each opening matches its item


def test_an_item_naming_a_phase_is_mapped_to_it(library: Library) -> None:
    """The old exact-name match is kept as a floor: an action item writing a phase's name serves it."""
    for playbook in library.all():
        mapped = mapped_phases(playbook)
        for entry in iter_entries(playbook):
            if entry.depth == 0 or entry.section is SectionKind.CHARACTERISTICS:
                continue  # 火灾特点 describe the fire (火灾扑救困难), they are not steps
            for phase in load_combat_phases().phases:
                if phase.name.zh in squash(entry.plain("zh")):
                    assert phase.id in mapped[entry.citation], (entry.citation, phase.id)


def test_fire_characteristics_serve_no_phase(library: Library) -> None:
    for playbook in library.all():
        mapped = mapped_phases(playbook)
        assert all(not mapped[e.citation] for e in iter_entries(playbook)
                   if e.depth > 0 and e.section is SectionKind.CHARACTERISTICS)  # fmt: skip


def test_a_stale_mapping_is_an_error_naming_the_file(library: Library) -> None:
    playbook = library.get("theatre")
    shifted = playbook.model_copy(update={"id": "oil-tank"})  # theatre's items under oil-tank's mapping
    with pytest.raises(InputError, match=r"phase_map\.yaml"):
        mapped_phases(shifted)


def test_a_playbook_the_map_does_not_know_maps_nothing(library: Library) -> None:
    local = library.get("theatre").model_copy(update={"id": "district-depot"})
    assert all(step.entries == () for step in combat_sequence(local))


def test_every_playbook_gets_all_nine_phases(library: Library) -> None:
    for playbook in library.all():
        assert len(combat_sequence(playbook)) == len(load_combat_phases().phases)
