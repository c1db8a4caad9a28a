"""Which data directory applies: --data-dir, then FIREDRILL_DATA_DIR, then the platform's user dir."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from firedrill.datadir import choose_data_dir, default_db_path, ensure_data_dir
from firedrill.errors import InputError


def test_flag_beats_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREDRILL_DATA_DIR", str(tmp_path / "env"))
    assert choose_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert choose_data_dir(None) == tmp_path / "env"


def test_platform_dir_when_nothing_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIREDRILL_DATA_DIR", raising=False)
    assert choose_data_dir(None) == Path(platformdirs.user_data_dir("firedrill"))
    monkeypatch.setenv("FIREDRILL_DATA_DIR", "   ")  # blank counts as unset
    assert choose_data_dir(None) == Path(platformdirs.user_data_dir("firedrill"))


def test_created_on_demand_and_db_path(tmp_path: Path) -> None:
    wanted = tmp_path / "a" / "b"
    assert not wanted.exists()
    made = ensure_data_dir(wanted)
    assert made.is_dir()
    assert default_db_path(made) == wanted / "firedrill.sqlite3"


def test_a_file_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as info:
        ensure_data_dir(blocker)
    assert info.value.field == "--data-dir"
