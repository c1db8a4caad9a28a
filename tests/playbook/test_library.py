"""The built-in library: the 16 public ids, in the plan's order, each complete and well placed."""

from __future__ import annotations

import pytest

from firedrill.errors import InputError
from firedrill.playbook.catalogue import load_attachments
from firedrill.playbook.loader import Library, builtin_dir, load_library
from firedrill.playbook.schema import SectionKind

from .helpers import EXPECTED, EXPECTED_IDS


def test_all_sixteen_public_ids_load_without_errors(library: Library) -> None:
    missing = [i for i in EXPECTED_IDS if i not in library]
    assert not missing, f"playbooks missing: {missing}; unavailable: {[u.message for u in library.unavailable]}"
    assert library.unavailable == ()
    assert len(library) == len(EXPECTED_IDS)


def test_playbooks_come_in_attachment_order(library: Library) -> None:
    assert list(library.ids()) == EXPECTED_IDS


@pytest.mark.parametrize("playbook_id", EXPECTED_IDS)
def test_each_playbook_is_in_its_attachment_and_category(library: Library, playbook_id: str) -> None:
    playbook = library.get(playbook_id)
    attachment, category = EXPECTED[playbook_id]
    assert (playbook.attachment, playbook.category.value) == (attachment, category)
    assert library.is_builtin(playbook_id)
    assert library.source(playbook_id).parent == builtin_dir()


@pytest.mark.parametrize("playbook_id", EXPECTED_IDS)
def test_each_playbook_has_its_five_sections_with_content(library: Library, playbook_id: str) -> None:
    playbook = library.get(playbook_id)
    assert [s.kind for s in playbook.sections] == list(SectionKind)
    for section in playbook.sections:
        assert section.text is not None or section.items, f"{playbook_id} {section.kind} is empty"
        for item in section.items:
            assert item.heading or item.text or item.items
    assert playbook.site_category_reason.zh.strip() and playbook.site_category_reason.en.strip()


def test_by_category_groups_in_attachment_order(library: Library) -> None:
    groups = library.by_category()
    assert [c.value for c in groups] == ["building", "chemical", "warehouse", "transport", "crowded",
                                         "special", "epidemic"]  # fmt: skip
    for category, playbooks in groups.items():
        assert [p.id for p in playbooks] == [i for i in EXPECTED_IDS if EXPECTED[i][1] == category.value]


def test_attachment_titles_are_the_plans_headings(plan_squashed: str) -> None:
    for attachment in load_attachments().attachments:
        assert attachment.title.zh in plan_squashed


def test_the_builtin_load_is_done_once() -> None:
    assert load_library() is load_library()


def test_unknown_id_is_an_input_error_naming_the_known_ones(library: Library) -> None:
    with pytest.raises(InputError) as caught:
        library.get("volcano")
    assert "unknown playbook 'volcano'" in str(caught.value)
    assert "high-rise" in str(caught.value)
