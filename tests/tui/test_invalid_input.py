"""Bad input is marked at the field; the last valid assessment stays, marked stale; nothing bad is recorded."""

from __future__ import annotations

from firedrill.journal import EventKind
from tests.tui.conftest import banner_text, enter_value, pick_scenario, ready, recorded_facts, type_into


def _field_message(app, field: str) -> str:  # type: ignore[no-untyped-def]
    widget = app.main.query_one(f"#err-{field}")
    return str(widget.content) if widget.has_class("-shown") else ""


async def test_letters_negative_and_bad_time_keep_the_last_valid_assessment(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await enter_value(pilot, "burning_area_m2", "700")
        assert "重 大" in banner_text(app) and "输入有误" not in banner_text(app)

        await type_into(pilot, "deaths", "abc")
        assert _field_message(app, "deaths") == "应为整数(人数)"
        assert app.main.query_one("#in-deaths").has_class("-bad")
        banner = banner_text(app)
        assert "重 大" in banner and "输入有误,显示的是最后一次有效评估：死亡人数" in banner
        assert app.main.banner.has_class("-stale")

        # While stale, a valid change elsewhere does not replace the assessment shown.
        await enter_value(pilot, "burning_area_m2", "1200")
        assert "特 别" not in banner_text(app)

        await type_into(pilot, "serious_injuries", "-3")
        assert _field_message(app, "serious_injuries") == "不能为负数"
        await type_into(pilot, "reported_at", "25:99")
        assert _field_message(app, "reported_at").startswith("时间写法如")

        for field, text in (("deaths", "0"), ("serious_injuries", "2"), ("reported_at", "21:50")):
            await enter_value(pilot, field, text)
        assert _field_message(app, "deaths") == ""
        banner = banner_text(app)
        assert "输入有误" not in banner and "特 别 重 大" in banner  # now 1200 m² counts
        recorded = [e.payload for e in app.main.active.events if e.kind is EventKind.FACT]
        assert all(v not in ("abc", -3) for p in recorded for v in p["changes"].values())
        assert recorded_facts(app.engine.journal, app.main.active.id)["burning_area_m2"] == 1200


async def test_typed_field_is_marked_pending_until_the_journal_has_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_into(pilot, "burning_area_m2", "300", leave=False)
        mark = app.main.query_one("#mark-burning_area_m2")
        assert mark.has_class("-pending")
        journal = app.engine.journal
        ident = app.main.active.id
        assert "burning_area_m2" not in recorded_facts(journal, ident)
        await pilot.press("enter")  # Enter (or Tab, or a pause) records it
        await pilot.pause()
        assert mark.has_class("-recorded")
        assert recorded_facts(journal, ident)["burning_area_m2"] == 300


async def test_quitting_records_what_was_still_pending(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_into(pilot, "deaths", "4", leave=False)
        ident = app.main.active.id
        await pilot.press("ctrl+q")
        await pilot.pause()
    from firedrill.datadir import default_db_path
    from firedrill.journal import Journal

    with Journal.open(default_db_path(app.engine.data_dir)) as journal:
        assert recorded_facts(journal, ident)["deaths"] == 4
