"""One English rendering per Chinese term, across every playbook; units and figures labelled in Chinese."""

from __future__ import annotations

from firedrill.models import Text
from firedrill.playbook.calculators import metro_teams, warning_zone
from firedrill.playbook.glossary import inconsistencies, load_glossary, texts
from firedrill.playbook.loader import Library
from firedrill.playbook.render import render_teams, render_zone


def test_every_glossary_term_is_rendered_the_same_way_everywhere(library: Library) -> None:
    found = [f"{i.playbook_id} {i.path}: {i.term.zh} → {i.term.en!r} missing in {i.english[:80]!r}"
             for i in inconsistencies(library)]  # fmt: skip
    assert found == []


def test_every_glossary_term_occurs_in_the_playbooks(library: Library) -> None:
    chinese = ["".join(t.zh.split()) for p in library.all() for _, t in texts(p)]
    assert [term.zh for term in load_glossary().terms if not any(term.zh in z for z in chinese)] == []


def test_a_different_rendering_is_caught(library: Library) -> None:
    oil_tank = library.get("oil-tank")
    section = oil_tank.sections[0]
    item = section.items[3]  # 形成沸溢与喷溅
    changed = item.model_copy(update={"text": Text(zh=item.text.zh, en="Boilover and slopover occur;")})  # type: ignore[union-attr]
    items = (*section.items[:3], changed, *section.items[4:])
    sections = (section.model_copy(update={"items": items}), *oil_tank.sections[1:])
    terms = {i.term.zh for i in inconsistencies((oil_tank.model_copy(update={"sections": sections}),))}
    assert terms == {"沸溢", "喷溅"}


def test_violent_ejection_is_never_slopover_and_boil_over_is_hyphenated(library: Library) -> None:
    english = " ".join(t.en for p in library.all() for _, t in texts(p)).casefold()
    assert "slopover" not in english and "boilover" not in english
    assert "violent ejection" in english and "boil-over" in english


def test_chinese_output_counts_people_in_ren_and_labels_the_metro_figure(library: Library) -> None:
    zone = "\n".join(render_zone(warning_zone(library.get("epidemic-zone"), 5), "zh"))
    assert "1–2 人" in zone and "persons" not in zone
    metro = render_teams(metro_teams(library.get("metro"), 12), "zh")
    assert metro[0] == "侦察力量: 3–4 个小组 × 每组 3–5 人 = 9–20 人"
    assert metro[1] == "内攻力量: 12 人 → 3–4 个小组, 队列长约 80–120 m"
    english = render_teams(metro_teams(library.get("metro"), 12), "en")
    assert english[1] == "Interior attack: 12 persons → 3–4 teams, a column about 80–120 m long"
