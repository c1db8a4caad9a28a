"""The step data: every quote is the plan's text, the order and dependencies are the plan's (or a
documented reading), and the levels agree with the rules data the grading engine uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.models import Level
from firedrill.playbook.phases import load_combat_phases
from firedrill.procedure import load_catalogue, load_catalogue_from
from firedrill.procedure.loader import DATA_FILE
from firedrill.rules import load_rulebook
from tests.conftest import squash

CATALOGUE = load_catalogue()
IDS = CATALOGUE.ids()


@pytest.mark.parametrize("step", CATALOGUE.steps, ids=lambda s: s.id)
def test_every_quote_is_verbatim_in_the_plan(step, plan_squashed: str) -> None:
    assert squash(step.quote) in plan_squashed


@pytest.mark.parametrize("step", CATALOGUE.steps, ids=lambda s: s.id)
def test_every_quote_sits_under_the_clause_it_cites(step, plan_text: str) -> None:
    """The quote is found in the chapter the step cites (body of the plan, before 附件 1)."""
    body = plan_text.split("\n附件 1\n")[0]
    chapter = step.clause.split(".")[0]
    headings = [line for line in body.splitlines() if line[:1].isdigit() and " " in line[:6]]
    starts = {h.split(" ")[0]: body.index(h) for h in headings}
    next_chapter = str(int(chapter) + 1)
    section = body[starts[chapter] : starts.get(next_chapter, len(body))]
    assert squash(step.quote) in squash(section)


def _position(step_id: str) -> int:
    return IDS.index(step_id)


def test_dependencies_come_earlier_in_the_checklist() -> None:
    for step in CATALOGUE.steps:
        for dep in step.depends_on:
            assert _position(dep) < _position(step.id), f"{step.id} after {dep}"


@pytest.mark.parametrize(
    ("step", "dependency"),
    [
        ("forces_dispatched", "alarm_received"),  # 4.1: received, then dispatched
        ("situation_reported", "forces_dispatched"),  # the commander arrives with the forces
        ("level_determined", "situation_reported"),  # 4.2: the office decides on the report
        ("activation_proposed", "level_determined"),
        ("city_government_reported", "level_determined"),
        ("commander_on_scene", "level_determined"),  # "确认为重特大火灾时"
        ("group_firefighting", "field_headquarters_set_up"),  # 2.4: 现场指挥部下设
        ("termination_reported", "control_confirmed"),  # 5: 经办公室确认后,向指挥部报告
        ("termination_declared", "termination_reported"),
        ("recovery_plan", "termination_declared"),  # 6 opens after 5
        ("loss_assessed", "termination_declared"),
        ("combat.rescue", "combat.reconnaissance"),
        ("combat.end_of_combat", "combat.extinguishing"),
    ],
)
def test_the_plan_order_is_a_dependency(step: str, dependency: str) -> None:
    found = CATALOGUE.step(step)
    assert found is not None and dependency in found.depends_on


def test_the_checklist_follows_the_chapters() -> None:
    stages = [s.stage for s in CATALOGUE.steps]
    assert stages.index("alarm") < stages.index("activation") < stages.index("dispatch")
    assert stages.index("combat") < stages.index("termination") < stages.index("aftermath")
    assert stages[-1] == "aftermath"


def test_combat_phases_are_the_playbooks_nine_in_order() -> None:
    phases = load_combat_phases().phases
    combat = [s for s in CATALOGUE.steps if s.stage == "combat"]
    assert [s.title for s in combat] == [p.name for p in phases]
    assert len(combat) == 9


def test_activation_levels_match_the_rules_data() -> None:
    """4.2 reports and notifications apply exactly where the rules say activation is set by the plan."""
    rules = load_rulebook().response.activation.levels
    activated = {level for level, entry in rules.items() if entry.set_by_plan}
    for step_id in ("level_determined", "activation_proposed", "city_government_reported", "emergency_bureau_notified"):
        step = CATALOGUE.step(step_id)
        assert step is not None and set(step.levels) == activated


def test_dispatch_scale_steps_match_the_rules_data() -> None:
    dispatch = load_rulebook().response.dispatch.levels
    scale_steps = [s for s in CATALOGUE.steps if s.id.endswith("_scale_dispatched")]
    covered = {level for s in scale_steps for level in s.levels}
    assert covered == {level for level, entry in dispatch.items() if entry.set_by_plan}
    for step in scale_steps:
        (level,) = step.levels
        assert squash(step.quote) in squash(dispatch[level].quote)


def test_headquarters_organisation_starts_where_the_rules_say() -> None:
    start = load_rulebook().response.linked_units.applies_from
    from_start = {level for level in Level if level.rank >= start.rank}
    for step in CATALOGUE.steps:
        if step.stage in ("linked_units", "field_headquarters"):
            assert set(step.levels) == from_start, step.id


def test_group_steps_are_the_seven_groups_of_2_4() -> None:
    groups = load_rulebook().organisation.groups
    steps = [s for s in CATALOGUE.steps if s.clause == "2.4"]
    assert [s.id for s in steps] == [f"group_{g.id}" for g in groups]
    assert [s.title.zh for s in steps] == [g.name.zh for g in groups]


def test_only_termination_steps_wait_for_hazards_and_cannot_be_skipped() -> None:
    gated = [s.id for s in CATALOGUE.steps if s.requires_no_active_hazard]
    assert gated == ["control_confirmed", "termination_reported", "termination_declared"]
    assert [s.id for s in CATALOGUE.steps if not s.skippable] == gated
    assert [s.id for s in CATALOGUE.steps if s.ends_emergency] == ["termination_declared"]


def test_steps_sharing_a_time_target_key() -> None:
    """One local target can cover the three reports of 4.2 (their minutes are set only in config)."""
    assert CATALOGUE.target_keys()["activation_reports"] == (
        "activation_proposed", "city_government_reported", "emergency_bureau_notified"
    )


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "steps.yaml"
    text = DATA_FILE.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_dependency_on_a_later_step_names_file_and_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "depends_on: [alarm_received]", "depends_on: [level_determined]")
    with pytest.raises(InputError) as caught:
        load_catalogue_from(path)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "id: forces_dispatched" in text)
    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert "forces_dispatched" in caught.value.message and "level_determined" in caught.value.message


def test_an_unknown_actor_names_the_field(tmp_path: Path) -> None:
    path = _broken(tmp_path, "actor: command_centre", "actor: nobody")
    with pytest.raises(InputError) as caught:
        load_catalogue_from(path)
    assert "unknown actor 'nobody'" in caught.value.message
    assert caught.value.file == str(path)


def test_a_bad_level_names_file_line_and_field(tmp_path: Path) -> None:
    path = _broken(tmp_path, "levels: [general, larger, major, especially_major]", "levels: [huge]")
    with pytest.raises(InputError) as caught:
        load_catalogue_from(path)
    assert caught.value.field is not None and caught.value.field.startswith("steps.0")
    assert caught.value.line is not None and caught.value.line > 1


def test_an_unknown_combat_phase_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, "end_of_combat: [extinguishing]", "end_of_combat: [mopping_up]")
    with pytest.raises(InputError, match="mopping_up"):
        load_catalogue_from(path)


def test_the_docs_list_every_step_and_time_target_key() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "procedure.md").read_text(encoding="utf-8")
    for step in CATALOGUE.steps:
        assert f"`{step.id}`" in docs, step.id
    for key in CATALOGUE.target_keys():
        assert f"`{key}`" in docs, key


def test_the_docs_step_table_matches_the_data() -> None:
    """Clause, actor, levels and dependencies in docs/procedure.md are those of steps.yaml."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "procedure.md").read_text(encoding="utf-8")
    letters = {Level.GENERAL: "G", Level.LARGER: "L", Level.MAJOR: "M", Level.ESPECIALLY_MAJOR: "E"}
    checked = set()
    for line in docs.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        ids = re.findall(r"`([^`]+)`", cells[0]) if line.startswith("| `") else []
        for step_id in ids:
            step = CATALOGUE.step(step_id)
            if step is None:
                continue  # another table (refusal codes)
            assert cells[1] == step.clause, step_id
            assert cells[2] == CATALOGUE.actors[step.actor].zh, step_id
            assert cells[3].startswith(" ".join(letters[lv] for lv in step.levels)), step_id
            assert cells[4].startswith(", ".join(step.depends_on)), step_id
            checked.add(step_id)
    assert checked == set(IDS)
