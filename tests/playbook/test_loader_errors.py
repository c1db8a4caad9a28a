"""Bad playbook files: one clear message each (file, line, field), and the rest of the library still loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.playbook.loader import Library, builtin_dir, extend_library, load_builtin, load_library

from .helpers import EXPECTED_IDS, line_of, local_playbook, write_yaml


def _only_error(library: Library, path: Path) -> InputError:
    assert [u.file for u in library.unavailable] == [path]
    error = library.unavailable[0].error
    assert "\n" not in error.one_line()
    return error


def test_a_valid_local_playbook_joins_the_library(tmp_path: Path) -> None:
    write_yaml(tmp_path / "district-depot.yaml", local_playbook())
    library = load_library([tmp_path])
    assert library.unavailable == ()
    assert list(library.ids()) == [*EXPECTED_IDS[:8], "district-depot", *EXPECTED_IDS[8:]]
    assert not library.is_builtin("district-depot")
    assert library.get("district-depot").title.zh == "区级物资仓库火灾扑救"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"attachment": "seven"}, "attachment", "valid integer"),
        ({"category": "forest"}, "category", "building"),
        ({"site_category": 3}, "site_category", "ordinary_building"),
        ({"colour": "red"}, "colour", "unknown field"),
    ],
)
def test_a_bad_value_names_file_line_and_field(tmp_path: Path, change: dict[str, object], field: str,
                                                words: str) -> None:  # fmt: skip
    path = write_yaml(tmp_path / "district-depot.yaml", local_playbook(**change))
    library = load_library([tmp_path])
    error = _only_error(library, path)
    assert (error.file, error.line, error.field) == (str(path), line_of(path, field), field)
    assert words in error.message
    assert len(library) == len(EXPECTED_IDS)


def test_a_missing_section_is_named(tmp_path: Path) -> None:
    data = local_playbook()
    data["sections"] = [s for s in data["sections"] if s["kind"] != "safety_notes"]
    path = write_yaml(tmp_path / "district-depot.yaml", data)
    error = _only_error(load_library([tmp_path]), path)
    assert (error.field, error.line) == ("sections", line_of(path, "sections"))
    assert "missing section(s): safety_notes" in error.message


def test_a_missing_required_field_is_named(tmp_path: Path) -> None:
    data = local_playbook()
    del data["site_category_reason"]
    path = write_yaml(tmp_path / "district-depot.yaml", data)
    error = _only_error(load_library([tmp_path]), path)
    assert (error.field, error.message) == ("site_category_reason", "required field is missing")


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "district-depot.yaml"
    path.write_text("id: district-depot\nname: {zh: 仓库\ncategory: warehouse\n", encoding="utf-8")
    error = _only_error(load_library([tmp_path]), path)
    assert error.line is not None and error.line >= 2
    assert "not valid YAML" in error.message


def test_a_local_playbook_cannot_replace_a_builtin(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "high-rise.yaml", local_playbook("high-rise"))
    library = load_library([tmp_path])
    error = _only_error(library, path)
    assert (error.field, error.line) == ("id", line_of(path, "id"))
    assert "built-in" in error.message
    assert library.get("high-rise").title.zh == "高层建筑火灾扑救"  # the built-in one stands


def test_a_duplicate_id_is_an_error_for_the_second_file(tmp_path: Path) -> None:
    first = write_yaml(tmp_path / "a" / "district-depot.yaml", local_playbook())
    second = write_yaml(tmp_path / "b" / "district-depot.yaml", local_playbook())
    library = load_library([tmp_path / "a", tmp_path / "b"])
    error = _only_error(library, second)
    assert (error.field, error.line) == ("id", line_of(second, "id"))
    assert f"already loaded from {first}" in error.message
    assert library.source("district-depot") == first


def test_the_file_name_must_be_the_id(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "depot.yaml", local_playbook())
    error = _only_error(load_library([tmp_path]), path)
    assert (error.field, error.line) == ("id", line_of(path, "id"))


def test_the_category_must_be_the_attachments(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "district-depot.yaml", local_playbook(category="chemical"))
    error = _only_error(load_library([tmp_path]), path)
    assert (error.field, error.line) == ("category", line_of(path, "category"))


def test_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="playbook folder not found"):
        load_library([tmp_path / "nowhere"])


def test_a_broken_builtin_leaves_the_others_and_keeps_its_id(tmp_path: Path) -> None:
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    for playbook_id in ("high-rise", "oil-tank", "theatre"):
        shutil.copy(builtin_dir() / f"{playbook_id}.yaml", builtin)
    broken = builtin / "oil-tank.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("attachment: 2", "attachment: 9"), "utf-8")
    library = load_builtin(builtin)
    assert list(library.ids()) == ["high-rise", "theatre"]
    assert _only_error(library, broken).field == "attachment"
    with pytest.raises(InputError, match="'oil-tank' is unavailable"):
        library.get("oil-tank")
    local = write_yaml(tmp_path / "local" / "oil-tank.yaml", local_playbook("oil-tank"))
    extended = extend_library(library, [tmp_path / "local"])
    assert local in [u.file for u in extended.unavailable]
    assert "oil-tank" not in extended
