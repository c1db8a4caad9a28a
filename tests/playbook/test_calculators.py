"""Calculators against hand-worked examples: the plan's numbers written out, the formula done by hand."""

from __future__ import annotations

import math
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firedrill.errors import InputError
from firedrill.playbook.calculators import (
    Neighbour,
    WindowStatus,
    collapse_window,
    metro_teams,
    tank_cooling,
    warning_zone,
)  # fmt: skip
from firedrill.playbook.collapse import resolve_times
from firedrill.playbook.loader import Library
from firedrill.playbook.schema import Playbook
from firedrill.timeutil import to_local

# 附件2 三(四)2: “按燃烧罐 0.60—0.8 升/秒·平方米,邻近罐 0.35—0.7 升/秒·平方米的冷却强度进行冷却。”
BURNING = (0.60, 0.8)
ADJACENT = (0.35, 0.7)


@pytest.fixture(scope="module")
def oil_tank(library: Library) -> Playbook:
    return library.get("oil-tank")


def test_cooling_by_circumference_is_the_default_and_needs_no_height(oil_tank: Playbook) -> None:
    # 40 m fixed-roof tank (0.8, the top of 0.60—0.8), two above-ground neighbours (0.7, top of 0.35—0.7):
    # π×40×0.8 + 2×½×π×40×0.7 = 100.53 + 87.96 = 188.50 L/s
    result = tank_cooling(oil_tank, 40, neighbours=2)
    assert result.reading == "circumference" and result.height_m is None
    assert result.burning.measure_each == pytest.approx(math.pi * 40)
    assert result.total == pytest.approx(math.pi * 40 * 0.8 + 2 * 0.5 * math.pi * 40 * 0.7)
    assert round(result.total, 1) == 188.5
    assert (round(result.total_min, 1), round(result.total_max, 1)) == (119.4, 188.5)  # the plan's whole ranges
    assert result.formula.endswith("= 188.5 L/s") and "π×40×0.8" in result.formula
    assert tank_cooling(oil_tank, 40, 5, 2).total == pytest.approx(result.total)  # height does not matter


@pytest.mark.parametrize(
    ("tank_type", "intensity"),
    [("fixed_roof", 0.8), ("floating_roof", 0.60), ("浮顶罐", 0.60), ("fixed-roof", 0.8)],
)  # fmt: skip
def test_burning_tank_type_chooses_the_end_of_the_plans_range(oil_tank: Playbook, tank_type: str,
                                                                intensity: float) -> None:  # fmt: skip
    result = tank_cooling(oil_tank, 30, tank_type=tank_type)
    assert result.burning.intensity == intensity
    assert result.total == pytest.approx(math.pi * 30 * intensity)  # 75.40 or 56.55 L/s
    assert result.burning.type_given


def test_each_neighbour_has_its_own_diameter_and_type(oil_tank: Playbook) -> None:
    # floating-roof 50 m burning: π×50×0.6 = 94.25; above-ground 30 m: ½π×30×0.7 = 32.99;
    # insulated 20 m: ½π×20×0.35 = 11.00; buried 10 m: ½π×10×0.35 = 5.50. Total 143.73 L/s.
    neighbours = [Neighbour(diameter_m=30, tank_type="above_ground"), Neighbour(diameter_m=20, tank_type="insulated"),
                  Neighbour(diameter_m=10, tank_type="buried")]  # fmt: skip
    result = tank_cooling(oil_tank, 50, tank_type="floating_roof", neighbour_tanks=neighbours)
    assert [t.intensity for t in result.adjacent] == [0.7, 0.35, 0.35]
    assert [t.diameter_m for t in result.adjacent] == [30, 20, 10]
    expected = math.pi * 50 * 0.6 + 0.5 * math.pi * (30 * 0.7 + 20 * 0.35 + 10 * 0.35)
    assert result.total == pytest.approx(expected)
    assert round(result.total, 2) == 143.73
    assert not any(a.zh.startswith("未给出罐型") for a in result.assumptions)


def test_untyped_tanks_take_the_top_of_the_range_and_say_so(oil_tank: Playbook) -> None:
    result = tank_cooling(oil_tank, 40, neighbours=1)
    assert (result.burning.tank_type, result.adjacent[0].tank_type) == ("fixed_roof", "above_ground")
    assert result.assumptions[0].zh.startswith("未给出罐型")


def test_the_literal_per_square_metre_reading_is_kept_as_an_alternative(oil_tank: Playbook) -> None:
    wall = math.pi * 40 * 20  # 2513.27 m², the burning tank's whole wall
    result = tank_cooling(oil_tank, 40, 20, 2, reading="wall_area")
    assert result.burning.measure_each == pytest.approx(wall) and result.burning.measure_unit == "m²"
    assert result.total == pytest.approx(wall * 0.8 + 2 * 0.5 * wall * 0.7)  # 3769.9 L/s
    assert (round(result.total_min, 1), round(result.total_max, 1)) == (2387.6, 3769.9)
    assert "π×40×20" in result.formula and result.intensity_unit == "L/(s·m²)"
    assert "仅作对照" in result.reading_name.zh and result.caution.en.startswith("This is the literal reading")
    with pytest.raises(InputError) as caught:
        tank_cooling(oil_tank, 40, reading="wall_area")
    assert caught.value.field == "height"


def test_branches_needed_at_a_stated_flow_per_branch(oil_tank: Playbook) -> None:
    result = tank_cooling(oil_tank, 40, neighbours=2, branch_flow_ls=6.5)
    assert result.branches == math.ceil(188.4956 / 6.5) == 29
    unstated = tank_cooling(oil_tank, 40, neighbours=2)
    assert unstated.branches is None and "--nozzle-flow" in unstated.branch_note.en
    assert tank_cooling(oil_tank, 10, branch_flow_ls=25.132741228718345).branches == 1  # exactly one branch
    with pytest.raises(InputError) as caught:
        tank_cooling(oil_tank, 40, branch_flow_ls=0)
    assert caught.value.field == "nozzle-flow"


def test_cooling_quotes_the_plan_and_states_its_reading(oil_tank: Playbook) -> None:
    result = tank_cooling(oil_tank, 10, 10, 0)
    assert [p.cite for p in result.parameters] == ["附件2 三(四)2", "附件2 三(四)2"]
    assert result.adjacent == ()
    assert "GB 50183" in result.citation and result.caution.zh and "罐型" in result.type_reading.zh


def test_plausible_tanks_get_no_warning_and_absurd_ones_do(oil_tank: Playbook) -> None:
    assert tank_cooling(oil_tank, 40, 20, 2, branch_flow_ls=6.5).warnings == ()
    absurd = tank_cooling(oil_tank, 400, 200, 50, branch_flow_ls=500)
    words = " ".join(w.en for w in absurd.warnings)
    assert all(f in words for f in ("diameter of 400 m", "height of 200 m", "50 adjacent", "22996.5 L/s", "500 L/s"))
    assert len(tank_cooling(oil_tank, 40, 20, 2, reading="wall_area").warnings) == 1  # 3769.9 L/s is beyond belief


@given(d=st.floats(1, 120), h=st.floats(1, 40), n=st.integers(0, 12))
def test_cooling_grows_by_one_neighbour_share_per_neighbour(oil_tank: Playbook, d: float, h: float, n: int) -> None:
    for reading, size in (("circumference", math.pi * d), ("wall_area", math.pi * d * h)):
        fewer, more = tank_cooling(oil_tank, d, h, n, reading), tank_cooling(oil_tank, d, h, n + 1, reading)
        assert more.total - fewer.total == pytest.approx(0.5 * size * ADJACENT[1])
        assert fewer.total_min <= fewer.total <= fewer.total_max


@pytest.mark.parametrize(
    ("args", "field"),
    [((-40, 20, 2), "diameter"), ((40, 0, 2), "height"), ((40, 20, -1), "neighbours"),
     ((math.nan, 20, 1), "diameter")],
)  # fmt: skip
def test_cooling_refuses_impossible_tanks(oil_tank: Playbook, args: tuple[float, float, int], field: str) -> None:
    with pytest.raises(InputError) as caught:
        tank_cooling(oil_tank, *args)
    assert caught.value.field == field


def test_cooling_refuses_unknown_tank_types_and_bad_neighbours(oil_tank: Playbook) -> None:
    with pytest.raises(InputError, match="unknown tank type 'spherical'") as caught:
        tank_cooling(oil_tank, 40, tank_type="spherical")
    assert caught.value.field == "tank-type"
    with pytest.raises(InputError) as caught:
        tank_cooling(oil_tank, 40, neighbour_tanks=[Neighbour(diameter_m=20), Neighbour(diameter_m=-1)])
    assert caught.value.field == "neighbour 2 diameter"


def test_cooling_refuses_an_unknown_reading(oil_tank: Playbook) -> None:
    with pytest.raises(InputError, match="unknown reading 'volume'"):
        tank_cooling(oil_tank, 40, 20, 1, reading="volume")


def test_cooling_needs_its_parameters_and_their_unit(oil_tank: Playbook) -> None:
    with pytest.raises(InputError, match="no parameter 'burning_tank_cooling_intensity'"):
        tank_cooling(oil_tank.model_copy(update={"parameters": ()}), 40, 20, 1)
    per_metre = tuple(p.model_copy(update={"unit": "L/(s·m)"}) for p in oil_tank.parameters)
    with pytest.raises(InputError, match="in 'L/\\(s·m\\)'"):
        tank_cooling(oil_tank.model_copy(update={"parameters": per_metre}), 40, 20, 1)


# 附件7 四(三): 10米范围内 重危区, 10—30米 中危区, 30—50米 轻危区, 50米以外 安全区; a boundary goes inwards.
@pytest.mark.parametrize(
    ("distance", "zone"),
    [(0, "zone_severe"), (9.9, "zone_severe"), (10, "zone_severe"), (10.01, "zone_moderate"), (25, "zone_moderate"),
     (30, "zone_moderate"), (30.5, "zone_light"), (50, "zone_light"), (50.01, "zone_safe"), (5000, "zone_safe")],
)  # fmt: skip
def test_warning_zone_by_distance(library: Library, distance: float, zone: str) -> None:
    result = warning_zone(library.get("epidemic-zone"), distance)
    assert result.zone.id == zone
    assert result.on_boundary == (distance in (10, 30, 50))


def test_warning_zone_lists_all_zones_and_the_entrance_officers(library: Library) -> None:
    result = warning_zone(library.get("epidemic-zone"), 25)
    assert [b.name.zh[:3] for b in result.bands] == ["重危区", "中危区", "轻危区", "安全区"]
    assert result.entrance_officers is not None
    assert (result.entrance_officers.minimum, result.entrance_officers.maximum) == (1, 2)
    assert "第一千二百五十九条" in result.citation


@given(st.floats(0, 200), st.floats(0, 200))
def test_warning_zone_never_gets_safer_closer_in(library: Library, a: float, b: float) -> None:
    playbook = library.get("epidemic-zone")
    order = [z.id for z in warning_zone(playbook, 0).bands]
    near, far = sorted((a, b))
    assert order.index(warning_zone(playbook, near).zone.id) <= order.index(warning_zone(playbook, far).zone.id)


def test_warning_zone_refuses_a_negative_distance(library: Library) -> None:
    with pytest.raises(InputError) as caught:
        warning_zone(library.get("epidemic-zone"), -1)
    assert caught.value.field == "distance"


def _at(clock: str) -> datetime:
    return to_local(datetime.fromisoformat(f"2026-03-04T{clock}"))


# 附件5 一(五)1: 起火后 20—30 分钟. Ignition 21:05, so the window is 21:25–21:35, both ends inside.
@pytest.mark.parametrize(
    ("clock", "status", "to_open", "to_close"),
    [("21:20", WindowStatus.BEFORE, 5, None), ("21:25", WindowStatus.INSIDE, None, 10),
     ("21:30", WindowStatus.INSIDE, None, 5), ("21:35", WindowStatus.INSIDE, None, 0),
     ("21:36", WindowStatus.PAST, None, None)],
)  # fmt: skip
def test_theatre_collapse_window(library: Library, clock: str, status: WindowStatus, to_open: float | None,
                                 to_close: float | None) -> None:  # fmt: skip
    result = collapse_window(library.get("theatre"), _at("21:05"), _at(clock))
    assert (result.status, result.minutes_to_open, result.minutes_to_close) == (status, to_open, to_close)
    assert (result.opens_at, result.closes_at) == (_at("21:25"), _at("21:35"))
    assert (result.note is not None) == (status is WindowStatus.PAST)


def test_clock_times_cross_midnight_only_when_stated() -> None:
    ignition, at = resolve_times("23:50", "00:05", _at("12:00"), overnight=True)
    assert (at - ignition).total_seconds() == 15 * 60
    ignition, at = resolve_times("23:50", None, _at("00:10"), overnight=True)
    assert (at - ignition).total_seconds() == 20 * 60


def test_an_ignition_after_the_time_asked_is_refused_not_read_as_yesterday() -> None:
    with pytest.raises(InputError, match=r"after the time asked about.*--overnight") as caught:
        resolve_times("21:05", "21:04", _at("12:00"))
    assert caught.value.field == "ignition"


def test_single_digit_hours_and_seconds_are_clock_times() -> None:
    ignition, at = resolve_times("9:30", "09:52:48", _at("12:00"))
    assert (ignition, at) == (_at("09:30"), _at("09:52:48"))


@pytest.mark.parametrize(
    ("ignition", "at", "field"),
    [("21:05", "half past", "at"), ("25:00", "21:30", "ignition"), ("2026-03-04T21:05", "2026-03-04T20:00", "ignition"),
     ("9:75", "21:30", "ignition")],
)  # fmt: skip
def test_bad_times_are_input_errors(ignition: str, at: str, field: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve_times(ignition, at, _at("12:00"))
    assert caught.value.field == field


def test_before_the_window_carries_the_caution_that_collapse_can_come_earlier(library: Library) -> None:
    before = collapse_window(library.get("theatre"), _at("21:05"), _at("21:10"))
    assert before.caution is not None and "collapse can come earlier" in before.caution.en
    assert collapse_window(library.get("theatre"), _at("21:05"), _at("21:30")).caution is None


# 附件6 一(五)3 and 5: 3—4 侦察小组 of 3—5 人; 内攻 小组 3—5 人, 组与组之间距离 40 米左右.
def test_metro_teams(library: Library) -> None:
    result = metro_teams(library.get("metro"), attackers=12)
    assert result.recon_personnel == (3 * 3, 4 * 5)
    assert result.attack_teams == (math.ceil(12 / 5), 12 // 3)  # 3–4 teams
    assert result.column_length_m == ((3 - 1) * 40, (4 - 1) * 40)


def test_metro_too_few_attackers(library: Library) -> None:
    with pytest.raises(InputError) as caught:
        metro_teams(library.get("metro"), attackers=2)
    assert caught.value.field == "attackers"
    assert metro_teams(library.get("metro")).attack_teams is None
