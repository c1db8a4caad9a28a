"""The inject table (MSEL) as CSV and as an Excel workbook: exported, edited, imported, and both
round trips byte-stable."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.cli import replay as replay_cli
from firedrill.errors import InputError
from firedrill.replay.msel import from_csv, import_table, rows_of, to_csv, to_xlsx
from firedrill.replay.parser import load_script, parse_script
from tests.replay.cli import run

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SCRIPT = SCENARIOS / "warehouse-loss-revised-roles.yaml"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_exported_imported_and_exported_again_is_the_same_bytes(tmp_path: Path, suffix: str) -> None:
    first, script, second = tmp_path / f"a{suffix}", tmp_path / "b.yaml", tmp_path / f"b{suffix}"
    assert run(replay_cli, str(SCRIPT), "--msel-out", str(first)) == 0
    assert run(replay_cli, str(SCRIPT), "--msel-in", str(first), "--out", str(script)) == 0
    assert run(replay_cli, str(script), "--msel-out", str(second)) == 0
    assert first.read_bytes() == second.read_bytes()
    again = load_script(script)
    assert again.script.injects == load_script(SCRIPT).script.injects  # nothing but the table's columns moved
    assert run(replay_cli, str(script), "--check") == 0


def test_every_shipped_script_round_trips_through_both_formats(tmp_path: Path) -> None:
    for path in sorted(SCENARIOS.glob("*.yaml")):
        rows = rows_of(load_script(path))
        text = path.read_text(encoding="utf-8")
        csv_text = to_csv(rows)
        back = parse_script(import_table(text, str(path), csv_text.encode(), "t.csv"), str(path))
        assert to_csv(rows_of(back)) == csv_text, path.name
        book = to_xlsx(rows)
        assert to_xlsx(rows_of(parse_script(import_table(text, str(path), book, "t.xlsx"), str(path)))) == book


def test_an_edited_table_changes_the_injects_and_adds_one(tmp_path: Path) -> None:
    rows = rows_of(load_script(SCRIPT))
    rows[0]["message_zh"] = "仓库内堆放桶装溶剂,燃烧面积约450平方米"
    rows[1]["to"] = "office"
    rows[1]["method"] = "无线电"  # a label is read as the console shows it
    rows.append({**{k: "" for k in rows[0]}, "seq": "9", "time": "+00:38", "to": "commander",
                 "message_zh": "风向转为东北风", "objective_zh": "检验现场指挥员对风向变化的处置"})  # fmt: skip
    text = import_table(SCRIPT.read_text(encoding="utf-8"), str(SCRIPT), to_csv(rows).encode(), "t.csv")
    loaded = parse_script(text, "edited.yaml")
    first, second, *_, added = loaded.script.injects
    assert first.message is not None and "450" in first.message.zh
    assert first.incident is not None and first.incident.burning_area_m2 == 400  # facts are not in the table
    assert second.to == ("office",) and second.method is not None and second.method.value == "radio"
    assert added.seq == 9 and added.objective is not None and added.objective.zh.startswith("检验")


def test_a_bad_table_is_one_error_with_its_line(tmp_path: Path) -> None:
    rows = rows_of(load_script(SCRIPT))
    rows[2]["method"] = "pigeon"
    with pytest.raises(InputError) as caught:
        import_table(SCRIPT.read_text(encoding="utf-8"), str(SCRIPT), to_csv(rows).encode(), "t.csv")
    assert (caught.value.file, caught.value.line, caught.value.field) == ("t.csv", 4, "method")
    with pytest.raises(InputError, match="columns"):
        from_csv("seq,when\n1,+00:05\n", "t.csv")
    with pytest.raises(InputError, match="Excel"):
        import_table(SCRIPT.read_text(encoding="utf-8"), str(SCRIPT), b"not a zip", "t.xlsx")
