"""The cache of validated tables serves what validation gives, and never a stale or damaged copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from firedrill.datacache import CACHE_ENV, cache_dir, load_cached
from firedrill.errors import InputError
from firedrill.rules.loader import DATA_DIR
from firedrill.rules.schema import WindScale
from firedrill.yamlio import load_model


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def table(tmp_path: Path) -> Path:
    copy = tmp_path / "wind.yaml"
    shutil.copy(DATA_DIR / "wind.yaml", copy)
    return copy


def test_a_cached_table_equals_the_validated_one(cache: Path, table: Path) -> None:
    first = load_cached(WindScale, table)
    assert cache_dir() == cache and len(list(cache.glob("wind-*.pickle"))) == 1
    again = load_cached(WindScale, table)
    assert again == first == load_model(WindScale, table)


def test_an_edited_file_is_validated_again_and_its_old_entry_dropped(cache: Path, table: Path) -> None:
    load_cached(WindScale, table)
    table.write_text(table.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_cached(WindScale, table)
    assert len(list(cache.glob("wind-*.pickle"))) == 1
    table.write_text("plan: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_cached(WindScale, table)
    assert caught.value.file == str(table)


def test_a_damaged_cache_entry_is_ignored_and_replaced(cache: Path, table: Path) -> None:
    expected = load_cached(WindScale, table)
    (entry,) = cache.glob("wind-*.pickle")
    entry.write_bytes(b"\x80\x05garbage")
    assert load_cached(WindScale, table) == expected
    assert entry.read_bytes() != b"\x80\x05garbage"


def test_an_unwritable_cache_never_stops_a_command(
    tmp_path: Path, table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert load_cached(WindScale, table) == load_model(WindScale, table)
