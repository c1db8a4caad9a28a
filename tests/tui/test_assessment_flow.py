"""The dispatcher types; the level, reasons, dispatch and groups follow without a key to submit."""

from __future__ import annotations

from firedrill.journal import EventKind
from tests.tui.conftest import banner_text, enter_value, panel_text, pick_scenario, ready, type_into


async def test_night_mall_fire_growing_from_300_to_800_m2(make_app, clock) -> None:
    clock.advance(hours=1, minutes=30)  # 23:20
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await enter_value(pilot, "reported_at", "23:10")
        await type_into(pilot, "burning_area_m2", "300")
        # 300 m² grades no level of clause 1.4: the night trigger is listed but does not raise it.
        assert "一 般" in banner_text(app)
        assert "夜间(22时至6时)" in banner_text(app)
        assessment = panel_text(app, "assessment")
        assert "[4.3(3)]" in assessment and "4.3升级只适用于重大火灾事故" in assessment
        app.main.tick()

        await type_into(pilot, "burning_area_m2", "800")
        banner = banner_text(app)
        assert "特 别 重 大" in banner and "事故等级：重大 · 火警等级：特别重大" in banner and "已升级" in banner
        assessment = panel_text(app, "assessment")
        assert "[1.4]" in assessment and "实际 800 平方米" in assessment and "≥ 600 平方米, < 1000 平方米" in assessment
        dispatch = panel_text(app, "dispatch")
        assert "消防救援站：10 以上" in dispatch and "重型机械工程救援大队" in dispatch
        groups = panel_text(app, "groups").splitlines()
        stressed = [line for line in groups if line.startswith("★ 重点")]
        assert stressed and "现场警戒组" in stressed[0]  # the mall playbook names 市公安局(现场警戒组) first
        app.main.tick()
        session = app.main.active
        levels = [e.payload["level"] for e in session.events if e.kind is EventKind.ASSESSMENT]
        assert levels[-1] == "especially_major"
        alerts = [e.payload["code"] for e in session.events if e.kind is EventKind.ALERT]
        assert alerts == ["night_trigger_listed", "night_trigger"]  # told again once it counts


async def test_clock_passing_22_00_escalates_an_open_major_fire(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await type_into(pilot, "burning_area_m2", "800")
        assert "重 大" in banner_text(app) and "特 别" not in banner_text(app)

        clock.advance(minutes=11)  # 22:01
        app.main.tick()
        await pilot.pause()
        assert "特 别 重 大" in banner_text(app)
        assert any("重大 → 特别重大" in text for text in app.announcements)
        events = app.main.active.events
        change = [e for e in events if e.kind is EventKind.ASSESSMENT][-1]
        assert change.payload["triggers"] == ["night"] and change.at.hour == 22
        assert any(e.kind is EventKind.ALERT and e.payload["code"] == "night_trigger" for e in events)
        assert "等级变化：重大 → 特别重大" in panel_text(app, "timeline")


async def test_calls_for_the_same_location_feed_the_rising_calls_trigger(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await type_into(pilot, "burning_area_m2", "700")
        # Local setting (config.py): 3 buckets of 10 minutes with strictly rising counts.
        for minutes, calls in ((0, 1), (10, 2), (10, 3)):
            clock.advance(minutes=minutes)
            for _ in range(calls):
                await pilot.press("f4")
        await pilot.pause()
        assert app.main.query_one("#calls-count").content == "6"
        assert "同一地点来电持续增多" in banner_text(app)
        assert "特 别 重 大" in banner_text(app)
        calls = [e for e in app.main.active.events if e.kind is EventKind.CALL]
        assert len(calls) == 6


async def test_manual_escalation_needs_a_reason_and_names_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await type_into(pilot, "burning_area_m2", "700")
        await pilot.press("f9")
        assert app.focused is app.main.query_one("#in-manual_escalation")
        app.focused.value = "周边有危化品仓库"  # type: ignore[union-attr]
        await pilot.press("enter")
        await pilot.pause()
        assert "特 别 重 大" in banner_text(app) and "其他情况(人工升级)" in banner_text(app)
        assert "周边有危化品仓库" in panel_text(app, "assessment")
        facts = [e.payload for e in app.main.active.events if e.kind is EventKind.FACT]
        assert facts[-1]["changes"] == {"manual_escalation": "周边有危化品仓库"}


async def test_hazard_checkbox_and_money_with_units(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "direct_loss_yuan", "5000万")
        assert "重 大" in banner_text(app)  # 5000万 = 5e7 yuan: 1.4 major (5000万元以上1亿元以下)
        app.main.query_one("#hz-boilover").focus()
        await pilot.press("space")
        await pilot.pause()
        assert "特 别 重 大" in banner_text(app)
        assert "沸溢" in panel_text(app, "assessment") or "险情" in panel_text(app, "assessment")


async def test_wind_in_metres_per_second_raises_the_weather_trigger_in_the_screen_language(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await enter_value(pilot, "burning_area_m2", "700")
        await enter_value(pilot, "gust", "20m/s")  # 20 m/s is force 8 on the Beaufort scale (wind.yaml)
        assert "特 别 重 大" in banner_text(app) and "大风/恶劣气候" in banner_text(app)
        text = panel_text(app, "assessment")
        assert "[4.3(2)]" in text and "阵风8级" in text and "gust force" not in text
