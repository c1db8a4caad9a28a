"""A number no fire can have (1e400, 400 digits) is refused naming the field, never an overflow traceback."""

from __future__ import annotations

import pytest

from firedrill.cli.main import main
from firedrill.errors import InputError
from firedrill.units import money_in_wan, parse_count, parse_money, parse_number


@pytest.mark.parametrize("text", ["1e400", "9" * 400, "Infinity", "inf", "nan", "1e305亿"])
def test_a_number_past_any_real_value_is_refused(text: str) -> None:
    for parse in (parse_number, parse_count, parse_money) if not text.endswith("亿") else (parse_money,):
        with pytest.raises(InputError) as caught:
            parse(text, "burning_area_m2")
        assert caught.value.field == "burning_area_m2"


@pytest.mark.parametrize(("flag", "text"), [("--area", "1e400"), ("--deaths", "9" * 400), ("--loss", "1e400万")])
def test_classify_says_so_in_one_line(capsys: pytest.CaptureFixture[str], flag: str, text: str) -> None:
    assert main(["classify", flag, text]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "field '" in err


@pytest.mark.parametrize("flag", ["--at", "--assess-at"])
def test_a_report_time_without_its_clock_time_is_refused(capsys: pytest.CaptureFixture[str], flag: str) -> None:
    """A bare date would be midnight: inside the night window of 4.3(3), an escalation from a guess."""
    args = ["classify", "--deaths", "12", "--at", "2026-03-10T10:00"]
    args += [flag, "2026-03-10"] if flag == "--assess-at" else []
    if flag == "--at":
        args[-1] = "2026-03-10"
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "clock time" in err and err.count("\n") == 1


def test_money_is_printed_with_every_digit(capsys: pytest.CaptureFixture[str]) -> None:
    """99999999.99 yuan is just under 1亿 (still 重大): printed as 1e+08 it would read as 1亿 (特别重大)."""
    assert main(["classify", "--deaths", "12", "--loss", "99999999.99", "--at", "2026-03-10T10:00"]) == 0
    out = capsys.readouterr().out
    assert "99999999.99 元" in out and "1e+08" not in out


def test_money_in_wan_and_yi_is_parsed_and_shown_exactly() -> None:
    assert parse_money("0.3亿") == 30_000_000
    assert parse_money("4999.99万") == 49_999_900
    assert money_in_wan(99_999_999.99) == ("9999.999999万元", "99.99999999 million yuan")
    assert money_in_wan(1.2e8) == ("1.2亿元", "120 million yuan")
    assert money_in_wan(9999) is None
