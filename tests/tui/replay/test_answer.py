"""Reading the drill form: what is accepted as the trainee's answer and what is refused."""

from __future__ import annotations

import pytest

from firedrill.models import Level, Trigger
from firedrill.replay.answers import DispatchDeclared
from firedrill.tui.replay.answer import FormValues, Refused, read_form


def _form(level: str | None = "major", scale: tuple[str, str, str] = ("6", "11", "21"), none: bool = False,
          triggers: tuple[str, ...] = ()) -> FormValues:  # fmt: skip
    return FormValues(level=level, triggers=triggers, scale=scale, plan_sets_none=none)


def test_a_full_answer() -> None:
    declared = read_form(_form(triggers=("night", "manual")), opened_playbook=True)
    assert declared.level is Level.MAJOR and declared.triggers == (Trigger.NIGHT, Trigger.MANUAL)
    assert declared.dispatch == DispatchDeclared(stations=6, formations=11, engines=21)
    assert declared.opened_playbook


def test_the_plan_sets_no_scale_is_an_answer_of_its_own() -> None:
    assert read_form(_form(scale=("", " ", ""), none=True), opened_playbook=False).dispatch is None


def test_full_width_digits_from_a_chinese_input_method_are_numbers() -> None:
    declared = read_form(_form(scale=("１０", "２０", "４０")), opened_playbook=False)
    assert declared.dispatch == DispatchDeclared(stations=10, formations=20, engines=40)


@pytest.mark.parametrize(("form", "key"), [
    (_form(level=None), "error_level"),
    (_form(level="huge"), "error_level"),
    (_form(scale=("6", "", "")), "error_scale"),
    (_form(scale=("", "", "")), "error_scale"),
    (_form(scale=("6", "11", "2.5")), "error_scale"),
    (_form(scale=("-6", "11", "21")), "error_scale"),
    (_form(scale=("六", "11", "21")), "error_scale"),
    (_form(scale=("6", "11", "21"), none=True), "error_scale_both"),
])  # fmt: skip
def test_refused_not_guessed(form: FormValues, key: str) -> None:
    with pytest.raises(Refused) as refused:
        read_form(form, opened_playbook=False)
    assert refused.value.key == key
