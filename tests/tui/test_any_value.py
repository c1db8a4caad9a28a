"""No value crashes the console: any text in any field is taken, or marked ✗ with a message.

The session (the form over the incident core) is driven with hypothesis strings in every text
field and recorded each time, as the console records on a pause; then the numbers the issue
reports crashing the console are typed into a running console.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from firedrill.incident.entry import FIELDS, TEXT_INPUT_KINDS
from firedrill.tui.clock import ManualClock
from firedrill.tui.engine import Engine, Options, load_engine
from firedrill.tui.session import Session
from firedrill.tui.words import keys
from tests.tui.conftest import EVENING, pick_scenario, ready, type_into

TEXT_FIELDS = [spec.id for spec in FIELDS if spec.kind in TEXT_INPUT_KINDS]
NUMBERISH = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.eE+-,万亿元级m/s: ", max_size=40),
    st.integers(min_value=0, max_value=10**400).map(str),
    st.sampled_from(["1e309", "9" * 320, "-1e309", "nan", "inf", "1e-400", "١٢", "²", "1_000", "0x10",
                     "1e309万", "9" * 400 + "级", "1e309m/s", "\x00", "\u202e12"]),
)  # fmt: skip


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    loaded = load_engine(Options(data_dir=Path(tmp_path_factory.mktemp("data"))))
    yield loaded
    loaded.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(TEXT_FIELDS), text=NUMBERISH)
def test_any_text_in_any_field_is_taken_or_marked(engine: Engine, field: str, text: str) -> None:
    session = Session.start(engine, ManualClock(EVENING))
    session.edit(field, text)
    session.flush()  # what the console does after the pause: never raises for a typed value
    if field in session.errors:
        assert f"error_{session.errors[field]}" in keys()  # a message in both languages
        assert field not in session.pending
    else:
        assert session.assessment is not None
    session.reassess()


@pytest.mark.parametrize(("field", "text"), [("deaths", "1e309"), ("burning_area_m2", "9" * 320),
                                             ("direct_loss_yuan", "9" * 320 + "亿"), ("wind", "1e309m/s")])  # fmt: skip
async def test_huge_numbers_are_marked_not_crashed(make_app, field: str, text: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_into(pilot, field, text)
        await pilot.pause(0.7)
        assert app.is_running and app.return_code is None
        mark = app.main.query_one(f"#mark-{field}")
        message = app.main.query_one(f"#err-{field}")
        assert mark.has_class("-error"), (field, text)
        assert message.has_class("-shown") and str(message.content)
        assert field not in app.main.active.pending


CALCULATOR_TEXTS = ["1e309", "9" * 320, "nan", "-inf", "1e300", "1e-400", "١٢", "0x10", "", "abc"]


@pytest.mark.parametrize("scenario", ["油罐", "地铁", "疫情"])
async def test_calculators_take_any_text(make_app, scenario: str) -> None:
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, scenario)
        await pilot.press("f6")
        await pilot.pause()
        fields = [f for f in app.main.query("#calculators Input").results(Input) if f.parent and f.parent.parent
                  and f.parent.parent.display]  # fmt: skip
        assert fields, scenario
        for field in fields:
            for text in CALCULATOR_TEXTS:
                for other in fields:
                    other.value = "20" if other is not field else text
                await pilot.pause()
                assert app.is_running and app.return_code is None, (field.id, text)
                result = app.main.query_one(f"#{field.parent.parent.id}-result")  # type: ignore[union-attr]
                assert result.text.strip(), (field.id, text)
