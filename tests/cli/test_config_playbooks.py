"""Local playbook folders named in the config file are loaded like ``--playbooks DIR``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from firedrill.cli.main import main
from tests.conftest import ROOT


def test_config_playbook_dirs_are_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    local = tmp_path / "district"
    local.mkdir()
    text = (ROOT / "playbooks" / "theatre.yaml").read_text(encoding="utf-8")
    (local / "district-theatre.yaml").write_text(text.replace("id: theatre", "id: district-theatre", 1), "utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"playbook_dirs: [{local}]\n", encoding="utf-8")
    monkeypatch.setenv("FIREDRILL_CONFIG", str(config))
    assert main(["playbook", "list", "--json"]) == 0
    ids = [p["id"] for c in json.loads(capsys.readouterr().out)["categories"] for p in c["playbooks"]]
    assert "district-theatre" in ids and "theatre" in ids


def test_a_bad_config_file_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("playbook_dirs: [a]\ncolour: red\n", encoding="utf-8")
    monkeypatch.setenv("FIREDRILL_CONFIG", str(config))
    assert main(["playbook", "list"]) == 2
    err = capsys.readouterr().err
    assert f"{config}:2" in err and "colour" in err and len(err.strip().splitlines()) == 1
