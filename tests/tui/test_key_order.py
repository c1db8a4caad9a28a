"""Every key in order, at any speed: keys posted with no pause between them land as typed.

Each burst is posted to the app in one go, the way a terminal hands over keys that arrived
together (a paste without bracketed paste, SSH, a loaded machine): nothing waits for the app
between them. What is recorded is read back from the journal.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import ready, recorded_facts

BS = "backspace"


def _key(key: str) -> events.Key:
    """The Key event a terminal gives for ``key``: a character, or a key name such as ``backspace``."""
    if len(key) == 1 and not key.isalnum():
        return events.Key(unicodedata.name(key).lower().replace(" ", "_"), key)
    return events.Key(key, None)


async def burst(pilot: Pilot[object], *keys: str) -> None:
    """Post every key at once (no pause between them), then wait until the app has acted on all."""
    for key in keys:
        pilot.app.post_message(_key(key))
    await pilot.pause()
    await pilot.pause()


def _value(app, field: str) -> str:  # type: ignore[no-untyped-def]
    return app.main.query_one(f"#in-{field}", Input).value


async def test_backspace_between_digits_records_what_was_typed(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.main.form.focus_field("burning_area_m2")
        await burst(pilot, "8", "0", "0", BS, "5", "enter")
        assert _value(app, "burning_area_m2") == "805"
        assert recorded_facts(app.engine.journal, app.main.active.id)["burning_area_m2"] == 805

        app.main.form.focus_field("direct_loss_yuan")
        await burst(pilot, "6", "5", "0", BS, BS, "2", "0", "enter")
        assert recorded_facts(app.engine.journal, app.main.active.id)["direct_loss_yuan"] == 620


async def test_ctrl_u_then_text_replaces_the_field(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.main.form.focus_field("location")
        await burst(pilot, *"old place", "enter")
        await burst(pilot, "ctrl+u", *"汉正街", "enter")
        assert recorded_facts(app.engine.journal, app.main.active.id)["location"] == "汉正街"
        await burst(pilot, "home", "ctrl+k", *"江汉路", "left", "left", "delete", "1", "end", " ", "2", "ctrl+w", "3")
        assert _value(app, "location") == "江1路 3"


async def test_tab_moves_the_following_keys_to_the_next_fields(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.main.form.focus_field("reported_at")
        await burst(pilot, "ctrl+u", *"14:10", "tab", "tab", "1", "2", "tab", "3", "shift+tab", "4")
        assert _value(app, "reported_at") == "14:10"
        assert _value(app, "ignition_at") == ""
        # Shift+Tab back into 死亡人数 selects its text (as Tab into any field does): 4 replaces 12.
        assert _value(app, "deaths") == "4"
        assert _value(app, "serious_injuries") == "3"
        await burst(pilot, "enter")
        facts = recorded_facts(app.engine.journal, app.main.active.id)
        assert facts["deaths"] == 4 and facts["serious_injuries"] == 3
        assert str(facts["reported_at"]).endswith("14:10:00+08:00")
        assert "direct_loss_yuan" not in facts


async def test_a_paste_lands_whole_in_its_field(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.main.form.focus_field("direct_loss_yuan")
        pilot.app.post_message(events.Paste("5000万\n"))
        await burst(pilot, "tab")
        assert _value(app, "direct_loss_yuan") == "5000万"
        assert recorded_facts(app.engine.journal, app.main.active.id)["direct_loss_yuan"] == 50_000_000
        # A paste that arrives after a Tab not yet acted on goes to the next field, whole.
        app.main.form.focus_field("location")
        pilot.app.post_message(_key("tab"))
        pilot.app.post_message(events.Paste("114.27,30.58"))
        await burst(pilot)
        assert _value(app, "location") == "" and _value(app, "scene") == "114.27,30.58"
