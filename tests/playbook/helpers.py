"""Shared test data: the 16 public playbook ids, a plan-text parser, and a minimal local playbook."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
PLAN_FILE = ROOT / "docs" / "source" / "wuhan-major-fire-plan-2021.txt"

# The public contract, in attachment order, with each playbook's attachment.
EXPECTED: dict[str, tuple[int, str]] = {
    "high-rise": (1, "building"), "underground-mall": (1, "building"), "brick-wood": (1, "building"),
    "refinery": (2, "chemical"), "lpg": (2, "chemical"), "oil-tank": (2, "chemical"),
    "open-stack": (3, "warehouse"), "hazmat-warehouse": (3, "warehouse"),
    "train": (4, "transport"), "aircraft": (4, "transport"), "ship": (4, "transport"),
    "theatre": (5, "crowded"), "shopping-mall": (5, "crowded"),
    "metro": (6, "special"), "river-tunnel": (6, "special"),
    "epidemic-zone": (7, "epidemic"),
}  # fmt: skip
EXPECTED_IDS = list(EXPECTED)

SECTION_KINDS = {
    "火灾特点": "characteristics", "灭火基本要求": "basic_requirements", "灭火基本要点": "basic_requirements",
    "灭火战术要点": "tactical_points", "灭火措施": "measures", "注意事项": "safety_notes",
}  # fmt: skip
ATTACHMENT_7_TITLE = "疫情(不明传染性事件)火灾扑救处置预案"
PUNCTUATION = "；;。,，、:："


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class PlanItem:
    number: str
    text: str

    @property
    def key(self) -> str:
        """The item's opening words, up to the first punctuation: what the data must start with."""
        squashed = squash(self.text)
        cut = min((squashed.find(p) for p in PUNCTUATION if p in squashed), default=len(squashed))
        return squashed[:cut]


@dataclass
class PlanPlaybook:
    title: str
    attachment_7: bool
    sections: dict[str, list[PlanItem]] = field(default_factory=dict)


_PLAYBOOK_HEADING = re.compile(r"^[一二三四五六七八九十]、(.+火灾扑救)$")
_CN = "一二三四五六七八九十"
_SECTION_1_6 = re.compile(rf"^\(([{_CN}])\)\s*(\S.*)$")
_SECTION_7 = re.compile(rf"^([{_CN}])、(.+)$")
_ITEM_PATTERNS_1_6 = (re.compile(r"^(\d+)\s*\.\s*(.*)$"), re.compile(r"^\((\d+)\)\s*(.*)$"))
_ITEM_PATTERNS_7 = (re.compile(rf"^\(([{_CN}])\)\s*(.*)$"), re.compile(r"^(\d+)\s*\.\s*(.*)$"))


def parse_plan(text: str) -> list[PlanPlaybook]:
    """The playbooks of 附件1—7 with their numbered items per section, as the extracted text has them.

    The headings 附件 2, 5, 6, 7 are missing from the extraction, so playbooks are found by their
    titles ("一、高层建筑火灾扑救"), and attachment 7 by its own title.
    """
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "附件 1")
    books: list[PlanPlaybook] = []
    current: PlanPlaybook | None = None
    section: str | None = None
    for raw in lines[start:]:
        line = raw.strip().lstrip("-").strip()
        if line == ATTACHMENT_7_TITLE:
            current, section = PlanPlaybook(ATTACHMENT_7_TITLE, True), None
            books.append(current)
            continue
        heading = _PLAYBOOK_HEADING.match(line)
        if heading and (current is None or not current.attachment_7):
            current, section = PlanPlaybook(heading.group(1), False), None
            books.append(current)
            continue
        if current is None:
            continue
        marker = (_SECTION_7 if current.attachment_7 else _SECTION_1_6).match(line)
        if marker and squash(marker.group(2)) in SECTION_KINDS:
            section = SECTION_KINDS[squash(marker.group(2))]
            current.sections[section] = []
            continue
        if section is None:
            continue
        for index, pattern in enumerate(_ITEM_PATTERNS_7 if current.attachment_7 else _ITEM_PATTERNS_1_6):
            found = pattern.match(line)
            if found:
                number = found.group(1) if index == 0 and not current.attachment_7 else f"({found.group(1)})"
                if current.attachment_7 and index == 1:
                    number = found.group(1)
                current.sections[section].append(PlanItem(number, found.group(2)))
                break
    return books


def local_playbook(playbook_id: str = "district-depot", **changes: Any) -> dict[str, Any]:
    """A valid local playbook (a district's supplementary plan) as data; ``changes`` override keys."""

    def section(kind: str, number: str, zh: str) -> dict[str, Any]:
        return {"kind": kind, "number": number, "heading": {"zh": zh, "en": kind},
                "items": [{"number": "1", "text": {"zh": f"{zh}一", "en": f"{kind} one"}}]}  # fmt: skip

    data: dict[str, Any] = {
        "id": playbook_id, "category": "warehouse", "attachment": 3, "number": "九",
        "name": {"zh": "区级物资仓库", "en": "District depot"},
        "title": {"zh": "区级物资仓库火灾扑救", "en": "District depot firefighting"},
        "site_category": "ordinary_building",
        "site_category_reason": {"zh": "区级补充预案示例", "en": "District supplement example"},
        "keywords": {"zh": ["区级仓库"], "en": ["district depot"]},
        "sections": [section("characteristics", "(一)", "火灾特点"),
                     section("basic_requirements", "(二)", "灭火基本要求"),
                     section("tactical_points", "(三)", "灭火战术要点"),
                     section("measures", "(四)", "灭火措施"),
                     section("safety_notes", "(五)", "注意事项")],
    }  # fmt: skip
    data.update(changes)
    return data


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def line_of(path: Path, key: str) -> int:
    """1-based line of the top-level ``key:`` in ``path``, found by reading the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    raise AssertionError(f"{key} not in {path}")
