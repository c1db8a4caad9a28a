"""Chinese by default, English with one key or --lang en, and no screen mixing the two in its labels."""

from __future__ import annotations

import re

from textual.widgets import Checkbox, Label

from firedrill.tui.widgets.keybar import KeyBar
from tests.tui.conftest import banner_text, enter_value, panel_text, pick_scenario, ready

CJK = re.compile(r"[\u3400-\u9fff]")


def _labels(app) -> list[str]:  # type: ignore[no-untyped-def]
    screen = app.main
    texts = [str(label.content) for label in screen.query(Label)]
    texts += [str(box.label) for box in screen.query(Checkbox)]
    texts += [str(tab.label) for tab in screen.query("ContentTab")]
    texts.append(screen.query_one(KeyBar).content.plain)
    return texts


async def test_f8_switches_every_label_and_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await enter_value(pilot, "burning_area_m2", "700")
        assert all(CJK.search(text) for text in _labels(app) if not text.startswith("^N"))

        await pilot.press("f8")
        await pilot.pause()
        english = _labels(app)
        assert not [text for text in english if CJK.search(text)]
        assert "MAJOR" in banner_text(app) and "Accident grade: Major · Response level: Major" in banner_text(app)
        assert "Stations: 6—9" in panel_text(app, "dispatch")  # 4.4.2: 调集6—9个消防救援站
        assert "Burning m²" in english

        await pilot.press("f8")
        await pilot.pause()
        assert "重 大" in banner_text(app)
        assert "燃烧面积m²" in _labels(app)


async def test_lang_en_from_the_start(make_app) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert not [text for text in _labels(app) if CJK.search(text)]
        assert "GENERAL" in banner_text(app)
