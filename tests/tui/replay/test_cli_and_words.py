"""``firedrill replay|drill FILE --console``: bad input in one line before any screen, the drill's
report in the data directory's reports/ folder and the drill in its journal; the words of both
modes in both languages; no Textual where the engine or the CLI is imported."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from firedrill.cli import drill as drill_cli
from firedrill.cli import replay as replay_cli
from firedrill.cli.main import main
from firedrill.datadir import default_db_path
from firedrill.journal import Journal
from firedrill.models import Text
from firedrill.replay.store import load_drill
from firedrill.tui.replay import bindings, words
from firedrill.tui.replay.app import ReplayApp
from firedrill.tui.replay.drill import PANES as DRILL_PANES
from tests.replay.cli import run
from tests.tui.replay.helpers import MALL, SHIP

CODE = Path(__file__).resolve().parents[3] / "firedrill" / "tui" / "replay"


@pytest.mark.parametrize(("argv", "says"), [
    (["replay", str(MALL), str(SHIP), "--console"], "field 'FILE'"),
    (["replay", "nowhere.yaml", "--console"], "nowhere.yaml"),
    (["drill", str(MALL), "--console", "--answers", "a.yaml"], "field '--answers'"),
])  # fmt: skip
def test_bad_console_arguments_are_one_line(argv: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("firedrill: error:") and says in err


def test_console_drill_from_the_command_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """The app runs headless here; a trainee answers the first prompt and ends the drill (F9)."""

    def headless(app: ReplayApp) -> None:
        async def drive() -> None:
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                await pilot.press("n")
                await pilot.pause()
                await pilot.press("enter", "down", "enter", "tab", "tab", "tab", "space")  # 一般, night
                await pilot.press(*["tab"] * 6, "space", "f7", "f9")  # the plan sets no scale; submit; end
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()

        asyncio.run(drive())

    monkeypatch.setattr(ReplayApp, "run", headless)
    data = tmp_path / "data"
    assert run(drill_cli, str(MALL), "--console", "--trainee", "王五", "--data-dir", str(data)) == 0
    line = capsys.readouterr().out.strip()
    # #1 general, night, no scale, decided at once: P; #2 not answered: U. Nothing ticked: the
    # procedure is U at both (4.1's two steps due at #1, the especially-major steps at #2).
    # (3 + 0 + 0 + 0) / 12 = 25 %; mean 0.75 → U.
    found = re.fullmatch(r"U 25% — (\S+\.md) (\S+\.html) \(#(\d+)\)", line)
    assert found is not None, line
    md = Path(found.group(1))
    assert md.parent == data / "reports" and md.exists() and Path(found.group(2)).exists()
    with Journal.open(default_db_path(data)) as journal:
        stored = load_drill(journal, int(found.group(3)))
    assert stored is not None and stored.trainee == "王五" and [m.grade.value for m in stored.marks] == ["P", "U"]


def test_console_replay_closes_with_escape(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []

    def headless(app: ReplayApp) -> None:
        async def drive() -> None:
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.press("n")
                await pilot.pause()
                shown.append(app.screen.status_text())  # type: ignore[attr-defined]
                await pilot.press("escape")
                await pilot.pause()
                assert app.return_code == 0 and not app.is_running

        asyncio.run(drive())

    monkeypatch.setattr(ReplayApp, "run", headless)
    assert run(replay_cli, str(SHIP), "--console", "--lang", "en") == 0
    assert "21:35:00" in shown[0] and "Replay" in shown[0]


def test_every_word_in_both_languages_and_every_word_used_exists() -> None:
    for key in words.label_keys():
        text = Text(zh=words.rw(key, "zh"), en=words.rw(key, "en"))
        assert text.zh.strip() and text.en.strip(), key
    used = {a.label for a in bindings.ACTIONS} | {f"mode_{m}" for m in (bindings.REPLAY, bindings.DRILL)}
    used |= {f"tab_{pane}" for pane in DRILL_PANES if pane != "playbook"}
    for path in CODE.glob("*.py"):
        used |= set(re.findall(r"""rw\(["']([a-z_0-9]+)["'],""", path.read_text(encoding="utf-8")))
    assert used - set(words.label_keys()) == set()


def test_binding_ids_are_unique_per_screen() -> None:
    for mode in (bindings.REPLAY, bindings.DRILL):
        found = bindings.actions_for(mode)
        assert len({a.id for a in found}) == len(found) and len({a.key for a in found}) == len(found)


