"""Clause 4.5's nine combat phases, in the plan's order, laid along a playbook's items."""

from __future__ import annotations

from firedrill.playbook.loader import Library
from firedrill.playbook.phases import combat_sequence, load_combat_phases

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


def test_high_rise_items_fall_under_their_phases(library: Library) -> None:
    steps = {s.phase.id: [e.citation for e in s.entries] for s in combat_sequence(library.get("high-rise"))}
    assert steps["reconnaissance"] == ["附件1 一(四)1"]
    assert steps["water_supply"] == ["附件1 一(四)4"]
    assert steps["smoke_exhaust"] == ["附件1 一(四)5"]
    assert steps["forcible_entry"] == []  # the high-rise playbook never names 火场破拆: silent, not invented


def test_every_playbook_gets_all_nine_phases(library: Library) -> None:
    for playbook in library.all():
        assert len(combat_sequence(playbook)) == len(load_combat_phases().phases)
