"""``firedrill holidays [YEAR]``: the holiday blocks of clause 4.3(1), each with its source and status.

A year is official when the State Council's notice for it is on file (shipped with firedrill, or
entered in the config file's ``rules.holiday_years``); any other year is the ``holidays``
package's estimate, shown as provisional. With no YEAR, this year and the next are listed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from firedrill.adapters import to_jsonable
from firedrill.bounds import EARLIEST, LATEST
from firedrill.errors import InputError

if TYPE_CHECKING:
    from firedrill.rules.holidays_cn import HolidayBlock, HolidayCalendar

HELP = "list the holiday blocks of 4.3(1) for a year, with their source (notice, config or estimate) and status"

# The holidays package estimates China from 2001; no time firedrill takes lies after 2099 (bounds.LATEST).
FIRST_YEAR, LAST_YEAR = max(2001, EARLIEST.year), LATEST.year - 1


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("year", nargs="?", help="the year to list (default: this year and the next)")
    p.add_argument("--config", type=Path, help="config file (rules.holiday_years adds official years)")
    p.add_argument("--json", action="store_true", help="print the calendar as JSON")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")


def _year(raw: str) -> int:
    try:
        year = int(raw)
    except ValueError:
        raise InputError(f"not a year: {raw!r}", field="year") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(f"a year from {FIRST_YEAR} to {LAST_YEAR} (got {year})", field="year")
    return year


def _status(block: HolidayBlock) -> str:
    return "provisional" if block.provisional else "official"


def _year_data(calendar: HolidayCalendar, year: int) -> dict[str, Any]:
    entry = calendar.entry(year)
    notice = None if entry is None else to_jsonable(entry[0].notice, exclude_none=True)
    return {
        "year": year,
        "status": "official" if entry is not None else "provisional",
        "source": "estimate" if entry is None else entry[1],
        "notice": notice,
        "blocks": [
            {
                "name": b.name.as_dict(),
                "start": b.first.isoformat(),
                "end": b.last.isoformat(),
                "days": (b.last - b.first).days + 1,
                "source": b.source,
                "status": _status(b),
            }
            for b in calendar.blocks(year)
        ],
        "workdays": [d.isoformat() for d in calendar.workdays(year)],
    }


def _render(data: dict[str, Any], lang: str) -> list[str]:
    from firedrill.i18n import t

    def L(key: str) -> str:
        return t("holidays", key, lang)

    dash = "—" if lang == "zh" else "–"
    head = f"{L('title')} {data['year']}: {L(data['status'])}, {L('source_' + data['source'])}"
    notice = data["notice"]
    if notice is not None:
        head += f" — {notice['title']}"
        if "number" in notice:
            head += f" {notice['number']}"
        if "number_note" in notice:
            head += f" ({notice['number_note'][lang]})"
    lines = [head]
    if notice is None:
        lines.append(f"  ⚠ {L('no_notice')}")
    for b in data["blocks"]:
        unit = L("day" if b["days"] == 1 else "days")
        days = f"{b['days']}{unit}" if lang == "zh" else f"{b['days']} {unit}"
        lines.append(
            f"  {b['start']}{dash}{b['end']}  {days}  {b['name'][lang]}  "
            f"[{L(b['status'])}; {L('source_' + b['source'])}]"
        )
    sep = "、" if lang == "zh" else ", "
    lines.append(f"  {L('workdays')}: {sep.join(data['workdays']) or t('report', 'none', lang)}")
    return lines


def run(args: argparse.Namespace) -> int:
    from firedrill.config import load_config
    from firedrill.rules.holidays_cn import calendar_for
    from firedrill.timeutil import now_local

    if args.year is not None:
        years = [_year(args.year)]
    else:
        this_year = now_local().year
        years = [this_year, this_year + 1]
    config = load_config(args.config)
    calendar = calendar_for(config.rules.holiday_years)
    data = [_year_data(calendar, year) for year in years]
    if args.json:
        print(json.dumps({"years": data}, ensure_ascii=False, indent=2))
        return 0
    out: list[str] = []
    for item in data:
        if out:
            out.append("")
        out += _render(item, args.lang)
    print("\n".join(out))
    return 0
