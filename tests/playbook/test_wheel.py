"""The wheel carries the playbooks: built and installed elsewhere, it loads all 16 from inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import EXPECTED_IDS, ROOT

CHECK = (
    "import json, firedrill; from firedrill.playbook.loader import builtin_dir, load_library; "
    "lib = load_library(); "
    "print(json.dumps({'module': firedrill.__file__, 'dir': str(builtin_dir()), 'ids': list(lib.ids()), "
    "'unavailable': [u.message for u in lib.unavailable]}))"
)


@pytest.mark.slow
def test_installed_wheel_loads_all_playbooks(tmp_path: Path) -> None:
    wheels, target, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "cwd"
    elsewhere.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    (wheel,) = wheels.glob("firedrill-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=elsewhere, env=env, capture_output=True, text=True,
                            check=True, timeout=120)  # fmt: skip
    found = json.loads(result.stdout)
    assert Path(found["module"]).is_relative_to(target)
    assert Path(found["dir"]) == target / "firedrill" / "_playbooks"
    assert found["ids"] == EXPECTED_IDS
    assert found["unavailable"] == []
